// docs/notes.md shows what Chartguard writes into a record: it must be what
// the SDK writes today (generated, checked current), every example must read
// back whole, and its first line must carry the when/how/what-was-agreed.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sdk from '../../sdk/src/index.js';
import { NOTE_EXAMPLES, exampleRecord, renderNotesMarkdown } from '../../scripts/notes-examples.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const raw = Object.fromEntries(
  NOTE_EXAMPLES.map(({ checklist }) => [
    checklist,
    JSON.parse(readFileSync(join(root, 'checklists', `${checklist}.json`), 'utf8')) as unknown,
  ]),
);
const LOCALES = ['en', 'zh-CN'] as const;

const written = (example: (typeof NOTE_EXAMPLES)[number], locale: (typeof LOCALES)[number]) => {
  const checklist = sdk.parseChecklist(raw[example.checklist]);
  const note = sdk.composeEntry({
    checklist,
    record: exampleRecord(example, locale),
    existing: '',
    author: { name: example.author },
    at: example.at,
    locale,
    clientTerm: example.clientTerm,
  }).note;
  return { checklist, note };
};

describe('docs/notes.md', () => {
  it('is generated from the examples and current (node scripts/gen-notes.mjs)', () => {
    expect(readFileSync(join(root, 'docs', 'notes.md'), 'utf8')).toBe(renderNotesMarkdown(sdk as never, raw));
  });

  it('has one example per bundled checklist', () => {
    expect(NOTE_EXAMPLES.map((example) => example.checklist).sort()).toEqual(['cx', 'fus', 'ia', 'mv', 'snc']);
  });

  it.each(NOTE_EXAMPLES.flatMap((example) => LOCALES.map((locale) => [example.checklist, locale, example] as const)))(
    '%s (%s) reads back whole: the record, nothing unread, graded complete or attention',
    (_id, locale, example) => {
      const { checklist, note } = written(example, locale);
      const parsed = sdk.parseNote(checklist, note);
      expect(parsed.unread).toEqual([]);
      expect(parsed.answers).toEqual(sdk.normalizeRecord(checklist, exampleRecord(example, locale)));
      const grade = sdk.gradeNote({ checklists: [checklist], text: note, now: sdk.parseLocalDateTime(example.at)! });
      expect(['complete', 'attention']).toContain(grade.badge);
    },
  );
});

describe('the first line carries the gist', () => {
  const first = (checklist: string, locale: (typeof LOCALES)[number]) =>
    written(NOTE_EXAMPLES.find((example) => example.checklist === checklist)!, locale).note.split('\n')[0]!;

  it('SNC: when the session was, how and when the client was informed, the rebooking and what was agreed, with weekdays', () => {
    expect(first('snc', 'en')).toBe(
      'Session Wed 10 Jun 10:00 cancelled by therapist. Client informed 08:15 by phone call (preferred). Rebooked Fri 12 Jun 10:00. Agreed: Same time on Friday; the client will text if she feels unwell before then. [Chartguard snc/1]',
    );
    expect(first('snc', 'zh-CN')).toBe(
      '治疗师取消了6月10日（周三）10:00的会谈。已于08:15通过电话告知客户（首选方式）。已改约至6月12日（周五）10:00。商定：周五同一时间；如果在此之前感到不适，客户会发短信告知。 [Chartguard snc/1]',
    );
  });

  it('CX: the handover opens with its risk line', () => {
    expect(first('cx', 'en')).toMatch(/^Urgent risks: Doses alone at home\. Action taken: /);
    expect(first('cx', 'zh-CN')).toMatch(/^紧急风险：在家中独自用药。已采取的行动：/);
  });

  it('MV, FUS and IA: what happened and what comes next', () => {
    expect(first('mv', 'en')).toMatch(
      /^Office response: Edith Clarke, Mon 2 Mar 08:00: late call .*Welfare check \(phone call\): service user safe\./,
    );
    expect(first('fus', 'en')).toMatch(/^Session Mon 2 Mar 10:00 attended\. Outcome: .* Next appointment Mon 9 Mar 10:00\./);
    expect(first('ia', 'zh-CN')).toMatch(/^3月2日（周一）18:00初始评估：来访者适合本服务。/);
  });

  it('the entry tag stays at the end of the first line, where the reader finds it', () => {
    for (const example of NOTE_EXAMPLES)
      for (const locale of LOCALES) expect(sdk.noteChecklistId(written(example, locale).note)).toBe(example.checklist);
  });
});
