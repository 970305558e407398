// The micro-benchmarks are only meaningful if the "valid" record really passes
// and the "invalid" one really fails several rules, for every shipped checklist.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../sdk/dist/index.js';
import { NOW, invalidRecord, loadChecklists, seededRandom, validRecord } from '../../bench/records.mjs';

describe('benchmark records', () => {
  const checklists = loadChecklists();

  it('covers every shipped checklist and skips files that are not checklists', () => {
    expect(checklists.length).toBeGreaterThan(0);
    expect(checklists.map((c) => c.id)).not.toContain(undefined);
  });

  it('draws the same numbers from the same seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  for (const checklist of loadChecklists()) {
    it(`${checklist.id}: a valid record with no issue and an invalid one failing at least three required rules`, () => {
      const valid = validRecord(checklist);
      const passed = evaluate(checklist, valid, { now: NOW });
      expect(passed.issues).toEqual([]);
      expect(passed.badge).toBe('complete');
      expect(validRecord(checklist)).toEqual(valid);

      const invalid = invalidRecord(checklist, valid);
      const failed = evaluate(checklist, invalid, { now: NOW });
      expect(failed.status).toBe('incomplete');
      expect(failed.blocking.length).toBeGreaterThanOrEqual(3);
      expect(failed.blocking.some((issue) => issue.code === 'invalid')).toBe(true);
    }, 30_000);
  }
});
