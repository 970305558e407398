// IA: the initial assessment checklist implements IA-01..IA-09 from the
// Chinese client assessment policy (seed 004); the base record is written in
// Chinese, as a practitioner following that policy would write it.
import { describe, expect, it } from 'vitest';
import { evaluator, expectComplete, expectFollowUp, expectIssue, expectNoIssue, expectRoundTrip, loadChecklist, vary } from './support.js';

const checklist = loadChecklist('ia');
const check = evaluator(checklist, new Date(2026, 2, 2, 20, 0));

const base = {
  assessmentAt: '2026-03-02T18:00',
  suitability: 'suitable',
  practitionerFit: 'yes',
  riskToSelf: '上个月曾有被动的轻生念头；目前没有，也没有计划或意图。',
  riskToOthers: '未发现。',
  riskConcern: false,
  policiesReviewed: ['cancellation', 'platform-terms', 'privacy', 'making-the-most'],
  detailsCollected: true,
  detailsKinds: ['contact', 'gp', 'emergency-contact'],
  storedSecurely: true,
  useAgreed: '仅在我认为客户面临紧急风险时联系其紧急联系人（伴侣）。',
  measuresUsed: ['phq-9', 'gad-7'],
  phq9Score: 14,
  gad7Score: 11,
  wishesToContinue: 'yes',
  bookingRoute: 'booked',
  nextSessionAt: '2026-03-09T18:00',
};

/** Not suitable: discussed with the client and referred on; fit and continuing are no longer asked. */
const notSuitable = vary(base, {
  suitability: 'not-suitable',
  notSuitableReasons: ['active-psychosis'],
  suitabilityDiscussed: true,
  nextStep: 'referred',
  referredTo: '当地社区精神卫生团队',
});

const concern = vary(base, {
  riskConcern: true,
  safetyPlan: '识别预警信号；联系伴侣；移除家中多余药物。',
  crisisAccess: '已提供 Samaritans 116 123 和当地危机热线。',
  emergencyContactPermission: 'yes',
  supervisorConsultedAt: '2026-03-02T19:10',
});

describe('ia checklist', () => {
  it('a complete base record passes every rule', () => {
    const result = check(base);
    expectComplete(result);
    expect(result.badge).toBe('complete');
    expect(result.deadline).toBeUndefined();
  });

  it('round-trips the base record through a note in both languages', () => {
    expectRoundTrip(checklist, base);
    expectRoundTrip(checklist, notSuitable);
    expectRoundTrip(checklist, concern);
  });

  describe('IA-01 suitability, with the reason when not suitable', () => {
    it('passes when not suitable with a reason', () => expectComplete(check(notSuitable)));
    it('fails without the reason', () =>
      expectIssue(check(vary(notSuitable, { notSuitableReasons: [] })), 'IA-01', 'required', 'missing', 'notSuitableReasons'));
    it('“other” needs the reason written', () => {
      expectIssue(check(vary(notSuitable, { notSuitableReasons: ['other'] })), 'IA-01', 'required', 'missing', 'notSuitableOther');
      expectComplete(check(vary(notSuitable, { notSuitableReasons: ['other', 'high-risk'], notSuitableOther: '需要面对面的治疗' })));
    });
    it('fails when not assessed', () =>
      expectIssue(
        check(vary(base, { suitability: undefined, practitionerFit: undefined, wishesToContinue: undefined })),
        'IA-01',
        'required',
        'missing',
        'suitability',
      ));
  });

  describe('IA-02 not suitable: the next step is required, the discussion recommended', () => {
    it('v2: not discussed with the client is a suggestion, not a hold', () => {
      const result = check(vary(notSuitable, { suitabilityDiscussed: undefined }));
      expectIssue(result, 'IA-02', 'advisory', 'missing', 'suitabilityDiscussed');
      expect(result.status).toBe('complete');
      expectNoIssue(check(vary(notSuitable, { suitabilityDiscussed: false })), 'IA-02');
    });
    it('fails without the next step', () =>
      expectIssue(check(vary(notSuitable, { nextStep: undefined, referredTo: undefined })), 'IA-02', 'required', 'missing', 'nextStep'));
    it('a referral or signposting names where to', () => {
      expectIssue(check(vary(notSuitable, { referredTo: undefined })), 'IA-02', 'required', 'missing', 'referredTo');
      expectComplete(check(vary(notSuitable, { nextStep: 'signposted', referredTo: 'Mind 信息热线' })));
    });
    it('v2: unsure where to refer: asking support is a next step', () =>
      expectComplete(check(vary(notSuitable, { nextStep: 'asked-support', referredTo: undefined }))));
    it('v2: not yet needs the reason', () => {
      const notYet = vary(notSuitable, { nextStep: 'not-yet', referredTo: undefined });
      expectIssue(check(notYet), 'IA-02', 'required', 'missing', 'nextStepNotYetReason');
      expectComplete(check(vary(notYet, { nextStepNotYetReason: '客户希望先与家人商量，约定下周二电话沟通。' })));
    });
    it('is not required when suitable', () => {
      expectNoIssue(check(base), 'IA-02');
      expect(check(base).visible).not.toContain('referredTo');
    });
  });

  describe('IA-03 practitioner fit assessed; discussing it is recommended', () => {
    const notFit = vary(base, {
      practitionerFit: 'no',
      fitDiscussed: true,
      choosingGuidance: '建议寻找擅长创伤聚焦治疗的从业者。',
      wishesToContinue: 'no',
      bookingRoute: undefined,
      nextSessionAt: undefined,
    });
    it('passes with the discussion and guidance', () => expectComplete(check(notFit)));
    it('v2: guidance on choosing another practitioner is suggested, not held', () => {
      const result = check(vary(notFit, { choosingGuidance: undefined }));
      expectIssue(result, 'IA-03', 'advisory', 'missing', 'choosingGuidance');
      expect(result.status).toBe('complete');
      expectIssue(check(vary(notFit, { fitDiscussed: undefined })), 'IA-03', 'advisory', 'missing', 'fitDiscussed');
    });
    it('fails when fit is not assessed', () =>
      expectIssue(check(vary(base, { practitionerFit: undefined })), 'IA-03', 'required', 'missing', 'practitionerFit'));
    it('is not asked when the client is not suitable for the service', () => expectNoIssue(check(notSuitable), 'IA-03'));
  });

  describe('IA-04 risk to self and to others, and whether there is a safety concern', () => {
    it('fails without risk to self', () =>
      expectIssue(check(vary(base, { riskToSelf: undefined })), 'IA-04', 'required', 'missing', 'riskToSelf'));
    it('fails without risk to others', () =>
      expectIssue(check(vary(base, { riskToOthers: undefined })), 'IA-04', 'required', 'missing', 'riskToOthers'));
    it('fails when whether there is a concern is not answered', () =>
      expectIssue(check(vary(base, { riskConcern: undefined })), 'IA-04', 'required', 'missing', 'riskConcern'));
  });

  describe('IA-05 a safety concern: safety plan and crisis access (follow-up, end of day, attention)', () => {
    it('done with IA-10: attention clears, the risk stays recorded', () => {
      const result = check(concern);
      expectComplete(result);
      expectFollowUp(result, 'IA-05', 'done');
      expect(result.attention).toEqual([]);
      expect(result.riskRecorded).toBe(true);
    });
    it('v2: a risk record saves at once and lists its follow-ups, at attention', () => {
      const result = check(vary(concern, { safetyPlan: undefined, crisisAccess: undefined, supervisorConsultedAt: undefined }));
      expect(result.blocking).toEqual([]);
      expectFollowUp(result, 'IA-05', 'open', { dueAt: '2026-03-02T23:59', attention: true, overdue: false });
      expectFollowUp(result, 'IA-10', 'open', { dueAt: '2026-03-02T23:59', attention: true });
      expect(result.badge).toBe('attention');
      expect(result.attention.map((a) => a.ruleId)).toEqual(['IA-05', 'IA-10']);
    });
    for (const field of ['safetyPlan', 'crisisAccess']) {
      it(`is open without ${field}`, () => {
        const result = check(vary(concern, { [field]: undefined }));
        expectIssue(result, 'IA-05', 'follow-up', 'missing', field);
        expect(result.badge).toBe('attention');
      });
    }
    it('v2: contacting the emergency contact is optional (也可以): a suggestion', () => {
      const result = check(vary(concern, { emergencyContactPermission: undefined }));
      expectIssue(result, 'IA-05', 'advisory', 'missing', 'emergencyContactPermission');
      expectFollowUp(result, 'IA-05', 'done');
    });
    it('is not required without a concern', () => {
      expectNoIssue(check(base), 'IA-05');
      expect(check(base).attention).toEqual([]);
      expect(check(base).followUps).toEqual([]);
    });
  });

  describe('IA-10 clinical supervisor consulted on a safety concern (follow-up, end of day, attention)', () => {
    it('passes when consulted', () => expectFollowUp(check(concern), 'IA-10', 'done'));
    it('is open, at attention, until recorded', () => {
      const result = check(vary(concern, { supervisorConsultedAt: undefined }));
      expectIssue(result, 'IA-10', 'follow-up', 'missing', 'supervisorConsultedAt');
      expect(result.attention.map((a) => a.ruleId)).toEqual(['IA-10']);
      expect(result.badge).toBe('attention');
    });
    it('is not asked without a concern', () => expect(check(base).visible).not.toContain('supervisorConsultedAt'));
  });

  describe('IA-06 key client policies reviewed (advisory)', () => {
    it('warns when one policy was not reviewed, without holding the record', () => {
      const result = check(vary(base, { policiesReviewed: ['cancellation', 'platform-terms', 'privacy'] }));
      expectIssue(result, 'IA-06', 'advisory', 'failed', 'policiesReviewed');
      expect(result.status).toBe('complete');
    });
    it('warns when none is recorded', () =>
      expectIssue(check(vary(base, { policiesReviewed: undefined })), 'IA-06', 'advisory', 'missing', 'policiesReviewed'));
  });

  describe('IA-07 collected details stored under local rules, use agreed', () => {
    it('fails when not stored under local data rules', () =>
      expectIssue(check(vary(base, { storedSecurely: false })), 'IA-07', 'required', 'failed', 'storedSecurely'));
    it('fails without the agreed use', () =>
      expectIssue(check(vary(base, { useAgreed: undefined })), 'IA-07', 'required', 'missing', 'useAgreed'));
    it('fails without which details', () =>
      expectIssue(check(vary(base, { detailsKinds: [] })), 'IA-07', 'required', 'missing', 'detailsKinds'));
    it('is not required when nothing was collected', () =>
      expectNoIssue(
        check(vary(base, { detailsCollected: false, detailsKinds: undefined, storedSecurely: undefined, useAgreed: undefined })),
        'IA-07',
      ));
    it('v2: applies only when details were collected', () => expectNoIssue(check(vary(base, { detailsCollected: undefined })), 'IA-07'));
  });

  describe('IA-11 collecting contact, GP and emergency-contact details is encouraged (advisory)', () => {
    it('passes when collected', () => expectNoIssue(check(base), 'IA-11'));
    it('suggests collecting them, never holding the record', () => {
      const none = check(vary(base, { detailsCollected: false, detailsKinds: undefined, storedSecurely: undefined, useAgreed: undefined }));
      expectIssue(none, 'IA-11', 'advisory', 'failed', 'detailsCollected');
      expect(none.status).toBe('complete');
      expectIssue(check(vary(base, { detailsCollected: undefined })), 'IA-11', 'advisory', 'missing', 'detailsCollected');
    });
  });

  describe('IA-08 outcome measures with valid scores, when used', () => {
    it('PHQ-9 27 passes, 28 fails', () => {
      expectComplete(check(vary(base, { phq9Score: 27 })));
      expectIssue(check(vary(base, { phq9Score: 28 })), 'IA-08', 'required', 'invalid', 'phq9Score');
    });
    it('GAD-7 21 passes, 22 fails', () => {
      expectComplete(check(vary(base, { gad7Score: 21 })));
      expectIssue(check(vary(base, { gad7Score: 22 })), 'IA-08', 'required', 'invalid', 'gad7Score');
    });
    it('CORE-10 and WSAS: 40 passes, 41 fails', () => {
      for (const [measure, field] of [
        ['core-10', 'core10Score'],
        ['wsas', 'wsasScore'],
      ] as const) {
        const record = (score: number) =>
          vary(base, { measuresUsed: [measure], phq9Score: undefined, gad7Score: undefined, [field]: score });
        expectComplete(check(record(40)));
        expectIssue(check(record(41)), 'IA-08', 'required', 'invalid', field);
      }
    });
    it('a measure ticked without its score fails', () =>
      expectIssue(check(vary(base, { phq9Score: undefined })), 'IA-08', 'required', 'missing', 'phq9Score'));
    it('is not required when no measure was used', () =>
      expectComplete(check(vary(base, { measuresUsed: undefined, phq9Score: undefined, gad7Score: undefined }))));
  });

  describe('IA-09 wish to continue; the next session or how it will be booked (advisory: 可能希望)', () => {
    it('v2: suggested when not recorded, never holding the record', () => {
      const result = check(vary(base, { wishesToContinue: undefined, bookingRoute: undefined, nextSessionAt: undefined }));
      expectIssue(result, 'IA-09', 'advisory', 'missing', 'wishesToContinue');
      expect(result.status).toBe('complete');
    });
    it('yes suggests how the session will be booked', () =>
      expectIssue(
        check(vary(base, { bookingRoute: undefined, nextSessionAt: undefined })),
        'IA-09',
        'advisory',
        'missing',
        'bookingRoute',
      ));
    it('a booked time before the assessment is flagged', () => {
      expectIssue(check(vary(base, { nextSessionAt: undefined })), 'IA-09', 'advisory', 'missing', 'nextSessionAt');
      expectIssue(check(vary(base, { nextSessionAt: '2026-03-01T18:00' })), 'IA-09', 'advisory', 'failed', 'nextSessionAt');
    });
    it('passes when the client will book through the platform or by email', () => {
      for (const bookingRoute of ['platform', 'email']) expectComplete(check(vary(base, { bookingRoute, nextSessionAt: undefined })));
    });
    it('passes when the client has not decided or does not wish to continue', () => {
      for (const wishesToContinue of ['undecided', 'no'])
        expectComplete(check(vary(base, { wishesToContinue, bookingRoute: undefined, nextSessionAt: undefined })));
    });
    it('is not asked when the client is not suitable', () => expectNoIssue(check(notSuitable), 'IA-09'));
  });

  it('clinical Chinese: the catalogue’s terms, not a literal translation', () => {
    const text = JSON.stringify(checklist);
    for (const term of ['精神病性症状活跃期', '躁狂发作', '物质滥用', '会谈', '转介', '隐私政策', '全科医生（GP）'])
      expect(text).toContain(term);
    for (const wrong of ['精神错乱', '会话', '隐私条款', '推荐至']) expect(text).not.toContain(wrong);
  });
});
