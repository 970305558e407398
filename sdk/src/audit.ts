// The audit engine: grades an export of records (JSON array, NDJSON or CSV)
// one record at a time, so a supervisor can check a year of notes without the
// file ever being held in memory. It reads any async iterable of text or
// bytes (a Node stream, a web ReadableStream), so it runs in Node and browsers.
import { gradeNote, type NoteBadge } from './grade.js';
import { BADGE_PRECEDENCE, type OrganisationSettings } from './evaluate.js';
import type { Checklist } from './model.js';
import { allFields } from './model-utils.js';
import type { Locale } from './text.js';

export type AuditFormat = 'json' | 'ndjson' | 'csv';
export type AuditChunk = string | Uint8Array;

/** One record of an export, as read. */
export interface AuditRecord {
  /** Line of the file the record starts on (1-based). */
  line: number;
  id?: string;
  /** The checklist the export says the record belongs to; the note's header decides. */
  checklist?: string;
  attendance?: string;
  note: string;
  /** Other columns or properties, e.g. timestamps read from the records system, keyed by field id. */
  answers: Record<string, unknown>;
}

/** A record that could not be read; the audit reports it and goes on. */
export interface AuditMalformed {
  line: number;
  error: string;
}

export type AuditItem = { line: number; record: AuditRecord } | AuditMalformed;

/** Input that cannot be read at all (e.g. a CSV without a `note` column); the run stops. */
export class AuditInputError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line ? `line ${line}: ${message}` : message);
    this.name = 'AuditInputError';
  }
}

/** Bounds what one record may take, so a broken quote or bracket cannot swallow the file. */
const MAX_RECORD_CHARS = 8 * 1024 * 1024;

async function* decode(chunks: AsyncIterable<AuditChunk>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let first = true;
  for await (const chunk of chunks) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text.length) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

async function* lines(texts: AsyncIterable<string>): AsyncGenerator<string> {
  let carry = '';
  let line = 0;
  for await (const text of texts) {
    const parts = (carry + text).split('\n');
    carry = parts.pop()!;
    for (const part of parts) {
      line++;
      yield part.endsWith('\r') ? part.slice(0, -1) : part;
    }
    if (carry.length > MAX_RECORD_CHARS)
      throw new AuditInputError(`a line is longer than ${MAX_RECORD_CHARS} characters; is this a text export?`, line + 1);
  }
  if (carry) yield carry.endsWith('\r') ? carry.slice(0, -1) : carry;
}

const KNOWN = new Set(['id', 'recordId', 'checklist', 'attendance', 'note', 'answers']);

/** A text column's value: undefined when empty, false when it is not text (an id may also be a number). */
function textValue(value: unknown, numberAllowed: boolean): string | undefined | false {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (numberAllowed && typeof value === 'number') return String(value);
  return false;
}

/**
 * Reads one record object; the same shape whatever the file format. It runs
 * once per record of an audit, so it builds the record key by key, with no
 * closures, spreads or entry arrays per record (docs/performance.md).
 */
export function toAuditRecord(value: unknown, line: number): AuditItem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { line, error: 'a record must be an object' };
  const input = value as Record<string, unknown>;
  const id = textValue(input.id, true) ?? textValue(input.recordId, true);
  if (id === false) return { line, error: '“id” must be text' };
  const checklist = textValue(input.checklist, false);
  if (checklist === false) return { line, error: '“checklist” must be text' };
  const attendance = textValue(input.attendance, false);
  if (attendance === false) return { line, error: '“attendance” must be text' };
  const note = textValue(input.note, false);
  if (note === false) return { line, error: '“note” must be text' };
  const given = input.answers;
  if (given !== undefined && (typeof given !== 'object' || given === null || Array.isArray(given))) {
    return { line, error: '“answers” must be an object' };
  }
  const answers: Record<string, unknown> = { ...(given as Record<string, unknown> | undefined) };
  const keys = Object.keys(input);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const v = input[key];
    if (!KNOWN.has(key) && v !== '' && v !== null) answers[key] = v;
  }
  // Keys in the order the record has always had: line, id, checklist, attendance, note, answers.
  const record = { line } as AuditRecord;
  if (id) record.id = id;
  if (checklist) record.checklist = checklist;
  if (attendance) record.attendance = attendance;
  record.note = note || '';
  record.answers = answers;
  return { line, record };
}

/** One JSON value per line; blank lines are skipped. */
export async function* readNdjson(texts: AsyncIterable<string>): AsyncGenerator<AuditItem> {
  let line = 0;
  for await (const text of lines(texts)) {
    line++;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { line, error: `not valid JSON (${(error as Error).message})` };
      continue;
    }
    yield toAuditRecord(value, line);
  }
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/**
 * A top-level JSON array, element by element: a small tokenizer finds where
 * each element ends (tracking strings and nesting), and only that element is
 * parsed, so memory stays at one record whatever the file size.
 */
export async function* readJsonArray(texts: AsyncIterable<string>): AsyncGenerator<AuditItem> {
  let line = 1;
  let started = false;
  let finished = false;
  let inElement = false;
  let expectValue = true;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: string[] = [];
  let size = 0;
  let elementLine = 1;

  const finish = (text: string): AuditItem => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { line: elementLine, error: `not valid JSON (${(error as Error).message})` };
    }
    return toAuditRecord(value, elementLine);
  };

  for await (const chunk of texts) {
    let start = inElement ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10) line++;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true;
        else if (c === 34) inString = false;
        continue;
      }
      if (!started) {
        if (isSpace(c)) continue;
        if (c !== 91) throw new AuditInputError('a JSON export must be an array of records', line);
        started = true;
        continue;
      }
      if (finished) {
        if (!isSpace(c)) throw new AuditInputError('unexpected text after the end of the array', line);
        continue;
      }
      if (!inElement) {
        if (isSpace(c)) continue;
        if (c === 93) {
          finished = true;
          continue;
        }
        if (c === 44) {
          if (expectValue) yield { line, error: 'empty element in the array' };
          expectValue = true;
          continue;
        }
        if (!expectValue) yield { line, error: 'missing comma between records' };
        inElement = true;
        depth = 0;
        start = i;
        elementLine = line;
      }
      if (c === 34) inString = true;
      else if (c === 123 || c === 91) depth++;
      else if ((c === 125 || c === 93) && depth > 0) depth--;
      else if (depth === 0 && (c === 44 || c === 93)) {
        parts.push(chunk.slice(start, i));
        yield finish(parts.join(''));
        parts = [];
        size = 0;
        inElement = false;
        expectValue = c === 44;
        if (c === 93) finished = true;
      }
    }
    if (inElement) {
      const rest = chunk.slice(start);
      parts.push(rest);
      size += rest.length;
      if (size > MAX_RECORD_CHARS)
        throw new AuditInputError(`a record is larger than ${MAX_RECORD_CHARS} characters; is a bracket or quote missing?`, elementLine);
    }
  }
  if (!started) return;
  if (inElement || !finished) throw new AuditInputError('the JSON array is not closed', inElement ? elementLine : line);
}

/**
 * RFC 4180 CSV with a header row, line by line: quoted fields may hold commas,
 * doubled quotes and line breaks. A row with a quoting error or the wrong
 * number of fields is reported with the line it starts on.
 */
export async function* readCsv(texts: AsyncIterable<string>, noteColumns: readonly string[] = []): AsyncGenerator<AuditItem> {
  let header: string[] | undefined;
  let lineNo = 0;
  let rowStart = 0;
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let closed = false;
  let error: string | undefined;
  let pending = false;

  const row = (): AuditItem | undefined => {
    const values = fields;
    const problem = error;
    fields = [];
    field = '';
    error = undefined;
    closed = false;
    pending = false;
    if (!header) {
      if (problem) throw new AuditInputError(`the header row cannot be read: ${problem}`, rowStart);
      header = values.map((name) => name.trim());
      const notes = new Set(['note', ...noteColumns.map((name) => name.trim().toLowerCase())]);
      if (!header.some((name) => notes.has(name.toLowerCase()))) throw new AuditInputError('the CSV header has no “note” column', rowStart);
      return undefined;
    }
    if (problem) return { line: rowStart, error: problem };
    if (values.length !== header.length) return { line: rowStart, error: `expected ${header.length} fields, found ${values.length}` };
    const record: Record<string, string> = {};
    header.forEach((name, i) => {
      if (values[i] !== '') record[name] = values[i]!;
    });
    return toAuditRecord(record, rowStart);
  };

  for await (const text of lines(texts)) {
    lineNo++;
    if (!pending) {
      if (text.trim() === '') continue;
      rowStart = lineNo;
      pending = true;
      if (!text.includes('"')) {
        fields = text.split(',');
        const item = row();
        if (item) yield item;
        continue;
      }
    } else {
      field += '\n';
      if (field.length > MAX_RECORD_CHARS) {
        yield { line: rowStart, error: 'a quoted field is not closed' };
        fields = [];
        field = '';
        inQuotes = false;
        closed = false;
        error = undefined;
        pending = false;
        continue;
      }
    }
    let i = 0;
    while (i < text.length) {
      if (inQuotes) {
        const quote = text.indexOf('"', i);
        if (quote === -1) {
          field += text.slice(i);
          i = text.length;
        } else if (text.charCodeAt(quote + 1) === 34) {
          field += text.slice(i, quote + 1);
          i = quote + 2;
        } else {
          field += text.slice(i, quote);
          inQuotes = false;
          closed = true;
          i = quote + 1;
        }
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === 44) {
        fields.push(field);
        field = '';
        closed = false;
      } else if (c === 34) {
        if (field === '' && !closed) inQuotes = true;
        else error ??= `unexpected quote in field ${fields.length + 1}`;
      } else {
        if (closed) error ??= `text after a closing quote in field ${fields.length + 1}`;
        field += text[i];
      }
      i++;
    }
    if (inQuotes) continue;
    fields.push(field);
    const item = row();
    if (item) yield item;
  }
  if (pending && inQuotes) yield { line: rowStart, error: 'a quoted field is not closed at the end of the file' };
}

/** JSON array, NDJSON or CSV: from the file name when it says, else from the first character. */
export function detectAuditFormat(name: string | undefined, head: string): AuditFormat {
  const first = head.trimStart()[0];
  const extension = name?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (extension === 'csv') return 'csv';
  if (extension === 'ndjson' || extension === 'jsonl') return 'ndjson';
  if (extension === 'json') return first === '{' ? 'ndjson' : 'json';
  if (first === '[') return 'json';
  if (first === '{') return 'ndjson';
  return 'csv';
}

export interface ReadOptions {
  format?: AuditFormat;
  /** File name, used to detect the format. */
  name?: string;
  /** Other CSV column names that hold the note (e.g. a portal's "Clinical Note", from its adapter). */
  noteColumns?: readonly string[];
}

/** Reads records from text or bytes, detecting the format from the name or the first non-blank character. */
export async function* readAuditRecords(source: AsyncIterable<AuditChunk>, options: ReadOptions = {}): AsyncGenerator<AuditItem> {
  const texts = decode(source);
  const head: string[] = [];
  let format = options.format;
  if (!format) {
    while (true) {
      const next = await texts.next();
      if (next.done) break;
      head.push(next.value);
      if (next.value.trim() !== '') break;
    }
    format = detectAuditFormat(options.name, head.join(''));
  }
  async function* replay(): AsyncGenerator<string> {
    yield* head;
    yield* texts;
  }
  if (format === 'csv') yield* readCsv(replay(), options.noteColumns);
  else yield* (format === 'json' ? readJsonArray : readNdjson)(replay());
}

export interface AuditOptions extends ReadOptions {
  checklists: readonly Checklist[] | ReadonlyMap<string, Checklist>;
  now?: Date;
  locale?: Locale;
  settings?: OrganisationSettings;
}

export interface AuditIssue {
  rule: string;
  severity: 'required' | 'follow-up' | 'advisory';
  code: string;
  field?: string;
  message: string;
}

export interface AuditResult {
  line: number;
  id?: string;
  /** The checklist from the note's header, else the one the export names. */
  checklist?: string;
  badge: NoteBadge;
  status?: 'complete' | 'incomplete';
  /** Rule ids of required issues (including a passed deadline), in checklist order. */
  failing: string[];
  /** Rule ids of advisory issues. */
  warnings: string[];
  attention: string[];
  deadline?: { rule: string; dueAt: string; lateByMinutes: number };
  /** Follow-up duties still open (they never held Save), with their due time when known. */
  open?: { rule: string; dueAt?: string; overdue: boolean }[];
  issues: AuditIssue[];
  /** Lines of the note that could not be read. */
  unread: number;
  reason?: 'no-header' | 'unknown-checklist' | 'no-note';
  /** Day of the record (`YYYY-MM-DD`): its first dated answer in checklist order, for trends by week. */
  date?: string;
  /** Who wrote the record, when the export has such a column (author, worker, clinician, …). */
  author?: string;
}

/** Export columns that name who wrote a record, compared without case, spaces, dashes or underscores. */
const AUTHOR_COLUMNS = new Set([
  'author',
  'worker',
  'clinician',
  'therapist',
  'practitioner',
  'staff',
  'staffname',
  'carer',
  'writtenby',
  'createdby',
  'user',
  'username',
]);

/** Column name → whether it names the author: an export repeats a few names on every record, so each is read once. */
const authorColumn = new Map<string, boolean>();
function isAuthorColumn(key: string): boolean {
  let yes = authorColumn.get(key);
  if (yes === undefined) {
    if (authorColumn.size >= 1000) authorColumn.clear();
    authorColumn.set(key, (yes = AUTHOR_COLUMNS.has(key.toLowerCase().replace(/[\s_-]/g, ''))));
  }
  return yes;
}

function authorOf(answers: Record<string, unknown>): string | undefined {
  for (const key in answers) {
    if (!isAuthorColumn(key)) continue;
    const value = answers[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

// The dated fields of each checklist in reading order, found once per checklist rather than per record.
const datedFields = new WeakMap<Checklist, string[]>();
function recordDate(checklist: Checklist | undefined, answers: Record<string, unknown> | undefined): string | undefined {
  if (!checklist || !answers) return undefined;
  let ids = datedFields.get(checklist);
  if (!ids) {
    ids = allFields(checklist)
      .filter((field) => field.type === 'datetime' || field.type === 'date')
      .map((field) => field.id);
    datedFields.set(checklist, ids);
  }
  for (const id of ids) {
    const value = answers[id];
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  }
  return undefined;
}

function checklistById(checklists: AuditOptions['checklists'], id: string | undefined): Checklist | undefined {
  if (!id) return undefined;
  if ('get' in checklists && typeof checklists.get === 'function') return (checklists as ReadonlyMap<string, Checklist>).get(id);
  return (checklists as readonly Checklist[]).find((checklist) => checklist.id === id);
}

/** Rule ids of `items` without repeats, in first-seen order; lists are a few items long, so a scan beats a Set. */
function ruleIds(items: readonly { ruleId: string; severity?: string }[], severity?: string): string[] {
  const ids: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if ((severity === undefined || item.severity === severity) && !ids.includes(item.ruleId)) ids.push(item.ruleId);
  }
  return ids;
}

const NONE: readonly never[] = [];

export function auditRecord(record: AuditRecord, options: AuditOptions): AuditResult {
  const grade = gradeNote({
    checklists: options.checklists,
    text: record.note,
    attendance: record.attendance,
    answers: record.answers,
    now: options.now,
    locale: options.locale,
    settings: options.settings,
  });
  const evaluation = grade.evaluation;
  const checklist = grade.checklistId ?? record.checklist;
  // Built key by key in the order the NDJSON output has always had, with no spread of a throw-away object per optional key.
  const result = { line: record.line } as AuditResult;
  if (record.id) result.id = record.id;
  if (checklist) result.checklist = checklist;
  result.badge = grade.badge;
  if (evaluation) result.status = evaluation.status;
  const issues = evaluation?.issues ?? NONE;
  result.failing = ruleIds(issues, 'required');
  result.warnings = ruleIds(evaluation?.warnings ?? NONE);
  result.attention = ruleIds(evaluation?.attention ?? NONE);
  const listed: AuditIssue[] = [];
  for (let i = 0; i < issues.length; i++) {
    const issue = issues[i]!;
    const field = issue.path[0];
    listed.push(
      field
        ? { rule: issue.ruleId, severity: issue.severity, code: issue.code, field, message: issue.message }
        : { rule: issue.ruleId, severity: issue.severity, code: issue.code, message: issue.message },
    );
  }
  result.issues = listed;
  result.unread = grade.unread.length;
  if (grade.reason) result.reason = grade.reason;
  const open = (evaluation?.followUps ?? []).filter((item) => item.state === 'open');
  if (open.length)
    result.open = open.map((item) => ({ rule: item.ruleId, ...(item.dueAt && { dueAt: item.dueAt }), overdue: item.overdue }));
  if (evaluation?.deadline && evaluation.deadline.lateByMinutes > 0) {
    result.deadline = {
      rule: evaluation.deadline.ruleId,
      dueAt: evaluation.deadline.dueAt,
      lateByMinutes: Math.round(evaluation.deadline.lateByMinutes),
    };
  }
  const date = recordDate(checklistById(options.checklists, grade.checklistId), evaluation?.answers as Record<string, unknown> | undefined);
  if (date) result.date = date;
  const author = authorOf(record.answers);
  if (author) result.author = author;
  return result;
}

/** Grades every record of a source, in order; malformed records come through as `{ line, error }`. */
export async function* auditRecords(
  source: AsyncIterable<AuditChunk>,
  options: AuditOptions,
): AsyncGenerator<AuditResult | AuditMalformed> {
  for await (const item of readAuditRecords(source, options)) {
    yield 'error' in item ? item : auditRecord(item.record, options);
  }
}

/** Every badge an audit can give, most urgent first: the evaluation's badges, then notes that could not be graded. */
export const AUDIT_BADGES: readonly NoteBadge[] = [...BADGE_PRECEDENCE, 'unstructured'];

/** A summary's counts as plain data, so partial summaries from worker threads can be added up. */
export interface AuditCounts {
  records: number;
  malformed: number;
  badges: Record<string, number>;
  failingRules: Record<string, number>;
}

/** Running totals: per badge and per failing rule; constant memory whatever the number of records. */
export class AuditSummary {
  records = 0;
  malformed = 0;
  readonly badges: Record<string, number> = Object.fromEntries(AUDIT_BADGES.map((badge) => [badge, 0]));
  readonly failingRules = new Map<string, number>();

  add(item: AuditResult | AuditMalformed): void {
    if ('error' in item) {
      this.malformed++;
      return;
    }
    this.records++;
    this.badges[item.badge] = (this.badges[item.badge] ?? 0) + 1;
    for (const rule of item.failing) this.failingRules.set(rule, (this.failingRules.get(rule) ?? 0) + 1);
  }

  /** Adds the counts of another summary (e.g. one batch graded on a worker thread). */
  merge(counts: AuditCounts): void {
    this.records += counts.records;
    this.malformed += counts.malformed;
    for (const badge in counts.badges) this.badges[badge] = (this.badges[badge] ?? 0) + counts.badges[badge]!;
    for (const rule in counts.failingRules) this.failingRules.set(rule, (this.failingRules.get(rule) ?? 0) + counts.failingRules[rule]!);
  }

  /** True when every record read is complete and none was malformed. */
  get allComplete(): boolean {
    return this.malformed === 0 && this.badges.complete === this.records;
  }

  counts(): AuditCounts {
    return {
      records: this.records,
      malformed: this.malformed,
      badges: { ...this.badges },
      failingRules: Object.fromEntries(this.failingRules),
    };
  }

  toJSON() {
    const rules = [...this.failingRules].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    return {
      records: this.records,
      malformed: this.malformed,
      badges: { ...this.badges },
      failingRules: Object.fromEntries(rules),
      allComplete: this.allComplete,
    };
  }
}
