// Feature: the Save guard, always on in every matched frame from
// document_start, so its capture listeners run before any the portal adds. It
// holds Save while a record page is running and judges by that page's verdict;
// a Save pressed while the record page is still starting (its feature script
// loading, its panel not yet up) is held and judged as soon as the page can
// answer, or let through with a notice if it cannot. It also watches a
// rich-text editor's iframe for the save shortcut, and notes a load that is a
// portal's confirmation of a save that reloaded the page (#14 part 5).
import { defineFeature, type FeatureRoom, type RouterFrame } from '../../feature';
import { findElement } from '../../dom';
import type { RecordPageRoom } from '../record-page';
import type { RouterView } from '../../router';
import { installSaveGuard, shortcutMatcher, type SaveGuard } from './save-guard';
import { noteSaveLanding } from './save-landing';
import { tellSavedUnchecked } from './saved-unchecked';

export interface SaveGuardRoom extends FeatureRoom<RouterFrame> {
  readonly guard: SaveGuard;
  /** The record page's panel is up and can show a hold: a Save held while it started is judged now. */
  recordReady(): void;
}

/** How long a Save pressed while the record page starts waits for it before it is let through unchecked. */
const STARTING_MS = 10_000;

/** The whole page (the body, or the root that holds it) or a whole form. */
function isPageWide(element: Element): boolean {
  return element.contains(document.body) || element instanceof HTMLFormElement;
}

let view: RouterView | undefined;
/** The router's view of the page, for a guard that must answer before the router's first look. */
export function useRouterView(routerView: RouterView) {
  view = routerView;
}

export default defineFeature<SaveGuardRoom, RouterFrame>({
  name: 'save-guard',
  key: () => 'always',
  start(_frame, signal, rooms) {
    const record = () => rooms.get<RecordPageRoom>('record-page')?.page;
    /** The record page's Save selectors and shortcuts: its own once running, the compact adapter's while it loads. */
    const saveRules = (): { save: readonly string[]; shortcuts?: readonly string[] } | undefined => {
      const current = record();
      if (current) return current.match.page;
      if (!view?.recordComing()) return undefined;
      const page = view.detectNow();
      return page?.record ? page.page : undefined;
    };
    let startingTimer: ReturnType<typeof setTimeout> | undefined;
    /**
     * The Save held while the record page started, if any, is judged now; with no record page to show what came of it
     * (its script never came), a Save let through is told on the page by the always-on script itself.
     */
    const rejudge = () => {
      const held = guard.heldEarly();
      const current = record();
      clearTimeout(startingTimer);
      // Told before the Save is let through (a portal may swap or remove its Save button as it saves). A button the
      // portal replaced while the record page started took the press with it: the user is told to press again.
      if (held && !held.isConnected && current) current.saveDropped();
      else if (held && !current) tellSavedUnchecked(held.isConnected);
      guard.rejudge();
    };
    const guard = installSaveGuard({
      saveControlFor(target) {
        const rules = saveRules();
        if (!rules || !(target instanceof Element)) return null;
        const control = target.closest(rules.save.join(', ') || ':not(*)');
        // A Save selector that reaches the whole page or a whole form would turn every click into a held Save.
        return control && !isPageWide(control) ? control : null;
      },
      starting() {
        const current = record();
        const waiting = current ? current.starting() : (view?.recordComing() ?? false);
        if (!waiting) return false;
        view?.needRecord();
        clearTimeout(startingTimer);
        // Nothing is held with no way out: judged as the page stands, a hold the panel cannot show goes through with a notice.
        startingTimer = setTimeout(rejudge, STARTING_MS);
        return true;
      },
      decide: (control) => record()?.decide(control) ?? 'allow',
      panelCanAnswer: () => record()?.panelCanAnswer() ?? true,
      onFailOpen: () => record()?.failOpen(),
      onError(error) {
        console.warn('Chartguard: check failed', error);
        record()?.notifyUnchecked(error instanceof Error ? error.message : String(error));
      },
      shortcutFor(event) {
        const rules = saveRules();
        // The Save the shortcut stands for names the hold in the panel; a page without one is not held.
        return rules?.shortcuts?.some((shortcut) => shortcutMatcher(shortcut)(event)) ? findElement(rules.save) : null;
      },
      listen: (target, type, handler) => target.addEventListener(type, handler, { capture: true, signal }),
    });
    signal.addEventListener('abort', () => clearTimeout(startingTimer));

    /** A rich-text editor's iframe (same origin, often about:blank) hears the portal's save shortcut too. */
    const watchEditorFrames = () => {
      for (const frame of document.querySelectorAll('iframe')) {
        try {
          guard.watchFrame(frame.contentWindow as Window);
        } catch {
          // Not ours to watch (another origin), or not yet a window (an iframe not rendered).
        }
      }
    };

    /** The background's match of this load with a Save that reloaded the page, kept until the record page runs. */
    let landed: unknown;
    const deliverLanding = () => {
      const current = record();
      if (landed && current) {
        current.saveLanded(landed);
        landed = undefined;
      }
    };

    return {
      guard,
      recordReady: rejudge,
      pageChanged({ page }) {
        const current = record();
        if (current) watchEditorFrames();
        if (guard.heldEarly()) {
          // A Save held before the record page ran waits on its panel: starting() has the panel load now.
          if (current) current.starting();
          // (Registered but not yet running counts as coming: the record page starts once the DOM is parsed.)
          // The record page's features could not be loaded: the Save waiting for them goes through.
          else if (!view?.recordComing()) rejudge();
        }
        // A save that reloaded the page: this load may be the portal's confirmation of it.
        if (page)
          noteSaveLanding(page, (reply) => {
            landed = reply;
            deliverLanding();
          });
        deliverLanding();
      },
    };
  },
});
