// The content scripts check the background's save outcome by hand instead of
// with Zod (issue 18; the record page, which shows it), and the always-on one
// answers the popup through a function on its own global that the popup runs
// in the frame (no message listener, so no request to check); the hand check
// must accept and refuse exactly what the schema does, and the answer must be
// there only while the router runs.
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { tabStatusSchema, type TabStatus } from '../../lib/tab-status';
import { answerTabStatus, askTabStatus, TAB_STATUS_KEY } from '../../entrypoints/portal.content/tab-status';
import { readSaveOutcome } from '../../entrypoints/portal.content/features/record-page/record-page';

describe("the popup's question, as the popup runs it in a frame", () => {
  it('is answered by the running router, and by nothing once it stops or where none runs', () => {
    expect(askTabStatus(TAB_STATUS_KEY, 'tab.status')).toBeNull();
    const status: TabStatus = { portal: { id: 'mpb-demo' }, pageKind: 'session', settled: true };
    let shown = false;
    const stop = new AbortController();
    answerTabStatus({ status: () => status, showPanel: () => (shown = true) }, stop.signal);
    const answer = askTabStatus(TAB_STATUS_KEY, 'tab.status');
    expect(tabStatusSchema.safeParse(answer).success).toBe(true);
    expect(answer).toEqual(status);
    expect(askTabStatus(TAB_STATUS_KEY, 'tab.showPanel')).toEqual({ shown: true });
    expect(shown).toBe(true);
    stop.abort();
    expect(askTabStatus(TAB_STATUS_KEY, 'tab.status')).toBeNull();
  });
});

describe('the hand-written checks of the content scripts', () => {
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
