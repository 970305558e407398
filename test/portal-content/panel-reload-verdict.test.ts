// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
// A Save pressed while the panel reloads (its port closed, a new panel
// connected, e.g. after a change of language or a recreated extension frame):
// it is judged by the new panel's own choice of checklist and language, never
// by the old panel's verdict nor by a verdict the new panel gave before it
// told its choice, and it never hangs. The record page and the Save guard are
// driven as the content script wires them, with ports standing in for panels
// whose snapshots are judged by the panel's own judge.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { detectPage, documentProbe } from '../../entrypoints/portal.content/detect';
import { RecordPage } from '../../entrypoints/portal.content/features/record-page/record-page';
import { installSaveGuard, type SaveGuard } from '../../entrypoints/portal.content/features/save-guard/save-guard';
import { SaveJudge } from '../../entrypoints/panel/save-judge';
import { builtInAdapters, builtInChecklists } from '../../lib/catalog/built-in';
import { PANEL_PORT, type ToContent, type ToPanel } from '../../lib/protocol';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/mpb');
const sessionHtml = fs.readFileSync(path.join(FIXTURES, 'session.html'), 'utf8');
const checklists = builtInChecklists();

let record: RecordPage | undefined;
let removers: (() => void)[] = [];
/** What reached the portal's own Save handler. */
let portalSaves: number;

/**
 * A panel as the panel page runs one: its judge answers each snapshot as soon as it has the line and the
 * checklists (entrypoints/panel/main.tsx), before the panel has read its draft; `mount()` is the panel
 * rendering with its choice and language, which it tells the page, and then its readiness.
 */
function connectPanel(page: RecordPage, { answering: answersAtOnce = true } = {}) {
  const sent: ToPanel[] = [];
  const listeners: ((message: unknown) => void)[] = [];
  const closers: (() => void)[] = [];
  let answering = answersAtOnce;
  const held: ToContent[] = [];
  const judge = new SaveJudge();
  const deliver = (message: unknown) => {
    for (const listener of listeners) listener(message);
  };
  const port = {
    name: PANEL_PORT,
    sender: { id: 'test', url: 'chrome-extension://test/panel.html' },
    onMessage: { addListener: (listener: (message: unknown) => void) => listeners.push(listener) },
    onDisconnect: { addListener: (listener: () => void) => closers.push(listener) },
    postMessage: (message: ToPanel) => {
      sent.push(message);
      if (message.type === 'page') judge.received(message);
    },
    disconnect: () => undefined,
  };
  page.attach(port as never);
  judge.catalog(checklists);
  judge.connect((verdict) => (answering ? deliver(verdict) : held.push(verdict)));
  deliver({ type: 'hello' });
  const say = (message: ToContent) => {
    deliver(message);
    judge.told(message);
  };
  return {
    sent,
    say,
    /** Delivers the verdicts held back (`answering: false`: a slow panel), and answers at once from now on. */
    answer: () => {
      answering = true;
      for (const verdict of held.splice(0)) deliver(verdict);
    },
    mount(choice: string | null | undefined, locale: 'en' | 'zh-CN') {
      if (choice !== undefined) say({ type: 'select', checklistId: choice });
      say({ type: 'locale', locale });
      deliver({ type: 'ready' });
    },
    close: () => {
      for (const close of closers) close();
    },
    held: () => sent.filter((message) => message.type === 'saveHeld'),
  };
}

/** The record page and the Save guard, wired as the content script wires them (features/save-guard/index.ts). */
function openRecordPage() {
  const match = detectPage(builtInAdapters(), 'http://127.0.0.1:5710/mpb/sessions/s-2003', documentProbe());
  if (!match) throw new Error('the MPB session snapshot was not recognised');
  let guard: SaveGuard | undefined;
  record = new RecordPage(match, {
    panelUrl: 'about:blank',
    checklists,
    release: (control) => guard!.release(control),
    onReady: () => guard!.heldEarly() && guard!.rejudge(),
  });
  const page = record;
  guard = installSaveGuard({
    saveControlFor: (target) => (target instanceof Element ? target.closest('#save-session') : null),
    // As features/save-guard/index.ts: a Save held while the page starts is judged when it is ready, or after a wait.
    starting: () => {
      if (!page.starting()) return false;
      const timer = setTimeout(() => guard!.heldEarly() && guard!.rejudge(), 10_000);
      removers.push(() => clearTimeout(timer));
      return true;
    },
    decide: (control) => page.decide(control),
    panelCanAnswer: () => page.panelCanAnswer(),
    onFailOpen: () => page.failOpen('the panel is not ready or not responding'),
    onError: (error) => {
      throw error;
    },
    listen: (target, type, handler) => {
      target.addEventListener(type, handler, true);
      removers.push(() => target.removeEventListener(type, handler, true));
    },
  });
  const save = document.querySelector<HTMLElement>('#save-session')!;
  const portalHandler = (event: Event) => {
    event.preventDefault();
    portalSaves++;
  };
  save.addEventListener('click', portalHandler);
  removers.push(() => save.removeEventListener('click', portalHandler));
  return { page, save };
}

/** An attended session of a type no checklist is suggested for: it holds nothing until the user picks a checklist. */
function unsuggestedSession() {
  (document.querySelector('#attendance') as HTMLSelectElement).value = 'Attended';
  document.querySelector('#session-type')!.setAttribute('data-session-type', 'group');
}

beforeEach(() => {
  document.body.innerHTML = new DOMParser().parseFromString(sessionHtml, 'text/html').body.innerHTML;
  portalSaves = 0;
});
afterEach(() => {
  record?.destroy();
  record = undefined;
  for (const remove of removers) remove();
  removers = [];
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('a Save pressed while the panel reloads', () => {
  it('is judged by the checklist the new panel restores, not let through on what it judged before it told it', () => {
    unsuggestedSession();
    const { page, save } = openRecordPage();
    const old = connectPanel(page);
    // The user picked the follow-up session checklist; its required answers are not there.
    old.mount('fus', 'en');
    save.click();
    expect(old.held()).toHaveLength(1);
    expect(portalSaves).toBe(0);
    old.say({ type: 'heldShown' });

    // The panel reloads (the user changed its language): the old port closes, a new panel connects and judges
    // the record before it has read its draft, by the record's own checklist (none).
    old.close();
    const fresh = connectPanel(page);
    save.click();
    expect(portalSaves).toBe(0);

    // The new panel restores the draft's choice and its language, and is ready: the waiting press is judged by them.
    fresh.mount('fus', 'zh-CN');
    expect(portalSaves).toBe(0);
    expect(fresh.held()).toHaveLength(1);
  });

  it('waits while the new panel has judged nothing (the old panel’s verdict no longer counts), then follows its choice', () => {
    unsuggestedSession();
    const { page, save } = openRecordPage();
    const old = connectPanel(page);
    old.mount('fus', 'en');

    old.close();
    // Its verdicts held back: it has judged nothing yet.
    const fresh = connectPanel(page, { answering: false });
    save.click();
    expect(portalSaves).toBe(0);
    fresh.answer();
    fresh.mount('fus', 'en');
    expect(portalSaves).toBe(0);
    expect(fresh.held()).toHaveLength(1);
  });

  it('goes through as soon as the new panel, once it has told its choice, judges it allowed', () => {
    unsuggestedSession();
    const { page, save } = openRecordPage();
    const old = connectPanel(page);
    old.mount('fus', 'en');

    old.close();
    const fresh = connectPanel(page);
    save.click();
    // This panel's draft chose no checklist: nothing to hold.
    fresh.mount(undefined, 'en');
    expect(portalSaves).toBe(1);
    expect(fresh.held()).toHaveLength(0);
  });

  it('never hangs: a new panel that never becomes ready lets the Save go, with the notice, after the wait', () => {
    vi.useFakeTimers();
    unsuggestedSession();
    const { page, save } = openRecordPage();
    const old = connectPanel(page);
    old.mount('fus', 'en');

    old.close();
    // Its verdicts held back: it has judged nothing yet.
    const fresh = connectPanel(page, { answering: false });
    const told = vi.spyOn(page, 'failOpen');
    save.click();
    expect(portalSaves).toBe(0);
    // The wait for the panel to start, then for its verdict (features/save-guard/index.ts, record-page.ts).
    vi.advanceTimersByTime(20_000);
    expect(portalSaves).toBe(1);
    expect(told).toHaveBeenCalledTimes(1);
    expect(fresh.held()).toHaveLength(0);
  });
});
