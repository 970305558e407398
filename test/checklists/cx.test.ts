// CX: the brief chemsex consultation checklist implements CX-01..CX-09 (seed
// 003), including CX-05's advisory decisional balance inside a required rule.
import { describe, expect, it } from 'vitest';
import { evaluator, expectComplete, expectIssue, expectNoIssue, expectRoundTrip, loadChecklist, vary } from './support.js';

const checklist = loadChecklist('cx');
const check = evaluator(checklist, new Date(2026, 2, 2, 18, 0));

const base = {
  visitType: 'first',
  recentHistory: 'Party Friday to Sunday; little sleep; GHB and mephedrone.',
  presentationReason: 'Frightened after passing out on G at a party last weekend.',
  recentUse: 'Most weekends for two years, more since a break-up.\nDoses G by eye; usually with alcohol.',
  goal: 'safer-use',
  goalInOwnWords: '“I don’t want to go under again. I want to know how to dose safely.”',
  motivation: 'motivated',
  plan: 'Timer and oral syringe for G; no alcohol with it; a friend knows what he has taken.',
  returning: 'booked',
  returnOn: '2026-03-16',
  urgentRisks: 'none',
  followUpEmailSent: true,
  referralMade: false,
  infoSent: true,
  infoSentDetail: 'GHB/GBL safer-dosing leaflet',
  canExplainPlan: true,
  knowsWalkIns: true,
};

const followUp = vary(base, {
  visitType: 'follow-up',
  recentHistory: undefined,
  goalProgress: 'Kept to the timer both weekends; one night mixed with alcohol.',
  triggersAndCraving: 'Sunday evenings alone are the trigger; plans a call with a friend and urge surfing.',
});

describe('cx checklist', () => {
  it('a complete base record passes every rule, with no deadline', () => {
    const result = check(base);
    expectComplete(result);
    expect(result.badge).toBe('complete');
    expect(result.deadline).toBeUndefined();
  });

  it('round-trips the base record through a note in both languages', () => {
    expectRoundTrip(checklist, base);
    expectRoundTrip(
      checklist,
      vary(base, {
        urgentRisks: 'identified',
        riskDescription: 'Lives alone; doses alone.',
        riskAction: 'Agreed a buddy system: never dose alone.',
      }),
    );
  });

  describe('CX-01 visit type, with recent history or goal accomplishment', () => {
    it('a first visit needs a recent history', () =>
      expectIssue(check(vary(base, { recentHistory: undefined })), 'CX-01', 'required', 'missing', 'recentHistory'));
    it('a follow-up needs the goal accomplishment summary, not a history', () => {
      expectComplete(check(followUp));
      expectIssue(check(vary(followUp, { goalProgress: undefined })), 'CX-01', 'required', 'missing', 'goalProgress');
      expect(check(followUp).visible).not.toContain('recentHistory');
    });
    it('fails without the visit type', () =>
      expectIssue(check(vary(base, { visitType: undefined })), 'CX-01', 'required', 'missing', 'visitType'));
  });

  describe('CX-02 reason for presentation', () => {
    it('fails without it', () =>
      expectIssue(check(vary(base, { presentationReason: undefined })), 'CX-02', 'required', 'missing', 'presentationReason'));
  });

  describe('CX-03 history and context of recent use', () => {
    it('fails without it', () => expectIssue(check(vary(base, { recentUse: ' \n ' })), 'CX-03', 'required', 'missing', 'recentUse'));
  });

  describe('CX-04 a goal, in the patient’s own words', () => {
    it('fails without a goal', () => expectIssue(check(vary(base, { goal: undefined })), 'CX-04', 'required', 'missing', 'goal'));
    it('the patient’s own words are welcome, not required (v2): an advisory only', () => {
      const result = check(vary(base, { goalInOwnWords: undefined }));
      expectIssue(result, 'CX-04', 'advisory', 'missing', 'goalInOwnWords');
      expect(result.status).toBe('complete');
      expect(result.blocking).toEqual([]);
    });
    it('“other” needs the goal described', () => {
      expectIssue(check(vary(base, { goal: 'other' })), 'CX-04', 'required', 'missing', 'goalOther');
      expectComplete(check(vary(base, { goal: 'other', goalOther: 'Tell his partner about his use' })));
    });
    it('accepts every goal the guidance names', () => {
      for (const goal of ['safer-use', 'reflect-and-return', 'reduce', 'weekend-without', 'stop'])
        expectComplete(check(vary(base, { goal })));
    });
    it('rejects a goal that is not listed', () =>
      expectIssue(check(vary(base, { goal: 'abstinence-forever' })), 'CX-04', 'required', 'invalid', 'goal'));
  });

  describe('CX-05 motivation (decisional balance advisory)', () => {
    it('fails without motivation', () =>
      expectIssue(check(vary(base, { motivation: undefined })), 'CX-05', 'required', 'missing', 'motivation'));
    it('suggests a decisional balance when ambivalent, without holding the record', () => {
      const result = check(vary(base, { motivation: 'ambivalent' }));
      expectIssue(result, 'CX-05', 'advisory', 'missing', 'decisionalBalance');
      expect(result.status).toBe('complete');
      expect(result.blocking).toEqual([]);
    });
    it('passes when ambivalent with a decisional balance', () =>
      expectComplete(
        check(vary(base, { motivation: 'ambivalent', decisionalBalance: 'Pros: fun, confidence. Cons: missed work, the overdose scare.' })),
      ));
    it('suggests nothing when motivated or not yet motivated', () => {
      expectNoIssue(check(base), 'CX-05');
      expectComplete(check(vary(base, { motivation: 'not-yet', goal: 'reflect-and-return' })));
    });
  });

  describe('CX-06 plan and whether and when returning', () => {
    it('fails without the plan', () => expectIssue(check(vary(base, { plan: undefined })), 'CX-06', 'required', 'missing', 'plan'));
    it('fails without whether returning', () =>
      expectIssue(check(vary(base, { returning: undefined, returnOn: undefined })), 'CX-06', 'required', 'missing', 'returning'));
    it('a set return needs its date', () =>
      expectIssue(check(vary(base, { returnOn: undefined })), 'CX-06', 'required', 'missing', 'returnOn'));
    it('rejects a malformed date', () =>
      expectIssue(check(vary(base, { returnOn: '16/03/2026' })), 'CX-06', 'required', 'invalid', 'returnOn'));
    it('an open invitation needs no date', () => expectComplete(check(vary(base, { returning: 'when-ready', returnOn: undefined }))));
  });

  describe('CX-07 urgent risks: explicitly none, or described with the action', () => {
    const risky = vary(base, {
      urgentRisks: 'identified',
      riskDescription: 'Uses alone; lost consciousness last week.',
      riskAction: 'Agreed never to dose alone; GHB withdrawal warning signs given.',
    });
    it('“none identified” passes without attention', () => {
      expect(check(base).attention).toEqual([]);
    });
    it('described risks pass, and need attention', () => {
      const result = check(risky);
      expectComplete(result);
      expect(result.badge).toBe('attention');
      expect(result.attention.map((a) => a.ruleId)).toEqual(['CX-07']);
    });
    it('fails when risks are identified but not described or acted on', () => {
      const result = check(vary(risky, { riskDescription: undefined, riskAction: undefined }));
      expectIssue(result, 'CX-07', 'required', 'missing', 'riskDescription');
      expectIssue(result, 'CX-07', 'required', 'missing', 'riskAction');
      expect(result.badge).toBe('attention');
    });
    it('fails when not answered explicitly', () =>
      expectIssue(check(vary(base, { urgentRisks: undefined })), 'CX-07', 'required', 'missing', 'urgentRisks'));
  });

  describe('CX-08 follow-up email, referral, information: each answered', () => {
    for (const field of ['followUpEmailSent', 'referralMade', 'infoSent']) {
      it(`fails when ${field} is not answered`, () =>
        expectIssue(check(vary(base, { [field]: undefined, infoSentDetail: undefined })), 'CX-08', 'required', 'missing', field));
    }
    it('“no” is an explicit answer', () =>
      expectComplete(check(vary(base, { followUpEmailSent: false, infoSent: false, infoSentDetail: undefined }))));
    it('a referral needs to whom', () => {
      expectIssue(check(vary(base, { referralMade: true })), 'CX-08', 'required', 'missing', 'referralTo');
      expectComplete(check(vary(base, { referralMade: true, referralTo: '56 Dean Street clinic' })));
    });
    it('information sent needs what', () =>
      expectIssue(check(vary(base, { infoSentDetail: undefined })), 'CX-08', 'required', 'missing', 'infoSentDetail'));
    it('rejects text where a yes/no answer is expected', () =>
      expectIssue(check(vary(base, { referralMade: 'no' })), 'CX-08', 'required', 'invalid', 'referralMade'));
  });

  describe('CX-09 patient can explain the plan and knows the walk-ins (advisory)', () => {
    it('warns when the patient cannot explain the plan', () => {
      const result = check(vary(base, { canExplainPlan: false }));
      expectIssue(result, 'CX-09', 'advisory', 'failed');
      expect(result.status).toBe('complete');
    });
    it('warns when the walk-in services are not known', () =>
      expectIssue(check(vary(base, { knowsWalkIns: false })), 'CX-09', 'advisory', 'failed'));
    it('warns when not answered', () =>
      expectIssue(check(vary(base, { knowsWalkIns: undefined })), 'CX-09', 'advisory', 'missing', 'knowsWalkIns'));
  });

  it('messages come in Chinese from the checklist', () => {
    const result = check(vary(base, { canExplainPlan: false }), { locale: 'zh-CN' });
    expect(result.warnings[0]!.message).toContain('免预约服务');
  });

  describe('CX-10 triggers and craving management on a follow-up visit (advisory)', () => {
    it('passes when discussed', () => expectNoIssue(check(followUp), 'CX-10'));
    it('is suggested, never holding the record, when a follow-up visit does not record it', () => {
      const result = check(vary(followUp, { triggersAndCraving: undefined }));
      expectIssue(result, 'CX-10', 'advisory', 'missing', 'triggersAndCraving');
      expect(result.status).toBe('complete');
    });
    it('is not asked on a first visit', () => {
      expectNoIssue(check(base), 'CX-10');
      expect(check(base).visible).not.toContain('triggersAndCraving');
    });
  });
});
