// What the list badges and the background say to each other (issue 18): the
// list script reads rows and sends their values, the background grades them
// with the SDK and answers each row's grade. No SDK code here, so the list
// script that imports this carries none; the background validates requests
// with lib/protocol.ts's schema, the list script reads answers with
// readGradeReply.
import type { NoteBadge } from '@chartguard/sdk/runtime';
import { NOTE_LIMIT } from './protocol-names';

export const LIST_GRADE_MESSAGE = 'list.grade';
/** Rows per request: a request's note text stays well under what the browsers' messaging carries quickly. */
export const MAX_ROWS_PER_REQUEST = 500;
/**
 * Characters of row values per request. Chrome refuses a message whose JSON is over 64 MiB, and a character can
 * cost up to 6 bytes there (a control character escaped as \u0001; CJK text 3): 8 million keep the costliest
 * request near 48 MB (docs/performance.md, "Review points, list grading").
 */
export const MAX_REQUEST_CHARS = 8_000_000;
/** What the background reads of a row's attendance and of each other answer (lib/protocol.ts's listRowSchema). */
export const MAX_ATTENDANCE_CHARS = 1_000;
export const MAX_ANSWER_CHARS = 10_000;
/** A row's cost in a request beyond its text: the JSON around its values. */
const ROW_JSON_CHARS = 48;
/** Checklists a request may ask to warm: more are not warmed (the first rows warm them instead). */
export const MAX_WARM_CHECKLISTS = 50;
/** "No expiry": a finite stand-in for Infinity, which does not survive Chrome's JSON messaging. */
export const NEVER_EXPIRES = 8.64e15;

export interface RowValues {
  /** Attendance as a checklist code when the adapter's value map knows the portal's label. */
  attendance?: string;
  /** Other answers read from the row, keyed by checklist field id. */
  answers: Record<string, string>;
  note: string;
}

/** Markers shown beside a badge (catalogue v2), never instead of it. */
export interface RowMarkers {
  late: boolean;
  riskRecorded: boolean;
  overridden: boolean;
  open: number;
}

export interface RowGrade {
  badge: NoteBadge;
  checklistId?: string;
  checklistTitle?: string;
  /**
   * Why there is no grade against a checklist; `no-note`: none where the attendance needs one (G-03);
   * `unreadable`: the row's values are beyond what the background reads (an over-long note or cell).
   */
  reason?: 'no-header' | 'unknown-checklist' | 'empty' | 'no-note' | 'unreadable';
  /** Failing rules, required first, then open follow-ups: rule id and plain message. The deadline is in `deadline`. */
  issues: { ruleId: string; message: string; advisory: boolean; followUp?: boolean }[];
  markers: RowMarkers;
  attention: { ruleId: string; message: string }[];
  /** A passed deadline: `recorded` notes were written late, others are still open and growing later. */
  deadline?: { ruleId: string; hours: number; dueAt: string; dueMs: number; recorded: boolean; lateByMinutes: number };
  unread: number;
  /** Epoch ms after which the grade may differ (an open record's deadline passing); NEVER_EXPIRES when it cannot. */
  validUntil: number;
}

/** What the list script asks: grade these rows (and, with `warm`, compile these checklists first). */
export interface ListGradeRequest {
  type: typeof LIST_GRADE_MESSAGE;
  locale: 'en' | 'zh-CN';
  deadlineHours: Record<string, number>;
  rows: RowValues[];
  warm?: string[];
  /** The checklists the list script loaded (catalogGeneration): the background reloads its own when they differ. */
  catalog?: string;
}

/**
 * A short name for a set of checklists, from their ids and versions: after a checklist changes, a list may ask
 * before the background has reloaded, and this tells the background that its checklists are not the list's.
 */
export function catalogGeneration(checklists: Iterable<{ id: string; version: number }>): string {
  const keys: string[] = [];
  for (const checklist of checklists) keys.push(`${checklist.id}@${checklist.version}`);
  const text = keys.sort().join('|');
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `${keys.length}.${(hash >>> 0).toString(36)}`;
}

/** A request as the background accepted it: a row it could not read is null, and answered as `unreadable`. */
export interface ValidListGradeRequest extends Omit<ListGradeRequest, 'rows'> {
  rows: (RowValues | null)[];
}

/** The background's answer: one grade per row, in order, and the time its grading took. */
export interface ListGradeReply {
  grades: RowGrade[];
  ms: number;
}

/**
 * Whether two reads of a row give the same grade's inputs: note, attendance
 * and answers, which are all a grade is made from. Compared as they are
 * rather than hashed: strings compare natively, and a hash in script cost
 * more than reading the note on a long list.
 */
export function sameContent(a: RowValues, b: RowValues): boolean {
  if (a.note !== b.note || a.attendance !== b.attendance) return false;
  let count = 0;
  for (const id in a.answers) {
    if (a.answers[id] !== b.answers[id]) return false;
    count++;
  }
  return count === Object.keys(b.answers).length;
}

/**
 * Cuts what the background would refuse anyway to one character past its limit, so it still answers the row
 * `unreadable` ("check": a person reads it) while a huge note cannot make its request too big to deliver. Changes
 * `values` in place (a fresh read) and gives its cost in characters for MAX_REQUEST_CHARS.
 */
export function fitRow(values: RowValues): number {
  if (values.note.length > NOTE_LIMIT) values.note = values.note.slice(0, NOTE_LIMIT + 1);
  if (values.attendance !== undefined && values.attendance.length > MAX_ATTENDANCE_CHARS)
    values.attendance = values.attendance.slice(0, MAX_ATTENDANCE_CHARS + 1);
  let chars = ROW_JSON_CHARS + values.note.length + (values.attendance?.length ?? 0);
  for (const id in values.answers) {
    const answer = values.answers[id]!;
    if (answer.length > MAX_ANSWER_CHARS) values.answers[id] = answer.slice(0, MAX_ANSWER_CHARS + 1);
    chars += id.length + 6 + values.answers[id]!.length;
  }
  return chars;
}

const BADGES = new Set<unknown>(['attention', 'overdue', 'missing', 'incomplete', 'check', 'complete', 'unstructured']);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isIssue = (value: unknown) => isObject(value) && typeof value.ruleId === 'string' && typeof value.message === 'string';

/**
 * The grades of a reply for `count` rows, or undefined when it is not one (no answer, an error, a background of
 * another version): the rows then get no badge rather than a wrong one.
 */
export function readGradeReply(raw: unknown, count: number): ListGradeReply | undefined {
  if (!isObject(raw) || !Array.isArray(raw.grades) || raw.grades.length !== count) return undefined;
  for (const grade of raw.grades as unknown[]) {
    if (!isObject(grade) || !BADGES.has(grade.badge) || typeof grade.validUntil !== 'number' || typeof grade.unread !== 'number')
      return undefined;
    if (!isObject(grade.markers) || !Array.isArray(grade.issues) || !Array.isArray(grade.attention)) return undefined;
    if (!grade.issues.every(isIssue) || !grade.attention.every(isIssue)) return undefined;
    // A due time the background could not read arrives as null (NaN does not survive JSON): it stays unknown.
    if (isObject(grade.deadline) && typeof grade.deadline.dueMs !== 'number') grade.deadline.dueMs = Number.NaN;
  }
  return { grades: raw.grades as RowGrade[], ms: typeof raw.ms === 'number' ? raw.ms : 0 };
}
