// The portal builder's keyboard picking: without a mouse, the user types part
// of an element's label in the builder and moves through the portal's
// candidate elements with the arrow keys. This lists those candidates in the
// top frame's document, inside open shadow roots and inside same-origin
// frames (in page order), and names each as the builder announces it. Pure
// DOM reading; the picker outlines and takes the one the user settles on.
import type { PickMode } from './builder-protocol';
import { rowOf } from './selector-suggest';
import { labelText, recognise } from './widget-detect';

const clean = (text: string | null | undefined, max = 80) => (text ?? '').replace(/\s+/g, ' ').trim().slice(0, max);

/** What a keyboard user can pick as a field, a Save control or a confirmation: controls, editors, and elements that show a fact. */
const CONTROL = [
  'input:not([type="hidden"])',
  'select',
  'textarea',
  'button',
  'a[href]',
  'iframe',
  '[contenteditable=""]',
  '[contenteditable="true"]',
  '[role="combobox"]',
  '[role="button"]',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

function visible(element: Element): boolean {
  if (element.getClientRects().length === 0) return false;
  const view = element.ownerDocument.defaultView;
  return !view || view.getComputedStyle(element).visibility !== 'hidden';
}

/** Text written directly in the element (not only in its children): a fact the portal shows. */
function ownText(element: Element): string {
  let text = '';
  for (const node of element.childNodes) if (node.nodeType === 3) text += node.textContent;
  return text.trim();
}

/** Whether an element shows a fact worth picking: it has its own text and something that names it (an id, a data attribute, a time). */
function isFact(element: Element): boolean {
  if (!ownText(element)) return false;
  if (element.tagName === 'TIME' || element.tagName === 'OUTPUT') return true;
  return Boolean(element.id) || [...element.attributes].some((attribute) => attribute.name.startsWith('data-'));
}

/** A frame whose document is reachable from here (same origin), and that is not a rich-text editor's own content frame. */
function frameDocument(element: Element): Document | undefined {
  if (element.tagName !== 'IFRAME' && element.tagName !== 'FRAME') return undefined;
  if (recognise(element).kind !== 'static') return undefined;
  try {
    return (element as HTMLIFrameElement).contentDocument ?? undefined;
  } catch {
    return undefined;
  }
}

/** Every element in page order, with open shadow roots and same-origin frames opened where they stand. */
export function* deepElements(root: Document | ShadowRoot): Generator<Element> {
  for (const element of root.querySelectorAll('*')) {
    yield element;
    if (element.shadowRoot) yield* deepElements(element.shadowRoot);
    const inner = frameDocument(element);
    if (inner) yield* deepElements(inner);
  }
}

/** Every match of `selector` in `root` and in the open shadow roots within it (as the Save guard finds a Save in one). */
export function deepQueryAll(root: Document | ShadowRoot, selector: string): Element[] {
  const found = [...root.querySelectorAll(selector)];
  for (const element of root.querySelectorAll('*')) if (element.shadowRoot) found.push(...deepQueryAll(element.shadowRoot, selector));
  return found;
}

export interface CursorEntry {
  element: Element;
  /** What the builder announces: the element's label or text. */
  label: string;
  /** The adapter kind recognised (for field picks), or `row` / `cell`. */
  kind: string;
  widget?: string;
  /** Lower-case text the typed search is matched against. */
  haystack: string;
}

function entryFor(element: Element, mode: PickMode): CursorEntry {
  if (mode === 'row' || mode === 'cell') {
    const label = clean(element.textContent);
    return { element, label, kind: mode, haystack: label.toLowerCase() };
  }
  const recognised = recognise(element);
  const label =
    labelText(recognised.control) ||
    clean(element.getAttribute('aria-label')) ||
    clean(element.textContent, 60) ||
    clean(element.getAttribute('value')) ||
    element.tagName.toLowerCase();
  const names = [recognised.control.id, recognised.control.getAttribute('name'), element.id, clean(element.textContent, 120)]
    .filter(Boolean)
    .join(' ');
  return { element, label, kind: recognised.kind, widget: recognised.widget, haystack: `${label} ${names}`.toLowerCase() };
}

/**
 * The elements a keyboard user moves through for `mode`, in page order: for a
 * field, each control once (a widget's parts stand for the control they
 * enhance); for a row, each repeated row; for a cell, what the rows of
 * `rowSelector` show.
 */
export function cursorEntries(top: Document, mode: PickMode, rowSelector?: string): CursorEntry[] {
  const out: CursorEntry[] = [];
  if (mode === 'cell') {
    if (!rowSelector) return out;
    for (const element of deepElements(top)) {
      let rows: Element[];
      try {
        rows = element.matches(rowSelector) ? [element] : [];
      } catch {
        return out;
      }
      for (const row of rows)
        for (const cell of row.querySelectorAll('*'))
          if (visible(cell) && (ownText(cell) || cell.tagName === 'TD' || cell.tagName === 'TIME')) out.push(entryFor(cell, mode));
    }
    return out;
  }
  if (mode === 'row') {
    const seen = new Set<Element>();
    for (const element of deepElements(top)) {
      if (!(element.tagName === 'TR' || element.tagName === 'LI') || !visible(element)) continue;
      const row = rowOf(element);
      if (row === element && !seen.has(row)) {
        seen.add(row);
        out.push(entryFor(row, mode));
      }
    }
    return out;
  }
  const controls = new Set<Element>();
  for (const element of deepElements(top)) {
    if (!visible(element)) continue;
    if (!(element.matches(CONTROL) || isFact(element)) || frameDocument(element)) continue;
    const { control } = recognise(element);
    if (controls.has(control)) continue;
    controls.add(control);
    out.push(entryFor(element, mode));
  }
  return out;
}

/** Entries whose text holds every word typed (all of them for an empty search). */
export function filterEntries(entries: readonly CursorEntry[], query: string): CursorEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter((entry) => words.every((word) => entry.haystack.includes(word)));
}
