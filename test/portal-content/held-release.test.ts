// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
// When a held Save's panel goes away before it showed the hold, the guard
// lets the Save go at once rather than waiting out the acknowledgement time
// (#16: "Save with the panel gone"), and never lets a hold go that the panel
// did show. The record page is driven as the content script drives it, with a
// port that stands in for the panel's.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { detectPage, documentProbe } from '../../entrypoints/portal.content/detect';
import { RecordPage } from '../../entrypoints/portal.content/features/record-page/record-page';
import { builtInAdapters, builtInChecklists } from '../../lib/catalog/built-in';
import { SaveJudge } from '../../entrypoints/panel/save-judge';
import type { ToPanel } from '../../lib/protocol';

const FIXTURE = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/mpb/session.html'), 'utf8');
const CANCELLED_LABEL = 'Appointment Cancelled by Therapist/VHG';

/** The panel's port; its snapshots are judged by the panel's own judge (entrypoints/panel/save-judge.ts). */
function fakePort() {
  const onMessage: ((message: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const sent: { type: string }[] = [];
  const judge = new SaveJudge();
  judge.catalog(builtInChecklists());
  judge.connect((verdict) => onMessage.forEach((listener) => listener(verdict)));
  return {
    port: {
      name: 'chartguard-panel',
      onMessage: { addListener: (listener: (message: unknown) => void) => onMessage.push(listener) },
      onDisconnect: { addListener: (listener: () => void) => onDisconnect.push(listener) },
      postMessage: (message: ToPanel) => {
        sent.push(message);
        if (message.type === 'page') judge.received(message);
      },
      disconnect: () => undefined,
    },
    sent,
    /** A message from the panel. */
    receive: (message: unknown) => onMessage.forEach((listener) => listener(message)),
    /** The panel's end closed (its frame unloaded, its renderer died). */
    drop: () => onDisconnect.forEach((listener) => listener()),
  };
}

let record: RecordPage | undefined;
afterEach(() => {
  record?.destroy();
  record = undefined;
  vi.useRealTimers();
  document.body.replaceChildren();
});

function cancelledSession() {
  const parsed = new DOMParser().parseFromString(FIXTURE, 'text/html');
  document.body.replaceChildren(...[...parsed.body.childNodes].map((node) => document.importNode(node, true)));
  const select = document.querySelector<HTMLSelectElement>('#attendance')!;
  select.value = [...select.options].find((option) => option.textContent?.trim() === CANCELLED_LABEL)!.value;
  const match = detectPage(builtInAdapters(), 'http://127.0.0.1:5710/mpb/sessions/s-2003', documentProbe(document));
  expect(match?.page.kind).toBe('session');
  const release = vi.fn();
  record = new RecordPage(match!, { panelUrl: '', checklists: builtInChecklists(), release });
  const panel = fakePort();
  record.attach(panel.port as never);
  panel.receive({ type: 'hello' });
  panel.receive({ type: 'ready' });
  return { record, panel, release, save: document.querySelector('#save-session')! };
}

describe('a held Save whose panel goes away', () => {
  beforeEach(() => {
    document.documentElement.style.removeProperty('margin-right');
  });

  it('is let go as soon as the panel’s port closes, if the panel never showed the hold', () => {
    const { record, panel, release, save } = cancelledSession();
    expect(record.decide(save)).toBe('hold');
    expect(panel.sent.map((message) => message.type)).toContain('saveHeld');
    expect(release).not.toHaveBeenCalled();
    panel.drop();
    expect(release).toHaveBeenCalledWith(save);
    expect(record.popupState().saveHeld).toBe(false);
  });

  it('stays held when the panel had shown it (the user has the override), whatever happens to the port after', () => {
    const { record, panel, release, save } = cancelledSession();
    expect(record.decide(save)).toBe('hold');
    panel.receive({ type: 'heldShown' });
    panel.drop();
    expect(release).not.toHaveBeenCalled();
    expect(record.popupState().saveHeld).toBe(true);
  });

  it('is let go after the acknowledgement time when a connected panel never answers, and not a moment before', () => {
    vi.useFakeTimers();
    const { record, release, save } = cancelledSession();
    expect(record.decide(save)).toBe('hold');
    vi.advanceTimersByTime(2_999);
    expect(release).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(release).toHaveBeenCalledWith(save);
  });

  it('cannot be answered by a panel whose frame the page detached, though its port is still open', () => {
    const { record } = cancelledSession();
    expect(record.panelCanAnswer()).toBe(true);
    const host = [...document.documentElement.children].find((element) => element.tagName.toLowerCase().startsWith('chartguard-'))!;
    host.remove();
    expect(record.panelCanAnswer()).toBe(false);
  });
});
