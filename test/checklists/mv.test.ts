// MV: the missed or late visit checklist implements MV-01..MV-12 (seed 002),
// including the 1 h reporting deadline, late call versus missed visit, and the
// safeguarding chain (not covered → alert → CQC notification).
import { describe, expect, it } from 'vitest';
import { evaluator, expectComplete, expectIssue, expectNoIssue, expectRoundTrip, loadChecklist, vary } from './support.js';

const checklist = loadChecklist('mv');
const now = new Date(2026, 2, 2, 12, 0);
const check = evaluator(checklist, now);

/** Cover was arranged and the visit took place late. */
const base = {
  serviceUserName: 'Edith Clarke',
  expectedVisitAt: '2026-03-02T08:00',
  attendance: 'late-call',
  awareAt: '2026-03-02T08:20',
  reportedTo: 'office',
  reportedToName: 'Priya Shah, care coordinator',
  reportedAt: '2026-03-02T08:35',
  nonVisitReason: 'road-traffic',
  nonVisitDetail: 'Road closed after an accident; held in traffic for 50 minutes.',
  actionsTaken: 'Phoned the office; cover arranged with J. Okafor.',
  consequences: ['late-medication'],
  consequencesDetail: 'Morning medication given at 09:40 instead of 08:00; pharmacist advised no harm.',
  welfareCheckMethod: 'phone',
  welfareCheckOutcome: 'Spoke to Mrs Clarke at 08:40: well, had breakfast, waiting for her medication.',
  significantHarmPossible: false,
  visitStillValid: true,
  coverOutcome: 'covered-late',
  actualVisitAt: '2026-03-02T09:40',
  familyInvolvement: 'involved',
  familyInformed: true,
  familyInformedSteps: 'Daughter told of the delay and of the cover visit at 09:40.',
  incidentReportRef: 'IR-2026-0142',
  safeguardingAlert: false,
  misconductSuspected: false,
};

/** The visit could not be covered: coded as missed, with the safeguarding chain done. */
const uncovered = vary(base, {
  attendance: 'missed-visit',
  coverOutcome: 'not-covered',
  actualVisitAt: undefined,
  safeguardingAlert: true,
  safeguardingAuthority: 'Wiltshire Council adult safeguarding',
  safeguardingAlertAt: '2026-03-02T10:15',
  cqcNotifiedOn: '2026-03-02',
});

describe('mv checklist', () => {
  it('a complete base record passes every rule, reported in time', () => {
    const result = check(base);
    expectComplete(result);
    expect(result.badge).toBe('complete');
    expect(result.deadline).toMatchObject({ ruleId: 'MV-01', hours: 1, dueAt: '2026-03-02T09:20', lateByMinutes: 0 });
  });

  it('round-trips the base record through a note in both languages', () => {
    expectRoundTrip(checklist, base);
    expectRoundTrip(checklist, uncovered);
  });

  describe('MV-01 reported immediately: to whom and when, within 1 h', () => {
    it('is late when reported more than 1 h after becoming aware', () => {
      const result = check(vary(base, { reportedAt: '2026-03-02T09:50' }));
      expectIssue(result, 'MV-01', 'required', 'late', 'reportedAt');
      expect(result.deadline?.lateByMinutes).toBe(30);
      expect(result.badge).toBe('overdue');
    });
    it('is on time at exactly 1 h', () => expectComplete(check(vary(base, { reportedAt: '2026-03-02T09:20' }))));
    it('is overdue when not yet reported an hour after becoming aware', () => {
      const result = check(vary(base, { reportedAt: undefined }));
      expectIssue(result, 'MV-01', 'required', 'missing', 'reportedAt');
      expectIssue(result, 'MV-01', 'required', 'overdue');
      expect(check(vary(base, { reportedAt: undefined }), { now: new Date(2026, 2, 2, 9, 0) }).badge).toBe('incomplete');
    });
    for (const field of ['awareAt', 'reportedTo', 'reportedToName']) {
      it(`fails without ${field}`, () => expectIssue(check(vary(base, { [field]: undefined })), 'MV-01', 'required', 'missing', field));
    }
    it('fails when the report is earlier than becoming aware', () =>
      expectIssue(check(vary(base, { reportedAt: '2026-03-02T08:10' })), 'MV-01', 'required', 'failed', 'reportedAt'));
  });

  describe('MV-02 the report details', () => {
    for (const field of ['serviceUserName', 'expectedVisitAt', 'nonVisitReason', 'nonVisitDetail', 'actionsTaken', 'consequences', 'consequencesDetail']) {
      it(`fails without ${field}`, () => expectIssue(check(vary(base, { [field]: undefined })), 'MV-02', 'required', 'missing', field));
    }
    it('accepts “none” as the consequence, without details', () => expectComplete(check(vary(base, { consequences: ['none'], consequencesDetail: undefined }))));
    it('rejects “none” together with a consequence', () =>
      expectIssue(check(vary(base, { consequences: ['none', 'late-medication'] })), 'MV-02', 'required', 'failed', 'consequences'));
  });

  describe('MV-03 covered late → late call with the actual time', () => {
    it('fails when a visit covered late is coded as missed', () =>
      expectIssue(check(vary(base, { attendance: 'missed-visit' })), 'MV-03', 'required', 'failed', 'attendance'));
    it('fails when the actual time is not after the expected time', () => {
      expectIssue(check(vary(base, { actualVisitAt: '2026-03-02T07:30' })), 'MV-03', 'required', 'failed');
      expectIssue(check(vary(base, { actualVisitAt: '2026-03-02T08:00' })), 'MV-03', 'required', 'failed');
    });
    it('fails without the actual visit time', () => expectIssue(check(vary(base, { actualVisitAt: undefined })), 'MV-03', 'required', 'missing', 'actualVisitAt'));
    it('fails without attendance or cover outcome', () => {
      expectIssue(check(vary(base, { attendance: undefined })), 'MV-03', 'required', 'missing', 'attendance');
      expectIssue(check(vary(base, { coverOutcome: undefined })), 'MV-03', 'required', 'missing', 'coverOutcome');
    });
    it('asks no actual time of a visit that was not covered late', () => {
      const result = check(uncovered);
      expectNoIssue(result, 'MV-03');
      expect(result.visible).not.toContain('actualVisitAt');
      expectNoIssue(check(vary(base, { coverOutcome: 'covered-by-family', attendance: 'missed-visit', actualVisitAt: undefined })), 'MV-03');
    });
  });

  describe('MV-04 welfare check: method and outcome', () => {
    it('fails without the method', () => expectIssue(check(vary(base, { welfareCheckMethod: undefined })), 'MV-04', 'required', 'missing', 'welfareCheckMethod'));
    it('fails without the outcome', () => expectIssue(check(vary(base, { welfareCheckOutcome: undefined })), 'MV-04', 'required', 'missing', 'welfareCheckOutcome'));
    it('rejects a method that is not listed', () => expectIssue(check(vary(base, { welfareCheckMethod: 'carrier-pigeon' })), 'MV-04', 'required', 'invalid', 'welfareCheckMethod'));
  });

  describe('MV-05 visit still valid, or why not', () => {
    const invalid = vary(base, { visitStillValid: false, attendance: 'missed-visit', notValidReason: 'Admitted to hospital overnight.' });
    it('passes with the reason, and no longer asks about cover', () => {
      const result = check(invalid);
      expectComplete(result);
      expect(result.visible).not.toContain('coverOutcome');
    });
    it('fails without the reason', () => expectIssue(check(vary(invalid, { notValidReason: undefined })), 'MV-05', 'required', 'missing', 'notValidReason'));
    it('fails when not answered', () => expectIssue(check(vary(base, { visitStillValid: undefined, coverOutcome: undefined, actualVisitAt: undefined, familyInvolvement: undefined })), 'MV-05', 'required', 'missing', 'visitStillValid'));
  });

  describe('MV-06 emergency-services decision where significant harm was possible', () => {
    const harm = vary(base, { significantHarmPossible: true, emergencyServices: 'not-called', emergencyServicesReason: 'Reached by phone within 20 minutes; alert and safe.' });
    it('passes with the decision recorded, and needs attention', () => {
      const result = check(harm);
      expect(result.status).toBe('complete');
      expect(result.badge).toBe('attention');
      expect(result.attention.map((a) => a.ruleId)).toEqual(['MV-06']);
    });
    it('fails without the decision', () => {
      const result = check(vary(harm, { emergencyServices: undefined, emergencyServicesReason: undefined }));
      expectIssue(result, 'MV-06', 'required', 'missing', 'emergencyServices');
      expectIssue(result, 'MV-06', 'required', 'missing', 'emergencyServicesReason');
      expect(result.badge).toBe('attention');
    });
    it('is not required when significant harm was not possible', () => {
      expectComplete(check(base));
      expect(check(base).visible).not.toContain('emergencyServices');
    });
    it('fails when whether harm was possible is not answered', () =>
      expectIssue(check(vary(base, { significantHarmPossible: undefined })), 'MV-06', 'required', 'missing', 'significantHarmPossible'));
  });

  describe('MV-07 incident report form', () => {
    it('fails without the reference', () => expectIssue(check(vary(base, { incidentReportRef: '' })), 'MV-07', 'required', 'missing', 'incidentReportRef'));
  });

  describe('MV-08 safeguarding alert when the visit was not covered', () => {
    it('passes with the alert, and needs attention', () => {
      const result = check(uncovered);
      expectComplete(result);
      expect(result.badge).toBe('attention');
      expect(result.attention.map((a) => a.ruleId)).toEqual(['MV-08']);
    });
    it('fails when no alert was made', () =>
      expectIssue(check(vary(uncovered, { safeguardingAlert: false })), 'MV-08', 'required', 'failed', 'safeguardingAlert'));
    it('fails when the alert is not recorded', () => {
      const result = check(vary(uncovered, { safeguardingAlert: undefined }));
      expectIssue(result, 'MV-08', 'required', 'missing', 'safeguardingAlert');
      expect(result.badge).toBe('attention');
    });
    it('fails without to whom and when', () => {
      expectIssue(check(vary(uncovered, { safeguardingAuthority: undefined })), 'MV-08', 'required', 'missing', 'safeguardingAuthority');
      expectIssue(check(vary(uncovered, { safeguardingAlertAt: undefined })), 'MV-08', 'required', 'missing', 'safeguardingAlertAt');
    });
    it('is not required when the visit was covered', () => {
      expectComplete(check(base));
      expectComplete(check(vary(base, { safeguardingAlert: undefined })));
    });
  });

  describe('MV-09 family informed, with the steps, or why not', () => {
    it('fails without the steps', () => expectIssue(check(vary(base, { familyInformedSteps: undefined })), 'MV-09', 'required', 'missing', 'familyInformedSteps'));
    it('not informed needs the reason', () => {
      const notInformed = vary(base, { familyInformed: false, familyInformedSteps: undefined });
      expectIssue(check(notInformed), 'MV-09', 'required', 'missing', 'familyNotInformedReason');
      expectComplete(check(vary(notInformed, { familyNotInformedReason: 'No family; the service user asked us not to contact her representative.' })));
    });
    it('fails when not answered', () => expectIssue(check(vary(base, { familyInformed: undefined, familyInformedSteps: undefined })), 'MV-09', 'required', 'missing', 'familyInformed'));
  });

  describe('MV-10 CQC notification after a safeguarding referral', () => {
    it('fails without it', () => expectIssue(check(vary(uncovered, { cqcNotifiedOn: undefined })), 'MV-10', 'required', 'missing', 'cqcNotifiedOn'));
    it('applies to an alert made for a covered visit too, which needs attention', () => {
      const alerted = vary(base, { safeguardingAlert: true, safeguardingAuthority: 'Wiltshire Council', safeguardingAlertAt: '2026-03-02T11:00' });
      expectIssue(check(alerted), 'MV-10', 'required', 'missing', 'cqcNotifiedOn');
      const notified = check(vary(alerted, { cqcNotifiedOn: '2026-03-02' }));
      expectComplete(notified);
      expect(notified.badge).toBe('attention');
    });
    it('is not required without a referral', () => expectNoIssue(check(base), 'MV-10'));
  });

  describe('MV-11 family involved in deciding the cover (advisory)', () => {
    it('warns when not involved, without holding the record', () => {
      const result = check(vary(base, { familyInvolvement: 'not-involved' }));
      expectIssue(result, 'MV-11', 'advisory', 'failed', 'familyInvolvement');
      expect(result.status).toBe('complete');
    });
    it('warns when not answered', () => expectIssue(check(vary(base, { familyInvolvement: undefined })), 'MV-11', 'advisory', 'missing', 'familyInvolvement'));
    it('passes when there is no family or representative', () => expectComplete(check(vary(base, { familyInvolvement: 'no-family' }))));
  });

  describe('MV-12 suspected misconduct to the disciplinary process (advisory)', () => {
    it('passes when referred', () => expectComplete(check(vary(base, { misconductSuspected: true, disciplinaryReferred: true }))));
    it('warns when not referred', () => {
      const result = check(vary(base, { misconductSuspected: true, disciplinaryReferred: false }));
      expectIssue(result, 'MV-12', 'advisory', 'failed', 'disciplinaryReferred');
      expect(result.status).toBe('complete');
    });
    it('warns when the referral is not recorded', () => expectIssue(check(vary(base, { misconductSuspected: true })), 'MV-12', 'advisory', 'missing', 'disciplinaryReferred'));
    it('warns when misconduct is not answered', () => expectIssue(check(vary(base, { misconductSuspected: undefined })), 'MV-12', 'advisory', 'missing', 'misconductSuspected'));
  });

  it('attention outranks a late report', () => {
    const result = check(vary(uncovered, { reportedAt: '2026-03-02T10:00' }));
    expect(result.badge).toBe('attention');
    expect(result.issues.map((i) => `${i.ruleId}/${i.code}`)).toEqual(['MV-01/late']);
  });

  it('messages come in Chinese from the checklist', () => {
    const result = check(vary(base, { attendance: 'missed-visit' }), { locale: 'zh-CN' });
    expect(result.issues[0]!.message).toContain('迟到探访');
  });
});
