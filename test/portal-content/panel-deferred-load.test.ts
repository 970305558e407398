// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true,"disableIframePageLoading":true}}
// A panel mounted while the portal's page is still loading (the legacy
// frameset's shell) waits for the page's load event before it loads the panel
// page, so its frame does not hold that load back; but a Save pressed while it
// waits is held and makes it load at once, and is judged by it: never let
// through unchecked because the panel was deferred. The record page and the
// Save guard are driven as the content script wires them, with a port standing
// in for the panel, whose snapshots are judged by the panel's own judge.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { detectPageKind } from '../../entrypoints/portal.content/page-kind';
import { compactAdapter } from '../../lib/catalog/compact';
import { mountPanelFrame } from '../../entrypoints/portal.content/features/record-page/panel-frame';
import type { FeatureRoom, RouterFrame } from '../../entrypoints/portal.content/feature';
import { RecordPage } from '../../entrypoints/portal.content/features/record-page/record-page';
import saveGuard, { useRouterView } from '../../entrypoints/portal.content/features/save-guard';
import { builtInAdapters } from '../../lib/catalog/built-in';
import {
  checklists,
  connectPanel,
  countPortalSaves,
  guardSessionSave,
  recognisedSession,
  SESSION_ADDRESS,
  showSessionSnapshot,
} from './guarded-record-page';

const PANEL_URL = 'chrome-extension://ext-id/panel.html';

let record: RecordPage | undefined;
let removers: (() => void)[] = [];
const cleanup = (undo: () => void) => removers.push(undo);
/** The panel's shadow roots as they are made (closed: the page cannot reach them, the test keeps them). */
let shadows: ShadowRoot[];

/** The address the panel's frame was given, or null while it has none. */
const panelSrc = () => shadows.at(-1)?.querySelector('iframe')?.getAttribute('src') ?? null;

/** The page as the browser reports it while it loads (its frames and images still coming), then its load event. */
function pageStillLoading() {
  Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'interactive' });
  return () => {
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'complete' });
    window.dispatchEvent(new Event('load'));
  };
}

/** The record page and the Save guard, wired as features/save-guard/index.ts and features/record-page/index.ts wire them. */
function openRecordPage() {
  const match = recognisedSession();
  let page: RecordPage | undefined;
  const guard = guardSessionSave(() => page, cleanup);
  const { save, portalSaves } = countPortalSaves(cleanup);
  const start = () => {
    page = new RecordPage(match, {
      panelUrl: PANEL_URL,
      checklists,
      release: (control) => guard.release(control),
      onReady: () => guard.heldEarly() && guard.rejudge(),
    });
    record = page;
    return page;
  };
  return { start, save, portalSaves };
}

/**
 * The Save guard feature as the router runs it while a record page's features are on their way (the router's view
 * over the compact adapters), and `startRecordPage()`: the record page starting as features/record-page/index.ts
 * starts it, then the router telling the guard of the change.
 */
function useGuardBeforeTheRecordPage() {
  const match = recognisedSession();
  const info = detectPageKind(builtInAdapters().map(compactAdapter), SESSION_ADDRESS)!;
  expect(info.record).toBe(true);
  useRouterView({ detectNow: () => info, recordComing: () => true, needRecord: () => undefined });
  const running = new Map<string, FeatureRoom<RouterFrame>>();
  const rooms = { get: <Room>(name: string) => running.get(name) as Room | undefined };
  const stop = new AbortController();
  removers.push(() => stop.abort());
  const frame: RouterFrame = { ready: true, page: info };
  const guardRoom = saveGuard.start(frame, stop.signal, rooms as never);
  running.set('save-guard', guardRoom);
  const startRecordPage = ({ beforeTheRouterTells = () => {} } = {}) => {
    const page = new RecordPage(match, {
      panelUrl: PANEL_URL,
      checklists,
      release: (control) => guardRoom.guard.release(control),
      onReady: () => guardRoom.recordReady(),
    });
    record = page;
    running.set('record-page', { page } as FeatureRoom<RouterFrame>);
    beforeTheRouterTells();
    guardRoom.pageChanged?.(frame);
    return page;
  };
  return { ...countPortalSaves(cleanup), guardRoom, startRecordPage };
}

/** Cancelled by the therapist with no note: the short-notice cancellation checklist is suggested and its rules are not met. */
function cancelledWithoutNote() {
  (document.querySelector('#attendance') as HTMLSelectElement).value = 'Appointment Cancelled by Therapist/VHG';
}

/** An attended group session: no checklist is suggested, so nothing holds its Save. */
function nothingToHold() {
  (document.querySelector('#attendance') as HTMLSelectElement).value = 'Attended';
  document.querySelector('#session-type')!.setAttribute('data-session-type', 'group');
}

beforeEach(() => {
  showSessionSnapshot();
  shadows = [];
  const attach = Element.prototype.attachShadow;
  const spy = vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    const shadow = attach.call(this, init);
    shadows.push(shadow);
    return shadow;
  });
  removers.push(() => spy.mockRestore());
});
afterEach(() => {
  record?.destroy();
  record = undefined;
  for (const remove of removers) remove();
  removers = [];
  Reflect.deleteProperty(document, 'readyState');
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('a panel mounted while the page is still loading', () => {
  it('gets its address only once the page has loaded', () => {
    const loaded = pageStillLoading();
    const frame = mountPanelFrame(PANEL_URL);
    removers.push(() => frame.remove());
    expect(shadows).toHaveLength(1);
    expect(panelSrc(), 'no panel page loading while the page loads').toBeNull();
    loaded();
    expect(panelSrc()).toBe(PANEL_URL);
  });

  it('on a page that has loaded already (the MPB and roster record pages), gets it at once', () => {
    const frame = mountPanelFrame(PANEL_URL);
    removers.push(() => frame.remove());
    expect(panelSrc()).toBe(PANEL_URL);
  });

  it('on a page whose load never ends, gets it after a bounded wait longer than the guard’s for a starting page', () => {
    vi.useFakeTimers();
    pageStillLoading();
    const frame = mountPanelFrame(PANEL_URL);
    removers.push(() => frame.remove());
    vi.advanceTimersByTime(10_000);
    expect(panelSrc()).toBeNull();
    vi.advanceTimersByTime(5_000);
    expect(panelSrc()).toBe(PANEL_URL);
  });

  it('removed before the page loaded, loads nothing', () => {
    const loaded = pageStillLoading();
    const frame = mountPanelFrame(PANEL_URL);
    frame.remove();
    loaded();
    expect(panelSrc()).toBeNull();
  });
});

describe('a Save pressed while the panel waits for the page’s load', () => {
  it('is held, loads the panel at once, and is held by the panel’s verdict when the record breaks a rule', () => {
    cancelledWithoutNote();
    pageStillLoading();
    const { start, save, portalSaves } = openRecordPage();
    const page = start();
    expect(panelSrc()).toBeNull();

    save.click();
    expect(portalSaves(), 'held while the panel starts').toBe(0);
    expect(panelSrc(), 'the panel loads now, not at the page’s load').toBe(PANEL_URL);

    // The panel page loaded and connected; it is up: the waiting Save is judged, and held with its rules.
    const panel = connectPanel(page);
    panel.mount();
    expect(portalSaves()).toBe(0);
    expect(panel.held()).toHaveLength(1);
    expect(panel.held()[0]).toMatchObject({ type: 'saveHeld', checklistId: 'snc' });
  });

  it('goes through once the panel, loaded at once for it, judges that nothing holds it', () => {
    nothingToHold();
    pageStillLoading();
    const { start, save, portalSaves } = openRecordPage();
    const page = start();
    save.click();
    expect(portalSaves()).toBe(0);
    expect(panelSrc()).toBe(PANEL_URL);
    const panel = connectPanel(page);
    panel.mount();
    expect(portalSaves()).toBe(1);
    expect(panel.held()).toHaveLength(0);
  });

  it('pressed before the record page ran (the Save guard feature as the router runs it), has the panel load at once', () => {
    cancelledWithoutNote();
    pageStillLoading();
    const { save, portalSaves, guardRoom, startRecordPage } = useGuardBeforeTheRecordPage();

    save.click();
    expect(portalSaves(), 'held until the record page can answer').toBe(0);
    expect(guardRoom.guard.heldEarly()).toBe(save);

    const page = startRecordPage({ beforeTheRouterTells: () => expect(panelSrc()).toBeNull() });
    expect(panelSrc(), 'the panel loads now, not at the page’s load').toBe(PANEL_URL);

    const panel = connectPanel(page);
    panel.mount();
    expect(portalSaves()).toBe(0);
    expect(panel.held()).toHaveLength(1);
  });

  it('pressed before the record page ran, is told not sent when the portal replaced its Save button meanwhile', () => {
    nothingToHold();
    pageStillLoading();
    const { save, portalSaves, guardRoom, startRecordPage } = useGuardBeforeTheRecordPage();

    save.click();
    expect(guardRoom.guard.heldEarly()).toBe(save);
    // The portal redraws its form while the record page starts: the held press's button is gone.
    save.replaceWith(save.cloneNode(true));
    const panel = connectPanel(startRecordPage());
    panel.mount();
    // Nothing holds this record, yet nothing is sent or claimed: the press went with its button.
    expect(portalSaves()).toBe(0);
    expect(panel.sent.map((message) => message.type)).not.toContain('saveAllowed');
    expect(shadows.at(-1)?.querySelector('[role="alert"]')?.textContent).toMatch(
      /your Save was not sent\. Press the portal’s Save again\.$/,
    );
  });

  it('the popup’s “Show the panel” loads it at once too', () => {
    pageStillLoading();
    const { start } = openRecordPage();
    const page = start();
    expect(panelSrc()).toBeNull();
    page.reveal();
    expect(panelSrc()).toBe(PANEL_URL);
  });
});
