// G-06, reading notes defensively: a note a person has retyped or added to is
// still read (labels in any case, `:` or ` - ` separators, extra spaces); a
// note that cannot be fully read is never complete (`check`); and a risk
// answered anywhere in the note is read as recorded (`attention`), whatever
// an earlier line said.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  LOCALES,
  composeEntry,
  gradeNote,
  localize,
  normalizeRecord,
  parseChecklist,
  parseNote,
  renderNote,
  type Checklist,
  type ChecklistField,
  type Locale,
} from '../../sdk/src/index.js';

const checklistDir = fileURLToPath(new URL('../../checklists', import.meta.url));
const load = (id: string): Checklist => parseChecklist(JSON.parse(readFileSync(join(checklistDir, `${id}.json`), 'utf8')));
const snc = load('snc');
const cx = load('cx');
const now = new Date(2026, 5, 10, 12, 0);

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
  onBehalf: false,
};

const CX = {
  visitType: 'first',
  recentHistory: 'Party Friday to Sunday; little sleep.',
  presentationReason: 'Frightened after passing out at a party.',
  recentUse: 'Most weekends for two years.',
  goal: 'safer-use',
  motivation: 'motivated',
  plan: 'Timer and oral syringe; a friend knows what he has taken.',
  returning: 'booked',
  returnOn: '2026-06-24',
  urgentRisks: 'none',
  followUpEmailSent: true,
  referralMade: false,
  infoSent: false,
  canExplainPlan: true,
  knowsWalkIns: true,
};

const grade = (checklist: Checklist, text: string, locale: Locale = 'en') => gradeNote({ checklists: [checklist], text, now, locale });

describe('labels as a person retypes them', () => {
  it.each([
    ['HOW THE CLIENT WAS INFORMED: Phone call', 'contactMethod', 'phone'],
    ['how the client was informed - phone call', 'contactMethod', 'phone'],
    ['How  the client   was informed :   Phone call  ', 'contactMethod', 'phone'],
    ['  client informed at - 2026-06-10 08:15', 'informedAt', '2026-06-10T08:15'],
    ['What was agreed with the client – call on Friday - before noon', 'agreed', 'call on Friday - before noon'],
    ['通知客户的方式 ： 电话', 'contactMethod', 'phone'],
    ['Immediate welfare, safeguarding or risk concern:yes', 'riskConcern', true],
  ])('%s', (line, field, value) => {
    const parsed = parseNote(snc, `${renderNote(snc, {})}\n${line}`);
    expect(parsed.unread).toEqual([]);
    expect(parsed.answers).toEqual({ [field]: value });
  });

  it('a dash inside a sentence is no separator, and an indented line is no label', () => {
    const parsed = parseNote(snc, `${renderNote(snc, {})}\nRang twice - no answer\n    Client informed at: 2026-06-10 08:15`);
    expect(parsed.answers).toEqual({});
    expect(parsed.unread.map((line) => line.line)).toEqual([2, 3]);
  });

  it('a retyped label with nothing after it still takes its indented answer', () => {
    const parsed = parseNote(
      snc,
      `${renderNote(snc, {})}\nwhat was agreed with the client -\n    Same time on Friday.\n    Text if unwell.`,
    );
    expect(parsed.unread).toEqual([]);
    expect(parsed.answers).toEqual({ agreed: 'Same time on Friday.\nText if unwell.' });
  });
});

describe('a note that cannot be fully read is graded check (G-06)', () => {
  it('the complete note is complete; one hand-written line inside it makes it check, listing the line', () => {
    const note = renderNote(snc, SNC);
    expect(grade(snc, note).badge).toBe('complete');
    const lines = note.split('\n');
    lines.splice(5, 0, 'Client sounded flat on the phone.');
    const graded = grade(snc, lines.join('\n'));
    expect(graded.badge).toBe('check');
    expect(graded.unread.map((line) => line.text)).toEqual(['Client sounded flat on the phone.']);
  });

  it('a question answered twice with different answers is check; the same answer twice is not', () => {
    const note = renderNote(snc, SNC);
    expect(grade(snc, `${note}\nHow the client was informed: Phone call`).badge).toBe('complete');
    const twice = grade(snc, `${note}\nHow the client was informed: Email`);
    expect(twice.badge).toBe('check');
    expect(twice.unread[0]!.reason).toMatch(/answered twice/);
  });
});

describe('notes written before the clinical layout still read', () => {
  const ia = load('ia');
  it('English: a title header, "Label: No" lines, first- and second-person labels', () => {
    const old = [
      'Short-notice cancellation by the therapist [Chartguard snc/1]',
      '',
      '== Rebooking ==',
      'Rebooking offered at the time of cancellation: Not possible yet; I will contact the client to rebook',
      'I will contact the client to rebook by: 2026-06-15',
      '',
      '== Risk and support ==',
      'Immediate welfare, safeguarding or risk concern: No',
    ].join('\n');
    const parsed = parseNote(snc, old);
    expect(parsed.unread).toEqual([]);
    expect(parsed.answers).toEqual({ rebookOutcome: 'not-yet-possible', recontactBy: '2026-06-15', riskConcern: false });
    const assessment = parseNote(
      ia,
      'Initial assessment [Chartguard ia/1]\nYour skills and approach suit this client: Yes\nClient wishes to continue with you: Yes',
    );
    expect(assessment.unread).toEqual([]);
    expect(assessment.answers).toEqual({ practitionerFit: 'yes', wishesToContinue: 'yes' });
  });

  it('Chinese: ASCII colons, 出勤情况, 我将 and 您', () => {
    const old = [
      '治疗师临时取消会谈 [Chartguard snc/1]',
      '出勤情况: 治疗师或服务方取消',
      '取消时提供的重新预约: 暂时无法预约；我将联系客户重新预约',
      '我将在此日期前联系客户重新预约: 2026-06-15',
    ].join('\n');
    const parsed = parseNote(snc, old);
    expect(parsed.unread).toEqual([]);
    expect(parsed.answers).toEqual({ attendance: 'cancelled-by-provider', rebookOutcome: 'not-yet-possible', recontactBy: '2026-06-15' });
    expect(parseNote(ia, '初始评估 [Chartguard ia/1]\n您的技能和方法是否适合该客户: 适合').answers).toEqual({ practitionerFit: 'yes' });
  });

  it('the new layout states those labels in the third person', () => {
    const note = renderNote(snc, { rebookOutcome: 'not-yet-possible', recontactBy: '2026-06-15' });
    expect(note).toContain('The therapist will contact the client to rebook by: 2026-06-15');
    expect(note).not.toMatch(/\bI will\b/);
    expect(renderNote(snc, { rebookOutcome: 'not-yet-possible' }, { locale: 'zh-CN' })).not.toContain('我将');
  });
});

describe('an entry appended below what the note already held (G-02)', () => {
  const existing = 'Phoned the client at 08:00, no answer.\nLeft a message with reception.';
  const note = composeEntry({ checklist: snc, record: SNC, existing, author: { name: 'Liz Smith' }, at: '2026-06-10T08:30' }).note;

  it('is found and graded, and the hand-written text above it is neither read nor unread', () => {
    expect(note.startsWith(existing)).toBe(true);
    const parsed = parseNote(snc, note);
    expect(parsed.structured).toBe(true);
    expect(parsed.unread).toEqual([]);
    expect(parsed.answers).toEqual(normalizeRecord(snc, SNC));
    expect(grade(snc, note)).toMatchObject({ checklistId: 'snc', structured: true, badge: 'complete' });
  });

  it('a hand-written addendum below the entry makes it check; a risk added there raises attention', () => {
    expect(grade(snc, `${note}\nClient emailed, low mood worse.`).badge).toBe('check');
    expect(grade(snc, `${note}\nimmediate welfare, safeguarding or risk concern - yes`).badge).toBe('attention');
  });
});

describe('a risk answered anywhere in the note raises attention (G-06)', () => {
  it('the issue’s hazard: a handover with “Urgent risks: Identified” added on a later line is at attention, not complete', () => {
    const note = renderNote(cx, CX);
    expect(grade(cx, note).badge).toBe('complete');
    const added = grade(cx, `${note}\nUrgent risks: Identified`);
    expect(added.badge).toBe('attention');
    expect(added.evaluation!.attention.map((item) => item.ruleId)).toEqual(['CX-07']);
    expect(added.markers.riskRecorded).toBe(true);
  });

  it('however the line is typed, in either language', () => {
    const note = renderNote(cx, CX, { locale: 'zh-CN' });
    for (const line of [
      'urgent risks - identified',
      'URGENT RISKS :  identified',
      '紧急风险：已识别'.replace(
        '已识别',
        localize(cx.sections.flatMap((s) => s.fields).find((f) => f.id === 'urgentRisks')!.options![1]!.label, 'zh-CN'),
      ),
    ]) {
      expect(grade(cx, `${note}\n${line}`, 'zh-CN').badge, line).toBe('attention');
    }
  });

  it('the risk written first and “none” added later is still attention', () => {
    const lines = renderNote(cx, {
      ...CX,
      urgentRisks: 'identified',
      riskDescription: 'Doses alone.',
      riskAction: 'Buddy system agreed.',
    }).split('\n');
    expect(grade(cx, `${lines.join('\n')}\nUrgent risks: None identified`).badge).toBe('attention');
  });

  it('an amendment that withdraws a risk does not hide it', () => {
    const first = composeEntry({
      checklist: snc,
      record: { ...SNC, riskConcern: true, riskDetail: 'Said she could not cope.' },
      existing: '',
      author: { name: 'Liz Smith' },
      at: '2026-06-10T08:30',
    }).note;
    const amended = composeEntry({ checklist: snc, record: SNC, existing: first, author: { name: 'Liz Smith' }, at: '2026-06-10T09:00' });
    expect(amended.kind).toBe('amendment');
    expect(parseNote(snc, amended.note).answers.riskConcern).toBe(false);
    const graded = grade(snc, amended.note);
    expect(graded.badge).toBe('attention');
    expect(graded.evaluation!.followUps.find((f) => f.ruleId === 'SNC-09')?.state).toBe('open');
  });

  it('an SNC note with the risk answered “Yes” below “No” opens the risk-duty follow-up', () => {
    const graded = grade(snc, `${renderNote(snc, SNC)}\nImmediate welfare, safeguarding or risk concern: Yes`);
    expect(graded.badge).toBe('attention');
    expect(graded.evaluation!.attention.map((item) => item.ruleId)).toEqual(['SNC-09']);
  });
});

// Property: edits a person makes in a portal's text box, applied to a rendered note.
type Edit = { line: number; kind: 'upper' | 'lower' | 'dash' | 'spaced-colon' | 'wide-colon' | 'squeeze' | 'indent' | 'trailing' };
const editArb = fc.record({
  line: fc.nat(),
  kind: fc.constantFrom<Edit['kind']>('upper', 'lower', 'dash', 'spaced-colon', 'wide-colon', 'squeeze', 'indent', 'trailing'),
});
const appendedArb = fc.array(
  fc.oneof(
    fc.constantFrom(
      'Rang twice, no answer.',
      'Client emailed later, low mood worse.',
      '来访者来电表示情绪低落。',
      'Checked with supervisor - fine',
    ),
    fc
      .string({ unit: fc.constantFrom(...'abcdefg xyz.,'), minLength: 1, maxLength: 20 })
      .filter((s) => /[a-z]/.test(s) && !/[:：]|\s-/.test(s)),
  ),
  { maxLength: 3 },
);

/** A "Label: answer" line edited one way; other lines (header, headings, indented answers) are left as they are. */
function editLine(line: string, labels: ReadonlySet<string>, kind: Edit['kind']): string {
  const colon = line.search(/[:：]/);
  if (colon <= 0 || !labels.has(line.slice(0, colon))) return line;
  const label = line.slice(0, colon);
  const value = line.slice(colon + 1).replace(/^ /, '');
  switch (kind) {
    case 'upper':
      return `${label.toUpperCase()}: ${value}`;
    case 'lower':
      return `${label.toLowerCase()}: ${value}`;
    case 'dash':
      return value === '' ? `${label} -` : `${label} - ${value}`;
    case 'spaced-colon':
      return `${label}  :  ${value}`;
    case 'wide-colon':
      return `${label}：${value}`;
    case 'squeeze':
      return `${label.replace(/ /g, '  ')}: ${value}`;
    case 'indent':
      return `  ${line}`;
    case 'trailing':
      return value === '' ? line : `${line}   `;
  }
}

function recordArb(checklist: Checklist): fc.Arbitrary<Record<string, unknown>> {
  const answer = (field: ChecklistField): fc.Arbitrary<unknown> => {
    switch (field.type) {
      case 'choice':
        return fc.constantFrom(...field.options!.map((option) => option.value));
      case 'multichoice':
        return fc.subarray(
          field.options!.map((option) => option.value),
          { minLength: 1 },
        );
      case 'boolean':
        return fc.boolean();
      case 'number':
        return fc.integer({ min: 0, max: 40 });
      case 'date':
        return fc.constantFrom('2026-06-10', '2026-06-12');
      case 'datetime':
        return fc.constantFrom('2026-06-10T08:15', '2026-06-12T10:00');
      case 'attendance':
        return fc.constantFrom('cancelled-by-provider', 'attended', 'missed-visit');
      default:
        return fc.oneof(
          fc.constantFrom('Same time on Friday.', '同意周五同一时间。', 'Call back - before noon'),
          fc.constant('Line one.\nLine two.'),
        );
    }
  };
  const fields = checklist.sections.flatMap((section) => section.fields);
  return fc.record(Object.fromEntries(fields.map((field) => [field.id, answer(field)])), { requiredKeys: [] });
}

const checklists = ['snc', 'fus', 'mv', 'cx', 'ia'].map((id) => [id, load(id)] as const);

describe('a rendered note stays readable after ordinary edits (property)', () => {
  it.each(checklists)(
    '%s, in both languages: edited labels, separators and spacing read the same; appended lines are the only unread ones',
    (_id, checklist) => {
      fc.assert(
        fc.property(
          recordArb(checklist),
          fc.constantFrom(...(LOCALES as readonly Locale[])),
          fc.array(editArb, { maxLength: 12 }),
          appendedArb,
          (raw, locale, edits, appended) => {
            const labels = new Set(checklist.sections.flatMap((section) => section.fields).map((field) => localize(field.label, locale)));
            const lines = renderNote(checklist, raw, { locale }).split('\n');
            for (const edit of edits) {
              const at = 1 + (edit.line % Math.max(1, lines.length - 1));
              if (at < lines.length) lines[at] = editLine(lines[at]!, labels, edit.kind);
            }
            const note = [...lines, ...appended].join('\n');
            const parsed = parseNote(checklist, note, { locale });
            expect(parsed.structured).toBe(true);
            expect(parsed.answers).toEqual(normalizeRecord(checklist, raw));
            expect(parsed.unread.map((line) => line.text)).toEqual(appended);
          },
        ),
        { numRuns: 200 },
      );
    },
  );
});

describe('lines read in place read as their trimmed text would', () => {
  const body = (locale: Locale) => renderNote(snc, SNC, { locale }).split('\n').slice(0, -1).join('\n');

  it('reads an "Answered no" line with other white space, either semicolon and empty items', () => {
    const note = `${body('en')}\nAnswered no:\u3000 Immediate welfare, safeguarding or risk concern ；; \u00a0Client unhappy with the cancellation or unable to wait ;\u2003`;
    const parsed = parseNote(snc, note);
    expect(parsed.unread).toEqual([]);
    expect(parsed.answers.riskConcern).toBe(false);
    expect(parsed.answers.clientUnhappy).toBe(false);
    expect(parsed.answers.absenceSignificant).toBeUndefined();
  });

  it('reads the Chinese line too, and an item that is no question makes the line unread without losing the others', () => {
    const note = `${body('zh-CN')}\n回答为否：紧急的福祉、保护或风险问题；No such question； 客户对取消不满或无法等待`;
    const parsed = parseNote(snc, note);
    expect(parsed.answers.riskConcern).toBe(false);
    expect(parsed.answers.clientUnhappy).toBe(false);
    expect(parsed.unread.map((line) => line.text)).toEqual([
      '回答为否：紧急的福祉、保护或风险问题；No such question； 客户对取消不满或无法等待',
    ]);
  });

  it('skips lines of other white space and headings around them, but not a heading broken by a line separator', () => {
    const note = `${body('en')}\n\u3000\u00a0\n\u3000== Extra ==\u2003\n== A\u2028B ==\n\ufeff`;
    const parsed = parseNote(snc, note);
    expect(parsed.unread.map((line) => line.text)).toEqual(['== A\u2028B ==']);
    expect(parsed.answers).toEqual(parseNote(snc, body('en')).answers);
  });
});

describe('multiple-choice answers, item by item', () => {
  const fus = load('fus');
  const read = (answer: string) => {
    const parsed = parseNote(fus, `Follow-up [Chartguard fus/1]\n\nOutcome measures used: ${answer}`);
    return { value: parsed.answers.measuresUsed, unread: parsed.unread.length };
  };

  it('splits at either semicolon, with any white space or blank items between, in the order written', () => {
    expect(read('CORE-10; WSAS')).toEqual({ value: ['core-10', 'wsas'], unread: 0 });
    expect(read('CORE-10;\tWSAS ；PHQ-9')).toEqual({ value: ['core-10', 'wsas', 'phq-9'], unread: 0 });
    expect(read(';CORE-10;; \u3000;gad-7;')).toEqual({ value: ['core-10', 'gad-7'], unread: 0 });
    expect(read('其他测量；PHQ-9')).toEqual({ value: ['other', 'phq-9'], unread: 0 });
  });

  it('reads nothing from the line when one item is no option, or when every item is blank', () => {
    expect(read('CORE-10; Beck inventory')).toEqual({ value: undefined, unread: 1 });
    expect(read('; ；')).toEqual({ value: undefined, unread: 1 });
  });
});
