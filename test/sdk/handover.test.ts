// #15 part 6 and part 7: the previous consultation's handover read for the
// next worker (risk never hidden), "no checklist used" written into the record
// like an override, and the adapter fields that say where a portal shows the
// signed-in user and the client's previous consultation.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  composeNoChecklistEntry,
  isEntryMetaLine,
  noteDeclinedChecklists,
  noteDeclines,
  parseAdapter,
  parseAdapterV2,
  parseChecklist,
  parseNote,
  readPreviousHandover,
  renderNote,
} from '../../sdk/src/index.js';

const read = (path: string) => JSON.parse(readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8'));
const cx = parseChecklist(read('../../checklists/cx.json'));
const snc = parseChecklist(read('../../checklists/snc.json'));

const LAST_VISIT = {
  visitType: 'follow-up',
  goalProgress: 'Used the timer app, no incidents.',
  presentationReason: 'Follow-up after GHB overdose.',
  recentUse: 'Every other weekend.',
  goal: 'weekend-without',
  goalInOwnWords: 'One clean weekend before Christmas.',
  motivation: 'motivated',
  plan: 'Plan a weekend away with friends who do not use.',
  returning: 'booked',
  returnOn: '2026-11-23',
  urgentRisks: 'none',
  followUpEmailSent: false,
  referralMade: false,
  infoSent: false,
};

describe('readPreviousHandover', () => {
  it('reads a structured handover into the answers the prompts use', () => {
    const previous = readPreviousHandover(cx, renderNote(cx, LAST_VISIT));
    expect(previous.kind).toBe('structured');
    expect(previous.answers).toMatchObject({ goal: 'weekend-without', plan: LAST_VISIT.plan, urgentRisks: 'none' });
    expect(previous.risks).toEqual([]);
  });

  it('names the risk a handover records, with its rule id', () => {
    const note = renderNote(cx, {
      ...LAST_VISIT,
      urgentRisks: 'identified',
      riskDescription: 'Using alone at home.',
      riskAction: 'Agreed a buddy plan.',
    });
    const previous = readPreviousHandover(cx, note);
    expect(previous.risks.map((risk) => risk.ruleId)).toEqual(['CX-07']);
    expect(previous.answers).toMatchObject({ riskDescription: 'Using alone at home.', riskAction: 'Agreed a buddy plan.' });
  });

  it('never hides a risk written on a later line after "none identified" (G-06)', () => {
    const note = `${renderNote(cx, LAST_VISIT)}\nUrgent risks: Identified`;
    // The note reader keeps the first answer; the handover reads the one that records the risk.
    expect(parseNote(cx, note).answers.urgentRisks).toBe('none');
    const previous = readPreviousHandover(cx, note);
    expect(previous.answers.urgentRisks).toBe('identified');
    expect(previous.risks.map((risk) => risk.ruleId)).toEqual(['CX-07']);
  });

  it('says plainly when the note is empty, hand-written, or another checklist’s', () => {
    expect(readPreviousHandover(cx, '').kind).toBe('empty');
    expect(readPreviousHandover(cx, '  \n').kind).toBe('empty');
    expect(readPreviousHandover(cx, undefined).kind).toBe('empty');
    const handwritten = readPreviousHandover(cx, 'Goal: one weekend without chems.\nRisk: drinks heavily alone.');
    expect(handwritten.kind).toBe('unstructured');
    expect(handwritten.text).toContain('drinks heavily alone');
    expect(readPreviousHandover(cx, renderNote(snc, { attendance: 'cancelled-by-provider' })).kind).toBe('unstructured');
  });

  it('keeps the lines it could not read', () => {
    const previous = readPreviousHandover(cx, `${renderNote(cx, LAST_VISIT)}\nClient emailed, low mood worse`);
    expect(previous.unread.map((line) => line.text)).toContain('Client emailed, low mood worse');
  });
});

describe('composeNoChecklistEntry', () => {
  it('adds an entry with author, time, the suggested checklist and the reason after the note, which is kept byte for byte', () => {
    const existing = 'Hand-written: client phoned.\n';
    const out = composeNoChecklistEntry({
      existing,
      author: { name: 'Jess Bright' },
      at: '2026-11-23T15:40',
      suggested: 'Brief chemsex consultation and handover note (cx)',
      reason: 'Client left before the consultation began.',
    });
    expect(out.note.startsWith(existing)).toBe(true);
    expect(out.added).toBe(
      'Entry by Jess Bright, 2026-11-23 15:40\nNo checklist used; suggested: Brief chemsex consultation and handover note (cx); reason: Client left before the consultation began.',
    );
    expect(out.note).toBe(`${existing}\n${out.added}`);
    expect(noteDeclinedChecklists(out.note)).toEqual([
      {
        suggested: 'Brief chemsex consultation and handover note (cx)',
        checklistId: 'cx',
        reason: 'Client left before the consultation began.',
      },
    ]);
    expect(noteDeclines(out.note, 'cx')).toBe(true);
    expect(noteDeclines(out.note, 'snc')).toBe(false);
    expect(noteDeclines(existing, 'cx')).toBe(false);
  });

  it('writes Chinese with Chinese punctuation, and a reason on several lines as one line', () => {
    const out = composeNoChecklistEntry({
      existing: '',
      author: { name: '李明' },
      at: '2026-11-23T15:40',
      suggested: 'Chemsex 简短咨询与交接记录',
      reason: '客户未开始会谈\n就离开了',
      locale: 'zh-CN',
    });
    expect(out.note).toBe(
      '记录人：李明，2026-11-23 15:40\n未使用清单；建议的清单：Chemsex 简短咨询与交接记录；原因：客户未开始会谈 就离开了',
    );
    expect(noteDeclinedChecklists(out.note)).toEqual([{ suggested: 'Chemsex 简短咨询与交接记录', reason: '客户未开始会谈 就离开了' }]);
  });

  it('is a meta line the note reader skips, not an unread line of a later entry', () => {
    const declined = composeNoChecklistEntry({
      existing: renderNote(cx, LAST_VISIT),
      author: { name: 'Jess Bright' },
      at: '2026-11-23T15:40',
      suggested: 'cx',
      reason: 'No consultation took place.',
    });
    expect(isEntryMetaLine(declined.added.split('\n')[1]!)).toBe(true);
    expect(parseNote(cx, declined.note).unread).toEqual([]);
  });
});

describe('adapter: signed-in user and previous consultation', () => {
  const base = {
    format: 'chartguard-adapter/1',
    id: 'demo',
    name: 'Demo',
    matches: ['http://127.0.0.1/*'],
    signedInUser: { selector: '[data-user]', attribute: 'data-user' },
    pages: [
      {
        kind: 'consultation',
        path: '^/c/(?<id>[a-z0-9-]+)$',
        recordId: { from: 'path', group: 'id' },
        previous: { section: '[data-previous]', note: '.note', at: '[data-at]', atAttribute: 'data-at', author: '.by' },
      },
    ],
  };

  it('keeps both through format 1, the upgrade to format 2 and compiling', () => {
    const adapter = parseAdapter(base);
    expect(adapter.signedInUser).toEqual({ selector: '[data-user]', attribute: 'data-user' });
    expect(adapter.pages[0]!.previous).toEqual(base.pages[0]!.previous);
    const v2 = parseAdapterV2(base);
    expect(v2.signedInUser).toEqual(base.signedInUser);
    expect(parseAdapter(v2).pages[0]!.previous).toEqual(base.pages[0]!.previous);
  });

  it('names the field of a malformed entry', () => {
    expect(() => parseAdapter({ ...base, signedInUser: { selector: '' } })).toThrow(/signedInUser\.selector/);
    expect(() => parseAdapter({ ...base, pages: [{ ...base.pages[0], previous: { section: '[data-previous]' } }] })).toThrow(
      /previous\.note/,
    );
  });
});
