// Turns a declarative checklist into executable checks: a type check per
// answer plus the rule engine, prepared once and cached per checklist. No Zod
// here, so a page that only runs checklists does not load it (see to-zod.ts).
import { ATTENDANCE_CODES } from './attendance.js';
import { comparedFields, compileAt, type PlacePredicate } from './conditions.js';
import { message, type MessageKey } from './locales/index.js';
import type { Checklist, ChecklistField, ChecklistRule, Severity } from './model.js';
import { allFields, conditionFields } from './model-utils.js';
import { isLocalDateTime, normalAnswer, type Answer, type ChecklistRecord } from './record.js';
import { localize, type Locale, type LocalizedText } from './text.js';

export type IssueCode = 'missing' | 'invalid' | 'failed' | 'overdue' | 'late' | 'unknown';

export interface Issue {
  ruleId: string;
  severity: Severity;
  code: IssueCode;
  /** Field the issue is about; empty for whole-record issues such as a passed deadline. */
  path: string[];
  /** Plain message in the requested language. */
  message: string;
  /** The rule as written in the policy catalogue, for "why". */
  rule: string;
}

export interface CompiledChecklist {
  checklist: Checklist;
  fields: ChecklistField[];
  /** The fields' ids by place. */
  ids: string[];
  fieldsById: Map<string, ChecklistField>;
  /** Whether a value has the field's type (and option set); ranges are judged separately. */
  valueChecks: Map<string, (value: unknown) => boolean>;
  /** The rule a field's format errors are reported under. */
  ruleForField: Map<string, RuleRef>;
  /** The rules as run: the checklist's own, plus its deadline's when the deadline asks for answers too. */
  rules: ChecklistRule[];
  /** Per field, in reading order, everything runRules needs, prepared once. */
  fieldPlans: FieldPlan[];
  /** Per rule, in the order run, its conditions as predicates. */
  rulePlans: RulePlan[];
  /** Places (in `fields`) of the deadline's start fields and of its recorded-at field (-1: none), so it is judged on the answers by place. */
  deadlineFrom: number[];
  deadlineRecordedAt: number;
  /** The checklist's attention items, their conditions read by place. */
  attention: AttentionPlan[];
  /** The last due time of the deadline worked out (judgeDeadline), as for a follow-up. */
  lastDeadline: DueMemo | undefined;
}

export interface AttentionPlan {
  rule: string;
  summary: LocalizedText;
  when: PlacePredicate;
}

export interface FieldPlan {
  field: ChecklistField;
  /** Per-call marks (see runRules): the run in which the field was last shown, answered wrongly, or asked for by a required rule. */
  shownIn: number;
  invalidIn: number;
  requiredIn: number;
  /** Its place in CompiledChecklist.fields. */
  place: number;
  enableWhen?: PlacePredicate;
  check: (value: unknown) => boolean;
  /** Whether parseNote's reading of this field is taken as it is (see READ_AS_VALID). */
  readAsValid: boolean;
  rule: RuleRef;
  /** Its "is missing" message, per language, once built. */
  missing: Partial<Record<Locale, string>>;
}

export interface RulePlan {
  rule: ChecklistRule;
  /** The plans of the fields the rule requires and suggests. */
  requires: FieldPlan[];
  suggests: FieldPlan[];
  when?: PlacePredicate;
  expect?: PlacePredicate;
  /** Places of the fields the check compares: it is judged only once all are answered. */
  compared: number[];
  /** Field an unmet check is reported on. */
  at?: string;
  /** Places of the fields a follow-up's due time runs from, first answered first. */
  dueFrom: number[];
  /** An attention item names the rule. */
  attention: boolean;
  /** The last due time reckoned for this follow-up (evaluate's followUpStates): a form typed into asks again with the same start. */
  lastDue: DueMemo | undefined;
}

/** A due time worked out from a start answer and the hours in force (undefined: the checklist's own rule of days). */
export interface DueMemo {
  from: string;
  hours: number | undefined;
  dueMs: number | undefined;
  dueAt: string | undefined;
}

/**
 * Rule ids in policy order: `SNC-9` before `SNC-10`. By hand rather than with
 * localeCompare's numeric option, which builds a collator per call and
 * showed on the first frame of a content script.
 */
export function compareRuleIds(a: string, b: string): number {
  const [, prefixA = a, numberA] = /^(.*?)(\d+)$/.exec(a) ?? [];
  const [, prefixB = b, numberB] = /^(.*?)(\d+)$/.exec(b) ?? [];
  if (prefixA !== prefixB) return prefixA < prefixB ? -1 : 1;
  if (numberA === undefined || numberB === undefined) return numberA === numberB ? 0 : numberA === undefined ? -1 : 1;
  return Number(numberA) - Number(numberB);
}

/**
 * A deadline whose rule also asks for answers (FUS-04: outcome recorded within
 * 24 h) runs as a required rule with the deadline's id, placed among the rules
 * in id order so issues keep the policy's order.
 */
function rulesToRun(checklist: Checklist): ChecklistRule[] {
  const { deadline } = checklist;
  if (!deadline || (!deadline.requires?.length && !deadline.expect)) return checklist.rules;
  const rule: ChecklistRule = { id: deadline.rule, severity: 'required', summary: deadline.summary };
  if (deadline.requires) rule.requires = deadline.requires;
  if (deadline.expect) rule.expect = deadline.expect;
  if (deadline.expectField) rule.expectField = deadline.expectField;
  if (deadline.message) rule.message = deadline.message;
  const at = checklist.rules.findIndex((other) => compareRuleIds(other.id, rule.id) > 0);
  return at < 0 ? [...checklist.rules, rule] : [...checklist.rules.slice(0, at), rule, ...checklist.rules.slice(at)];
}

/** Enough of a rule (or of the deadline, or of an attention item) to report an issue under it. */
export interface RuleRef {
  id: string;
  severity: Severity;
  summary: ChecklistRule['summary'];
}

function valueCheck(field: ChecklistField): (value: unknown) => boolean {
  const options = new Set<string>(field.type === 'attendance' ? ATTENDANCE_CODES : (field.options ?? []).map((option) => option.value));
  switch (field.type) {
    case 'text':
    case 'longtext':
      return (value) => typeof value === 'string' && value.length > 0;
    case 'choice':
    case 'attendance':
      return (value) => typeof value === 'string' && options.has(value);
    case 'multichoice':
      return (value) => Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string' && options.has(item));
    case 'boolean':
      return (value) => typeof value === 'boolean';
    case 'number':
      return (value) => typeof value === 'number' && Number.isFinite(value);
    // isLocalDateTime reads both shapes; the length tells them apart (`YYYY-MM-DD` is 10, `YYYY-MM-DDTHH:mm` 16).
    case 'date':
      return (value) => typeof value === 'string' && value.length === 10 && isLocalDateTime(value);
    case 'datetime':
      return (value) => typeof value === 'string' && value.length === 16 && isLocalDateTime(value);
  }
}

const cache = new WeakMap<Checklist, CompiledChecklist>();

/** Types whose answers, as parseNote reads them, are already normal and valid: only text can carry stray spaces, and numbers need their range judged. */
const READ_AS_VALID = new Set<ChecklistField['type']>(['date', 'datetime', 'boolean', 'choice', 'multichoice', 'attendance']);

export function compileChecklist(checklist: Checklist): CompiledChecklist {
  const cached = cache.get(checklist);
  if (cached) return cached;
  const fields = allFields(checklist);
  const fieldsById = new Map(fields.map((field) => [field.id, field]));
  const valueChecks = new Map(fields.map((field) => [field.id, valueCheck(field)]));
  // A malformed answer is reported under the rule the field serves, most
  // direct use first, so a bad answer to a question that only gates an
  // advisory rule is never blamed on (and blocked by) an unrelated rule.
  const ruleForField = new Map<string, RuleRef>();
  const claim = (ids: string[], rule: RuleRef) => ids.forEach((id) => ruleForField.has(id) || ruleForField.set(id, rule));
  const rules = rulesToRun(checklist);
  for (const rule of rules)
    claim([...(rule.requires ?? []), ...(rule.expect ? conditionFields(rule.expect) : []), ...(rule.suggests ?? [])], rule);
  for (const rule of checklist.rules) if (rule.when) claim(conditionFields(rule.when), rule);
  const { deadline } = checklist;
  if (deadline) {
    const ref: RuleRef = { id: deadline.rule, severity: 'required', summary: deadline.summary };
    claim([...deadline.from, ...(deadline.recordedAt ? [deadline.recordedAt] : [])], ref);
  }
  for (const item of checklist.attention ?? []) {
    const ref = checklist.rules.find((rule) => rule.id === item.rule) ?? {
      id: item.rule,
      severity: 'required' as const,
      summary: item.summary,
    };
    claim(conditionFields(item.when), ref);
  }
  // A field's place in `fields`, where runRules keeps its answer (FieldValues); looked up once per checklist. The
  // meta-schema makes conditions name only fields of their checklist; an unknown id (-1) reads as never answered.
  const at = (id: string) => fields.findIndex((field) => field.id === id);
  // Only a multichoice answer is a list; an unknown id is never answered, so how it would compare does not matter.
  const isList = (id: string) => fieldsById.get(id)?.type === 'multichoice';
  const fieldPlans: FieldPlan[] = fields.map((field, place) => ({
    field,
    shownIn: 0,
    invalidIn: 0,
    requiredIn: 0,
    place,
    enableWhen: field.enableWhen ? compileAt(field.enableWhen, at, isList) : undefined,
    check: valueChecks.get(field.id)!,
    readAsValid: READ_AS_VALID.has(field.type),
    rule: ruleForField.get(field.id) ?? checklist.rules[0]!,
    missing: {},
  }));
  const planOf = new Map(fieldPlans.map((plan) => [plan.field.id, plan]));
  // The meta-schema makes rules name only fields of their checklist; an unknown id could only come from an unvalidated checklist.
  const plans = (ids: string[] | undefined) =>
    (ids ?? []).map((id) => planOf.get(id)).filter((plan): plan is FieldPlan => plan !== undefined);
  const rulePlans: RulePlan[] = rules.map((rule) => ({
    rule,
    requires: plans(rule.requires),
    suggests: plans(rule.suggests),
    when: rule.when ? compileAt(rule.when, at, isList) : undefined,
    expect: rule.expect ? compileAt(rule.expect, at, isList) : undefined,
    compared: rule.expect ? comparedFields(rule.expect).map(at) : [],
    at: rule.expect ? (rule.expectField ?? conditionFields(rule.expect)[0]) : undefined,
    dueFrom: rule.due ? rule.due.from.map(at) : [],
    attention: (checklist.attention ?? []).some((item) => item.rule === rule.id),
    lastDue: undefined,
  }));
  const compiled = {
    checklist,
    fields,
    ids: fields.map((field) => field.id),
    fieldsById,
    valueChecks,
    ruleForField,
    rules,
    fieldPlans,
    rulePlans,
    deadlineFrom: deadline ? deadline.from.map(at) : [],
    deadlineRecordedAt: deadline?.recordedAt ? at(deadline.recordedAt) : -1,
    attention: (checklist.attention ?? []).map((item) => ({
      rule: item.rule,
      summary: item.summary,
      when: compileAt(item.when, at, isList),
    })),
    lastDeadline: undefined,
  };
  cache.set(checklist, compiled);
  return compiled;
}

export function typeKey(field: ChecklistField): MessageKey {
  switch (field.type) {
    case 'choice':
    case 'multichoice':
    case 'attendance':
      return 'type.choice';
    case 'longtext':
      return 'type.text';
    default:
      return `type.${field.type}` as MessageKey;
  }
}

export interface RuleOutcome {
  /** Answers after dropping those of hidden fields and those of the wrong type, by place (FieldValues); answersOf makes them an object. */
  values: FieldValues;
  /** Fields shown, in reading order. */
  enabled: string[];
  issues: Issue[];
  /** Places of the fields that required rules ask for, in reading order: what progress counts. */
  requiredFields: number[];
  /** Follow-up rules whose trigger (`when`) holds, in checklist order: open or done. */
  followUps: RulePlan[];
}

export function issue(rule: RuleRef, severity: Severity, code: IssueCode, fieldId: string, text: string, locale: Locale): Issue {
  return { ruleId: rule.id, severity, code, path: [fieldId], message: text, rule: localize(rule.summary, locale) };
}

function allAnswered(places: readonly number[], values: FieldValues): boolean {
  for (let i = 0; i < places.length; i++) if (values[places[i]!] === undefined) return false;
  return true;
}

/** Answers by place as an object keyed by field id, in reading order: what `Evaluation.answers` shows. */
export function answersOf(fields: readonly ChecklistField[], values: FieldValues): ChecklistRecord {
  const answers: ChecklistRecord = {};
  for (let f = 0; f < fields.length; f++) if (values[f] !== undefined) answers[fields[f]!.id] = values[f]!;
  return answers;
}

/** "X is missing": the same words on every record, so built once per field and language. */
export function missingText(plan: FieldPlan, locale: Locale): string {
  let text = plan.missing[locale];
  if (text === undefined) plan.missing[locale] = text = message(locale, 'issue.missing', { field: localize(plan.field.label, locale) });
  return text;
}

/** Answers by their field's place in CompiledChecklist.fields, as the note reader keeps them (readNote in note.ts). */
export type FieldValues = readonly (Answer | undefined)[];

// The loops below run for every row of a supervisor's list, mostly before the
// engine has optimised them: indexed, since for-of allocates an iterator
// result per step until then.

/** The issue for an answer of the wrong type, not among the options, or out of range: it names the field. */
export function invalidAnswer(
  rule: ChecklistRule,
  field: ChecklistField,
  locale: Locale,
  key: MessageKey,
  params: Record<string, string | number>,
): Issue {
  return issue(rule, rule.severity, 'invalid', field.id, message(locale, key, { field: localize(field.label, locale), ...params }), locale);
}

/** Numbers runs of runRules, so per-field marks need no per-call allocation (runs never overlap: nothing in one calls back out). */
let run = 0;

/**
 * Runs every rule against a record. Hidden fields (their `enableWhen` fails)
 * are neither required nor read, so stale answers cannot satisfy a rule.
 * Messages are built only for the issues found: most records have few.
 *
 * `read` is what parseNote read from the note, lying under `input`: a field
 * `input` leaves undefined takes the note's answer, and one of the types
 * above is taken as it is, since parseNote just normalised and checked it.
 * It holds each answer at its field's place in `compiled.fields` (FieldValues).
 *
 * `verdictOnly` (validate's way in) leaves `enabled` and `requiredFields` empty: a caller that wants only the
 * issues does not pay for two lists of field ids per record. `given`, when there, is `input`'s answer to each
 * field by place, read by the caller (validate's field readers): runRules then reads `input` no more.
 */
export function runRules(
  compiled: CompiledChecklist,
  input: Record<string, unknown> | undefined,
  locale: Locale,
  read?: FieldValues,
  verdictOnly = false,
  given?: readonly unknown[],
): RuleOutcome {
  const { fieldPlans, rulePlans, fields } = compiled;
  const source = input !== null && typeof input === 'object' ? input : undefined;
  const issues: Issue[] = [];
  // Answers by place: stores into an array by index, where an object keyed by
  // id grew a property at a time through a lookup of every field's name
  // (docs/performance.md, "Grading and validation speed").
  const values: (Answer | undefined)[] = new Array(fields.length);
  const followUps: RulePlan[] = [];
  const now = ++run;

  for (let f = 0; f < fieldPlans.length; f++) {
    const plan = fieldPlans[f]!;
    const { field, enableWhen, check, rule } = plan;
    if (enableWhen && !enableWhen(values)) continue;
    plan.shownIn = now;
    let answer = given !== undefined ? given[f] : source !== undefined ? source[field.id] : undefined;
    if (answer === undefined && read !== undefined) {
      answer = read[f];
      if (answer !== undefined && plan.readAsValid) {
        values[f] = answer as Answer;
        continue;
      }
    }
    const value = normalAnswer(answer);
    if (value === undefined) continue;
    if (!check(value)) {
      const key: MessageKey = field.options || field.type === 'attendance' ? 'issue.invalidOption' : 'issue.invalidType';
      plan.invalidIn = now;
      issues.push(invalidAnswer(rule, field, locale, key, { type: message(locale, typeKey(field)) }));
      continue;
    }
    if (typeof value === 'number' && ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max))) {
      plan.invalidIn = now;
      issues.push(invalidAnswer(rule, field, locale, 'issue.outOfRange', { min: field.min ?? '−∞', max: field.max ?? '∞' }));
      continue;
    }
    values[f] = value;
  }

  for (let r = 0; r < rulePlans.length; r++) {
    const rulePlan = rulePlans[r]!;
    const { rule, requires, suggests, when, expect, compared, at } = rulePlan;
    if (when && !when(values)) continue;
    if (rule.severity === 'follow-up') followUps.push(rulePlan);
    const isRequired = rule.severity === 'required';
    for (let p = 0; p < requires.length; p++) {
      const plan = requires[p]!;
      if (plan.shownIn !== now) continue;
      if (isRequired) plan.requiredIn = now;
      if (values[plan.place] === undefined && plan.invalidIn !== now)
        issues.push(issue(rule, rule.severity, 'missing', plan.field.id, missingText(plan, locale), locale));
    }
    for (let p = 0; p < suggests.length; p++) {
      const plan = suggests[p]!;
      if (plan.shownIn === now && values[plan.place] === undefined && plan.invalidIn !== now)
        issues.push(issue(rule, 'advisory', 'missing', plan.field.id, missingText(plan, locale), locale));
    }
    if (expect && (rule.judgeUnanswered || allAnswered(compared, values)) && !expect(values)) {
      issues.push(issue(rule, rule.severity, 'failed', at!, localize(rule.message ?? rule.summary, locale), locale));
    }
  }
  const enabled: string[] = [];
  const requiredFields: number[] = [];
  for (let f = 0; !verdictOnly && f < fieldPlans.length; f++) {
    const plan = fieldPlans[f]!;
    if (plan.shownIn === now) enabled.push(plan.field.id);
    if (plan.requiredIn === now) requiredFields.push(f);
  }
  return { values, enabled, issues, requiredFields, followUps };
}
