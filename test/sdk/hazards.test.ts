// The hazards of issue #15's clinical-safety review, each reproduced as the
// reviewer found it and shown closed: a risk appended to a handover, a
// cancelled session with no note, an unreached welfare check, and a care
// worker's missed-visit report held by the office's duties.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gradeNote, parseAdapter, parseChecklist, parseLocalDateTime, renderNote, type Checklist } from '../../sdk/src/index.js';
import { adapterReading, readWithAdapter } from '../../sdk/src/audit-adapter.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const load = (id: string): Checklist => parseChecklist(JSON.parse(readFileSync(join(root, 'checklists', `${id}.json`), 'utf8')));
const [snc, mv, cx] = [load('snc'), load('mv'), load('cx')];
const all = [snc, mv, cx];
const at = (text: string) => parseLocalDateTime(text)!;

describe('a risk appended to a handover note raises attention (G-06)', () => {
  const handover = {
    visitType: 'follow-up',
    goalProgress: 'Kept to the timer both weekends.',
    presentationReason: 'Planned follow-up.',
    recentUse: 'One weekend, GHB with alcohol once.',
    goal: 'reduce',
    motivation: 'motivated',
    plan: 'One weekend a month without chems.',
    returning: 'when-ready',
    urgentRisks: 'none',
    followUpEmailSent: true,
    referralMade: false,
    infoSent: false,
  };
  it.each(['en', 'zh-CN'] as const)('complete as written; attention once “Urgent risks: Identified” is added below (%s note)', (locale) => {
    const note = renderNote(cx, handover, { locale });
    expect(gradeNote({ checklists: all, text: note, now: at('2026-06-10T12:00') }).badge).toBe('complete');
    const appended = gradeNote({ checklists: all, text: `${note}\n\nUrgent risks: Identified`, now: at('2026-06-10T12:00') });
    expect(appended.badge).toBe('attention');
    expect(appended.evaluation!.attention.map((item) => item.ruleId)).toEqual(['CX-07']);
  });
});

describe('a session coded “Cancelled by Therapist/VHG” with no note (G-03)', () => {
  // The MPB export in the portal's own words, read through its adapter as `chartguard audit --adapter` does.
  const reading = adapterReading(parseAdapter(JSON.parse(readFileSync(join(root, 'adapters', 'mpb-demo.json'), 'utf8'))));
  const row = readWithAdapter(
    { line: 1, id: 's-2003', note: '', attendance: 'Appointment Cancelled by Therapist/VHG', answers: { sessionAt: '2026-06-10 10:00' } },
    reading,
  );
  const grade = (now: string) =>
    gradeNote({ checklists: all, text: row.note ?? '', attendance: row.attendance, answers: row.answers, now: at(now) });

  it('is missing, not “not structured”, before its deadline', () => {
    expect(row.attendance).toBe('cancelled-by-provider');
    expect(grade('2026-06-10T12:00')).toMatchObject({
      badge: 'missing',
      reason: 'no-note',
      checklistId: 'snc',
      due: { ruleId: 'SNC-08', dueAt: '2026-06-11T10:00' },
    });
  });

  it('becomes overdue after its deadline', () => {
    expect(grade('2026-06-11T10:00').badge).toBe('missing');
    expect(grade('2026-06-11T10:01').badge).toBe('overdue');
  });
});

describe('a missed visit whose welfare check was “no answer x3” (MV-04)', () => {
  const response = {
    stage: 'response',
    serviceUserName: 'Edith Clarke',
    expectedVisitAt: '2026-03-02T08:00',
    attendance: 'missed-visit',
    awareAt: '2026-03-02T08:20',
    reportedTo: 'office',
    reportedToName: 'Priya Shah',
    reportedAt: '2026-03-02T08:35',
    nonVisitReason: 'road-traffic',
    actionsTaken: 'Phoned the office at once.',
    consequences: ['none'],
    welfareCheckMethod: 'phone',
    welfareCheckResult: 'not-reached',
    welfareCheckOutcome: 'No answer x3 (08:40, 08:50, 09:00).',
    significantHarmPossible: false,
    visitStillValid: true,
    coverOutcome: 'covered-late',
    actualVisitAt: '2026-03-02T09:40',
    familyInformed: true,
    familyInformedSteps: 'Daughter told.',
    incidentReportRef: 'IR-2026-0142',
    safeguardingAlert: false,
  };
  const now = at('2026-03-02T10:00');

  it.each(['en', 'zh-CN'] as const)('raises attention, not complete (%s note)', (locale) => {
    const graded = gradeNote({ checklists: all, text: renderNote(mv, { ...response, attendance: 'late-call' }, { locale }), now });
    expect(graded.badge).toBe('attention');
    expect(graded.evaluation!.attention.map((item) => item.ruleId)).toContain('MV-04');
    // The same record with the person reached is complete: attention comes from the check, nothing else.
    expect(
      gradeNote({
        checklists: all,
        text: renderNote(mv, { ...response, attendance: 'late-call', welfareCheckResult: 'safe' }, { locale }),
        now,
      }).badge,
    ).toBe('complete');
  });

  it('with “no answer x3” typed where the result goes, the record is not complete', () => {
    const note = renderNote(mv, { ...response, attendance: 'late-call', welfareCheckResult: undefined }).replace(
      'Welfare check in detail:',
      'Result of the welfare check: no answer x3\nWelfare check in detail:',
    );
    const graded = gradeNote({ checklists: all, text: note, now });
    expect(graded.badge).not.toBe('complete');
    expect(graded.evaluation!.blocking.map((issue) => issue.ruleId)).toContain('MV-04');
  });
});

describe('the care worker’s missed-visit report (MV stage 1)', () => {
  const report = {
    stage: 'report',
    serviceUserName: 'Edith Clarke',
    expectedVisitAt: '2026-03-02T08:00',
    attendance: 'missed-visit',
    awareAt: '2026-03-02T08:20',
    reportedTo: 'out-of-hours',
    reportedToName: 'Sam Reed, on-call supervisor',
    reportedAt: '2026-03-02T08:35',
    nonVisitReason: 'road-traffic',
    actionsTaken: 'Phoned the on-call supervisor at once.',
    consequences: ['late-medication'],
    consequencesDetail: 'Morning medication due at 08:00.',
  };

  it.each(['en', 'zh-CN'] as const)(
    'passes without the office’s duties: nothing holds Save; they are open follow-ups (%s note)',
    (locale) => {
      const graded = gradeNote({ checklists: all, text: renderNote(mv, report, { locale }), now: at('2026-03-02T08:40') });
      expect(graded.evaluation!.blocking).toEqual([]);
      expect(graded.evaluation!.status).toBe('complete');
      expect(graded.evaluation!.followUps.filter((f) => f.state === 'open').map((f) => f.ruleId)).toEqual([
        'MV-04',
        'MV-05',
        'MV-06',
        'MV-07',
      ]);
    },
  );

  it('is still held by its own rules, MV-01 and MV-02', () => {
    const { reportedToName: _, ...unnamed } = report;
    const graded = gradeNote({ checklists: all, text: renderNote(mv, unnamed), now: at('2026-03-02T08:40') });
    expect(graded.evaluation!.blocking.map((issue) => issue.ruleId)).toEqual(['MV-01']);
  });
});
