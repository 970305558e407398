// The note is both what the clinician reads in the portal and what the SDK
// reads back, so rendering then parsing must give the record back exactly,
// whatever the clinician typed, and parsing must survive anything.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sncJson from '../../checklists/snc.json';
import {
  ATTENDANCE_CODES,
  LOCALES,
  evaluate,
  gradeNote,
  isAnswered,
  localize,
  noteChecklistId,
  normalizeRecord,
  parseChecklist,
  parseNote,
  readPageValue,
  renderNote,
  type Checklist,
  type ChecklistField,
  type Locale,
} from '../../sdk/src/index.js';
import { isBlankOrHeading, readHeader } from '../../sdk/src/note.js';

const snc = parseChecklist(sncJson);

const RECORD = {
  attendance: 'cancelled-by-provider',
  sessionAt: '2026-06-10T10:00',
  informedAt: '2026-06-10T08:30',
  contactMethod: 'sms',
  preferredMethod: 'phone',
  methodDifferenceReason: 'Phone line was down.',
  supportRoute: 'support-phoned',
  rebookOutcome: 'rebooked',
  rebookedAt: '2026-06-17T10:00',
  nextSessionInPortal: '2026-06-17T10:00',
  agreed: 'Same time next week.\nClient will text if unwell.',
  riskConcern: false,
  clientUnhappy: true,
  clinicalSupportRequested: true,
  recordedAt: '2026-06-10T09:00',
};

describe('renderNote', () => {
  it('opens with a one-line summary ending in the entry tag, then section headings and one "Label: value" a line, the "no" answers folded into one', () => {
    const note = renderNote(snc, RECORD);
    const lines = note.split('\n');
    expect(lines[0]).toBe(
      'Session Wed 10 Jun 10:00 cancelled by therapist. Client informed 08:30 by SMS text message (preferred: phone call). Rebooked Wed 17 Jun 10:00. Agreed: Same time next week. Client will text if unwell. [Chartguard snc/1]',
    );
    expect(lines).toContain('== Attendance ==');
    expect(lines).toContain('Attendance: Cancelled by therapist or provider');
    expect(lines).toContain('Client informed at: 2026-06-10 08:30');
    expect(lines).toContain('How the client was informed: SMS text message');
    expect(lines).toContain('Support told about the problem: No time for a ticket: support phoned (0333 222 0710)');
    expect(lines).not.toContain('Immediate welfare, safeguarding or risk concern: No');
    expect(lines.at(-1)).toBe('Answered no: Immediate welfare, safeguarding or risk concern');
    expect(lines).toContain('Client unhappy with the cancellation or unable to wait: Yes');
  });

  it('indents multi-line answers by four spaces under their label', () => {
    const lines = renderNote(snc, RECORD).split('\n');
    const at = lines.indexOf('What was agreed with the client:');
    expect(lines.slice(at, at + 3)).toEqual([
      'What was agreed with the client:',
      '    Same time next week.',
      '    Client will text if unwell.',
    ]);
  });

  it('leaves out unanswered questions and empty sections', () => {
    const note = renderNote(snc, { attendance: 'cancelled-by-provider', agreed: '  ' });
    expect(note).toBe(
      'Session cancelled by therapist. [Chartguard snc/1]\n\n== Attendance ==\nAttendance: Cancelled by therapist or provider',
    );
  });

  it('renders in Chinese', () => {
    const lines = renderNote(snc, RECORD, { locale: 'zh-CN' }).split('\n');
    expect(lines[0]).toBe(
      '治疗师取消了6月10日（周三）10:00的会谈。已于08:30通过短信告知客户（客户首选：电话）。已改约至6月17日（周三）10:00。商定：Same time next week. Client will text if unwell. [Chartguard snc/1]',
    );
    expect(lines).toContain('== 通知客户 ==');
    // Chinese punctuation (catalogue v2): a full-width colon, and the catalogue's 出席情况.
    expect(lines).toContain('通知客户的方式：短信');
    expect(lines).toContain('出席情况：治疗师或服务方取消');
    expect(lines.at(-1)).toBe('回答为否：紧急的福祉、保护或风险问题');
  });

  it('calls the client 来访者 where the organisation chose that word, in labels and summary but never in what was typed', () => {
    const note = renderNote(snc, { ...RECORD, agreed: '客户同意下周同一时间。' }, { locale: 'zh-CN', clientTerm: '来访者' });
    expect(note).not.toMatch(/客户(?!同意下周)/);
    expect(note.split('\n')).toContain('通知来访者的方式：短信');
    expect(note.split('\n')[0]).toContain('告知来访者（来访者首选：电话）');
    expect(note).toContain('客户同意下周同一时间。');
    expect(parseNote(snc, note).answers).toEqual(normalizeRecord(snc, { ...RECORD, agreed: '客户同意下周同一时间。' }));
  });

  it('never turns a non-boolean into Yes', () => {
    const note = renderNote(snc, { riskConcern: 'false' });
    expect(note).not.toContain('risk concern: Yes');
    expect(parseNote(snc, note).answers.riskConcern).toBe(false);
  });

  it('renders an empty record as the header alone', () => {
    expect(renderNote(snc, {})).toBe('Short-notice cancellation by the therapist [Chartguard snc/1]');
  });
});

describe('parseNote', () => {
  it('reads back what it rendered, in both languages', () => {
    for (const locale of LOCALES) {
      const parsed = parseNote(snc, renderNote(snc, RECORD, { locale }));
      expect(parsed).toEqual({ checklistId: 'snc', version: 1, structured: true, answers: RECORD, unread: [] });
    }
  });

  it('keeps blank lines and leading spaces inside multi-line answers', () => {
    const agreed = 'Plan:\n  - rebook\n\n  - call back\n\nEnd.';
    const note = renderNote(snc, { agreed, riskConcern: true });
    expect(parseNote(snc, note).answers).toEqual({ agreed, riskConcern: true });
    // Portals often strip trailing blanks; the blank line inside the answer must survive that too.
    const stripped = note
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n');
    expect(parseNote(snc, stripped).answers).toEqual({ agreed, riskConcern: true });
  });

  it('reads CRLF notes', () => {
    const note = renderNote(snc, RECORD).replace(/\n/g, '\r\n');
    expect(parseNote(snc, note).answers).toEqual(RECORD);
  });

  it('reads a hand-written note line by line, not structured, listing the rest with line numbers', () => {
    const note = [
      'Cancelled today, I was ill.',
      'Client informed at: 2026-06-10 08:30',
      'how the client was informed: phone call',
      '',
      'What was agreed with the client: rebook next week',
      'Rang the client twice.',
    ].join('\n');
    const parsed = parseNote(snc, note);
    expect(parsed.structured).toBe(false);
    expect(parsed.checklistId).toBeUndefined();
    // G-06: labels are matched in any case, so "how" reads as "How".
    expect(parsed.answers).toEqual({ informedAt: '2026-06-10T08:30', contactMethod: 'phone', agreed: 'rebook next week' });
    expect(parsed.unread.map(({ line, text }) => ({ line, text }))).toEqual([
      { line: 1, text: 'Cancelled today, I was ill.' },
      { line: 6, text: 'Rang the client twice.' },
    ]);
    expect(parsed.unread.every((line) => line.reason !== '')).toBe(true);
  });

  it('reads Chinese labels with a full-width colon', () => {
    const parsed = parseNote(snc, '通知客户的方式：电话\n与客户商定的内容：下周同一时间');
    expect(parsed.answers).toEqual({ contactMethod: 'phone', agreed: '下周同一时间' });
    expect(parsed.unread).toEqual([]);
  });

  it('an edited note with a bad option value: that line is unread, the rest read', () => {
    const note = renderNote(snc, RECORD).replace(
      'How the client was informed: SMS text message',
      'How the client was informed: Carrier pigeon',
    );
    const lineNo = note.split('\n').indexOf('How the client was informed: Carrier pigeon') + 1;
    const parsed = parseNote(snc, note);
    expect(parsed.structured).toBe(true);
    const { contactMethod: _dropped, ...rest } = RECORD;
    expect(parsed.answers).toEqual(rest);
    expect(parsed.unread).toHaveLength(1);
    expect(parsed.unread[0]).toMatchObject({ line: lineNo, text: 'How the client was informed: Carrier pigeon' });
    expect(parsed.unread[0]!.reason).toContain('How the client was informed');
  });

  it('bad dates, times and yes/no answers are unread, in the requested language', () => {
    const note = [
      'Client informed at: 2026-06-31 08:30',
      'New session: tomorrow',
      'Immediate welfare, safeguarding or risk concern: perhaps',
    ].join('\n');
    const parsed = parseNote(snc, note, { locale: 'zh-CN' });
    expect(parsed.answers).toEqual({});
    expect(parsed.unread.map((line) => line.line)).toEqual([1, 2, 3]);
    expect(parsed.unread[0]!.reason).toContain('通知客户的时间');
  });

  it.each([
    ['2026-06-10 08:30', '2026-06-10T08:30'],
    ['2026-06-10T08:30', '2026-06-10T08:30'],
    ['  2026-06-10 08:30  ', '2026-06-10T08:30'],
    ['2026-06-10  08:30', undefined],
    ['2026-06-10 08 30', undefined],
    ['2026-06-10T08 30', undefined],
    ['2026-06-10 8:30', undefined],
    ['2026-06-10', undefined],
  ])('reads the date and time %j as %j, as the space-for-T form it was written in', (written, answer) => {
    expect(parseNote(snc, `Client informed at: ${written}`).answers.informedAt).toBe(answer);
  });

  it('reports a bad multi-line answer at its label line', () => {
    const note = [
      'Attendance: Attended',
      'Client informed at:',
      '    2026-06-10 08:30',
      '    and again at 09:00',
      'Attendance: Did not attend',
    ].join('\n');
    const parsed = parseNote(snc, note);
    expect(parsed.answers).toEqual({ attendance: 'attended' });
    expect(parsed.unread.map(({ line, text }) => ({ line, text }))).toEqual([
      { line: 2, text: 'Client informed at:' },
      { line: 5, text: 'Attendance: Did not attend' },
    ]);
    expect(parsed.unread[1]!.reason).toMatch(/twice/);
  });

  it('accepts option values, option labels in either language, any case', () => {
    const parsed = parseNote(
      snc,
      [
        'Attendance: cancelled-by-provider',
        'How the client was informed: 电话',
        "Client's preferred contact method (agreed at contracting): PHONE CALL",
      ].join('\n'),
    );
    expect(parsed.answers).toEqual({ attendance: 'cancelled-by-provider', contactMethod: 'phone', preferredMethod: 'phone' });
  });

  it('a note of another checklist is not read as this one', () => {
    const note = 'Follow-up session [Chartguard fus/2]\n\n== Session ==\nAttendance: Attended';
    const parsed = parseNote(snc, note);
    expect(parsed).toMatchObject({ checklistId: 'fus', version: 2, structured: true, answers: {} });
    expect(parsed.unread).toEqual([{ line: 1, text: 'Follow-up session [Chartguard fus/2]', reason: expect.stringContaining('fus') }]);
    expect(noteChecklistId(note)).toBe('fus');
  });

  it('noteChecklistId reads only the header', () => {
    expect(noteChecklistId('\n\n  ' + renderNote(snc, RECORD))).toBe('snc');
    expect(noteChecklistId('Client informed at: 2026-06-10 08:30')).toBeUndefined();
    expect(noteChecklistId('')).toBeUndefined();
  });

  it('reads a header exactly as its regular-expression definition does', () => {
    const HEADER = /\[Chartguard ([a-z][a-z0-9-]*)\/(\d+)\]\s*$/;
    const byExpression = (line: string) => {
      const match = HEADER.exec(line);
      return match ? { id: match[1], version: Number(match[2]) } : undefined;
    };
    // Lines built from the pieces a header is made of, so near-misses are common.
    const piece = fc.constantFrom(
      '[Chartguard ',
      '[Chartguard',
      '[',
      ']',
      '/',
      'snc',
      'a-1',
      'A',
      '-x',
      '0',
      '12',
      ' ',
      '\t',
      '\u00a0',
      '\u3000',
      'x',
      '：',
      '\u2028',
    );
    const line = fc.oneof(
      fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('')),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(line, (text) => {
        expect(readHeader(text)).toEqual(byExpression(text));
      }),
      { numRuns: 5000 },
    );
    expect(readHeader('Short-notice cancellation [Chartguard snc/1]  ')).toEqual({ id: 'snc', version: 1 });
    expect(readHeader('[Chartguard x/1] [Chartguard snc/007]')).toEqual({ id: 'snc', version: 7 });
  });

  it('tells blank lines and headings as their regular-expression definition does', () => {
    const byExpression = (line: string) => line.trim() === '' || /^== (.*) ==$/.test(line.trim());
    const piece = fc.constantFrom('==', '=', ' ', 'Risk', '\u2028', '\u2029', '\u00a0', '\t', ':', '');
    fc.assert(
      // Half of them shaped like a heading, so the near-misses inside one are tried.
      fc.property(fc.array(piece, { maxLength: 9 }), fc.boolean(), (parts, framed) => {
        const line = framed ? `== ${parts.join('')} ==` : parts.join('');
        expect(isBlankOrHeading(line), JSON.stringify(line)).toBe(byExpression(line));
      }),
      { numRuns: 5000 },
    );
  });

  it('noteChecklistId finds the first header line (the first filled line, or an entry appended below hand-written text) whatever ends the lines', () => {
    const expected = (text: string) => {
      const header = text
        .replace(/\r\n?/g, '\n')
        .split('\n')
        .find((line) => readHeader(line) !== undefined);
      return header === undefined ? undefined : readHeader(header)?.id;
    };
    const piece = fc.constantFrom(
      '\n',
      '\r',
      '\r\n',
      ' ',
      'Note [Chartguard snc/1]',
      'Note [Chartguard fus/2]',
      'hand-written',
      '[Chartguard ia/1]\r',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        expect(noteChecklistId(text)).toBe(expected(text));
      }),
      { numRuns: 3000 },
    );
  });

  const garbage: [string, unknown][] = [
    ['empty', ''],
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    [
      'an object',
      {
        toString: () => {
          throw new Error('no');
        },
      },
    ],
    ['a prototype-less object', Object.create(null)],
    ['binary-ish', String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 65536))],
    ['lone surrogates', '\uD800Attendance: \uDFFF\n\u0000\u0001'],
    ['only headings', '== a ==\n== b ==\n===='],
    ['a header alone', 'x [Chartguard snc/1]'],
    ['a label with no value', 'Attendance:\n\nNew session:'],
    ['huge', ('Attendance: Attended\n' + 'x'.repeat(200) + '\n').repeat(20_000)],
    ['a huge blank block', 'What was agreed with the client:\n' + '\n'.repeat(100_000) + '    at last'],
    ['a huge line', 'What was agreed with the client: ' + 'é'.repeat(2_000_000)],
  ];

  it.each(garbage)('never throws on %s', (_name, input) => {
    const started = performance.now();
    const parsed = parseNote(snc, input as string);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(parsed.answers).toBeTypeOf('object');
    expect(Array.isArray(parsed.unread)).toBe(true);
    expect(() => noteChecklistId(input as string)).not.toThrow();
  });

  it('a huge blank block inside an answer is read in linear time', () => {
    const parsed = parseNote(snc, 'What was agreed with the client:\n    first\n' + '\n'.repeat(100_000) + '    last');
    expect(parsed.answers.agreed).toBe('first\n' + '\n'.repeat(100_000) + 'last');
  });
});

// ---- Property: render → parse is the identity on normalised records ----

const allLabels = [
  ...new Set(
    snc.sections.flatMap((section) => [
      ...LOCALES.map((locale) => localize(section.title, locale)),
      ...section.fields.flatMap((field) => LOCALES.map((locale) => localize(field.label, locale))),
    ]),
  ),
];

const pad = (n: number) => String(n).padStart(2, '0');
const dateArb = fc
  .record({ y: fc.integer({ min: 1990, max: 2099 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}`);
const datetimeArb = fc
  .tuple(dateArb, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([date, h, mi]) => `${date}T${pad(h)}:${pad(mi)}`);

/** One line of what a clinician might type, including things that look like note syntax. */
const lineArb = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 30 }),
  fc.string({ unit: fc.constantFrom(...'风险客户会谈重新预约电话：，。（）'), maxLength: 12 }),
  fc.constantFrom('😀', '👩🏽‍⚕️', '🇬🇧', 'é', 'e\u0301', '\u00A0', '\u3000', '\t', '\u2028'),
  fc.string({ maxLength: 10 }).map((s) => `== ${s} ==`),
  fc.constantFrom(...allLabels).chain((label) => fc.string({ maxLength: 10 }).map((s) => `${label}: ${s}`)),
  fc.constantFrom(...allLabels).map((label) => `${label}:`),
  fc.string({ maxLength: 10 }).map((s) => `    ${s}`),
  fc.string({ maxLength: 10 }).map((s) => ` ${s}`),
  fc.constant('Title [Chartguard snc/1]'),
  fc.constant(''),
);
const textArb = fc.oneof(
  lineArb,
  fc.array(lineArb, { minLength: 2, maxLength: 6 }).chain((lines) => fc.constantFrom('\n', '\r\n', '\r').map((eol) => lines.join(eol))),
);

function answerArb(field: ChecklistField): fc.Arbitrary<unknown> {
  switch (field.type) {
    case 'attendance':
      return fc.constantFrom(...ATTENDANCE_CODES);
    case 'choice':
      return fc.constantFrom(...field.options!.map((option) => option.value));
    case 'multichoice':
      return fc.subarray(
        field.options!.map((option) => option.value),
        { minLength: 1 },
      );
    case 'boolean':
      return fc.boolean();
    case 'number':
      return fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(-0));
    case 'date':
      return dateArb;
    case 'datetime':
      return datetimeArb;
    default:
      return textArb;
  }
}

function recordArb(checklist: Checklist): fc.Arbitrary<Record<string, unknown>> {
  const fields = checklist.sections.flatMap((section) => section.fields);
  return fc.record(Object.fromEntries(fields.map((field) => [field.id, answerArb(field)])), { requiredKeys: [] });
}

/** Every checklist in checklists/ (recognised by its format tag), so multichoice, numbers and dates are covered too. */
const checklistDir = fileURLToPath(new URL('../../checklists', import.meta.url));
const otherChecklists: [string, Checklist][] = readdirSync(checklistDir)
  .filter((name) => name.endsWith('.json'))
  .map((name) => [name, JSON.parse(readFileSync(join(checklistDir, name), 'utf8')) as { format?: unknown }] as const)
  .filter(([, data]) => data.format === 'chartguard-checklist/1')
  .map(([name, data]) => [name, parseChecklist(data)]);

describe('render → parse round trip (property)', () => {
  it.each(LOCALES as readonly Locale[])('gives the normalised record back, nothing unread (%s)', (locale) => {
    fc.assert(
      fc.property(recordArb(snc), (raw) => {
        const expected = normalizeRecord(snc, raw);
        const parsed = parseNote(snc, renderNote(snc, raw, { locale }));
        expect(parsed.unread).toEqual([]);
        expect(parsed.answers).toEqual(expected);
        expect(parsed.structured).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it.each(otherChecklists)('holds for every shipped checklist: %s', (_file, checklist) => {
    fc.assert(
      fc.property(recordArb(checklist), fc.constantFrom(...LOCALES), (raw, locale) => {
        const parsed = parseNote(checklist, renderNote(checklist, raw, { locale }));
        expect(parsed.unread).toEqual([]);
        expect(parsed.answers).toEqual(normalizeRecord(checklist, raw));
      }),
      { numRuns: 100 },
    );
  });

  it('survives a portal stripping trailing blanks', () => {
    fc.assert(
      fc.property(recordArb(snc), fc.constantFrom(...LOCALES), (raw, locale) => {
        const note = renderNote(snc, raw, { locale })
          .split('\n')
          .map((line) => line.replace(/[ ]+$/, ''))
          .join('\n');
        const expected = normalizeRecord(snc, raw);
        const parsed = parseNote(snc, note);
        // Trailing spaces inside an answer are lost with the portal's stripping; nothing else is.
        const strip = (value: unknown) => (typeof value === 'string' ? value.replace(/[ ]+$/gm, '') : value);
        expect(parsed.unread).toEqual([]);
        expect(Object.fromEntries(Object.entries(parsed.answers).map(([k, v]) => [k, strip(v)]))).toEqual(
          Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, strip(v)])),
        );
      }),
      { numRuns: 100 },
    );
  });
});

describe('gradeNote grades what the note says as evaluate grades the record (property)', () => {
  // gradeNote skips checks the note reader already made; page answers laid over the note, good or bad, are checked again.
  const pageValueArb = (checklist: Checklist) =>
    fc.option(
      fc
        .constantFrom(...checklist.sections.flatMap((section) => section.fields))
        .chain((field) =>
          fc.tuple(
            fc.constant(field.id),
            fc.oneof(answerArb(field), fc.constantFrom('yesterday', '2026-02-31T10:00', 'maybe', '12', ' 2026-06-10T10:00 ')),
          ),
        ),
      { nil: undefined },
    );
  const now = new Date(2026, 5, 12, 12, 0);

  it.each([['snc.json', snc] as [string, Checklist], ...otherChecklists])('%s', (_file, checklist) => {
    fc.assert(
      fc.property(recordArb(checklist), pageValueArb(checklist), fc.constantFrom(...LOCALES), (raw, page, locale) => {
        const answers = page ? { [page[0]]: page[1] } : undefined;
        const grade = gradeNote({ checklists: [checklist], text: renderNote(checklist, raw, { locale }), answers, now, locale });
        // The record the note holds (the round trip above), with the page's answer read by its field's type laid over it.
        const record: Record<string, unknown> = normalizeRecord(checklist, raw);
        const field = page && checklist.sections.flatMap((section) => section.fields).find((candidate) => candidate.id === page[0])!;
        if (page && isAnswered(page[1])) record[page[0]] = readPageValue(field!, page[1]);
        const expected = evaluate(checklist, record, { now, locale });
        expect(grade.evaluation!.issues).toEqual(expected.issues);
        expect(grade.badge).toBe(expected.badge);
      }),
      { numRuns: 150 },
    );
  });
});
