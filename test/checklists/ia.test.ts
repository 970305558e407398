// IA: the initial assessment checklist implements IA-01..IA-09 from the
// Chinese client assessment policy (seed 004); the base record is written in
// Chinese, as a practitioner following that policy would write it.
import { describe, expect, it } from 'vitest';
import { evaluator, expectComplete, expectIssue, expectNoIssue, expectRoundTrip, loadChecklist, vary } from './support.js';

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
  referredTo: '当地社区精神卫生团队',
});

const concern = vary(base, {
  riskConcern: true,
  safetyPlan: '识别预警信号；联系伴侣；移除家中多余药物。',
  crisisAccess: '已提供 Samaritans 116 123 和当地危机热线。',
  emergencyContactPermission: 'yes',
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
    it('fails without the reason', () => expectIssue(check(vary(notSuitable, { notSuitableReasons: [] })), 'IA-01', 'required', 'missing', 'notSuitableReasons'));
    it('“other” needs the reason written', () => {
      expectIssue(check(vary(notSuitable, { notSuitableReasons: ['other'] })), 'IA-01', 'required', 'missing', 'notSuitableOther');
      expectComplete(check(vary(notSuitable, { notSuitableReasons: ['other', 'high-risk'], notSuitableOther: '需要面对面的治疗' })));
    });
    it('fails when not assessed', () => expectIssue(check(vary(base, { suitability: undefined, practitionerFit: undefined, wishesToContinue: undefined })), 'IA-01', 'required', 'missing', 'suitability'));
  });

  describe('IA-02 not suitable: discussed and referred on', () => {
    it('fails when not discussed with the client', () => {
      const result = check(vary(notSuitable, { suitabilityDiscussed: false }));
      expectIssue(result, 'IA-02', 'required', 'failed', 'suitabilityDiscussed');
      expect(check(vary(notSuitable, { suitabilityDiscussed: false }), { locale: 'zh-CN' }).issues[0]!.message).toContain('讨论适合性');
    });
    it('fails without the referral', () => expectIssue(check(vary(notSuitable, { referredTo: undefined })), 'IA-02', 'required', 'missing', 'referredTo'));
    it('is not required when suitable', () => {
      expectNoIssue(check(base), 'IA-02');
      expect(check(base).visible).not.toContain('referredTo');
    });
  });

  describe('IA-03 practitioner fit, discussed openly when not right', () => {
    const notFit = vary(base, { practitionerFit: 'no', fitDiscussed: true, choosingGuidance: '建议寻找擅长创伤聚焦治疗的从业者。', wishesToContinue: 'no', bookingRoute: undefined, nextSessionAt: undefined });
    it('passes with the discussion and guidance', () => expectComplete(check(notFit)));
    it('fails when not discussed openly', () => expectIssue(check(vary(notFit, { fitDiscussed: false })), 'IA-03', 'required', 'failed', 'fitDiscussed'));
    it('fails without guidance on choosing another practitioner', () => expectIssue(check(vary(notFit, { choosingGuidance: undefined })), 'IA-03', 'required', 'missing', 'choosingGuidance'));
    it('fails when fit is not assessed', () => expectIssue(check(vary(base, { practitionerFit: undefined })), 'IA-03', 'required', 'missing', 'practitionerFit'));
    it('is not asked when the client is not suitable for the service', () => expectNoIssue(check(notSuitable), 'IA-03'));
  });

  describe('IA-04 risk to self and to others', () => {
    it('fails without risk to self', () => expectIssue(check(vary(base, { riskToSelf: undefined })), 'IA-04', 'required', 'missing', 'riskToSelf'));
    it('fails without risk to others', () => expectIssue(check(vary(base, { riskToOthers: undefined })), 'IA-04', 'required', 'missing', 'riskToOthers'));
  });

  describe('IA-05 a risk concern: safety plan, crisis services, emergency contact', () => {
    it('passes when recorded, and needs attention', () => {
      const result = check(concern);
      expectComplete(result);
      expect(result.badge).toBe('attention');
      expect(result.attention.map((a) => a.ruleId)).toEqual(['IA-05']);
    });
    for (const field of ['safetyPlan', 'crisisAccess', 'emergencyContactPermission']) {
      it(`fails without ${field}`, () => {
        const result = check(vary(concern, { [field]: undefined }));
        expectIssue(result, 'IA-05', 'required', 'missing', field);
        expect(result.badge).toBe('attention');
      });
    }
    it('is not required without a concern', () => {
      expectNoIssue(check(base), 'IA-05');
      expect(check(base).attention).toEqual([]);
    });
    it('fails when whether there is a concern is not answered', () => expectIssue(check(vary(base, { riskConcern: undefined })), 'IA-05', 'required', 'missing', 'riskConcern'));
  });

  describe('IA-06 key client policies reviewed (advisory)', () => {
    it('warns when one policy was not reviewed, without holding the record', () => {
      const result = check(vary(base, { policiesReviewed: ['cancellation', 'platform-terms', 'privacy'] }));
      expectIssue(result, 'IA-06', 'advisory', 'failed', 'policiesReviewed');
      expect(result.status).toBe('complete');
    });
    it('warns when none is recorded', () => expectIssue(check(vary(base, { policiesReviewed: undefined })), 'IA-06', 'advisory', 'missing', 'policiesReviewed'));
  });

  describe('IA-07 collected details stored under local rules, use agreed', () => {
    it('fails when not stored under local data rules', () => expectIssue(check(vary(base, { storedSecurely: false })), 'IA-07', 'required', 'failed', 'storedSecurely'));
    it('fails without the agreed use', () => expectIssue(check(vary(base, { useAgreed: undefined })), 'IA-07', 'required', 'missing', 'useAgreed'));
    it('fails without which details', () => expectIssue(check(vary(base, { detailsKinds: [] })), 'IA-07', 'required', 'missing', 'detailsKinds'));
    it('is not required when nothing was collected', () =>
      expectComplete(check(vary(base, { detailsCollected: false, detailsKinds: undefined, storedSecurely: undefined, useAgreed: undefined }))));
    it('fails when whether details were collected is not answered', () =>
      expectIssue(check(vary(base, { detailsCollected: undefined })), 'IA-07', 'required', 'missing', 'detailsCollected'));
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
      for (const [measure, field] of [['core-10', 'core10Score'], ['wsas', 'wsasScore']] as const) {
        const record = (score: number) => vary(base, { measuresUsed: [measure], phq9Score: undefined, gad7Score: undefined, [field]: score });
        expectComplete(check(record(40)));
        expectIssue(check(record(41)), 'IA-08', 'required', 'invalid', field);
      }
    });
    it('a measure ticked without its score fails', () => expectIssue(check(vary(base, { phq9Score: undefined })), 'IA-08', 'required', 'missing', 'phq9Score'));
    it('is not required when no measure was used', () => expectComplete(check(vary(base, { measuresUsed: undefined, phq9Score: undefined, gad7Score: undefined }))));
  });

  describe('IA-09 wish to continue; the next session or how it will be booked', () => {
    it('fails when not recorded', () => expectIssue(check(vary(base, { wishesToContinue: undefined })), 'IA-09', 'required', 'missing', 'wishesToContinue'));
    it('yes needs how the session will be booked', () => expectIssue(check(vary(base, { bookingRoute: undefined, nextSessionAt: undefined })), 'IA-09', 'required', 'missing', 'bookingRoute'));
    it('booked needs the time, after the assessment', () => {
      expectIssue(check(vary(base, { nextSessionAt: undefined })), 'IA-09', 'required', 'missing', 'nextSessionAt');
      expectIssue(check(vary(base, { nextSessionAt: '2026-03-01T18:00' })), 'IA-09', 'required', 'failed', 'nextSessionAt');
    });
    it('passes when the client will book through the platform or by email', () => {
      for (const bookingRoute of ['platform', 'email']) expectComplete(check(vary(base, { bookingRoute, nextSessionAt: undefined })));
    });
    it('passes when the client has not decided or does not wish to continue', () => {
      for (const wishesToContinue of ['undecided', 'no']) expectComplete(check(vary(base, { wishesToContinue, bookingRoute: undefined, nextSessionAt: undefined })));
    });
    it('is not asked when the client is not suitable', () => expectNoIssue(check(notSuitable), 'IA-09'));
  });
});
