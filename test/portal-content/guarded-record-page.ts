// The MPB session page with its Save guarded, as the content script wires the
// record page and the guard, and a port standing in for the panel whose
// snapshots are judged by the panel's own judge: the harness the panel's
// load and reload tests share, so both drive the guard the same way.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectPage, documentProbe, type PageMatch } from '../../entrypoints/portal.content/detect';
import type { RecordPage } from '../../entrypoints/portal.content/features/record-page/record-page';
import { installSaveGuard, type SaveGuard } from '../../entrypoints/portal.content/features/save-guard/save-guard';
import { SaveJudge } from '../../entrypoints/panel/save-judge';
import { builtInAdapters, builtInChecklists } from '../../lib/catalog/built-in';
import { PANEL_PORT, type ToContent, type ToPanel } from '../../lib/protocol';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/mpb');
const sessionHtml = fs.readFileSync(path.join(FIXTURES, 'session.html'), 'utf8');

export const SESSION_ADDRESS = 'http://127.0.0.1:5710/mpb/sessions/s-2003';
export const checklists = builtInChecklists();

/** Undoes one thing a helper did to the page (a listener, a handler) after the test. */
export type AddCleanup = (undo: () => void) => void;

/** The saved MPB session page in the document. */
export function showSessionSnapshot(): void {
  document.body.innerHTML = new DOMParser().parseFromString(sessionHtml, 'text/html').body.innerHTML;
}

/** The session page, as the content script's detection recognises it. */
export function recognisedSession(): PageMatch {
  const match = detectPage(builtInAdapters(), SESSION_ADDRESS, documentProbe());
  if (!match) throw new Error('the MPB session snapshot was not recognised');
  return match;
}

/** The portal's own Save handler, after the guard's: it counts the presses that reached it. */
export function countPortalSaves(cleanup: AddCleanup): { save: HTMLElement; portalSaves: () => number } {
  const save = document.querySelector<HTMLElement>('#save-session')!;
  let saves = 0;
  const portalHandler = (event: Event) => {
    event.preventDefault();
    saves++;
  };
  save.addEventListener('click', portalHandler);
  cleanup(() => save.removeEventListener('click', portalHandler));
  return { save, portalSaves: () => saves };
}

/**
 * The Save guard over the session's Save button, asking the record page `pageNow()` gives (none yet while
 * its features load) as features/save-guard/index.ts asks it. `starting` stands in for how the feature
 * treats a Save pressed while the page starts; by default it is held while there is no record page.
 */
export function guardSessionSave(
  pageNow: () => RecordPage | undefined,
  cleanup: AddCleanup,
  starting: () => boolean = () => pageNow()?.starting() ?? true,
): SaveGuard {
  return installSaveGuard({
    saveControlFor: (target) => (target instanceof Element ? target.closest('#save-session') : null),
    starting,
    decide: (control) => pageNow()!.decide(control),
    panelCanAnswer: () => pageNow()?.panelCanAnswer() ?? true,
    onFailOpen: () => pageNow()?.failOpen('the panel is not ready or not responding'),
    onError: (error) => {
      throw error;
    },
    listen: (target, type, handler) => {
      target.addEventListener(type, handler, true);
      cleanup(() => target.removeEventListener(type, handler, true));
    },
  });
}

export interface PanelOptions {
  /** The panel page's address, as its port's sender says it. */
  url?: string;
  /** False for a slow panel: its verdicts are held back until `answer()`. */
  answering?: boolean;
}

/**
 * A panel page that has loaded and connected, as entrypoints/panel/main.tsx runs one: its judge answers each
 * snapshot as soon as it has the line and the checklists, before the panel has read its draft; `mount()` is
 * the panel rendering with its choice and language, which it tells the page, and then its readiness.
 */
export function connectPanel(page: RecordPage, { url = 'chrome-extension://test/panel.html', answering = true }: PanelOptions = {}) {
  const sent: ToPanel[] = [];
  const listeners: ((message: unknown) => void)[] = [];
  const closers: (() => void)[] = [];
  let answersNow = answering;
  const heldBack: ToContent[] = [];
  const judge = new SaveJudge();
  const deliver = (message: unknown) => {
    for (const listener of listeners) listener(message);
  };
  const port = {
    name: PANEL_PORT,
    sender: { id: 'test', url },
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
  judge.connect((verdict) => (answersNow ? deliver(verdict) : heldBack.push(verdict)));
  deliver({ type: 'hello' });
  const say = (message: ToContent) => {
    deliver(message);
    judge.told(message);
  };
  return {
    sent,
    say,
    /** Delivers the verdicts held back, and answers at once from now on. */
    answer: () => {
      answersNow = true;
      for (const verdict of heldBack.splice(0)) deliver(verdict);
    },
    /** `choice` undefined: the panel's draft chose nothing, so it tells no choice. */
    mount(choice?: string | null, locale: 'en' | 'zh-CN' = 'en') {
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
