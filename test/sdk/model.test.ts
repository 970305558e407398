// The checklist meta-schema: organisations write checklists as data, so a
// broken checklist must be refused with every problem named by its path.
import { describe, it, expect } from 'vitest';
import sncJson from '../../checklists/snc.json';
import { ChecklistError, checklistSchema, evaluate, parseChecklist, parseNote, renderNote, toZod } from '../../sdk/src/index.js';

/** A small checklist an organisation might write by hand: a home visit note. */
const HOME_VISIT = `{
  "format": "chartguard-checklist/1",
  "id": "home-visit",
  "version": 3,
  "title": { "en": "Home visit", "zh-CN": "家访" },
  "policy": { "source": "home-visit-policy.pdf", "title": "Home visit policy" },
  "sections": [
    {
      "id": "visit",
      "title": { "en": "Visit", "zh-CN": "探访" },
      "fields": [
        { "id": "visitedAt", "type": "datetime", "label": { "en": "Visited at", "zh-CN": "探访时间" } },
        {
          "id": "outcome", "type": "choice", "label": { "en": "Outcome", "zh-CN": "结果" },
          "options": [
            { "value": "well", "label": { "en": "Client well", "zh-CN": "客户状况良好" } },
            { "value": "concern", "label": { "en": "Concern raised", "zh-CN": "提出关切" } }
          ]
        },
        {
          "id": "concern", "type": "longtext", "label": { "en": "Concern", "zh-CN": "关切事项" },
          "enableWhen": { "field": "outcome", "op": "equals", "value": "concern" }
        },
        { "id": "minutes", "type": "number", "min": 0, "max": 240, "label": { "en": "Minutes spent", "zh-CN": "花费分钟数" } }
      ]
    }
  ],
  "rules": [
    {
      "id": "HV-01", "severity": "required",
      "summary": { "en": "The visit time and outcome are recorded.", "zh-CN": "记录探访时间和结果。" },
      "requires": ["visitedAt", "outcome", "concern"]
    },
    {
      "id": "HV-02", "severity": "advisory",
      "summary": { "en": "Visits last at least 15 minutes.", "zh-CN": "探访至少持续 15 分钟。" },
      "requires": ["minutes"],
      "expect": { "field": "minutes", "op": "between", "min": 15, "max": 240 }
    }
  ],
  "deadline": {
    "rule": "HV-03",
    "summary": { "en": "Written within 12 h.", "zh-CN": "12 小时内撰写。" },
    "hours": 12,
    "from": ["visitedAt"]
  }
}`;

type Json = any;
const fresh = (): Json => JSON.parse(HOME_VISIT);

/** The problems a checklist is refused with; fails the test if it is accepted. */
function problems(input: unknown): { path: string; message: string }[] {
  try {
    parseChecklist(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ChecklistError);
    return (error as ChecklistError).problems;
  }
  throw new Error('checklist was accepted');
}

describe('a checklist written as data', () => {
  it('validates', () => {
    const checklist = parseChecklist(fresh());
    expect(checklist.id).toBe('home-visit');
    expect(checklistSchema.safeParse(fresh()).success).toBe(true);
  });

  it('evaluates: hidden questions, missing answers, advisory ranges, its own deadline', () => {
    const checklist = parseChecklist(fresh());
    const now = new Date(2026, 5, 10, 12, 0);
    const empty = evaluate(checklist, {}, { now });
    expect(empty.blocking.map((issue) => issue.path[0])).toEqual(['visitedAt', 'outcome']);
    expect(empty.warnings.map((issue) => issue.path[0])).toEqual(['minutes']);
    expect(empty.visible).not.toContain('concern');

    const concern = evaluate(checklist, { visitedAt: '2026-06-10T09:00', outcome: 'concern', minutes: 10 }, { now });
    expect(concern.blocking.map((issue) => [issue.ruleId, issue.code, issue.path[0]])).toEqual([['HV-01', 'missing', 'concern']]);
    expect(concern.warnings.map((issue) => [issue.ruleId, issue.code, issue.path[0]])).toEqual([['HV-02', 'failed', 'minutes']]);
    expect(concern.deadline).toMatchObject({ ruleId: 'HV-03', dueAt: '2026-06-10T21:00' });

    const outOfRange = evaluate(checklist, { visitedAt: '2026-06-10T09:00', outcome: 'well', minutes: 999 }, { now });
    expect(outOfRange.issues.map((issue) => [issue.ruleId, issue.code, issue.severity])).toEqual([['HV-02', 'invalid', 'advisory']]);

    const done = evaluate(checklist, { visitedAt: '2026-06-10T09:00', outcome: 'well', minutes: 30 }, { now });
    expect(done.badge).toBe('complete');
  });

  it('renders and parses its own notes', () => {
    const checklist = parseChecklist(fresh());
    const record = { visitedAt: '2026-06-10T09:00', outcome: 'concern', concern: 'Fridge empty.\nCalled family.', minutes: 45 };
    const note = renderNote(checklist, record, { locale: 'zh-CN' });
    expect(note.split('\n')[0]).toBe('家访 [Chartguard home-visit/3]');
    expect(parseNote(checklist, note)).toEqual({ checklistId: 'home-visit', version: 3, structured: true, answers: record, unread: [] });
  });

  it('a rule may suggest fields: unanswered, each is an advisory issue that never holds Save', () => {
    const data = fresh();
    data.sections[0].fields.push({ id: 'family', type: 'longtext', label: { en: 'Family present', 'zh-CN': '在场家属' } });
    data.rules[0].suggests = ['family'];
    const checklist = parseChecklist(data);
    const e = evaluate(checklist, { visitedAt: '2026-06-10T09:00', outcome: 'well', minutes: 30 }, { now: new Date(2026, 5, 10, 12, 0) });
    expect(e.issues.map((issue) => [issue.ruleId, issue.severity, issue.code, issue.path[0]])).toEqual([
      ['HV-01', 'advisory', 'missing', 'family'],
    ]);
    expect(e.blocking).toEqual([]);
    expect(e.progress.done).toBe(e.progress.total);
    expect(evaluate(checklist, { visitedAt: '2026-06-10T09:00', outcome: 'well', minutes: 30, family: 'Daughter.' }).issues).toEqual([]);
  });

  it('a deadline may also require answers, judged as a required rule under the deadline id', () => {
    const data = fresh();
    data.sections[0].fields.push({ id: 'followUpBy', type: 'date', label: { en: 'Follow up by', 'zh-CN': '跟进日期' } });
    data.deadline.requires = ['followUpBy'];
    const checklist = parseChecklist(data);
    const e = evaluate(checklist, { visitedAt: '2026-06-10T09:00', outcome: 'well', minutes: 30 }, { now: new Date(2026, 5, 10, 12, 0) });
    expect(e.blocking.map((issue) => [issue.ruleId, issue.code, issue.path[0]])).toEqual([['HV-03', 'missing', 'followUpBy']]);
    const invalid = evaluate(checklist, { visitedAt: '2026-06-10T09:00', outcome: 'well', minutes: 30, followUpBy: 'soon' });
    expect(invalid.blocking.map((issue) => [issue.ruleId, issue.code])).toEqual([['HV-03', 'invalid']]);
  });

  it('the shipped SNC checklist validates', () => {
    expect(() => parseChecklist(sncJson)).not.toThrow();
  });
});

describe('the meta-schema refuses a broken checklist, naming the path', () => {
  const cases: { name: string; mutate: (c: Json) => void; path: string; message: RegExp }[] = [
    {
      name: 'unknown field in requires',
      mutate: (c) => c.rules[0].requires.push('visitTime'),
      path: 'rules[0].requires[3]',
      message: /unknown field “visitTime”/,
    },
    {
      name: 'duplicate field id',
      mutate: (c) => c.sections[0].fields.push({ ...c.sections[0].fields[0] }),
      path: 'sections[0].fields[4].id',
      message: /“visitedAt” is used twice/,
    },
    {
      name: 'duplicate rule id',
      mutate: (c) => (c.rules[1].id = 'HV-01'),
      path: 'rules[1].id',
      message: /“HV-01” is used twice/,
    },
    {
      name: 'duplicate section id',
      mutate: (c) => {
        c.sections.push({
          id: 'visit',
          title: { en: 'More', 'zh-CN': '更多' },
          fields: [{ id: 'extra', type: 'boolean', label: { en: 'Extra', 'zh-CN': '额外' } }],
        });
        c.rules[0].requires.push('extra');
      },
      path: 'sections[1].id',
      message: /section id “visit” is used twice/,
    },
    {
      name: 'deadline named like a rule',
      mutate: (c) => (c.deadline.rule = 'HV-02'),
      path: 'deadline.rule',
      message: /already used/,
    },
    {
      name: 'enableWhen referring to a later field',
      mutate: (c) => (c.sections[0].fields[1].enableWhen = { field: 'minutes', op: 'exists' }),
      path: 'sections[0].fields[1].enableWhen',
      message: /“outcome” depends on “minutes”, which comes after it/,
    },
    {
      name: 'enableWhen referring to the field itself',
      mutate: (c) => (c.sections[0].fields[3].enableWhen = { field: 'minutes', op: 'exists' }),
      path: 'sections[0].fields[3].enableWhen',
      message: /comes after it/,
    },
    {
      name: 'enableWhen referring to an unknown field',
      mutate: (c) => (c.sections[0].fields[3].enableWhen = { field: 'duration', op: 'exists' }),
      path: 'sections[0].fields[3].enableWhen',
      message: /unknown field “duration”/,
    },
    {
      name: 'choice without options',
      mutate: (c) => delete c.sections[0].fields[1].options,
      path: 'sections[0].fields[1].options',
      message: /a choice field needs options/,
    },
    {
      name: 'options on a text field',
      mutate: (c) => (c.sections[0].fields[2].options = [{ value: 'a', label: { en: 'A', 'zh-CN': '甲' } }]),
      path: 'sections[0].fields[2].options',
      message: /takes no options/,
    },
    {
      name: 'duplicate option values',
      mutate: (c) => c.sections[0].fields[1].options.push({ value: 'well', label: { en: 'Fine', 'zh-CN': '好' } }),
      path: 'sections[0].fields[1].options',
      message: /unique/,
    },
    {
      name: 'min on a non-number field',
      mutate: (c) => (c.sections[0].fields[2].min = 1),
      path: 'sections[0].fields[2].min',
      message: /only number fields/,
    },
    {
      name: 'unused field',
      mutate: (c) => c.sections[0].fields.push({ id: 'weather', type: 'text', label: { en: 'Weather', 'zh-CN': '天气' } }),
      path: 'sections[0].fields[4].id',
      message: /“weather” is not used by any rule/,
    },
    {
      name: 'two questions with the same label (notes could not tell them apart)',
      mutate: (c) => (c.sections[0].fields[3].label['zh-CN'] = '结果'),
      path: 'sections[0].fields[3].label.zh-CN',
      message: /also the label of “outcome”/,
    },
    {
      name: 'a label in one language equal to another question’s label in the other',
      mutate: (c) => (c.sections[0].fields[3].label.en = '结果'),
      path: 'sections[0].fields[3].label.en',
      message: /also the label of “outcome”/,
    },
    {
      name: 'a label spanning lines',
      mutate: (c) => (c.sections[0].fields[0].label.en = 'Visited\nat'),
      path: 'sections[0].fields[0].label.en',
      message: /one line/,
    },
    {
      name: 'missing zh-CN text',
      mutate: (c) => delete c.rules[1].summary['zh-CN'],
      path: 'rules[1].summary.zh-CN',
      message: /expected string/,
    },
    {
      name: 'blank English text',
      mutate: (c) => (c.sections[0].fields[0].label.en = '   '),
      path: 'sections[0].fields[0].label.en',
      message: /English text is missing/,
    },
    {
      name: 'unknown key in a field (typo)',
      mutate: (c) => (c.sections[0].fields[0].lable = c.sections[0].fields[0].label),
      path: 'sections[0].fields[0]',
      message: /lable/,
    },
    {
      name: 'unknown field type',
      mutate: (c) => (c.sections[0].fields[0].type = 'time'),
      path: 'sections[0].fields[0].type',
      message: /./,
    },
    {
      name: 'rule with neither requires nor expect',
      mutate: (c) => c.rules.push({ id: 'HV-04', severity: 'advisory', summary: { en: 'Be kind.', 'zh-CN': '友善。' } }),
      path: 'rules[2]',
      message: /needs `requires`, `expect` or both/,
    },
    {
      name: 'bad rule id',
      mutate: (c) => (c.rules[0].id = 'hv1'),
      path: 'rules[0].id',
      message: /rule ids look like SNC-01/,
    },
    {
      name: 'deadline from a non-date field',
      mutate: (c) => (c.deadline.from = ['outcome']),
      path: 'deadline.from[0]',
      message: /must be of type datetime or date/,
    },
    {
      name: 'unknown field in an expect',
      mutate: (c) => (c.rules[1].expect = { field: 'minutes', op: 'before', otherField: 'leftAt' }),
      path: 'rules[1].expect',
      message: /unknown field “leftAt”/,
    },
    {
      name: 'condition value that is not an option',
      mutate: (c) => (c.sections[0].fields[2].enableWhen.value = 'concerned'),
      path: 'sections[0].fields[2].enableWhen',
      message: /“outcome” has no option “concerned”/,
    },
    {
      name: 'yes/no question compared with a string',
      mutate: (c) => {
        c.sections[0].fields.push({ id: 'alone', type: 'boolean', label: { en: 'Lives alone', 'zh-CN': '独居' } });
        c.rules[1].when = { field: 'alone', op: 'equals', value: 'true' };
      },
      path: 'rules[1].when',
      message: /“alone” is a yes\/no question/,
    },
    {
      name: '“between” on a text field',
      mutate: (c) => (c.rules[0].expect = { field: 'concern', op: 'between', min: 1, max: 2 }),
      path: 'rules[0].expect',
      message: /needs a number field/,
    },
    {
      name: 'wrong format tag',
      mutate: (c) => (c.format = 'chartguard-checklist/2'),
      path: 'format',
      message: /./,
    },
  ];

  it.each(cases)('$name → one problem at $path', ({ mutate, path, message }) => {
    const checklist = fresh();
    mutate(checklist);
    const found = problems(checklist);
    expect(found.map((problem) => problem.path)).toEqual([path]);
    expect(found[0]!.message).toMatch(message);
  });

  it('names several problems at once', () => {
    const checklist = fresh();
    checklist.rules[0].requires.push('visitTime');
    checklist.sections[0].fields.push({ id: 'weather', type: 'text', label: { en: 'Weather', 'zh-CN': '天气' } });
    delete checklist.sections[0].fields[1].options;
    expect(
      problems(checklist)
        .map((problem) => problem.path)
        .sort(),
    ).toEqual(['rules[0].requires[3]', 'sections[0].fields[1].options', 'sections[0].fields[4].id'].sort());
  });

  it('the error message lists every problem', () => {
    const checklist = fresh();
    checklist.rules[0].requires.push('visitTime');
    checklist.sections[0].fields.push({ id: 'weather', type: 'text', label: { en: 'Weather', 'zh-CN': '天气' } });
    expect(() => parseChecklist(checklist)).toThrow(/rules\[0\]\.requires\[3\][^]*sections\[0\]\.fields\[4\]\.id/);
  });

  it.each([null, undefined, 'snc', 42, [], {}])('refuses non-checklists (%o) with a ChecklistError', (input) => {
    expect(problems(input).length).toBeGreaterThan(0);
  });
});

describe('toZod', () => {
  const snc = parseChecklist(sncJson);
  const complete = {
    attendance: 'cancelled-by-provider',
    sessionAt: '2026-06-10T10:00',
    informedAt: '2026-06-10T08:30',
    contactMethod: 'phone',
    preferredMethod: 'phone',
    rebookOutcome: 'client-declined',
    agreed: 'Client will book online.',
    riskConcern: false,
  };

  it('fails on required issues, each carrying its rule id, severity and code', () => {
    const result = toZod(snc).safeParse({ ...complete, agreed: '', attendance: 'attended' });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((issue) => ({ path: issue.path, params: (issue as { params?: unknown }).params }));
    expect(issues).toEqual([
      { path: ['attendance'], params: { ruleId: 'SNC-01', severity: 'required', code: 'failed' } },
      { path: ['agreed'], params: { ruleId: 'SNC-06', severity: 'required', code: 'missing' } },
    ]);
    expect(result.error!.issues[0]!.message).toMatch(/^SNC-01: /);
  });

  it('passes a complete record and returns it normalised', () => {
    const result = toZod(snc).safeParse({ ...complete, agreed: '  Client will book online.\r\n', extra: 1 });
    expect(result.success).toBe(true);
    expect(result.data).toEqual(complete);
  });

  it('passes advisory-only records unless severity is "all"', () => {
    const advisoryOnly = { ...complete, absenceLonger: true };
    expect(toZod(snc).safeParse(advisoryOnly).success).toBe(true);
    const all = toZod(snc, { severity: 'all' }).safeParse(advisoryOnly);
    expect(all.success).toBe(false);
    expect(all.error!.issues.map((issue) => (issue as { params?: unknown }).params)).toEqual([
      { ruleId: 'SNC-11', severity: 'advisory', code: 'missing' },
    ]);
  });

  it('speaks the requested language', () => {
    const result = toZod(snc, { locale: 'zh-CN' }).safeParse({ ...complete, agreed: undefined });
    expect(result.error!.issues[0]!.message).toContain('与客户商定的内容');
  });

  it('refuses a non-object', () => {
    expect(toZod(snc).safeParse('a record').success).toBe(false);
  });
});
