// The content script's router: works out what this frame is (which adapter
// page, a record, a list), starts and stops the features the page needs, and
// owns the one AbortController every listener hangs off. Features never look
// at each other's rooms except through `Rooms`.
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { builtInAdapters } from '../../lib/catalog/built-in-adapters';
import { BUILTIN_CHECKLISTS_KEY, CONFIG_KEY, loadRuntimeCatalog, MANAGED_KEY, type RuntimeCatalog } from '../../lib/catalog/runtime';
import { adapterForUrl, detectPage, documentProbe, type PageMatch } from './detect';
import { ORPHANED, STOPPED, type Feature, type FeatureRoom, type FrameState, type Rooms } from './feature';
import { findElement, inChildFrame } from './dom';
import { answerTabStatus } from './tab-status';

/** True only while the extension that injected us is still there; a page cannot fake this. */
function extensionAlive(): boolean {
  try {
    return Boolean(browser.runtime?.id);
  } catch {
    return false;
  }
}

/** A record page is one whose adapter fields are in the DOM: only then is there something to dock a panel beside. */
function recordOf(match: PageMatch | undefined): PageMatch | undefined {
  return match && match.page.fields.length > 0 && findElement(match.page.fields.flatMap((field) => field.selectors)) ? match : undefined;
}

interface Running {
  key: string;
  room: FeatureRoom;
  controller: AbortController;
}

export function startRouter(ctx: ContentScriptContext, features: readonly Feature[]) {
  // WXT's context can be aborted by any page that dispatches its "newer script started" event,
  // so nothing that protects the record hangs off it: our listeners live until the extension is really gone.
  let orphaned = false;
  const listeners = new AbortController();
  const listen = (target: EventTarget, type: string, handler: (event: Event) => void, options: AddEventListenerOptions = {}) =>
    target.addEventListener(type, handler, { ...options, signal: listeners.signal });

  // Built-ins at once; imported portals and checklists join as soon as storage answers.
  let adapters = builtInAdapters();
  const frame: FrameState = {
    ready: false,
    match: undefined,
    record: undefined,
    list: undefined,
    // Checklists arrive from storage within milliseconds; until then no record is judged (Save is never held blind).
    catalogLoaded: false,
    checklists: new Map() as RuntimeCatalog['checklists'],
    panelUrl: browser.runtime.getURL('/panel.html'),
    childFrame: inChildFrame(),
  };

  const running = new Map<string, Running>();
  const rooms: Rooms = { get: <Room extends FeatureRoom>(name: string) => running.get(name)?.room as Room | undefined };

  const stop = (feature: Feature, reason: string) => {
    const instance = running.get(feature.name);
    if (!instance) return;
    running.delete(feature.name);
    instance.controller.abort(reason);
  };

  /** Each feature, in order: told of the change, restarted under a new key, started, or stopped. */
  const reconcile = () => {
    for (const feature of features) {
      if (orphaned) return;
      const key = feature.key(frame);
      const instance = running.get(feature.name);
      if (instance && instance.key === key) {
        instance.room.pageChanged?.(frame);
        continue;
      }
      stop(feature, STOPPED);
      if (key === undefined) continue;
      const controller = new AbortController();
      // One signal owns everything: the feature's own stop, or the whole script going away.
      listeners.signal.addEventListener('abort', () => controller.abort(listeners.signal.reason), { once: true, signal: controller.signal });
      running.set(feature.name, { key, controller, room: feature.start(frame, controller.signal, rooms) });
    }
  };

  const reloadCatalog = () =>
    loadRuntimeCatalog()
      .then((catalog) => {
        const firstLoad = !frame.catalogLoaded;
        frame.catalogLoaded = true;
        const adaptersChanged = JSON.stringify(catalog.adapters) !== JSON.stringify(adapters);
        const checklistsChanged = JSON.stringify([...catalog.checklists.values()]) !== JSON.stringify([...frame.checklists.values()]);
        if (!adaptersChanged && !checklistsChanged && !firstLoad) return;
        adapters = catalog.adapters;
        frame.checklists.clear();
        for (const [id, checklist] of catalog.checklists) frame.checklists.set(id, checklist);
        // A record page keeps its panel (and what is typed in it) unless the portal's adapter itself changed;
        // features that hold no user state start again from scratch.
        for (const feature of features) {
          if (feature.restartWhen === 'catalog-changes' || (feature.restartWhen === 'adapters-change' && adaptersChanged)) stop(feature, STOPPED);
        }
        // Not the usual debounce: a list waiting for its badges should get them this frame.
        if (document.readyState !== 'loading') refresh();
      })
      .catch((error: unknown) => console.warn('Chartguard: imported configuration not loaded', error));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && (CONFIG_KEY in changes || BUILTIN_CHECKLISTS_KEY in changes || MANAGED_KEY in changes) && !orphaned) void reloadCatalog();
  });
  void reloadCatalog();

  answerTabStatus(
    {
      status() {
        const adapter = adapterForUrl(adapters, location.href);
        let match;
        try {
          match = detectPage(adapters, location.href, documentProbe());
        } catch {
          match = undefined;
        }
        const parts = [...running.values()].map(({ room }) => room);
        return {
          portal: adapter ? { id: adapter.id, name: adapter.name } : null,
          pageKind: match?.page.kind ?? null,
          ...(match?.recordId ? { recordId: match.recordId } : {}),
          panel: false,
          checklist: null,
          saveHeld: false,
          list: null,
          ...Object.assign({}, ...parts.map((room) => room.status?.() ?? {})),
          address: location.href.slice(0, 4000),
          settled: started && frame.catalogLoaded && scheduled === undefined && parts.every((room) => room.settled?.() ?? true),
        };
      },
      showPanel: () => [...running.values()].some(({ room }) => room.showPanel?.() ?? false),
    },
    listeners.signal,
  );

  // Slow reads begin now; features that must be there before the portal's own script runs (the Save guard)
  // start now, at document_start, since their key needs no page.
  for (const feature of features) feature.prepare?.();
  reconcile();

  const refresh = () => {
    if (orphaned) return;
    let match;
    try {
      match = detectPage(adapters, location.href, documentProbe());
    } catch (error) {
      console.warn('Chartguard: page detection failed', error);
      match = undefined;
    }
    frame.ready = true;
    frame.match = match;
    // Badges wait for the checklists, so no list is graded twice.
    frame.list = frame.catalogLoaded && match?.page.list ? match : undefined;
    frame.record = recordOf(match);
    reconcile();
  };

  let scheduled: ReturnType<typeof setTimeout> | undefined;
  const scheduleRefresh = () => {
    if (scheduled !== undefined) return;
    scheduled = setTimeout(() => {
      scheduled = undefined;
      refresh();
    }, 80);
  };

  let started = false;
  const start = () => {
    started = true;
    refresh();
    const observer = new MutationObserver(scheduleRefresh);
    observer.observe(document.documentElement, { childList: true, subtree: true });
    const orphan = () => {
      if (orphaned || extensionAlive()) return;
      orphaned = true;
      clearInterval(watch);
      observer.disconnect();
      running.clear();
      // Every feature hears the same reason and leaves the page working, saying why where it shows anything.
      listeners.abort(ORPHANED);
    };
    // Single-page portals change the URL without a load; the DOM observer catches most, this catches the rest.
    let lastUrl = location.href;
    const watch = setInterval(() => {
      if (location.href !== lastUrl) {
        lastUrl = location.href;
        scheduleRefresh();
      }
      orphan();
    }, 500);
    ctx.onInvalidated(orphan);
    listen(window, 'popstate', scheduleRefresh);
  };
  if (document.readyState === 'loading') listen(document, 'DOMContentLoaded', start, { once: true });
  else start();
}
