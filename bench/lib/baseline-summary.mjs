// Summaries of the baseline comparison (bench/baseline.mjs), merged over the processes that
// ran it: each process writes its per-batch samples; this turns them into the results-file
// rows (no raw samples: they are many).

import { sizeLabel } from "./fixtures.mjs";
import { pairedRatio, opsSummary } from "./rounds.mjs";

const lean = ({ samples: _, ...rest }) => rest;
const KEYS = ["current-string", "current-bytes", "baseline-string", "baseline-bytes"];

/**
 * runs: the outputs of bench/baseline.mjs (one per process), each { reps, slices, sizes:
 * [{ shape, size, samples: { key: [ops/s per batch] } }] }. Returns the rows of
 * res.baseline.sizes, one per body shape and size.
 */
export function summarizeBaseline(runs) {
  return runs[0].sizes.map(({ shape = "envelope", size }) => {
    const per = runs.map((r) => ({ r, s: r.sizes.find((x) => (x.shape ?? "envelope") === shape && x.size === size) }));
    const all = Object.fromEntries(KEYS.map((k) => [k, per.flatMap(({ s }) => s.samples[k])]));
    const row = { shape, size, label: sizeLabel(size), results: {}, paired: {} };
    for (const k of KEYS) row.results[k] = lean(opsSummary(all[k], size));
    row.paired.string = lean(pairedRatio(all, "current-string", "baseline-string"));
    row.paired.bytes = lean(pairedRatio(all, "current-bytes", "baseline-bytes"));
    // How stable that median is: the same median taken within each round (its own batches),
    // over every round of every process; the report shows the spread of these.
    const roundMedians = (a, b) => per.flatMap(({ r, s }) => Array.from({ length: r.reps }, (_, i) => {
      const lo = i * r.slices, hi = lo + r.slices;
      return pairedRatio({ a: s.samples[a].slice(lo, hi), b: s.samples[b].slice(lo, hi) }, "a", "b").median;
    }));
    const spread = (xs) => lean(pairedRatio({ a: xs, b: xs.map(() => 1) }, "a", "b"));
    row.paired.stringRounds = spread(roundMedians("current-string", "baseline-string"));
    row.paired.bytesRounds = spread(roundMedians("current-bytes", "baseline-bytes"));
    // And per process (module load order alternates between processes).
    row.paired.perProcess = per.map(({ r, s }) => ({
      baselineImportedFirst: !!r.baselineFirst,
      string: pairedRatio(s.samples, "current-string", "baseline-string").median,
      bytes: pairedRatio(s.samples, "current-bytes", "baseline-bytes").median,
    }));
    return row;
  });
}
