// A clinical lead turns a policy paragraph into a checklist in the checklist
// editor, by clicks and plain text only (no JSON), in real Chromium with the
// built extension: the live preview follows the condition, validation names a
// missing Chinese label by its path, the export is a checklist the SDK
// accepts, and once saved the checklist is listed in the options page and
// chosen in the panel on a demo portal's session page.
//
// The policy paragraph, as the test builds it:
//   "After every phone contact, record its outcome: reached, or no answer.
//    When there was no answer, record what voicemail was left. (PC-01)"
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseChecklist, type Checklist } from '@chartguard/sdk';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mpbAdapter from '../../adapters/mpb-demo.json';
import { editorTexts } from '../../i18n/editor';
import { optionsTexts } from '../../i18n/options';
import { seriousViolations } from './setup-kit';
import { launchWithExtension, startPortal, type ExtensionBrowser, type PortalServer } from './harness';
import { contentScriptSettled, panelFrame } from './panel-helpers';
import { snapshotExtension, type ExtensionSnapshot } from './stable-extension';

const t = editorTexts.en;
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key]));
const CHECKLIST_ID = 'phone-contact';
const SESSION = 's-2003';

let portal: PortalServer;
let browser: ExtensionBrowser;
let extension: ExtensionSnapshot;
let options: Page;
let editor: Page;
let tempDir: string;
let clicks = 0;

const optionsUrl = () => `chrome-extension://${browser.extensionId}/options.html`;

/** Counts what the user does with the mouse, for the report of how long the setup takes. */
async function click(target: Locator) {
  clicks++;
  await target.click();
}
async function choose(target: Locator, option: string | { label: string }) {
  clicks += 2;
  await target.selectOption(option);
}
const box = (label: string, language: 'English' | 'Simplified Chinese') =>
  editor.getByRole('textbox', { name: `${label} · ${language}`, exact: true });
async function both(label: string, english: string, chinese: string) {
  await box(label, 'English').fill(english);
  await box(label, 'Simplified Chinese').fill(chinese);
}
const problems = () => editor.getByTestId('editor-problems');

const preview = () => editor.getByTestId('editor-preview-form');

beforeAll(async () => {
  extension = await snapshotExtension();
  portal = await startPortal();
  browser = await launchWithExtension({ extensionPath: extension.path });
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartguard-editor-'));
  options = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await portal?.close();
  extension?.remove();
  if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
});

describe('the checklist editor, from a policy paragraph to the panel', () => {
  it('opens from the options page', async () => {
    await options.goto(optionsUrl());
    const opened = browser.context.waitForEvent('page');
    await click(options.getByRole('link', { name: optionsTexts.en.openChecklistEditor }));
    editor = await opened;
    await editor.waitForLoadState('domcontentloaded');
    await expect.poll(() => editor.url()).toBe(`chrome-extension://${browser.extensionId}/checklist-editor.html`);
    await editor.getByRole('heading', { level: 1, name: t.title }).waitFor();
  });

  it('builds a section, a choice with two options, a text shown only for one of them, and a required rule, in both languages', async () => {
    await editor.getByRole('textbox', { name: t.checklistId, exact: true }).fill(CHECKLIST_ID);
    await both(t.checklistTitle, 'Phone contact', '电话联系');
    await editor.getByRole('textbox', { name: t.policyTitle }).fill('Phone contact policy');
    await editor.getByRole('textbox', { name: t.policySource }).fill('policies/phone-contact.md');

    // The section is added by keyboard alone: focus the button, press Enter.
    await editor.getByRole('button', { name: t.addSection }).focus();
    await editor.keyboard.press('Enter');
    await both(fill(t.sectionTitle, { n: 1 }), 'Contact', '联系');

    await choose(editor.getByRole('combobox', { name: fill(t.newFieldType, { n: 1 }) }), 'choice');
    await click(editor.getByRole('button', { name: fill(t.addField, { n: 1 }) }));
    await editor.getByRole('textbox', { name: `Section 1 · ${fill(t.fieldId, { n: 1 })}` }).fill('outcome');
    await both(`Section 1 · ${fill(t.fieldLabel, { n: 1 })}`, 'Outcome', '结果');
    await editor.getByRole('textbox', { name: `Section 1 · Question 1, ${fill(t.optionValue, { n: 1 })}` }).fill('reached');
    await both(`Section 1 · Question 1, ${fill(t.optionLabel, { n: 1 })}`, 'Reached', '已联系上');
    await click(editor.getByRole('button', { name: `Section 1 · ${fill(t.addOption, { n: 1 })}` }));
    await editor.getByRole('textbox', { name: `Section 1 · Question 1, ${fill(t.optionValue, { n: 2 })}` }).fill('no-answer');
    await both(`Section 1 · Question 1, ${fill(t.optionLabel, { n: 2 })}`, 'No answer', '无人接听');

    await choose(editor.getByRole('combobox', { name: fill(t.newFieldType, { n: 1 }) }), 'text');
    await click(editor.getByRole('button', { name: fill(t.addField, { n: 1 }) }));
    await editor.getByRole('textbox', { name: `Section 1 · ${fill(t.fieldId, { n: 2 })}` }).fill('voicemail');
    await both(`Section 1 · ${fill(t.fieldLabel, { n: 2 })}`, 'Voicemail left', '留言内容');
    // The condition from menus: the answer offered is the question above; the value, its own options.
    const showWhen = `Section 1 · ${fill(t.showWhen, { n: 2 })}`;
    await click(editor.getByRole('checkbox', { name: showWhen }));
    const answerMenu = editor.getByRole('combobox', { name: `${showWhen}: ${t.conditionField}` });
    expect(await answerMenu.locator('option').allTextContents()).toEqual(['Outcome (outcome)']);
    await choose(editor.getByRole('combobox', { name: `${showWhen}: ${t.conditionValue}` }), { label: 'No answer (no-answer)' });

    await click(editor.getByRole('button', { name: t.addRule }));
    await editor.getByRole('textbox', { name: fill(t.ruleId, { n: 1 }) }).fill('PC-01');
    await both(
      fill(t.ruleSummary, { n: 1 }),
      'Record the outcome of every phone contact, and the voicemail left when there was no answer',
      '记录每次电话联系的结果；无人接听时记录留言内容',
    );
    const requires = editor.getByRole('group', { name: fill(t.ruleRequires, { n: 1 }) });
    await click(requires.getByRole('checkbox', { name: 'Outcome (outcome)' }));
    await click(requires.getByRole('checkbox', { name: 'Voicemail left (voicemail)' }));

    await expect.poll(() => problems().getAttribute('data-valid')).toBe('true');
    expect(await problems().textContent()).toBe(fill(t.valid, { rules: 1, fields: 2 }));
    expect(await seriousViolations(editor)).toEqual([]);
  });

  it('shows the conditional question in the live preview only when the choice is “No answer”, and evaluates the sample', async () => {
    await preview().locator('[data-field="outcome"]').waitFor();
    expect(await preview().locator('[data-field="voicemail"]').count()).toBe(0);
    await click(preview().getByRole('radio', { name: 'No answer' }));
    await preview().locator('[data-field="voicemail"]').waitFor();
    // The voicemail is missing: PC-01 fires as a required rule, and the note carries the answer.
    await editor.getByTestId('editor-evaluate').locator('[data-rule="PC-01"][data-severity="required"]').waitFor();
    await expect.poll(() => editor.getByTestId('editor-preview-note').textContent()).toContain('No answer');
    await preview().locator('#cg-field-voicemail').fill('Asked to call back');
    await editor.getByTestId('editor-evaluate').getByText(t.noneFire).waitFor();
    await click(preview().getByRole('radio', { name: 'Reached' }));
    await expect.poll(() => preview().locator('[data-field="voicemail"]').count()).toBe(0);
    // And in Chinese, the texts written beside the English ones.
    await choose(editor.getByRole('combobox', { name: t.previewLanguage }), 'zh-CN');
    await preview().getByText('已联系上').waitFor();
    await choose(editor.getByRole('combobox', { name: t.previewLanguage }), 'en');
  });

  it('names a missing Chinese label by its path, and refuses to save until it is given', async () => {
    const chinese = box(`Section 1 · ${fill(t.fieldLabel, { n: 2 })}`, 'Simplified Chinese');
    await chinese.fill('');
    const problem = problems().locator('[data-path="sections › 1 › fields › 2 › label › zh-CN"]');
    await problem.waitFor();
    expect(await problem.textContent()).toBe('sections › 1 › fields › 2 › label › zh-CN: Simplified Chinese text is missing');
    await click(editor.getByRole('button', { name: t.save }));
    await expect.poll(() => editor.getByTestId('editor-notice').textContent()).toBe(t.fixFirst);
    await chinese.fill('留言内容');
    await expect.poll(() => problems().getAttribute('data-valid')).toBe('true');
  });

  it('exports a checklist the SDK accepts, as built', async () => {
    const download = editor.waitForEvent('download');
    await click(editor.getByRole('button', { name: t.exportFile }));
    const file = path.join(tempDir, 'exported.json');
    await (await download).saveAs(file);
    const exported = parseChecklist(JSON.parse(fs.readFileSync(file, 'utf8')));
    expect(exported.id).toBe(CHECKLIST_ID);
    expect(exported.sections[0]!.fields.map((field) => [field.id, field.type, field.label])).toEqual([
      ['outcome', 'choice', { en: 'Outcome', 'zh-CN': '结果' }],
      ['voicemail', 'text', { en: 'Voicemail left', 'zh-CN': '留言内容' }],
    ]);
    expect(exported.sections[0]!.fields[1]!.enableWhen).toEqual({ field: 'outcome', op: 'equals', value: 'no-answer' });
    expect(exported.rules).toEqual([expect.objectContaining({ id: 'PC-01', severity: 'required', requires: ['outcome', 'voicemail'] })]);
  });

  it('saves it where imported checklists live: the options page lists it', async () => {
    await click(editor.getByRole('button', { name: t.save }));
    await expect
      .poll(() => editor.getByTestId('editor-notice').textContent())
      .toBe(fill(t.saved, { title: 'Phone contact', id: CHECKLIST_ID, version: 1 }));
    const stored = (
      await editor.evaluate(() =>
        (
          globalThis as unknown as {
            chrome: { storage: { local: { get(key: string): Promise<Record<string, { checklists: Checklist[] }>> } } };
          }
        ).chrome.storage.local.get('config'),
      )
    ).config!;
    expect(stored.checklists.map((checklist) => checklist.id)).toEqual([CHECKLIST_ID]);
    await options.bringToFront();
    await options.reload();
    const listed = options.locator(`[data-checklist="${CHECKLIST_ID}"]`);
    await listed.waitFor();
    expect(await listed.textContent()).toContain(`Phone contact (${CHECKLIST_ID} v1, `);
  });

  it('is chosen in the panel on a demo portal session page once the portal lists it, and works there', async () => {
    // The portal's adapter names which checklists its session page offers; the organisation adds the new one.
    const adapter = structuredClone(mpbAdapter) as { pages: { kind: string; checklists?: string[] }[] };
    for (const page of adapter.pages) if (page.kind === 'session') page.checklists!.push(CHECKLIST_ID);
    const adapterFile = path.join(tempDir, 'mpb-with-phone-contact.json');
    fs.writeFileSync(adapterFile, JSON.stringify(adapter));
    await options.getByTestId('import-file').setInputFiles(adapterFile);
    await click(options.getByTestId('activate'));
    await options.getByText(optionsTexts.en.activated).waitFor();

    const session = await browser.context.newPage();
    await session.goto(`${portal.url}/mpb/sessions/${SESSION}`);
    // The panel docks from the imported adapter (the record script waits for the configuration before it offers the
    // record page): look for it once the content script has settled.
    await contentScriptSettled(session);
    const frame = await panelFrame(session);
    const menu = frame.locator('.cg-choose select');
    await expect.poll(() => menu.locator(`option[value="${CHECKLIST_ID}"]`).textContent()).toContain('Phone contact');
    await menu.selectOption(CHECKLIST_ID);
    clicks += 2;
    await frame.locator('[data-field="outcome"]').waitFor();
    expect(await frame.locator('[data-field="voicemail"]').count()).toBe(0);
    await frame.getByRole('radio', { name: 'No answer' }).check();
    clicks++;
    await frame.locator('[data-field="voicemail"]').waitFor();
    await frame.locator('.cg-issues [data-rule="PC-01"], [data-rule="PC-01"]').first().waitFor();
    await session.close();
    console.info(`checklist editor e2e: ${clicks} clicks (menus count two) from the options page to the checklist in use`);
  });

  it('opens the built-in short-notice cancellation checklist whole, valid, with no serious or critical axe finding', async () => {
    await editor.bringToFront();
    await editor.getByRole('combobox', { name: t.startFrom }).selectOption('snc');
    await editor.getByRole('button', { name: t.open }).click();
    await expect.poll(() => editor.getByRole('textbox', { name: t.checklistId, exact: true }).inputValue()).toBe('snc');
    await expect.poll(() => problems().getAttribute('data-valid')).toBe('true');
    expect(await seriousViolations(editor)).toEqual([]);
  });
});
