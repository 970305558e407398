// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
// A Save pressed while the panel reloads (its port closed, a new panel
// connected, e.g. after a change of language or a recreated extension frame):
// it is judged by the new panel's own choice of checklist and language, never
// by the old panel's verdict nor by a verdict the new panel gave before it
// told its choice, and it never hangs. The record page and the Save guard are
// driven as the content script wires them, with ports standing in for panels
// whose snapshots are judged by the panel's own judge.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RecordPage } from '../../entrypoints/portal.content/features/record-page/record-page';
import type { SaveGuard } from '../../entrypoints/portal.content/features/save-guard/save-guard';
import {
  checklists,
  connectPanel,
  countPortalSaves,
  guardSessionSave,
  recognisedSession,
  showSessionSnapshot,
} from './guarded-record-page';

let record: RecordPage | undefined;
let removers: (() => void)[] = [];
const cleanup = (undo: () => void) => removers.push(undo);

/** The record page and the Save guard, wired as the content script wires them (features/save-guard/index.ts). */
function openRecordPage() {
  let guard: SaveGuard | undefined;
  record = new RecordPage(recognisedSession(), {
    panelUrl: 'about:blank',
    checklists,
    release: (control) => guard!.release(control),
    onReady: () => guard!.heldEarly() && guard!.rejudge(),
  });
  const page = record;
  // As features/save-guard/index.ts: a Save held while the page starts is judged when it is ready, or after a wait.
  guard = guardSessionSave(
    () => page,
    cleanup,
    () => {
      if (!page.starting()) return false;
      const timer = setTimeout(() => guard!.heldEarly() && guard!.rejudge(), 10_000);
      cleanup(() => clearTimeout(timer));
      return true;
    },
  );
  return { page, ...countPortalSaves(cleanup) };
}

/** An attended session of a type no checklist is suggested for: it holds nothing until the user picks a checklist. */
function unsuggestedSession() {
  (document.querySelector('#attendance') as HTMLSelectElement).value = 'Attended';
  document.querySelector('#session-type')!.setAttribute('data-session-type', 'group');
}

beforeEach(() => {
  showSessionSnapshot();
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
    const { page, save, portalSaves } = openRecordPage();
    const old = connectPanel(page);
    // The user picked the follow-up session checklist; its required answers are not there.
    old.mount('fus', 'en');
    save.click();
    expect(old.held()).toHaveLength(1);
    expect(portalSaves()).toBe(0);
    old.say({ type: 'heldShown' });

    // The panel reloads (the user changed its language): the old port closes, a new panel connects and judges
    // the record before it has read its draft, by the record's own checklist (none).
    old.close();
    const fresh = connectPanel(page);
    save.click();
    expect(portalSaves()).toBe(0);

    // The new panel restores the draft's choice and its language, and is ready: the waiting press is judged by them.
    fresh.mount('fus', 'zh-CN');
    expect(portalSaves()).toBe(0);
    expect(fresh.held()).toHaveLength(1);
  });

  it('waits while the new panel has judged nothing (the old panel’s verdict no longer counts), then follows its choice', () => {
    unsuggestedSession();
    const { page, save, portalSaves } = openRecordPage();
    const old = connectPanel(page);
    old.mount('fus', 'en');

    old.close();
    // Its verdicts held back: it has judged nothing yet.
    const fresh = connectPanel(page, { answering: false });
    save.click();
    expect(portalSaves()).toBe(0);
    fresh.answer();
    fresh.mount('fus', 'en');
    expect(portalSaves()).toBe(0);
    expect(fresh.held()).toHaveLength(1);
  });

  it('goes through as soon as the new panel, once it has told its choice, judges it allowed', () => {
    unsuggestedSession();
    const { page, save, portalSaves } = openRecordPage();
    const old = connectPanel(page);
    old.mount('fus', 'en');

    old.close();
    const fresh = connectPanel(page);
    save.click();
    // This panel's draft chose no checklist: nothing to hold.
    fresh.mount(undefined, 'en');
    expect(portalSaves()).toBe(1);
    expect(fresh.held()).toHaveLength(0);
  });

  it('never hangs: a new panel that never becomes ready lets the Save go, with the notice, after the wait', () => {
    vi.useFakeTimers();
    unsuggestedSession();
    const { page, save, portalSaves } = openRecordPage();
    const old = connectPanel(page);
    old.mount('fus', 'en');

    old.close();
    // Its verdicts held back: it has judged nothing yet.
    const fresh = connectPanel(page, { answering: false });
    const told = vi.spyOn(page, 'failOpen');
    save.click();
    expect(portalSaves()).toBe(0);
    // The wait for the panel to start, then for its verdict (features/save-guard/index.ts, record-page.ts).
    vi.advanceTimersByTime(20_000);
    expect(portalSaves()).toBe(1);
    expect(told).toHaveBeenCalledTimes(1);
    expect(fresh.held()).toHaveLength(0);
  });
});
