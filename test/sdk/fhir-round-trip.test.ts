// The FHIR exports judged by another engine: every rule's targetConstraint is
// run by HL7's fhirpath.js over the exported response, and must fail exactly
// where the SDK's own verdict names that rule; a response is read back into a
// record that the SDK judges the same, whatever the sender's time notation.
import fc from 'fast-check';
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ATTENDANCE_CODES,
  FhirResponseError,
  allFields,
  evaluate,
  fromFhirDateTime,
  fromQuestionnaireResponse,
  toQuestionnaire,
  toQuestionnaireResponse,
  toTerminologyBundle,
  type Checklist,
  type ChecklistField,
  type FhirQuestionnaireResponse,
} from '../../sdk/src/index.js';
import { brokenBySdk, constraintsOf, shippedChecklists, type Constraint } from './fhir-support.js';

const checklists = shippedChecklists;

function answerArbitrary(field: ChecklistField): fc.Arbitrary<unknown> {
  switch (field.type) {
    case 'text':
    case 'longtext':
      return fc.constantFrom('', 'Noted.', "It's 'quoted'");
    case 'choice':
      return fc.constantFrom(...field.options!.map((option) => option.value));
    case 'multichoice':
      return fc.subarray(field.options!.map((option) => option.value));
    case 'boolean':
      return fc.boolean();
    case 'number':
      return fc.integer({ min: Math.ceil(field.min ?? -5), max: Math.floor(field.max ?? 40) });
    case 'date':
      return fc.constantFrom('2026-06-09', '2026-06-10', '2026-06-12');
    case 'datetime':
      return fc.constantFrom('2026-06-09T17:00', '2026-06-10T08:30', '2026-06-10T10:00', '2026-06-12T10:00');
    case 'attendance':
      return fc.constantFrom(...ATTENDANCE_CODES);
  }
}

/**
 * Each expression parsed once (fhirpath.js's `compile`), not once per record: parsing was most of this file's
 * time, and `evaluate` is the same parse followed by the same call (docs/performance.md, "The test suite's wall time").
 */
const compiled = new Map<string, ReturnType<typeof fhirpath.compile>>();
function compiledExpression(expression: string) {
  let run = compiled.get(expression);
  if (!run) compiled.set(expression, (run = fhirpath.compile(expression, r4)));
  return run;
}

/** The constraint keys fhirpath.js finds broken in a response. */
function brokenByFhirPath(constraints: Constraint[], response: FhirQuestionnaireResponse): string[] {
  return constraints
    .filter((constraint) => {
      const result = compiledExpression(constraint.expression)(response, { resource: response }) as unknown[];
      expect(result.length, `${constraint.key} gives one boolean`).toBeLessThanOrEqual(1);
      return result[0] === false;
    })
    .map((constraint) => constraint.key)
    .sort();
}

describe('targetConstraints run by fhirpath.js agree with evaluate', { timeout: 120_000 }, () => {
  it.each(checklists.map((checklist) => [checklist.id, checklist] as const))(
    '%s: the same rules break, record by record',
    (_id, checklist) => {
      const constraints = constraintsOf(toQuestionnaire(checklist).extension);
      expect(constraints.length).toBeGreaterThan(0);
      const keys = new Set(constraints.map((constraint) => constraint.key));
      const arbitrary = fc.record(Object.fromEntries(allFields(checklist).map((field) => [field.id, answerArbitrary(field)])), {
        requiredKeys: [],
      });
      let someBroken = 0;
      fc.assert(
        fc.property(arbitrary, (record) => {
          const response = toQuestionnaireResponse(checklist, record);
          // What a renderer holds is what counts: hidden and invalid answers are not in the response.
          const counted = fromQuestionnaireResponse(checklist, response);
          const byFhirPath = brokenByFhirPath(constraints, response);
          if (byFhirPath.length) someBroken += 1;
          expect(byFhirPath).toEqual(brokenBySdk(checklist, counted, keys));
        }),
        { numRuns: 120, seed: 7 },
      );
      // The comparison meant something: most random records break some rule.
      expect(someBroken).toBeGreaterThan(60);
    },
  );

  it('an empty response breaks every rule that asks for an answer unconditionally', () => {
    const snc = checklists.find((checklist) => checklist.id === 'snc')!;
    const constraints = constraintsOf(toQuestionnaire(snc).extension);
    const broken = brokenByFhirPath(constraints, toQuestionnaireResponse(snc, {}));
    expect(broken).toContain('SNC-01');
    expect(broken).toEqual(brokenBySdk(snc, {}, new Set(constraints.map((constraint) => constraint.key))));
  });
});

describe('fromQuestionnaireResponse', () => {
  const snc = checklists.find((checklist) => checklist.id === 'snc')!;
  const originalTZ = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTZ;
  });

  it.each(checklists.map((checklist) => [checklist.id, checklist] as const))(
    '%s: a record survives export and reading back',
    (_id, checklist) => {
      const arbitrary = fc.record(Object.fromEntries(allFields(checklist).map((field) => [field.id, answerArbitrary(field)])), {
        requiredKeys: [],
      });
      fc.assert(
        fc.property(arbitrary, (record) => {
          const evaluation = evaluate(checklist, record, { now: '2026-06-10T09:00' });
          const back = fromQuestionnaireResponse(checklist, toQuestionnaireResponse(checklist, record, { now: '2026-06-10T09:00' }));
          const again = evaluate(checklist, back, { now: '2026-06-10T09:00' });
          expect(again.answers).toEqual(evaluation.answers);
          expect(again.status).toBe(evaluation.status);
        }),
        { numRuns: 100, seed: 11 },
      );
    },
  );

  it('reads any conformant notation of a time: seconds, milliseconds, Z, other offsets', () => {
    process.env.TZ = 'Europe/London';
    const response = (value: string): FhirQuestionnaireResponse => ({
      resourceType: 'QuestionnaireResponse',
      questionnaire: 'http://chartguard.org/fhir/Questionnaire/snc|1',
      status: 'completed',
      item: [{ linkId: 'section-timing', item: [{ linkId: 'informedAt', answer: [{ valueDateTime: value }] }] }],
    });
    for (const value of [
      '2026-06-10T08:30:00+01:00',
      '2026-06-10T08:30:59+01:00',
      '2026-06-10T07:30:00Z',
      '2026-06-10T07:30:00.000Z',
      '2026-06-10T15:30:00+08:00',
      '2026-06-10T03:00:00-04:30',
    ]) {
      expect(fromQuestionnaireResponse(snc, response(value)).informedAt, value).toBe('2026-06-10T08:30');
    }
    // In the portal's zone, when it is not the process's.
    expect(fromQuestionnaireResponse(snc, response('2026-06-10T07:30:00Z'), { timeZone: 'Asia/Shanghai' }).informedAt).toBe(
      '2026-06-10T15:30',
    );
    expect(fromFhirDateTime('2026-06-10')).toBeUndefined();
  });

  it('finds answers at any depth, ignores questions it does not know, and falls back to authored for the time recorded', () => {
    process.env.TZ = 'UTC';
    const record = fromQuestionnaireResponse(snc, {
      resourceType: 'QuestionnaireResponse',
      questionnaire: 'elsewhere',
      status: 'in-progress',
      authored: '2026-06-10T09:15:30Z',
      item: [
        { linkId: 'attendance', answer: [{ valueCoding: { code: 'cancelled-by-provider' } }] },
        { linkId: 'outer', item: [{ linkId: 'inner', item: [{ linkId: 'agreed', answer: [{ valueString: 'Agreed.' }] }] }] },
        { linkId: 'notOurs', answer: [{ valueString: 'ignored' }] },
      ],
    });
    expect(record).toEqual({ attendance: 'cancelled-by-provider', agreed: 'Agreed.', recordedAt: '2026-06-10T09:15' });
  });

  it('names the question when an answer is of the wrong kind, and refuses what is not a response', () => {
    const wrong = {
      resourceType: 'QuestionnaireResponse',
      questionnaire: 'x',
      status: 'completed',
      item: [{ linkId: 'riskConcern', answer: [{ valueString: 'yes' }] }],
    } as FhirQuestionnaireResponse;
    expect(() => fromQuestionnaireResponse(snc, wrong)).toThrow(FhirResponseError);
    expect(() => fromQuestionnaireResponse(snc, wrong)).toThrow(/riskConcern: a boolean question/);
    expect(() => fromQuestionnaireResponse(snc, { resourceType: 'Patient' } as unknown as FhirQuestionnaireResponse)).toThrow(
      /QuestionnaireResponse/,
    );
  });
});

describe('toTerminologyBundle', () => {
  const bundle = toTerminologyBundle(checklists);
  const systems = new Map(bundle.entry.map((entry) => [entry.resource.url, entry.resource]));

  it('publishes every code system a Questionnaire answer or rule extension names', () => {
    for (const checklist of checklists) {
      const json = JSON.stringify(toQuestionnaire(checklist));
      for (const [, system] of json.matchAll(/"system":"([^"]+)"/g)) {
        if (system!.startsWith('http://hl7.org/')) continue;
        const found = systems.get(system!);
        expect(found, `${checklist.id}: ${system}`).toBeDefined();
        expect(found!.resourceType).toBe('CodeSystem');
      }
      for (const [, system, code] of json.matchAll(/"system":"(http:\/\/chartguard[^"]+)","code":"([^"]+)"/g)) {
        const codeSystem = systems.get(system!) as { concept: { code: string }[] };
        expect(
          codeSystem.concept.map((concept) => concept.code),
          `${system} ${code}`,
        ).toContain(code);
      }
    }
  });

  it('shares one attendance code system across checklists, with a value set over it and the Chinese as designations', () => {
    const attendance = systems.get('http://chartguard.org/fhir/CodeSystem/attendance') as {
      concept: { code: string; designation?: { language: string }[] }[];
    };
    expect(attendance.concept.map((concept) => concept.code)).toEqual([...ATTENDANCE_CODES]);
    expect(attendance.concept[0]!.designation![0]!.language).toBe('zh-CN');
    expect(systems.get('http://chartguard.org/fhir/ValueSet/attendance')).toMatchObject({
      resourceType: 'ValueSet',
      compose: { include: [{ system: 'http://chartguard.org/fhir/CodeSystem/attendance' }] },
    });
  });

  it('refuses the same checklist twice, naming it', () => {
    expect(() => toTerminologyBundle([checklists[0]!, checklists[0]!])).toThrow(/given twice/);
  });
});
