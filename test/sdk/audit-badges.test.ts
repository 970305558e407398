// gradeNote: the badge of a note as found on a page or in an export. The
// checklist comes from the note's header only; page values win over the note.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ATTENDANCE_LABELS,
  BADGE_PRECEDENCE,
  evaluate,
  gradeNote,
  parseChecklist,
  parseLocalDateTime,
  readPageValue,
  renderNote,
  allFields,
} from '../../sdk/src/index.js';
import { COMPLETE_SNC_RECORD as COMPLETE } from '../fixtures/snc-record.js';

const snc = parseChecklist(JSON.parse(readFileSync(fileURLToPath(new URL('../../checklists/snc.json', import.meta.url)), 'utf8')));
const field = (id: string) => allFields(snc).find((candidate) => candidate.id === id)!;
const now = parseLocalDateTime('2026-06-12T12:00')!;

const without = (record: Record<string, unknown>, ...ids: string[]) =>
  Object.fromEntries(Object.entries(record).filter(([id]) => !ids.includes(id)));

describe('gradeNote', () => {
  it('grades a rendered note exactly as evaluate grades its record', () => {
    const variants = [COMPLETE, without(COMPLETE, 'agreed'), without(COMPLETE, 'recordedAt', 'agreed'), { ...COMPLETE, riskConcern: true }];
    for (const record of variants) {
      for (const locale of ['en', 'zh-CN'] as const) {
        const grade = gradeNote({ checklists: [snc], text: renderNote(snc, record, { locale }), now, locale });
        const expected = evaluate(snc, record, { now, locale });
        expect(grade.structured).toBe(true);
        expect(grade.checklistId).toBe('snc');
        expect(grade.badge).toBe(expected.badge);
        expect(grade.evaluation!.issues).toEqual(expected.issues);
        expect(grade.unread).toEqual([]);
      }
    }
  });

  it('calls a note without a Chartguard header unstructured, even when its lines look like answers', () => {
    const note = renderNote(snc, COMPLETE).split('\n').slice(1).join('\n');
    const grade = gradeNote({ checklists: [snc], text: note, now });
    expect(grade).toMatchObject({ structured: false, badge: 'unstructured', reason: 'no-header', unread: [] });
    expect(gradeNote({ checklists: [snc], text: '', now }).badge).toBe('unstructured');
  });

  it('does not grade a note for a checklist it was not given', () => {
    const note = renderNote(snc, COMPLETE).replace('[Chartguard snc/', '[Chartguard other/');
    const grade = gradeNote({ checklists: [snc], text: note, now });
    expect(grade).toMatchObject({ checklistId: 'other', structured: true, badge: 'unstructured', reason: 'unknown-checklist' });
    expect(grade.evaluation).toBeUndefined();
  });

  it('accepts the checklists as a map by id', () => {
    const grade = gradeNote({ checklists: new Map([['snc', snc]]), text: renderNote(snc, COMPLETE), now });
    expect(grade.badge).toBe('complete');
  });

  it('takes attendance from the page over the note, as a code or as a label in either language', () => {
    const text = renderNote(snc, COMPLETE);
    expect(gradeNote({ checklists: [snc], text, now, attendance: 'attended' }).evaluation!.blocking.map((issue) => issue.ruleId)).toEqual([
      'SNC-01',
    ]);
    const fromNote = renderNote(snc, without(COMPLETE, 'attendance'));
    // v2: a note saved on time but still missing a required answer past its deadline is overdue (was: incomplete).
    expect(gradeNote({ checklists: [snc], text: fromNote, now }).badge).toBe('overdue');
    for (const label of [
      ATTENDANCE_LABELS['cancelled-by-provider'].en,
      ATTENDANCE_LABELS['cancelled-by-provider']['zh-CN'],
      ' Cancelled by therapist or provider ',
    ]) {
      expect(gradeNote({ checklists: [snc], text: fromNote, now, attendance: label }).badge, label).toBe('complete');
    }
  });

  it('lays page answers over the note, reading text cells by field type, and ignores blank cells', () => {
    const text = renderNote(snc, without(COMPLETE, 'sessionAt', 'recordedAt'));
    expect(gradeNote({ checklists: [snc], text, now }).evaluation!.answers.recordedAt).toBeUndefined();
    // The portal says the note was written two days after the client was told: past the 24 h deadline.
    // v2: a complete note written late is history: complete, with the late marker (was: overdue).
    const late = gradeNote({ checklists: [snc], text, now, answers: { recordedAt: '2026-06-12 09:00' } });
    expect(late.badge).toBe('complete');
    expect(late.markers.late).toBe(true);
    const fromPage = gradeNote({
      checklists: [snc],
      text,
      now,
      answers: { sessionAt: '2026-06-10 10:00', recordedAt: '2026-06-10T09:00:00', unknownColumn: 'x' },
    });
    expect(fromPage.badge).toBe('complete');
    expect(fromPage.evaluation!.answers).toMatchObject({ sessionAt: '2026-06-10T10:00', recordedAt: '2026-06-10T09:00' });
    const blank = gradeNote({ checklists: [snc], text: renderNote(snc, COMPLETE), now, answers: { agreed: '  ', riskConcern: '' } });
    expect(blank.badge).toBe('complete');
  });

  it('reports a page value it cannot read through evaluate, not by guessing', () => {
    const grade = gradeNote({ checklists: [snc], text: renderNote(snc, COMPLETE), now, answers: { informedAt: 'yesterday' } });
    expect(grade.evaluation!.blocking).toMatchObject([{ ruleId: 'SNC-02', code: 'invalid', path: ['informedAt'] }]);
  });

  it('lists lines of the note it could not read', () => {
    const text = `${renderNote(snc, COMPLETE)}\nSomething the therapist added by hand`;
    const grade = gradeNote({ checklists: [snc], text, now });
    // v2 (G-06): a structured note with a line it could not read is graded check: a person must look (was: complete).
    expect(grade.badge).toBe('check');
    expect(grade.unread).toMatchObject([{ line: text.split('\n').length, text: 'Something the therapist added by hand' }]);
  });
});

describe('readPageValue', () => {
  it('reads text cells as the field type and passes through what it cannot read', () => {
    expect(readPageValue(field('riskConcern'), 'Yes')).toBe(true);
    expect(readPageValue(field('riskConcern'), 'false')).toBe(false);
    expect(readPageValue(field('riskConcern'), 'maybe')).toBe('maybe');
    expect(readPageValue(field('informedAt'), '2026-06-10 08:30')).toBe('2026-06-10T08:30');
    expect(readPageValue(field('informedAt'), '10/06/2026')).toBe('10/06/2026');
    expect(readPageValue(field('attendance'), 'Did not attend')).toBe('did-not-attend');
    expect(readPageValue(field('agreed'), 7)).toBe(7);
  });
});

describe('gradeNote, badges version 2', () => {
  it('G-03: a cancelled session with no note at all is missing, and overdue at the checklist’s deadline', () => {
    const answers = { sessionAt: '2026-06-12 10:00' };
    const early = gradeNote({
      checklists: [snc],
      text: '',
      attendance: ATTENDANCE_LABELS['cancelled-by-provider'].en,
      answers,
      now: parseLocalDateTime('2026-06-12T12:00')!,
    });
    expect(early).toMatchObject({
      badge: 'missing',
      reason: 'no-note',
      checklistId: 'snc',
      due: { ruleId: 'SNC-08', dueAt: '2026-06-13T10:00' },
    });
    const later = gradeNote({
      checklists: [snc],
      text: '  ',
      attendance: 'cancelled-by-provider',
      answers,
      now: parseLocalDateTime('2026-06-13T10:01')!,
    });
    expect(later.badge).toBe('overdue');
    // Attended, or no attendance: nothing is missing.
    expect(gradeNote({ checklists: [snc], text: '', attendance: 'attended', now }).badge).toBe('unstructured');
    expect(gradeNote({ checklists: [snc], text: '', now }).badge).toBe('unstructured');
  });

  it('G-03: without a start time, missing stays missing', () => {
    expect(gradeNote({ checklists: [snc], text: '', attendance: 'cancelled-by-provider', now }).badge).toBe('missing');
  });

  it('G-06: a question answered twice with different answers is check, the same answer twice is not', () => {
    const text = renderNote(snc, COMPLETE);
    const twice = `${text}\nWhat was agreed with the client: something else`;
    expect(gradeNote({ checklists: [snc], text: twice, now }).badge).toBe('check');
    const agreed = text.split('\n').find((line) => line.startsWith('What was agreed'))!;
    expect(gradeNote({ checklists: [snc], text: `${text}\n${agreed}`, now }).badge).toBe('complete');
  });

  it('markers: overridden is read from the note text; the open count counts open rules', () => {
    const text = `${renderNote(snc, without(COMPLETE, 'agreed'))}\n\nOverride (G-04): SNC-06. Reason: client in crisis, will complete after the call.`;
    const grade = gradeNote({ checklists: [snc], text, now: parseLocalDateTime('2026-06-10T12:00')! });
    expect(grade.markers).toMatchObject({ overridden: true, open: 1 });
    expect(grade.unread).toEqual([]);
    expect(gradeNote({ checklists: [snc], text: renderNote(snc, COMPLETE), now }).markers.overridden).toBe(false);
  });

  it('precedence', () => {
    expect(BADGE_PRECEDENCE).toEqual(['attention', 'overdue', 'missing', 'incomplete', 'check', 'complete']);
  });
});
