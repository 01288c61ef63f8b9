// Checking and timing a set of implementations side by side (used by bench/families.mjs and
// bench/baseline.mjs; bench/node-verify.mjs keeps its own loop).

import { opsPerSecond, calibrate, summary, consume } from "./stats.mjs";
import { outcome } from "./impls.mjs";

/**
 * Checks that each implementation accepts its genuine delivery and rejects the tampered one.
 * Returns { ok: [impls that passed], failed: { key: reason } }.
 */
export async function checkAll(impls) {
  const ok = [];
  const failed = {};
  const rejected = {};
  for (const impl of impls) {
    const good = await outcome(impl.run);
    if (!good.accepted) {
      failed[impl.key] = `rejected its genuine delivery: ${good.why}`;
      continue;
    }
    const bad = await outcome(impl.tampered);
    if (bad.accepted) {
      failed[impl.key] = "accepted a copy with one body byte changed";
      continue;
    }
    rejected[impl.key] = String(bad.why);
    ok.push(impl);
  }
  return { ok, failed, rejected };
}

/**
 * Warms every implementation up, then times them in `reps` interleaved rounds (the order
 * rotates each round, and reverses every other round, so no implementation always follows the
 * same neighbour). Returns { key: [ops/s per round] }.
 */
export async function timeRounds(impls, { reps, minMs, warmMs }) {
  const batch = {};
  for (const impl of impls) batch[impl.key] = await calibrate(impl.run, { isAsync: impl.async, ms: warmMs });
  const samples = Object.fromEntries(impls.map((i) => [i.key, []]));
  for (let round = 0; round < reps; round++) {
    const order = impls.map((_, k) => impls[(k + round) % impls.length]);
    if (round % 2) order.reverse();
    for (const impl of order) {
      samples[impl.key].push(await opsPerSecond(impl.run, { minMs, isAsync: impl.async, batch: batch[impl.key] }));
    }
  }
  return samples;
}

/** Median, min, max, quartiles of the per-round ratios a/b. */
export function pairedRatio(samples, a, b) {
  const r = samples[a].map((v, i) => v / samples[b][i]);
  const s = [...r].sort((x, y) => x - y);
  const q = (p) => s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))];
  const { median, min, max } = summary(r);
  return { median, min, max, q1: q(0.25), q3: q(0.75), n: r.length, samples: r };
}

/** The per-implementation summary stored in the results file. */
export function opsSummary(samples, size) {
  const s = summary(samples);
  return {
    opsPerSec: s.median, min: s.min, max: s.max, spreadPct: s.spreadPct, reps: s.n, samples: s.samples,
    MBps: (s.median * size) / 1e6, nsPerOp: 1e9 / s.median,
  };
}

/**
 * Finer interleaving for close comparisons (synchronous functions only): each round is
 * `slices` passes over the implementations, each pass running every implementation for one
 * batch of about sliceMs (the order alternating A B … / … B A between passes), so that the
 * implementations compared see the same background load to within a few milliseconds.
 * Returns { key: [ops/s of each batch] }, aligned across keys (index = round x slices + pass):
 * a paired ratio over these is the median of per-pass ratios, which a batch that lost the CPU
 * to another process (a preempted slice) moves no more than any one sample.
 */
export async function timeInterleaved(impls, { reps, slices, sliceMs, warmMs }) {
  const batch = {};
  for (const impl of impls) batch[impl.key] = await calibrate(impl.run, { ms: warmMs, targetMs: sliceMs });
  // A long interleaved warm-up (about a third of a second per implementation, plus two
  // discarded rounds), so that both builds' wasm has tiered up from Liftoff and their JS is
  // optimised before anything counts: on a loaded machine the background compiles lag.
  for (let w = 0; w < Math.ceil(300 / sliceMs); w++) {
    for (const impl of impls) for (let i = 0; i < batch[impl.key]; i++) consume(impl.run());
  }
  const samples = Object.fromEntries(impls.map((i) => [i.key, []]));
  for (let round = -2; round < reps; round++) {
    for (let s = 0; s < slices; s++) {
      const order = (s + round + 2) % 2 ? [...impls].reverse() : impls;
      for (const impl of order) {
        const b = batch[impl.key];
        const f = impl.run;
        const t0 = performance.now();
        for (let i = 0; i < b; i++) consume(f());
        const ms = performance.now() - t0;
        if (round >= 0) samples[impl.key].push((b / ms) * 1000);
      }
    }
  }
  return samples;
}
