// The content script stays small: recognise a portal page through its
// adapter, dock the panel, guard Save, and re-attach when a single-page portal
// swaps its content without a page load.
import { config as zodConfig } from 'zod/mini';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import mpbDemo from '../../adapters/mpb-demo.json';
import rosterDemo from '../../adapters/roster-demo.json';
import casenotesDemo from '../../adapters/casenotes-demo.json';
import legacyDemo from '../../adapters/legacy.json';
import { builtInAdapters } from '../../lib/adapters';
import { BUILTIN_CHECKLISTS_KEY, CONFIG_KEY, loadRuntimeCatalog, MANAGED_KEY, type RuntimeCatalog } from '../../lib/catalog-store';
import { ListBadges } from './features/list-badges/badges';
import { adapterForUrl, detectPage, documentProbe } from './detect';
import { findElement } from './features/bridge-client/portal-fields';
import { backgroundPagePath, isPanelPort, RecordPage } from './features/record-page/record-page';
import { dockInTopDocument, inChildFrame, serveFramePanels } from './features/record-page/panel-dock';
import { installSaveGuard, shortcutMatcher } from './features/save-guard/save-guard';
import { noteSaveLanding } from './features/save-guard/save-landing';
import { answerTabStatus } from './tab-status';

export default defineContentScript({
  // Host access only where a built-in adapter says a portal lives.
  matches: [...new Set([mpbDemo, rosterDemo, casenotesDemo, legacyDemo].flatMap((adapter) => adapter.matches))],
  runAt: 'document_start',
  // A portal's record page may live in a work frame of its shell (#14 part 1); frames with no address of
  // their own (an editor's about:blank iframe) count as their parent's origin.
  allFrames: true,
  matchOriginAsFallback: true,
  main(ctx) {
    // Content scripts forbid eval; skip Zod's probe for its compiled fast path.
    zodConfig({ jitless: true });
    startWatching(ctx);
  },
});

const shortcutMatchers = new Map<string, ReturnType<typeof shortcutMatcher>>();
function matcherFor(shortcut: string) {
  let matcher = shortcutMatchers.get(shortcut);
  if (!matcher) shortcutMatchers.set(shortcut, (matcher = shortcutMatcher(shortcut)));
  return matcher;
}

function isPageWide(element: Element): boolean {
  return element === document.documentElement || element === document.body || element === document.head || element instanceof HTMLFormElement;
}

/** True only while the extension that injected us is still there; a page cannot fake this. */
function extensionAlive(): boolean {
  try {
    return Boolean(browser.runtime?.id);
  } catch {
    return false;
  }
}

function startWatching(ctx: ContentScriptContext) {
  // WXT's context can be aborted by any page that dispatches its "newer script started" event,
  // so nothing that protects the record hangs off it: our listeners live until the extension is really gone.
  let orphaned = false;
  const listeners = new AbortController();
  const listen = (target: EventTarget, type: string, handler: (event: Event) => void, options: AddEventListenerOptions = {}) =>
    target.addEventListener(type, handler, { ...options, signal: listeners.signal });
  // Built-ins at once; imported portals and checklists join as soon as storage answers.
  let adapters = builtInAdapters();
  // Checklists arrive from storage within milliseconds; until then no record is judged (Save is never held blind).
  // One map, updated in place, so an open record page sees new checklists without its panel being rebuilt.
  const checklists: RuntimeCatalog['checklists'] = new Map();
  let catalogLoaded = false;
  const reloadCatalog = () =>
    loadRuntimeCatalog()
      .then((catalog) => {
        const firstLoad = !catalogLoaded;
        catalogLoaded = true;
        const adaptersChanged = JSON.stringify(catalog.adapters) !== JSON.stringify(adapters);
        const checklistsChanged = JSON.stringify([...catalog.checklists.values()]) !== JSON.stringify([...checklists.values()]);
        if (!adaptersChanged && !checklistsChanged && !firstLoad) return;
        adapters = catalog.adapters;
        checklists.clear();
        for (const [id, checklist] of catalog.checklists) checklists.set(id, checklist);
        // A record page keeps its panel (and what is typed in it) unless the portal's adapter itself changed.
        if (adaptersChanged) {
          current?.destroy();
          current = undefined;
        } else current?.pageChanged();
        // Badges hold no user state: regrade from scratch.
        badges?.destroy();
        badges = undefined;
        // Not the usual debounce: a list waiting for its badges should get them this frame.
        if (document.readyState !== 'loading') refresh();
      })
      .catch((error: unknown) => console.warn('Chartguard: imported configuration not loaded', error));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && (CONFIG_KEY in changes || BUILTIN_CHECKLISTS_KEY in changes || MANAGED_KEY in changes) && !orphaned) void reloadCatalog();
  });
  void reloadCatalog();
  const panelUrl = browser.runtime.getURL('/panel.html');
  const childFrame = inChildFrame();
  // The top document docks the panels of records that live in its work frames.
  const framePanels = childFrame ? undefined : serveFramePanels(panelUrl, listeners.signal);
  const mountPanel = childFrame ? () => dockInTopDocument(panelUrl) : undefined;
  let current: RecordPage | undefined;
  let badges: ListBadges | undefined;
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
        const checklist = current?.popupState();
        return {
          portal: adapter ? { id: adapter.id, name: adapter.name } : null,
          pageKind: match?.page.kind ?? null,
          ...(match?.recordId ? { recordId: match.recordId } : {}),
          panel: Boolean(current),
          checklist: checklist?.checklist ? { id: checklist.checklist.id, title: { ...checklist.checklist.title } } : null,
          saveHeld: checklist?.saveHeld ?? false,
          list: badges ? badges.summary() : null,
          address: location.href.slice(0, 4000),
          settled: started && catalogLoaded && scheduled === undefined && (badges?.settingsRead ?? true),
        };
      },
      showPanel: () => current?.reveal() ?? false,
    },
    listeners.signal,
  );

  // Installed at document_start so it runs before any listener the portal adds.
  const guard = installSaveGuard({
    saveControlFor(target) {
      if (!current || !(target instanceof Element)) return null;
      const control = target.closest(current.match.page.save.join(', ') || ':not(*)');
      // A Save selector that reaches the whole page or a whole form would turn every click into a held Save.
      return control && !isPageWide(control) ? control : null;
    },
    decide: (control) => current?.decide(control) ?? 'allow',
    panelCanAnswer: () => current?.panelCanAnswer() ?? true,
    onFailOpen: () => current?.failOpen('the panel is not ready or not responding'),
    onError(error) {
      console.warn('Chartguard: the record could not be checked', error);
      current?.notifyUnchecked(error instanceof Error ? error.message : String(error));
    },
    shortcutFor(event) {
      const shortcuts = current?.match.page.shortcuts;
      if (!current || !shortcuts?.length || !shortcuts.some((shortcut) => matcherFor(shortcut)(event))) return null;
      // The Save the shortcut stands for names the hold in the panel; a page without one is not held.
      return findElement(current.match.page.save);
    },
    listen: (target, type, handler) => listen(target, type, handler, { capture: true }),
  });

  const refresh = () => {
    if (orphaned) return;
    let match;
    try {
      match = detectPage(adapters, location.href, documentProbe());
    } catch (error) {
      console.warn('Chartguard: page detection failed', error);
      match = undefined;
    }
    // Badges wait for the checklists, so no list is graded twice.
    const listed = catalogLoaded && match?.page.list ? match : undefined;
    const badgeKey = listed ? `${listed.adapter.id}|${listed.page.kind}|list` : '';
    if (badges && badges.key === badgeKey) badges.pageChanged();
    else {
      badges?.destroy();
      badges = listed ? new ListBadges(listed, { checklists }) : undefined;
    }
    const editable = match && match.page.fields.length > 0 && findElement(match.page.fields.flatMap((field) => field.selectors)) ? match : undefined;
    const key = editable ? `${editable.adapter.id}|${editable.page.kind}|${editable.recordId ?? ''}` : '';
    if (current && current.key === key) {
      current.pageChanged();
      watchEditorFrames();
      return;
    }
    current?.destroy();
    current = editable ? new RecordPage(editable, { panelUrl, mountPanel, checklists, release: (control) => guard.release(control) }) : undefined;
    if (current) watchEditorFrames();
    // A save that reloaded the page (#14 part 5): this load may be the portal's confirmation of it.
    if (match) noteSaveLanding(match, (outcome) => current?.saveLanded(outcome));
  };

  /** A rich-text editor's iframe (same origin, often about:blank) hears the portal's save shortcut too. */
  const watchEditorFrames = () => {
    for (const frame of document.querySelectorAll('iframe')) {
      try {
        if (frame.contentWindow) guard.watchFrame(frame.contentWindow);
      } catch {
        // Not ours to watch (another origin).
      }
    }
  };

  const relayPath = backgroundPagePath(browser.runtime.getManifest().background as { page?: string; scripts?: string[] } | undefined);
  browser.runtime.onConnect.addListener((port) => {
    if (!isPanelPort(port, browser.runtime.id, relayPath)) {
      port.disconnect();
      return;
    }
    current?.attach(port);
  });

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
      listeners.abort();
      badges?.destroy();
      current?.orphaned();
      framePanels?.orphanAll('Chartguard was updated or restarted. Reload this page to continue; your answers are kept as a draft. Until then, Save is not checked.');
      current = undefined;
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
    listen(document, 'input', () => current?.pageChanged(), { capture: true });
    listen(document, 'change', () => current?.pageChanged(), { capture: true });
  };
  if (document.readyState === 'loading') listen(document, 'DOMContentLoaded', start, { once: true });
  else start();
}
