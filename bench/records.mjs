// The records the micro-benchmarks run on: for each shipped checklist, one
// whole record that passes every rule and one with several errors, found by a
// seeded search so every run measures the same records.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ATTENDANCE_CODES,
  CHECKLIST_FORMAT,
  allFields,
  evaluate,
  formatLocalDateTime,
  parseChecklist,
  parseLocalDateTime,
} from '../sdk/dist/index.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The clock of every evaluation, so deadlines judge the same way each run. */
export const NOW_TEXT = '2026-03-10T12:00';
export const NOW = parseLocalDateTime(NOW_TEXT);

/** Shipped checklists in file-name order; files that are not checklists (e.g. not-yet.json) are skipped. */
export function loadChecklists(dir = join(ROOT, 'checklists')) {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')))
    .filter((data) => data?.format === CHECKLIST_FORMAT)
    .map((data) => parseChecklist(data));
}

export function seededRandom(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values each field is compared with in the checklist's conditions: choosing them makes passing records likely. */
export function mentionedValues(checklist) {
  const values = new Map();
  const visit = (condition) => {
    if ('all' in condition) return condition.all.forEach(visit);
    if ('any' in condition) return condition.any.forEach(visit);
    if ('not' in condition) return visit(condition.not);
    const list = values.get(condition.field) ?? [];
    if ('value' in condition) list.push(condition.value);
    if ('values' in condition) list.push(...condition.values);
    values.set(condition.field, list);
  };
  for (const field of allFields(checklist)) if (field.enableWhen) visit(field.enableWhen);
  for (const rule of checklist.rules) {
    if (rule.when) visit(rule.when);
    if (rule.expect) visit(rule.expect);
  }
  for (const item of checklist.attention ?? []) visit(item.when);
  return values;
}

const PHRASES = [
  'Discussed by phone; the client understood and agreed.',
  'Client informed and a new time agreed.',
  'Reviewed goals and next steps.\nWill confirm by text.',
];

/** An answer for the types every generator fills alike (attendance, yes/no, a number, text), from `hints` when there are some. */
export function plainAnswer(field, hints, random, phrases) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  switch (field.type) {
    case 'attendance':
      return hints.length && random() < 0.85 ? String(pick(hints)) : pick(ATTENDANCE_CODES);
    case 'boolean':
      return hints.includes(true) ? random() < 0.25 : random() < 0.5;
    case 'number': {
      const min = field.min ?? 0;
      const max = field.max ?? 40;
      return min + Math.round(random() * (max - min));
    }
    default:
      return pick(phrases);
  }
}

export function candidate(checklist, mentioned, random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  let clock = new Date(NOW.getTime() - (2 + Math.round(random() * 20)) * 3_600_000);
  let lastDateTime;
  const record = {};
  for (const field of allFields(checklist)) {
    const hints = mentioned.get(field.id) ?? [];
    switch (field.type) {
      case 'datetime':
        if (field.readOnly && lastDateTime && random() < 0.7) record[field.id] = lastDateTime;
        else {
          clock = new Date(Math.min(NOW.getTime(), clock.getTime() + (5 + Math.round(random() * 12) * 5) * 60_000));
          record[field.id] = lastDateTime = formatLocalDateTime(clock);
        }
        break;
      case 'date':
        record[field.id] = formatLocalDateTime(new Date(clock.getTime() + Math.round(random() * 14) * 86_400_000)).slice(0, 10);
        break;
      case 'choice':
        record[field.id] = hints.length && random() < 0.7 ? String(pick(hints)) : pick(field.options).value;
        break;
      case 'multichoice':
        // Conditions often ask for several ticked options at once (equals on each).
        record[field.id] = [
          ...new Set([...(hints.length && random() < 0.5 ? hints.map(String) : []), pick(field.options).value, pick(field.options).value]),
        ];
        break;
      default:
        record[field.id] = plainAnswer(field, hints, random, PHRASES);
    }
  }
  return record;
}

const check = (checklist, record) => evaluate(checklist, record, { now: NOW });

/**
 * A record with no issue at all (no advisory either) and as many answered
 * fields as the search found: the whole-record case the panel re-checks on
 * every keystroke once a record is nearly done.
 */
export function validRecord(checklist, { seed = 1, tries = 20_000 } = {}) {
  const random = seededRandom(seed);
  const mentioned = mentionedValues(checklist);
  let best;
  let bestSize = -1;
  for (let i = 0; i < tries; i++) {
    const record = candidate(checklist, mentioned, random);
    const result = check(checklist, record);
    if (result.issues.length || result.badge !== 'complete') continue;
    // Only answers that count (shown questions) make the record "whole"; drop the rest.
    const kept = Object.fromEntries(Object.entries(record).filter(([id]) => id in result.answers));
    const size = Object.keys(kept).length;
    if (size > bestSize) {
      best = kept;
      bestSize = size;
    }
    if (i > 1000 && best) break;
  }
  if (!best) throw new Error(`no passing record found for checklist ${checklist.id} in ${tries} tries`);
  return best;
}

/**
 * The valid record with a malformed date-time and required answers removed
 * until at least `errors` required rules fail: a record mid-way through.
 */
export function invalidRecord(checklist, valid, { errors = 3 } = {}) {
  const record = { ...valid };
  const blocking = (r) => check(checklist, r).blocking.length;
  const fields = allFields(checklist).filter((field) => !field.readOnly && field.id in record);
  // A malformed date that holds Save: one under a required rule (a date only an advisory rule reads is advice).
  const holds = (field) => blocking({ ...record, [field.id]: 'yesterday' }) > blocking(record);
  const datetime =
    fields.find((field) => (field.type === 'datetime' || field.type === 'date') && holds(field)) ??
    fields.find((field) => field.type === 'number' && holds(field));
  if (datetime) record[datetime.id] = 'yesterday';
  for (const field of fields) {
    if (blocking(record) >= errors) break;
    if (field === datetime) continue;
    const before = blocking(record);
    const value = record[field.id];
    delete record[field.id];
    if (blocking(record) <= before) record[field.id] = value;
  }
  const found = blocking(record);
  if (found < errors) throw new Error(`checklist ${checklist.id}: could only make ${found} of ${errors} required rules fail`);
  return record;
}

/** Every checklist with its two records. */
export function benchRecords() {
  return loadChecklists().map((checklist) => {
    const valid = validRecord(checklist);
    return { checklist, valid, invalid: invalidRecord(checklist, valid) };
  });
}
