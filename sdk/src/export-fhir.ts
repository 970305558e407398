// FHIR R4 exports: a checklist as a Questionnaire and a record as a
// QuestionnaireResponse, so an EHR or a forms engine can take the checklist
// and the records without knowing the SDK.
import { readLocale, type LocaleTag } from './inputs.js';
import { ATTENDANCE_CODES, ATTENDANCE_LABELS } from './attendance.js';
import { compileChecklist } from './rules.js';
import { comparedFields } from './conditions.js';
import { evaluate, type EvaluateOptions } from './evaluate.js';
import type { Checklist, ChecklistField, Condition, ConditionValue } from './model.js';
import { allFields, conditionFields } from './model-utils.js';
import { checkTimeZone, toFhirDateTime } from './fhir-time.js';
import { parseLocalDateTime, type Answer } from './record.js';
import { DEFAULT_LOCALE, LOCALES, localize, type Locale, type LocalizedText } from './text.js';

export { toFhirDateTime } from './fhir-time.js';

/** Where Chartguard's FHIR definitions live unless an organisation publishes them under its own base (`canonicalBase`). */
export const FHIR_CANONICAL_BASE = 'http://chartguard.org/fhir';
export const FHIR_ENABLE_WHEN_EXPRESSION = 'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression';
/** SDC's constraint on the response a Questionnaire produces (FHIR Extensions Pack, `targetConstraint`). */
export const FHIR_TARGET_CONSTRAINT = 'http://hl7.org/fhir/StructureDefinition/targetConstraint';
export const FHIR_TRANSLATION = 'http://hl7.org/fhir/StructureDefinition/translation';
const ITEM_CONTROL = 'http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl';
const ITEM_CONTROL_SYSTEM = 'http://hl7.org/fhir/questionnaire-item-control';
const MIN_VALUE = 'http://hl7.org/fhir/StructureDefinition/minValue';
const MAX_VALUE = 'http://hl7.org/fhir/StructureDefinition/maxValue';
/** A multi-choice question with this many options or fewer is shown as check boxes. */
const CHECK_BOX_LIMIT = 6;

/** The canonical URLs of one export, all under one base. */
export interface FhirCanonicals {
  base: string;
  /** Code system of every rule id, and the extension that names a rule on an item. */
  rules: string;
  ruleExtension: string;
  /** Code system and value set of the shared attendance codes. */
  attendance: string;
  attendanceValueSet: string;
  questionnaire(checklist: Checklist, locale?: Locale): string;
  /** Code system of one choice field's options, and the value set of all of them. */
  options(checklist: Checklist, field: ChecklistField): string;
  optionsValueSet(checklist: Checklist, field: ChecklistField): string;
}

export function fhirCanonicals(base: string = FHIR_CANONICAL_BASE): FhirCanonicals {
  if (!/^(https?:\/\/|urn:)\S+[^/]$/.test(base))
    throw new TypeError(`canonicalBase: “${base}” must be an absolute http(s) or urn URI without a trailing slash.`);
  return {
    base,
    rules: `${base}/CodeSystem/rules`,
    ruleExtension: `${base}/StructureDefinition/rule`,
    attendance: `${base}/CodeSystem/attendance`,
    attendanceValueSet: `${base}/ValueSet/attendance`,
    questionnaire: (checklist, locale = DEFAULT_LOCALE) => `${base}/Questionnaire/${questionnaireId(checklist, locale)}`,
    options: (checklist, field) =>
      field.type === 'attendance' ? `${base}/CodeSystem/attendance` : `${base}/CodeSystem/${checklist.id}-${field.id}`,
    optionsValueSet: (checklist, field) =>
      field.type === 'attendance' ? `${base}/ValueSet/attendance` : `${base}/ValueSet/${checklist.id}-${field.id}`,
  };
}

const defaults = fhirCanonicals();
/** Code system of rule ids (the default base). */
export const FHIR_RULE_SYSTEM = defaults.rules;
/** Code system of the shared attendance codes (the default base). */
export const FHIR_ATTENDANCE_SYSTEM = defaults.attendance;

/**
 * The English export is the checklist's Questionnaire; an export whose first
 * language is another has its own id and url, so two texts never share one
 * canonical. Each carries the other languages as translations.
 */
export const questionnaireId = (checklist: Checklist, locale: Locale = DEFAULT_LOCALE) =>
  locale === DEFAULT_LOCALE ? checklist.id : `${checklist.id}-${locale}`;
export const questionnaireUrl = (checklist: Checklist, locale: Locale = DEFAULT_LOCALE, base?: string) =>
  fhirCanonicals(base).questionnaire(checklist, locale);

export interface FhirCoding {
  system?: string;
  code?: string;
  display?: string;
  _display?: FhirElement;
}
export interface FhirExtension {
  url: string;
  [value: string]: unknown;
}
/** The extensions of a primitive value (`_text`, `_title`, `_display`): here, its translations. */
export interface FhirElement {
  extension: FhirExtension[];
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
  _text?: FhirElement;
  type: 'group' | 'display' | 'boolean' | 'decimal' | 'date' | 'dateTime' | 'string' | 'text' | 'choice';
  required?: boolean;
  repeats?: boolean;
  enableWhen?: FhirEnableWhen[];
  enableBehavior?: 'all' | 'any';
  answerOption?: { valueCoding: FhirCoding }[];
  initial?: FhirAnswer[];
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
  _title?: FhirElement;
  status: 'active';
  language: string;
  description?: string;
  _description?: FhirElement;
  purpose?: string;
  extension?: FhirExtension[];
  item: FhirQuestionnaireItem[];
}
export interface FhirAnswer {
  valueString?: string;
  valueBoolean?: boolean;
  valueDecimal?: number;
  valueInteger?: number;
  valueDate?: string;
  valueDateTime?: string;
  valueCoding?: FhirCoding;
}
export interface FhirResponseItem {
  linkId: string;
  text?: string;
  answer?: (FhirAnswer & { item?: FhirResponseItem[] })[];
  item?: FhirResponseItem[];
}
export interface FhirQuestionnaireResponse {
  resourceType: 'QuestionnaireResponse';
  id?: string;
  questionnaire: string;
  status: 'completed' | 'in-progress' | 'amended' | 'entered-in-error' | 'stopped';
  authored?: string;
  language?: string;
  item?: FhirResponseItem[];
}

export interface FhirOptions {
  locale?: LocaleTag;
  /** Base of every canonical URL the export writes (default `http://chartguard.org/fhir`). */
  canonicalBase?: string;
  /** IANA zone for the datetimes written (default: this process's zone). */
  timeZone?: string;
  /**
   * Answers the portal already holds (e.g. the session time), written as each
   * question's `initial` value. The questions stay editable.
   */
  known?: Record<string, unknown>;
}

/** Group items are named after sections; the prefix keeps them apart from field ids, which have no hyphen. */
export const sectionLinkId = (sectionId: string) => `section-${sectionId}`;

/** A primitive's translations into the languages other than `locale`, where they differ. */
function translations(text: LocalizedText, locale: Locale): FhirElement | undefined {
  const extension = LOCALES.filter((other) => other !== locale && text[other] && text[other] !== text[locale]).map((other) => ({
    url: FHIR_TRANSLATION,
    extension: [
      { url: 'lang', valueCode: other },
      { url: 'content', valueString: text[other] },
    ],
  }));
  return extension.length ? { extension } : undefined;
}

function optionLabel(field: ChecklistField, value: string): LocalizedText | undefined {
  return field.type === 'attendance'
    ? ATTENDANCE_LABELS[value as keyof typeof ATTENDANCE_LABELS]
    : field.options?.find((option) => option.value === value)?.label;
}

function coding(
  canonicals: FhirCanonicals,
  checklist: Checklist,
  field: ChecklistField,
  value: string,
  locale: Locale,
  translate = false,
): FhirCoding {
  const label = optionLabel(field, value);
  const translated = label && translate ? translations(label, locale) : undefined;
  return {
    system: canonicals.options(checklist, field),
    code: value,
    ...(label && { display: localize(label, locale) }),
    ...(translated && { _display: translated }),
  };
}

const isCoded = (field: ChecklistField) => field.type === 'choice' || field.type === 'multichoice' || field.type === 'attendance';

/**
 * FHIRPath over the QuestionnaireResponse (`%resource`). Each answer is
 * reached by its section's group and its own linkId, a path every engine
 * walks (no `repeat()`). Disabled items carry no answers, as hidden fields
 * count for nothing in the SDK.
 */
class FhirPath {
  constructor(
    private readonly fields: Map<string, ChecklistField>,
    private readonly sectionOf: Map<string, string>,
    private readonly timeZone: string | undefined,
  ) {}

  static literal(value: ConditionValue): string {
    return typeof value === 'string' ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : String(value);
  }

  item(id: string): string {
    return `%resource.item.where(linkId = ${FhirPath.literal(sectionLinkId(this.sectionOf.get(id)!))}).item.where(linkId = ${FhirPath.literal(id)})`;
  }

  /**
   * Where a rule's message belongs, for `targetConstraint.location`: a path
   * without a resource name, so it finds the question in the Questionnaire
   * (where Smart Forms looks) and its answer in the response alike.
   */
  location(id: string): string {
    return this.item(id).replace('%resource.', '');
  }

  answer(id: string): string {
    return `${this.item(id)}.answer.value`;
  }

  private valueTest(field: ChecklistField, value: ConditionValue): string {
    if (isCoded(field)) return `code = ${FhirPath.literal(String(value))}`;
    if (field.type === 'date' && typeof value === 'string') return `$this = @${value}`;
    if (field.type === 'datetime' && typeof value === 'string') {
      const dateTime = toFhirDateTime(value, this.timeZone);
      if (dateTime) return `$this = @${dateTime}`;
    }
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
        const same =
          field.type === 'multichoice' || other.type === 'multichoice' ? `(${a}).subsetOf(${b}) and (${b}).subsetOf(${a})` : `${a} = ${b}`;
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
function nativeEnableWhen(
  canonicals: FhirCanonicals,
  checklist: Checklist,
  fields: Map<string, ChecklistField>,
  condition: Condition,
  locale: Locale,
  timeZone: string | undefined,
): NativeEnableWhen | undefined {
  const simple = (c: Condition): NativeEnableWhen | undefined => {
    if (!('op' in c)) return undefined;
    const field = fields.get(c.field)!;
    const answer = (value: ConditionValue): Partial<FhirEnableWhen> | undefined => {
      if (isCoded(field))
        return typeof value === 'string' ? { answerCoding: coding(canonicals, checklist, field, value, locale) } : undefined;
      if (field.type === 'boolean') return typeof value === 'boolean' ? { answerBoolean: value } : undefined;
      if (field.type === 'number') return typeof value === 'number' ? { answerDecimal: value } : undefined;
      if (field.type === 'date') return typeof value === 'string' && parseLocalDateTime(value) ? { answerDate: value } : undefined;
      if (field.type === 'datetime') {
        const dateTime = typeof value === 'string' ? toFhirDateTime(value, timeZone) : undefined;
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
        list =
          field.type === 'number'
            ? [
                { question: field.id, operator: '>=', answerDecimal: c.min },
                { question: field.id, operator: '<=', answerDecimal: c.max },
              ]
            : undefined;
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

/** Rules that speak about a field, in checklist order, with their summaries. */
export function rulesOfField(checklist: Checklist, field: ChecklistField, locale: Locale): { id: string; summary: string }[] {
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
    if (conditionFields(attention.when).includes(field.id) && !codes.has(attention.rule))
      codes.set(attention.rule, localize(attention.summary, locale));
  }
  return [...codes].map(([id, summary]) => ({ id, summary }));
}

/**
 * Each rule as an SDC `targetConstraint` over the response, so a forms
 * engine that runs FHIRPath enforces the same policy, with the message
 * placed on the first question the rule asks for. The deadline's timeliness
 * is left out: it depends on the clock, not on the answers.
 */
function targetConstraints(checklist: Checklist, path: FhirPath, locale: Locale): FhirExtension[] {
  const fields = new Map(allFields(checklist).map((field) => [field.id, field]));
  const enabled = (id: string) => {
    const enableWhen = fields.get(id)!.enableWhen;
    return enableWhen ? path.condition(enableWhen) : undefined;
  };
  const answered = (id: string) => {
    const shown = enabled(id);
    return shown ? `(${shown}) implies ${path.answer(id)}.exists()` : `${path.answer(id)}.exists()`;
  };
  const constraint = (
    key: string,
    severity: 'error' | 'warning',
    parts: string[],
    when: Condition | undefined,
    human: string,
    at: string | undefined,
  ): FhirExtension => {
    const body = parts.map((part) => `(${part})`).join(' and ');
    return {
      url: FHIR_TARGET_CONSTRAINT,
      extension: [
        { url: 'key', valueId: key },
        { url: 'severity', valueCode: severity },
        {
          url: 'expression',
          valueExpression: { language: 'text/fhirpath', expression: when ? `(${path.condition(when)}) implies (${body})` : body },
        },
        { url: 'human', valueString: human },
        ...(at ? [{ url: 'location', valueString: path.location(at) }] : []),
      ],
    };
  };
  return compileChecklist(checklist).rules.flatMap((rule) => {
    const parts = (rule.requires ?? []).map(answered);
    if (rule.expect) {
      const judged = comparedFields(rule.expect).map((id) => `${path.answer(id)}.exists()`);
      const expected = path.condition(rule.expect);
      parts.push(judged.length && !rule.judgeUnanswered ? `(${judged.join(' and ')}) implies (${expected})` : expected);
    }
    // A policy sentence may carry a duty now and a follow-up later under one id (FUS-09); keys must differ.
    const key = rule.severity === 'follow-up' ? `${rule.id}.follow-up` : rule.id;
    const human = `${rule.id}: ${localize(rule.message ?? rule.summary, locale)}`;
    const at = rule.requires?.[0] ?? rule.expectField ?? (rule.expect ? conditionFields(rule.expect)[0] : undefined);
    const out: FhirExtension[] = [];
    if (parts.length) out.push(constraint(key, rule.severity === 'required' ? 'error' : 'warning', parts, rule.when, human, at));
    // Suggested answers are advisory even under a required rule, so they get a constraint of their own.
    if (rule.suggests?.length)
      out.push(constraint(`${key}.suggested`, 'warning', rule.suggests.map(answered), rule.when, human, rule.suggests[0]));
    return out;
  });
}

const itemControl = (code: string, display: string): FhirExtension => ({
  url: ITEM_CONTROL,
  valueCodeableConcept: { coding: [{ system: ITEM_CONTROL_SYSTEM, code, display }] },
});

function readCommon(checklist: Checklist, options: FhirOptions) {
  checkTimeZone(options.timeZone);
  const locale = readLocale(options.locale);
  const canonicals = fhirCanonicals(options.canonicalBase);
  const fields = new Map(allFields(checklist).map((field) => [field.id, field]));
  const sectionOf = new Map(checklist.sections.flatMap((section) => section.fields.map((field) => [field.id, section.id] as const)));
  return { locale, canonicals, fields, sectionOf };
}

/**
 * A FHIR R4 Questionnaire for the checklist: one group per section, one
 * question per field, the rules as SDC target constraints, the other
 * language as translations, and answer codes from the shared code systems
 * that `toTerminologyBundle` publishes.
 */
export function toQuestionnaire(checklist: Checklist, options: FhirOptions = {}): FhirQuestionnaire {
  const { locale, canonicals, fields, sectionOf } = readCommon(checklist, options);
  const path = new FhirPath(fields, sectionOf, options.timeZone);
  const requiredAlways = new Set(
    compileChecklist(checklist)
      .rules.filter((rule) => rule.severity === 'required' && !rule.when)
      .flatMap((rule) => rule.requires ?? []),
  );
  const text = (localized: LocalizedText) => {
    const translated = translations(localized, locale);
    return { text: localize(localized, locale), ...(translated && { _text: translated }) };
  };

  const question = (field: ChecklistField): FhirQuestionnaireItem => {
    const item: FhirQuestionnaireItem = { linkId: field.id, ...text(field.label), type: fieldType(field) };
    const extension: FhirExtension[] = rulesOfField(checklist, field, locale).map((rule) => ({
      url: canonicals.ruleExtension,
      valueCoding: { system: canonicals.rules, code: rule.id, display: rule.summary },
    }));
    // `required` in FHIR applies while the item is enabled, which is how the SDK reads `requires` too.
    if (requiredAlways.has(field.id)) item.required = true;
    if (field.type === 'multichoice') item.repeats = true;
    if (field.enableWhen) {
      const native = nativeEnableWhen(canonicals, checklist, fields, field.enableWhen, locale, options.timeZone);
      if (native) {
        item.enableWhen = native.items;
        if (native.behavior !== 'one') item.enableBehavior = native.behavior;
      } else {
        extension.push({
          url: FHIR_ENABLE_WHEN_EXPRESSION,
          valueExpression: { language: 'text/fhirpath', expression: path.condition(field.enableWhen) },
        });
      }
    }
    if (field.type === 'choice' || field.type === 'multichoice') {
      item.answerOption = field.options!.map((option) => ({
        valueCoding: coding(canonicals, checklist, field, option.value, locale, true),
      }));
      if (field.type === 'multichoice' && field.options!.length <= CHECK_BOX_LIMIT) extension.push(itemControl('check-box', 'Check-box'));
    }
    if (field.type === 'attendance')
      item.answerOption = ATTENDANCE_CODES.map((code) => ({ valueCoding: coding(canonicals, checklist, field, code, locale, true) }));
    if (field.type === 'number') {
      if (field.min !== undefined) extension.push({ url: MIN_VALUE, valueDecimal: field.min });
      if (field.max !== undefined) extension.push({ url: MAX_VALUE, valueDecimal: field.max });
    }
    const known = options.known?.[field.id];
    if (known !== undefined && known !== null && known !== '') {
      const initial = answers(canonicals, checklist, field, known as Answer, locale, options.timeZone);
      if (initial.length) item.initial = field.type === 'multichoice' ? initial : initial.slice(0, 1);
    }
    if (extension.length) item.extension = extension;
    if (field.help) {
      item.item = [{ linkId: `${field.id}-help`, type: 'display', ...text(field.help), extension: [itemControl('help', 'Help-Button')] }];
    }
    return item;
  };

  const name = `Chartguard${checklist.id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase())}`;
  const title = translations(checklist.title, locale);
  const description = checklist.description && translations(checklist.description, locale);
  return {
    resourceType: 'Questionnaire',
    id: questionnaireId(checklist, locale),
    url: canonicals.questionnaire(checklist, locale),
    version: String(checklist.version),
    name,
    title: localize(checklist.title, locale),
    ...(title && { _title: title }),
    status: 'active',
    language: locale,
    ...(checklist.description && { description: localize(checklist.description, locale) }),
    ...(description && { _description: description }),
    purpose: checklist.policy.title,
    extension: targetConstraints(checklist, path, locale),
    item: checklist.sections.map((section) => ({
      linkId: sectionLinkId(section.id),
      ...text(section.title),
      type: 'group',
      item: section.fields.map(question),
    })),
  };
}

export interface QuestionnaireResponseOptions extends EvaluateOptions {
  /** Resource id, e.g. the portal's record id (FHIR ids: letters, digits, `-` and `.`, up to 64). */
  id?: string;
  canonicalBase?: string;
  /** IANA zone for the datetimes written (default: this process's zone). */
  timeZone?: string;
}

function answers(
  canonicals: FhirCanonicals,
  checklist: Checklist,
  field: ChecklistField,
  value: Answer,
  locale: Locale,
  timeZone: string | undefined,
): FhirAnswer[] {
  switch (field.type) {
    case 'boolean':
      return typeof value === 'boolean' ? [{ valueBoolean: value }] : [];
    case 'number':
      return typeof value === 'number' ? [{ valueDecimal: value }] : [];
    case 'date':
      return typeof value === 'string' && parseLocalDateTime(value) ? [{ valueDate: value }] : [];
    case 'datetime': {
      const dateTime = typeof value === 'string' ? toFhirDateTime(value, timeZone) : undefined;
      return dateTime ? [{ valueDateTime: dateTime }] : [];
    }
    case 'choice':
    case 'attendance':
      return typeof value === 'string' ? [{ valueCoding: coding(canonicals, checklist, field, value, locale) }] : [];
    case 'multichoice':
      return Array.isArray(value) ? value.map((item) => ({ valueCoding: coding(canonicals, checklist, field, String(item), locale) })) : [];
    default:
      return [{ valueString: String(value) }];
  }
}

/**
 * A record as a FHIR R4 QuestionnaireResponse to `toQuestionnaire`'s
 * Questionnaire: `completed` when `evaluate` finds no required issue, else
 * `in-progress`. Only answers that count are included: answers to hidden
 * questions and invalid answers are left out, as FHIR expects for disabled
 * items. `authored` is the checklist's "recorded at" answer, when there is
 * one, and `fromQuestionnaireResponse` reads it back there.
 */
export function toQuestionnaireResponse(
  checklist: Checklist,
  record: Record<string, unknown>,
  options: QuestionnaireResponseOptions = {},
): FhirQuestionnaireResponse {
  const { locale, canonicals } = readCommon(checklist, options);
  const evaluation = evaluate(checklist, record, options);
  const counted = evaluation.answers;
  const recordedAt = checklist.deadline?.recordedAt ? counted[checklist.deadline.recordedAt] : undefined;
  const authored = typeof recordedAt === 'string' ? toFhirDateTime(recordedAt, options.timeZone) : undefined;
  const item: FhirResponseItem[] = [];
  for (const section of checklist.sections) {
    const children: FhirResponseItem[] = [];
    for (const field of section.fields) {
      const value = counted[field.id];
      if (value === undefined) continue;
      const answer = answers(canonicals, checklist, field, value, locale, options.timeZone);
      if (answer.length) children.push({ linkId: field.id, text: localize(field.label, locale), answer });
    }
    if (children.length) item.push({ linkId: sectionLinkId(section.id), text: localize(section.title, locale), item: children });
  }
  return {
    resourceType: 'QuestionnaireResponse',
    ...(options.id && { id: options.id }),
    questionnaire: `${canonicals.questionnaire(checklist, locale)}|${checklist.version}`,
    status: evaluation.status === 'complete' ? 'completed' : 'in-progress',
    ...(authored && { authored }),
    language: locale,
    item,
  };
}
