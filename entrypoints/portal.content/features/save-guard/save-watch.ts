// The saves no DOM event announces (#14 part 4), watched through the
// page-world bridge as the record's adapter asks: page script calling
// form.submit() (`formSubmit`), held through the guard like any Save, and the
// portal's own autosave or beacon (`autosave.requests`), which nothing can hold
// and which the record page reports as saved unchecked when rules are open.
import { pageBridgeReady } from '../../../../lib/bridge-client';
import { readSaveRequestSeen } from '../../../../lib/bridge-protocol';
import { findElement } from '../../dom';
import type { RecordPage } from '../record-page/record-page';
import type { SaveGuard } from './save-guard';

/** Starts watching for the record page's lifetime; the returned function stops it. */
export function watchUnannouncedSaves(record: RecordPage, guard: SaveGuard): () => void {
  const page = record.match.page;
  const requests = typeof page.autosave === 'object' ? page.autosave.requests : undefined;
  const stop = new AbortController();
  if (!page.formSubmit && !requests) return () => stop.abort();
  void pageBridgeReady().then((bridge) => {
    if (!bridge || stop.signal.aborted) return;
    if (page.formSubmit && bridge.call({ op: 'wrap-form-submit' })?.ok) {
      window.addEventListener(
        bridge.formSubmitEvent,
        (event) => {
          const form = event.target;
          if (!(form instanceof HTMLFormElement)) return;
          const control = saveControlOf(form, page.save);
          // Another form on the page (a search box) is not the record's Save.
          if (!control) return;
          // Replayed from this world, whose form.submit() is the browser's own: no second announcement.
          if (guard.judge(control, () => HTMLFormElement.prototype.submit.call(form)) === 'hold') event.preventDefault();
        },
        { capture: true, signal: stop.signal },
      );
    }
    if (requests && bridge.call({ op: 'watch-saves', patterns: requests })?.ok) {
      window.addEventListener(
        bridge.saveRequestEvent,
        (event) => {
          const seen = readSaveRequestSeen((event as CustomEvent).detail);
          if (seen) record.portalSavedItself(seen);
        },
        { signal: stop.signal },
      );
    }
  });
  return () => stop.abort();
}

/** The record's Save control that belongs to this form: inside it, or tied to it by `form=`. */
function saveControlOf(form: HTMLFormElement, save: readonly string[]): Element | null {
  const inside = findElement(save, form);
  if (inside) return inside;
  const elsewhere = findElement(save);
  return elsewhere && (elsewhere.closest('form') === form || (elsewhere as HTMLButtonElement).form === form) ? elsewhere : null;
}
