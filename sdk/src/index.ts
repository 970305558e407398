// The public API of @chartguard/sdk: everything the runtime entry exports,
// plus what a page that only runs checklists does without: the schemas and
// parsers (Zod), the JSON Schema and FHIR exports, the audit, and the helpers
// for reading entries and handovers. Integrators import from here or ./runtime.
export * from './runtime.js';
export {
  CHECKLIST_FORMAT,
  FIELD_TYPES,
  SEVERITIES,
  checklistSchema,
  localizedTextSchema,
  conditionSchema,
  parseChecklist,
  ChecklistError,
} from './model.js';
export type { ChecklistDeadline, ChecklistAttention } from './model.js';
export { toZod } from './to-zod.js';
export type { ToZodOptions } from './to-zod.js';
export type { BadgeMarkers, FollowUp } from './evaluate.js';
export { authorLine, overrideLine, isEntryMetaLine, noteOverrides, noteDeclinedChecklists } from './entry.js';
export type { EntryAuthor, EntryOverride, EntryDeclined } from './entry.js';
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
} from './adapter.js';
export type { AdapterV1, AdapterElement, ValueMap, SignedInUser, PreviousRecord } from './adapter.js';
export { readPreviousHandover } from './handover.js';
export type { PreviousHandover } from './handover.js';
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
export type {
  AuditFormat,
  AuditChunk,
  AuditRecord,
  AuditMalformed,
  AuditItem,
  AuditOptions,
  AuditResult,
  AuditIssue,
  ReadOptions,
} from './audit.js';
export { adapterSafetyProblems, patternProblem, saveSelectorProblem, IMPORT_LIMITS } from './adapter-safety.js';
export type { SafetyProblem } from './adapter-safety.js';
