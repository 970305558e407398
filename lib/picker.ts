// The portal builder's picker, running in one frame of the portal: when the
// builder arms it, the next click (or Enter on the focused element) is taken
// from the portal — its own handlers never see it, so clicking Save while
// setting up saves nothing — and described to the builder: the control it
// stands for, its kind and widget, selectors with their match counts, its
// options and attributes. It also outlines what a selector matches and counts
// selectors for the builder's health view. It reads the page; it never writes
// page text anywhere but into messages to the extension.
import { browser } from 'wxt/browser';
import {
  countReplySchema,
  cursorReplySchema,
  PROBE_ATTRIBUTE,
  toPickerSchema,
  type PageFilter,
  type Pick,
  type PickMode,
  type ToPicker,
} from './builder-protocol';
import { cursorEntries, deepQueryAll, filterEntries, type CursorEntry } from './picker-cursor';
import { createOutlines, mountBuilderFrame, type BuilderFrame } from './picker-overlay';
import {
  recordIdAttributes,
  rowOf,
  suggestRowSelectors,
  suggestSelectors,
  stableAncestor,
  stableSelf,
  quoteAttribute,
} from './selector-suggest';
import { choiceOptions, labelText, recognise } from './widget-detect';

const clean = (text: string | null | undefined, max = 160) => (text ?? '').replace(/\s+/g, ' ').trim().slice(0, max);

/** Attributes a value may be read from: data attributes, and the machine-readable ones of dates and values. */
function readableAttributes(element: Element): { name: string; value: string }[] {
  return [...element.attributes]
    .filter((attribute) => attribute.name.startsWith('data-') || ['datetime', 'value', 'title', 'content'].includes(attribute.name))
    .filter((attribute) => attribute.name !== PROBE_ATTRIBUTE)
    .map((attribute) => ({ name: attribute.name, value: clean(attribute.value, 80) }));
}

function currentText(control: Element): string {
  if (control instanceof HTMLSelectElement) return clean(control.selectedOptions[0]?.textContent);
  if (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement) return clean(control.value);
  return clean(control.textContent);
}

/** The iframe this frame is, as a selector in its parent, when the parent is reachable (same origin). */
function frameSelector(): string | undefined {
  try {
    const element = window.frameElement;
    if (!element) return undefined;
    const [best] = suggestSelectors(element);
    return best?.selector;
  } catch {
    return undefined;
  }
}

/** Whether a window's document can be read from here (the same origin). */
function reachable(view: Window): boolean {
  try {
    return Boolean(view.document);
  } catch {
    return false;
  }
}

/** Fired by an editor's content frame on its <iframe> element, for the picker in the frame around it. */
const EDITOR_PICK_EVENT = 'chartguard-editor-pick';
/** Fired by the top frame's keyboard cursor on an element in a child frame, for that frame's picker to take. */
const KEYBOARD_PICK_EVENT = 'chartguard-keyboard-pick';

/** The element an event really started on: inside an open shadow root, not the host the window sees. */
function origin(event: Event): Element | undefined {
  const first = event.composedPath?.()[0] ?? event.target;
  return first instanceof Element ? first : event.target instanceof Element ? event.target : undefined;
}

/** This frame's <iframe> element when this frame is a rich-text editor's content document (TinyMCE's), reachable from here. */
function editorFrameElement(): Element | undefined {
  try {
    const element = window.frameElement;
    return element?.closest('.tox-tinymce') ? element : undefined;
  } catch {
    return undefined;
  }
}

function pageCheck(control: Element): string | undefined {
  const form = control.closest('form');
  return (form ? stableSelf(form) : undefined) ?? stableAncestor(control);
}

function groupLabel(control: Element): string {
  const legend = control.closest('fieldset')?.querySelector('legend');
  return clean(legend?.textContent) || labelText(control);
}

function describe(target: Element, mode: PickMode, rowSelector?: string): Pick {
  const base: Pick & { options: Pick['options']; attributes: Pick['attributes'] } = {
    mode,
    url: location.href,
    frame: frameSelector(),
    kind: 'static',
    label: '',
    candidates: [],
    options: [],
    attributes: [],
    text: '',
  };
  if (mode === 'row') {
    const row = rowOf(target);
    if (!row) return { ...base, kind: 'static', label: '', candidates: [], error: 'not-a-row' };
    const candidates = suggestRowSelectors(row);
    return {
      ...base,
      kind: 'static',
      label: clean(row.textContent, 80),
      candidates,
      ancestor: stableAncestor(row),
      attributes: readableAttributes(row),
      row: { idAttributes: candidates[0] ? recordIdAttributes(row, candidates[0].selector) : [] },
    };
  }
  if (mode === 'cell') {
    let row: Element | null = null;
    try {
      row = rowSelector ? target.closest(rowSelector) : null;
    } catch {
      row = null;
    }
    if (!row) return { ...base, kind: 'static', label: '', candidates: [], error: 'not-in-row' };
    const candidates: Pick['candidates'] = suggestSelectors(target, { within: row });
    // The full text behind an excerpt often sits hidden in the same row: offer it beside what was clicked.
    for (const hidden of row.querySelectorAll<HTMLElement>('[hidden], [aria-hidden="true"]')) {
      const full = clean(hidden.textContent, 100_000);
      const shown = clean(target.textContent, 100_000).replace(/…$/, '');
      if (!full || full === shown || full.length < shown.length) continue;
      const [best] = suggestSelectors(hidden, { within: row });
      if (best && !candidates.some((candidate) => candidate.selector === best.selector)) candidates.push({ ...best, hidden: true });
    }
    return {
      ...base,
      kind: 'static',
      label: clean(target.textContent, 60),
      candidates,
      attributes: readableAttributes(target),
      text: clean(target.textContent),
    };
  }
  if (mode === 'frame') {
    return { ...base, kind: 'static', label: document.title, candidates: [], text: '' };
  }
  const recognised = recognise(target);
  const control = recognised.control;
  let candidates = suggestSelectors(control, { group: recognised.group });
  if (mode === 'saved') {
    // A confirmation is often the same element in another state: keep the state it shows now.
    const states = [...control.attributes].filter(
      (attribute) => /^(?:data-state|data-status|aria-live|data-saved)$/.test(attribute.name) && attribute.value,
    );
    const stated = candidates.flatMap((candidate) =>
      states.map((state) => ({ ...candidate, selector: `${candidate.selector}[${state.name}=${quoteAttribute(state.value)}]` })),
    );
    candidates = [
      ...stated.map((candidate) => ({ ...candidate, count: document.querySelectorAll(candidate.selector).length })),
      ...candidates,
    ];
  }
  control.setAttribute(PROBE_ATTRIBUTE, '');
  const root = control.getRootNode();
  return {
    ...base,
    ...(root instanceof ShadowRoot ? { shadowHost: root.host.tagName.toLowerCase() } : {}),
    kind: recognised.kind,
    widget: recognised.widget,
    group: recognised.group,
    label: recognised.group ? groupLabel(control) : labelText(control) || clean(control.textContent, 60),
    candidates,
    // The page's DOM check: the control's form when it is known by a stable name or id (a radio group's fieldset
    // inside it is nearer, but says less about which page this is), else the nearest stable ancestor.
    ancestor: pageCheck(control),
    options: choiceOptions(control),
    attributes: readableAttributes(control),
    text: currentText(control),
    probe: true,
  };
}

function matchesOf(selector: string, within?: string): Element[] {
  try {
    if (!within) return deepQueryAll(document, selector);
    return [...document.querySelectorAll(within)].flatMap((row) => [...row.querySelectorAll(selector)].slice(0, 1));
  } catch {
    return [];
  }
}

function countOf(selector: string, within?: string): number {
  try {
    document.querySelector(selector);
    if (within) document.querySelector(within);
  } catch {
    return -1;
  }
  return matchesOf(selector, within).length;
}

/** Starts the picker in this frame (once: a second injection finds it running). In the top frame it also docks the builder. */
export function startPicker(builderUrl: string | undefined): void {
  const flag = '__chartguardPicker';
  const scope = globalThis as unknown as Record<string, unknown>;
  if (scope[flag]) return;
  scope[flag] = true;
  const controller = new AbortController();
  const { signal } = controller;
  const outlines = createOutlines(signal);
  let frame: BuilderFrame | undefined = builderUrl ? mountBuilderFrame(builderUrl) : undefined;
  let armed: { mode: PickMode; row?: string; abort: AbortController } | undefined;
  // The keyboard cursor: the candidates of the current search, and the one outlined. The top frame keeps one (it
  // reaches same-origin frames itself), and so does each frame whose parent it cannot reach (a cross-origin frame).
  let cursor: { query: string; entries: CursorEntry[]; index: number } | undefined;
  const keepsCursor = window === window.top || !reachable(window.parent);

  const disarm = () => {
    armed?.abort.abort();
    armed = undefined;
    cursor = undefined;
    outlines.show([], 'hover');
  };
  const send = (message: unknown) => void browser.runtime.sendMessage(message).catch(() => undefined);
  const take = (target: Element, mode: PickMode, row?: string) => {
    disarm();
    // A click in a rich-text editor's own content frame stands for the editor: the frame around it picks.
    const editor = editorFrameElement();
    if (editor) editor.dispatchEvent(new CustomEvent(EDITOR_PICK_EVENT, { bubbles: true }));
    else send({ type: 'builder.picked', pick: describe(target, mode, row) });
  };

  const arm = (mode: PickMode, row?: string) => {
    disarm();
    const abort = new AbortController();
    armed = { mode, row, abort };
    const options = { capture: true, signal: AbortSignal.any([signal, abort.signal]) };
    // Swallowed before the portal's own listeners: a capture listener on window runs first.
    const swallow = (event: Event) => {
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'dblclick', 'submit'])
      window.addEventListener(type, swallow, options);
    window.addEventListener(
      'click',
      (event) => {
        swallow(event);
        const target = origin(event);
        if (target) take(target, mode, row);
      },
      options,
    );
    window.addEventListener(
      KEYBOARD_PICK_EVENT,
      (event) => {
        const target = origin(event);
        if (target) take(target, mode, row);
      },
      options,
    );
    window.addEventListener(
      EDITOR_PICK_EVENT,
      (event) => {
        if (event.target instanceof Element) take(event.target, mode, row);
      },
      options,
    );
    window.addEventListener(
      'keydown',
      (event) => {
        if (event.key === 'Escape') {
          swallow(event);
          disarm();
          send({ type: 'builder.cancelled' });
        } else if (event.key === 'Enter') {
          const focused = origin(event);
          if (!focused || focused === document.body) return;
          swallow(event);
          take(focused, mode, row);
        }
      },
      options,
    );
    const hover = (event: Event) => {
      const target = origin(event);
      if (target) outlines.show([target], 'hover');
    };
    window.addEventListener('mouseover', hover, options);
    window.addEventListener('focusin', hover, options);
  };

  const listener = (raw: unknown, sender: { id?: string }) => {
    if (sender.id !== browser.runtime.id) return undefined;
    const parsed = toPickerSchema.safeParse(raw);
    if (!parsed.success) return undefined;
    return handle(parsed.data);
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener));

  /** Whether this frame is the one a builder request is for. */
  const isFor = (page: PageFilter | undefined) => {
    if (!page) return window === window.top;
    try {
      return new RegExp(page.path).test(location.pathname) && (!page.search || new RegExp(page.search).test(location.search));
    } catch {
      return false;
    }
  };

  /** Moves the keyboard cursor and outlines the element under it; the list is read afresh when the search changes. */
  function moveCursor(move: 'first' | 'next' | 'previous', query: string, at?: number) {
    if (!armed) return undefined;
    const fresh = !cursor || cursor.query !== query || (move === 'first' && at === undefined) || at === -1;
    if (fresh || !cursor) {
      cursor = { query, entries: filterEntries(cursorEntries(document, armed.mode, armed.row), query), index: 0 };
    }
    if (at !== undefined && at >= 0) {
      cursor.index = Math.min(at, Math.max(0, cursor.entries.length - 1));
    } else if (!fresh && cursor.entries.length) {
      cursor.index = (cursor.index + (move === 'next' ? 1 : -1) + cursor.entries.length) % cursor.entries.length;
    }
    const entry = at === -1 ? undefined : cursor.entries[cursor.index];
    if (!entry) {
      outlines.show([], 'hover');
      return cursorReplySchema.parse({ position: 0, total: cursor.entries.length, label: '', kind: '' });
    }
    entry.element.ownerDocument.defaultView?.frameElement?.scrollIntoView?.({ block: 'nearest' });
    entry.element.scrollIntoView?.({ block: 'nearest' });
    outlines.show([entry.element], 'hover');
    return cursorReplySchema.parse({
      position: cursor.index + 1,
      total: cursor.entries.length,
      label: entry.label,
      kind: entry.kind,
      ...(entry.widget ? { widget: entry.widget } : {}),
    });
  }

  function handle(message: ToPicker): Promise<unknown> | undefined {
    switch (message.type) {
      case 'builder.arm':
        arm(message.mode, message.row);
        return undefined;
      case 'builder.disarm':
        disarm();
        return undefined;
      case 'builder.unmark':
        for (const element of document.querySelectorAll(`[${PROBE_ATTRIBUTE}]`)) element.removeAttribute(PROBE_ATTRIBUTE);
        return undefined;
      case 'builder.highlight': {
        if (!isFor(message.page)) {
          outlines.show([], 'match');
          return undefined;
        }
        const elements = message.selector ? matchesOf(message.selector, message.within) : [];
        outlines.show(elements, 'match');
        elements[0]?.scrollIntoView?.({ block: 'nearest' });
        return Promise.resolve(countReplySchema.parse({ counts: [elements.length] }));
      }
      case 'builder.count':
        if (!isFor(message.page)) return undefined;
        return Promise.resolve({ counts: message.probes.map((probe) => countOf(probe.selector, probe.within)) });
      case 'builder.where':
        return window === window.top ? Promise.resolve({ url: location.href }) : undefined;
      case 'builder.cursor':
        return keepsCursor && armed ? Promise.resolve(moveCursor(message.move, message.query, message.at)) : undefined;
      case 'builder.take': {
        const entry = keepsCursor && armed && cursor ? cursor.entries[cursor.index] : undefined;
        if (!entry || !armed) return undefined;
        const { mode, row } = armed;
        if (entry.element.ownerDocument === document) take(entry.element, mode, row);
        else {
          // An element of a child frame is taken by that frame's picker, so the pick carries that frame's address.
          const view = entry.element.ownerDocument.defaultView;
          if (view) entry.element.dispatchEvent(new view.CustomEvent(KEYBOARD_PICK_EVENT, { bubbles: true, composed: true }));
        }
        return undefined;
      }
      case 'builder.close':
        disarm();
        outlines.remove();
        frame?.remove();
        frame = undefined;
        controller.abort();
        scope[flag] = false;
        return undefined;
    }
  }
}
