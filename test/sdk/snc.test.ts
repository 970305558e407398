// The SNC checklist (therapist's short-notice cancellation, seed 000) rule by
// rule: every record here is one complete, valid record with one thing changed.
import { describe, it, expect } from 'vitest';
import sncJson from '../../checklists/snc.json';
import {
  BADGE_PRECEDENCE,
  evaluate,
  parseChecklist,
  parseLocalDateTime,
  type Badge,
  type EvaluateOptions,
  type Evaluation,
  type Issue,
} from '../../sdk/src/index.js';
import { COMPLETE_SNC_RECORD } from '../fixtures/snc-record';

const snc = parseChecklist(sncJson);

/** Local wall-clock time, as the portal gives it. June avoids daylight-saving changes in most zones. */
const at = (value: string): Date => {
  const date = parseLocalDateTime(value);
  if (!date) throw new Error(`bad test datetime ${value}`);
  return date;
};

const BASE = {
  ...COMPLETE_SNC_RECORD,
  agreed: 'Same time next week; client happy with that.',
  clientUnhappy: false,
  absenceSignificant: false,
  absenceLonger: false,
} as const;

/** Shortly after the cancellation, well within the 24 h deadline. */
const SOON = at('2026-06-10T12:00');

type Changes = Record<string, unknown>;

function run(changes: Changes = {}, options: EvaluateOptions = {}): Evaluation {
  return evaluate(snc, { ...BASE, ...changes }, { now: SOON, ...options });
}

const ofRule = (evaluation: Evaluation, ruleId: string): Issue[] => evaluation.issues.filter((issue) => issue.ruleId === ruleId);

/** The fields of an issue that say what went wrong and where. */
const shape = ({ ruleId, severity, code, path }: Issue) => ({ ruleId, severity, code, path });

describe('the base record', () => {
  it('is complete, valid and within its deadline', () => {
    const e = run();
    expect(e.issues).toEqual([]);
    expect(e.status).toBe('complete');
    expect(e.badge).toBe('complete');
    expect(e.deadline).toMatchObject({ ruleId: 'SNC-08', hours: 24, lateByMinutes: 0 });
    expect(e.progress.done).toBe(e.progress.total);
  });
});

interface FailingCase {
  rule: string;
  name: string;
  changes: Changes;
  issue: { severity: 'required' | 'follow-up' | 'advisory'; code: Issue['code']; path: string[] };
  options?: EvaluateOptions;
  /** Rules that necessarily fail alongside (an overdue record is by definition incomplete). */
  alongside?: string[];
}

/** One or more ways to break each rule; each must yield exactly the issue named. */
const failing: FailingCase[] = [
  {
    rule: 'SNC-01',
    name: 'attendance not coded',
    changes: { attendance: undefined },
    issue: { severity: 'required', code: 'missing', path: ['attendance'] },
  },
  {
    rule: 'SNC-01',
    name: 'coded as did-not-attend',
    changes: { attendance: 'did-not-attend' },
    issue: { severity: 'required', code: 'failed', path: ['attendance'] },
  },
  {
    rule: 'SNC-01',
    name: 'coded as cancelled by the client',
    changes: { attendance: 'cancelled-by-client-short-notice' },
    issue: { severity: 'required', code: 'failed', path: ['attendance'] },
  },
  {
    rule: 'SNC-01',
    name: 'not an attendance code',
    changes: { attendance: 'cancelled' },
    issue: { severity: 'required', code: 'invalid', path: ['attendance'] },
  },
  {
    rule: 'SNC-02',
    name: 'when the client was informed is missing',
    changes: { informedAt: undefined },
    issue: { severity: 'required', code: 'missing', path: ['informedAt'] },
  },
  {
    rule: 'SNC-02',
    name: 'how the client was informed is missing',
    changes: { contactMethod: '' },
    issue: { severity: 'required', code: 'missing', path: ['contactMethod'] },
  },
  {
    rule: 'SNC-02',
    name: 'informed-at is not a local datetime',
    changes: { informedAt: '10/06/2026 08:30' },
    issue: { severity: 'required', code: 'invalid', path: ['informedAt'] },
  },
  {
    rule: 'SNC-02',
    name: 'informed-at is an impossible date',
    changes: { informedAt: '2026-06-31T08:30' },
    issue: { severity: 'required', code: 'invalid', path: ['informedAt'] },
  },
  {
    rule: 'SNC-02',
    name: 'contact method not among the options',
    changes: { contactMethod: 'carrier-pigeon' },
    issue: { severity: 'required', code: 'invalid', path: ['contactMethod'] },
  },
  {
    rule: 'SNC-03',
    name: 'preferred method missing',
    changes: { preferredMethod: undefined },
    issue: { severity: 'required', code: 'missing', path: ['preferredMethod'] },
  },
  {
    rule: 'SNC-03',
    name: 'other method used, no reason',
    changes: { contactMethod: 'sms', supportRoute: 'ticket' },
    issue: { severity: 'required', code: 'missing', path: ['methodDifferenceReason'] },
  },
  {
    rule: 'SNC-03',
    name: 'other method used, support not told',
    changes: { contactMethod: 'sms', methodDifferenceReason: 'Phone line down.' },
    issue: { severity: 'required', code: 'missing', path: ['supportRoute'] },
  },
  {
    rule: 'SNC-04',
    name: 'voicemail when the client prefers phone',
    changes: { contactMethod: 'voicemail', methodDifferenceReason: 'No answer.', supportRoute: 'not-technical' },
    issue: { severity: 'advisory', code: 'failed', path: ['contactMethod'] },
  },
  {
    rule: 'SNC-05',
    name: 'no rebooking outcome',
    changes: { rebookOutcome: undefined },
    issue: { severity: 'required', code: 'missing', path: ['rebookOutcome'] },
  },
  {
    rule: 'SNC-05',
    name: 'rebooked without the new time',
    changes: { rebookedAt: undefined },
    issue: { severity: 'required', code: 'missing', path: ['rebookedAt'] },
  },
  {
    rule: 'SNC-05',
    name: 'rebooked before the cancelled session',
    changes: { rebookedAt: '2026-06-09T10:00', nextSessionInPortal: '2026-06-09T10:00' },
    issue: { severity: 'required', code: 'failed', path: ['rebookedAt'] },
  },
  {
    rule: 'SNC-05',
    name: 'rebooked into the cancelled slot itself',
    changes: { rebookedAt: BASE.sessionAt, nextSessionInPortal: BASE.sessionAt },
    issue: { severity: 'required', code: 'failed', path: ['rebookedAt'] },
  },
  {
    rule: 'SNC-05',
    name: 'not possible yet, no recontact date',
    changes: { rebookOutcome: 'not-yet-possible' },
    issue: { severity: 'required', code: 'missing', path: ['recontactBy'] },
  },
  {
    rule: 'SNC-05',
    name: 'recontact date is not a date',
    changes: { rebookOutcome: 'not-yet-possible', recontactBy: 'next week' },
    issue: { severity: 'required', code: 'invalid', path: ['recontactBy'] },
  },
  {
    rule: 'SNC-06',
    name: 'nothing agreed recorded',
    changes: { agreed: undefined },
    issue: { severity: 'required', code: 'missing', path: ['agreed'] },
  },
  {
    rule: 'SNC-06',
    name: 'agreement is only blanks',
    changes: { agreed: ' \r\n\t ' },
    issue: { severity: 'required', code: 'missing', path: ['agreed'] },
  },
  {
    rule: 'SNC-07',
    name: 'next session not added in the portal',
    changes: { nextSessionInPortal: undefined },
    issue: { severity: 'required', code: 'missing', path: ['nextSessionInPortal'] },
  },
  {
    rule: 'SNC-07',
    name: 'portal session differs from the rebooked time',
    changes: { nextSessionInPortal: '2026-06-17T11:00' },
    issue: { severity: 'required', code: 'failed', path: ['nextSessionInPortal'] },
  },
  {
    rule: 'SNC-08',
    name: 'incomplete and past the deadline',
    changes: { agreed: undefined, recordedAt: undefined },
    options: { now: at('2026-06-11T10:00') },
    alongside: ['SNC-06'],
    issue: { severity: 'required', code: 'overdue', path: [] },
  },
  {
    rule: 'SNC-08',
    name: 'recorded after the deadline',
    changes: { recordedAt: '2026-06-11T09:00' },
    issue: { severity: 'required', code: 'late', path: ['recordedAt'] },
  },
  {
    rule: 'SNC-09',
    name: 'risk question unanswered',
    changes: { riskConcern: undefined },
    issue: { severity: 'required', code: 'missing', path: ['riskConcern'] },
  },
  {
    rule: 'SNC-09',
    name: 'risk concern without detail',
    changes: { riskConcern: true, riskDutyContactedAt: '2026-06-10T08:45' },
    issue: { severity: 'required', code: 'missing', path: ['riskDetail'] },
  },
  {
    rule: 'SNC-09',
    name: 'risk concern without risk-duty contact',
    changes: { riskConcern: true, riskDetail: 'Low mood, talked of self-harm.' },
    issue: { severity: 'follow-up', code: 'missing', path: ['riskDutyContactedAt'] },
  },
  {
    rule: 'SNC-09',
    name: 'risk answer is not yes/no',
    changes: { riskConcern: 'no' },
    issue: { severity: 'required', code: 'invalid', path: ['riskConcern'] },
  },
  {
    rule: 'SNC-10',
    name: 'unhappy client, support not considered',
    changes: { clientUnhappy: true },
    issue: { severity: 'advisory', code: 'missing', path: ['clinicalSupportRequested'] },
  },
  {
    rule: 'SNC-10',
    name: 'significant absence, support not requested',
    changes: { absenceSignificant: true, clinicalSupportRequested: false },
    issue: { severity: 'advisory', code: 'failed', path: ['clinicalSupportRequested'] },
  },
  {
    rule: 'SNC-10',
    name: 'gating answer is not yes/no',
    changes: { clientUnhappy: 'maybe' },
    issue: { severity: 'advisory', code: 'invalid', path: ['clientUnhappy'] },
  },
  {
    rule: 'SNC-11',
    name: 'longer absence, no update recorded',
    changes: { absenceLonger: true },
    issue: { severity: 'advisory', code: 'missing', path: ['absenceUpdate'] },
  },
];

interface PassingCase {
  rule: string;
  name: string;
  changes: Changes;
  options?: EvaluateOptions;
}

const passing: PassingCase[] = [
  { rule: 'SNC-01', name: 'coded cancelled by provider', changes: {} },
  { rule: 'SNC-02', name: 'informed by email at a given time', changes: { contactMethod: 'email', preferredMethod: 'email' } },
  {
    rule: 'SNC-03',
    name: 'other method with reason and support phoned',
    changes: { contactMethod: 'sms', methodDifferenceReason: 'Phone line down.', supportRoute: 'support-phoned' },
  },
  { rule: 'SNC-04', name: 'voicemail when voicemail is preferred', changes: { contactMethod: 'voicemail', preferredMethod: 'voicemail' } },
  {
    rule: 'SNC-04',
    name: 'phone when voicemail is preferred (reason given)',
    changes: { preferredMethod: 'voicemail', methodDifferenceReason: 'Needed to talk.', supportRoute: 'not-technical' },
  },
  {
    rule: 'SNC-05',
    name: 'rebooked one minute after the cancelled session',
    changes: { rebookedAt: '2026-06-10T10:01', nextSessionInPortal: '2026-06-10T10:01' },
  },
  {
    rule: 'SNC-05',
    name: 'client declined',
    changes: { rebookOutcome: 'client-declined', rebookedAt: undefined, nextSessionInPortal: undefined },
  },
  {
    rule: 'SNC-05',
    name: 'not possible yet, with a recontact date',
    changes: { rebookOutcome: 'not-yet-possible', recontactBy: '2026-06-12', rebookedAt: undefined, nextSessionInPortal: undefined },
  },
  { rule: 'SNC-06', name: 'multi-line agreement', changes: { agreed: 'Rebooked.\nClient will call if worse.' } },
  { rule: 'SNC-07', name: 'portal session equals the rebooked time', changes: {} },
  {
    rule: 'SNC-08',
    name: 'recorded exactly at the deadline',
    changes: { recordedAt: '2026-06-11T08:30' },
    options: { now: at('2026-06-12T08:30') },
  },
  {
    rule: 'SNC-08',
    name: 'complete record, clock past the deadline',
    changes: { recordedAt: undefined },
    options: { now: at('2026-06-12T08:30') },
  },
  { rule: 'SNC-09', name: 'no risk concern', changes: {} },
  {
    rule: 'SNC-09',
    name: 'risk concern with detail and risk-duty contact',
    changes: { riskConcern: true, riskDetail: 'Low mood.', riskDutyContactedAt: '2026-06-10T08:45' },
  },
  { rule: 'SNC-10', name: 'unhappy client, support requested', changes: { clientUnhappy: true, clinicalSupportRequested: true } },
  {
    rule: 'SNC-11',
    name: 'longer absence, update recorded',
    changes: { absenceLonger: true, absenceUpdate: 'Told VHG and client: back in two weeks.' },
  },
];

describe('SNC rules', () => {
  it('every SNC rule of the policy (SNC-01 … SNC-11) has failing and passing cases here', () => {
    // v2: SNC-02 and SNC-09 each have a follow-up part beside the rule; G-01 is a general rule.
    const ruleIds = [...new Set([...snc.rules.map((rule) => rule.id), snc.deadline!.rule])].filter((id) => id.startsWith('SNC-')).sort();
    const expected = Array.from({ length: 11 }, (_, i) => `SNC-${String(i + 1).padStart(2, '0')}`);
    expect(ruleIds).toEqual(expected);
    expect([...new Set(failing.map((c) => c.rule))].sort()).toEqual(expected);
    expect([...new Set(passing.map((c) => c.rule))].sort()).toEqual(expected);
  });

  it.each(failing)('$rule fails: $name', ({ rule, changes, issue, options, alongside = [] }) => {
    const e = run(changes, options);
    const own = ofRule(e, rule);
    expect(own.map(shape)).toEqual([{ ruleId: rule, ...issue }]);
    expect(e.issues.filter((other) => other.ruleId !== rule).map((other) => other.ruleId)).toEqual(alongside);
    expect(own[0]!.message).not.toBe('');
    expect(own[0]!.rule).not.toBe('');
  });

  it.each(passing)('$rule passes: $name', ({ rule, changes, options }) => {
    const e = run(changes, options);
    expect(ofRule(e, rule)).toEqual([]);
    expect(e.issues).toEqual([]);
  });

  it('severity of every issue is the severity of its rule in the catalogue', () => {
    for (const { changes, options } of failing) {
      for (const issue of run(changes, options).issues) {
        const severities = snc.rules.filter((rule) => rule.id === issue.ruleId).map((rule) => rule.severity);
        expect(severities.length ? severities : ['required']).toContain(issue.severity);
      }
    }
  });
});

describe('SNC-03/04 contact method', () => {
  it('preferred ≠ used requires both a reason and a support route, shown only then', () => {
    const e = run({ contactMethod: 'email' });
    expect(ofRule(e, 'SNC-03').map(shape)).toEqual([
      { ruleId: 'SNC-03', severity: 'required', code: 'missing', path: ['methodDifferenceReason'] },
      { ruleId: 'SNC-03', severity: 'required', code: 'missing', path: ['supportRoute'] },
    ]);
    expect(e.visible).toEqual(expect.arrayContaining(['methodDifferenceReason', 'supportRoute']));
    expect(run().visible).not.toContain('methodDifferenceReason');
    expect(run().visible).not.toContain('supportRoute');
  });

  it('v2: voicemail used when the preference is phone is a recommendation (SNC-04 advisory), never holding Save', () => {
    const e = run({ contactMethod: 'voicemail', methodDifferenceReason: 'No answer.', supportRoute: 'not-technical' });
    expect(e.warnings.map(shape)).toEqual([{ ruleId: 'SNC-04', severity: 'advisory', code: 'failed', path: ['contactMethod'] }]);
    expect(e.blocking).toEqual([]);
    expect(e.status).toBe('complete');
    expect(e.warnings[0]!.message).toMatch(/voicemail/i);
  });

  it('voicemail is fine when voicemail is the preference', () => {
    const e = run({ contactMethod: 'voicemail', preferredMethod: 'voicemail' });
    expect(e.issues).toEqual([]);
  });

  it('SNC-04 is not judged before the preference is known (SNC-03 asks for it)', () => {
    const e = run({ contactMethod: 'voicemail', preferredMethod: undefined });
    expect(e.issues.map((issue) => issue.ruleId)).toEqual(['SNC-03']);
  });
});

describe('SNC-05/07 rebooking', () => {
  it('the rebooked session must come strictly after the cancelled one', () => {
    for (const rebookedAt of ['2026-06-10T09:59', '2026-06-10T10:00', '2026-06-01T10:00']) {
      const e = run({ rebookedAt, nextSessionInPortal: rebookedAt });
      expect(e.blocking.map(shape)).toEqual([{ ruleId: 'SNC-05', severity: 'required', code: 'failed', path: ['rebookedAt'] }]);
    }
  });

  it('the next session in the portal must equal rebookedAt', () => {
    expect(ofRule(run({ nextSessionInPortal: '2026-06-18T10:00' }), 'SNC-07').map((issue) => issue.code)).toEqual(['failed']);
    expect(ofRule(run({ rebookedAt: '2026-06-18T10:00', nextSessionInPortal: '2026-06-18T10:00' }), 'SNC-07')).toEqual([]);
  });

  it('SNC-07 applies only when rebooked', () => {
    const e = run({ rebookOutcome: 'client-declined', rebookedAt: undefined, nextSessionInPortal: undefined });
    expect(e.issues).toEqual([]);
    expect(e.visible).not.toContain('nextSessionInPortal');
  });
});

describe('SNC-09 risk', () => {
  it('a risk concern needs the detail now; the risk-duty contact is a follow-up due in 1 h that raises attention', () => {
    const e = run({ riskConcern: true });
    expect(e.blocking.map(shape)).toEqual([{ ruleId: 'SNC-09', severity: 'required', code: 'missing', path: ['riskDetail'] }]);
    expect(e.followUps).toEqual([expect.objectContaining({ ruleId: 'SNC-09', state: 'open', dueAt: '2026-06-10T10:00', attention: true })]);
    expect(e.badge).toBe('attention');
    expect(e.attention.map((item) => item.ruleId)).toEqual(['SNC-09']);
    expect(e.attention[0]!.message).not.toBe('');
  });

  it('v2 (G-05): a risk record saves at once, at attention, with its follow-up open', () => {
    const e = run({ riskConcern: true, riskDetail: 'Low mood, talked of self-harm.' });
    expect(e.blocking).toEqual([]);
    expect(e.status).toBe('complete');
    expect(e.badge).toBe('attention');
    expect(e.followUps.map((f) => `${f.ruleId}/${f.state}`)).toEqual(['SNC-09/open']);
  });

  it('v2: once the risk duty team is contacted attention clears; the risk stays recorded', () => {
    const e = run({ riskConcern: true, riskDetail: 'Low mood.', riskDutyContactedAt: '2026-06-10T08:45' });
    expect(e.status).toBe('complete');
    expect(e.attention).toEqual([]);
    expect(e.riskRecorded).toBe(true);
    expect(e.badge).toBe('complete');
  });

  it('no concern, no attention', () => {
    expect(run().attention).toEqual([]);
  });
});

describe('SNC-10/11 advisory', () => {
  const advisoryCases: Changes[] = [
    { clientUnhappy: true },
    { absenceSignificant: true, clinicalSupportRequested: false },
    { absenceLonger: true },
    { clientUnhappy: true, absenceLonger: true, absenceSignificant: true },
  ];

  it.each(advisoryCases)('never hold Save: %o', (changes) => {
    const e = run(changes);
    expect(e.warnings.length).toBeGreaterThan(0);
    expect(e.warnings.every((issue) => issue.severity === 'advisory')).toBe(true);
    expect(e.blocking).toEqual([]);
    expect(e.status).toBe('complete');
    expect(e.badge).toBe('complete');
    expect(e.progress.done).toBe(e.progress.total);
  });

  it('are listed after required issues', () => {
    const e = run({ clientUnhappy: true, agreed: undefined });
    expect(e.issues.map((issue) => issue.severity)).toEqual(['required', 'advisory']);
    expect(e.blocking.map((issue) => issue.ruleId)).toEqual(['SNC-06']);
    expect(e.warnings.map((issue) => issue.ruleId)).toEqual(['SNC-10']);
  });
});

describe('SNC-08 deadline', () => {
  const incomplete = { agreed: undefined, recordedAt: undefined };

  it('is due 24 h after the client was informed', () => {
    expect(run().deadline).toEqual({ ruleId: 'SNC-08', hours: 24, dueAt: '2026-06-11T08:30', lateByMinutes: 0 });
  });

  it('an incomplete record past the deadline is overdue by the minutes since', () => {
    const e = run(incomplete, { now: at('2026-06-11T10:00') });
    expect(e.badge).toBe('overdue');
    expect(e.deadline).toEqual({ ruleId: 'SNC-08', hours: 24, dueAt: '2026-06-11T08:30', lateByMinutes: 90 });
    const overdue = e.issues.find((issue) => issue.code === 'overdue')!;
    expect(shape(overdue)).toEqual({ ruleId: 'SNC-08', severity: 'required', code: 'overdue', path: [] });
    expect(overdue.message).toContain('1 h 30 min');
    // A plain string to everything that copies issues (evaluate writes it at once; a list's grading, when first read).
    for (const copy of [{ ...overdue }, JSON.parse(JSON.stringify(overdue)), structuredClone(overdue)])
      expect(copy).toEqual({ ...shape(overdue), rule: overdue.rule, message: overdue.message });
    expect(Object.keys(overdue)).toEqual(['ruleId', 'severity', 'rule', 'code', 'path', 'message']);
    overdue.message = 'Reworded by an integrator.';
    expect(overdue.message).toBe('Reworded by an integrator.');
    // Being late must not stop the user saving the overdue note.
    expect(e.blocking.map((issue) => issue.code)).toEqual(['missing']);
  });

  it('an incomplete record before the deadline is only incomplete', () => {
    const e = run(incomplete, { now: at('2026-06-11T08:30') });
    expect(e.badge).toBe('incomplete');
    expect(e.deadline?.lateByMinutes).toBe(0);
    expect(e.issues.map((issue) => issue.code)).toEqual(['missing']);
  });

  it('organisation setting deadlineHours {SNC-08: 48} moves the deadline', () => {
    const settings = { deadlineHours: { 'SNC-08': 48 } };
    const within = run(incomplete, { now: at('2026-06-11T10:00'), settings });
    expect(within.badge).toBe('incomplete');
    expect(within.deadline).toEqual({ ruleId: 'SNC-08', hours: 48, dueAt: '2026-06-12T08:30', lateByMinutes: 0 });
    const past = run(incomplete, { now: at('2026-06-12T09:00'), settings });
    expect(past.badge).toBe('overdue');
    expect(past.deadline?.lateByMinutes).toBe(30);
  });

  it('settings for other rules, or nonsensical hours, leave the checklist default', () => {
    const overrides: Record<string, number>[] = [
      { 'FUS-08': 1 },
      { 'SNC-08': 0 },
      { 'SNC-08': -5 },
      { 'SNC-08': Number.NaN },
      { 'SNC-08': '48' as unknown as number },
    ];
    for (const deadlineHours of overrides) {
      expect(run({}, { settings: { deadlineHours } }).deadline?.hours).toBe(24);
    }
  });

  it('recordedAt after the deadline is reported as late, even on a complete record', () => {
    const e = run({ recordedAt: '2026-06-11T09:15' });
    expect(e.status).toBe('complete');
    // v2: completed late is history: complete with the late marker (was: overdue).
    expect(e.badge).toBe('complete');
    expect(e.markers.late).toBe(true);
    expect(e.deadline).toEqual({ ruleId: 'SNC-08', hours: 24, dueAt: '2026-06-11T08:30', lateByMinutes: 45 });
    expect(e.issues.map(shape)).toEqual([{ ruleId: 'SNC-08', severity: 'required', code: 'late', path: ['recordedAt'] }]);
    expect(e.blocking).toEqual([]);
  });

  it('a record written in time is not overdue later, whatever the clock says', () => {
    const e = run({}, { now: at('2026-07-01T00:00') });
    expect(e.badge).toBe('complete');
    expect(e.deadline?.lateByMinutes).toBe(0);
  });

  it('runs from the cancelled session when informedAt is missing', () => {
    const e = run({ informedAt: undefined, recordedAt: undefined }, { now: at('2026-06-11T10:30') });
    expect(e.deadline).toMatchObject({ dueAt: '2026-06-11T10:00', lateByMinutes: 30 });
    expect(e.badge).toBe('overdue');
  });

  it('runs from the cancelled session when informedAt is unreadable', () => {
    expect(run({ informedAt: 'this morning' }).deadline?.dueAt).toBe('2026-06-11T10:00');
  });

  it('has no deadline without a start time', () => {
    expect(run({ informedAt: undefined, sessionAt: undefined }).deadline).toBeUndefined();
  });

  it('messages come in the requested language', () => {
    const e = run(incomplete, { now: at('2026-06-11T10:00'), locale: 'zh-CN' });
    const overdue = e.issues.find((issue) => issue.code === 'overdue')!;
    expect(overdue.message).toContain('24 小时');
    expect(overdue.rule).toContain('24 小时');
    expect(e.issues.find((issue) => issue.code === 'missing')!.message).toContain('与客户商定的内容');
  });
});

describe('badge', () => {
  it('precedence is attention > overdue > missing > incomplete > check > complete', () => {
    expect(BADGE_PRECEDENCE).toEqual(['attention', 'overdue', 'missing', 'incomplete', 'check', 'complete']);
  });

  const late = { now: at('2026-06-12T10:00') };
  const combos: { name: string; changes: Changes; options?: EvaluateOptions; applicable: Badge[] }[] = [
    { name: 'nothing wrong', changes: {}, applicable: ['complete'] },
    { name: 'incomplete', changes: { agreed: undefined }, applicable: ['incomplete'] },
    {
      name: 'incomplete and overdue',
      changes: { agreed: undefined, recordedAt: undefined },
      options: late,
      applicable: ['overdue', 'incomplete'],
    },
    {
      name: 'risk, incomplete and overdue',
      changes: { riskConcern: true, recordedAt: undefined },
      options: late,
      applicable: ['attention', 'overdue', 'incomplete'],
    },
    // v2: handled and completed late: complete, with the late and risk-recorded markers.
    {
      name: 'risk handled and recorded late',
      changes: { riskConcern: true, riskDetail: 'x', riskDutyContactedAt: '2026-06-10T09:00', recordedAt: '2026-06-12T09:00' },
      applicable: ['complete'],
    },
    {
      name: 'saved on time, still incomplete past the deadline',
      changes: { agreed: undefined },
      options: late,
      applicable: ['overdue', 'incomplete'],
    },
    {
      name: 'risk handled',
      changes: { riskConcern: true, riskDetail: 'x', riskDutyContactedAt: '2026-06-10T09:00' },
      applicable: ['complete'],
    },
    { name: 'risk, follow-up open', changes: { riskConcern: true, riskDetail: 'x' }, applicable: ['attention'] },
    { name: 'advisory only', changes: { absenceLonger: true }, applicable: ['complete'] },
  ];

  it.each(combos)('$name → the most urgent applicable badge', ({ changes, options, applicable }) => {
    const e = run(changes, options);
    const mostUrgent = BADGE_PRECEDENCE.find((badge) => applicable.includes(badge));
    expect(e.badge).toBe(mostUrgent);
    expect(e.status).toBe(applicable.includes('incomplete') ? 'incomplete' : 'complete');
  });
});

describe('progress', () => {
  it('counts the required questions currently shown', () => {
    const base = run().progress;
    // attendance, informedAt, contactMethod, preferredMethod, rebookOutcome, rebookedAt, nextSessionInPortal, agreed, riskConcern
    expect(base).toEqual({ done: 9, total: 9 });
    expect(run({ contactMethod: 'sms' }).progress).toEqual({ done: 9, total: 11 });
    // v2: the risk-duty contact is a follow-up, not counted among what holds Save.
    expect(run({ riskConcern: true }).progress).toEqual({ done: 9, total: 10 });
    expect(run({ rebookOutcome: 'client-declined' }).progress).toEqual({ done: 7, total: 7 });
    expect(run({ rebookOutcome: 'not-yet-possible' }).progress).toEqual({ done: 7, total: 8 });
  });

  it('a missing, invalid or failing answer is not done', () => {
    expect(run({ agreed: undefined }).progress).toEqual({ done: 8, total: 9 });
    expect(run({ attendance: 'nonsense' }).progress).toEqual({ done: 8, total: 9 });
    expect(run({ attendance: 'attended' }).progress).toEqual({ done: 8, total: 9 });
  });

  it('advisory questions are not counted', () => {
    expect(run({ clientUnhappy: true, absenceLonger: true }).progress).toEqual({ done: 9, total: 9 });
  });

  it('an empty record has done nothing of the questions shown at first', () => {
    const e = evaluate(snc, {}, { now: SOON });
    expect(e.progress.done).toBe(0);
    expect(e.progress.total).toBe(e.blocking.length);
  });
});

describe('hidden fields', () => {
  it('stale answers of hidden fields are ignored, even wrong ones', () => {
    const e = run({
      rebookOutcome: 'client-declined',
      rebookedAt: '2026-06-01T10:00', // before the session: would fail SNC-05 if read
      nextSessionInPortal: '2026-06-02T10:00', // would fail SNC-07 if read
      recontactBy: 'not a date',
      riskDetail: 'left over from an earlier draft',
      methodDifferenceReason: 'left over',
      supportRoute: 'bogus',
      clinicalSupportRequested: false,
      absenceUpdate: 'left over',
    });
    expect(e.issues).toEqual([]);
    expect(e.badge).toBe('complete');
    for (const id of [
      'rebookedAt',
      'nextSessionInPortal',
      'recontactBy',
      'riskDetail',
      'methodDifferenceReason',
      'supportRoute',
      'clinicalSupportRequested',
      'absenceUpdate',
    ]) {
      expect(e.answers).not.toHaveProperty(id);
      expect(e.visible).not.toContain(id);
    }
  });

  it('a hidden answer cannot satisfy a rule', () => {
    // riskDetail given, but riskConcern was changed to "no" and back to unanswered.
    const e = run({ riskConcern: undefined, riskDetail: 'Low mood.', riskDutyContactedAt: '2026-06-10T08:45' });
    expect(e.issues.map(shape)).toEqual([{ ruleId: 'SNC-09', severity: 'required', code: 'missing', path: ['riskConcern'] }]);
  });

  it('an invalid gating answer hides what it gates', () => {
    const e = run({ rebookOutcome: 'maybe', rebookedAt: '2026-06-01T10:00' });
    expect(e.issues.map(shape)).toEqual([{ ruleId: 'SNC-05', severity: 'required', code: 'invalid', path: ['rebookOutcome'] }]);
    expect(e.visible).not.toContain('rebookedAt');
  });

  it('answers are normalised: trimmed, CRLF unified, unknown fields dropped', () => {
    const e = run({ agreed: '  line one\r\nline two\r\n', somethingElse: 'x' });
    expect(e.answers.agreed).toBe('line one\nline two');
    expect(e.answers).not.toHaveProperty('somethingElse');
  });
});

describe('v2: SNC-02 client not reached yet', () => {
  const notReached = { notReachedYet: true, contactAttempts: '08:15 phone, no answer; 08:20 SMS; 08:30 email.' };
  it('saves with the attempts recorded; informing the client is a follow-up due before the session starts', () => {
    const e = run(notReached, { now: at('2026-06-10T09:00') });
    expect(e.blocking).toEqual([]);
    expect(e.followUps).toEqual([expect.objectContaining({ ruleId: 'SNC-02', state: 'open', dueAt: '2026-06-10T10:00', overdue: false })]);
    expect(e.badge).toBe('incomplete');
    expect(evaluate(snc, { ...BASE, ...notReached }, { now: at('2026-06-10T10:01') }).badge).toBe('overdue');
  });
  it('is held without the attempts', () => {
    const e = run({ ...notReached, contactAttempts: undefined });
    expect(e.blocking.map(shape)).toEqual([{ ruleId: 'SNC-02', severity: 'required', code: 'missing', path: ['contactAttempts'] }]);
  });
  it('the informed-at questions give way to the attempts', () => {
    expect(run(notReached).visible).not.toContain('informedAt');
    expect(run(notReached).visible).toContain('contactAttempts');
    expect(run().visible).not.toContain('contactAttempts');
  });
  it('the follow-up is done when the client is reached', () => {
    const e = run({ ...notReached, reachedAt: '2026-06-10T09:10' });
    expect(e.followUps.map((f) => f.state)).toEqual(['done']);
    expect(e.issues).toEqual([]);
  });
});

describe('v2: G-01 an entry written on someone else’s behalf says so (seed 000)', () => {
  it('fails without whose behalf, passes with it', () => {
    expect(run({ onBehalf: true }).blocking.map(shape)).toEqual([
      { ruleId: 'G-01', severity: 'required', code: 'missing', path: ['onBehalfOf'] },
    ]);
    expect(run({ onBehalf: true, onBehalfOf: 'Liz Smith (therapist), by phone' }).issues).toEqual([]);
  });
});

describe('v2: SNC-08 runs from when the cancellation was decided, when recorded', () => {
  it('uses the decision time before the time the client was informed', () => {
    expect(run({ decidedAt: '2026-06-09T20:00' }).deadline?.dueAt).toBe('2026-06-10T20:00');
    expect(run().deadline?.dueAt).toBe('2026-06-11T08:30');
  });
});
