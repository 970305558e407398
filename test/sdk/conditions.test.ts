// Conditions decide visibility, rule applicability and checks, so every
// operator is tabled here, including how it treats missing answers and lists.
import { describe, it, expect } from 'vitest';
import { holds, type ChecklistRecord, type Condition } from '../../sdk/src/index.js';

const record: ChecklistRecord = {
  method: 'phone',
  preferred: 'phone',
  other: 'email',
  blank: '   ',
  count: 5,
  zero: 0,
  yes: true,
  no: false,
  tags: ['risk', 'housing'],
  sameTags: ['housing', 'risk'],
  otherTags: ['risk'],
  none: [],
  early: '2026-06-10T09:00',
  late: '2026-06-10T10:00',
  alsoLate: '2026-06-10T10:00',
  day: '2026-06-09',
  nextDay: '2026-06-10',
};

type Row = [description: string, condition: Condition, expected: boolean];

const table: Record<string, Row[]> = {
  equals: [
    ['text equal', { field: 'method', op: 'equals', value: 'phone' }, true],
    ['text different', { field: 'method', op: 'equals', value: 'sms' }, false],
    ['case matters', { field: 'method', op: 'equals', value: 'Phone' }, false],
    ['number equal', { field: 'count', op: 'equals', value: 5 }, true],
    ['number is not its string', { field: 'count', op: 'equals', value: '5' }, false],
    ['zero is an answer', { field: 'zero', op: 'equals', value: 0 }, true],
    ['true', { field: 'yes', op: 'equals', value: true }, true],
    ['false is an answer', { field: 'no', op: 'equals', value: false }, true],
    ['boolean is not its string', { field: 'yes', op: 'equals', value: 'true' }, false],
    ['list contains', { field: 'tags', op: 'equals', value: 'risk' }, true],
    ['list lacks', { field: 'tags', op: 'equals', value: 'money' }, false],
    ['missing', { field: 'absent', op: 'equals', value: 'phone' }, false],
    ['blank text is missing', { field: 'blank', op: 'equals', value: '   ' }, false],
    ['empty list is missing', { field: 'none', op: 'equals', value: 'risk' }, false],
  ],
  notEquals: [
    ['different', { field: 'method', op: 'notEquals', value: 'sms' }, true],
    ['equal', { field: 'method', op: 'notEquals', value: 'phone' }, false],
    ['false vs true', { field: 'no', op: 'notEquals', value: true }, true],
    ['list lacks', { field: 'tags', op: 'notEquals', value: 'money' }, true],
    ['list contains', { field: 'tags', op: 'notEquals', value: 'risk' }, false],
    ['missing never differs', { field: 'absent', op: 'notEquals', value: 'phone' }, false],
    ['empty list never differs', { field: 'none', op: 'notEquals', value: 'risk' }, false],
  ],
  exists: [
    ['text', { field: 'method', op: 'exists' }, true],
    ['false', { field: 'no', op: 'exists' }, true],
    ['zero', { field: 'zero', op: 'exists' }, true],
    ['list', { field: 'tags', op: 'exists' }, true],
    ['missing', { field: 'absent', op: 'exists' }, false],
    ['blank text', { field: 'blank', op: 'exists' }, false],
    ['empty list', { field: 'none', op: 'exists' }, false],
  ],
  notExists: [
    ['text', { field: 'method', op: 'notExists' }, false],
    ['false', { field: 'no', op: 'notExists' }, false],
    ['missing', { field: 'absent', op: 'notExists' }, true],
    ['blank text', { field: 'blank', op: 'notExists' }, true],
    ['empty list', { field: 'none', op: 'notExists' }, true],
  ],
  oneOf: [
    ['in', { field: 'method', op: 'oneOf', values: ['sms', 'phone'] }, true],
    ['out', { field: 'method', op: 'oneOf', values: ['sms', 'email'] }, false],
    ['number in', { field: 'count', op: 'oneOf', values: [1, 5] }, true],
    ['list overlaps', { field: 'tags', op: 'oneOf', values: ['money', 'housing'] }, true],
    ['list disjoint', { field: 'tags', op: 'oneOf', values: ['money'] }, false],
    ['missing', { field: 'absent', op: 'oneOf', values: ['phone'] }, false],
  ],
  noneOf: [
    ['out', { field: 'method', op: 'noneOf', values: ['sms', 'email'] }, true],
    ['in', { field: 'method', op: 'noneOf', values: ['sms', 'phone'] }, false],
    ['list disjoint', { field: 'tags', op: 'noneOf', values: ['money'] }, true],
    ['list overlaps', { field: 'tags', op: 'noneOf', values: ['money', 'risk'] }, false],
    ['missing is not "none of"', { field: 'absent', op: 'noneOf', values: ['phone'] }, false],
  ],
  before: [
    ['earlier', { field: 'early', op: 'before', otherField: 'late' }, true],
    ['later', { field: 'late', op: 'before', otherField: 'early' }, false],
    ['same time', { field: 'late', op: 'before', otherField: 'alsoLate' }, false],
    ['dates', { field: 'day', op: 'before', otherField: 'nextDay' }, true],
    ['numbers compare as numbers', { field: 'zero', op: 'before', otherField: 'count' }, true],
    ['this missing', { field: 'absent', op: 'before', otherField: 'late' }, false],
    ['other missing', { field: 'early', op: 'before', otherField: 'absent' }, false],
  ],
  after: [
    ['later', { field: 'late', op: 'after', otherField: 'early' }, true],
    ['earlier', { field: 'early', op: 'after', otherField: 'late' }, false],
    ['same time', { field: 'late', op: 'after', otherField: 'alsoLate' }, false],
    ['other missing', { field: 'late', op: 'after', otherField: 'absent' }, false],
    ['other blank', { field: 'late', op: 'after', otherField: 'blank' }, false],
  ],
  sameAs: [
    ['equal text', { field: 'method', op: 'sameAs', otherField: 'preferred' }, true],
    ['different text', { field: 'method', op: 'sameAs', otherField: 'other' }, false],
    ['equal datetimes', { field: 'late', op: 'sameAs', otherField: 'alsoLate' }, true],
    ['lists, order ignored', { field: 'tags', op: 'sameAs', otherField: 'sameTags' }, true],
    ['lists, different items', { field: 'tags', op: 'sameAs', otherField: 'otherTags' }, false],
    ['missing', { field: 'absent', op: 'sameAs', otherField: 'alsoAbsent' }, false],
    ['one missing', { field: 'method', op: 'sameAs', otherField: 'absent' }, false],
  ],
  differentFrom: [
    ['different text', { field: 'method', op: 'differentFrom', otherField: 'other' }, true],
    ['equal text', { field: 'method', op: 'differentFrom', otherField: 'preferred' }, false],
    ['lists, different items', { field: 'tags', op: 'differentFrom', otherField: 'otherTags' }, true],
    ['lists, order ignored', { field: 'tags', op: 'differentFrom', otherField: 'sameTags' }, false],
    ['one missing is not a difference', { field: 'method', op: 'differentFrom', otherField: 'absent' }, false],
  ],
  between: [
    ['inside', { field: 'count', op: 'between', min: 1, max: 10 }, true],
    ['at min (inclusive)', { field: 'count', op: 'between', min: 5, max: 10 }, true],
    ['at max (inclusive)', { field: 'count', op: 'between', min: 1, max: 5 }, true],
    ['below', { field: 'zero', op: 'between', min: 1, max: 10 }, false],
    ['above', { field: 'count', op: 'between', min: 0, max: 4 }, false],
    ['text is not a number', { field: 'method', op: 'between', min: 0, max: 10 }, false],
    ['missing', { field: 'absent', op: 'between', min: 0, max: 10 }, false],
  ],
  all: [
    [
      'all hold',
      {
        all: [
          { field: 'method', op: 'equals', value: 'phone' },
          { field: 'yes', op: 'equals', value: true },
        ],
      },
      true,
    ],
    [
      'one fails',
      {
        all: [
          { field: 'method', op: 'equals', value: 'phone' },
          { field: 'no', op: 'equals', value: true },
        ],
      },
      false,
    ],
    [
      'missing part',
      {
        all: [
          { field: 'method', op: 'exists' },
          { field: 'absent', op: 'exists' },
        ],
      },
      false,
    ],
  ],
  any: [
    [
      'one holds',
      {
        any: [
          { field: 'method', op: 'equals', value: 'sms' },
          { field: 'yes', op: 'equals', value: true },
        ],
      },
      true,
    ],
    [
      'none hold',
      {
        any: [
          { field: 'method', op: 'equals', value: 'sms' },
          { field: 'no', op: 'equals', value: true },
        ],
      },
      false,
    ],
    [
      'only missing parts',
      {
        any: [
          { field: 'absent', op: 'equals', value: 1 },
          { field: 'alsoAbsent', op: 'exists' },
        ],
      },
      false,
    ],
  ],
  not: [
    ['negates true', { not: { field: 'method', op: 'equals', value: 'phone' } }, false],
    ['negates false', { not: { field: 'method', op: 'equals', value: 'sms' } }, true],
    // "not equals" is not "notEquals": a missing answer satisfies the first only.
    ['of a missing comparison', { not: { field: 'absent', op: 'equals', value: 'phone' } }, true],
    ['double', { not: { not: { field: 'yes', op: 'equals', value: true } } }, true],
  ],
};

describe('holds', () => {
  it('the table covers every operator and combinator', () => {
    expect(Object.keys(table).sort()).toEqual(
      [
        'equals',
        'notEquals',
        'exists',
        'notExists',
        'oneOf',
        'noneOf',
        'before',
        'after',
        'sameAs',
        'differentFrom',
        'between',
        'all',
        'any',
        'not',
      ].sort(),
    );
  });

  for (const [operator, rows] of Object.entries(table)) {
    describe(operator, () => {
      it.each(rows)('%s', (_description, condition, expected) => {
        expect(holds(condition, record)).toBe(expected);
      });
    });
  }

  it('nests: the SNC-04 voicemail check', () => {
    const voicemailOk: Condition = {
      any: [
        { field: 'contactMethod', op: 'notEquals', value: 'voicemail' },
        { field: 'preferredMethod', op: 'equals', value: 'voicemail' },
      ],
    };
    expect(holds(voicemailOk, { contactMethod: 'phone', preferredMethod: 'phone' })).toBe(true);
    expect(holds(voicemailOk, { contactMethod: 'voicemail', preferredMethod: 'phone' })).toBe(false);
    expect(holds(voicemailOk, { contactMethod: 'voicemail', preferredMethod: 'voicemail' })).toBe(true);
    expect(holds(voicemailOk, {})).toBe(false);
  });

  it('an empty record satisfies only negations and notExists', () => {
    for (const rows of Object.values(table)) {
      for (const [, condition] of rows) {
        const negative = 'not' in condition || ('op' in condition && condition.op === 'notExists');
        if (!negative) expect(holds(condition, {})).toBe(false);
      }
    }
  });
});
