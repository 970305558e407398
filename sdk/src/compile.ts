// Turns a declarative checklist into executable checks: a type check per
// answer plus the rule engine, prepared once and cached per checklist. No Zod
// here, so a page that only runs checklists does not load it (see to-zod.ts).
import { ATTENDANCE_CODES } from './attendance.js';
import { comparedFields, holds } from './conditions.js';
import { message, type MessageKey } from './locales/index.js';
import type { Checklist, ChecklistField, ChecklistRule, Severity } from './model.js';
import { allFields, conditionFields } from './model-utils.js';
import { isAnswered, isLocalDateTime, normalizeRecord, type ChecklistRecord } from './record.js';
import { localize, type Locale } from './text.js';

export type IssueCode = 'missing' | 'invalid' | 'failed' | 'overdue' | 'late';

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
  fieldsById: Map<string, ChecklistField>;
  /** Whether a value has the field's type (and option set); ranges are judged separately. */
  valueChecks: Map<string, (value: unknown) => boolean>;
  /** The rule a field's format errors are reported under. */
  ruleForField: Map<string, RuleRef>;
  /** The rules as run: the checklist's own, plus its deadline's when the deadline asks for answers too. */
  rules: ChecklistRule[];
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
  const at = checklist.rules.findIndex((other) => other.id.localeCompare(rule.id, 'en', { numeric: true }) > 0);
  return at < 0 ? [...checklist.rules, rule] : [...checklist.rules.slice(0, at), rule, ...checklist.rules.slice(at)];
}

/** Enough of a rule (or of the deadline, or of an attention item) to report an issue under it. */
export interface RuleRef {
  id: string;
  severity: Severity;
  summary: ChecklistRule['summary'];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

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
    case 'date':
    case 'datetime': {
      const shape = field.type === 'date' ? DATE : DATETIME;
      return (value) => typeof value === 'string' && shape.test(value) && isLocalDateTime(value);
    }
  }
}

const cache = new WeakMap<Checklist, CompiledChecklist>();

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
  for (const rule of rules) claim([...(rule.requires ?? []), ...(rule.expect ? conditionFields(rule.expect) : []), ...(rule.suggests ?? [])], rule);
  for (const rule of checklist.rules) if (rule.when) claim(conditionFields(rule.when), rule);
  const { deadline } = checklist;
  if (deadline) {
    const ref: RuleRef = { id: deadline.rule, severity: 'required', summary: deadline.summary };
    claim([...deadline.from, ...(deadline.recordedAt ? [deadline.recordedAt] : [])], ref);
  }
  for (const item of checklist.attention ?? []) {
    const ref = checklist.rules.find((rule) => rule.id === item.rule) ?? { id: item.rule, severity: 'required' as const, summary: item.summary };
    claim(conditionFields(item.when), ref);
  }
  const compiled = { checklist, fields, fieldsById, valueChecks, ruleForField, rules };
  cache.set(checklist, compiled);
  return compiled;
}

function typeKey(field: ChecklistField): MessageKey {
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
  /** Answers after dropping those of hidden fields and those of the wrong type. */
  effective: ChecklistRecord;
  enabled: Set<string>;
  issues: Issue[];
  /** Required answers the user still owes, and how many of them are given. */
  requiredFields: Set<string>;
}

/**
 * Runs every rule against a record. Hidden fields (their `enableWhen` fails)
 * are neither required nor read, so stale answers cannot satisfy a rule.
 */
export function runRules(compiled: CompiledChecklist, input: Record<string, unknown>, locale: Locale): RuleOutcome {
  const { checklist, fields, fieldsById, valueChecks, ruleForField, rules } = compiled;
  const record = normalizeRecord(checklist, input);
  const issues: Issue[] = [];
  const effective: ChecklistRecord = {};
  const enabled = new Set<string>();
  const label = (id: string) => localize(fieldsById.get(id)!.label, locale);

  for (const field of fields) {
    if (field.enableWhen && !holds(field.enableWhen, effective)) continue;
    enabled.add(field.id);
    const value = record[field.id];
    if (value === undefined) continue;
    const rule = ruleForField.get(field.id) ?? checklist.rules[0]!;
    const ruleText = localize(rule.summary, locale);
    if (!valueChecks.get(field.id)!(value)) {
      const key: MessageKey = field.options || field.type === 'attendance' ? 'issue.invalidOption' : 'issue.invalidType';
      issues.push({
        ruleId: rule.id,
        severity: rule.severity,
        code: 'invalid',
        path: [field.id],
        message: message(locale, key, { field: label(field.id), type: message(locale, typeKey(field)) }),
        rule: ruleText,
      });
      continue;
    }
    if (typeof value === 'number' && ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max))) {
      issues.push({
        ruleId: rule.id,
        severity: rule.severity,
        code: 'invalid',
        path: [field.id],
        message: message(locale, 'issue.outOfRange', { field: label(field.id), min: field.min ?? '−∞', max: field.max ?? '∞' }),
        rule: ruleText,
      });
      continue;
    }
    effective[field.id] = value;
  }

  const requiredFields = new Set<string>();
  const invalid = new Set(issues.map((issue) => issue.path[0]));
  for (const rule of rules) {
    if (rule.when && !holds(rule.when, effective)) continue;
    const ruleText = localize(rule.summary, locale);
    for (const id of rule.requires ?? []) {
      if (!enabled.has(id)) continue;
      if (rule.severity === 'required') requiredFields.add(id);
      if (!isAnswered(effective[id]) && !invalid.has(id)) {
        issues.push({ ruleId: rule.id, severity: rule.severity, code: 'missing', path: [id], message: message(locale, 'issue.missing', { field: label(id) }), rule: ruleText });
      }
    }
    for (const id of rule.suggests ?? []) {
      if (enabled.has(id) && !isAnswered(effective[id]) && !invalid.has(id)) {
        issues.push({ ruleId: rule.id, severity: 'advisory', code: 'missing', path: [id], message: message(locale, 'issue.missing', { field: label(id) }), rule: ruleText });
      }
    }
    if (rule.expect && comparedFields(rule.expect).every((id) => isAnswered(effective[id])) && !holds(rule.expect, effective)) {
      const at = rule.expectField ?? conditionFields(rule.expect)[0]!;
      issues.push({ ruleId: rule.id, severity: rule.severity, code: 'failed', path: [at], message: localize(rule.message ?? rule.summary, locale), rule: ruleText });
    }
  }
  return { effective, enabled, issues, requiredFields };
}

