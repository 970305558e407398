// What counts as an answer, how local datetimes are read, and the small
// helpers every consumer shares (languages, durations, attendance codes).
import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import sncJson from '../../checklists/snc.json';
import {
  formatDuration,
  formatLocalDateTime,
  isAnswered,
  isAttendanceCode,
  isLocalDateTime,
  isLocale,
  localize,
  normalizeRecord,
  parseChecklist,
  parseLocalDateTime,
} from '../../sdk/src/index.js';
import { localDateTimeMs, localDateTimeText } from '../../sdk/src/record.js';

const snc = parseChecklist(sncJson);

describe('isAnswered', () => {
  it.each([
    ['text', 'x', true],
    ['false', false, true],
    ['zero', 0, true],
    ['a list', ['a'], true],
    ['blank text', ' \n\t', false],
    ['empty list', [], false],
    ['NaN', Number.NaN, false],
    ['undefined', undefined, false],
    ['null', null, false],
  ])('%s → %s', (_name, value, expected) => {
    expect(isAnswered(value)).toBe(expected);
  });
});

describe('normalizeRecord', () => {
  it('trims, unifies line endings, drops blanks and unknown fields, keeps false', () => {
    expect(normalizeRecord(snc, { agreed: '  a\r\nb\rc  ', riskConcern: false, informedAt: '   ', extra: 'x', attendance: null })).toEqual({
      agreed: 'a\nb\nc',
      riskConcern: false,
    });
  });

  it('trims list items and drops blank or non-text ones', () => {
    const checklist = parseChecklist({
      ...sncJson,
      sections: [
        ...sncJson.sections,
        {
          id: 'extra',
          title: { en: 'Extra', 'zh-CN': '额外' },
          fields: [
            {
              id: 'tags',
              type: 'multichoice',
              label: { en: 'Tags', 'zh-CN': '标签' },
              options: [{ value: 'a', label: { en: 'A', 'zh-CN': '甲' } }],
            },
          ],
        },
      ],
      rules: [...sncJson.rules, { id: 'SNC-12', severity: 'advisory', summary: { en: 'Tags.', 'zh-CN': '标签。' }, requires: ['tags'] }],
    });
    expect(normalizeRecord(checklist, { tags: [' a ', '', 3, '  '] })).toEqual({ tags: ['a'] });
    expect(normalizeRecord(checklist, { tags: ['', ' '] })).toEqual({});
  });

  it('reads nothing from a non-record', () => {
    for (const input of [null, undefined, 'agreed', 42]) {
      expect(normalizeRecord(snc, input as unknown as Record<string, unknown>)).toEqual({});
    }
  });
});

describe('local datetimes', () => {
  it.each([
    ['2026-06-10T08:30', new Date(2026, 5, 10, 8, 30)],
    ['2026-06-10', new Date(2026, 5, 10)],
    ['2024-02-29T23:59', new Date(2024, 1, 29, 23, 59)],
    ['2026-01-01T00:00', new Date(2026, 0, 1, 0, 0)],
  ])('reads %s as local wall-clock time', (text, expected) => {
    expect(parseLocalDateTime(text)).toEqual(expected);
  });

  it.each([
    '2026-02-29',
    '2026-06-31T10:00',
    '2026-13-01',
    '2026-06-10T24:00',
    '2026-06-10T23:60',
    '2026-6-1',
    '2026-06-10 08:30',
    '2026-06-10T08:30:00',
    '2026-06-10T08:30Z',
    ' 2026-06-10',
    '',
  ])('refuses %j', (text) => {
    expect(parseLocalDateTime(text)).toBeUndefined();
  });

  it('formats back what it read', () => {
    for (const text of ['2026-06-10T08:30', '1999-12-31T23:59', '2030-01-01T00:00']) {
      expect(formatLocalDateTime(parseLocalDateTime(text)!)).toBe(text);
    }
  });
});

describe('formatDuration', () => {
  it.each([
    [0, 'en', '0 min'],
    [59, 'en', '59 min'],
    [59.6, 'en', '1 h'],
    [60, 'en', '1 h'],
    [90, 'en', '1 h 30 min'],
    [47 * 60 + 59, 'en', '47 h 59 min'],
    [48 * 60, 'en', '2 d'],
    [-5, 'en', '0 min'],
    [90, 'zh-CN', '1 小时 30 分钟'],
    [3 * 1440, 'zh-CN', '3 天'],
  ] as const)('%d minutes in %s → %s', (minutes, locale, expected) => {
    expect(formatDuration(minutes, locale)).toBe(expected);
  });
});

describe('languages and attendance', () => {
  it('isLocale knows exactly the supported languages', () => {
    expect(isLocale('en')).toBe(true);
    expect(isLocale('zh-CN')).toBe(true);
    expect(isLocale('zh')).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });

  it('localize picks the language', () => {
    expect(localize({ en: 'Yes', 'zh-CN': '是' }, 'zh-CN')).toBe('是');
    expect(localize({ en: 'Yes', 'zh-CN': '是' }, 'en')).toBe('Yes');
  });

  it('isAttendanceCode', () => {
    expect(isAttendanceCode('cancelled-by-provider')).toBe(true);
    expect(isAttendanceCode('Cancelled by provider')).toBe(false);
    expect(isAttendanceCode(1)).toBe(false);
  });
});

/**
 * The reader works on character codes for speed; this oracle is the obvious
 * slow reading (a pattern, then a Date that must not roll over), so the two
 * are checked against each other on generated near-dates.
 */
function oracle(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h = 0, mi = 0] = m.slice(1).map((part) => Number(part ?? 0));
  if (y! < 100 || h > 23 || mi > 59) return undefined;
  const date = new Date(y!, mo! - 1, d!, h, mi);
  return date.getFullYear() === y && date.getMonth() === mo! - 1 && date.getDate() === d ? date : undefined;
}

describe('local datetimes are read as the slow oracle reads them', () => {
  const digits = (n: number) =>
    fc.array(fc.constantFrom('0', '1', '2', '3', '5', '9', '4'), { minLength: n, maxLength: n }).map((chars) => chars.join(''));
  const nearDate = fc
    .tuple(
      fc.oneof(digits(4), fc.constantFrom('2024', '2026', '1900', '2000', '0099', '0100')),
      digits(2),
      digits(2),
      fc.option(fc.tuple(digits(2), digits(2)), { nil: undefined }),
      fc.constantFrom('-', '-', '-', '/', ''),
      fc.constantFrom('T', 'T', ' ', 't', ''),
    )
    .map(([y, mo, d, time, dash, t]) => `${y}${dash}${mo}-${d}${time ? `${t}${time[0]}:${time[1]}` : ''}`);
  const anyText = fc.oneof(
    nearDate,
    fc.string({ maxLength: 17 }),
    fc.constantFrom('2026-06-10T08:30 ', '２０２６-06-10', '2026-06-10T08:30\n', '2026-02-29', '2024-02-29T23:59'),
  );

  it('isLocalDateTime and parseLocalDateTime agree with it on generated text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const expected = oracle(text);
        expect(isLocalDateTime(text)).toBe(expected !== undefined);
        expect(parseLocalDateTime(text)?.getTime()).toBe(expected?.getTime());
      }),
      { numRuns: 3000 },
    );
  });

  it('the remembered forms evaluate reckons deadlines with agree with parseLocalDateTime and formatLocalDateTime, asked once or again', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (let ask = 0; ask < 2; ask++) expect(localDateTimeMs(text)).toBe(parseLocalDateTime(text)?.getTime());
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        for (let ask = 0; ask < 2; ask++) expect(localDateTimeText(ms)).toBe(formatLocalDateTime(new Date(ms)));
      }),
      { numRuns: 3000 },
    );
  });

  it('on hand-picked edges', () => {
    const samples = [
      '2026-11-23T14:00',
      '2024-02-29',
      '2023-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-01-01T24:00',
      '2026-01-01T23:60',
      '0050-01-01',
      '1900-02-29',
      '2000-02-29',
      '2026-1-1',
      'nonsense',
      '',
    ];
    for (const sample of samples) expect(isLocalDateTime(sample), sample).toBe(oracle(sample) !== undefined);
  });
});
