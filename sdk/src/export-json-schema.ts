// JSON Schema (draft 2020-12) exports, for systems that validate with JSON
// Schema rather than with the SDK: one schema per checklist describing a
// record, and the meta-schemas of checklists and portal adapters.
import { readLocale, type LocaleTag } from './inputs.js';
import { z } from 'zod';
import { adapterSchema } from './adapter.js';
import { ATTENDANCE_CODES, ATTENDANCE_LABELS } from './attendance.js';
import { compileChecklist } from './rules.js';
import { comparedFields } from './conditions.js';
import {
  allFields,
  checklistSchema,
  conditionSchema,
  type Checklist,
  type ChecklistField,
  type Condition,
  type ConditionValue,
} from './model.js';
import { localize, type Locale } from './text.js';

export type JSONSchema = { [key: string]: unknown } | boolean;

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/**
 * Annotation keywords the exported schemas use. Ajv's strict mode rejects
 * unknown keywords, so register them: `ajv.addVocabulary(JSON_SCHEMA_VOCABULARY)`.
 */
export const JSON_SCHEMA_VOCABULARY = ['x-chartguard-rule', 'x-chartguard-checklist', 'x-chartguard-unexpressed'] as const;

/** A part of a rule that JSON Schema cannot state, so the schema does not check it. */
export interface UnexpressedRule {
  rule: string;
  part: 'when' | 'requires' | 'expect';
  field?: string;
  reason: string;
}

export interface RecordSchemaOptions {
  /** Language of titles and descriptions. */
  locale?: LocaleTag;
}

class Unexpressible extends Error {}

const DATE_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';
const DATETIME_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d$';

function and(...parts: JSONSchema[]): JSONSchema {
  if (parts.includes(false)) return false;
  const kept = parts.filter((part) => part !== true);
  if (kept.length === 0) return true;
  return kept.length === 1 ? kept[0]! : { allOf: kept };
}

function withOptions(values: { value: string; title: string }[]) {
  return { enum: values.map((v) => v.value), oneOf: values.map((v) => ({ const: v.value, title: v.title })) };
}

function propertySchema(field: ChecklistField, locale: Locale): Record<string, unknown> {
  const base: Record<string, unknown> = { title: localize(field.label, locale) };
  if (field.help) base.description = localize(field.help, locale);
  if (field.readOnly) base.readOnly = true;
  const options = () => withOptions(field.options!.map((option) => ({ value: option.value, title: localize(option.label, locale) })));
  switch (field.type) {
    case 'text':
    case 'longtext':
      return { type: 'string', ...base };
    case 'choice':
      return { type: 'string', ...base, ...options() };
    case 'multichoice':
      return { type: 'array', ...base, items: { type: 'string', ...options() } };
    case 'boolean':
      return { type: 'boolean', ...base };
    case 'number':
      return {
        type: 'number',
        ...base,
        ...(field.min !== undefined && { minimum: field.min }),
        ...(field.max !== undefined && { maximum: field.max }),
      };
    case 'date':
      return { type: 'string', ...base, format: 'date', pattern: DATE_PATTERN };
    case 'datetime':
      return { type: 'string', ...base, pattern: DATETIME_PATTERN, $comment: 'Local wall-clock time without a zone: YYYY-MM-DDTHH:mm.' };
    case 'attendance':
      return {
        type: 'string',
        ...base,
        ...withOptions(ATTENDANCE_CODES.map((code) => ({ value: code, title: localize(ATTENDANCE_LABELS[code], locale) }))),
      };
  }
}

/** Values a field can take, when there are few enough to list (for sameAs/differentFrom). */
function finiteDomain(field: ChecklistField): (string | boolean)[] | undefined {
  if (field.type === 'choice') return field.options!.map((option) => option.value);
  if (field.type === 'attendance') return [...ATTENDANCE_CODES];
  if (field.type === 'boolean') return [true, false];
  return undefined;
}

/**
 * Translates the SDK's condition semantics into schemas: a field counts only
 * when it is shown (its own `enableWhen` holds) and answered (blank text and
 * empty lists are not answers), exactly as `evaluate` reads records.
 */
class ConditionEncoder {
  private readonly fields: Map<string, ChecklistField>;
  private readonly visibility = new Map<string, JSONSchema>();

  constructor(checklist: Checklist) {
    this.fields = new Map(allFields(checklist).map((field) => [field.id, field]));
  }

  field(id: string): ChecklistField {
    return this.fields.get(id)!;
  }

  /** Holds when the field is shown; throws Unexpressible when that cannot be said. */
  visible(id: string): JSONSchema {
    let schema = this.visibility.get(id);
    if (schema === undefined) {
      const enableWhen = this.field(id).enableWhen;
      schema = enableWhen ? this.condition(enableWhen) : true;
      this.visibility.set(id, schema);
    }
    return schema;
  }

  private answeredValue(field: ChecklistField): JSONSchema {
    if (field.type === 'text' || field.type === 'longtext') return { type: 'string', pattern: '\\S' };
    if (field.type === 'multichoice') return { type: 'array', minItems: 1 };
    return true;
  }

  /** The answer is there and not blank (whether it is shown is separate). */
  filled(id: string, test: JSONSchema = true): JSONSchema {
    const value = and(this.answeredValue(this.field(id)), test);
    return { required: [id], ...(value !== true && { properties: { [id]: value } }) };
  }

  answered(id: string, test: JSONSchema = true): JSONSchema {
    return and(this.filled(id, test), this.visible(id));
  }

  private equalsTest(field: ChecklistField, value: ConditionValue): JSONSchema {
    return field.type === 'multichoice' ? { type: 'array', contains: { const: String(value) } } : { const: value };
  }

  private same(a: string, b: string, op: string): JSONSchema {
    const left = finiteDomain(this.field(a));
    const right = finiteDomain(this.field(b));
    if (!left || !right) throw new Unexpressible(`“${op}” compares ${a} with ${b}, whose values cannot be listed`);
    const common = left.filter((value) => right.includes(value));
    if (common.length === 0) return false;
    return { anyOf: common.map((value) => ({ properties: { [a]: { const: value }, [b]: { const: value } } })) };
  }

  condition(condition: Condition): JSONSchema {
    if ('all' in condition) return and(...condition.all.map((part) => this.condition(part)));
    if ('any' in condition) {
      const parts = condition.any.map((part) => this.condition(part));
      if (parts.includes(true)) return true;
      const kept = parts.filter((part) => part !== false);
      return kept.length === 0 ? false : kept.length === 1 ? kept[0]! : { anyOf: kept };
    }
    if ('not' in condition) {
      const inner = this.condition(condition.not);
      return inner === true ? false : inner === false ? true : { not: inner };
    }
    const field = this.field(condition.field);
    switch (condition.op) {
      case 'exists':
        return this.answered(field.id);
      case 'notExists': {
        const answered = this.answered(field.id);
        return answered === false ? true : { not: answered };
      }
      case 'equals':
        return this.answered(field.id, this.equalsTest(field, condition.value));
      case 'notEquals':
        return this.answered(field.id, { not: this.equalsTest(field, condition.value) });
      case 'oneOf':
        return this.answered(field.id, { anyOf: condition.values.map((value) => this.equalsTest(field, value)) });
      case 'noneOf':
        return this.answered(field.id, { not: { anyOf: condition.values.map((value) => this.equalsTest(field, value)) } });
      case 'between':
        return this.answered(field.id, { type: 'number', minimum: condition.min, maximum: condition.max });
      case 'sameAs':
      case 'differentFrom': {
        const same = this.same(field.id, condition.otherField, condition.op);
        const differs = same === false ? true : same === true ? false : { not: same };
        return and(this.answered(field.id), this.answered(condition.otherField), condition.op === 'sameAs' ? same : differs);
      }
      case 'before':
      case 'after':
        throw new Unexpressible(
          `“${condition.op}” orders ${field.id} against ${condition.otherField}; JSON Schema cannot compare two values`,
        );
    }
  }
}

/**
 * A JSON Schema describing a record of this checklist. It types every answer
 * and encodes the required rules as `if`/`then` pairs (one `allOf` entry per
 * rule, tagged with `x-chartguard-rule`), so a record is valid exactly when
 * `evaluate` finds no required issue, except for what JSON Schema cannot say:
 * time order between two fields (`before`/`after`), equality between two
 * open-ended answers (`sameAs`/`differentFrom` on text, dates or numbers) and
 * the deadline, which depends on the clock. Those parts are listed under
 * `x-chartguard-unexpressed`. Advisory rules and attention flags never make a
 * record invalid, so they are not encoded.
 *
 * Unanswered questions are left out of the record (empty text and empty lists
 * also count as unanswered). Unlike `evaluate`, the schema types every
 * property, including answers to hidden questions, which `evaluate` ignores.
 */
export function toJSONSchema(checklist: Checklist, options: RecordSchemaOptions = {}): Record<string, unknown> {
  const locale = readLocale(options.locale);
  const encoder = new ConditionEncoder(checklist);
  const unexpressed: UnexpressedRule[] = [];
  const entries: Record<string, unknown>[] = [];

  // The rules as `evaluate` runs them, including what a deadline asks besides timeliness.
  const rules = compileChecklist(checklist).rules;
  for (const rule of rules) {
    if (rule.severity !== 'required') continue;
    const skip = (part: UnexpressedRule['part'], error: unknown, field?: string) => {
      if (!(error instanceof Unexpressible)) throw error;
      unexpressed.push({ rule: rule.id, part, ...(field && { field }), reason: error.message });
    };
    let when: JSONSchema = true;
    if (rule.when) {
      try {
        when = encoder.condition(rule.when);
      } catch (error) {
        skip('when', error);
        continue;
      }
    }
    const parts: JSONSchema[] = [];
    for (const id of rule.requires ?? []) {
      try {
        const shown = encoder.visible(id);
        parts.push(shown === true ? encoder.filled(id) : shown === false ? true : { if: shown, then: encoder.filled(id) });
      } catch (error) {
        skip('requires', error, id);
      }
    }
    if (rule.expect) {
      try {
        const judged = and(...comparedFields(rule.expect).map((id) => encoder.answered(id)));
        const expected = encoder.condition(rule.expect);
        parts.push(judged === true ? expected : judged === false ? true : { if: judged, then: expected });
      } catch (error) {
        skip('expect', error);
      }
    }
    const body = and(...parts);
    if (body === true || when === false) continue;
    const annotation = { 'x-chartguard-rule': rule.id, $comment: localize(rule.summary, locale) };
    if (when === true) entries.push({ ...annotation, ...(typeof body === 'boolean' ? { not: {} } : body) });
    else entries.push({ ...annotation, if: when, then: body });
  }

  const advisory = rules.filter((rule) => rule.severity !== 'required' || rule.suggests?.length).map((rule) => rule.id);
  const notChecked = [
    checklist.deadline && `the ${checklist.deadline.rule} deadline (it depends on the clock)`,
    advisory.length && `advisory rules and suggestions (${advisory.join(', ')}), which never make a record invalid`,
  ].filter(Boolean);
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: `urn:chartguard:checklist:${checklist.id}:${checklist.version}:record`,
    title: localize(checklist.title, locale),
    ...(checklist.description && { description: localize(checklist.description, locale) }),
    $comment: `A record of checklist ${checklist.id} v${checklist.version}: answers keyed by field id.${notChecked.length ? ` Not checked here: ${notChecked.join('; ')}.` : ''}`,
    'x-chartguard-checklist': { id: checklist.id, version: checklist.version },
    type: 'object',
    properties: Object.fromEntries(allFields(checklist).map((field) => [field.id, propertySchema(field, locale)])),
    ...(entries.length && { allOf: entries }),
    ...(unexpressed.length && { 'x-chartguard-unexpressed': unexpressed }),
  };
}

function metaSchema(schema: z.ZodType, id: string, title: string): Record<string, unknown> {
  // The condition type is recursive; naming it gives the `$defs` entry a readable key.
  const registry = z.registry<{ id?: string; title?: string }>();
  registry.add(conditionSchema, { id: 'condition', title: 'Condition' });
  // `input`: defaults (e.g. an adapter page's `fields`) make properties optional for authors.
  const generated = z.toJSONSchema(schema, { io: 'input', metadata: registry, cycles: 'ref', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  const { $schema, ...rest } = generated;
  return { $schema: $schema ?? JSON_SCHEMA_DIALECT, $id: id, title, ...rest };
}

/**
 * The checklist format as JSON Schema, for editors and CI. Cross-references
 * (unknown field ids, duplicate ids, unused fields) need `parseChecklist`.
 */
export function checklistJSONSchema(): Record<string, unknown> {
  return metaSchema(checklistSchema, 'urn:chartguard:schema:checklist:1', 'Chartguard checklist (chartguard-checklist/1)');
}

/** The portal adapter format as JSON Schema; cross-checks need `parseAdapter`. */
export function adapterJSONSchema(): Record<string, unknown> {
  return metaSchema(
    adapterSchema,
    'urn:chartguard:schema:adapter:2',
    'Chartguard portal adapter (chartguard-adapter/2, or /1 read through its upgrade)',
  );
}
