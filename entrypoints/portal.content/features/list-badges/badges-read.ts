// Reads one list row as the adapter describes it, cheaply enough for long
// lists: Chromium's element.querySelector with a combinator (`td.note .full`)
// costs time proportional to the row's position in the document, so complex
// cell selectors are matched from their last compound instead (docs/performance.md).
import { parsePortalDate, type AdapterList } from '@chartguard/sdk/runtime';
import type { RowValues } from '../../../../lib/list-grade-protocol';

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

export { sameContent, type RowValues } from '../../../../lib/list-grade-protocol';

export type RowReader = (row: Element) => RowValues;

/**
 * The page answers a note's grade can use, by answer id ('attendance' for
 * attendance), or null when it uses none: a note without a Chartguard header
 * is "not structured" whatever the other cells say.
 */
export type AnswersFor = (note: string) => ReadonlySet<string> | null;

interface CellRead {
  /** Index of the element lookup this read uses. */
  finder: number;
  attribute?: string;
  /** The portal's own date format (`DD/MM/YYYY HH:mm`): read as the checklist reads dates. */
  format?: string;
  /** Cells answering from this read, with their portal label → checklist value maps. */
  uses: { answer: string; values?: Map<string, string> }[];
}

function usedBy(read: CellRead, wanted: ReadonlySet<string>): boolean {
  for (let i = 0; i < read.uses.length; i++) if (wanted.has(read.uses[i]!.answer)) return true;
  return false;
}

/**
 * Compiles the adapter's list cells once into a reader of rows. Cells that
 * share a selector share one element lookup, and cells that share a selector
 * and attribute share one read: the MPB list reads one date cell as two answers.
 * Given `answersFor`, the note is read first and other cells only as far as
 * its grade depends on them: on a long list most rows are then a lookup or two
 * fewer, and a hand-written note costs only its own read.
 */
export function rowReader(list: AdapterList, answersFor?: AnswersFor): RowReader {
  // Portal label → checklist value, built once: the SDK's fromPortalValue scans the map per call.
  const lookup = (valueMap: Record<string, string> | undefined, aliases?: Record<string, string>) => {
    if (!valueMap && !aliases) return undefined;
    const map = new Map<string, string>();
    for (const [value, portal] of Object.entries(valueMap ?? {})) {
      const key = portal.trim().toLowerCase();
      if (!map.has(key)) map.set(key, value);
    }
    // Other labels the portal shows for a value (format 2: several labels per code).
    for (const [portal, value] of Object.entries(aliases ?? {})) {
      const key = portal.trim().toLowerCase();
      if (!map.has(key)) map.set(key, value);
      if (!map.has(portal.trim())) map.set(portal.trim(), value);
    }
    // The label as the portal writes it too, so most rows are mapped without lower-casing their text.
    for (const [value, portal] of Object.entries(valueMap ?? {})) {
      const exact = portal.trim();
      if (!map.has(exact) && map.get(exact.toLowerCase()) === value) map.set(exact, value);
    }
    return map;
  };
  const selectors: string[] = [];
  const notes: { finder: number; attribute?: string }[] = [];
  const reads: CellRead[] = [];
  for (const cell of list.cells) {
    let finder = selectors.indexOf(cell.selector);
    if (finder < 0) finder = selectors.push(cell.selector) - 1;
    if (cell.role === 'note') {
      if (!notes.some((other) => other.finder === finder && other.attribute === cell.attribute))
        notes.push({ finder, attribute: cell.attribute });
      continue;
    }
    // A cell that answers nothing cannot change a grade.
    if (!cell.answer) continue;
    let read = reads.find((other) => other.finder === finder && other.attribute === cell.attribute && other.format === cell.format);
    if (!read) reads.push((read = { finder, attribute: cell.attribute, format: cell.format, uses: [] }));
    read.uses.push({ answer: cell.answer, values: lookup(cell.valueMap, cell.aliases) });
  }
  const finders = selectors.map(cellFinder);
  // Rows are read one at a time, so one array of found cells serves every row; a lookup is made once per row, when first needed.
  const elements: (Element | null)[] = finders.map(() => null);
  const foundIn: number[] = finders.map(() => 0);
  let rowNumber = 0;
  let current: Element;
  const element = (finder: number) => {
    if (foundIn[finder] !== rowNumber) {
      elements[finder] = finders[finder]!(current);
      foundIn[finder] = rowNumber;
    }
    return elements[finder]!;
  };
  return (row) => {
    current = row;
    rowNumber++;
    let note = '';
    // Indexed loops: this runs for every row, mostly before it is optimised, when for-of allocates per step.
    for (let n = 0; n < notes.length && !note; n++) {
      const { finder, attribute } = notes[n]!;
      const found = element(finder);
      note = found ? (attribute ? (found.getAttribute(attribute) ?? '') : textWithLines(found)) : '';
    }
    const answers: Record<string, string> = {};
    let attendance: string | undefined;
    const wanted = answersFor ? answersFor(note) : undefined;
    for (let r = 0; r < reads.length; r++) {
      const read = reads[r]!;
      if (wanted !== undefined && (wanted === null || !usedBy(read, wanted))) continue;
      const found = element(read.finder);
      const raw = found ? (read.attribute ? (found.getAttribute(read.attribute) ?? '') : (found.textContent ?? '')) : '';
      const trimmed = raw.trim();
      if (trimmed === '') continue;
      const value = read.format ? parsePortalDate(trimmed, read.format) : trimmed;
      for (let u = 0; u < read.uses.length; u++) {
        const { answer, values } = read.uses[u]!;
        const mapped = values ? (values.get(value) ?? values.get(value.toLowerCase()) ?? value) : value;
        if (answer === 'attendance') attendance = mapped;
        else answers[answer] = mapped;
      }
    }
    return { attendance, answers, note };
  };
}

/**
 * The record id a row carries, read when its badge is drawn rather than with
 * its content: only rows near the viewport need it (docs/performance.md).
 */
export function recordIdOf(list: AdapterList, row: Element): string | undefined {
  return list.recordIdAttribute ? (row.getAttribute(list.recordIdAttribute) ?? undefined) : undefined;
}
