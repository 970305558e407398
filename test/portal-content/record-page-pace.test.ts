// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true,"disableIframePageLoading":true}}
// How soon the record page tells the panel of a change: a portal's own
// re-renders are throttled (a page that changes a node every frame must
// neither flood the panel nor, as a debounce would, starve it), while the
// user's edit goes at the next task even while that throttle runs, so the
// panel follows what the user typed or chose without waiting out the page.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { detectPage, documentProbe } from '../../entrypoints/portal.content/detect';
import { RecordPage } from '../../entrypoints/portal.content/features/record-page/record-page';
import { builtInAdapters, builtInChecklists } from '../../lib/catalog/built-in';
import { PANEL_PORT, type ToPanel } from '../../lib/protocol';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/mpb');
const sessionHtml = fs.readFileSync(path.join(FIXTURES, 'session.html'), 'utf8');
const PANEL_URL = 'chrome-extension://ext-id/panel.html';

let record: RecordPage;
/** The attendance of each snapshot the panel was sent, in order. */
let attendanceSent: unknown[];

/**
 * The portal's attendance becomes `label`. The select is drawn anew with that option selected: happy-dom keeps a
 * select's `selectedOptions` from before a `value =` or `selected =` change.
 */
function setAttendance(label: string) {
  const select = document.querySelector('#attendance') as HTMLSelectElement;
  const fresh = select.cloneNode(true) as HTMLSelectElement;
  for (const option of fresh.options) option.toggleAttribute('selected', option.value === label);
  select.replaceWith(fresh);
}

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = new DOMParser().parseFromString(sessionHtml, 'text/html').body.innerHTML;
  setAttendance('Attended');
  const match = detectPage(builtInAdapters(), 'http://127.0.0.1:5710/mpb/sessions/s-2003', documentProbe());
  if (!match) throw new Error('the MPB session snapshot was not recognised');
  record = new RecordPage(match, { panelUrl: PANEL_URL, checklists: builtInChecklists(), release: () => undefined });
  attendanceSent = [];
  const listeners: ((message: unknown) => void)[] = [];
  record.attach({
    name: PANEL_PORT,
    sender: { id: 'ext-id', url: PANEL_URL },
    onMessage: { addListener: (listener: (message: unknown) => void) => listeners.push(listener) },
    onDisconnect: { addListener: () => undefined },
    postMessage: (message: ToPanel) => {
      if (message.type === 'page') attendanceSent.push(message.snapshot.answers.attendance);
    },
    disconnect: () => undefined,
  } as never);
  for (const listener of listeners) listener({ type: 'hello' });
  expect(attendanceSent, 'the panel was sent the record on its hello').toEqual(['attended']);
});
afterEach(() => {
  record.destroy();
  vi.useRealTimers();
  document.body.innerHTML = '';
});

/** The page changes a node every frame, as a spinner or a clock does, for `ms` milliseconds. */
function busyPage(ms: number) {
  for (let at = 0; at < ms; at += 16) {
    record.pageChanged();
    vi.advanceTimersByTime(16);
  }
}

describe('a portal re-rendering', () => {
  it('is told to the panel at most once per 100 ms, and told while it goes on', () => {
    record.pageChanged();
    vi.advanceTimersByTime(99);
    expect(attendanceSent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(attendanceSent).toHaveLength(2);
    busyPage(1_000);
    // A debounce would have sent nothing while the page kept changing; the throttle sends about ten.
    expect(attendanceSent.length - 2).toBeGreaterThanOrEqual(9);
    expect(attendanceSent.length - 2).toBeLessThanOrEqual(11);
  });
});

describe('the user’s edit', () => {
  it('reaches the panel at the next task while a busy page keeps the throttle running', () => {
    busyPage(48);
    const before = attendanceSent.length;
    setAttendance('Appointment Cancelled by Therapist/VHG');
    record.pageChanged(true);
    // The page goes on changing within the same task: the edit keeps its place ahead of the throttle.
    record.pageChanged();
    expect(attendanceSent).toHaveLength(before);
    vi.advanceTimersByTime(0);
    expect(attendanceSent.slice(before)).toEqual(['cancelled-by-provider']);
  });

  it('goes ahead at most once in 100 ms: a page firing input events every frame is throttled all the same', () => {
    const before = attendanceSent.length;
    for (let at = 0; at < 1_000; at += 16) {
      record.pageChanged(true);
      vi.advanceTimersByTime(16);
    }
    // Ten edits ahead of the throttle and ten throttled snapshots at most, not one for each of the 63 events.
    expect(attendanceSent.length - before).toBeGreaterThanOrEqual(9);
    expect(attendanceSent.length - before).toBeLessThanOrEqual(21);
  });

  it('sends one snapshot for the edits of one task', () => {
    const before = attendanceSent.length;
    setAttendance('Did Not Attend');
    record.pageChanged(true);
    record.pageChanged(true);
    record.pageChanged(true);
    vi.advanceTimersByTime(0);
    expect(attendanceSent.slice(before)).toEqual(['did-not-attend']);
    // Nothing more is owed: no throttle was started, so nothing is sent later.
    vi.advanceTimersByTime(200);
    expect(attendanceSent).toHaveLength(before + 1);
  });
});
