// The page-world bridge: widget state lives on the page's own objects (an
// editor instance, a jQuery plugin, a date picker), which the content
// script's isolated world cannot reach. This runs in the page's world and
// offers a fixed set of operations per known widget library and nothing
// else: no adapter-supplied code, no eval, every request checked against
// lib/bridge-protocol.ts, and no clinical text sent back (it answers with a
// state or an error, never with what a field holds: the content script reads
// values from the DOM itself). Its events are named with a per-page secret
// (see bridgeEvents) that reaches the content script only through the extension.
import {
  bridgeEvents,
  readBridgeRequest,
  type BridgeReply,
  type BridgeRequest,
  type BridgeWidget,
  type WidgetState,
} from './bridge-protocol';
import type { Loose, PageWorld, WidgetDriver } from './page-bridge/driver';
import { tinymce } from './page-bridge/tinymce';
import { ckeditor5 } from './page-bridge/ckeditor5';
import { quill } from './page-bridge/quill';
import { contenteditable } from './page-bridge/contenteditable';
import { select2 } from './page-bridge/select2';
import { chosen } from './page-bridge/chosen';
import { tomSelect } from './page-bridge/tom-select';
import { flatpickr } from './page-bridge/flatpickr';
import { jqueryUiDatepicker } from './page-bridge/jquery-ui-datepicker';
import { ariaCombobox, muiDatePicker } from './page-bridge/dom-widgets';
import { watchSaveRequests, type SaveRequestWatch } from './page-bridge/save-requests';

/** The allow-list: one driver per known widget, each offering only state, write and sync. */
const DRIVERS: Record<BridgeWidget, WidgetDriver> = {
  tinymce,
  ckeditor5,
  quill,
  contenteditable,
  select2,
  chosen,
  'tom-select': tomSelect,
  flatpickr,
  'jquery-ui-datepicker': jqueryUiDatepicker,
  'aria-combobox': ariaCombobox,
  'mui-date-picker': muiDatePicker,
};

/** A fresh secret from the page's crypto (the extension's is not reachable from here). */
export function newBridgeSecret(win: Window & typeof globalThis): string {
  const bytes = win.crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function startBridge(win: Window & typeof globalThis, secret: string) {
  const events = bridgeEvents(secret);
  let formSubmitWrapped = false;
  let saveRequests: SaveRequestWatch | undefined;
  const world: PageWorld = {
    win,
    jq() {
      const candidate = (win as unknown as Loose).jQuery;
      return typeof candidate === 'function' ? candidate : undefined;
    },
  };
  win.addEventListener(events.request, (event) => {
    const request = readBridgeRequest((event as CustomEvent).detail);
    if (!request) return;
    let reply: BridgeReply;
    try {
      reply = handle(request);
    } catch (error) {
      reply = {
        id: request.id,
        ok: false,
        error: error instanceof Error ? error.message.slice(0, 200) : 'the widget refused the operation',
      };
    }
    win.dispatchEvent(new CustomEvent(events.reply, { detail: JSON.stringify(reply) }));
  });

  function handle(request: BridgeRequest): BridgeReply {
    const { id } = request;
    if (request.op === 'wrap-form-submit') {
      if (!formSubmitWrapped) wrapFormSubmit();
      formSubmitWrapped = true;
      return { id, ok: true };
    }
    if (request.op === 'watch-saves') {
      // Wrapped once per page, on the first record page whose adapter names autosave addresses.
      saveRequests ??= watchSaveRequests(win, (via, outcome) =>
        win.dispatchEvent(new CustomEvent(events.saveRequest, { detail: JSON.stringify({ via, outcome }) })),
      );
      saveRequests.setPatterns(request.patterns!);
      return { id, ok: true };
    }
    const driver = DRIVERS[request.widget!];
    const element = find(request.selectors!);
    const state: WidgetState = element ? driver.state(element, world) : 'absent';
    if (request.op === 'state' || state !== 'ready') return { id, ok: request.op === 'state', state };
    if (request.op === 'sync') {
      driver.sync?.(element!, world);
      return { id, ok: true, state };
    }
    // A control the portal has locked is not written through its widget either (as a plain control would not be).
    const locked = driver.locked?.(element!, world) ?? lockedControl(element!);
    if (locked) return { id, ok: false, state, error: locked };
    const error = driver.write(element!, request.value!, world);
    return error ? { id, ok: false, state, error } : { id, ok: true, state };
  }

  function lockedControl(element: HTMLElement): string | undefined {
    const control = element as HTMLElement & { disabled?: boolean; readOnly?: boolean };
    if (control.disabled === true || element.closest('fieldset:disabled')) return 'the field is disabled in the portal';
    if (control.readOnly === true && !(element instanceof win.HTMLInputElement && element.type === 'hidden'))
      return 'the field is read-only in the portal';
    return undefined;
  }

  function find(selectors: readonly string[]): HTMLElement | null {
    for (const selector of selectors) {
      try {
        const element = win.document.querySelector(selector);
        if (element instanceof win.HTMLElement) return element;
      } catch {
        // An invalid selector is skipped, as the content script does.
      }
    }
    return null;
  }

  /**
   * form.submit() fires no event: announce it, cancellably, so the guard can hold it like any Save. A form
   * whose submit a library already replaced on the form itself (TinyMCE does, keeping the browser's own to
   * call after its triggerSave) is wrapped there too, or that replacement would bypass the announcement.
   */
  function wrapFormSubmit() {
    const announced = (form: HTMLFormElement) =>
      form.dispatchEvent(new CustomEvent(events.formSubmit, { bubbles: true, cancelable: true }));
    const prototype = win.HTMLFormElement.prototype;
    const original = prototype.submit;
    prototype.submit = function submit(this: HTMLFormElement) {
      if (announced(this)) original.call(this);
    };
    for (const form of win.document.forms) {
      const own = Object.getOwnPropertyDescriptor(form, 'submit');
      if (!own || typeof own.value !== 'function' || !own.writable) continue;
      const replaced = own.value as (this: HTMLFormElement, ...args: unknown[]) => unknown;
      (form as { submit: unknown }).submit = function submit(this: HTMLFormElement, ...args: unknown[]) {
        if (announced(this)) return replaced.apply(this, args);
        return undefined;
      };
    }
  }
}
