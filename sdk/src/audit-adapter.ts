// Reads an export in a portal's own words: a real export names its columns
// and values as the portal shows them ("Appointment Cancelled by
// Therapist/VHG"), and the portal's adapter already says what each means.
import type { PortalAdapter } from './adapter.js';
import { fromPortalValue } from './adapter-utils.js';
import type { AuditRecord } from './audit.js';

/** How one export column reads into the record: the answer it fills and the portal's value maps for it. */
interface ColumnReading {
  answer: string;
  valueMaps: Record<string, string>[];
}

/** What an adapter says about export columns, keyed by column name without case or surrounding space. */
export interface AdapterReading {
  columns: Map<string, ColumnReading>;
  noteColumns: Set<string>;
}

const key = (name: string) => name.trim().toLowerCase();

/**
 * Collects, from every page field and list cell of the adapter, which answer a
 * column fills (by the field's `name` or its answer id) and every value map
 * the portal uses for that answer, so a value shown on any page reads back.
 */
export function adapterReading(adapter: PortalAdapter): AdapterReading {
  const columns = new Map<string, ColumnReading>();
  const noteColumns = new Set<string>(['note']);
  const mapsByAnswer = new Map<string, Record<string, string>[]>();
  const fields = adapter.pages.flatMap((page) => [
    ...page.fields,
    ...(page.lists ?? (page.list ? [page.list] : [])).flatMap((list) => list.cells),
  ]);
  for (const field of fields) {
    if (field.role === 'note') {
      noteColumns.add(key(field.name));
      continue;
    }
    if (!field.answer) continue;
    const maps = mapsByAnswer.get(field.answer) ?? [];
    if (field.valueMap && !maps.includes(field.valueMap)) maps.push(field.valueMap);
    mapsByAnswer.set(field.answer, maps);
  }
  for (const field of fields) {
    if (field.role !== 'answer' || !field.answer) continue;
    const reading = { answer: field.answer, valueMaps: mapsByAnswer.get(field.answer)! };
    // A name several fields share (one portal input written from several answers) reads into the first.
    if (!columns.has(key(field.name))) columns.set(key(field.name), reading);
    columns.set(key(field.answer), reading);
  }
  return { columns, noteColumns };
}

/** A portal value as the checklist's value, trying each of the portal's maps for that answer. */
function portalToChecklist(reading: ColumnReading, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  for (const map of reading.valueMaps) {
    const mapped = fromPortalValue(map, value);
    if (mapped !== value) return mapped;
  }
  return value;
}

/**
 * Lays the adapter over a record as read: portal column names become answer
 * ids, portal labels become checklist values; columns the adapter does not
 * know stay as they were.
 */
export function readWithAdapter(record: AuditRecord, reading: AdapterReading): AuditRecord {
  const answers: Record<string, unknown> = {};
  let note = record.note;
  for (const column in record.answers) {
    const value = record.answers[column];
    const name = key(column);
    if (!note && reading.noteColumns.has(name) && typeof value === 'string') {
      note = value;
      continue;
    }
    const known = reading.columns.get(name);
    if (known) answers[known.answer] = portalToChecklist(known, value);
    else answers[column] = value;
  }
  let attendance = record.attendance;
  if (attendance !== undefined) {
    const known = reading.columns.get('attendance');
    if (known) attendance = portalToChecklist(known, attendance) as string;
  } else if (typeof answers.attendance === 'string') {
    attendance = answers.attendance;
    delete answers.attendance;
  }
  return { ...record, note, ...(attendance !== undefined && { attendance }), answers };
}
