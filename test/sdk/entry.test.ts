// Append-only entries (G-01, G-02, G-04): Apply keeps whatever the portal's
// note holds byte for byte and only adds an entry after it, with its author and
// time; an edit becomes a dated amendment; an override is written into the entry.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES, composeEntry, gradeNote, noteOverrides, parseChecklist, parseNote, renderNote } from '../../sdk/src/index.js';

const snc = parseChecklist(JSON.parse(readFileSync(fileURLToPath(new URL('../../checklists/snc.json', import.meta.url)), 'utf8')));
const RECORD = {
  attendance: 'cancelled-by-provider',
  sessionAt: '2026-06-10T10:00',
  informedAt: '2026-06-10T08:30',
  contactMethod: 'phone',
  preferredMethod: 'phone',
  rebookOutcome: 'client-declined',
  agreed: 'Client will book online.',
  riskConcern: false,
  recordedAt: '2026-06-10T09:00',
};
const author = { name: 'Liz Smith' };
const now = new Date(2026, 5, 10, 12, 0);

describe('composeEntry', () => {
  it('a first Apply adds an entry with author and time after what the note held', () => {
    const existing = 'Phoned the client, no answer.';
    const out = composeEntry({ checklist: snc, record: RECORD, existing, author, at: '2026-06-10T09:00' });
    expect(out.kind).toBe('new');
    expect(out.note.startsWith(`${existing}\n\n`)).toBe(true);
    const [summary, authorLine] = out.added.split('\n');
    expect(summary).toMatch(/^Session Wed 10 Jun 10:00 cancelled by therapist\. .* \[Chartguard snc\/1\]$/);
    expect(authorLine).toBe('Entry by Liz Smith, 2026-06-10 09:00');
  });

  it('the issue’s hazard: two hand-written lines below a Chartguard note survive Edit + Apply; the edit is a dated amendment by its author', () => {
    const first = composeEntry({ checklist: snc, record: RECORD, existing: '', author, at: '2026-06-10T09:00' }).note;
    const handWritten = `${first}\n  continued: client asked for an earlier slot\nAddendum: client emailed, low mood worse`;
    const out = composeEntry({
      checklist: snc,
      record: { ...RECORD, agreed: 'Client will book online this week.' },
      existing: handWritten,
      author: { name: 'Priya Shah' },
      at: '2026-06-10T11:30',
    });
    expect(out.kind).toBe('amendment');
    expect(out.note.startsWith(handWritten)).toBe(true);
    expect(out.changed).toEqual(['agreed']);
    expect(out.added).toContain(
      'Amendment to the entry of 2026-06-10 09:00: Short-notice cancellation by the therapist [Chartguard snc/1]',
    );
    expect(out.added).toContain('Entry by Priya Shah, 2026-06-10 11:30');
    // The amendment's answer replaces the earlier one; the hand-written lines are left for a person to read (G-06: check).
    const parsed = parseNote(snc, out.note);
    expect(parsed.answers.agreed).toBe('Client will book online this week.');
    expect(parsed.unread.map((line) => line.text)).toEqual([
      '  continued: client asked for an earlier slot',
      'Addendum: client emailed, low mood worse',
    ]);
    expect(gradeNote({ checklists: [snc], text: out.note, now }).badge).toBe('check');
  });

  it('Apply with nothing changed leaves the note as it is', () => {
    const first = composeEntry({ checklist: snc, record: RECORD, existing: '', author, at: '2026-06-10T09:00' }).note;
    expect(composeEntry({ checklist: snc, record: RECORD, existing: first, author, at: '2026-06-10T10:00' })).toMatchObject({
      kind: 'unchanged',
      note: first,
      added: '',
    });
  });

  it('an override writes its pending rule ids and reason into the entry (G-04), read back as a marker', () => {
    const out = composeEntry({
      checklist: snc,
      record: { ...RECORD, agreed: undefined },
      existing: '',
      author,
      at: '2026-06-10T09:00',
      override: { ruleIds: ['SNC-06'], reason: 'Client in crisis;\ncompleting after the call' },
    });
    expect(out.added).toContain('Override (G-04): SNC-06. Reason: Client in crisis; completing after the call');
    expect(noteOverrides(out.note)).toEqual([{ ruleIds: ['SNC-06'], reason: 'Client in crisis; completing after the call' }]);
    const grade = gradeNote({ checklists: [snc], text: out.note, now });
    expect(grade.unread).toEqual([]);
    expect(grade.markers.overridden).toBe(true);
    const zh = composeEntry({
      checklist: snc,
      record: RECORD,
      existing: '',
      author,
      at: '2026-06-10T09:00',
      locale: 'zh-CN',
      override: { ruleIds: ['SNC-03', 'SNC-06'], reason: '稍后补充' },
    });
    expect(zh.added).toContain('覆盖（G-04）：SNC-03、SNC-06。原因：稍后补充');
    expect(zh.added).toContain('记录人：Liz Smith，2026-06-10 09:00');
    expect(parseNote(snc, zh.note, { locale: 'zh-CN' }).unread).toEqual([]);
  });

  it('a rendered entry reads back with no unread line in either language', () => {
    for (const locale of LOCALES) {
      const out = composeEntry({ checklist: snc, record: RECORD, existing: '', author, at: '2026-06-10T09:00', locale });
      const parsed = parseNote(snc, out.note, { locale });
      expect(parsed.unread, locale).toEqual([]);
      expect(parsed.answers.agreed).toBe(RECORD.agreed);
    }
  });

  it('property: any note plus any sequence of edits and Applies keeps every pre-existing line, in order', () => {
    const line = fc.string({ maxLength: 40 }).map((text) => text.replace(/[\r\n]/g, ' '));
    const agreed = fc.constantFrom('Client will book online.', 'Same time next week.', 'Client to call back.', '客户将在线预约。');
    const locale = fc.constantFrom(...LOCALES);
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 6 }),
        fc.array(fc.tuple(agreed, fc.array(line, { maxLength: 2 }), locale), { minLength: 1, maxLength: 4 }),
        (start, steps) => {
          let note = start.join('\n');
          for (const [answer, typed, stepLocale] of steps) {
            const before = note;
            note = composeEntry({
              checklist: snc,
              record: { ...RECORD, agreed: answer },
              existing: note,
              author,
              at: '2026-06-10T09:00',
              locale: stepLocale,
            }).note;
            expect(note.startsWith(before)).toBe(true);
            // A person adds lines by hand between Applies.
            if (typed.length) note = `${note}\n${typed.join('\n')}`;
          }
          const lines = note.split('\n');
          let at = 0;
          for (const kept of start.join('\n').split('\n')) {
            at = lines.indexOf(kept, at);
            expect(at).toBeGreaterThanOrEqual(0);
            at++;
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

it('renderNote starts with the header line: the summary, ending in the entry tag', () => {
  expect(renderNote(snc, RECORD).split('\n')[0]).toMatch(/^Session .* \[Chartguard snc\/1\]$/);
});
