// Confirms, in the page's own world, which widget library runs the control
// the portal builder's picker just marked: the page-world bridge's drivers
// (lib/page-bridge/) are asked whether their widget has started on it, the
// same check the content script relies on before it reads or writes. Answers
// with widget names only, never with what the control holds.
import { PROBE_ATTRIBUTE } from './probe-attribute';
import type { PageWorld, WidgetDriver } from './page-bridge/driver';
import { tinymce } from './page-bridge/tinymce';
import { ckeditor5 } from './page-bridge/ckeditor5';
import { quill } from './page-bridge/quill';
import { select2 } from './page-bridge/select2';
import { chosen } from './page-bridge/chosen';
import { tomSelect } from './page-bridge/tom-select';
import { flatpickr } from './page-bridge/flatpickr';
import { jqueryUiDatepicker } from './page-bridge/jquery-ui-datepicker';
import { muiDatePicker } from './page-bridge/dom-widgets';

/** Library widgets only: a plain control, a contenteditable or an ARIA combobox needs no library to be recognised. */
const LIBRARY_DRIVERS: Record<string, WidgetDriver> = {
  tinymce,
  ckeditor5,
  quill,
  select2,
  chosen,
  'tom-select': tomSelect,
  flatpickr,
  'jquery-ui-datepicker': jqueryUiDatepicker,
  'mui-date-picker': muiDatePicker,
};

/** The widgets that report themselves started on the marked control; empty when none is, or nothing is marked. */
export function probeMarkedControl(win: Window & typeof globalThis): string[] {
  const element = win.document.querySelector(`[${PROBE_ATTRIBUTE}]`);
  if (!(element instanceof win.HTMLElement)) return [];
  const world: PageWorld = {
    win,
    jq() {
      const candidate = (win as unknown as Record<string, unknown>).jQuery;
      return typeof candidate === 'function' ? (candidate as (element: Element) => Record<string, any>) : undefined;
    },
  };
  return Object.entries(LIBRARY_DRIVERS).flatMap(([name, driver]) => {
    try {
      return driver.state(element, world) === 'ready' ? [name] : [];
    } catch {
      return [];
    }
  });
}
