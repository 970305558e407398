// The always-on content script checks the popup's requests and the
// background's save outcome by hand instead of with Zod (issue 18); these
// hand checks must accept and refuse exactly what the schemas do.
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { tabRequestSchema } from '../../lib/tab-status';
import { isTabRequest } from '../../entrypoints/portal.content/tab-status';
import { readSaveOutcome } from '../../entrypoints/portal.content/features/save-guard/save-landing';

const samples: unknown[] = [
  { type: 'tab.status' },
  { type: 'tab.showPanel' },
  { type: 'tab.status', extra: 1 },
  { type: 'tab.hide' },
  { type: 1 },
  {},
  [],
  ['tab.status'],
  null,
  undefined,
  'tab.status',
  42,
];

describe('the hand-written checks of the always-on script', () => {
  it('accept exactly the popup requests the tab-status schema accepts', () => {
    for (const sample of samples) expect(isTabRequest(sample), JSON.stringify(sample)).toBe(tabRequestSchema.safeParse(sample).success);
  });

  it('read a save outcome exactly where the former schema found one', () => {
    const outcomeSchema = z.nullable(z.object({ checklistId: z.string(), overridden: z.boolean() }));
    const replies: unknown[] = [
      { checklistId: 'snc', overridden: false },
      { checklistId: 'fus', overridden: true, extra: 'x' },
      { checklistId: 'snc' },
      { checklistId: 3, overridden: true },
      null,
      undefined,
      'snc',
    ];
    for (const reply of replies) {
      const parsed = outcomeSchema.safeParse(reply);
      expect(readSaveOutcome(reply), JSON.stringify(reply)).toEqual(
        parsed.success && parsed.data ? { checklistId: parsed.data.checklistId, overridden: parsed.data.overridden } : undefined,
      );
    }
  });
});
