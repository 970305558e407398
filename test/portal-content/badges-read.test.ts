// @vitest-environment happy-dom
// Reading list rows as the adapter describes them, and grading what they show:
// the reader must find the same cells as querySelector would (without its slow
// path), and a row's grade must be the SDK's, evaluated once per content.
import { describe, expect, it, vi } from 'vitest';
import type { AdapterList } from '@chartguard/sdk';
import { noteAnswers } from '../../entrypoints/portal.content/features/list-badges/badges-grade';
import { Grader } from '../../lib/list-grading';
import {
  cellFinder,
  lastCompound,
  recordIdOf,
  rowReader,
  sameContent,
  textWithLines,
} from '../../entrypoints/portal.content/features/list-badges/badges-read';
import { renderNote } from '@chartguard/sdk';
import { builtInAdapters, builtInChecklists } from '../../lib/catalog/built-in';
import { ALL_KINDS, generatedCaseload } from './badges-fixtures';

const snc = () => builtInChecklists().get('snc')!;

const caseloadList = builtInAdapters()
  .find((adapter) => adapter.id === 'mpb-demo')!
  .pages.find((page) => page.kind === 'caseload')!.list!;

function renderCaseload(params: Record<string, string>) {
  const { html, rows } = generatedCaseload(params);
  document.body.innerHTML = `<main id="content">${html}</main>`;
  return { elements: [...document.querySelectorAll(caseloadList.rows)], generated: rows };
}

describe('lastCompound', () => {
  it.each([
    ['td.col-note .note-full', '.note-full'],
    ['table#caseload tbody > tr.caseload-row', 'tr.caseload-row'],
    ['li + li ~ .x', '.x'],
    ["[data-cell='report'] .rs-report-full", '.rs-report-full'],
    ['[data-x="a b"]', '[data-x="a b"]'],
    ['div:not(.a .b)', 'div:not(.a .b)'],
    [':is(section article) p.note', 'p.note'],
    ['.note-full', '.note-full'],
  ])('%s → %s', (selector, expected) => {
    expect(lastCompound(selector)).toBe(expected);
  });

  it('refuses selector lists, which cannot be split at one compound', () => {
    expect(lastCompound('td.a, td.b')).toBe('');
    expect(lastCompound(':is(td.a, td.b)')).toBe(':is(td.a, td.b)');
  });
});

describe('cellFinder', () => {
  // Expected answers are spelled out: happy-dom's own querySelector scopes
  // ancestors to the row, which browsers (and the finder) do not.
  it('finds what a browser’s row.querySelector finds, for simple, complex, list and invalid selectors', () => {
    document.body.innerHTML = `
      <table><tbody>
        <tr id="r1"><td id="a1" class="a"><span id="x1" class="x">1</span><div id="f1" class="full">one</div></td><td id="b1" class="b" data-v="v1"><em id="e1">b</em></td></tr>
        <tr id="r2"><td id="b2" class="b"><div id="f2" class="full">two</div></td><td id="a2" class="a"><span id="x2" class="x">2</span></td></tr>
      </tbody></table>`;
    const expected: Record<string, [string | null, string | null]> = {
      'td.a': ['a1', 'a2'],
      'td.a .full': ['f1', null],
      'td .full': ['f1', 'f2'],
      'tbody td.b': ['b1', 'b2'],
      'tr > td.a > span': ['x1', 'x2'],
      'td.a .x, td.b em': ['x1', 'x2'],
      '[data-v] em': ['e1', null],
      'td.c .full': [null, null],
      'td:not(.a) .full': [null, 'f2'],
      'table td.a span.x': ['x1', 'x2'],
    };
    const rows = [...document.querySelectorAll('tr')];
    for (const [selector, ids] of Object.entries(expected)) {
      const find = cellFinder(selector);
      rows.forEach((row, i) => expect(find(row)?.id ?? null, `${row.id} ${selector}`).toBe(ids[i]));
    }
    expect(cellFinder('td[')(rows[0]!)).toBeNull();
  });
});

describe('textWithLines', () => {
  it('keeps the line breaks a note shows, without reading layout', () => {
    const element = document.createElement('div');
    element.innerHTML = 'Line one<br>Line two<p>Para</p><div>Block <b>bold</b></div>tail';
    expect(textWithLines(element)).toBe('Line one\nLine two\nPara\nBlock bold\ntail');
    element.textContent = 'plain\ntext';
    expect(textWithLines(element)).toBe('plain\ntext');
  });
});

describe('rowReader', () => {
  it('reads what an MPB caseload row shows: attendance as a code, the session time, the full note', async () => {
    const { elements: rows, generated } = renderCaseload({ rows: '6', seed: '4', kinds: ALL_KINDS.join(',') });
    const read = rowReader(caseloadList);
    rows.forEach((row, i) => {
      const { session } = generated[i]!;
      const values = read(row);
      expect(recordIdOf(caseloadList, row)).toBe(session.id);
      expect(values.note).toBe(session.clinicalNote);
      expect(values.answers.sessionAt).toBe(session.start);
      const expectedAttendance =
        session.attendance === 'Appointment Cancelled by Therapist/VHG'
          ? 'cancelled-by-provider'
          : session.attendance === 'Attended'
            ? 'attended'
            : session.attendance === 'Did Not Attend'
              ? 'did-not-attend'
              : 'Not recorded';
      expect(values.attendance).toBe(expectedAttendance);
    });
  });

  it('reads identical content as the same and tells changed content apart', async () => {
    const rows = renderCaseload({ rows: '3', seed: '2' }).elements;
    const read = rowReader(caseloadList);
    const before = rows.map((row) => read(row));
    expect(sameContent(before[0]!, before[1]!)).toBe(false);
    const again = renderCaseload({ rows: '3', seed: '2' }).elements.map((row) => read(row));
    again.forEach((values, i) => expect(sameContent(values, before[i]!)).toBe(true));
    const edited = renderCaseload({ rows: '3', seed: '2' }).elements;
    edited[1]!.querySelector('.note-full')!.textContent += ' Edited.';
    edited[2]!.querySelector('td.col-when')!.setAttribute('data-iso', '2026-01-01T09:00');
    const after = edited.map((row) => read(row));
    expect(sameContent(after[0]!, before[0]!)).toBe(true);
    expect(sameContent(after[1]!, before[1]!)).toBe(false);
    expect(sameContent(after[2]!, before[2]!)).toBe(false);
    // Moving text from one cell to another is a change too.
    const moved: AdapterList = {
      rows: 'tr',
      cells: [
        { name: 'a', selector: '.a', role: 'answer', answer: 'x' },
        { name: 'y', selector: '.y', role: 'answer', answer: 'y' },
        { name: 'b', selector: '.b', role: 'note' },
      ],
    };
    document.body.innerHTML =
      '<table><tr><td class="a">ab</td><td class="y">c</td><td class="b">n</td></tr><tr><td class="a">a</td><td class="y">bc</td><td class="b">n</td></tr></table>';
    const [first, second] = [...document.querySelectorAll('tr')].map(rowReader(moved));
    expect(sameContent(first!, second!)).toBe(false);
  });

  it('reads a cell shared by two answers once, and gives both answers its value', () => {
    const shared: AdapterList = {
      rows: 'tr',
      cells: [
        { name: 'when', selector: 'td.when', attribute: 'data-iso', role: 'answer', answer: 'sessionAt' },
        { name: 'when again', selector: 'td.when', attribute: 'data-iso', role: 'answer', answer: 'assessmentAt' },
        { name: 'shown', selector: 'td.when', role: 'answer', answer: 'shownAt' },
        { name: 'note', selector: 'td.note', role: 'note' },
      ],
    };
    document.body.innerHTML =
      '<table><tr><td class="when" data-iso="2026-11-02T10:00">02/11 10:00</td><td class="note">n</td></tr></table>';
    const row = document.querySelector('tr')!;
    const lookups = vi.spyOn(row, 'querySelector');
    const values = rowReader(shared)(row);
    expect(values.answers).toEqual({ sessionAt: '2026-11-02T10:00', assessmentAt: '2026-11-02T10:00', shownAt: '02/11 10:00' });
    expect(lookups.mock.calls.map(([selector]) => selector).sort()).toEqual(['td.note', 'td.when']);
  });
});

describe('rowReader with the grader saying what a note needs', () => {
  const checklists = builtInChecklists();

  it('reads other cells only as far as the note’s checklist uses them, and grades as a full read does', async () => {
    const { elements: rows, generated } = renderCaseload({ rows: '24', seed: '5', kinds: ALL_KINDS.join(',') });
    const lazy = rowReader(caseloadList, noteAnswers(checklists));
    const full = rowReader(caseloadList);
    const now = Date.now();
    rows.forEach((row, i) => {
      const { kind } = generated[i]!;
      const lookups = vi.spyOn(row, 'querySelector');
      const values = lazy(row);
      const selectors = lookups.mock.calls.map(([selector]) => selector);
      lookups.mockRestore();
      if (kind === 'handwritten') {
        // No Chartguard header: the grade is "not structured" whatever the other cells say.
        expect(selectors, kind).toEqual(['.note-full']);
        expect(values.attendance).toBeUndefined();
        expect(values.answers).toEqual({});
      } else if (kind === 'upcoming') {
        // v2: no note at all: attendance and the session time are read, to tell a missing note (G-03).
        expect(selectors, kind).toEqual(['.note-full', 'td.col-attendance', 'td.col-when']);
      } else {
        expect(selectors, kind).toEqual(['.note-full', 'td.col-attendance', 'td.col-when']);
        expect(values.answers.sessionAt).toBe(generated[i]!.session.start);
      }
      expect(new Grader(checklists, { locale: 'en', settings: {} }).grade(values, now), kind).toEqual(
        new Grader(checklists, { locale: 'en', settings: {} }).grade(full(row), now),
      );
    });
  });

  it('skips a cell whose answer the note’s checklist does not have', () => {
    const answersFor = noteAnswers(checklists);
    // The initial assessment checklist asks no attendance question.
    expect(answersFor('Initial assessment [Chartguard ia/1]\n')?.has('attendance')).toBe(false);
    expect(answersFor('Initial assessment [Chartguard ia/1]\n')?.has('assessmentAt')).toBe(true);
    expect(answersFor('Short-notice cancellation [Chartguard snc/1]')?.has('attendance')).toBe(true);
    expect(answersFor('Written by hand.')).toBeNull();
    expect(answersFor('Something [Chartguard unknown/1]')).toBeNull();
    document.body.innerHTML =
      '<table><tr class="caseload-row"><td class="col-when" data-iso="2026-11-02T10:00"></td><td class="col-attendance">Attended</td><td class="col-note"><div class="note-full">Initial assessment [Chartguard ia/1]\n</div></td></tr></table>';
    const values = rowReader(caseloadList, answersFor)(document.querySelector('tr')!);
    expect(values.attendance).toBeUndefined();
    expect(values.answers).toEqual({ sessionAt: '2026-11-02T10:00', assessmentAt: '2026-11-02T10:00' });
  });
});

describe('Grader', () => {
  const checklists = builtInChecklists();

  it('gives each generated kind of record the badge the SDK gives it, with its reasons', async () => {
    const { elements: rows, generated } = renderCaseload({ rows: '12', seed: '9', kinds: ALL_KINDS.join(',') });
    const grader = new Grader(checklists, { locale: 'en', settings: {} });
    const read = rowReader(caseloadList);
    rows.forEach((row, i) => {
      const { kind, expected } = generated[i]!;
      const grade = grader.grade(read(row));
      expect(grade.badge, kind).toBe(expected);
      if (kind === 'incomplete' || kind === 'overdue') expect(grade.issues.map((issue) => issue.ruleId)).toContain('SNC-06');
      if (kind === 'overdue') {
        expect(grade.deadline).toMatchObject({ ruleId: 'SNC-08', hours: 24, recorded: false });
        expect(grade.deadline!.lateByMinutes).toBeGreaterThan(24 * 60);
      } else expect(grade.deadline).toBeUndefined();
      if (kind === 'risk') expect(grade.attention.map((item) => item.ruleId)).toEqual(['SNC-09']);
      if (kind === 'handwritten') expect(grade.reason).toBe('no-header');
      if (kind === 'upcoming') expect(grade.reason).toBe('empty');
      if (kind === 'complete') expect(grade.issues).toEqual([]);
    });
  });

  it('evaluates each distinct content once, and again only when an open record’s deadline passes', async () => {
    const [row] = renderCaseload({ rows: '1', seed: '1', kinds: 'incomplete' }).elements;
    const grader = new Grader(checklists, { locale: 'en', settings: {} });
    const values = rowReader(caseloadList)(row!);
    const now = Date.now();
    const first = grader.grade(values, now);
    expect(first.badge).toBe('incomplete');
    expect(first.validUntil).toBeGreaterThan(now);
    expect(first.validUntil).toBeLessThan(now + 24 * 3_600_000);
    expect(grader.grade(values, now + 60_000)).toBe(first);
    expect(grader.evaluations).toBe(1);
    const later = grader.grade(values, first.validUntil + 60_000);
    expect(grader.evaluations).toBe(2);
    expect(later.badge).toBe('overdue');
  });

  it('caches by note and other cells: the same note beside another session time is graded again', async () => {
    const [row] = renderCaseload({ rows: '1', seed: '1', kinds: 'incomplete' }).elements;
    const grader = new Grader(checklists, { locale: 'en', settings: {} });
    const read = rowReader(caseloadList);
    const recent = read(row!);
    row!.querySelector('td.col-when')!.setAttribute('data-iso', '2020-01-06T09:00');
    const old = read(row!);
    expect(old.note).toBe(recent.note);
    const now = Date.now();
    const [recentGrade, oldGrade] = [grader.grade(recent, now), grader.grade(old, now)];
    expect(oldGrade).not.toBe(recentGrade);
    expect(grader.grade(recent, now)).toBe(recentGrade);
    expect(grader.grade(old, now)).toBe(oldGrade);
    expect(grader.evaluations).toBe(2);
  });

  it('reads deadline hours from the organisation settings', async () => {
    const [row] = renderCaseload({ rows: '1', seed: '1', kinds: 'overdue' }).elements;
    const values = rowReader(caseloadList)(row!);
    expect(new Grader(checklists, { locale: 'en', settings: {} }).grade(values).badge).toBe('overdue');
    expect(new Grader(checklists, { locale: 'en', settings: { deadlineHours: { 'SNC-08': 24 * 90 } } }).grade(values).badge).toBe(
      'incomplete',
    );
  });

  it('says why a note is not graded: no header, no note, or a checklist this browser lacks', () => {
    const grader = new Grader(checklists, { locale: 'zh-CN', settings: {} });
    const base = { answers: {} };
    expect(grader.grade({ ...base, note: 'Phoned the client.' })).toMatchObject({ badge: 'unstructured', reason: 'no-header' });
    expect(grader.grade({ ...base, note: '  ' })).toMatchObject({ badge: 'unstructured', reason: 'empty' });
    expect(grader.grade({ ...base, note: 'Something [Chartguard nope/1]\nA: b' })).toMatchObject({
      badge: 'unstructured',
      reason: 'unknown-checklist',
      checklistId: 'nope',
    });
  });
});

describe('badges version 2 on the list', () => {
  const checklists = builtInChecklists();
  const grader = () => new Grader(checklists, { locale: 'en', settings: {} });

  it('a cancelled session with no note is missing, then overdue at the SNC-08 deadline; an upcoming one stays not structured', () => {
    const now = new Date(2026, 5, 10, 12, 0).getTime();
    const values = { note: '', attendance: 'cancelled-by-provider', answers: { sessionAt: '2026-06-10T10:00' } };
    const missing = grader().grade(values, now);
    expect(missing).toMatchObject({ badge: 'missing', reason: 'no-note', checklistId: 'snc' });
    expect(missing.validUntil).toBe(new Date(2026, 5, 11, 10, 0).getTime());
    const later = grader().grade(values, new Date(2026, 5, 11, 10, 1).getTime());
    expect(later.badge).toBe('overdue');
    expect(later.deadline).toMatchObject({ ruleId: 'SNC-08', recorded: false });
    expect(grader().grade({ note: '', attendance: undefined, answers: {} }, now).badge).toBe('unstructured');
  });

  it('an open follow-up is listed as one, at attention, and the grade is stale at its due time', () => {
    const now = new Date(2026, 5, 10, 9, 10).getTime();
    const text = renderNote(snc(), {
      attendance: 'cancelled-by-provider',
      sessionAt: '2026-06-10T10:00',
      informedAt: '2026-06-10T08:30',
      contactMethod: 'phone',
      preferredMethod: 'phone',
      rebookOutcome: 'client-declined',
      agreed: 'Client will book online.',
      riskConcern: true,
      riskDetail: 'Low mood.',
      recordedAt: '2026-06-10T09:00',
    });
    const grade = grader().grade({ note: text, attendance: 'cancelled-by-provider', answers: {} }, now);
    expect(grade.badge).toBe('attention');
    expect(grade.issues).toEqual([expect.objectContaining({ ruleId: 'SNC-09', followUp: true, advisory: false })]);
    expect(grade.markers).toMatchObject({ riskRecorded: true, open: 1 });
    expect(grade.validUntil).toBe(new Date(2026, 5, 10, 10, 0).getTime());
  });

  it('a note with a hand-written line in it is check, and a complete late note is complete with the late marker', () => {
    const record = {
      attendance: 'cancelled-by-provider',
      sessionAt: '2026-06-10T10:00',
      informedAt: '2026-06-10T08:30',
      contactMethod: 'phone',
      preferredMethod: 'phone',
      rebookOutcome: 'client-declined',
      agreed: 'Client will book online.',
      riskConcern: false,
      recordedAt: '2026-06-12T09:00',
    };
    const now = new Date(2026, 5, 13, 9, 0).getTime();
    const late = grader().grade({ note: renderNote(snc(), record), attendance: 'cancelled-by-provider', answers: {} }, now);
    expect(late.badge).toBe('complete');
    expect(late.markers.late).toBe(true);
    expect(late.deadline).toMatchObject({ recorded: true });
    const check = grader().grade(
      { note: `${renderNote(snc(), record)}\nclient emailed, low mood worse`, attendance: 'cancelled-by-provider', answers: {} },
      now,
    );
    expect(check.badge).toBe('check');
    expect(check.unread).toBe(1);
  });
});

describe('a virtualised grid’s rows (the /spa sessions grid)', () => {
  const spa = builtInAdapters()
    .find((adapter) => adapter.id === 'spa-demo')!
    .pages.find((page) => page.kind === 'caseload')!;
  const sessions = spa.lists!.find((list) => list.name === 'Sessions')!;

  it('reads the portal’s own date format as the checklist reads dates, the code as a checklist value, and the note by lines', () => {
    document.body.innerHTML = `<div id="sessions-grid"><div class="ag-row" row-id="1002"><div col-id="date">03/01/2026 11:00</div><div col-id="attendance">DNA</div><div col-id="note"><div class="session-note"><div>First line.</div><div>Second line.</div></div></div></div></div>`;
    const row = document.querySelector(sessions.rows)!;
    expect(rowReader(sessions)(row)).toEqual({
      attendance: 'did-not-attend',
      answers: { sessionAt: '2026-01-03T11:00', assessmentAt: '2026-01-03T11:00' },
      note: 'First line.\nSecond line.\n',
    });
    expect(recordIdOf(sessions, row)).toBe('1002');
  });

  it('leaves a date that does not fit the format as it is, for the checklist to report', () => {
    document.body.innerHTML = `<div id="sessions-grid"><div class="ag-row" row-id="1003"><div col-id="date">2026-01-03 11:00</div><div col-id="attendance"></div></div></div>`;
    expect(rowReader(sessions)(document.querySelector(sessions.rows)!).answers).toEqual({
      sessionAt: '2026-01-03 11:00',
      assessmentAt: '2026-01-03 11:00',
    });
  });

  it('reads every portal label of a code (format 2 label lists) as that code', () => {
    const list: AdapterList = {
      rows: 'tr',
      cells: [
        {
          name: 'Attendance',
          selector: 'td',
          role: 'answer',
          answer: 'attendance',
          valueMap: { 'did-not-attend': 'DNA' },
          aliases: { 'DNA-NC': 'did-not-attend', 'dna (no contact)': 'did-not-attend' },
        },
      ],
    };
    document.body.innerHTML =
      '<table><tr><td>DNA-NC</td></tr><tr><td>DNA (No Contact)</td></tr><tr><td>DNA</td></tr><tr><td>ATT</td></tr></table>';
    const read = rowReader(list);
    expect([...document.querySelectorAll('tr')].map((row) => read(row).attendance)).toEqual([
      'did-not-attend',
      'did-not-attend',
      'did-not-attend',
      'ATT',
    ]);
  });
});
