// Reads one list row as the adapter describes it, cheaply enough for 10,000
// rows: Chromium's element.querySelector with a combinator (`td.note .full`)
// costs time proportional to the row's position in the document, so complex
// cell selectors are matched from their last compound instead.
import type { AdapterList } from '@chartguard/sdk/runtime';

export type CellFinder = (row: Element) => Element | null;

/**
 * The last compound of a selector (`.note-full` of `td.col-note > .note-full`),
 * or '' when the selector is a list (`a, b`) or cannot be split safely.
 */
export function lastCompound(selector: string): string {
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const ch = selector[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === '\\') i++;
    else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (depth === 0 && ch === ',') return '';
    else if (depth === 0 && (ch === ' ' || ch === '>' || ch === '+' || ch === '~' || ch === '\t' || ch === '\n')) start = i + 1;
  }
  return depth === 0 && !quote ? selector.slice(start).trim() : '';
}

/**
 * A function finding a cell in a row, as `row.querySelector(selector)` would,
 * without its slow path. An invalid selector in an imported adapter reads as
 * a missing cell.
 */
export function cellFinder(selector: string): CellFinder {
  const trimmed = selector.trim();
  const last = lastCompound(trimmed);
  if (last === trimmed) {
    return (row) => {
      try {
        return row.querySelector(trimmed);
      } catch {
        return null;
      }
    };
  }
  if (last) {
    return (row) => {
      try {
        // Usually the first candidate is the one: try it before building a list of them all.
        const first = row.querySelector(last);
        if (!first || first.matches(trimmed)) return first;
        const candidates = row.querySelectorAll(last);
        for (let i = 1; i < candidates.length; i++) if (candidates[i]!.matches(trimmed)) return candidates[i]!;
      } catch {
        // Invalid: missing.
      }
      return null;
    };
  }
  return (row) => {
    try {
      const all = row.getElementsByTagName('*');
      for (let i = 0; i < all.length; i++) if (all[i]!.matches(trimmed)) return all[i]!;
    } catch {
      // Invalid: missing.
    }
    return null;
  };
}

const BLOCK = new Set(['P', 'DIV', 'LI', 'TR', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'PRE', 'BLOCKQUOTE', 'SECTION', 'ARTICLE']);

/**
 * The text of an element with its line breaks, without `innerText` (which
 * forces layout): `<br>` and block elements end lines, as they do on screen.
 */
export function textWithLines(element: Element): string {
  if (element.childElementCount === 0) return element.textContent ?? '';
  let out = '';
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) out += (child as Text).data;
      else if (child.nodeType === 1) {
        const tag = (child as Element).tagName;
        if (tag === 'BR') out += '\n';
        else if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'TEMPLATE') continue;
        else {
          const block = BLOCK.has(tag);
          if (block && out && !out.endsWith('\n')) out += '\n';
          walk(child);
          if (block && !out.endsWith('\n')) out += '\n';
        }
      }
    }
  };
  walk(element);
  return out;
}

export interface RowValues {
  /** Attendance as a checklist code when the adapter's value map knows the portal's label. */
  attendance?: string;
  /** Other answers read from the row, keyed by checklist field id. */
  answers: Record<string, string>;
  note: string;
  /** A hash of everything read: rows whose key is unchanged are not graded again. */
  key: number;
}

/**
 * A 53-bit string hash in the manner of cyrb53 (two 32-bit lanes), fed part
 * by part (each part followed by a separator) so a row's cells are hashed
 * without building one long string. It takes two characters per step: a
 * note is most of what a row holds, and this loop showed in profiles.
 */
export class TextHash {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  add(text: string): this {
    let h1 = this.h1;
    let h2 = this.h2;
    const even = text.length & ~1;
    for (let i = 0; i < even; i += 2) {
      const pair = (text.charCodeAt(i) << 16) | text.charCodeAt(i + 1);
      h1 = Math.imul(h1 ^ pair, 2654435761);
      h2 = Math.imul(h2 ^ pair, 1597334677);
    }
    // An odd last character goes in with the length, so "a" and "a\0" differ.
    const tail = (even < text.length ? text.charCodeAt(even) << 16 : 0) ^ text.length;
    h1 = Math.imul(h1 ^ tail, 2654435761);
    h2 = Math.imul(h2 ^ tail, 1597334677);
    // A separator no page text is likely to hold, so text moved between cells changes the hash.
    this.h1 = Math.imul(h1 ^ 0x241e, 2654435761);
    this.h2 = Math.imul(h2 ^ 0x241e, 1597334677);
    return this;
  }

  value(): number {
    let h1 = this.h1;
    let h2 = this.h2;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
  }
}

export const hashText = (text: string): number => new TextHash().add(text).value();

export type RowReader = (row: Element) => RowValues;

interface CellRead {
  /** Index of the element lookup this read uses. */
  finder: number;
  attribute?: string;
  note: boolean;
  /** Cells answering from this read, with their portal label → checklist value maps. */
  uses: { answer?: string; values?: Map<string, string> }[];
}

/**
 * Compiles the adapter's list cells once into a reader of rows. Cells that
 * share a selector share one element lookup, and cells that share a selector
 * and attribute share one read: the MPB list reads one date cell as two answers.
 */
export function rowReader(list: AdapterList): RowReader {
  // Portal label → checklist value, built once: the SDK's fromPortalValue scans the map per call.
  const lookup = (valueMap: Record<string, string> | undefined) => {
    if (!valueMap) return undefined;
    const map = new Map<string, string>();
    for (const [value, portal] of Object.entries(valueMap)) {
      const key = portal.trim().toLowerCase();
      if (!map.has(key)) map.set(key, value);
    }
    return map;
  };
  const selectors: string[] = [];
  const reads: CellRead[] = [];
  for (const cell of list.cells) {
    let finder = selectors.indexOf(cell.selector);
    if (finder < 0) finder = selectors.push(cell.selector) - 1;
    const note = cell.role === 'note';
    let read = reads.find((other) => other.finder === finder && other.attribute === cell.attribute && other.note === note);
    if (!read) reads.push((read = { finder, attribute: cell.attribute, note, uses: [] }));
    read.uses.push({ answer: note ? undefined : cell.answer, values: lookup(cell.valueMap) });
  }
  const finders = selectors.map(cellFinder);
  // Rows are read one at a time, so one array of found cells serves every row.
  const elements: (Element | null)[] = finders.map(() => null);
  return (row) => {
    for (let i = 0; i < finders.length; i++) elements[i] = finders[i]!(row);
    const answers: Record<string, string> = {};
    let attendance: string | undefined;
    let note = '';
    const hash = new TextHash();
    for (const read of reads) {
      const element = elements[read.finder];
      const raw = element ? (read.attribute ? (element.getAttribute(read.attribute) ?? '') : read.note ? textWithLines(element) : (element.textContent ?? '')) : '';
      hash.add(raw);
      if (read.note) {
        if (!note) note = raw;
        continue;
      }
      const value = raw.trim();
      if (value === '') continue;
      for (const { answer, values } of read.uses) {
        if (!answer) continue;
        const mapped = values ? (values.get(value.toLowerCase()) ?? value) : value;
        if (answer === 'attendance') attendance = mapped;
        else answers[answer] = mapped;
      }
    }
    return { attendance, answers, note, key: hash.value() };
  };
}

/**
 * The record id a row carries, read when its badge is drawn rather than with
 * its content: only rows near the viewport need it, and an attribute read per
 * row of a 10,000-row list showed in profiles.
 */
export function recordIdOf(list: AdapterList, row: Element): string | undefined {
  return list.recordIdAttribute ? (row.getAttribute(list.recordIdAttribute) ?? undefined) : undefined;
}
