// The public API of @chartguard/sdk. Everything an integrator or the
// extension uses is exported here and nowhere else.
export { LOCALES, DEFAULT_LOCALE, isLocale, localize, format } from './text.js';
export type { Locale, LocalizedText } from './text.js';
export { readLocale, readNow } from './inputs.js';
export type { LocaleTag, Instant } from './inputs.js';
export { messages, message } from './locales/index.js';
export type { MessageKey } from './locales/index.js';
export { ATTENDANCE_CODES, ATTENDANCE_LABELS, isAttendanceCode } from './attendance.js';
export type { AttendanceCode } from './attendance.js';
export {
  CHECKLIST_FORMAT,
  FIELD_TYPES,
  SEVERITIES,
  checklistSchema,
  localizedTextSchema,
  conditionSchema,
  parseChecklist,
  allFields,
  conditionFields,
  ChecklistError,
} from './model.js';
export type {
  Checklist,
  ChecklistField,
  ChecklistSection,
  ChecklistRule,
  ChecklistOption,
  ChecklistDeadline,
  ChecklistAttention,
  Condition,
  FieldType,
  Severity,
} from './model.js';
export { holds } from './conditions.js';
export { isAnswered, normalizeRecord, parseLocalDateTime, formatLocalDateTime, isLocalDateTime } from './record.js';
export type { Answer, ChecklistRecord } from './record.js';
export { compileChecklist } from './compile.js';
export { toZod } from './to-zod.js';
export type { Issue, IssueCode } from './compile.js';
export type { ToZodOptions } from './to-zod.js';
export { evaluate, formatDuration, BADGE_PRECEDENCE } from './evaluate.js';
export type { Badge, BadgeMarkers, Evaluation, EvaluateOptions, OrganisationSettings, DeadlineStatus, FollowUp } from './evaluate.js';
export { renderNote, parseNote, noteChecklistId } from './note.js';
export { composeEntry, composeNoChecklistEntry, authorLine, overrideLine, isEntryMetaLine, noteOverrides, noteDeclinedChecklists, noteDeclines } from './entry.js';
export type { ComposeEntryInput, ComposedEntry, EntryAuthor, EntryOverride, EntryDeclined, NoChecklistEntryInput } from './entry.js';
export type { ParsedNote, UnreadLine, RenderOptions, ClientTerm } from './note.js';
export {
  ADAPTER_FORMAT,
  ADAPTER_FORMAT_V2,
  WIDGETS,
  ELEMENT_KINDS,
  adapterSchema,
  adapterSchemaV1,
  adapterSchemaV2,
  parseAdapter,
  parseAdapterV2,
  upgradeAdapter,
  compileAdapter,
  readAdapterData,
  pagesForPath,
  pagesForUrl,
  recordIdFromPath,
  recordIdFromUrl,
  fromPortalValue,
  toPortalValue,
  parsePortalDate,
  formatPortalDate,
} from './adapter.js';
export type { PortalAdapter, AdapterPage, PortalField, AdapterList, AdapterCell, AdapterV1, AdapterV2, AdapterElement, ValueMap, Widget, ElementKind, SignedInUser, PreviousRecord } from './adapter.js';
export { readPreviousHandover } from './handover.js';
export type { PreviousHandover } from './handover.js';
export { gradeNote, readAttendance, readPageValue, checklistForAttendance, CODES_NEEDING_RECORD } from './badges.js';
export type { GradeNoteInput, NoteGrade, NoteBadge } from './badges.js';
export { toJSONSchema, checklistJSONSchema, adapterJSONSchema, JSON_SCHEMA_DIALECT, JSON_SCHEMA_VOCABULARY } from './export-json-schema.js';
export type { JSONSchema, RecordSchemaOptions, UnexpressedRule } from './export-json-schema.js';
export {
  toQuestionnaire,
  toQuestionnaireResponse,
  toFhirDateTime,
  questionnaireUrl,
  questionnaireId,
  sectionLinkId,
  fhirCanonicals,
  rulesOfField,
  FHIR_CANONICAL_BASE,
  FHIR_RULE_SYSTEM,
  FHIR_ATTENDANCE_SYSTEM,
  FHIR_ENABLE_WHEN_EXPRESSION,
  FHIR_TARGET_CONSTRAINT,
  FHIR_TRANSLATION,
} from './export-fhir.js';
export { fromFhirDateTime } from './fhir-time.js';
export { toTerminologyBundle } from './fhir-terminology.js';
export type { FhirBundle, FhirCodeSystem, FhirValueSet, FhirConcept, TerminologyOptions } from './fhir-terminology.js';
export { fromQuestionnaireResponse, FhirResponseError } from './import-fhir.js';
export type { ReadResponseOptions } from './import-fhir.js';
export type {
  FhirQuestionnaire,
  FhirQuestionnaireItem,
  FhirQuestionnaireResponse,
  FhirResponseItem,
  FhirAnswer,
  FhirCoding,
  FhirEnableWhen,
  FhirExtension,
  FhirElement,
  FhirCanonicals,
  FhirOptions,
  QuestionnaireResponseOptions,
} from './export-fhir.js';
export {
  auditRecords,
  auditRecord,
  readAuditRecords,
  readJsonArray,
  readNdjson,
  readCsv,
  detectAuditFormat,
  toAuditRecord,
  AuditSummary,
  AuditInputError,
  AUDIT_BADGES,
} from './audit.js';
export type { AuditFormat, AuditChunk, AuditRecord, AuditMalformed, AuditItem, AuditOptions, AuditResult, AuditIssue, ReadOptions } from './audit.js';
export { adapterSafetyProblems, patternProblem, saveSelectorProblem, IMPORT_LIMITS } from './adapter-safety.js';
export type { SafetyProblem } from './adapter-safety.js';
