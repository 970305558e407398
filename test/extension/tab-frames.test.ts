// The toolbar popup on a portal whose record lives in a work frame (#14): the
// frame that holds the record answers, not the top frame that only frames it.
import { describe, expect, it, vi } from 'vitest';
import { tabStatusAndFrame, type TabMessaging } from '../../lib/tab-frames';
import type { TabStatus } from '../../lib/tab-status';

const status = (fields: Partial<TabStatus>): TabStatus => ({
  portal: { id: 'legacy-demo', name: 'Hollybrook' },
  pageKind: null,
  panel: false,
  checklist: null,
  saveHeld: false,
  list: null,
  ...fields,
});

function tab(frames: Record<number, unknown>): TabMessaging & { asked: number[] } {
  const asked: number[] = [];
  return {
    asked,
    frameIds: vi.fn(async () => Object.keys(frames).map(Number)),
    async send(_tabId, _request, frameId) {
      asked.push(frameId);
      const answer = frames[frameId];
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

describe('tabStatusAndFrame', () => {
  it('a record in the top frame answers from there without listing the frames', async () => {
    const top = status({ pageKind: 'encounter', panel: true, recordId: '302' });
    const messaging = tab({ 0: top, 5: status({ panel: true }) });
    expect(await tabStatusAndFrame(1, messaging)).toEqual({ status: top, frameId: 0 });
    expect(messaging.frameIds).not.toHaveBeenCalled();
  });

  it('a record in a work frame answers from that frame: its record, its checklist, its held Save', async () => {
    const work = status({
      pageKind: 'encounter',
      recordId: '309',
      panel: true,
      checklist: { id: 'fus', title: { en: 'Follow-up session', 'zh-CN': '随访' } },
      saveHeld: true,
    });
    // Frame 3 is the navigation frame (no record), frame 4 an editor's iframe with no content script.
    const messaging = tab({ 0: status({}), 3: status({ pageKind: null }), 4: new Error('Could not establish connection'), 7: work });
    expect(await tabStatusAndFrame(1, messaging)).toEqual({ status: work, frameId: 7 });
  });

  it('no record anywhere: the top frame’s answer, malformed answers ignored', async () => {
    const top = status({
      pageKind: 'caseload',
      list: { total: 3, graded: 3, counts: { attention: 1, overdue: 0, incomplete: 1, complete: 1, unstructured: 0 } },
    });
    const messaging = tab({ 0: top, 2: { panel: true } });
    expect(await tabStatusAndFrame(1, messaging)).toEqual({ status: top, frameId: 0 });
  });

  it('a tab with no content script at all is “not active here”', async () => {
    const messaging = tab({ 0: new Error('no receiver') });
    messaging.frameIds = async () => {
      throw new Error('cannot access a chrome:// URL');
    };
    expect(await tabStatusAndFrame(1, messaging)).toEqual({ status: null, frameId: 0 });
  });
});
