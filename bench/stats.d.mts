// Types for bench/stats.mjs, so the TypeScript tests can import it.
export interface Summary {
  n: number;
  min: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}
export function percentile(sorted: ArrayLike<number>, p: number): number;
export function summarize(samples: ArrayLike<number> & Iterable<number>): Summary;
export function median(values: number[]): number;
