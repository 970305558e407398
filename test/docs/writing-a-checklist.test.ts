// docs/writing-a-checklist.md tells clinical leads what the Checks pane says
// and what the worked example does: these tests hold the guide to the SDK's
// own words and verdicts, so the guide cannot drift from what users see.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate, parseChecklist, type Checklist } from '@chartguard/sdk';
import { describe, expect, it } from 'vitest';
import { addField, moveField, updateField, updateRule, validateDraft, type Draft } from '../../lib/checklist-draft';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const guide = fs.readFileSync(path.join(ROOT, 'docs/writing-a-checklist.md'), 'utf8');
const snc = parseChecklist(JSON.parse(fs.readFileSync(path.join(ROOT, 'checklists/snc.json'), 'utf8')));

const valid: Draft = {
  format: 'chartguard-checklist/1',
  id: 'guide',
  version: 1,
  title: { en: 'Guide', 'zh-CN': '指南' },
  policy: { source: 'p.md', title: 'P' },
  sections: [
    {
      id: 'one',
      title: { en: 'One', 'zh-CN': '一' },
      fields: [
        {
          id: 'outcome',
          type: 'choice',
          label: { en: 'Outcome', 'zh-CN': '结果' },
          options: [{ value: 'yes', label: { en: 'Yes', 'zh-CN': '是' } }],
        },
        {
          id: 'detail',
          type: 'text',
          label: { en: 'Detail', 'zh-CN': '详情' },
          enableWhen: { field: 'outcome', op: 'equals', value: 'yes' },
        },
      ],
    },
  ],
  rules: [{ id: 'GD-01', severity: 'required', summary: { en: 'S', 'zh-CN': '摘' }, requires: ['outcome', 'detail'] }],
};
const messages = (draft: Draft) => validateDraft(draft).problems.map((problem) => `${problem.where}: ${problem.message}`);

describe('docs/writing-a-checklist.md', () => {
  it('starts from a checklist the SDK accepts', () => {
    expect(messages(valid)).toEqual([]);
  });

  it('prints the path example exactly as the Checks pane names that problem', () => {
    const line = messages(updateField(valid, 0, 1, { label: { en: 'Detail', 'zh-CN': '' } }));
    expect(line).toEqual(['sections › 1 › fields › 2 › label › zh-CN: Simplified Chinese text is missing']);
    expect(guide).toContain(line[0]);
  });

  it('quotes, in its table of messages, words the SDK really says for each mistake', () => {
    const cases: [string, Draft][] = [
      ['English text is missing', updateField(valid, 0, 0, { label: { en: '', 'zh-CN': '结果' } })],
      ['is not used by any rule', addField(valid, 0, 'text')],
      ['which comes after it', moveField(valid, 0, 1, -1)],
      ['a rule needs `requires`, `expect` or both', updateRule(valid, 0, { requires: undefined })],
      ['a follow-up rule needs `when`', updateRule(valid, 0, { severity: 'follow-up' })],
      ['rule ids look like SNC-01', updateRule(valid, 0, { id: 'gd1' })],
      ['is also the label of', updateField(valid, 0, 1, { label: { en: 'Outcome', 'zh-CN': '详情' } })],
    ];
    for (const [words, draft] of cases) {
      expect(guide, `the guide quotes “${words}”`).toContain(words);
      expect(
        messages(draft).some((line) => line.includes(words)),
        `the SDK says “${words}”`,
      ).toBe(true);
    }
  });

  it('its voicemail sample fires SNC-04 on the built-in checklist, and the preferred method "Voicemail" clears it', () => {
    const sample = {
      attendance: 'cancelled-by-provider',
      informedAt: '2026-11-23T09:00',
      contactMethod: 'voicemail',
      preferredMethod: 'phone',
    };
    const fired = (record: Record<string, unknown>) =>
      evaluate(snc as Checklist, record, { now: new Date(2026, 10, 23, 10, 0) }).issues.map((issue) => issue.ruleId);
    expect(fired(sample)).toContain('SNC-04');
    expect(fired({ ...sample, preferredMethod: 'voicemail' })).not.toContain('SNC-04');
    expect(guide).toContain('fires SNC-04');
  });
});
