// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
// The Save guard's decision on one record page (RecordPage.decide, issue 19, part 4), on the committed MPB
// session snapshot: what the portal holds is judged with the SDK, by the panel's judge (issue 18); a hold is
// shown only by a panel that can answer; Chartguard's own blindness (no note field, a note too long) never
// holds; an override stands for the next press; a panel that never shows the hold lets the Save go after
// HELD_ACK_MS; a Save of a record the panel has not yet judged waits for its verdict; a press whose Save button
// the portal replaced while it waited is told not sent, never claimed saved.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate, parseNote } from '@chartguard/sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { detectPage, documentProbe } from '../../entrypoints/portal.content/detect';
import { mountPanelFrame } from '../../entrypoints/portal.content/features/record-page/panel-frame';
import { RecordPage } from '../../entrypoints/portal.content/features/record-page/record-page';
import { readPage } from '../../entrypoints/portal.content/features/bridge-client/portal-fields';
import { builtInAdapters, builtInChecklists } from '../../lib/catalog/built-in';
import { NOTE_LIMIT, PANEL_PORT, type ToContent, type ToPanel } from '../../lib/protocol';
import { SaveJudge } from '../../entrypoints/panel/save-judge';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/mpb');
const sessionHtml = fs.readFileSync(path.join(FIXTURES, 'session.html'), 'utf8');
const CANCELLED = 'Appointment Cancelled by Therapist/VHG';
const checklists = builtInChecklists();
const snc = checklists.get('snc')!;

let page: RecordPage | undefined;
let released: Element[];
/** What the page's notice under the panel said, in order (the panel's frame is in a closed shadow root). */
let notices: (string | null)[];

function openRecordPage(offered = checklists): RecordPage {
  const match = detectPage(builtInAdapters(), 'http://127.0.0.1:5710/mpb/sessions/s-2003', documentProbe());
  if (!match) throw new Error('the MPB session snapshot was not recognised');
  const mountPanel = () => {
    const frame = mountPanelFrame('about:blank');
    return { ...frame, notice: (text: string | null) => (notices.push(text), frame.notice(text)) };
  };
  page = new RecordPage(match, { panelUrl: 'about:blank', checklists: offered, release: (control) => released.push(control), mountPanel });
  return page;
}

/**
 * A panel's port: what the content script sends it, and a way to send it what the panel would. Its snapshots
 * are judged by the panel's own judge; `pause()` holds its verdicts back until `answer()`.
 */
function fakePanel(record: RecordPage, { ready = true, offered = checklists } = {}) {
  let answering = true;
  const sent: ToPanel[] = [];
  let deliver: (message: unknown) => void = () => undefined;
  const judge = new SaveJudge();
  const verdicts: ToContent[] = [];
  const port = {
    name: PANEL_PORT,
    sender: { id: 'test', url: 'chrome-extension://test/panel.html' },
    onMessage: { addListener: (listener: (message: unknown) => void) => (deliver = listener) },
    onDisconnect: { addListener: () => undefined },
    postMessage: (message: ToPanel) => {
      sent.push(message);
      if (message.type === 'page') judge.received(message);
    },
    disconnect: () => undefined,
  };
  record.attach(port as never);
  judge.catalog(offered);
  judge.connect((verdict) => (answering ? deliver(verdict) : verdicts.push(verdict)));
  deliver({ type: 'hello' });
  if (ready) deliver({ type: 'ready' });
  const say = (message: ToContent) => {
    deliver(message);
    judge.told(message);
  };
  const answer = () => {
    answering = true;
    for (const verdict of verdicts.splice(0)) deliver(verdict);
  };
  const pause = () => (answering = false);
  /** Delivers the verdicts held back so far, and keeps holding back the ones that follow. */
  const answerHeld = () => {
    for (const verdict of verdicts.splice(0)) deliver(verdict);
  };
  return { sent, say, pause, answer, answerHeld, types: () => sent.map((message) => message.type) };
}

const save = () => document.querySelector('#save-session')!;
const setAttendance = (label: string) => ((document.querySelector('#attendance') as HTMLSelectElement).value = label);
const setNote = (text: string) => ((document.querySelector('#clinical-note') as HTMLTextAreaElement).value = text);

/** A cancelled session whose note was typed a moment ago: the panel (holding its verdicts back) has not judged it. */
function typedSinceTheVerdict() {
  setAttendance(CANCELLED);
  const record = openRecordPage();
  const panel = fakePanel(record);
  panel.pause();
  setNote('Phoned the client.');
  return { record, panel };
}

beforeEach(() => {
  document.body.innerHTML = new DOMParser().parseFromString(sessionHtml, 'text/html').body.innerHTML;
  released = [];
  notices = [];
});
afterEach(() => {
  page?.destroy();
  page = undefined;
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('RecordPage.decide', () => {
  it('allows, and says nothing, when no checklist applies to the record', () => {
    setAttendance(CANCELLED);
    const record = openRecordPage(new Map());
    const panel = fakePanel(record, { offered: new Map() });
    expect(record.popupState().checklist).toBeNull();
    expect(record.decide(save())).toBe('allow');
    expect(panel.types().filter((type) => type !== 'page')).toEqual([]);
  });

  it('holds a record that breaks a required rule, telling the panel exactly the SDK’s blocking rules', () => {
    setAttendance(CANCELLED);
    const record = openRecordPage();
    const panel = fakePanel(record);
    const snapshot = record.snapshot();
    expect(record.popupState().checklist?.id).toBe('snc');
    const expected = evaluate(
      snc,
      { ...parseNote(snc, snapshot.note).answers, ...snapshot.answers },
      { unknownFields: 'ignore' },
    ).blocking.map((issue) => issue.ruleId);
    expect(expected.length).toBeGreaterThan(0);

    expect(record.decide(save())).toBe('hold');
    const held = panel.sent.find((message) => message.type === 'saveHeld');
    expect(held && held.type === 'saveHeld' && held.issues.map((issue) => issue.ruleId)).toEqual(expected);
    expect(held && held.type === 'saveHeld' && held.control).toBe('Save');
    expect(record.popupState().saveHeld).toBe(true);
  });

  it('decides hold but tells no one when the panel cannot answer (the guard then lets Save through)', () => {
    setAttendance(CANCELLED);
    const record = openRecordPage();
    const panel = fakePanel(record, { ready: false });
    expect(record.panelCanAnswer()).toBe(false);
    expect(record.decide(save())).toBe('hold');
    expect(panel.types()).not.toContain('saveHeld');
    expect(record.popupState().saveHeld).toBe(false);
  });

  it('lets a held Save go, and says so on the page, when the panel never shows the hold', () => {
    vi.useFakeTimers();
    setAttendance(CANCELLED);
    const record = openRecordPage();
    fakePanel(record);
    expect(record.decide(save())).toBe('hold');
    vi.advanceTimersByTime(2_999);
    expect(released).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(released).toEqual([save()]);
  });

  it('keeps the hold while the panel shows it (heldShown), and releases on the override', () => {
    vi.useFakeTimers();
    setAttendance(CANCELLED);
    const record = openRecordPage();
    const panel = fakePanel(record);
    expect(record.decide(save())).toBe('hold');
    panel.say({ type: 'heldShown' });
    vi.advanceTimersByTime(10_000);
    expect(released).toEqual([]);
    panel.say({ type: 'overrideSave', reason: 'Client in crisis; note to follow.' });
    expect(released).toEqual([save()]);
    expect(panel.sent.find((message) => message.type === 'saveAllowed')).toMatchObject({ checklistId: 'snc', overridden: true });
  });

  it('lets an override stand for the next press when the portal replaced its Save button', () => {
    setAttendance(CANCELLED);
    const record = openRecordPage();
    const panel = fakePanel(record);
    const first = save();
    expect(record.decide(first)).toBe('hold');
    panel.say({ type: 'heldShown' });
    first.replaceWith(first.cloneNode(true));
    panel.say({ type: 'overrideSave', reason: 'Client in crisis; note to follow.' });
    expect(released).toEqual([]);
    expect(panel.sent.at(-1)).toMatchObject({ type: 'saveNotConfirmed', overridden: true });
    expect(record.decide(save())).toBe('allow');
    // Once: the press after that is judged again.
    expect(record.decide(save())).toBe('hold');
  });

  it('never holds because of its own blindness: no note field on the page', () => {
    setAttendance(CANCELLED);
    document.querySelector('#clinical-note')!.remove();
    const record = openRecordPage();
    const panel = fakePanel(record);
    expect(record.decide(save())).toBe('allow');
    expect(panel.sent.find((message) => message.type === 'saveUnchecked')).toMatchObject({
      reason: expect.stringContaining('Clinical Note'),
    });
  });

  it('never holds a note longer than it checks, and says so', () => {
    setAttendance(CANCELLED);
    setNote('x'.repeat(NOTE_LIMIT + 1));
    const record = openRecordPage();
    const panel = fakePanel(record);
    expect(record.snapshot().note).toBe('');
    expect(record.decide(save())).toBe('allow');
    expect(panel.sent.find((message) => message.type === 'saveUnchecked')).toMatchObject({
      reason: expect.stringContaining(NOTE_LIMIT.toLocaleString('en')),
    });
  });

  it('follows the panel’s choice of checklist over the page’s suggestion, “none” included', () => {
    setAttendance(CANCELLED);
    const record = openRecordPage();
    const panel = fakePanel(record);
    panel.say({ type: 'select', checklistId: null });
    expect(record.decide(save())).toBe('allow');
    expect(panel.types()).not.toContain('saveHeld');
  });

  it('judges what the portal holds: page answers over the note’s', () => {
    setAttendance(CANCELLED);
    const record = openRecordPage();
    fakePanel(record);
    // The note claims a different attendance; the portal's own field is what is saved.
    setNote(`[Chartguard snc/1]\nAttendance: Attended`);
    const snapshot = record.snapshot();
    expect(readPage(record.match.page).answers.attendance).toBe('cancelled-by-provider');
    expect(snapshot.answers.attendance).toBe('cancelled-by-provider');
    expect(record.decide(save())).toBe('hold');
  });

  it('holds a Save of a record the panel has not judged yet, and lets it through when the verdict is to allow', () => {
    setAttendance(CANCELLED);
    const record = openRecordPage();
    const panel = fakePanel(record);
    panel.say({ type: 'select', checklistId: null });
    panel.pause();
    // Typed a moment ago: the panel has not seen the record as it stands.
    setNote('Phoned the client.');
    expect(record.decide(save())).toBe('hold');
    expect(record.panelCanAnswer()).toBe(true);
    expect(released).toEqual([]);
    panel.answer();
    expect(released).toEqual([save()]);
    expect(panel.types()).not.toContain('saveHeld');
  });

  it('shows the hold once the panel’s verdict on the record as it stands is to hold', () => {
    const { record, panel } = typedSinceTheVerdict();
    expect(record.decide(save())).toBe('hold');
    expect(panel.types()).not.toContain('saveHeld');
    panel.answer();
    expect(panel.types()).toContain('saveHeld');
    expect(released).toEqual([]);
    expect(record.popupState().saveHeld).toBe(true);
  });

  it('lets a Save waiting for a verdict go with the notice when none comes, and not a moment before', () => {
    vi.useFakeTimers();
    const { record, panel } = typedSinceTheVerdict();
    expect(record.decide(save())).toBe('hold');
    vi.advanceTimersByTime(9_999);
    expect(released).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(released).toEqual([save()]);
  });

  it('lets a Save through with the notice, not silently, when the checklist that applies is one the panel has not read', () => {
    setAttendance(CANCELLED);
    const record = openRecordPage();
    const panel = fakePanel(record, { offered: new Map([...checklists].filter(([id]) => id !== 'snc')) });
    expect(record.decide(save())).toBe('allow');
    const unchecked = panel.sent.filter((message) => message.type === 'saveUnchecked');
    expect(unchecked).toEqual([{ type: 'saveUnchecked', reason: expect.stringContaining('"snc" is not in the configuration') }]);
    expect(panel.types()).not.toContain('saveAllowed');
  });

  it('tells of an autosave of a record the panel has not judged yet once the verdict is overdue, not never', () => {
    vi.useFakeTimers();
    const { record, panel } = typedSinceTheVerdict();
    record.portalSavedItself({ via: 'fetch', outcome: 'sent' });
    const unchecked = () => panel.sent.filter((message) => message.type === 'saveUnchecked');
    vi.advanceTimersByTime(9_999);
    expect(unchecked()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(unchecked()).toEqual([{ type: 'saveUnchecked', reason: expect.stringContaining('saved this record by itself (autosave)') }]);
  });

  it('tells the user a Save waiting for its verdict was not sent when the portal replaced its Save button meanwhile', () => {
    const { record, panel } = typedSinceTheVerdict();
    const first = save();
    expect(record.decide(first)).toBe('hold');
    first.replaceWith(first.cloneNode(true));
    panel.answer();
    expect(released).toEqual([]);
    expect(notices.at(-1)).toMatch(/was not sent\. Press the portal’s Save again\.$/);
    expect(notices.join(' ')).not.toContain('saved this record unchecked');
    expect(record.popupState().saveHeld).toBe(false);
  });

  it('says a Save was not sent, not that it went through unchecked, when no verdict came and its button was replaced', () => {
    vi.useFakeTimers();
    const { record } = typedSinceTheVerdict();
    const first = save();
    expect(record.decide(first)).toBe('hold');
    first.replaceWith(first.cloneNode(true));
    vi.advanceTimersByTime(10_000);
    expect(released).toEqual([]);
    expect(notices).toEqual([expect.stringContaining('your Save was not sent')]);
  });

  it('says a held Save the panel never showed was not sent when its button was replaced meanwhile', () => {
    vi.useFakeTimers();
    setAttendance(CANCELLED);
    const record = openRecordPage();
    const panel = fakePanel(record);
    const first = save();
    expect(record.decide(first)).toBe('hold');
    first.replaceWith(first.cloneNode(true));
    vi.advanceTimersByTime(3_000);
    expect(released).toEqual([]);
    expect(notices).toEqual([expect.stringContaining('your Save was not sent')]);
    // The panel is told, so a hold it shows late offers no override for a press that is gone.
    expect(panel.types().filter((type) => type === 'saveHeld' || type === 'saveDropped')).toEqual(['saveHeld', 'saveDropped']);
    // The user's next press is judged afresh, and held again: nothing was granted by the dropped one.
    expect(record.decide(save())).toBe('hold');
  });

  it('says on the page that a Save went through unchecked when no verdict came in time', () => {
    vi.useFakeTimers();
    const { record } = typedSinceTheVerdict();
    expect(record.decide(save())).toBe('hold');
    vi.advanceTimersByTime(10_000);
    expect(released).toEqual([save()]);
    expect(notices).toEqual([expect.stringContaining('saved this record unchecked')]);
  });

  it('drops a Save still waiting for a verdict when the record page goes away, instead of replaying it unchecked later', () => {
    vi.useFakeTimers();
    const { record, panel } = typedSinceTheVerdict();
    expect(record.decide(save())).toBe('hold');
    record.destroy();
    page = undefined;
    vi.advanceTimersByTime(60_000);
    panel.answer();
    expect(released).toEqual([]);
  });

  it('keeps one deadline per press: a record that changes again while the press waits does not extend it', () => {
    vi.useFakeTimers();
    const { record, panel } = typedSinceTheVerdict();
    expect(record.decide(save())).toBe('hold');
    vi.advanceTimersByTime(6_000);
    // The verdict on the first snapshot arrives, but the record changed meanwhile: the press waits for the next one.
    setNote('Phoned the client. Left a message.');
    panel.answerHeld();
    expect(released).toEqual([]);
    vi.advanceTimersByTime(3_999);
    expect(released).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(released).toEqual([save()]);
  });

  it('with no panel to judge it, leaves the guard to let Save through and tell the user', () => {
    setAttendance(CANCELLED);
    const record = openRecordPage();
    expect(record.decide(save())).toBe('hold');
    expect(record.panelCanAnswer()).toBe(false);
  });
});
