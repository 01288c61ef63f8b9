// The comparison used everywhere in the report: paired per-round ratios when the run has them.

/** Median of the per-round ratios a/b when the run recorded them, else the ratio of medians. */
export function ratio(sizeRow, a, b) {
  const ra = sizeRow.results[a], rb = sizeRow.results[b];
  if (!ra || !rb) return NaN;
  if (b === "node-crypto" && ra.vsNodeCrypto) return ra.vsNodeCrypto.median;
  if (b === "ceiling-wasm-sha256" && ra.vsCeiling) return ra.vsCeiling.median;
  if (a === "hookguard-verifier-string" && sizeRow.pairedVsHookguard?.[b]) return sizeRow.pairedVsHookguard[b].median;
  if (ra.samples && rb.samples && ra.samples.length === rb.samples.length) {
    const r = ra.samples.map((v, i) => v / rb.samples[i]).sort((x, y) => x - y);
    const m = r.length >> 1;
    return r.length % 2 ? r[m] : (r[m - 1] + r[m]) / 2;
  }
  return ra.opsPerSec / rb.opsPerSec;
}
