// MV: the missed or late visit checklist implements MV-01..MV-12 (seed 002),
// including the 1 h reporting deadline, late call versus missed visit, and the
// safeguarding chain (not covered → alert → CQC notification).
import { describe, expect, it } from 'vitest';
import { evaluator, expectComplete, expectFollowUp, expectIssue, expectNoIssue, expectRoundTrip, loadChecklist, vary } from './support.js';

const checklist = loadChecklist('mv');
// Within MV-01's hour: v2 makes a record still incomplete past its deadline overdue, whether saved or not.
const now = new Date(2026, 2, 2, 9, 0);
const check = evaluator(checklist, now);

/** Cover was arranged and the visit took place late. */
const base = {
  stage: 'response',
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
  welfareCheckResult: 'safe',
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
      // v2: a report completed late is history: the late marker, not the overdue badge.
      expect(result.badge).toBe('complete');
      expect(result.markers.late).toBe(true);
    });
    it('is on time at exactly 1 h', () => expectComplete(check(vary(base, { reportedAt: '2026-03-02T09:20' }))));
    it('is overdue when not yet reported an hour after becoming aware', () => {
      const result = check(vary(base, { reportedAt: undefined }), { now: new Date(2026, 2, 2, 12, 0) });
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
    for (const field of [
      'stage',
      'serviceUserName',
      'expectedVisitAt',
      'nonVisitReason',
      'actionsTaken',
      'consequences',
      'consequencesDetail',
    ]) {
      it(`fails without ${field}`, () =>
        expectIssue(check(vary(base, { [field]: undefined })), 'MV-02', 'required', 'missing', field, {
          others: field === 'stage' || field === 'expectedVisitAt',
        }));
    }
    it('v2: circumstances beside the reason are welcome, not required', () =>
      expectIssue(check(vary(base, { nonVisitDetail: undefined })), 'MV-02', 'advisory', 'missing', 'nonVisitDetail'));
    it('accepts “none” as the consequence, without details', () =>
      expectComplete(check(vary(base, { consequences: ['none'], consequencesDetail: undefined }))));
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
    it('fails without the actual visit time', () =>
      expectIssue(check(vary(base, { actualVisitAt: undefined })), 'MV-03', 'required', 'missing', 'actualVisitAt'));
    it('fails without attendance or cover outcome', () => {
      expectIssue(check(vary(base, { attendance: undefined })), 'MV-03', 'required', 'missing', 'attendance');
      expectIssue(check(vary(base, { coverOutcome: undefined })), 'MV-03', 'required', 'missing', 'coverOutcome');
    });
    it('asks no actual time of a visit that was not covered late', () => {
      const result = check(uncovered);
      expectNoIssue(result, 'MV-03');
      expect(result.visible).not.toContain('actualVisitAt');
      expectNoIssue(
        check(vary(base, { coverOutcome: 'covered-by-family', attendance: 'missed-visit', actualVisitAt: undefined })),
        'MV-03',
      );
    });
  });

  describe('MV-04 welfare check: method and outcome', () => {
    it('fails without the method', () =>
      expectIssue(check(vary(base, { welfareCheckMethod: undefined })), 'MV-04', 'required', 'missing', 'welfareCheckMethod'));
    it('fails without the outcome', () =>
      expectIssue(check(vary(base, { welfareCheckOutcome: undefined })), 'MV-04', 'required', 'missing', 'welfareCheckOutcome'));
    it('v2: fails without the result (safe, concern, not reached)', () =>
      expectIssue(check(vary(base, { welfareCheckResult: undefined })), 'MV-04', 'required', 'missing', 'welfareCheckResult'));
    it('v2: a welfare check that did not reach the service user (“no answer x3”) raises attention', () => {
      const result = check(vary(base, { welfareCheckResult: 'not-reached', welfareCheckOutcome: 'No answer x3 at 08:40, 08:45, 08:55.' }));
      expect(result.status).toBe('complete');
      expect(result.attention.map((a) => a.ruleId)).toEqual(['MV-04']);
      expect(result.badge).toBe('attention');
      expect(check(vary(base, { welfareCheckResult: 'concern' })).badge).toBe('attention');
      expect(check(base).attention).toEqual([]);
    });
    it('rejects a method that is not listed', () =>
      expectIssue(check(vary(base, { welfareCheckMethod: 'carrier-pigeon' })), 'MV-04', 'required', 'invalid', 'welfareCheckMethod'));
  });

  describe('MV-05 visit still valid, or why not', () => {
    const invalid = vary(base, { visitStillValid: false, attendance: 'missed-visit', notValidReason: 'Admitted to hospital overnight.' });
    it('passes with the reason, and no longer asks about cover', () => {
      const result = check(invalid);
      expectComplete(result);
      expect(result.visible).not.toContain('coverOutcome');
    });
    it('fails without the reason', () =>
      expectIssue(check(vary(invalid, { notValidReason: undefined })), 'MV-05', 'required', 'missing', 'notValidReason'));
    it('fails when not answered', () =>
      expectIssue(
        check(vary(base, { visitStillValid: undefined, coverOutcome: undefined, actualVisitAt: undefined, familyInvolvement: undefined })),
        'MV-05',
        'required',
        'missing',
        'visitStillValid',
      ));
  });

  describe('MV-06 emergency-services decision where significant harm was possible', () => {
    const harm = vary(base, {
      significantHarmPossible: true,
      emergencyServices: 'not-called',
      emergencyServicesReason: 'Reached by phone within 20 minutes; alert and safe.',
    });
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
    it('fails without the reference on a missed visit', () =>
      expectIssue(check(vary(uncovered, { incidentReportRef: '' })), 'MV-07', 'required', 'missing', 'incidentReportRef'));
    it('v2: is not asked of a visit covered late', () => expectNoIssue(check(vary(base, { incidentReportRef: undefined })), 'MV-07'));
  });

  describe('MV-08 safeguarding alert when the visit was not covered (follow-up, same day, attention)', () => {
    it('passes with the alert: done, attention clears, the risk stays recorded', () => {
      const result = check(uncovered);
      expectComplete(result);
      expectFollowUp(result, 'MV-08', 'done', { dueAt: '2026-03-02T23:59' });
      expect(result.attention).toEqual([]);
      expect(result.riskRecorded).toBe(true);
    });
    it('is open, at attention, while no alert is recorded; the response still saves', () => {
      const result = check(
        vary(uncovered, {
          safeguardingAlert: undefined,
          safeguardingAuthority: undefined,
          safeguardingAlertAt: undefined,
          cqcNotifiedOn: undefined,
        }),
      );
      expectIssue(result, 'MV-08', 'follow-up', 'missing', 'safeguardingAlert');
      expect(result.blocking).toEqual([]);
      expectFollowUp(result, 'MV-08', 'open', { attention: true });
      expect(result.badge).toBe('attention');
    });
    it('fails when no alert was made', () =>
      expectIssue(check(vary(uncovered, { safeguardingAlert: false })), 'MV-08', 'follow-up', 'failed', 'safeguardingAlert'));
    it('is open without to whom and when', () => {
      expectIssue(check(vary(uncovered, { safeguardingAuthority: undefined })), 'MV-08', 'follow-up', 'missing', 'safeguardingAuthority');
      expectIssue(check(vary(uncovered, { safeguardingAlertAt: undefined })), 'MV-08', 'follow-up', 'missing', 'safeguardingAlertAt');
    });
    it('is not required when the visit was covered', () => {
      expectComplete(check(base));
      expectComplete(check(vary(base, { safeguardingAlert: undefined })));
    });
  });

  describe('MV-09 family informed, with the steps, or why not (follow-up, same day)', () => {
    it('is open without the steps', () =>
      expectIssue(check(vary(base, { familyInformedSteps: undefined })), 'MV-09', 'follow-up', 'missing', 'familyInformedSteps'));
    it('not informed needs the reason', () => {
      const notInformed = vary(base, { familyInformed: false, familyInformedSteps: undefined });
      expectIssue(check(notInformed), 'MV-09', 'follow-up', 'missing', 'familyNotInformedReason');
      expectComplete(
        check(vary(notInformed, { familyNotInformedReason: 'No family; the service user asked us not to contact her representative.' })),
      );
    });
    it('is open, never holding Save, until answered; overdue after the day ends', () => {
      const record = vary(base, { familyInformed: undefined, familyInformedSteps: undefined });
      const result = check(record);
      expectIssue(result, 'MV-09', 'follow-up', 'missing', 'familyInformed');
      expectFollowUp(result, 'MV-09', 'open', { dueAt: '2026-03-02T23:59', attention: false });
      expect(result.badge).toBe('incomplete');
      expect(check(record, { now: new Date(2026, 2, 3, 0, 5) }).badge).toBe('overdue');
    });
  });

  describe('MV-10 CQC notification after a safeguarding referral (follow-up, 24 h, attention)', () => {
    it('is open without it, at attention', () => {
      const result = check(vary(uncovered, { cqcNotifiedOn: undefined }));
      expectIssue(result, 'MV-10', 'follow-up', 'missing', 'cqcNotifiedOn');
      expectFollowUp(result, 'MV-10', 'open', { dueAt: '2026-03-03T10:15', attention: true });
      expect(result.badge).toBe('attention');
    });
    it('applies to an alert made for a covered visit too', () => {
      const alerted = vary(base, {
        safeguardingAlert: true,
        safeguardingAuthority: 'Wiltshire Council',
        safeguardingAlertAt: '2026-03-02T11:00',
      });
      expectIssue(check(alerted), 'MV-10', 'follow-up', 'missing', 'cqcNotifiedOn');
      expect(check(alerted).badge).toBe('attention');
      const notified = check(vary(alerted, { cqcNotifiedOn: '2026-03-02' }));
      expectComplete(notified);
      expect(notified.badge).toBe('complete');
      expect(notified.riskRecorded).toBe(true);
    });
    it('is not required without a referral', () => expectNoIssue(check(base), 'MV-10'));
  });

  describe('MV-11 family involved in deciding the cover (advisory)', () => {
    it('warns when not involved, without holding the record', () => {
      const result = check(vary(base, { familyInvolvement: 'not-involved' }));
      expectIssue(result, 'MV-11', 'advisory', 'failed', 'familyInvolvement');
      expect(result.status).toBe('complete');
    });
    it('warns when not answered', () =>
      expectIssue(check(vary(base, { familyInvolvement: undefined })), 'MV-11', 'advisory', 'missing', 'familyInvolvement'));
    it('passes when there is no family or representative', () => expectComplete(check(vary(base, { familyInvolvement: 'no-family' }))));
  });

  describe('MV-12 suspected misconduct to the disciplinary process (advisory)', () => {
    it('passes when referred', () => expectComplete(check(vary(base, { misconductSuspected: true, disciplinaryReferred: true }))));
    it('warns when not referred', () => {
      const result = check(vary(base, { misconductSuspected: true, disciplinaryReferred: false }));
      expectIssue(result, 'MV-12', 'advisory', 'failed', 'disciplinaryReferred');
      expect(result.status).toBe('complete');
    });
    it('warns when the referral is not recorded', () =>
      expectIssue(check(vary(base, { misconductSuspected: true })), 'MV-12', 'advisory', 'missing', 'disciplinaryReferred'));
    it('warns when misconduct is not answered', () =>
      expectIssue(check(vary(base, { misconductSuspected: undefined })), 'MV-12', 'advisory', 'missing', 'misconductSuspected'));
  });

  it('attention outranks a late report', () => {
    const result = check(vary(uncovered, { reportedAt: '2026-03-02T10:00', cqcNotifiedOn: undefined }));
    expect(result.badge).toBe('attention');
    expect(result.issues.map((i) => `${i.ruleId}/${i.code}`)).toEqual(['MV-01/late', 'MV-10/missing']);
  });

  describe('v2: two stages, the care worker’s report and the office’s response', () => {
    /** What the care worker knows at 08:35, reporting by phone from the car. */
    const report = {
      stage: 'report',
      serviceUserName: 'Edith Clarke',
      expectedVisitAt: '2026-03-02T08:00',
      attendance: 'missed-visit',
      awareAt: '2026-03-02T08:20',
      reportedTo: 'office',
      reportedToName: 'Priya Shah, care coordinator',
      reportedAt: '2026-03-02T08:35',
      nonVisitReason: 'road-traffic',
      nonVisitDetail: 'Road closed after an accident.',
      actionsTaken: 'Phoned the office at once.',
      consequences: ['late-medication'],
      consequencesDetail: 'Morning medication due at 08:00.',
    };
    it('the report saves with MV-01 and MV-02 alone: the office’s duties are its open follow-ups', () => {
      const result = check(report, { now: new Date(2026, 2, 2, 8, 40) });
      expect(result.blocking).toEqual([]);
      expect(result.status).toBe('complete');
      expect(result.followUps.filter((f) => f.state === 'open').map((f) => f.ruleId)).toEqual(['MV-04', 'MV-05', 'MV-06', 'MV-07']);
      expectFollowUp(result, 'MV-04', 'open', { dueAt: '2026-03-02T09:35' });
      expect(result.badge).toBe('incomplete');
      expect(check(report, { now: new Date(2026, 2, 2, 9, 40) }).badge).toBe('overdue');
    });
    it('the report is still held by MV-01 and MV-02', () => {
      expectIssue(check(vary(report, { reportedTo: undefined })), 'MV-01', 'required', 'missing', 'reportedTo', { others: true });
      expectIssue(check(vary(report, { actionsTaken: undefined })), 'MV-02', 'required', 'missing', 'actionsTaken', { others: true });
    });
    it('the response holds the office’s duties', () => {
      const result = check(vary(report, { stage: 'response' }));
      expect(result.blocking.map((i) => i.ruleId)).toEqual(expect.arrayContaining(['MV-04', 'MV-05', 'MV-06', 'MV-07']));
    });
    it('a late arrival that needed no cover takes the short path: MV-02 and the actual time only', () => {
      const late = {
        ...report,
        stage: 'report',
        attendance: 'late-call',
        arrivedLateSelf: true,
        actualVisitAt: '2026-03-02T08:50',
        awareAt: undefined,
        reportedTo: undefined,
        reportedToName: undefined,
        reportedAt: undefined,
      };
      const result = check(late);
      expectComplete(result);
      expect(result.followUps).toEqual([]);
      expectIssue(check(vary(late, { actualVisitAt: undefined })), 'MV-03', 'required', 'missing', 'actualVisitAt');
      expectIssue(check(vary(late, { attendance: 'missed-visit' })), 'MV-03', 'required', 'failed', 'attendance');
    });
    it('a visit that was not covered is not coded late-call', () =>
      expectIssue(check(vary(uncovered, { attendance: 'late-call' })), 'MV-03', 'required', 'failed', 'attendance', { others: true }));
  });

  describe('G-01 an entry written for someone else says so', () => {
    it('passes with the name', () => expectComplete(check(vary(base, { onBehalf: true, onBehalfOf: 'J. Okafor (care worker)' }))));
    it('fails without it', () => expectIssue(check(vary(base, { onBehalf: true })), 'G-01', 'required', 'missing', 'onBehalfOf'));
  });

  it('messages come in Chinese from the checklist', () => {
    const result = check(vary(base, { attendance: 'missed-visit' }), { locale: 'zh-CN' });
    expect(result.issues[0]!.message).toContain('迟到探访');
  });
});
