// Part 1 and 2: verification throughput in Node, every implementation side by side, plus the
// wasm SHA-256 ceiling. Run by bench/run.mjs in its own process:
//   node bench/node-verify.mjs <config.json>   (config: { entry, reps, minMs, sizes, shapes, out })
// For each body shape (bench/lib/fixtures.mjs SHAPES) and size: build genuine deliveries, check that every implementation accepts its
// delivery and rejects a tampered body, warm up, then time them in interleaved rounds (the
// order rotates each round) and keep the median ops/s of the rounds with min and max.

import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { makeShapedBody, sizeLabel, SHAPES } from "./lib/fixtures.mjs";
import { buildImplementations, outcome } from "./lib/impls.mjs";
import { opsPerSecond, calibrate, summary } from "./lib/stats.mjs";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const hg = await import(pathToFileURL(config.entry).href);
const NOW = 1_795_000_000; // fixed "now" for hookguard and the baselines that take one

// byShape: the rows of each shape; sizes: the envelope's (what the rest of the report reads).
const results = { sizes: [], byShape: {}, implementations: {} };
const log = (s) => process.stderr.write(s + "\n");

for (const [shape, size] of (config.shapes ?? SHAPES).flatMap((sh) => config.sizes.map((n) => [sh, n]))) {
  const body = makeShapedBody(shape, size);
  const { impls } = await buildImplementations(hg, body, NOW);
  const row = { shape, size, label: sizeLabel(size), results: {} };

  // Correctness first: a benchmark of something that does not verify is worthless.
  for (const impl of impls) {
    results.implementations[impl.key] ??= {
      name: impl.name, group: impl.group, async: !!impl.async, jsonParse: impl.jsonParse, does: impl.does,
    };
    const ok = await outcome(impl.run);
    if (!ok.accepted) throw new Error(`${impl.name} rejected its genuine ${size}-byte delivery: ${ok.why}`);
    if (impl.tampered) {
      const bad = await outcome(impl.tampered);
      if (bad.accepted) throw new Error(`${impl.name} accepted a tampered ${size}-byte body`);
      row.results[impl.key] = { tamperedRejectedWith: String(bad.why) };
    } else {
      row.results[impl.key] = {};
    }
  }

  // Warm up (JIT tiers, wasm tier-up) and size the batches.
  const batch = {};
  for (const impl of impls) {
    batch[impl.key] = await calibrate(impl.run, { isAsync: impl.async, ms: config.warmMs });
  }

  const samples = Object.fromEntries(impls.map((i) => [i.key, []]));
  for (let round = 0; round < config.reps; round++) {
    for (let k = 0; k < impls.length; k++) {
      const impl = impls[(k + round) % impls.length];
      const ops = await opsPerSecond(impl.run, { minMs: config.minMs, isAsync: impl.async, batch: batch[impl.key] });
      samples[impl.key].push(ops);
    }
  }
  // Paired ratios: within one round the implementations run back to back, so the ratio of two
  // of them in the same round cancels most of the slow drift in background load; the median of
  // the per-round ratios is the number the targets use.
  const paired = (key, ref) => summary(samples[key].map((v, i) => v / samples[ref][i]));
  for (const impl of impls) {
    const s = summary(samples[impl.key]);
    const vsNode = paired(impl.key, "node-crypto");
    const vsCeiling = paired(impl.key, "ceiling-wasm-sha256");
    Object.assign(row.results[impl.key], {
      opsPerSec: s.median, min: s.min, max: s.max, spreadPct: s.spreadPct, reps: s.n, samples: s.samples,
      MBps: (s.median * size) / 1e6, nsPerOp: 1e9 / s.median,
      vsNodeCrypto: { median: vsNode.median, min: vsNode.min, max: vsNode.max },
      vsCeiling: { median: vsCeiling.median, min: vsCeiling.min, max: vsCeiling.max },
    });
  }
  row.pairedVsHookguard = Object.fromEntries(
    impls.map((i) => [i.key, paired("hookguard-verifier-string", i.key)]).map(([k, v]) => [k, { median: v.median, min: v.min, max: v.max }]),
  );
  (results.byShape[shape] ??= []).push(row);
  if (shape === "envelope") results.sizes.push(row);
  log(`  ${shape} ${sizeLabel(size).padStart(6)}: ` + impls.map((i) => `${i.key}=${Math.round(row.results[i.key].opsPerSec)}`).join(" "));
}

writeFileSync(config.out, JSON.stringify(results, null, 2));
