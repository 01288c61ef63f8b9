// This build against an earlier one, side by side in one process: hookguard's inSigner verify
// (reused Verifier, string and Uint8Array bodies) from the tarball under test and from the
// tarball built at a baseline git ref, timed in the same interleaved rounds. Run by
// bench/run.mjs (`--baseline <git-ref>`) in its own process:
//   node bench/baseline.mjs <config.json>
//   (config: { entry, baselineEntry, ref, commit, sizes, reps, slices, sliceMs, warmMs, out })
// A 5 % question needs finer pairing than the other sections' rounds: within each round the
// builds alternate in batches of a few milliseconds (bench/lib/rounds.mjs timeInterleaved), so
// both see the same background load. The two packages are installed in different directories, so each has its own module
// instance, its own wasm memory and its own JIT feedback.

import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { makeBody, tamper, sizeLabel, SECRET, EVENT } from "./lib/fixtures.mjs";
import { checkAll, timeInterleaved, pairedRatio, opsSummary } from "./lib/rounds.mjs";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const cur = await import(pathToFileURL(config.entry).href);
const base = await import(pathToFileURL(config.baselineEntry).href);
const NOW = 1_795_000_000;
const log = (s) => process.stderr.write(s + "\n");
const out = {
  ref: config.ref, commit: config.commit, currentVersion: cur.version, baselineVersion: base.version,
  reps: config.reps, slices: config.slices, sliceMs: config.sliceMs, sizes: [],
};

for (const size of config.sizes) {
  const body = makeBody(size);
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
  if (ok.length !== impls.length) throw new Error(`baseline comparison at ${size} B: ${JSON.stringify(failed)}`);
  const samples = await timeInterleaved(impls, config);
  const row = { size, label: sizeLabel(size), results: {}, paired: {} };
  for (const i of impls) row.results[i.key] = opsSummary(samples[i.key], size);
  row.paired.string = pairedRatio(samples, "current-string", "baseline-string");
  row.paired.bytes = pairedRatio(samples, "current-bytes", "baseline-bytes");
  out.sizes.push(row);
  log(`  ${sizeLabel(size).padStart(6)}: current/baseline ${row.paired.string.median.toFixed(3)}x (string), ${row.paired.bytes.median.toFixed(3)}x (Uint8Array); ` +
    impls.map((i) => `${i.key}=${Math.round(row.results[i.key].opsPerSec)}`).join(" "));
}

writeFileSync(config.out, JSON.stringify(out, null, 2));
