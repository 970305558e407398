// Follow-ups (catalogue v2): duties done after the first save are results of
// evaluate of their own (open, done, due, overdue), never hold Save, and keep
// a recorded risk at attention only while they are open (G-05).
import { describe, expect, it } from 'vitest';
import { ChecklistError, evaluate, parseChecklist, toZod } from '../../sdk/src/index.js';

type Json = any;
const base = (): Json => ({
  format: 'chartguard-checklist/1',
  id: 'home-visit',
  version: 1,
  title: { en: 'Home visit', 'zh-CN': '家访' },
  policy: { source: 'home-visit-policy.pdf', title: 'Home visit policy' },
  sections: [
    {
      id: 'visit',
      title: { en: 'Visit', 'zh-CN': '探访' },
      fields: [
        { id: 'visitedAt', type: 'datetime', label: { en: 'Visited at', 'zh-CN': '探访时间' } },
        { id: 'concern', type: 'boolean', label: { en: 'Concern', 'zh-CN': '担忧' } },
        {
          id: 'escalatedAt',
          type: 'datetime',
          label: { en: 'Escalated at', 'zh-CN': '上报时间' },
          enableWhen: { field: 'concern', op: 'equals', value: true },
        },
        { id: 'missedNoted', type: 'boolean', label: { en: 'Missed', 'zh-CN': '未到' } },
        {
          id: 'rebookedAt',
          type: 'datetime',
          label: { en: 'Rebooked', 'zh-CN': '重新预约' },
          enableWhen: { field: 'missedNoted', op: 'equals', value: true },
        },
      ],
    },
  ],
  rules: [
    {
      id: 'HV-01',
      severity: 'required',
      summary: { en: 'Visit time and concern recorded.', 'zh-CN': '记录时间和担忧。' },
      requires: ['visitedAt', 'concern'],
    },
    {
      id: 'HV-02',
      severity: 'follow-up',
      summary: { en: 'A concern is escalated.', 'zh-CN': '上报担忧。' },
      when: { field: 'concern', op: 'equals', value: true },
      requires: ['escalatedAt'],
      due: { from: ['visitedAt'], hours: 1 },
    },
    { id: 'HV-03', severity: 'required', summary: { en: 'Missed noted.', 'zh-CN': '记录未到。' }, requires: ['missedNoted'] },
    {
      id: 'HV-03',
      severity: 'follow-up',
      summary: { en: 'Rebooking is followed up.', 'zh-CN': '跟进重新预约。' },
      when: { field: 'missedNoted', op: 'equals', value: true },
      requires: ['rebookedAt'],
      due: { from: ['visitedAt'], workingDays: 2 },
    },
  ],
  attention: [
    { rule: 'HV-02', when: { field: 'concern', op: 'equals', value: true }, summary: { en: 'Concern raised.', 'zh-CN': '提出担忧。' } },
  ],
});

const problems = (input: unknown) => {
  try {
    parseChecklist(input);
  } catch (error) {
    return (error as ChecklistError).problems;
  }
  throw new Error('accepted');
};

describe('follow-up rules in the meta-schema', () => {
  it('accept a follow-up beside a required rule of the same id', () => {
    expect(parseChecklist(base()).rules.filter((rule) => rule.id === 'HV-03')).toHaveLength(2);
  });
  it('refuse a follow-up without a trigger', () => {
    const c = base();
    delete c.rules[1].when;
    expect(problems(c).map((p) => p.path)).toEqual(['rules[1].when']);
  });
  it('refuse a due time on a required rule', () => {
    const c = base();
    c.rules[0].due = { from: ['visitedAt'], hours: 2 };
    expect(problems(c).map((p) => p.path)).toEqual(['rules[0].due']);
  });
  it('refuse two ways of reckoning one due time', () => {
    const c = base();
    c.rules[1].due = { from: ['visitedAt'], hours: 2, endOfDay: true };
    expect(problems(c)[0]!.message).toMatch(/one of/);
  });
  it('refuse the same follow-up twice', () => {
    const c = base();
    c.rules.push({ ...c.rules[1] });
    expect(problems(c).map((p) => p.path)).toEqual(['rules[4].id']);
  });
});

describe('follow-ups in evaluate', () => {
  const checklist = parseChecklist(base());
  const at = (iso: string) => new Date(iso);

  it('a risk record saves at once: nothing blocks, the follow-up is open with its due time, the record is at attention', () => {
    const e = evaluate(checklist, { visitedAt: '2026-06-10T09:00', concern: true, missedNoted: false }, { now: at('2026-06-10T09:30:00') });
    expect(e.blocking).toEqual([]);
    expect(e.status).toBe('complete');
    expect(e.followUps).toEqual([
      expect.objectContaining({ ruleId: 'HV-02', state: 'open', dueAt: '2026-06-10T10:00', overdue: false, attention: true }),
    ]);
    expect(e.issues.map((i) => `${i.ruleId}/${i.severity}`)).toEqual(['HV-02/follow-up']);
    expect(e.warnings).toEqual([]);
    expect(e.attention.map((a) => a.ruleId)).toEqual(['HV-02']);
    expect(e.riskRecorded).toBe(true);
    expect(e.badge).toBe('attention');
  });

  it('the follow-up done: attention clears, the risk stays recorded', () => {
    const e = evaluate(
      checklist,
      { visitedAt: '2026-06-10T09:00', concern: true, escalatedAt: '2026-06-10T09:20', missedNoted: false },
      { now: at('2026-06-10T11:00:00') },
    );
    expect(e.followUps).toEqual([expect.objectContaining({ ruleId: 'HV-02', state: 'done', overdue: false, issues: [] })]);
    expect(e.attention).toEqual([]);
    expect(e.riskRecorded).toBe(true);
    expect(e.badge).toBe('complete');
  });

  it('an open follow-up past its due time is overdue (attention still outranks it)', () => {
    const e = evaluate(checklist, { visitedAt: '2026-06-10T09:00', concern: true, missedNoted: false }, { now: at('2026-06-10T10:01:00') });
    expect(e.followUps[0]).toMatchObject({ state: 'open', overdue: true });
    expect(e.badge).toBe('attention');
  });

  it('due times are organisation settings', () => {
    const e = evaluate(
      checklist,
      { visitedAt: '2026-06-10T09:00', concern: true, missedNoted: false },
      { now: at('2026-06-10T09:30:00'), settings: { followUpHours: { 'HV-02': 3 } } },
    );
    expect(e.followUps[0]!.dueAt).toBe('2026-06-10T12:00');
  });

  it('a follow-up without risk: open is incomplete before its due time and overdue after, never blocking; working days skip the weekend', () => {
    // 2026-06-12 is a Friday: two working days later is Tuesday the 16th.
    const record = { visitedAt: '2026-06-12T09:00', concern: false, missedNoted: true };
    const before = evaluate(checklist, record, { now: at('2026-06-15T09:00:00') });
    expect(before.followUps).toEqual([
      expect.objectContaining({ ruleId: 'HV-03', state: 'open', dueAt: '2026-06-16T09:00', attention: false, overdue: false }),
    ]);
    expect(before.blocking).toEqual([]);
    expect(before.badge).toBe('incomplete');
    expect(before.riskRecorded).toBe(false);
    const after = evaluate(checklist, record, { now: at('2026-06-16T09:01:00') });
    expect(after.badge).toBe('overdue');
    expect(after.blocking).toEqual([]);
  });

  it('a follow-up whose trigger does not hold is not listed', () => {
    const e = evaluate(
      checklist,
      { visitedAt: '2026-06-10T09:00', concern: false, missedNoted: false },
      { now: at('2026-06-10T09:30:00') },
    );
    expect(e.followUps).toEqual([]);
    expect(e.badge).toBe('complete');
  });

  it('toZod passes a record whose only open duties are follow-ups, and fails it with severity "all"', () => {
    const record = { visitedAt: '2026-06-10T09:00', concern: true, missedNoted: false };
    expect(toZod(checklist).safeParse(record).success).toBe(true);
    expect(toZod(checklist, { severity: 'all' }).safeParse(record).success).toBe(false);
  });
});
