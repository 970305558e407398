// Summary statistics for the benchmarks: percentiles by the nearest-rank
// method, so a p99 is always a time that was actually measured.

/** The p-th percentile (0–100) of numbers already sorted ascending; NaN for none. */
export function percentile(sorted, p) {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0–100, not ${p}`);
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Median, p95, p99, min, max and mean of a list of samples (not modified). */
export function summarize(samples) {
  const sorted = Float64Array.from(samples).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    n: sorted.length,
    min: sorted.length ? sorted[0] : Number.NaN,
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

/** Plain median of a short list (e.g. page loads); the mean of the two middle values when even. */
export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
