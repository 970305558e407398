// Every rule of checklists/catalogue/rules.json that a shipped checklist
// implements, walked from the rule list itself: each has a record that passes
// it and one that fails it (an issue or an attention item naming the rule), so
// no rule can sit in a checklist without doing anything. A rule added to a
// checklist without a row here fails the first test.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate, parseChecklist, parseLocalDateTime, type Checklist, type Evaluation } from '../../sdk/src/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const checklists = new Map(
  ['snc', 'fus', 'mv', 'cx', 'ia'].map(
    (id) => [id, parseChecklist(JSON.parse(readFileSync(join(root, 'checklists', `${id}.json`), 'utf8')))] as const,
  ),
);
const listed = (JSON.parse(readFileSync(join(root, 'checklists', 'catalogue', 'rules.json'), 'utf8')) as { id: string }[]).map(
  (rule) => rule.id,
);

type Answers = Record<string, unknown>;
/** The base record with some answers replaced; `undefined` removes one. */
const vary = (base: Answers, changes: Answers = {}): Answers => {
  const out: Answers = { ...base, ...changes };
  for (const [id, value] of Object.entries(changes)) if (value === undefined) delete out[id];
  return out;
};

const SNC = {
  attendance: 'cancelled-by-provider',
  sessionAt: '2026-06-10T10:00',
  decidedAt: '2026-06-10T08:00',
  informedAt: '2026-06-10T08:15',
  contactMethod: 'phone',
  preferredMethod: 'phone',
  rebookOutcome: 'rebooked',
  rebookedAt: '2026-06-12T10:00',
  nextSessionInPortal: '2026-06-12T10:00',
  agreed: 'Same time on Friday.',
  riskConcern: false,
  clientUnhappy: false,
  absenceSignificant: false,
  absenceLonger: false,
  recordedAt: '2026-06-10T08:30',
};
const FUS = {
  attendance: 'attended',
  sessionAt: '2026-03-02T10:00',
  reviewedBeforeSession: ['previous-notes', 'treatment-goals'],
  successes: 'Used the breathing exercise twice.',
  challenges: 'Sleep still poor.',
  sessionOutcome: 'Agreed a first graded exposure task.',
  observations: 'Brighter affect.',
  clientFeedback: 'Finds the plan manageable.',
  measuresUsed: ['phq-9'],
  phq9Score: 12,
  planChanged: false,
  nextAppointment: 'booked',
  nextAppointmentAt: '2026-03-09T10:00',
  preferredChannel: 'sms',
  reminderChannel: 'sms',
  infoShared: false,
  transferring: false,
  recordedAt: '2026-03-02T15:30',
};
const MV = {
  stage: 'response',
  serviceUserName: 'Edith Clarke',
  expectedVisitAt: '2026-03-02T08:00',
  attendance: 'late-call',
  awareAt: '2026-03-02T08:20',
  reportedTo: 'office',
  reportedToName: 'Priya Shah',
  reportedAt: '2026-03-02T08:35',
  nonVisitReason: 'road-traffic',
  nonVisitDetail: 'Road closed after an accident.',
  actionsTaken: 'Phoned the office; cover arranged.',
  consequences: ['late-medication'],
  consequencesDetail: 'Medication given at 09:40.',
  welfareCheckMethod: 'phone',
  welfareCheckResult: 'safe',
  welfareCheckOutcome: 'Spoke to Mrs Clarke at 08:40: well.',
  significantHarmPossible: false,
  visitStillValid: true,
  coverOutcome: 'covered-late',
  actualVisitAt: '2026-03-02T09:40',
  familyInvolvement: 'involved',
  familyInformed: true,
  familyInformedSteps: 'Daughter told of the delay.',
  incidentReportRef: 'IR-2026-0142',
  safeguardingAlert: false,
  misconductSuspected: false,
};
const MV_UNCOVERED = vary(MV, {
  attendance: 'missed-visit',
  coverOutcome: 'not-covered',
  actualVisitAt: undefined,
  safeguardingAlert: true,
  safeguardingAuthority: 'Wiltshire Council',
  safeguardingAlertAt: '2026-03-02T10:15',
  cqcNotifiedOn: '2026-03-02',
});
const CX = {
  visitType: 'first',
  recentHistory: 'Party Friday to Sunday.',
  presentationReason: 'Frightened after passing out.',
  recentUse: 'Most weekends for two years.',
  goal: 'safer-use',
  goalInOwnWords: '“I want to know how to dose safely.”',
  motivation: 'motivated',
  plan: 'Timer and oral syringe.',
  returning: 'booked',
  returnOn: '2026-03-16',
  urgentRisks: 'none',
  followUpEmailSent: true,
  referralMade: false,
  infoSent: false,
  canExplainPlan: true,
  knowsWalkIns: true,
};
const CX_FOLLOW_UP = vary(CX, {
  visitType: 'follow-up',
  recentHistory: undefined,
  goalProgress: 'Kept to the timer.',
  triggersAndCraving: 'Sunday evenings; calls a friend.',
});
const IA = {
  assessmentAt: '2026-03-02T18:00',
  suitability: 'suitable',
  practitionerFit: 'yes',
  riskToSelf: '目前没有轻生念头。',
  riskToOthers: '未发现。',
  riskConcern: false,
  policiesReviewed: ['cancellation', 'platform-terms', 'privacy', 'making-the-most'],
  detailsCollected: true,
  detailsKinds: ['contact', 'gp'],
  storedSecurely: true,
  useAgreed: '仅在紧急风险时联系。',
  measuresUsed: ['phq-9'],
  phq9Score: 14,
  wishesToContinue: 'yes',
  bookingRoute: 'booked',
  nextSessionAt: '2026-03-09T18:00',
};
const IA_NOT_SUITABLE = vary(IA, {
  suitability: 'not-suitable',
  notSuitableReasons: ['active-psychosis'],
  suitabilityDiscussed: true,
  nextStep: 'referred',
  referredTo: '社区精神卫生团队',
});
const IA_CONCERN = vary(IA, {
  riskConcern: true,
  safetyPlan: '识别预警信号。',
  crisisAccess: '已提供危机热线。',
  emergencyContactPermission: 'yes',
  supervisorConsultedAt: '2026-03-02T19:10',
});

interface Case {
  checklist: string;
  now: string;
  pass: Answers;
  fail: Answers;
  /** When the failing record is judged, if later than `now` (deadlines). */
  failNow?: string;
}

const snc = (pass: Answers, fail: Answers, failNow?: string): Case => ({ checklist: 'snc', now: '2026-06-10T12:00', pass, fail, failNow });
const fus = (pass: Answers, fail: Answers, failNow?: string): Case => ({ checklist: 'fus', now: '2026-03-02T16:00', pass, fail, failNow });
const mv = (pass: Answers, fail: Answers, failNow?: string): Case => ({ checklist: 'mv', now: '2026-03-02T09:00', pass, fail, failNow });
const cx = (pass: Answers, fail: Answers): Case => ({ checklist: 'cx', now: '2026-03-02T18:00', pass, fail });
const ia = (pass: Answers, fail: Answers): Case => ({ checklist: 'ia', now: '2026-03-02T20:00', pass, fail });

/** Rule id (and checklist, for G- rules several carry) → a record passing it and one failing it. */
const CASES: Record<string, Case[]> = {
  'G-01': [
    snc(vary(SNC, { onBehalf: true, onBehalfOf: 'Dr Amal Haddad' }), vary(SNC, { onBehalf: true })),
    mv(vary(MV, { onBehalf: true, onBehalfOf: 'J. Okafor' }), vary(MV, { onBehalf: true })),
  ],
  'SNC-01': [snc(SNC, vary(SNC, { attendance: 'attended' }))],
  'SNC-02': [
    snc(
      vary(SNC, {
        notReachedYet: true,
        informedAt: undefined,
        contactMethod: undefined,
        contactAttempts: '08:15 phone, no answer',
        reachedAt: '2026-06-10T09:00',
      }),
      vary(SNC, { informedAt: undefined }),
    ),
    snc(
      vary(SNC, {
        notReachedYet: true,
        informedAt: undefined,
        contactMethod: undefined,
        contactAttempts: '08:15 phone',
        reachedAt: '2026-06-10T09:00',
      }),
      vary(SNC, { notReachedYet: true, informedAt: undefined, contactMethod: undefined, contactAttempts: '08:15 phone' }),
    ),
  ],
  'SNC-03': [
    snc(
      vary(SNC, { contactMethod: 'sms', methodDifferenceReason: 'Phone line down.', supportRoute: 'support-phoned' }),
      vary(SNC, { preferredMethod: undefined }),
    ),
  ],
  'SNC-04': [snc(SNC, vary(SNC, { contactMethod: 'voicemail', methodDifferenceReason: 'No answer.', supportRoute: 'not-technical' }))],
  'SNC-05': [snc(SNC, vary(SNC, { rebookedAt: '2026-06-09T10:00', nextSessionInPortal: '2026-06-09T10:00' }))],
  'SNC-06': [snc(SNC, vary(SNC, { agreed: undefined }))],
  'SNC-07': [snc(SNC, vary(SNC, { nextSessionInPortal: '2026-06-19T10:00' }))],
  'SNC-08': [snc(SNC, vary(SNC, { agreed: undefined }), '2026-06-11T08:01')],
  'SNC-09': [
    snc(
      vary(SNC, { riskConcern: true, riskDetail: 'Said she could not cope.', riskDutyContactedAt: '2026-06-10T08:45' }),
      vary(SNC, { riskConcern: true, riskDetail: 'Said she could not cope.' }),
    ),
  ],
  'SNC-10': [snc(vary(SNC, { clientUnhappy: true, clinicalSupportRequested: true }), vary(SNC, { clientUnhappy: true }))],
  'SNC-11': [snc(vary(SNC, { absenceLonger: true, absenceUpdate: 'Told both on 12 Jun.' }), vary(SNC, { absenceLonger: true }))],
  'FUS-01': [fus(FUS, vary(FUS, { attendance: 'missed-visit' }))],
  'FUS-02': [fus(FUS, vary(FUS, { reviewedBeforeSession: ['previous-notes'] }))],
  'FUS-03': [fus(FUS, vary(FUS, { challenges: undefined }))],
  'FUS-04': [fus(FUS, vary(FUS, { sessionOutcome: undefined, recordedAt: undefined }), '2026-03-03T10:01')],
  'FUS-05': [fus(FUS, vary(FUS, { phq9Score: undefined }))],
  'FUS-06': [fus(vary(FUS, { planChanged: true, planChanges: 'Sleep work first.', planAgreed: true }), vary(FUS, { planChanged: true }))],
  'FUS-07': [fus(FUS, vary(FUS, { nextAppointmentAt: '2026-03-01T10:00' }))],
  'FUS-08': [fus(FUS, vary(FUS, { reminderChannel: 'email' }))],
  'FUS-09': [
    fus(
      vary(FUS, { attendance: 'did-not-attend', dnaContactedAt: '2026-03-02T12:00', dnaOutcome: 'rescheduled' }),
      vary(FUS, { attendance: 'did-not-attend' }),
    ),
  ],
  'FUS-10': [
    fus(
      vary(FUS, { infoShared: true, sharedWith: 'GP', sharingBasis: 'consent' }),
      vary(FUS, { infoShared: true, sharedWith: 'GP', sharingBasis: 'safeguarding', sharingBasisReason: 'Risk to a child.' }),
    ),
  ],
  'FUS-11': [
    fus(
      vary(FUS, { transferring: true, transferTo: 'NHS Talking Therapies', transferDocumentation: 'Summary sent 2 Mar by secure email.' }),
      vary(FUS, { transferring: true }),
    ),
  ],
  'MV-01': [mv(MV, vary(MV, { reportedTo: undefined }), '2026-03-02T09:21')],
  'MV-02': [mv(MV, vary(MV, { actionsTaken: undefined }))],
  'MV-03': [mv(MV, vary(MV, { attendance: 'missed-visit' }))],
  'MV-04': [mv(MV, vary(MV, { welfareCheckResult: 'not-reached' }))],
  'MV-05': [mv(MV, vary(MV, { visitStillValid: undefined }))],
  'MV-06': [mv(MV, vary(MV, { significantHarmPossible: true }))],
  'MV-07': [mv(MV_UNCOVERED, vary(MV_UNCOVERED, { incidentReportRef: undefined }))],
  'MV-08': [
    mv(
      MV_UNCOVERED,
      vary(MV_UNCOVERED, {
        safeguardingAlert: undefined,
        safeguardingAuthority: undefined,
        safeguardingAlertAt: undefined,
        cqcNotifiedOn: undefined,
      }),
    ),
  ],
  'MV-09': [mv(MV, vary(MV, { familyInformed: undefined, familyInformedSteps: undefined }))],
  'MV-10': [mv(MV_UNCOVERED, vary(MV_UNCOVERED, { cqcNotifiedOn: undefined }))],
  'MV-11': [mv(MV, vary(MV, { familyInvolvement: 'not-involved' }))],
  'MV-12': [
    mv(
      vary(MV, { misconductSuspected: true, disciplinaryReferred: true }),
      vary(MV, { misconductSuspected: true, disciplinaryReferred: false }),
    ),
  ],
  'CX-01': [cx(CX, vary(CX, { recentHistory: undefined }))],
  'CX-02': [cx(CX, vary(CX, { presentationReason: undefined }))],
  'CX-03': [cx(CX, vary(CX, { recentUse: undefined }))],
  'CX-04': [cx(CX, vary(CX, { goal: undefined }))],
  'CX-05': [cx(CX, vary(CX, { motivation: undefined }))],
  'CX-06': [cx(CX, vary(CX, { plan: undefined }))],
  'CX-07': [
    cx(CX, vary(CX, { urgentRisks: 'identified', riskDescription: 'Doses alone.', riskAction: 'Buddy system agreed.' })),
    cx(CX, vary(CX, { urgentRisks: 'identified' })),
  ],
  'CX-08': [cx(vary(CX, { referralMade: true, referralTo: '56 Dean Street' }), vary(CX, { referralMade: true }))],
  'CX-09': [cx(CX, vary(CX, { canExplainPlan: false }))],
  'CX-10': [cx(CX_FOLLOW_UP, vary(CX_FOLLOW_UP, { triggersAndCraving: undefined }))],
  'IA-01': [ia(IA, vary(IA, { suitability: undefined }))],
  'IA-02': [ia(IA_NOT_SUITABLE, vary(IA_NOT_SUITABLE, { nextStep: undefined, referredTo: undefined }))],
  'IA-03': [ia(IA, vary(IA, { practitionerFit: undefined }))],
  'IA-04': [ia(IA, vary(IA, { riskToSelf: undefined }))],
  'IA-05': [ia(vary(IA_CONCERN), vary(IA_CONCERN, { safetyPlan: undefined }))],
  'IA-06': [ia(IA, vary(IA, { policiesReviewed: ['privacy'] }))],
  'IA-07': [ia(IA, vary(IA, { storedSecurely: false }))],
  'IA-08': [ia(IA, vary(IA, { phq9Score: undefined }))],
  'IA-09': [ia(IA, vary(IA, { wishesToContinue: undefined, bookingRoute: undefined, nextSessionAt: undefined }))],
  'IA-10': [ia(IA_CONCERN, vary(IA_CONCERN, { supervisorConsultedAt: undefined }))],
  'IA-11': [ia(IA, vary(IA, { detailsCollected: false, detailsKinds: undefined, storedSecurely: undefined, useAgreed: undefined }))],
};

/** Rule ids a checklist implements: its rules, its deadline's rule and its attention items. */
function implemented(checklist: Checklist): string[] {
  return [
    ...new Set([
      ...checklist.rules.map((rule) => rule.id),
      ...(checklist.deadline ? [checklist.deadline.rule] : []),
      ...(checklist.attention ?? []).map((item) => item.rule),
    ]),
  ];
}

/** What the evaluation says against a rule: its issues (any severity, any code) and attention items. */
const against = (evaluation: Evaluation, ruleId: string) => [
  ...evaluation.issues.filter((issue) => issue.ruleId === ruleId).map((issue) => `${issue.severity}/${issue.code}@${issue.path.join('.')}`),
  ...evaluation.attention.filter((item) => item.ruleId === ruleId).map(() => 'attention'),
];

const rows = listed.flatMap((id) =>
  [...checklists.values()].filter((checklist) => implemented(checklist).includes(id)).map((checklist) => [id, checklist.id] as const),
);

describe('each implemented rule of the rule list has a passing and a failing record', () => {
  it('every rule a checklist implements is in the rule list and has a row here', () => {
    const all = [...checklists.values()].flatMap((checklist) => implemented(checklist).map((id) => `${id} (${checklist.id})`));
    expect(all.filter((entry) => !listed.includes(entry.split(' ')[0]!))).toEqual([]);
    expect(
      rows.filter(([id, checklist]) => !CASES[id]?.some((c) => c.checklist === checklist)).map(([id, checklist]) => `${id} (${checklist})`),
    ).toEqual([]);
  });

  it.each(rows)('%s (%s)', (id, checklistId) => {
    const checklist = checklists.get(checklistId)!;
    for (const c of CASES[id]!.filter((row) => row.checklist === checklistId)) {
      const passing = evaluate(checklist, c.pass, { now: parseLocalDateTime(c.now)! });
      expect(against(passing, id), `${id}: the passing record`).toEqual([]);
      const failing = evaluate(checklist, c.fail, { now: parseLocalDateTime(c.failNow ?? c.now)! });
      expect(against(failing, id).length, `${id}: the failing record`).toBeGreaterThan(0);
    }
  });
});
