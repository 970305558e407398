// Grades a note as found on a page or in an export: the checklist comes from
// the note's own header, never from a guess, so a hand-written note is shown
// as "not structured" instead of being judged against the wrong policy.
import { type Instant, type LocaleTag } from './inputs.js';
import { attendanceFromText } from './attendance.js';
import { evaluateRead, type Badge, type Evaluation, type OrganisationSettings } from './evaluate.js';
import type { Checklist, ChecklistField } from './model.js';
import { allFields } from './model-utils.js';
import { noteChecklistId, parseNote, type UnreadLine } from './note.js';
import { isAnswered } from './record.js';
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
}

export interface NoteGrade {
  /** The checklist named in the note's header. */
  checklistId?: string;
  /** True when the note carries a Chartguard header. */
  structured: boolean;
  badge: NoteBadge;
  /** Why a note got no grade: it has no header, or names a checklist that is not loaded. */
  reason?: 'no-header' | 'unknown-checklist';
  evaluation?: Evaluation;
  /** Lines of the note that could not be read. */
  unread: UnreadLine[];
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
      return text.split(/;\s*|；/).map((item) => item.trim()).filter(Boolean);
    default:
      return text;
  }
}

// An audit grades millions of notes against a handful of checklists: index each once.
const indexes = new WeakMap<Checklist, { byId: Map<string, ChecklistField>; attendance?: ChecklistField }>();
function fieldIndex(checklist: Checklist) {
  let index = indexes.get(checklist);
  if (!index) {
    const fields = allFields(checklist);
    index = { byId: new Map(fields.map((field) => [field.id, field])), attendance: fields.find((field) => field.type === 'attendance') };
    indexes.set(checklist, index);
  }
  return index;
}

/**
 * Finds the checklist from the note's header, reads the note, lays answers
 * read from the page over it, and evaluates. A note without a Chartguard
 * header is `unstructured`.
 */
export function gradeNote(input: GradeNoteInput): NoteGrade {
  const text = String(input.text ?? '');
  const checklistId = noteChecklistId(text);
  if (!checklistId) return { structured: false, badge: 'unstructured', reason: 'no-header', unread: [] };
  const checklist = findChecklist(input.checklists, checklistId);
  if (!checklist) return { checklistId, structured: true, badge: 'unstructured', reason: 'unknown-checklist', unread: [] };

  const parsed = parseNote(checklist, text, { locale: input.locale });
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
  if (attendance && input.attendance !== undefined && isAnswered(input.attendance)) (fromPage ??= {})[attendance.id] = readAttendance(input.attendance);
  // What the note reader produced is not checked a second time; answers from the page are.
  const evaluation = evaluateRead(checklist, fromPage, { now: input.now, locale: input.locale, settings: input.settings }, parsed.answers);
  return { checklistId, structured: true, badge: evaluation.badge, evaluation, unread: parsed.unread };
}
