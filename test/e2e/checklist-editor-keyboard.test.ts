// Issue 20, the checklist editor by keyboard alone: a small checklist built
// from a policy paragraph with Tab, Shift+Tab, Enter, Space, the arrow keys
// and typing, in real Chromium with the built extension; no mouse. It is
// opened from the options page's link, gets a section, a choice question with
// its options, a question shown only for one of them (the condition chosen
// from menus), two rules with their severities, and is exported. Adding an
// item moves the focus into it, removing one moves it to its neighbour, and
// every stop shows a visible focus ring.
//
// The policy paragraph, as the test builds it:
//   "After a missed home visit, record whether the family was reached. When
//    they were not, record the plan to reach them (MV-01). Note who was
//    spoken to when they were (MV-02, a suggestion)."
import fs from 'node:fs';
import { parseChecklist } from '@chartguard/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorTexts } from '../../i18n/editor';
import { optionsTexts } from '../../i18n/options';
import { keyboardActions, seriousViolations } from './setup-kit';
import { launchWithExtension, type ExtensionBrowser } from './harness';
import { snapshotExtension, type ExtensionSnapshot } from './stable-extension';

const t = editorTexts.en;
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key]));

let browser: ExtensionBrowser;
let extension: ExtensionSnapshot;
let editor: Page;
const counts = { clicks: 0, keys: 0 };
let keys: ReturnType<typeof keyboardActions>;

const textbox = (name: string) => editor.getByRole('textbox', { name, exact: true });
const q = (key: string, n: number) => `Section 1 · ${fill(key, { n })}`;

/** Tabs to a text box, clears what it holds and types. */
async function write(name: string, text: string) {
  await keys.tabTo(textbox(name));
  await keys.press('ControlOrMeta+A');
  await keys.type(text);
  expect(await textbox(name).inputValue()).toBe(text);
}
async function both(label: string, english: string, chinese: string) {
  await write(`${label} · English`, english);
  await write(`${label} · Simplified Chinese`, chinese);
}

beforeAll(async () => {
  extension = await snapshotExtension();
  browser = await launchWithExtension({ extensionPath: extension.path });
});

afterAll(async () => {
  console.log(`checklist editor by keyboard alone: ${counts.keys} key presses, ${counts.clicks} clicks`);
  await browser?.close();
  extension?.remove();
});

describe('the checklist editor by keyboard alone', () => {
  it('opens from the options page’s link by keyboard', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const optionKeys = keyboardActions(options.keyboard, counts);
    await optionKeys.tabTo(options.getByRole('link', { name: optionsTexts.en.openChecklistEditor }), { limit: 200 });
    const opened = browser.context.waitForEvent('page');
    await optionKeys.press('Enter');
    editor = await opened;
    await editor.getByRole('heading', { level: 1, name: t.title }).waitFor();
    keys = keyboardActions(editor.keyboard, counts);
  });

  it('names the checklist and adds a section; the focus moves into the new section', async () => {
    await write(t.checklistId, 'missed-visit');
    await both(t.checklistTitle, 'Missed home visit', '未完成的家访');
    await write(t.policyTitle, 'Missed home visits');
    await write(t.policySource, 'policies/missed-visit.md');
    await keys.tabTo(editor.getByRole('button', { name: t.addSection }));
    await keys.press('Enter');
    await expect.poll(() => keys.focused(textbox(fill(t.sectionId, { n: 1 })))).toBe(true);
    await both(fill(t.sectionTitle, { n: 1 }), 'Contact', '联系');
  });

  it('adds a choice question with two options, and a text question shown only for one of them', async () => {
    const type = editor.getByRole('combobox', { name: fill(t.newFieldType, { n: 1 }) });
    await keys.tabTo(type);
    await keys.choose(type, 'choice');
    await keys.tabTo(editor.getByRole('button', { name: fill(t.addField, { n: 1 }) }));
    await keys.press('Enter');
    await expect.poll(() => keys.focused(textbox(q(t.fieldId, 1)))).toBe(true);
    await write(q(t.fieldId, 1), 'reached');
    await both(q(t.fieldLabel, 1), 'Family reached', '已联系上家属');
    await write(`Section 1 · Question 1, ${fill(t.optionValue, { n: 1 })}`, 'yes');
    await both(`Section 1 · Question 1, ${fill(t.optionLabel, { n: 1 })}`, 'Yes', '是');
    await keys.tabTo(editor.getByRole('button', { name: q(t.addOption, 1) }));
    await keys.press('Enter');
    await expect.poll(() => keys.focused(textbox(`Section 1 · Question 1, ${fill(t.optionValue, { n: 2 })}`))).toBe(true);
    await write(`Section 1 · Question 1, ${fill(t.optionValue, { n: 2 })}`, 'no');
    await both(`Section 1 · Question 1, ${fill(t.optionLabel, { n: 2 })}`, 'No', '否');

    await keys.tabTo(type);
    await keys.choose(type, 'text');
    await keys.tabTo(editor.getByRole('button', { name: fill(t.addField, { n: 1 }) }));
    await keys.press('Enter');
    await expect.poll(() => keys.focused(textbox(q(t.fieldId, 2)))).toBe(true);
    await write(q(t.fieldId, 2), 'plan');
    await both(q(t.fieldLabel, 2), 'Plan to reach the family', '联系家属的计划');
    // The condition from the menus: tick it, and choose the value among the question's own options.
    const showWhen = q(t.showWhen, 2);
    await keys.tabTo(editor.getByRole('checkbox', { name: showWhen }));
    await keys.press('Space');
    const value = editor.getByRole('combobox', { name: `${showWhen}: ${t.conditionValue}` });
    await keys.tabTo(value);
    await keys.choose(value, JSON.stringify('no'));
    expect(await editor.getByRole('combobox', { name: `${showWhen}: ${t.conditionField}` }).inputValue()).toBe('reached');
  });

  it('adds two rules with their severities; removing one moves the focus to its neighbour', async () => {
    for (const [n, id, severity, requires] of [
      [1, 'MV-01', 'required', 'Plan to reach the family (plan)'],
      [2, 'MV-02', 'advisory', 'Family reached (reached)'],
    ] as const) {
      await keys.tabTo(editor.getByRole('button', { name: t.addRule }));
      await keys.press('Enter');
      await expect.poll(() => keys.focused(textbox(fill(t.ruleId, { n })))).toBe(true);
      await keys.type(id);
      const menu = editor.getByRole('combobox', { name: fill(t.ruleSeverity, { n }) });
      await keys.tabTo(menu);
      await keys.choose(menu, severity);
      await both(fill(t.ruleSummary, { n }), `Rule ${id} of the missed-visit policy`, `家访政策规则 ${id}`);
      const box = editor.getByRole('group', { name: fill(t.ruleRequires, { n }) }).getByRole('checkbox', { name: requires });
      await keys.tabTo(box);
      await keys.press('Space');
      expect(await box.isChecked()).toBe(true);
    }
    // A third rule added by mistake and removed: the focus goes to the rule before it, not the top of the page.
    await keys.tabTo(editor.getByRole('button', { name: t.addRule }));
    await keys.press('Enter');
    await keys.tabTo(editor.getByRole('button', { name: t.removeRule.replace('{n}', '3') }));
    await keys.press('Enter');
    await expect.poll(() => keys.focused(editor.getByRole('button', { name: t.removeRule.replace('{n}', '2') }))).toBe(true);
    await expect.poll(() => editor.getByTestId('editor-problems').getAttribute('data-valid')).toBe('true');
    expect(await seriousViolations(editor)).toEqual([]);
  });

  it('exports a checklist the SDK accepts, as built', async () => {
    await keys.tabTo(editor.getByRole('button', { name: t.exportFile }));
    const download = editor.waitForEvent('download');
    await keys.press('Enter');
    const exported = parseChecklist(JSON.parse(fs.readFileSync(await (await download).path(), 'utf8')));
    expect(exported.id).toBe('missed-visit');
    expect(exported.sections[0]!.fields.map((field) => [field.id, field.type, field.options?.map((option) => option.value)])).toEqual([
      ['reached', 'choice', ['yes', 'no']],
      ['plan', 'text', undefined],
    ]);
    expect(exported.sections[0]!.fields[1]!.enableWhen).toEqual({ field: 'reached', op: 'equals', value: 'no' });
    expect(exported.rules.map((rule) => [rule.id, rule.severity, rule.requires])).toEqual([
      ['MV-01', 'required', ['plan']],
      ['MV-02', 'advisory', ['reached']],
    ]);
  });
});
