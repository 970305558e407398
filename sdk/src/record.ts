// What a record is: answers keyed by field id. Normalising here means every
// consumer (form, note parser, audit) agrees on what "answered" means.
import type { Checklist } from './model.js';
import { allFields } from './model-utils.js';

export type Answer = string | number | boolean | string[];
export type ChecklistRecord = Record<string, Answer | undefined>;

export function isAnswered(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'number') return !Number.isNaN(value);
  return true;
}

/** A printable ASCII character other than space: nothing trim removes. */
const plain = (code: number): boolean => code > 32 && code < 127;

/**
 * One answer as every consumer reads it: text trimmed with unified line
 * endings, -0 as 0 (it prints as "0", so a note would read back differently),
 * lists without blank items; undefined when that leaves no answer.
 */
export function normalAnswer(value: unknown): Answer | undefined {
  if (typeof value === 'string') {
    // Most answers are already normal: printable ASCII at both ends (never space to trim) and no carriage return.
    const last = value.length - 1;
    if (last >= 0 && plain(value.charCodeAt(0)) && plain(value.charCodeAt(last)) && value.indexOf('\r') < 0) return value;
    const text = (value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value).trim();
    return text === '' ? undefined : text;
  }
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : Object.is(value, -0) ? 0 : value;
  if (Array.isArray(value)) {
    const items = value
      .filter((item): item is string => typeof item === 'string')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    return items.length ? items : undefined;
  }
  return value === undefined || value === null ? undefined : (value as Answer);
}

/** Trims text, unifies line endings and drops empty answers and unknown fields. */
export function normalizeRecord(checklist: Checklist, input: Record<string, unknown>): ChecklistRecord {
  const out: ChecklistRecord = {};
  const source: Record<string, unknown> = input !== null && typeof input === 'object' ? input : {};
  for (const field of allFields(checklist)) {
    const value = normalAnswer(source[field.id]);
    if (value !== undefined) out[field.id] = value;
  }
  return out;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two ASCII digits at `at` as a number, in a string already checked. */
function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;
}

/**
 * Whether `value` is `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm` naming a real moment,
 * read by character codes. It runs for every date answer on every keystroke
 * and every row of a supervisor's list (docs/performance.md).
 * A digit minus 48, read unsigned, is at most 9; anything else is more.
 */
function isRealLocal(value: string): boolean {
  const length = value.length;
  if ((length !== 10 && length !== 16) || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  const y0 = value.charCodeAt(0) - 48;
  const y1 = value.charCodeAt(1) - 48;
  const y2 = value.charCodeAt(2) - 48;
  const y3 = value.charCodeAt(3) - 48;
  const m0 = value.charCodeAt(5) - 48;
  const m1 = value.charCodeAt(6) - 48;
  const d0 = value.charCodeAt(8) - 48;
  const d1 = value.charCodeAt(9) - 48;
  if (y0 >>> 0 > 9 || y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9 || m0 >>> 0 > 9 || m1 >>> 0 > 9 || d0 >>> 0 > 9 || d1 >>> 0 > 9)
    return false;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  // Years before 100 are refused: Date would read them as 19xx.
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)) return false;
  if (length === 10) return true;
  if (value.charCodeAt(10) !== 84 || value.charCodeAt(13) !== 58) return false;
  const h0 = value.charCodeAt(11) - 48;
  const h1 = value.charCodeAt(12) - 48;
  const n0 = value.charCodeAt(14) - 48;
  const n1 = value.charCodeAt(15) - 48;
  if (h0 >>> 0 > 9 || h1 >>> 0 > 9 || n0 >>> 0 > 9 || n1 >>> 0 > 9) return false;
  return h0 * 10 + h1 <= 23 && n0 * 10 + n1 <= 59;
}

/** Portal datetimes carry no zone: they are the user's local wall-clock time. 2026-02-31 and friends are refused, not rolled over. */
export function parseLocalDateTime(value: string): Date | undefined {
  if (typeof value !== 'string' || !isRealLocal(value)) return undefined;
  const timed = value.length === 16;
  return new Date(
    twoDigits(value, 0) * 100 + twoDigits(value, 2),
    twoDigits(value, 5) - 1,
    twoDigits(value, 8),
    timed ? twoDigits(value, 11) : 0,
    timed ? twoDigits(value, 14) : 0,
  );
}

/** Whether a `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm` string names a real moment. */
export function isLocalDateTime(value: string): boolean {
  return typeof value === 'string' && isRealLocal(value);
}

/** "00" to "99": every graded record formats its due time, and padStart per part showed. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

export function formatLocalDateTime(date: Date): string {
  return `${date.getFullYear()}-${TWO_DIGITS[date.getMonth() + 1]}-${TWO_DIGITS[date.getDate()]}T${TWO_DIGITS[date.getHours()]}:${TWO_DIGITS[date.getMinutes()]}`;
}

// A supervisor's list reckons thousands of deadlines from a few hundred
// distinct times: each is read, and each due time written, once. Bounded, so
// a long-lived page does not grow them without end.
const MEMO_LIMIT = 4096;
const msByText = new Map<string, number>();
const textByMs = new Map<number, string>();

/** parseLocalDateTime's instant in epoch milliseconds, or undefined, from memory when asked before. */
export function localDateTimeMs(value: string): number | undefined {
  let ms = msByText.get(value);
  if (ms === undefined) {
    if (msByText.size >= MEMO_LIMIT) msByText.clear();
    ms = parseLocalDateTime(value)?.getTime() ?? Number.NaN;
    msByText.set(value, ms);
  }
  return Number.isNaN(ms) ? undefined : ms;
}

/** formatLocalDateTime of an instant in epoch milliseconds, from memory when asked before. */
export function localDateTimeText(ms: number): string {
  let text = textByMs.get(ms);
  if (text === undefined) {
    if (textByMs.size >= MEMO_LIMIT) textByMs.clear();
    text = formatLocalDateTime(new Date(ms));
    textByMs.set(ms, text);
  }
  return text;
}
