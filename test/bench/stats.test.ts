// The statistics the benchmark figures rest on: a wrong percentile would make
// every budget verdict wrong without any run looking odd.
import { describe, expect, it } from 'vitest';
import { median, percentile, summarize } from '../../bench/stats.mjs';

describe('percentile (nearest rank)', () => {
  const hundred = Float64Array.from({ length: 100 }, (_, i) => i + 1);

  it('returns a value that was measured, ranked from the bottom', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
  });

  it('rounds the rank up, so a p99 of few samples is the worst one', () => {
    expect(percentile([1, 2, 3, 1000], 99)).toBe(1000);
    expect(percentile([1, 2, 3, 1000], 50)).toBe(2);
  });

  it('has no value for no samples and rejects percentages outside 0–100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('sorts a copy and reports the spread of the samples', () => {
    const samples = [5, 1, 4, 2, 3];
    const summary = summarize(samples);
    expect(summary).toMatchObject({ n: 5, min: 1, median: 3, max: 5, mean: 3 });
    expect(samples).toEqual([5, 1, 4, 2, 3]);
  });

  it('lets one slow sample move the p99 but not the median', () => {
    const samples = [...Array.from({ length: 999 }, () => 10), 500];
    const summary = summarize(samples);
    expect(summary.median).toBe(10);
    expect(summary.p99).toBe(10);
    expect(summarize([...samples, ...Array.from({ length: 20 }, () => 500)]).p99).toBe(500);
  });
});

describe('median', () => {
  it('averages the two middle values of an even list, without reordering the input', () => {
    const loads = [40, 10, 30, 20];
    expect(median(loads)).toBe(25);
    expect(loads).toEqual([40, 10, 30, 20]);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNaN();
  });
});
