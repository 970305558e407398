// The JSON Schema exports: the record schema of a checklist must agree with
// `evaluate` (as far as JSON Schema can speak), and the committed meta-schemas
// must be what the SDK generates and accept the shipped checklists and adapters.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ATTENDANCE_CODES,
  CHECKLIST_FORMAT,
  JSON_SCHEMA_VOCABULARY,
  adapterJSONSchema,
  allFields,
  checklistJSONSchema,
  evaluate,
  parseChecklist,
  parseLocalDateTime,
  toJSONSchema,
  type Checklist,
  type ChecklistField,
  type Issue,
  type UnexpressedRule,
} from '../../sdk/src/index.js';
import { COMPLETE_SNC_RECORD as COMPLETE } from '../fixtures/snc-record.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

/** Every checklist in checklists/ (files that say they are one), so new checklists are covered without editing this test. */
function shippedChecklists(): Checklist[] {
  return readdirSync(join(root, 'checklists'))
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => readJson(join(root, 'checklists', file)))
    .filter((data) => (data as { format?: unknown } | null)?.format === CHECKLIST_FORMAT)
    .map((data) => parseChecklist(data));
}

const snc = parseChecklist(readJson(join(root, 'checklists', 'snc.json')));

function newAjv() {
  const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
  ajv.addVocabulary([...JSON_SCHEMA_VOCABULARY]);
  // Ajv ships no formats; the record schema's only one is `date`, checked as a real calendar date.
  ajv.addFormat('date', (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && parseLocalDateTime(value) !== undefined);
  return ajv;
}

/** Rule ids named by the `allOf` entries that Ajv's errors point into. */
function failedRules(schema: Record<string, unknown>, errors: { schemaPath: string }[] | null | undefined): string[] {
  const entries = schema.allOf as Record<string, unknown>[];
  const ids = (errors ?? [])
    .map((error) => /^#\/allOf\/(\d+)\//.exec(error.schemaPath)?.[1])
    .filter((index): index is string => index !== undefined)
    .map((index) => entries[Number(index)]!['x-chartguard-rule'] as string);
  return [...new Set(ids)].sort();
}

/** Issues JSON Schema is documented not to check: the parts listed under `x-chartguard-unexpressed`. */
function expressible(issues: Issue[], unexpressed: UnexpressedRule[]): Issue[] {
  return issues.filter(
    (issue) =>
      !unexpressed.some(
        (part) =>
          part.rule === issue.ruleId &&
          (part.part === 'when' ||
            (part.part === 'expect' && issue.code === 'failed') ||
            (part.part === 'requires' && issue.code === 'missing' && part.field === issue.path[0])),
      ),
  );
}

/** Well-typed answers from small pools, so conditions (equal, same, before) hold and fail often. */
function answerArbitrary(field: ChecklistField): fc.Arbitrary<unknown> {
  switch (field.type) {
    case 'text':
    case 'longtext':
      return fc.constantFrom('', '   ', 'Noted.', 'Line one\nline two');
    case 'choice':
      return fc.constantFrom(...field.options!.map((option) => option.value));
    case 'multichoice':
      return fc.subarray(field.options!.map((option) => option.value));
    case 'boolean':
      return fc.boolean();
    case 'number':
      return fc.integer({ min: Math.ceil(field.min ?? 0), max: Math.floor(field.max ?? 40) });
    case 'date':
      return fc.constantFrom('2026-03-01', '2026-03-02', '2026-03-09');
    case 'datetime':
      return fc.constantFrom('2026-03-01T09:00', '2026-03-01T10:00', '2026-03-02T09:00');
    case 'attendance':
      return fc.constantFrom(...ATTENDANCE_CODES);
  }
}

const recordArbitrary = (checklist: Checklist) =>
  fc.record(Object.fromEntries(allFields(checklist).map((field) => [field.id, answerArbitrary(field)])), { requiredKeys: [] });

describe('toJSONSchema (record schema)', { timeout: 60_000 }, () => {
  const schema = toJSONSchema(snc);
  const validate = newAjv().compile(schema);
  const unexpressed = (schema['x-chartguard-unexpressed'] ?? []) as UnexpressedRule[];

  it('is a draft 2020-12 schema that Ajv compiles in strict mode', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(validate.schema).toBe(schema);
  });

  it('pins the shape of a few fields and of one conditional rule', () => {
    const properties = schema.properties as Record<string, unknown>;
    const sncRule = (id: string) => (schema.allOf as Record<string, unknown>[]).find((entry) => entry['x-chartguard-rule'] === id);
    expect({
      rebookOutcome: properties.rebookOutcome,
      informedAt: properties.informedAt,
      riskConcern: properties.riskConcern,
    }).toMatchInlineSnapshot(`
      {
        "informedAt": {
          "$comment": "Local wall-clock time without a zone: YYYY-MM-DDTHH:mm.",
          "pattern": "^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d$",
          "title": "Client informed at",
          "type": "string",
        },
        "rebookOutcome": {
          "enum": [
            "rebooked",
            "client-declined",
            "not-yet-possible",
          ],
          "oneOf": [
            {
              "const": "rebooked",
              "title": "Rebooked",
            },
            {
              "const": "client-declined",
              "title": "Offered; the client declined",
            },
            {
              "const": "not-yet-possible",
              "title": "Not possible yet; the therapist will contact the client to rebook",
            },
          ],
          "title": "Rebooking offered at the time of cancellation",
          "type": "string",
        },
        "riskConcern": {
          "title": "Immediate welfare, safeguarding or risk concern",
          "type": "boolean",
        },
      }
    `);
    expect(sncRule('SNC-09')).toMatchInlineSnapshot(`
      {
        "$comment": "Whether there is an immediate welfare, safeguarding or risk concern is recorded, and the concern described.",
        "allOf": [
          {
            "required": [
              "riskConcern",
            ],
          },
          {
            "if": {
              "properties": {
                "riskConcern": {
                  "const": true,
                },
              },
              "required": [
                "riskConcern",
              ],
            },
            "then": {
              "properties": {
                "riskDetail": {
                  "pattern": "\\S",
                  "type": "string",
                },
              },
              "required": [
                "riskDetail",
              ],
            },
          },
        ],
        "x-chartguard-rule": "SNC-09",
      }
    `);
  });

  it('says which parts of which rules it cannot check, and only those', () => {
    // SNC-05 orders two datetimes and SNC-07 compares two datetimes: no JSON Schema keyword compares two values.
    expect(unexpressed.map((part) => `${part.rule}/${part.part}`)).toEqual(['SNC-05/expect', 'SNC-07/expect']);
  });

  it('agrees with evaluate on a handful of records, naming the failing rules', () => {
    const cases: [string, Record<string, unknown>][] = [
      ['complete', COMPLETE],
      ['no agreement', { ...COMPLETE, agreed: undefined }],
      ['blank agreement', { ...COMPLETE, agreed: '   ' }],
      ['voicemail, not preferred', { ...COMPLETE, contactMethod: 'voicemail' }],
      ['voicemail, preferred', { ...COMPLETE, contactMethod: 'voicemail', preferredMethod: 'voicemail' }],
      ['other method, no reason', { ...COMPLETE, contactMethod: 'sms' }],
      [
        'other method, reason and support',
        { ...COMPLETE, contactMethod: 'sms', methodDifferenceReason: 'Phone line down.', supportRoute: 'ticket' },
      ],
      ['risk without detail', { ...COMPLETE, riskConcern: true }],
      ['risk documented', { ...COMPLETE, riskConcern: true, riskDetail: 'Felt unsafe.', riskDutyContactedAt: '2026-06-10T08:45' }],
      ['hidden answer ignored', { ...COMPLETE, riskDetail: 'Stale text from an earlier draft.' }],
      ['wrong attendance', { ...COMPLETE, attendance: 'did-not-attend' }],
      [
        'not rebooked yet, no date',
        { ...COMPLETE, rebookOutcome: 'not-yet-possible', rebookedAt: undefined, nextSessionInPortal: undefined },
      ],
      ['empty', {}],
    ];
    for (const [name, input] of cases) {
      const record = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
      const evaluation = evaluate(snc, record);
      const valid = validate(record);
      expect(valid, name).toBe(evaluation.status === 'complete');
      expect(failedRules(schema, validate.errors), name).toEqual([...new Set(evaluation.blocking.map((issue) => issue.ruleId))].sort());
    }
  });

  it('documents its blind spot: a rebooked session before the cancelled one passes the schema', () => {
    const record = { ...COMPLETE, rebookedAt: '2026-06-09T10:00', nextSessionInPortal: '2026-06-09T10:00' };
    expect(evaluate(snc, record).blocking.map((issue) => issue.ruleId)).toEqual(['SNC-05']);
    expect(validate(record)).toBe(true);
  });

  it('rejects values of the wrong type or outside the options', () => {
    expect(validate({ ...COMPLETE, riskConcern: 'no' })).toBe(false);
    expect(validate({ ...COMPLETE, contactMethod: 'pigeon' })).toBe(false);
    expect(validate({ ...COMPLETE, informedAt: '2026-06-10 08:30' })).toBe(false);
    expect(validate({ ...COMPLETE, recontactBy: '2026-02-31' })).toBe(false);
  });

  it.each(shippedChecklists().map((checklist) => [checklist.id, checklist] as const))(
    'agrees with evaluate on random well-typed records of %s, except for the parts it lists as unexpressed',
    (_id, checklist) => {
      const recordSchema = toJSONSchema(checklist, { locale: 'zh-CN' });
      const check = newAjv().compile(recordSchema);
      const skipped = (recordSchema['x-chartguard-unexpressed'] ?? []) as UnexpressedRule[];
      fc.assert(
        fc.property(recordArbitrary(checklist), (record) => {
          const expected = expressible(evaluate(checklist, record).blocking, skipped).length === 0;
          expect(check(record)).toBe(expected);
        }),
        { numRuns: 400, seed: 2026 },
      );
    },
  );
});

describe('meta-schemas', () => {
  const committedChecklist = readJson(join(root, 'sdk', 'schema', 'checklist.schema.json')) as Record<string, unknown>;
  const committedAdapter = readJson(join(root, 'sdk', 'schema', 'adapter.schema.json')) as Record<string, unknown>;

  it('are committed as the SDK generates them (run the SDK build after changing the model)', () => {
    expect(committedChecklist).toEqual(checklistJSONSchema());
    expect(committedAdapter).toEqual(adapterJSONSchema());
  });

  it('name the recursive condition type once and refer to it', () => {
    const defs = committedChecklist.$defs as Record<string, unknown>;
    expect(Object.keys(defs)).toEqual(['condition']);
    expect(JSON.stringify(committedChecklist)).toContain('"$ref":"#/$defs/condition"');
  });

  it('accept every checklist in checklists/ and the adapters in adapters/', () => {
    const ajv = newAjv();
    const checklistValid = ajv.compile(committedChecklist);
    const adapterValid = ajv.compile(committedAdapter);
    for (const file of readdirSync(join(root, 'checklists')).filter((name) => name.endsWith('.json'))) {
      const data = readJson(join(root, 'checklists', file));
      if ((data as { format?: unknown } | null)?.format !== CHECKLIST_FORMAT) continue;
      expect(checklistValid(data), `${file}: ${JSON.stringify(checklistValid.errors)}`).toBe(true);
    }
    for (const file of readdirSync(join(root, 'adapters')).filter((name) => name.endsWith('.json'))) {
      const data = readJson(join(root, 'adapters', file));
      expect(adapterValid(data), `${file}: ${JSON.stringify(adapterValid.errors)}`).toBe(true);
    }
  });

  it('reject malformed checklists, including deep inside a nested condition', () => {
    const valid = newAjv().compile(committedChecklist);
    const base = readJson(join(root, 'checklists', 'snc.json')) as {
      rules: Record<string, unknown>[];
      sections: { fields: Record<string, unknown>[] }[];
    };
    const variants: [string, (copy: typeof base) => void][] = [
      ['unknown field type', (copy) => (copy.sections[0]!.fields[0]!.type = 'colour')],
      ['missing Chinese title', (copy) => delete (copy.sections[0]!.fields[0]!.label as Record<string, string>)['zh-CN']],
      ['bad rule id', (copy) => (copy.rules[0]!.id = 'snc-1')],
      [
        'unknown operator in a nested condition',
        (copy) => (copy.rules[0]!.when = { all: [{ any: [{ field: 'attendance', op: 'resembles', value: 'x' }] }] }),
      ],
      ['unknown property', (copy) => ((copy as Record<string, unknown>).colour = 'blue')],
    ];
    expect(valid(base)).toBe(true);
    for (const [name, change] of variants) {
      const copy = structuredClone(base);
      change(copy);
      expect(valid(copy), name).toBe(false);
    }
  });
});
