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
        const candidates = row.querySelectorAll(last);
        for (let i = 0; i < candidates.length; i++) if (candidates[i]!.matches(trimmed)) return candidates[i]!;
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
  recordId?: string;
  /** Attendance as a checklist code when the adapter's value map knows the portal's label. */
  attendance?: string;
  /** Other answers read from the row, keyed by checklist field id. */
  answers: Record<string, string>;
  note: string;
  /** A hash of everything read: rows whose key is unchanged are not graded again. */
  key: number;
}

/**
 * cyrb53, a fast 53-bit string hash, fed part by part (each part followed by
 * a separator) so a row's cells are hashed without building one long string.
 */
export class TextHash {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  add(text: string): this {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
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

/** Compiles the adapter's list cells once into a reader of rows. */
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
  const cells = list.cells.map((cell) => ({ ...cell, find: cellFinder(cell.selector), values: lookup(cell.valueMap) }));
  const idAttribute = list.recordIdAttribute;
  return (row) => {
    const answers: Record<string, string> = {};
    let attendance: string | undefined;
    let note = '';
    const hash = new TextHash();
    for (const cell of cells) {
      const element = cell.find(row);
      const raw = element ? (cell.attribute ? (element.getAttribute(cell.attribute) ?? '') : cell.role === 'note' ? textWithLines(element) : (element.textContent ?? '')) : '';
      hash.add(raw);
      if (cell.role === 'note') {
        if (!note) note = raw;
        continue;
      }
      const value = raw.trim();
      if (!cell.answer || value === '') continue;
      const mapped = cell.values ? (cell.values.get(value.toLowerCase()) ?? value) : value;
      if (cell.answer === 'attendance') attendance = mapped;
      else answers[cell.answer] = mapped;
    }
    const recordId = idAttribute ? (row.getAttribute(idAttribute) ?? undefined) : undefined;
    return { recordId, attendance, answers, note, key: hash.value() };
  };
}
