// The record model (lib/record-model.ts) on the shipped checklists: the one place that decides which checklist
// a record is held to, how note, draft and page answers merge, what Apply writes where, how the entry is
// composed, and what holds Save. The Save guard and the panel both call it, so these are their rules.
import { evaluate, noteDeclines, parseNote, renderNote, type PortalField } from '@chartguard/sdk';
import { describe, expect, it } from 'vitest';
import { builtInChecklists } from '../../lib/catalog/built-in';
import type { PageSnapshot } from '../../lib/protocol';
import {
  activeChecklistId,
  answersToApply,
  automaticChecklist,
  choiceFromDraft,
  composeDeclineEntry,
  composeRecordEntry,
  entryAuthor,
  holdsSave,
  judgeSave,
  pageAnswersToShow,
  pageOverNote,
  portalFieldFacts,
  recordOnPage,
  valueForPortalField,
} from '../../lib/record-model';

const checklists = builtInChecklists();
const snc = checklists.get('snc')!;
const fus = checklists.get('fus')!;
const NOW = new Date(2026, 10, 23, 15, 0);
const PAGE = { sessionAt: '2026-11-23T14:00', preferredMethod: 'phone', attendance: 'cancelled-by-provider' };

function page(overrides: Partial<PageSnapshot> = {}): PageSnapshot {
  return {
    adapterId: 'mpb-demo',
    adapterName: 'MPB demo portal',
    pageKind: 'session',
    recordId: 's-1',
    answers: { ...PAGE },
    note: '',
    checklists: ['snc', 'fus', 'ia'],
    suggested: 'snc',
    missingFields: [],
    mirrors: { nextSessionInPortal: 'rebookedAt' },
    pageOwned: [],
    portalValues: {},
    ...overrides,
  };
}

/** A portal note holding a Chartguard entry for `checklist`'s answers. */
const noteOf = (checklist = fus, answers: Record<string, unknown> = { sessionOutcome: 'Went well.' }) => renderNote(checklist, answers);

describe('which checklist a record is held to', () => {
  it('with no choice made: the note’s own checklist over the page’s suggestion, else the suggestion, else none', () => {
    expect(automaticChecklist(page())).toBe('snc');
    expect(automaticChecklist(page({ note: noteOf() }))).toBe('fus');
    expect(automaticChecklist(page({ suggested: undefined }))).toBeNull();
    // A note of a checklist this page does not offer does not hide the page's suggestion.
    expect(automaticChecklist(page({ note: noteOf(), checklists: ['snc'] }))).toBe('snc');
    expect(automaticChecklist(page({ suggested: 'unknown' }))).toBeNull();
  });

  it('never offers again a suggestion the note says was set aside with a reason', () => {
    const note = composeDeclineEntry({
      existing: 'Phoned the client.',
      author: 'Liz Smith',
      now: NOW,
      suggestedTitle: 'Short-notice cancellation (snc)',
      reason: 'Rebooked the same day',
      locale: 'en',
    })!;
    expect(note.startsWith('Phoned the client.\n\n')).toBe(true);
    expect(noteDeclines(note, 'snc')).toBe(true);
    expect(automaticChecklist(page({ note }))).toBeNull();
    expect(composeDeclineEntry({ existing: '', author: '  ', now: NOW, suggestedTitle: 'x', reason: 'y', locale: 'en' })).toBeNull();
  });

  it('the user’s choice wins, “no checklist” included; a choice the page does not offer falls back to the record’s own', () => {
    expect(activeChecklistId(page(), 'fus')).toBe('fus');
    expect(activeChecklistId(page({ note: noteOf() }), 'snc')).toBe('snc');
    expect(activeChecklistId(page(), null)).toBeNull();
    expect(activeChecklistId(page(), undefined)).toBe('snc');
    expect(activeChecklistId(page(), 'mv')).toBe('snc');
  });

  it('a restored draft is a choice only where the record would not pick its checklist anyway', () => {
    expect(choiceFromDraft(page(), 'snc')).toBeUndefined();
    expect(choiceFromDraft(page({ note: noteOf() }), 'fus')).toBeUndefined();
    expect(choiceFromDraft(page(), null)).toBeUndefined();
    expect(choiceFromDraft(page(), 'fus')).toBe('fus');
    // So a later suggestion replaces a draft kept for the old one, and never a draft for another checklist.
    const suggestedFus = page({ suggested: 'fus' });
    expect(activeChecklistId(page(), choiceFromDraft(suggestedFus, 'fus'))).toBe('snc');
    expect(activeChecklistId(page({ suggested: 'ia' }), choiceFromDraft(page({ suggested: undefined }), 'fus'))).toBe('fus');
  });
});

describe('the merged record', () => {
  it('lays the page’s answers over a draft’s, and both over the note’s', () => {
    expect(pageOverNote({ note: { a: 1, b: 1, c: 1 }, draft: { b: 2, c: 2 }, page: { c: 3 } })).toEqual({ a: 1, b: 2, c: 3 });
    const note = noteOf(snc, { contactMethod: 'email', agreed: 'From the note.', sessionAt: '2026-11-20T09:00' });
    const record = recordOnPage(snc, page({ note }), { agreed: 'From the draft.' });
    expect(record).toMatchObject({
      contactMethod: 'email',
      agreed: 'From the draft.',
      sessionAt: PAGE.sessionAt,
      attendance: PAGE.attendance,
    });
    expect(recordOnPage(undefined, page({ note }))).toEqual(PAGE);
  });

  it('brings changed and read-only page answers into the panel, never over what the user typed in an unchanged one', () => {
    const readOnly = (id: string) => id === 'sessionAt';
    const updates = pageAnswersToShow({
      before: { sessionAt: 'a', preferredMethod: 'phone', attendance: 'x', contactMethod: 'email' },
      now: { sessionAt: 'b', preferredMethod: 'phone', attendance: 'y', agreed: 'new on the page' },
      current: { sessionAt: 'a', preferredMethod: 'video', attendance: 'x', agreed: '' },
      readOnly,
    });
    expect(updates).toEqual({ sessionAt: 'b', attendance: 'y', agreed: 'new on the page' });
    const gone = pageAnswersToShow({
      before: { sessionAt: 'a', contactMethod: 'email' },
      now: {},
      current: { sessionAt: 'a', contactMethod: 'email' },
      readOnly,
    });
    expect(gone).toEqual({ sessionAt: undefined });
    expect('sessionAt' in gone).toBe(true);
  });
});

describe('what Apply writes', () => {
  const fields = [
    {
      name: 'Attendance',
      role: 'answer',
      answer: 'attendance',
      direction: 'both',
      kind: 'select',
      valueMap: { 'Cancelled by therapist': 'cancelled-by-provider', Attended: 'attended' },
    },
    { name: 'Next session', role: 'answer', answer: 'nextSessionInPortal', writeFrom: 'rebookedAt', direction: 'write', kind: 'datetime' },
    { name: 'Expected', role: 'answer', answer: 'sessionAt', direction: 'read', kind: 'static' },
    { name: 'Note', role: 'note', direction: 'both', kind: 'textarea' },
  ] as unknown as PortalField[];

  it('derives, from the adapter’s fields, the mirrors, the answers the portal owns and the values it can hold', () => {
    expect(portalFieldFacts(fields)).toEqual({
      mirrors: { nextSessionInPortal: 'rebookedAt' },
      pageOwned: ['sessionAt'],
      portalValues: { attendance: ['Cancelled by therapist', 'Attended'] },
    });
  });

  it('sends only the open checklist’s answers, with the clock’s “recorded at” and each mirror copied from its source', () => {
    const values = {
      rebookedAt: '2026-11-30T10:00',
      agreed: 'Rebooked.',
      sessionOutcome: 'kept from FUS',
      contactMethod: null,
      riskConcern: undefined,
      recordedAt: '2020-01-01T00:00',
    };
    const answers = answersToApply(snc, values, { nextSessionInPortal: 'rebookedAt' }, NOW);
    expect(answers).toEqual({
      rebookedAt: '2026-11-30T10:00',
      nextSessionInPortal: '2026-11-30T10:00',
      agreed: 'Rebooked.',
      recordedAt: '2026-11-23T15:00',
    });
    expect(answersToApply(snc, { agreed: 'x' }, { nextSessionInPortal: 'rebookedAt' }, NOW)).not.toHaveProperty('nextSessionInPortal');
  });

  it('writes each portal field from its own answer, the note into the note field, and nothing into a read-only or empty one', () => {
    const answers = { attendance: 'attended', rebookedAt: '2026-11-30T10:00', nextSessionInPortal: 'stale', sessionAt: '2026-11-23T14:00' };
    expect(fields.map((field) => valueForPortalField(field, 'THE NOTE', answers))).toEqual([
      'attended',
      '2026-11-30T10:00',
      undefined,
      'THE NOTE',
    ]);
    expect(fields.map((field) => valueForPortalField(field, '', { attendance: '' }))).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('composes an entry after the portal’s note, kept byte for byte, and only with an author', () => {
    const existing = 'Hand-written line.\r\n';
    const answers = { agreed: 'Rebooked for next week.' };
    expect(composeRecordEntry({ checklist: snc, answers, existing, author: ' ', now: NOW, locale: 'en' })).toBeNull();
    const entry = composeRecordEntry({
      checklist: snc,
      answers,
      existing,
      author: ' Liz Smith ',
      now: NOW,
      locale: 'en',
      override: { ruleIds: ['SNC-02'], reason: 'Client unreachable' },
    })!;
    expect(entry.note.startsWith(existing)).toBe(true);
    expect(entry.note).toContain('Liz Smith');
    expect(entry.note).toContain('SNC-02');
    expect(parseNote(snc, entry.note).answers.agreed).toBe('Rebooked for next week.');
  });

  it('takes the author from the portal’s signed-in user where the page shows one', () => {
    expect(entryAuthor({ signedInUser: ' Dr Ann Lee ' }, 'Liz')).toEqual({ name: 'Dr Ann Lee', from: 'portal' });
    expect(entryAuthor({ signedInUser: '  ' }, ' Liz ')).toEqual({ name: 'Liz', from: 'typed' });
  });
});

describe('what holds Save', () => {
  it('is the evaluation’s blocking issues: a passed deadline is reported as required but never holds', () => {
    const late = evaluate(snc, { ...PAGE, sessionAt: '2026-11-20T09:00' }, { now: NOW, locale: 'en', unknownFields: 'ignore' });
    const overdue = late.issues.find((issue) => issue.code === 'overdue');
    expect(overdue?.severity).toBe('required');
    expect(holdsSave(late, overdue!)).toBe(false);
    const missing = late.issues.find((issue) => issue.code === 'missing');
    expect(missing && holdsSave(late, missing)).toBe(true);
  });

  const fields = [
    { name: 'Note', role: 'note' },
    { name: 'Contact method', role: 'answer', answer: 'contactMethod' },
    { name: 'Attendance', role: 'answer', answer: 'attendance' },
  ] as const;
  const judge = (snapshot: PageSnapshot) =>
    judgeSave({ checklist: snc, page: snapshot, fields, noteLimit: 2_000_000, now: NOW, locale: 'en' });

  it('holds what the portal will receive, its note read back under its own fields, naming the SDK’s blocking rules', () => {
    const verdict = judge(page());
    expect(verdict.kind).toBe('hold');
    const expected = evaluate(snc, PAGE, { now: NOW, locale: 'en', unknownFields: 'ignore' }).blocking.map((issue) => issue.ruleId);
    expect(verdict.kind === 'hold' && verdict.blocking.map((issue) => issue.ruleId)).toEqual(expected);
  });

  it('lets a record that meets policy through', () => {
    const answers = {
      ...PAGE,
      informedAt: '2026-11-23T12:30',
      contactMethod: 'phone',
      rebookOutcome: 'client-declined',
      agreed: 'Client will ring.',
      riskConcern: false,
    };
    const entry = composeRecordEntry({ checklist: snc, answers, existing: '', author: 'Liz Smith', now: NOW, locale: 'en' })!;
    expect(judge(page({ note: entry.note }))).toEqual({ kind: 'allow' });
  });

  it('never holds on its own blindness: a note too long, a note field missing, a rule about a field not on the page', () => {
    expect(judge(page({ noteLength: 3_000_000 }))).toMatchObject({
      kind: 'unchecked',
      reason: expect.stringContaining('3,000,000 characters'),
    });
    expect(judge(page({ missingFields: ['Note'] }))).toMatchObject({ kind: 'unchecked', reason: expect.stringContaining('“Note”') });
    const seen = judge(page());
    const unseen = judge(page({ missingFields: ['Contact method'] }));
    const paths = (verdict: typeof seen) => (verdict.kind === 'hold' ? verdict.blocking.map((issue) => issue.path[0]) : []);
    expect(paths(seen)).toContain('contactMethod');
    expect(paths(unseen)).not.toContain('contactMethod');
    expect(paths(unseen).length).toBeGreaterThan(0);
  });
});
