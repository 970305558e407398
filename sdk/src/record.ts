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

/** Trims text, unifies line endings and drops empty answers and unknown fields. */
export function normalizeRecord(checklist: Checklist, input: Record<string, unknown>): ChecklistRecord {
  const out: ChecklistRecord = {};
  const source: Record<string, unknown> = input !== null && typeof input === 'object' ? input : {};
  for (const field of allFields(checklist)) {
    let value = source[field.id];
    if (typeof value === 'string') value = (value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value).trim();
    // -0 prints as "0"; keeping it would make a note read back as a different answer.
    if (Object.is(value, -0)) value = 0;
    if (Array.isArray(value)) value = value.filter((item): item is string => typeof item === 'string').map((item) => item.trim()).filter((item) => item !== '');
    if (isAnswered(value)) out[field.id] = value as Answer;
  }
  return out;
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Portal datetimes carry no zone: they are the user's local wall-clock time. */
export function parseLocalDateTime(value: string): Date | undefined {
  const m = DATETIME.exec(value) ?? DATE.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h = '0', mi = '0'] = m.slice(1).map((part) => part ?? '0') as string[];
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
  // Reject 2026-02-31 and friends rather than rolling them over.
  if (date.getFullYear() !== Number(y) || date.getMonth() !== Number(mo) - 1 || date.getDate() !== Number(d)) return undefined;
  if (Number(h) > 23 || Number(mi) > 59) return undefined;
  return date;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether a `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm` string names a real moment, by arithmetic:
 * it runs for every date answer on every keystroke, and building a Date each time showed in profiles.
 */
export function isLocalDateTime(value: string): boolean {
  const m = DATETIME.exec(value) ?? DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  // Years before 100 are refused as parseLocalDateTime refuses them (Date reads them as 19xx).
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day > days) return false;
  return m[4] === undefined || (Number(m[4]) <= 23 && Number(m[5]) <= 59);
}

const pad = (n: number) => String(n).padStart(2, '0');

export function formatLocalDateTime(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
