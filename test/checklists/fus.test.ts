// FUS: the follow-up and ongoing session checklist implements FUS-01..FUS-11
// (seed 001). Each rule is shown passing on a complete record and failing on a
// variation of it.
import { describe, expect, it } from 'vitest';
import { evaluator, expectComplete, expectFollowUp, expectIssue, expectNoIssue, expectRoundTrip, loadChecklist, vary } from './support.js';

const checklist = loadChecklist('fus');
const now = new Date(2026, 2, 2, 16, 0);
const check = evaluator(checklist, now);

const base = {
  attendance: 'attended',
  sessionAt: '2026-03-02T10:00',
  reviewedBeforeSession: ['previous-notes', 'treatment-goals'],
  successes: 'Used the breathing exercise twice when anxious at work.',
  challenges: 'Sleep still poor; the thought record was skipped.',
  sessionOutcome: 'Reviewed the week; agreed a first graded exposure task.',
  observations: 'Brighter affect, engaged throughout.',
  clientFeedback: 'Finds the exposure plan manageable.\nWould like more time on sleep next week.',
  measuresUsed: ['phq-9', 'gad-7'],
  phq9Score: 12,
  gad7Score: 9,
  planChanged: false,
  nextAppointment: 'booked',
  nextAppointmentAt: '2026-03-09T10:00',
  preferredChannel: 'sms',
  reminderChannel: 'sms',
  infoShared: false,
  transferring: false,
  recordedAt: '2026-03-02T15:30',
};

/** Did not attend: nothing about the session itself, and the follow-up to reschedule. */
const missed = vary(base, {
  attendance: 'did-not-attend',
  successes: undefined,
  challenges: undefined,
  sessionOutcome: undefined,
  observations: undefined,
  clientFeedback: undefined,
  measuresUsed: undefined,
  phq9Score: undefined,
  gad7Score: undefined,
  planChanged: undefined,
  dnaContactedAt: '2026-03-02T11:00',
  dnaOutcome: 'rescheduled',
});

describe('fus checklist', () => {
  it('a complete base record passes every rule, on time', () => {
    const result = check(base);
    expectComplete(result);
    expect(result.badge).toBe('complete');
    expect(result.deadline).toMatchObject({ ruleId: 'FUS-04', hours: 24, dueAt: '2026-03-03T10:00', lateByMinutes: 0 });
  });

  it('round-trips the base record through a note in both languages', () => {
    expectRoundTrip(checklist, base);
    expectRoundTrip(checklist, missed);
  });

  describe('FUS-01 attendance is coded', () => {
    it('passes for session codes', () => {
      for (const attendance of ['attended', 'attended-late']) expectComplete(check(vary(base, { attendance })));
      expectNoIssue(check(vary(base, { attendance: 'cancelled-by-client' })), 'FUS-01');
    });
    it('fails when missing', () =>
      expectIssue(check(vary(base, { attendance: undefined })), 'FUS-01', 'required', 'missing', 'attendance'));
    it('fails for a domiciliary-visit code', () => {
      const result = check(vary(base, { attendance: 'missed-visit' }));
      expectIssue(result, 'FUS-01', 'required', 'failed', 'attendance');
      expect(check(vary(base, { attendance: 'missed-visit' }), { locale: 'zh-CN' }).issues[0]!.message).toMatch(/上门护理/);
    });
  });

  describe('FUS-02 notes and goals reviewed before the session', () => {
    it('fails when only the notes were reviewed', () =>
      expectIssue(
        check(vary(base, { reviewedBeforeSession: ['previous-notes'] })),
        'FUS-02',
        'required',
        'failed',
        'reviewedBeforeSession',
      ));
    it('fails when not answered', () => expectIssue(check(vary(base, { reviewedBeforeSession: [] })), 'FUS-02', 'required', 'missing'));
    it('v2: is not asked of a session that did not take place (a cancelled session is not held)', () => {
      const cancelled = vary(missed, {
        attendance: 'cancelled-by-client',
        reviewedBeforeSession: undefined,
        dnaContactedAt: undefined,
        dnaOutcome: undefined,
      });
      expectComplete(check(cancelled));
      expect(check(cancelled).visible).not.toContain('reviewedBeforeSession');
      expectNoIssue(check(vary(missed, { reviewedBeforeSession: undefined })), 'FUS-02');
    });
  });

  describe('FUS-03 progress: successes and challenges', () => {
    it('fails without challenges', () =>
      expectIssue(check(vary(base, { challenges: '  ' })), 'FUS-03', 'required', 'missing', 'challenges'));
    it('fails without successes', () =>
      expectIssue(check(vary(base, { successes: undefined })), 'FUS-03', 'required', 'missing', 'successes'));
    it('is not asked when the client did not attend', () => expectComplete(check(missed)));
  });

  describe('FUS-04 outcome, observations and feedback within 24 h', () => {
    for (const field of ['sessionOutcome', 'observations', 'clientFeedback']) {
      it(`fails without ${field}`, () => expectIssue(check(vary(base, { [field]: undefined })), 'FUS-04', 'required', 'missing', field));
    }
    it('is late when written more than 24 h after the session', () => {
      const result = check(vary(base, { recordedAt: '2026-03-03T11:30' }));
      expectIssue(result, 'FUS-04', 'required', 'late', 'recordedAt');
      // v2: completed late is history: the late marker beside a complete badge.
      expect(result.badge).toBe('complete');
      expect(result.markers.late).toBe(true);
      expect(result.deadline?.lateByMinutes).toBe(90);
    });
    it('is on time at exactly 24 h', () => expectComplete(check(vary(base, { recordedAt: '2026-03-03T10:00' }))));
    it('is overdue when still incomplete after 24 h', () => {
      const draft = vary(base, { recordedAt: undefined, clientFeedback: undefined });
      expect(check(draft).badge).toBe('incomplete');
      const later = check(draft, { now: new Date(2026, 2, 3, 12, 0) });
      expectIssue(later, 'FUS-04', 'required', 'overdue', undefined);
      expect(later.badge).toBe('overdue');
    });
    it('follows an organisation override of the hours', () => {
      expectComplete(check(vary(base, { recordedAt: '2026-03-03T11:30' }), { settings: { deadlineHours: { 'FUS-04': 48 } } }));
    });
    it('is not asked about the session itself when the client did not attend', () => expectNoIssue(check(missed), 'FUS-04'));
  });

  describe('FUS-05 outcome measures have valid scores', () => {
    const scores: [string, string, number][] = [
      ['phq-9', 'phq9Score', 27],
      ['gad-7', 'gad7Score', 21],
      ['core-10', 'core10Score', 40],
      ['wsas', 'wsasScore', 40],
    ];
    for (const [measure, field, max] of scores) {
      it(`${measure}: 0 and ${max} pass, ${max + 1} and -1 fail`, () => {
        const record = (score: number) =>
          vary(base, { measuresUsed: [measure], phq9Score: undefined, gad7Score: undefined, [field]: score });
        expectComplete(check(record(0)));
        expectComplete(check(record(max)));
        expectIssue(check(record(max + 1)), 'FUS-05', 'required', 'invalid', field);
        expectIssue(check(record(-1)), 'FUS-05', 'required', 'invalid', field);
      });
    }
    it('PHQ-9 27 passes, 28 fails', () => {
      expectComplete(check(vary(base, { phq9Score: 27 })));
      const result = check(vary(base, { phq9Score: 28 }));
      expectIssue(result, 'FUS-05', 'required', 'invalid', 'phq9Score');
      expect(result.issues[0]!.message).toContain('27');
    });
    it('a measure ticked without its score fails', () =>
      expectIssue(check(vary(base, { gad7Score: undefined })), 'FUS-05', 'required', 'missing', 'gad7Score'));
    it('a score of the wrong type fails', () =>
      expectIssue(check(vary(base, { phq9Score: 'twelve' })), 'FUS-05', 'required', 'invalid', 'phq9Score'));
    it('another measure needs its name and score', () => {
      const other = vary(base, { measuresUsed: ['other'], phq9Score: undefined, gad7Score: undefined });
      expectIssue(check(other), 'FUS-05', 'required', 'missing', 'otherMeasure');
      expectIssue(check(other), 'FUS-05', 'required', 'missing', 'otherMeasureScore');
      expectComplete(check(vary(other, { otherMeasure: 'ORS', otherMeasureScore: 31 })));
    });
    it('is not required when no measure was used, and a score for an unticked measure is ignored', () => {
      expectComplete(check(vary(base, { measuresUsed: undefined, phq9Score: undefined, gad7Score: undefined })));
      const stale = check(vary(base, { measuresUsed: ['gad-7'], phq9Score: 99 }));
      expectComplete(stale);
      expect(stale.answers.phq9Score).toBeUndefined();
    });
  });

  describe('FUS-06 plan changes recorded and agreed', () => {
    const changed = vary(base, { planChanged: true, planChanges: 'Added sleep hygiene as a second goal.', planAgreed: true });
    it('passes when the change is described and agreed', () => expectComplete(check(changed)));
    it('fails without what changed', () =>
      expectIssue(check(vary(changed, { planChanges: undefined })), 'FUS-06', 'required', 'missing', 'planChanges'));
    it('not agreed with the client needs the reason why not', () => {
      expectIssue(check(vary(changed, { planAgreed: false })), 'FUS-06', 'required', 'missing', 'planNotAgreedReason');
      expectComplete(
        check(vary(changed, { planAgreed: false, planNotAgreedReason: 'Client too distressed to plan today; to revisit next week.' })),
      );
    });
    it('fails when whether it was agreed is not answered', () =>
      expectIssue(check(vary(changed, { planAgreed: undefined })), 'FUS-06', 'required', 'missing', 'planAgreed'));
    it('v2: applies only when the plan changed', () => expectNoIssue(check(vary(base, { planChanged: undefined })), 'FUS-06'));
  });

  describe('FUS-07 next appointment after this session, or why none', () => {
    it('fails when the next appointment is not after this session', () => {
      expectIssue(check(vary(base, { nextAppointmentAt: '2026-03-01T10:00' })), 'FUS-07', 'required', 'failed', 'nextAppointmentAt');
      expectIssue(check(vary(base, { nextAppointmentAt: '2026-03-02T10:00' })), 'FUS-07', 'required', 'failed', 'nextAppointmentAt');
    });
    it('fails when booked without a date', () =>
      expectIssue(check(vary(base, { nextAppointmentAt: undefined })), 'FUS-07', 'required', 'missing', 'nextAppointmentAt'));
    it('fails when not answered', () =>
      expectIssue(check(vary(base, { nextAppointment: undefined })), 'FUS-07', 'required', 'missing', 'nextAppointment'));
    it('none needs a reason', () => {
      const none = vary(base, { nextAppointment: 'none' });
      expectIssue(check(none), 'FUS-07', 'required', 'missing', 'noNextReason');
      expectComplete(check(vary(none, { noNextReason: 'Discharged: goals met, PHQ-9 below caseness.' })));
    });
  });

  describe('FUS-08 reminder through the preferred channel (advisory)', () => {
    it('warns when the reminder went another way, without holding the record', () => {
      const result = check(vary(base, { reminderChannel: 'email' }));
      expectIssue(result, 'FUS-08', 'advisory', 'failed', 'reminderChannel');
      expect(result.status).toBe('complete');
      expect(result.badge).toBe('complete');
    });
    it('warns when no reminder was set', () =>
      expectIssue(check(vary(base, { reminderChannel: 'not-set' })), 'FUS-08', 'advisory', 'failed'));
    it('warns when the preferred channel is not recorded', () =>
      expectIssue(check(vary(base, { preferredChannel: undefined })), 'FUS-08', 'advisory', 'missing', 'preferredChannel'));
    it('is not asked when there is no next appointment', () =>
      expectComplete(check(vary(base, { nextAppointment: 'none', noNextReason: 'Discharged.', reminderChannel: 'not-set' }))));
  });

  describe('FUS-09 did-not-attend: noted now, rescheduling followed up within 2 working days', () => {
    it('passes with the contact and its outcome: the follow-up is done', () => {
      expectComplete(check(missed));
      expectFollowUp(check(missed), 'FUS-09', 'done');
    });
    it('v2: without the contact yet, the record saves and the follow-up is open, due 2 working days after the session', () => {
      // 2026-03-02 is a Monday: due Wednesday at the session's time.
      const result = check(vary(missed, { dnaContactedAt: undefined, dnaOutcome: undefined }));
      expectIssue(result, 'FUS-09', 'follow-up', 'missing', 'dnaContactedAt');
      expectIssue(result, 'FUS-09', 'follow-up', 'missing', 'dnaOutcome');
      expect(result.blocking).toEqual([]);
      expectFollowUp(result, 'FUS-09', 'open', { dueAt: '2026-03-04T10:00', overdue: false, attention: false });
      expect(result.badge).toBe('incomplete');
      const late = check(vary(missed, { dnaContactedAt: undefined, dnaOutcome: undefined }), { now: new Date(2026, 2, 4, 10, 1) });
      expect(late.badge).toBe('overdue');
    });
    it('fails when the contact is before the missed session', () =>
      expectIssue(check(vary(missed, { dnaContactedAt: '2026-03-02T09:00' })), 'FUS-09', 'follow-up', 'failed', 'dnaContactedAt'));
    it('the missed appointment itself must be noted: its attendance code', () => {
      expectNoIssue(check(missed), 'FUS-09');
      expect(
        checklist.rules
          .filter((rule) => rule.id === 'FUS-09')
          .map((rule) => rule.severity)
          .sort(),
      ).toEqual(['follow-up', 'required']);
    });
    it('is not asked when the client attended', () => {
      expectComplete(check(base));
      expect(check(base).visible).not.toContain('dnaOutcome');
      expect(check(base).followUps).toEqual([]);
    });
  });

  describe('FUS-10 consent or another lawful basis before sharing with another provider', () => {
    const shared = vary(base, { infoShared: true, sharedWith: 'GP (Dr Osei)', sharingBasis: 'consent' });
    it('passes with consent, without attention', () => {
      expectComplete(check(shared));
      expect(check(shared).badge).toBe('complete');
    });
    it('v2: a basis other than consent is recorded with its reason, and raises attention', () => {
      const safeguarding = vary(shared, { sharingBasis: 'safeguarding' });
      expectIssue(check(safeguarding), 'FUS-10', 'required', 'missing', 'sharingBasisReason');
      const result = check(
        vary(safeguarding, {
          sharingBasisReason: 'Disclosed a child at risk at home; shared with children’s services under safeguarding duty.',
        }),
      );
      expectComplete(result);
      expect(result.attention.map((item) => item.ruleId)).toEqual(['FUS-10']);
      expect(result.badge).toBe('attention');
    });
    it('fails when the basis or recipient is not recorded', () => {
      const result = check(vary(shared, { sharingBasis: undefined, sharedWith: undefined }));
      expectIssue(result, 'FUS-10', 'required', 'missing', 'sharingBasis');
      expectIssue(result, 'FUS-10', 'required', 'missing', 'sharedWith');
    });
    it('v2: conditional: nothing is asked when sharing is not answered', () =>
      expectComplete(check(vary(base, { infoShared: undefined }))));
  });

  describe('FUS-11 transfer documentation', () => {
    const transfer = vary(base, {
      transferring: true,
      transferTo: 'Community mental health team',
      transferDocumentation: 'Summary letter and last three notes sent securely on 2 March.',
    });
    it('passes with the documentation recorded', () => expectComplete(check(transfer)));
    it('fails without it', () => {
      expectIssue(check(vary(transfer, { transferDocumentation: undefined })), 'FUS-11', 'required', 'missing', 'transferDocumentation');
      expectIssue(check(vary(transfer, { transferTo: undefined })), 'FUS-11', 'required', 'missing', 'transferTo');
    });
    it('v2: conditional: nothing is asked when transferring is not answered', () =>
      expectComplete(check(vary(base, { transferring: undefined }))));
  });

  it('its only attention trigger is sharing without consent (FUS-10)', () => {
    expect((checklist.attention ?? []).map((item) => item.rule)).toEqual(['FUS-10']);
  });
});
