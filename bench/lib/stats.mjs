// Small statistics helpers shared by the benchmark scripts.

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile, p in [0, 100]. */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i];
}

/** { median, min, max, spreadPct: (max - min) / median, n } of repeated measurements. */
export function summary(xs) {
  const med = median(xs);
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  return { median: med, min, max, spreadPct: med ? ((max - min) / med) * 100 : 0, n: xs.length, samples: xs };
}

let sink = 0;
/** Keeps results alive so that the JIT cannot drop the work. */
export function consume(r) {
  sink = (sink + (r ? 1 : 0)) | 0;
  return sink;
}

/**
 * Ops per second of fn over at least minMs (batches sized so the clock is read rarely).
 * fn is awaited when isAsync.
 */
export async function opsPerSecond(fn, { minMs, isAsync, batch }) {
  let n = 0;
  const t0 = performance.now();
  let elapsed = 0;
  if (isAsync) {
    do {
      for (let i = 0; i < batch; i++) consume(await fn());
      n += batch;
      elapsed = performance.now() - t0;
    } while (elapsed < minMs);
  } else {
    do {
      for (let i = 0; i < batch; i++) consume(fn());
      n += batch;
      elapsed = performance.now() - t0;
    } while (elapsed < minMs);
  }
  return (n / elapsed) * 1000;
}

/** Runs fn for about ms and returns a batch size that takes about targetMs. */
export async function calibrate(fn, { isAsync, ms = 60, targetMs = 5 }) {
  let n = 0;
  const t0 = performance.now();
  do {
    consume(isAsync ? await fn() : fn());
    n++;
  } while (performance.now() - t0 < ms);
  const perOp = (performance.now() - t0) / n;
  return Math.max(1, Math.round(targetMs / perOp));
}
