// FHIR R4 exports: a checklist as a Questionnaire and a record as a
// QuestionnaireResponse, so an EHR or a forms engine can take the checklist
// and the records without knowing the SDK.
import { readLocale, type LocaleTag } from './inputs.js';
import { ATTENDANCE_CODES, ATTENDANCE_LABELS } from './attendance.js';
import { compileChecklist } from './compile.js';
import { comparedFields } from './conditions.js';
import { evaluate, type EvaluateOptions } from './evaluate.js';
import type { Checklist, ChecklistField, Condition, ConditionValue } from './model.js';
import { allFields, conditionFields } from './model-utils.js';
import { parseLocalDateTime, type Answer } from './record.js';
import { localize, type Locale } from './text.js';

/** Code system of rule ids, used in `item.code` and in constraint keys. */
export const FHIR_RULE_SYSTEM = 'urn:chartguard:rule';
/** Code system of the shared attendance codes. */
export const FHIR_ATTENDANCE_SYSTEM = 'urn:chartguard:attendance';
export const FHIR_ENABLE_WHEN_EXPRESSION = 'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression';
export const FHIR_CONSTRAINT = 'http://hl7.org/fhir/StructureDefinition/questionnaire-constraint';
const ITEM_CONTROL = 'http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl';
const MIN_VALUE = 'http://hl7.org/fhir/StructureDefinition/minValue';
const MAX_VALUE = 'http://hl7.org/fhir/StructureDefinition/maxValue';

export interface FhirCoding {
  system?: string;
  code?: string;
  display?: string;
}
export interface FhirExtension {
  url: string;
  [value: string]: unknown;
}
export interface FhirEnableWhen {
  question: string;
  operator: 'exists' | '=' | '!=' | '>' | '<' | '>=' | '<=';
  answerBoolean?: boolean;
  answerDecimal?: number;
  answerDate?: string;
  answerDateTime?: string;
  answerString?: string;
  answerCoding?: FhirCoding;
}
export interface FhirQuestionnaireItem {
  linkId: string;
  text?: string;
  type: 'group' | 'display' | 'boolean' | 'decimal' | 'date' | 'dateTime' | 'string' | 'text' | 'choice';
  code?: FhirCoding[];
  required?: boolean;
  repeats?: boolean;
  readOnly?: boolean;
  enableWhen?: FhirEnableWhen[];
  enableBehavior?: 'all' | 'any';
  answerOption?: { valueCoding: FhirCoding }[];
  extension?: FhirExtension[];
  item?: FhirQuestionnaireItem[];
}
export interface FhirQuestionnaire {
  resourceType: 'Questionnaire';
  id: string;
  url: string;
  version: string;
  name: string;
  title: string;
  status: 'active';
  language: string;
  description?: string;
  purpose?: string;
  extension?: FhirExtension[];
  item: FhirQuestionnaireItem[];
}
export interface FhirAnswer {
  valueString?: string;
  valueBoolean?: boolean;
  valueDecimal?: number;
  valueDate?: string;
  valueDateTime?: string;
  valueCoding?: FhirCoding;
}
export interface FhirResponseItem {
  linkId: string;
  text?: string;
  answer?: FhirAnswer[];
  item?: FhirResponseItem[];
}
export interface FhirQuestionnaireResponse {
  resourceType: 'QuestionnaireResponse';
  id?: string;
  questionnaire: string;
  status: 'completed' | 'in-progress';
  authored?: string;
  language?: string;
  item: FhirResponseItem[];
}

export interface FhirOptions {
  locale?: LocaleTag;
}

export const questionnaireUrl = (checklist: Checklist) => `urn:chartguard:checklist:${checklist.id}`;
/** Group items are named after sections; the prefix keeps them apart from field ids, which have no hyphen. */
export const sectionLinkId = (sectionId: string) => `section-${sectionId}`;
const optionSystem = (checklist: Checklist, field: ChecklistField) =>
  field.type === 'attendance' ? FHIR_ATTENDANCE_SYSTEM : `${questionnaireUrl(checklist)}:${field.id}`;

const pad = (n: number) => String(Math.floor(n)).padStart(2, '0');

/**
 * Portal datetimes are local wall-clock times without seconds; FHIR wants
 * seconds and, once hours are given, a zone. The offset is the one the local
 * time had on that day in this process's time zone (the zone `evaluate` uses).
 */
export function toFhirDateTime(local: string): string | undefined {
  const date = parseLocalDateTime(local);
  if (!date || !/T/.test(local)) return undefined;
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  return `${local}:00${sign}${pad(Math.abs(offset) / 60)}:${pad(Math.abs(offset) % 60)}`;
}

function coding(checklist: Checklist, field: ChecklistField, value: string, locale: Locale): FhirCoding {
  const label =
    field.type === 'attendance'
      ? ATTENDANCE_LABELS[value as keyof typeof ATTENDANCE_LABELS]
      : field.options?.find((option) => option.value === value)?.label;
  return { system: optionSystem(checklist, field), code: value, ...(label && { display: localize(label, locale) }) };
}

const isCoded = (field: ChecklistField) => field.type === 'choice' || field.type === 'multichoice' || field.type === 'attendance';

/** FHIRPath over the QuestionnaireResponse; disabled items carry no answers there, as hidden fields count for nothing in the SDK. */
class FhirPath {
  constructor(private readonly fields: Map<string, ChecklistField>) {}

  static literal(value: ConditionValue): string {
    return typeof value === 'string' ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : String(value);
  }

  answer(id: string): string {
    return `%resource.repeat(item).where(linkId = ${FhirPath.literal(id)}).answer.value`;
  }

  private valueTest(field: ChecklistField, value: ConditionValue): string {
    if (isCoded(field)) return `code = ${FhirPath.literal(String(value))}`;
    if (field.type === 'date' && typeof value === 'string') return `$this = @${value}`;
    if (field.type === 'datetime' && typeof value === 'string') return `$this.toString().substring(0, 16) = ${FhirPath.literal(value)}`;
    return `$this = ${FhirPath.literal(value)}`;
  }

  private matches(field: ChecklistField, values: ConditionValue[]): string {
    return `${this.answer(field.id)}.where(${values.map((value) => this.valueTest(field, value)).join(' or ')}).exists()`;
  }

  private comparable(field: ChecklistField): string {
    return isCoded(field) ? `${this.answer(field.id)}.code` : this.answer(field.id);
  }

  condition(condition: Condition): string {
    if ('all' in condition) return condition.all.map((part) => `(${this.condition(part)})`).join(' and ');
    if ('any' in condition) return condition.any.map((part) => `(${this.condition(part)})`).join(' or ');
    if ('not' in condition) return `(${this.condition(condition.not)}).not()`;
    const field = this.fields.get(condition.field)!;
    const exists = `${this.answer(field.id)}.exists()`;
    switch (condition.op) {
      case 'exists':
        return exists;
      case 'notExists':
        return `${this.answer(field.id)}.empty()`;
      case 'equals':
        return this.matches(field, [condition.value]);
      case 'notEquals':
        return `${exists} and ${this.matches(field, [condition.value])}.not()`;
      case 'oneOf':
        return this.matches(field, condition.values);
      case 'noneOf':
        return `${exists} and ${this.matches(field, condition.values)}.not()`;
      case 'between':
        return `${this.answer(field.id)}.where($this >= ${condition.min} and $this <= ${condition.max}).exists()`;
      default: {
        const other = this.fields.get(condition.otherField)!;
        const a = this.comparable(field);
        const b = this.comparable(other);
        const both = `${exists} and ${this.answer(other.id)}.exists()`;
        const same = field.type === 'multichoice' || other.type === 'multichoice' ? `(${a}).subsetOf(${b}) and (${b}).subsetOf(${a})` : `${a} = ${b}`;
        if (condition.op === 'sameAs') return `${both} and ${same}`;
        if (condition.op === 'differentFrom') return `${both} and (${same}).not()`;
        return `${both} and ${a} ${condition.op === 'before' ? '<' : '>'} ${b}`;
      }
    }
  }
}

interface NativeEnableWhen {
  items: FhirEnableWhen[];
  /** How the items combine; `one` when there is a single item. */
  behavior: 'one' | 'all' | 'any';
}

/**
 * FHIR's own `enableWhen` says "this answer compares so to a constant", all
 * or any of them. Conditions beyond that (comparing two answers, nesting,
 * negation) go to an SDC `enableWhenExpression` in FHIRPath instead.
 */
function nativeEnableWhen(checklist: Checklist, fields: Map<string, ChecklistField>, condition: Condition, locale: Locale): NativeEnableWhen | undefined {
  const simple = (c: Condition): NativeEnableWhen | undefined => {
    if (!('op' in c)) return undefined;
    const field = fields.get(c.field)!;
    const answer = (value: ConditionValue): Partial<FhirEnableWhen> | undefined => {
      if (isCoded(field)) return typeof value === 'string' ? { answerCoding: coding(checklist, field, value, locale) } : undefined;
      if (field.type === 'boolean') return typeof value === 'boolean' ? { answerBoolean: value } : undefined;
      if (field.type === 'number') return typeof value === 'number' ? { answerDecimal: value } : undefined;
      if (field.type === 'date') return typeof value === 'string' && parseLocalDateTime(value) ? { answerDate: value } : undefined;
      if (field.type === 'datetime') {
        const dateTime = typeof value === 'string' ? toFhirDateTime(value) : undefined;
        return dateTime ? { answerDateTime: dateTime } : undefined;
      }
      return typeof value === 'string' ? { answerString: value } : undefined;
    };
    const items = (operator: FhirEnableWhen['operator'], values: ConditionValue[]) => {
      const answers = values.map(answer);
      if (answers.some((a) => a === undefined)) return undefined;
      return answers.map((a) => ({ question: field.id, operator, ...a }) as FhirEnableWhen);
    };
    // FHIR's `!=` holds when some answer differs, which for a repeating answer is not "none equals".
    const scalar = field.type !== 'multichoice';
    let list: FhirEnableWhen[] | undefined;
    let behavior: NativeEnableWhen['behavior'] = 'one';
    switch (c.op) {
      case 'exists':
      case 'notExists':
        list = [{ question: field.id, operator: 'exists', answerBoolean: c.op === 'exists' }];
        break;
      case 'equals':
        list = items('=', [c.value]);
        break;
      case 'notEquals':
        list = scalar ? items('!=', [c.value]) : undefined;
        break;
      case 'oneOf':
        list = items('=', c.values);
        behavior = 'any';
        break;
      case 'noneOf':
        list = scalar ? items('!=', c.values) : undefined;
        behavior = 'all';
        break;
      case 'between':
        list = field.type === 'number' ? [
          { question: field.id, operator: '>=', answerDecimal: c.min },
          { question: field.id, operator: '<=', answerDecimal: c.max },
        ] : undefined;
        behavior = 'all';
        break;
      default:
        return undefined;
    }
    if (!list) return undefined;
    return { items: list, behavior: list.length === 1 ? 'one' : behavior };
  };
  const combine = (parts: Condition[], behavior: 'all' | 'any'): NativeEnableWhen | undefined => {
    const translated = parts.map(simple);
    if (translated.some((part) => !part || (part.behavior !== 'one' && part.behavior !== behavior))) return undefined;
    const items = translated.flatMap((part) => part!.items);
    return { items, behavior: items.length === 1 ? 'one' : behavior };
  };
  if ('all' in condition) return combine(condition.all, 'all');
  if ('any' in condition) return combine(condition.any, 'any');
  return simple(condition);
}

function fieldType(field: ChecklistField): FhirQuestionnaireItem['type'] {
  switch (field.type) {
    case 'text':
      return 'string';
    case 'longtext':
      return 'text';
    case 'number':
      return 'decimal';
    case 'datetime':
      return 'dateTime';
    case 'choice':
    case 'multichoice':
    case 'attendance':
      return 'choice';
    default:
      return field.type;
  }
}

/** Rules that speak about a field, in checklist order, for `item.code`. */
function rulesOf(checklist: Checklist, field: ChecklistField, locale: Locale): FhirCoding[] {
  const codes = new Map<string, string>();
  for (const rule of compileChecklist(checklist).rules) {
    const named = [
      ...(rule.requires ?? []),
      ...(rule.suggests ?? []),
      ...(rule.expect ? conditionFields(rule.expect) : []),
      ...(rule.expectField ? [rule.expectField] : []),
      ...(rule.when ? conditionFields(rule.when) : []),
    ];
    if (named.includes(field.id) && !codes.has(rule.id)) codes.set(rule.id, localize(rule.summary, locale));
  }
  const deadline = checklist.deadline;
  if (deadline && (deadline.from.includes(field.id) || deadline.recordedAt === field.id) && !codes.has(deadline.rule)) {
    codes.set(deadline.rule, localize(deadline.summary, locale));
  }
  for (const attention of checklist.attention ?? []) {
    if (conditionFields(attention.when).includes(field.id) && !codes.has(attention.rule)) codes.set(attention.rule, localize(attention.summary, locale));
  }
  return [...codes].map(([code, display]) => ({ system: FHIR_RULE_SYSTEM, code, display }));
}

/**
 * Each rule as an R4 `questionnaire-constraint` over the response, so a
 * forms engine that runs FHIRPath enforces the same policy. The deadline's
 * timeliness is left out: it depends on the clock, not on the answers.
 */
function constraints(checklist: Checklist, path: FhirPath, locale: Locale): FhirExtension[] {
  const fields = new Map(allFields(checklist).map((field) => [field.id, field]));
  const enabled = (id: string) => {
    const enableWhen = fields.get(id)!.enableWhen;
    return enableWhen ? path.condition(enableWhen) : undefined;
  };
  const answered = (id: string) => {
    const shown = enabled(id);
    return shown ? `(${shown}) implies ${path.answer(id)}.exists()` : `${path.answer(id)}.exists()`;
  };
  const constraint = (key: string, severity: 'error' | 'warning', parts: string[], when: Condition | undefined, human: string): FhirExtension => {
    const body = parts.map((part) => `(${part})`).join(' and ');
    return {
      url: FHIR_CONSTRAINT,
      extension: [
        { url: 'key', valueId: key },
        { url: 'severity', valueCode: severity },
        { url: 'expression', valueString: when ? `(${path.condition(when)}) implies (${body})` : body },
        { url: 'human', valueString: human },
      ],
    };
  };
  return compileChecklist(checklist).rules.flatMap((rule) => {
    const parts = (rule.requires ?? []).map(answered);
    if (rule.expect) {
      const judged = comparedFields(rule.expect).map((id) => `${path.answer(id)}.exists()`);
      const expected = path.condition(rule.expect);
      parts.push(judged.length ? `(${judged.join(' and ')}) implies (${expected})` : expected);
    }
    const human = `${rule.id}: ${localize(rule.message ?? rule.summary, locale)}`;
    const out: FhirExtension[] = [];
    if (parts.length) out.push(constraint(rule.id, rule.severity === 'required' ? 'error' : 'warning', parts, rule.when, human));
    // Suggested answers are advisory even under a required rule, so they get a constraint of their own.
    if (rule.suggests?.length) out.push(constraint(`${rule.id}.suggested`, 'warning', rule.suggests.map(answered), rule.when, human));
    return out;
  });
}

/** A FHIR R4 Questionnaire for the checklist: one group per section, one question per field. */
export function toQuestionnaire(checklist: Checklist, options: FhirOptions = {}): FhirQuestionnaire {
  const locale = readLocale(options.locale);
  const fields = new Map(allFields(checklist).map((field) => [field.id, field]));
  const path = new FhirPath(fields);
  const requiredAlways = new Set(compileChecklist(checklist).rules.filter((rule) => rule.severity === 'required' && !rule.when).flatMap((rule) => rule.requires ?? []));

  const question = (field: ChecklistField): FhirQuestionnaireItem => {
    const item: FhirQuestionnaireItem = { linkId: field.id, text: localize(field.label, locale), type: fieldType(field) };
    const codes = rulesOf(checklist, field, locale);
    if (codes.length) item.code = codes;
    // `required` in FHIR applies while the item is enabled, which is how the SDK reads `requires` too.
    if (requiredAlways.has(field.id)) item.required = true;
    if (field.type === 'multichoice') item.repeats = true;
    if (field.readOnly) item.readOnly = true;
    if (field.enableWhen) {
      const native = nativeEnableWhen(checklist, fields, field.enableWhen, locale);
      if (native) {
        item.enableWhen = native.items;
        if (native.behavior !== 'one') item.enableBehavior = native.behavior;
      } else {
        item.extension = [{ url: FHIR_ENABLE_WHEN_EXPRESSION, valueExpression: { language: 'text/fhirpath', expression: path.condition(field.enableWhen) } }];
      }
    }
    if (field.type === 'choice' || field.type === 'multichoice') {
      item.answerOption = field.options!.map((option) => ({ valueCoding: coding(checklist, field, option.value, locale) }));
    }
    if (field.type === 'attendance') item.answerOption = ATTENDANCE_CODES.map((code) => ({ valueCoding: coding(checklist, field, code, locale) }));
    if (field.type === 'number') {
      const bounds = [
        ...(field.min !== undefined ? [{ url: MIN_VALUE, valueDecimal: field.min }] : []),
        ...(field.max !== undefined ? [{ url: MAX_VALUE, valueDecimal: field.max }] : []),
      ];
      if (bounds.length) item.extension = [...(item.extension ?? []), ...bounds];
    }
    if (field.help) {
      item.item = [
        {
          linkId: `${field.id}-help`,
          type: 'display',
          text: localize(field.help, locale),
          extension: [
            {
              url: ITEM_CONTROL,
              valueCodeableConcept: { coding: [{ system: 'http://hl7.org/fhir/questionnaire-item-control', code: 'help', display: 'Help-Button' }] },
            },
          ],
        },
      ];
    }
    return item;
  };

  const name = `Chartguard${checklist.id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase())}`;
  return {
    resourceType: 'Questionnaire',
    id: checklist.id,
    url: questionnaireUrl(checklist),
    version: String(checklist.version),
    name,
    title: localize(checklist.title, locale),
    status: 'active',
    language: locale,
    ...(checklist.description && { description: localize(checklist.description, locale) }),
    purpose: `${checklist.policy.title} (${checklist.policy.source})`,
    extension: constraints(checklist, path, locale),
    item: checklist.sections.map((section) => ({
      linkId: sectionLinkId(section.id),
      text: localize(section.title, locale),
      type: 'group',
      item: section.fields.map(question),
    })),
  };
}

export interface QuestionnaireResponseOptions extends EvaluateOptions {
  /** Resource id, e.g. the portal's record id (FHIR ids: letters, digits, `-` and `.`, up to 64). */
  id?: string;
}

function answers(checklist: Checklist, field: ChecklistField, value: Answer, locale: Locale): FhirAnswer[] {
  switch (field.type) {
    case 'boolean':
      return [{ valueBoolean: value as boolean }];
    case 'number':
      return [{ valueDecimal: value as number }];
    case 'date':
      return [{ valueDate: value as string }];
    case 'datetime': {
      const dateTime = toFhirDateTime(value as string);
      return dateTime ? [{ valueDateTime: dateTime }] : [];
    }
    case 'choice':
    case 'attendance':
      return [{ valueCoding: coding(checklist, field, value as string, locale) }];
    case 'multichoice':
      return (value as string[]).map((item) => ({ valueCoding: coding(checklist, field, item, locale) }));
    default:
      return [{ valueString: String(value) }];
  }
}

/**
 * A record as a FHIR R4 QuestionnaireResponse to `toQuestionnaire`'s
 * Questionnaire: `completed` when `evaluate` finds no required issue, else
 * `in-progress`. Only answers that count are included: answers to hidden
 * questions and invalid answers are left out, as FHIR expects for disabled
 * items. `authored` is the checklist's "recorded at" answer, when there is one.
 */
export function toQuestionnaireResponse(checklist: Checklist, record: Record<string, unknown>, options: QuestionnaireResponseOptions = {}): FhirQuestionnaireResponse {
  const locale = readLocale(options.locale);
  const evaluation = evaluate(checklist, record, options);
  const counted = evaluation.answers;
  const recordedAt = checklist.deadline?.recordedAt ? counted[checklist.deadline.recordedAt] : undefined;
  const authored = typeof recordedAt === 'string' ? toFhirDateTime(recordedAt) : undefined;
  const item: FhirResponseItem[] = [];
  for (const section of checklist.sections) {
    const children: FhirResponseItem[] = [];
    for (const field of section.fields) {
      const value = counted[field.id];
      if (value === undefined) continue;
      const answer = answers(checklist, field, value, locale);
      if (answer.length) children.push({ linkId: field.id, text: localize(field.label, locale), answer });
    }
    if (children.length) item.push({ linkId: sectionLinkId(section.id), text: localize(section.title, locale), item: children });
  }
  return {
    resourceType: 'QuestionnaireResponse',
    ...(options.id && { id: options.id }),
    questionnaire: `${questionnaireUrl(checklist)}|${checklist.version}`,
    status: evaluation.status === 'complete' ? 'completed' : 'in-progress',
    ...(authored && { authored }),
    language: locale,
    item,
  };
}
