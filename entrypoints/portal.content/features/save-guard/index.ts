// Feature: the Save guard, in every matched frame from document_start, so its
// capture listeners run before any the portal adds. It holds Save only while a
// record page is running and judges by that page's verdict; it also watches a
// rich-text editor's iframe for the save shortcut, and notes a load that is a
// portal's confirmation of a save that reloaded the page (#14 part 5).
import { defineFeature, type FeatureRoom } from '../../feature';
import { findElement } from '../../dom';
import type { RecordPageRoom } from '../record-page';
import { installSaveGuard, shortcutMatcher, type SaveGuard } from './save-guard';
import { noteSaveLanding } from './save-landing';

export interface SaveGuardRoom extends FeatureRoom {
  readonly guard: SaveGuard;
}

function isPageWide(element: Element): boolean {
  return element === document.documentElement || element === document.body || element === document.head || element instanceof HTMLFormElement;
}

export default defineFeature<SaveGuardRoom>({
  name: 'save-guard',
  key: () => 'always',
  start(_frame, signal, rooms) {
    const record = () => rooms.get<RecordPageRoom>('record-page')?.page;
    const shortcutMatchers = new Map<string, ReturnType<typeof shortcutMatcher>>();
    const matcherFor = (shortcut: string) => {
      let matcher = shortcutMatchers.get(shortcut);
      if (!matcher) shortcutMatchers.set(shortcut, (matcher = shortcutMatcher(shortcut)));
      return matcher;
    };
    const guard = installSaveGuard({
      saveControlFor(target) {
        const current = record();
        if (!current || !(target instanceof Element)) return null;
        const control = target.closest(current.match.page.save.join(', ') || ':not(*)');
        // A Save selector that reaches the whole page or a whole form would turn every click into a held Save.
        return control && !isPageWide(control) ? control : null;
      },
      decide: (control) => record()?.decide(control) ?? 'allow',
      panelCanAnswer: () => record()?.panelCanAnswer() ?? true,
      onFailOpen: () => record()?.failOpen('the panel is not ready or not responding'),
      onError(error) {
        console.warn('Chartguard: the record could not be checked', error);
        record()?.notifyUnchecked(error instanceof Error ? error.message : String(error));
      },
      shortcutFor(event) {
        const current = record();
        const shortcuts = current?.match.page.shortcuts;
        if (!current || !shortcuts?.length || !shortcuts.some((shortcut) => matcherFor(shortcut)(event))) return null;
        // The Save the shortcut stands for names the hold in the panel; a page without one is not held.
        return findElement(current.match.page.save);
      },
      listen: (target, type, handler) => target.addEventListener(type, handler, { capture: true, signal }),
    });

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

    return {
      guard,
      pageChanged({ match }) {
        if (record()) watchEditorFrames();
        // A save that reloaded the page: this load may be the portal's confirmation of it.
        if (match) noteSaveLanding(match, (outcome) => record()?.saveLanded(outcome));
      },
    };
  },
});
