// @chartguard/sdk/runtime: everything needed to RUN checklists and adapters
// that were validated elsewhere (at build time, or when imported), without
// Zod. For a content script in someone else's page, where every kilobyte and
// millisecond at page load is the portal's, not ours.
export { LOCALES, DEFAULT_LOCALE, isLocale, localize, format } from './text.js';
export type { Locale, LocalizedText } from './text.js';
export { readLocale, readNow } from './inputs.js';
export type { LocaleTag, Instant } from './inputs.js';
export { messages, message } from './locales/index.js';
export type { MessageKey } from './locales/index.js';
export { ATTENDANCE_CODES, ATTENDANCE_LABELS, isAttendanceCode } from './attendance.js';
export type { AttendanceCode } from './attendance.js';
export { allFields, conditionFields } from './model-utils.js';
export type {
  Checklist,
  ChecklistField,
  ChecklistSection,
  ChecklistRule,
  ChecklistOption,
  Condition,
  FieldType,
  Severity,
} from './model.js';
export { holds } from './conditions.js';
export { isAnswered, normalizeRecord, parseLocalDateTime, formatLocalDateTime, isLocalDateTime } from './record.js';
export type { Answer, ChecklistRecord } from './record.js';
export { compileChecklist } from './rules.js';
export type { Issue, IssueCode } from './rules.js';
export { evaluate, formatDuration, BADGE_PRECEDENCE } from './evaluate.js';
export type { Badge, Evaluation, EvaluateOptions, OrganisationSettings, DeadlineStatus } from './evaluate.js';
export { validate } from './validate.js';
export type { ValidateOptions } from './validate.js';
export { renderNote, parseNote, noteChecklistId } from './note.js';
// A note without its one-line summary (the summary writer is the larger part of renderNote): for code that only
// needs a note the reader can read, such as the list badges warming the reader up.
export { noteHeader, renderBody } from './note.js';
export { noteDeclines } from './entry-lines.js';
export { composeEntry, composeNoChecklistEntry } from './entry.js';
export type { ComposeEntryInput, ComposedEntry, NoChecklistEntryInput } from './entry.js';
export type { ParsedNote, UnreadLine, RenderOptions, ClientTerm } from './note.js';
export { gradeNote, readAttendance, readPageValue, checklistForAttendance, CODES_NEEDING_RECORD } from './grade.js';
export type { NoteBadge, NoteGrade, GradeNoteInput } from './grade.js';
export {
  fromPortalValue,
  toPortalValue,
  pagesForPath,
  pagesForUrl,
  recordIdFromPath,
  recordIdFromUrl,
  parsePortalDate,
  formatPortalDate,
} from './adapter-utils.js';
export { readAdapterData, upgradeAdapter, compileAdapter } from './adapter-compile.js';
export type { PortalAdapter, AdapterPage, PortalField, AdapterList, AdapterCell, AdapterV2, Widget, ElementKind } from './adapter.js';
