// This build against an earlier one, side by side in one process: hookguard's inSigner verify
// (reused Verifier, string and Uint8Array bodies) from the tarball under test and from the
// tarball built at a baseline git ref, timed in the same interleaved rounds. Run by
// bench/run.mjs (`--baseline <git-ref>`) in its own process:
//   node bench/baseline.mjs <config.json>
//   (config: { entry, baselineEntry, baselineFirst, ref, commit, sizes, shapes, reps, slices,
//    sliceMs, warmMs, out }: every body shape at every size); it writes per-batch samples, which bench/lib/baseline-summary.mjs merges
//   over the processes bench/run.mjs starts (the import order alternating between them).
// A 5 % question needs finer pairing than the other sections' rounds: within each round the
// builds alternate in batches of a few milliseconds (bench/lib/rounds.mjs timeInterleaved), so
// both see the same background load. The two packages are installed in different directories, so each has its own module
// instance, its own wasm memory and its own JIT feedback.

import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { makeShapedBody, tamper, sizeLabel, SECRET, EVENT } from "./lib/fixtures.mjs";
import { checkAll, timeInterleaved, pairedRatio } from "./lib/rounds.mjs";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
// Which package is imported (and so instantiated) first alternates between processes.
const load = (f) => import(pathToFileURL(f).href);
const [cur, base] = config.baselineFirst
  ? await load(config.baselineEntry).then(async (b) => [await load(config.entry), b])
  : await load(config.entry).then(async (c) => [c, await load(config.baselineEntry)]);
const NOW = 1_795_000_000;
const log = (s) => process.stderr.write(s + "\n");
const out = {
  ref: config.ref, commit: config.commit, currentVersion: cur.version, baselineVersion: base.version,
  reps: config.reps, slices: config.slices, sliceMs: config.sliceMs, baselineFirst: !!config.baselineFirst, sizes: [],
};

for (const [shape, size] of (config.shapes ?? ["envelope"]).flatMap((sh) => config.sizes.map((n) => [sh, n]))) {
  const body = makeShapedBody(shape, size);
  const bad = tamper(body);
  const enc = new TextEncoder();
  const bytes = enc.encode(body);
  const badBytes = enc.encode(bad);
  const env = JSON.parse(body);
  // One delivery for both builds, signed by the build under test (both must accept it).
  const { headers } = cur.sign({ provider: "insigner", secret: SECRET, body, timestamp: NOW - 5, id: env.id, event: EVENT });
  const at = { now: NOW };
  const impls = [];
  for (const [who, hg] of [["current", cur], ["baseline", base]]) {
    const v = new hg.Verifier({ provider: "insigner", secret: SECRET });
    impls.push(
      { key: `${who}-string`, run: () => v.verify(headers, body, at), tampered: () => v.verify(headers, bad, at) },
      { key: `${who}-bytes`, run: () => v.verify(headers, bytes, at), tampered: () => v.verify(headers, badBytes, at) },
    );
  }
  const { ok, failed } = await checkAll(impls);
  if (ok.length !== impls.length) throw new Error(`baseline comparison, ${shape} ${size} B: ${JSON.stringify(failed)}`);
  const samples = await timeInterleaved(impls, config);
  const row = { shape, size, samples };
  const med = (k) => pairedRatio(samples, `current-${k}`, `baseline-${k}`).median;
  log(`  ${shape} ${sizeLabel(size).padStart(6)}: this/baseline ${med("string").toFixed(3)}x (string), ${med("bytes").toFixed(3)}x (Uint8Array)` +
    (config.baselineFirst ? " [baseline imported first]" : ""));
  out.sizes.push(row);
}

writeFileSync(config.out, JSON.stringify(out, null, 2));
