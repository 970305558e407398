// The messages between the content script and the page-world bridge, and the
// checks both sides run on them. Events on the page's own window carry them,
// so the page can see and forge them: each side accepts only these shapes,
// the bridge acts only on the fixed operations below, and nothing in a reply
// is more than a string the content script checks as it would a DOM value.
// Written without Zod: the bridge runs in the page's world at every load.

export const BRIDGE_REQUEST = 'chartguard-bridge-request';
export const BRIDGE_REPLY = 'chartguard-bridge-reply';
/** The bridge announces a held form.submit() call; the content script cancels the event to hold it. */
export const BRIDGE_FORM_SUBMIT = 'chartguard-bridge-form-submit';
/** The bridge saw the page send a request to one of the adapter's autosave addresses (never its body or address). */
export const BRIDGE_SAVE_REQUEST = 'chartguard-bridge-save-request';

/**
 * The per-page secret: made by the bridge when it starts and handed to the
 * content script only through the extension (the background reads it as the
 * result of scripting.executeScript), never through the page. Events carry it
 * in their type, so a page script that does not know it cannot listen to the
 * traffic or forge either side of it.
 */
export const BRIDGE_SECRET_PATTERN = /^[a-z0-9]{32}$/;

export function isBridgeSecret(value: unknown): value is string {
  return typeof value === 'string' && BRIDGE_SECRET_PATTERN.test(value);
}

export interface BridgeEvents {
  request: string;
  reply: string;
  formSubmit: string;
  saveRequest: string;
}

/** The event types of one page's bridge. */
export function bridgeEvents(secret: string): BridgeEvents {
  if (!isBridgeSecret(secret)) throw new Error('not a bridge secret');
  return {
    request: `${BRIDGE_REQUEST}-${secret}`,
    reply: `${BRIDGE_REPLY}-${secret}`,
    formSubmit: `${BRIDGE_FORM_SUBMIT}-${secret}`,
    saveRequest: `${BRIDGE_SAVE_REQUEST}-${secret}`,
  };
}

/** The message a content script sends the background to have the bridge started in its frame. */
export const BRIDGE_START_MESSAGE = 'bridge.start';

export const BRIDGE_WIDGETS = [
  'tinymce',
  'ckeditor5',
  'quill',
  'contenteditable',
  'select2',
  'chosen',
  'tom-select',
  'aria-combobox',
  'flatpickr',
  'jquery-ui-datepicker',
  'mui-date-picker',
] as const;
export type BridgeWidget = (typeof BRIDGE_WIDGETS)[number];
export const BRIDGE_OPS = ['state', 'write', 'sync', 'wrap-form-submit', 'watch-saves'] as const;
export type BridgeOp = (typeof BRIDGE_OPS)[number];

export interface BridgeRequest {
  id: string;
  op: BridgeOp;
  widget?: BridgeWidget;
  /** Selectors of the element the widget was started on, tried in order as the adapter lists them. */
  selectors?: string[];
  /** The portal value to write: a code, a date in the portal's format, or the note's lines. */
  value?: string;
  /** For `watch-saves`: the adapter's patterns of the addresses the portal saves to by itself. */
  patterns?: string[];
}

/** `ready`: the widget runs on the element; `not-started`: the element is there, its widget is not (yet). */
export type WidgetState = 'absent' | 'not-started' | 'ready';

export interface BridgeReply {
  id: string;
  ok: boolean;
  state?: WidgetState;
  error?: string;
}

const MAX_VALUE = 100_000;
const MAX_SELECTOR = 500;

const isStringArray = (value: unknown, max: number): value is string[] =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.length <= 10 &&
  value.every((item) => typeof item === 'string' && item.length > 0 && item.length <= max);

/** A request as the bridge accepts it, or undefined for anything else. */
export function readBridgeRequest(raw: unknown): BridgeRequest | undefined {
  if (typeof raw !== 'string' || raw.length > MAX_VALUE + 10_000) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const { id, op, widget, selectors, value, patterns, ...rest } = data as Record<string, unknown>;
  if (Object.keys(rest).length) return undefined;
  if (typeof id !== 'string' || !/^[a-z0-9]{8,40}$/.test(id)) return undefined;
  if (!(BRIDGE_OPS as readonly unknown[]).includes(op)) return undefined;
  if (op === 'wrap-form-submit')
    return widget === undefined && selectors === undefined && value === undefined && patterns === undefined ? { id, op } : undefined;
  if (op === 'watch-saves') {
    if (widget !== undefined || selectors !== undefined || value !== undefined || !isStringArray(patterns, MAX_SELECTOR)) return undefined;
    return { id, op, patterns };
  }
  if (patterns !== undefined) return undefined;
  if (!(BRIDGE_WIDGETS as readonly unknown[]).includes(widget) || !isStringArray(selectors, MAX_SELECTOR)) return undefined;
  if (op === 'write') {
    if (typeof value !== 'string' || value.length > MAX_VALUE) return undefined;
    return { id, op, widget: widget as BridgeWidget, selectors, value };
  }
  return value === undefined ? { id, op: op as BridgeOp, widget: widget as BridgeWidget, selectors } : undefined;
}

/** A reply as the content script accepts it, for the request it sent, or undefined. */
export function readBridgeReply(raw: unknown, id: string): BridgeReply | undefined {
  if (typeof raw !== 'string' || raw.length > 2_000) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const reply = data as Record<string, unknown>;
  if (reply.id !== id || typeof reply.ok !== 'boolean') return undefined;
  const state = reply.state;
  if (state !== undefined && state !== 'absent' && state !== 'not-started' && state !== 'ready') return undefined;
  const error = typeof reply.error === 'string' ? reply.error.slice(0, 300) : undefined;
  return { id, ok: reply.ok, state: state as WidgetState | undefined, error };
}

/** How the page sent a save the bridge saw, and what became of it: `confirmed` (the server answered 2xx), `failed`, or `sent` (a beacon: no answer comes). */
export interface SaveRequestSeen {
  via: 'fetch' | 'xhr' | 'beacon';
  outcome: 'confirmed' | 'failed' | 'sent';
}

/** A save-request notice as the content script accepts it, or undefined. */
export function readSaveRequestSeen(raw: unknown): SaveRequestSeen | undefined {
  if (typeof raw !== 'string' || raw.length > 200) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Object.keys(data).length !== 2) return undefined;
  const { via, outcome } = data as Record<string, unknown>;
  if (via !== 'fetch' && via !== 'xhr' && via !== 'beacon') return undefined;
  if (outcome !== 'confirmed' && outcome !== 'failed' && outcome !== 'sent') return undefined;
  if ((via === 'beacon') !== (outcome === 'sent')) return undefined;
  return { via, outcome };
}
