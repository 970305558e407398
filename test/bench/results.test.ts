// The results file is what runs are compared by: its entries must say whether
// a budget was met the same way every time, and a partial run must not lose figures.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { figure, formatTable, mergeResults, round, writeResults } from '../../bench/results.mjs';

describe('figure', () => {
  it('judges a "below" budget strictly', () => {
    expect(figure('a', 49.9, 'µs', { budget: { max: 50 } }).ok).toBe(true);
    expect(figure('a', 50, 'µs', { budget: { max: 50 } }).ok).toBe(false);
    expect(figure('a', Number.NaN, 'µs', { budget: { max: 50 } }).ok).toBe(false);
    expect(figure('a', 1, 'µs', { budget: { max: 50 } }).budget).toBe('< 50 µs');
  });

  it('computes the ratio to the peer and judges a ratio budget on it', () => {
    const within = figure('v', 6, 'µs', { peer: 'ajv', peerValue: 2, budget: { maxRatio: 3 } });
    expect(within).toMatchObject({ peer: 'ajv', peerValue: 2, ratio: 3, ok: true, budget: '<= 3x ajv' });
    expect(figure('v', 6.1, 'µs', { peer: 'ajv', peerValue: 2, budget: { maxRatio: 3 } }).ok).toBe(false);
  });

  it('has no ratio, and fails a ratio budget, when the peer took no time', () => {
    const entry = figure('t', 10, 'ms', { peer: 'without', peerValue: 0, budget: { maxRatio: 1.05 } });
    expect(entry.ratio).toBeNull();
    expect(entry.ok).toBe(false);
  });

  it('leaves ok out when there is no budget', () => {
    expect(figure('n', 3, 'notes/s')).not.toHaveProperty('ok');
  });
});

describe('round', () => {
  it('keeps four significant digits', () => {
    expect(round(12.34567)).toBe(12.35);
    expect(round(0.0123456)).toBe(0.01235);
    expect(round(123456.7)).toBe(123457);
    expect(round(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('formatTable', () => {
  it('prints one row per figure and marks unmet budgets loudly', () => {
    const table = formatTable([figure('fast', 1, 'ms', { budget: { max: 2 } }), figure('slow', 3, 'ms', { budget: { max: 2 } })]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^fast\s.*\byes$/);
    expect(lines[3]).toMatch(/^slow\s.*\bNO$/);
  });
});

describe('results file', () => {
  it('replaces figures of the same name and keeps the others when merging a partial run', () => {
    const merged = mergeResults([figure('a', 1, 'ms'), figure('b', 2, 'ms')], [figure('b', 3, 'ms'), figure('c', 4, 'ms')]);
    expect(merged.map((r) => [r.name, r.value])).toEqual([
      ['a', 1],
      ['b', 3],
      ['c', 4],
    ]);
  });

  it('writes a JSON array that reads back unchanged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-results-'));
    try {
      const file = join(dir, 'nested', 'results.json');
      const results = [figure('x', 1.5, 'ms', { peer: 'p', peerValue: 1 })];
      writeResults(file, results);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(results);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
