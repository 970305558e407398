// A draft that cannot be written is said, not swallowed (issue 16, part 3): the writer reports the
// failure with its reason, keeps the answers, tries again, and clears the warning once a write succeeds.
import { describe, expect, it, vi } from 'vitest';
import { DraftWriter } from '../../entrypoints/panel/draft-writer';

const KEY = { portal: 'mpb-demo', record: 's-1', checklist: 'snc' };

describe('DraftWriter when storage fails', () => {
  it('reports the failure, keeps the newest answers, retries, and clears the warning on success', async () => {
    vi.useFakeTimers();
    try {
      let full = true;
      const written: Record<string, unknown>[] = [];
      const reports: (string | null)[] = [];
      const writer = new DraftWriter({
        save: async (_key, answers) => {
          if (full) throw new Error('QuotaExceededError: the disk is full');
          written.push(answers);
          return { conflict: false };
        },
        onConflict: () => undefined,
        onWriteFailed: (error) => reports.push(error),
      });
      writer.change(KEY, { agreed: 'a' });
      await vi.advanceTimersByTimeAsync(0);
      expect(reports).toEqual(['QuotaExceededError: the disk is full']);
      writer.change(KEY, { agreed: 'ab' });
      await vi.advanceTimersByTimeAsync(2_000);
      expect(written).toEqual([]);
      full = false;
      await vi.advanceTimersByTimeAsync(2_000);
      // The newest answers are the ones written, and the warning is withdrawn.
      expect(written.at(-1)).toEqual({ agreed: 'ab' });
      expect(reports.at(-1)).toBeNull();
      // Failed writes were retried at a measured pace, not in a tight loop.
      expect(reports.filter((report) => report !== null).length).toBeLessThan(12);
    } finally {
      vi.useRealTimers();
    }
  });
});
