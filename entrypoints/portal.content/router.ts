// The content script's router, always on in every frame of a matched portal:
// works out what this frame is (which adapter page, a record, a list) from the
// compact adapters, asks the background for the feature script the page needs,
// starts, tells and stops the features registered with it (its own, the Save
// guard, and those of the feature scripts), and owns the one AbortController
// every listener hangs off. Features never look at each other's rooms except
// through `Rooms`.
import { COMPACT_ADAPTERS_KEY, readCompactAdapters, type CompactAdapter } from '../../lib/catalog/compact';
import {
  ORPHANED,
  REGISTER_KEY,
  STOPPED,
  type BundleName,
  type Feature,
  type FeatureBundle,
  type FeatureRoom,
  type RegisterFeatures,
  type Rooms,
  type RouterFrame,
} from './feature';
import { extensionApi } from './extension-api';
import { compactAdapterFor, detectPageKind, type PageInfo } from './page-kind';
import { answerTabStatus } from './tab-status';
import { FEATURES_LOAD_MESSAGE } from '../../lib/feature-message';

/** True only while the extension that injected us is still there; a page cannot fake this. */
function extensionAlive(): boolean {
  try {
    return Boolean(extensionApi()?.runtime?.id);
  } catch {
    return false;
  }
}

/** Any feature the router runs: its own (given its frame) or a feature script's (given the script's fuller one). */
type AnyFeature = Feature<FeatureRoom<RouterFrame>, RouterFrame>;

interface Running {
  key: string;
  room: FeatureRoom<RouterFrame>;
  controller: AbortController;
}

/** A feature script: asked for, registered, or failed to load (the page then works as without Chartguard). */
type BundleState =
  | { state: 'loading' }
  | { state: 'failed'; address: string }
  | { state: 'registered'; bundle: FeatureBundle; catalogRead: boolean };

/** What the router offers the always-on features beyond the frame: the page now, and the feature scripts' state. */
export interface RouterView {
  /** The page as it stands this instant (the Save guard asks before the router's first look, at document_start). */
  detectNow(): PageInfo | undefined;
  /** Whether the record page's features can still come (not failed to load, the extension still here). */
  recordComing(): boolean;
  /** Asks for the record page's feature script now, ahead of the router's next look. */
  needRecord(): void;
}

/**
 * Starts the router; what it returns stops it as if the extension had gone (for tests). Nothing hangs off WXT's
 * content-script context: our listeners live until the extension is really gone, which the router sees itself.
 */
export function startRouter(
  alwaysOn: readonly AnyFeature[],
  builtInCompact: readonly CompactAdapter[],
  onView?: (view: RouterView) => void,
): () => void {
  let orphaned = false;
  const listeners = new AbortController();

  // Built-ins at once; imported portals join as soon as storage answers.
  let adapters: readonly CompactAdapter[] = builtInCompact;
  let adaptersRead = false;
  // (`page` is set by the first refresh; undefined until then.)
  const base = { ready: false } as RouterFrame;

  const bundles = new Map<BundleName, BundleState>();
  const running = new Map<string, Running>();
  const rooms: Rooms = { get: <Room extends FeatureRoom<RouterFrame>>(name: string) => running.get(name)?.room as Room | undefined };

  const stop = (feature: AnyFeature, reason: string) => {
    const instance = running.get(feature.name);
    if (!instance) return;
    running.delete(feature.name);
    instance.controller.abort(reason);
  };

  /** Each feature, in order (the feature scripts' before the always-on ones): told of the change, restarted under a new key, started, or stopped. */
  const reconcile = () => {
    const groups: { features: readonly AnyFeature[]; frame: RouterFrame }[] = [];
    for (const entry of bundles.values())
      if (entry.state === 'registered') groups.push({ features: entry.bundle.features, frame: entry.bundle.frame(base) });
    groups.push({ features: alwaysOn, frame: base });
    for (const { features, frame } of groups) {
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
        const signal = AbortSignal.any([controller.signal, listeners.signal]);
        running.set(feature.name, { key, controller, room: feature.start(frame, signal, rooms) });
      }
    }
  };

  /** Injected by the background into this frame only (lib/feature-inject.ts); a failure leaves the page as without Chartguard. */
  const need = (name: BundleName) => {
    const entry = bundles.get(name);
    // A failure holds for the page it happened on; a portal that moves to another page (a client-side route) asks again.
    if (orphaned || (entry && !(entry.state === 'failed' && entry.address !== location.href))) return;
    // This request's own entry: a later request (the portal moved to another page) has its own, and this one's
    // late answers and timers then touch nothing.
    const loading: BundleState = { state: 'loading' };
    bundles.set(name, loading);
    const failed = (reason: unknown) => {
      if (orphaned || bundles.get(name) !== loading) return;
      bundles.set(name, { state: 'failed', address: location.href });
      console.warn(`Chartguard: the ${name} features did not load`, reason);
      refresh();
    };
    // No answer (none at all, or none within 5 s), or a script that did not register: the browser stopped the service
    // worker as it was asked (it stops idle ones at any time). Asking again starts it; only the background's own error is final.
    const ask = (attempt: number): void => {
      if (orphaned || bundles.get(name) !== loading) return;
      // Each ask settles once: by its answer, its rejection or its 5 s, whichever comes first; a late one is ignored.
      let settled = false;
      const settle = (reason: unknown, final?: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        final || attempt > 4 ? failed(reason) : setTimeout(ask, 100 << attempt, attempt + 1);
      };
      const timer = setTimeout(settle, 5_000, 'no answer');
      extensionApi()
        .runtime.sendMessage({ type: FEATURES_LOAD_MESSAGE, bundle: name })
        // The script registers while it runs, before the background answers: still loading now means it did not.
        .then((reply: unknown) => {
          const error = (reply as { error?: unknown } | undefined)?.error;
          settle(error ?? 'not registered', error);
        }, settle);
    };
    ask(0);
  };

  const register: RegisterFeatures = (bundle) => {
    const entry = bundles.get(bundle.name);
    if (orphaned || entry?.state === 'registered') return;
    const state: BundleState = { state: 'registered', bundle, catalogRead: false };
    bundles.set(bundle.name, state);
    bundle.start((restart) => {
      state.catalogRead = true;
      // Nothing to work from (the configuration could not be read): as a script that did not load.
      const failed = restart === 'failed';
      for (const feature of failed ? bundle.features : restart) stop(feature, STOPPED);
      if (failed) bundles.set(bundle.name, { state: 'failed', address: location.href });
      // Not the usual debounce: a list waiting for its badges should get them this frame.
      if (document.readyState !== 'loading') refresh();
    }, listeners.signal);
    // Its features start now: the top document's frame panels are awaited by a dock message right after.
    reconcile();
  };
  (globalThis as Record<string, unknown>)[REGISTER_KEY] = register;

  const reloadAdapters = () =>
    extensionApi()
      .storage.local.get(COMPACT_ADAPTERS_KEY)
      // Both handlers in one `then`: one promise fewer at document_start than a `catch` after it (docs/performance.md),
      // and what refresh() might throw is not a failed read.
      .then(
        (stored) => {
          adaptersRead = true;
          // Nothing stored yet, or written in another version's form: the built-ins this script carries.
          // (Nothing holds on to the adapters themselves: the patterns they compile are cached by their text.)
          adapters = readCompactAdapters(stored[COMPACT_ADAPTERS_KEY]) ?? builtInCompact;
          if (document.readyState !== 'loading') refresh();
        },
        (error: unknown) => console.warn('Chartguard: stored portals not read', error),
      );
  // The stored adapters are asked for on every host as soon as the page lets a task run: an imported portal's Save, or
  // an organisation's refinement of a built-in portal's, is recognised only from them, and a Save pressed while the page
  // still loads must be held by those rules too. Not during this script's evaluation, which holds up the page's parser
  // (the read was a third of it): its answer came back in a later task anyway, so a Save pressed before it was already
  // judged by the built-in rules, and the task's wait (1–12 ms, before DOMContentLoaded in every load measured,
  // docs/performance.md) adds little to that. Listening for the background rewriting them can wait for the page to be
  // idle (start, below): it reads them once more when it starts, so a rewrite in between is not missed.
  setTimeout(reloadAdapters);
  // Called once: start() runs once, at the one DOMContentLoaded or at once.
  const listenForAdapters = () => {
    if (orphaned) return;
    extensionApi().storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && COMPACT_ADAPTERS_KEY in changes && !orphaned) void reloadAdapters();
    });
    void reloadAdapters();
  };

  const detectNow = (byAddress?: boolean) => {
    try {
      return detectPageKind(adapters, location.href, byAddress);
    } catch (error) {
      console.warn('Chartguard: detection failed', error);
      return undefined;
    }
  };

  answerTabStatus(
    {
      status() {
        const adapter = compactAdapterFor(adapters, location.href);
        const page = detectNow();
        const parts = [...running.values()].map(({ room }) => room);
        const bundlesSettled = [...bundles.values()].every(
          (entry) => entry.state === 'failed' || (entry.state === 'registered' && entry.catalogRead),
        );
        return {
          portal: adapter ? { id: adapter.id } : null,
          pageKind: page?.page.kind ?? null,
          ...(page?.recordId ? { recordId: page.recordId } : {}),
          ...Object.assign({}, ...parts.map((room) => room.status?.())),
          address: location.href.slice(0, 4000),
          ...(page?.record && bundles.get('record')?.state === 'failed' ? { unchecked: true } : {}),
          // Started: the URL watch is set once the DOM is parsed (start).
          settled: !!watch && adaptersRead && scheduled === undefined && bundlesSettled && parts.every((room) => room.settled?.() ?? true),
        };
      },
      showPanel: () => [...running.values()].some(({ room }) => room.showPanel?.() ?? false),
    },
    listeners.signal,
  );

  onView?.({
    detectNow,
    recordComing: () => !orphaned && bundles.get('record')?.state !== 'failed',
    needRecord: () => need('record'),
  });

  // Features that must be there before the portal's own script runs (the Save guard) start now, at
  // document_start, since their key needs no page.
  reconcile();
  // A list page's script is asked for by the address alone, now: it and its checklists then arrive while the portal's
  // HTML is still being parsed, so the rows in view are badged in the list's first frames rather than a round trip
  // after its DOMContentLoaded (docs/performance.md, "The list's script asked for by its address").
  if (detectNow(true)?.page.list) need('list');

  let observer: MutationObserver | undefined;
  const refresh = () => {
    if (orphaned) return;
    const page = detectNow();
    base.ready = true;
    base.page = page;
    // Only what the page needs is loaded; a page that is neither loads nothing more.
    if (page?.record) need('record');
    if (page?.page.list) need('list');
    // The DOM decides what this frame is (a page's `present`, its fields) only where its address names a page of a
    // portal; elsewhere only a new address can, which the watch below sees. So a page that is neither is not observed:
    // an observer of the whole document was 40% of what the script added to the heap there (docs/performance.md).
    if (!page && !detectNow(true)) observer = void observer?.disconnect();
    else if (!observer)
      (observer = new MutationObserver(scheduleRefresh)).observe(document.documentElement, { childList: true, subtree: true });
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

  let watch: ReturnType<typeof setInterval> | undefined;
  const orphan = (gone = !extensionAlive()) => {
    if (orphaned || !gone) return;
    orphaned = true;
    clearInterval(watch);
    clearTimeout(scheduled);
    observer?.disconnect();
    running.clear();
    // Every feature hears the same reason and leaves the page working, saying why where it shows anything.
    listeners.abort(ORPHANED);
  };
  const start = () => {
    refresh();
    // Off the page's load path: the change listener is not needed before the page is idle.
    // (A test DOM may have no requestIdleCallback; the browsers Chartguard runs in all do.)
    globalThis.requestIdleCallback?.(listenForAdapters, { timeout: 1000 }) ?? setTimeout(listenForAdapters);
    // Single-page portals change the URL without a load; the DOM observer (where the address has one) catches most,
    // this catches the rest, and is all that watches a page that is neither.
    let lastUrl = location.href;
    watch = setInterval(() => {
      if (location.href !== lastUrl) {
        lastUrl = location.href;
        scheduleRefresh();
      }
      orphan();
    }, 500);
    addEventListener('popstate', scheduleRefresh, listeners);
  };
  // Its listeners go with `listeners` (an AbortController has the `signal` an options dictionary asks for). No `once`:
  // DOMContentLoaded, like an abort, happens once, and every byte of this script is paid on each page.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, listeners);
  else start();
  return () => orphan(true);
}
