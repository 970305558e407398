// Grades a note as found on a page or in an export: the checklist comes from
// the note's own header, never from a guess, so a hand-written note is shown
// as "not structured" instead of being judged against the wrong policy.
import { readNow, type Instant, type LocaleTag } from './inputs.js';
import { attendanceFromText } from './attendance.js';
import { holds } from './conditions.js';
import { compileChecklist } from './rules.js';
import { evaluateRead, type Badge, type BadgeMarkers, type Evaluation, type OrganisationSettings } from './evaluate.js';
import { noteOverrides } from './entry-lines.js';
import { localDateTimeMs, localDateTimeText } from './record.js';
import type { Checklist, ChecklistField } from './model.js';
import { noteChecklistId, readAnswers, readNote, type UnreadLine } from './note.js';
import { isAnswered, type ChecklistRecord } from './record.js';
import type { Locale } from './text.js';

export type NoteBadge = Badge | 'unstructured';

export interface GradeNoteInput {
  /** The checklists a note may name in its header. */
  checklists: readonly Checklist[] | ReadonlyMap<string, Checklist>;
  /** The note as text. */
  text: string;
  /** Attendance read from the page (e.g. a list cell): a code or a portal label in a supported language. */
  attendance?: string;
  /** Other answers read from the page, keyed by field id; they win over the note's. Strings are read by field type. */
  answers?: Record<string, unknown>;
  now?: Instant;
  locale?: LocaleTag;
  settings?: OrganisationSettings;
  /**
   * The checklist the page expects for this record, if the adapter knows it:
   * with no note at all, its deadline says when `missing` becomes `overdue`
   * (G-03). Without it, the checklist is found from the attendance code.
   */
  checklistId?: string;
}

/** Attendance codes whose session or visit needs a record (G-03). */
export const CODES_NEEDING_RECORD: readonly string[] = ['cancelled-by-provider', 'did-not-attend', 'missed-visit', 'late-call'];

export interface NoteGrade {
  /** The checklist named in the note's header. */
  checklistId?: string;
  /** True when the note carries a Chartguard header. */
  structured: boolean;
  badge: NoteBadge;
  /** Why a note got no grade: it has no header, names a checklist that is not loaded, or there is no note where the attendance needs one (G-03). */
  reason?: 'no-header' | 'unknown-checklist' | 'no-note';
  evaluation?: Evaluation;
  /** Lines of the note that could not be read. */
  unread: UnreadLine[];
  /** Shown beside the badge (catalogue v2). */
  markers: BadgeMarkers;
  /** A missing note's deadline, when the checklist and its start are known. */
  due?: { ruleId: string; dueAt: string; lateByMinutes: number };
}

const NO_MARKERS: BadgeMarkers = Object.freeze({ late: false, riskRecorded: false, overridden: false, open: 0 });

function checklistsOf(checklists: GradeNoteInput['checklists']): readonly Checklist[] {
  return 'get' in checklists && typeof checklists.get === 'function'
    ? [...(checklists as ReadonlyMap<string, Checklist>).values()]
    : (checklists as readonly Checklist[]);
}

/** Whether a condition tests the attendance field for `code` (equals or oneOf), anywhere in it. */
function namesCode(condition: unknown, fieldId: string, code: string): boolean {
  if (!condition || typeof condition !== 'object') return false;
  const c = condition as Record<string, unknown>;
  if (Array.isArray(c.all)) return c.all.some((x) => namesCode(x, fieldId, code));
  if (Array.isArray(c.any)) return c.any.some((x) => namesCode(x, fieldId, code));
  if (c.field !== fieldId) return false;
  return (c.op === 'equals' && c.value === code) || (c.op === 'oneOf' && Array.isArray(c.values) && c.values.includes(code));
}

/** The checklist whose rules speak of this attendance code (SNC for cancelled-by-provider, MV for missed-visit …). */
export function checklistForAttendance(checklists: GradeNoteInput['checklists'], code: string): Checklist | undefined {
  for (const checklist of checklistsOf(checklists)) {
    const attendance = fieldIndex(checklist).attendance;
    if (!attendance) continue;
    if (checklist.rules.some((rule) => namesCode(rule.when, attendance.id, code) || namesCode(rule.expect, attendance.id, code)))
      return checklist;
  }
  return undefined;
}

/** G-03: no note where the attendance needs one is `missing`, and `overdue` once the expected checklist's deadline has passed. */
function missingNote(input: GradeNoteInput, code: string): NoteGrade {
  const checklist =
    (input.checklistId !== undefined ? findChecklist(input.checklists, input.checklistId) : undefined) ??
    checklistForAttendance(input.checklists, code);
  const grade: NoteGrade = {
    checklistId: checklist?.id,
    structured: false,
    badge: 'missing',
    reason: 'no-note',
    unread: [],
    markers: { ...NO_MARKERS, open: 1 },
  };
  const deadline = checklist?.deadline;
  if (!checklist || !deadline || !input.answers) return grade;
  const { byId } = fieldIndex(checklist);
  let startMs: number | undefined;
  for (const id of deadline.from) {
    const field = byId.get(id);
    const value = field ? readPageValue(field, input.answers[id]) : undefined;
    if (typeof value === 'string' && (startMs = localDateTimeMs(value)) !== undefined) break;
  }
  if (startMs === undefined) return grade;
  const override = input.settings?.deadlineHours?.[deadline.rule];
  const hours = typeof override === 'number' && Number.isFinite(override) && override > 0 ? override : deadline.hours;
  const dueMs = startMs + hours * 3_600_000;
  const nowMs = readNow(input.now);
  grade.due = { ruleId: deadline.rule, dueAt: localDateTimeText(dueMs), lateByMinutes: Math.max(0, (nowMs - dueMs) / 60_000) };
  if (nowMs > dueMs) grade.badge = 'overdue';
  return grade;
}

function findChecklist(checklists: GradeNoteInput['checklists'], id: string): Checklist | undefined {
  if ('get' in checklists && typeof checklists.get === 'function') return (checklists as ReadonlyMap<string, Checklist>).get(id);
  return (checklists as readonly Checklist[]).find((checklist) => checklist.id === id);
}

/** Attendance as a code, whether the page shows the code or its label. */
export function readAttendance(value: string): string {
  return attendanceFromText(value) ?? value.trim();
}

/**
 * Page cells and CSV columns are text; this reads them as the field's type so
 * `2026-03-02 10:00`, `2026-03-02T10:00:00`, `12` and `yes` count as answers.
 * Values that cannot be read are passed through, so `evaluate` reports them.
 */
export function readPageValue(field: ChecklistField, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  switch (field.type) {
    case 'datetime': {
      // Already `YYYY-MM-DDTHH:mm` (a portal's data attribute, say): as it is; evaluate judges whether it is a real moment.
      if (text.length === 16 && text.charCodeAt(10) === 84) return text;
      const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(\.\d+)?)?$/.exec(text);
      return match ? `${match[1]}T${match[2]}` : text;
    }
    case 'number':
      return text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
    case 'boolean':
      if (/^(true|yes|y|1)$/i.test(text)) return true;
      if (/^(false|no|n|0)$/i.test(text)) return false;
      return text;
    case 'attendance':
      return readAttendance(text);
    case 'multichoice':
      return text
        .split(/;\s*|；/)
        .map((item) => item.trim())
        .filter(Boolean);
    default:
      return text;
  }
}

// An audit grades millions of notes against a handful of checklists: index each once.
const indexes = new WeakMap<Checklist, { byId: Map<string, ChecklistField>; attendance?: ChecklistField }>();
function fieldIndex(checklist: Checklist) {
  let index = indexes.get(checklist);
  if (!index) {
    const { fields, fieldsById } = compileChecklist(checklist);
    index = { byId: fieldsById, attendance: fields.find((field) => field.type === 'attendance') };
    indexes.set(checklist, index);
  }
  return index;
}

/** How many of the checklist's risks (attention conditions) an answer set records. */
function risksRecorded(checklist: Checklist, answers: ChecklistRecord): number {
  let count = 0;
  for (const item of checklist.attention ?? []) if (holds(item.when, answers)) count++;
  return count;
}

/**
 * The note's answers with, for each question it answers more than once (in
 * one entry, or before an amendment), the answer that records more risk (G-06:
 * a positive risk answer anywhere in the note raises attention, whichever
 * line came first). Questions without a risk keep the reader's answer.
 */
export function riskiestReading(
  checklist: Checklist,
  answers: ChecklistRecord,
  alternatives: Readonly<Record<string, readonly ChecklistRecord[string][]>>,
): ChecklistRecord {
  if (!checklist.attention?.length) return answers;
  let reading = answers;
  let risks = risksRecorded(checklist, reading);
  for (const id of Object.keys(alternatives)) {
    for (const value of alternatives[id]!) {
      const trial = { ...reading, [id]: value };
      const trialRisks = risksRecorded(checklist, trial);
      if (trialRisks > risks) {
        reading = trial;
        risks = trialRisks;
      }
    }
  }
  return reading;
}

/**
 * Finds the checklist from the note's header, reads the note, lays answers
 * read from the page over it, and evaluates. A note without a Chartguard
 * header is `unstructured`.
 */
export function gradeNote(input: GradeNoteInput): NoteGrade {
  const text = String(input.text ?? '');
  const checklistId = noteChecklistId(text);
  if (!checklistId) {
    if (text.trim() === '' && input.attendance !== undefined) {
      const code = readAttendance(input.attendance);
      if (CODES_NEEDING_RECORD.includes(code)) return missingNote(input, code);
    }
    return { structured: false, badge: 'unstructured', reason: 'no-header', unread: [], markers: NO_MARKERS };
  }
  const checklist = findChecklist(input.checklists, checklistId);
  if (!checklist)
    return { checklistId, structured: true, badge: 'unstructured', reason: 'unknown-checklist', unread: [], markers: NO_MARKERS };

  const parsed = readNote(checklist, text, { locale: input.locale });
  // Page answers win over the note's; they go on top of it rather than into a copy of it.
  let fromPage: Record<string, unknown> | undefined;
  const { byId, attendance } = fieldIndex(checklist);
  if (input.answers) {
    for (const id in input.answers) {
      if (!Object.hasOwn(input.answers, id)) continue;
      const field = byId.get(id);
      const value = input.answers[id];
      if (field && isAnswered(value)) (fromPage ??= {})[id] = readPageValue(field, value);
    }
  }
  if (attendance && input.attendance !== undefined && isAnswered(input.attendance))
    (fromPage ??= {})[attendance.id] = readAttendance(input.attendance);
  // What the note reader produced is not checked a second time; answers from the page are.
  // G-06: where the note answers a risk question more than once, it is read the way that records the risk.
  let read = parsed.values;
  if (parsed.alternatives) {
    const reading = riskiestReading(checklist, readAnswers(checklist, parsed.values, parsed.order), parsed.alternatives);
    read = compileChecklist(checklist).fields.map((field) => reading[field.id]);
  }
  const evaluation = evaluateRead(checklist, fromPage, { now: input.now, locale: input.locale, settings: input.settings }, read);
  // G-06: a note with lines Chartguard could not read (a question answered twice among them) is never complete: a person must look.
  const badge: Badge = evaluation.badge === 'complete' && parsed.unread.length > 0 ? 'check' : evaluation.badge;
  const overridden = noteOverrides(text).length > 0;
  const markers = overridden ? { ...evaluation.markers, overridden } : evaluation.markers;
  if (overridden) evaluation.markers = markers;
  return { checklistId, structured: true, badge, evaluation, unread: parsed.unread, markers };
}
