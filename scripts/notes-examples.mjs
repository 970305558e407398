// The five example notes of docs/notes.md (one per bundled checklist, in
// English and in Chinese), written by the SDK itself so the page shows what
// Chartguard writes today. Shared by scripts/gen-notes.mjs, which writes the
// page, and test/docs/notes.test.ts, which checks that it is current.

/** Entries as a clinician would make them: the record, who wrote it and when. */
export const NOTE_EXAMPLES = [
  {
    checklist: 'snc',
    heading: 'Short-notice cancellation by the therapist (SNC)',
    author: 'Liz Smith',
    at: '2026-06-10T08:30',
    record: {
      attendance: 'cancelled-by-provider',
      sessionAt: '2026-06-10T10:00',
      decidedAt: '2026-06-10T08:00',
      informedAt: '2026-06-10T08:15',
      contactMethod: 'phone',
      preferredMethod: 'phone',
      rebookOutcome: 'rebooked',
      rebookedAt: '2026-06-12T10:00',
      nextSessionInPortal: '2026-06-12T10:00',
      agreed: 'Same time on Friday; the client will text if she feels unwell before then.',
      riskConcern: false,
      clientUnhappy: false,
      absenceSignificant: false,
      absenceLonger: false,
      recordedAt: '2026-06-10T08:30',
    },
  },
  {
    checklist: 'fus',
    heading: 'Follow-up and ongoing session (FUS)',
    author: 'Liz Smith',
    at: '2026-03-02T15:30',
    record: {
      attendance: 'attended',
      sessionAt: '2026-03-02T10:00',
      reviewedBeforeSession: ['previous-notes', 'treatment-goals'],
      successes: 'Used the breathing exercise twice when anxious at work.',
      challenges: 'Sleep still poor; the thought record was skipped.',
      sessionOutcome: 'Reviewed the week; agreed a first graded exposure task.',
      observations: 'Brighter affect, engaged throughout.',
      clientFeedback: 'Finds the exposure plan manageable.',
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
    },
  },
  {
    checklist: 'mv',
    heading: 'Missed or late visit, the office’s response (MV)',
    author: 'Priya Shah',
    at: '2026-03-02T10:30',
    record: {
      stage: 'response',
      serviceUserName: 'Edith Clarke',
      expectedVisitAt: '2026-03-02T08:00',
      attendance: 'late-call',
      awareAt: '2026-03-02T08:20',
      reportedTo: 'office',
      reportedToName: 'Priya Shah',
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
    },
  },
  {
    checklist: 'cx',
    heading: 'Brief chemsex consultation and handover (CX)',
    author: 'Sam Reed',
    at: '2026-03-02T18:40',
    record: {
      visitType: 'follow-up',
      goalProgress: 'Kept to the timer both weekends; one night mixed G with alcohol.',
      presentationReason: 'Planned follow-up after the first consultation.',
      recentUse: 'Two weekends of GHB; once with alcohol.',
      goal: 'weekend-without',
      motivation: 'motivated',
      plan: 'One weekend without chems this month; buddy system when using.',
      triggersAndCraving: 'Sunday evenings alone are the trigger; plans a call with a friend.',
      returning: 'booked',
      returnOn: '2026-03-16',
      urgentRisks: 'identified',
      riskDescription: 'Doses alone at home.',
      riskAction: 'Agreed never to dose alone; naloxone and overdose advice given.',
      followUpEmailSent: true,
      referralMade: false,
      infoSent: true,
      infoSentDetail: 'GHB/GBL safer-dosing leaflet',
      canExplainPlan: true,
      knowsWalkIns: true,
    },
  },
  {
    checklist: 'ia',
    heading: 'Initial assessment (IA)',
    author: '王丽',
    at: '2026-03-02T19:00',
    clientTerm: '来访者',
    record: {
      assessmentAt: '2026-03-02T18:00',
      suitability: 'suitable',
      practitionerFit: 'yes',
      riskToSelf: 'Passive thoughts of not wanting to be here last month; none now, no plan or intent.',
      riskToOthers: 'None identified.',
      riskConcern: false,
      policiesReviewed: ['cancellation', 'platform-terms', 'privacy', 'making-the-most'],
      detailsCollected: true,
      detailsKinds: ['contact', 'gp', 'emergency-contact'],
      storedSecurely: true,
      useAgreed: 'Emergency contact (partner) only if there is an immediate risk.',
      measuresUsed: ['phq-9', 'gad-7'],
      phq9Score: 14,
      gad7Score: 11,
      wishesToContinue: 'yes',
      bookingRoute: 'booked',
      nextSessionAt: '2026-03-09T18:00',
    },
  },
];

/** The Chinese text of each example's free-text answers, so the Chinese note reads as one language. */
const ZH_TEXT = {
  agreed: '周五同一时间；如果在此之前感到不适，客户会发短信告知。',
  successes: '工作中焦虑时两次使用了呼吸练习。',
  challenges: '睡眠仍然不好；没有完成想法记录。',
  sessionOutcome: '回顾了本周情况；商定了第一个分级暴露任务。',
  observations: '情绪较明朗，全程投入。',
  clientFeedback: '认为暴露计划可以完成。',
  nonVisitDetail: '事故导致道路封闭，堵车 50 分钟。',
  actionsTaken: '致电办公室；已安排 J. Okafor 顶班。',
  consequencesDetail: '早上的药物在 09:40 而非 08:00 服用；药剂师表示无害。',
  welfareCheckOutcome: '08:40 与 Clarke 女士通话：状况良好，已吃早餐，正在等待服药。',
  familyInformedSteps: '已告知其女儿延误情况以及 09:40 的顶班探访。',
  goalProgress: '两个周末都按计时器用药；有一晚将 G 与酒精混用。',
  presentationReason: '首次咨询后的计划复诊。',
  recentUse: '两个周末使用 GHB；一次与酒精同用。',
  plan: '本月有一个不使用药物的周末；使用时采用结伴制度。',
  triggersAndCraving: '周日晚上独处是诱因；计划给朋友打电话。',
  riskDescription: '在家中独自用药。',
  riskAction: '商定绝不独自用药；已提供纳洛酮和过量用药建议。',
  infoSentDetail: 'GHB/GBL 更安全用药宣传单',
  riskToSelf: '上个月曾有被动的轻生念头；目前没有，也没有计划或意图。',
  riskToOthers: '未发现。',
  useAgreed: '仅在存在紧急风险时联系紧急联系人（伴侣）。',
};

/** docs/notes.md from the SDK passed in (its `parseChecklist` and `composeEntry`) and the checklists by id. */
export function renderNotesMarkdown(sdk, checklists) {
  const out = [
    '# What Chartguard writes into a record',
    '',
    '<!-- Generated by `node scripts/gen-notes.mjs` from scripts/notes-examples.mjs; do not edit by hand. test/docs/notes.test.ts checks it is current. -->',
    '',
    'One example entry per bundled checklist, in English and in Chinese, exactly as Chartguard adds',
    'it to the portal’s note. Each entry opens with a one-line summary (when, how, what was agreed;',
    'the handover opens with its risk line), ending in the tag `[Chartguard id/version]` that lets the',
    'SDK find and read the entry again; then who wrote it and when; then the detail, section by',
    'section, with the questions answered “no” folded into one line at the end. Chinese notes use',
    'Chinese punctuation; whether they say 客户 or 来访者 is an organisation setting (the initial',
    'assessment below uses 来访者). Every note here is read back by the SDK with nothing unread',
    '(`test/docs/notes.test.ts`).',
    '',
  ];
  for (const example of NOTE_EXAMPLES) {
    const checklist = sdk.parseChecklist(checklists[example.checklist]);
    out.push(`## ${example.heading}`, '');
    for (const locale of ['en', 'zh-CN']) {
      const record = exampleRecord(example, locale);
      const { note } = sdk.composeEntry({
        checklist,
        record,
        existing: '',
        author: { name: example.author },
        at: example.at,
        locale,
        ...(example.clientTerm && { clientTerm: example.clientTerm }),
      });
      out.push(locale === 'en' ? 'English:' : '中文：', '', '```text', note, '```', '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** The example's record in the language of the note, as the page renders it. */
export function exampleRecord(example, locale) {
  return locale === 'zh-CN'
    ? {
        ...example.record,
        ...Object.fromEntries(
          Object.keys(example.record)
            .filter((id) => id in ZH_TEXT)
            .map((id) => [id, ZH_TEXT[id]]),
        ),
      }
    : example.record;
}
