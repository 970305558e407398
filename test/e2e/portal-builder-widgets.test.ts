// Issue 20, the widget portal done by clicks: Hollybrook EHR (/legacy) set up
// in the portal builder, in real Chromium with the built extension. Its
// encounter page lives in a same-origin work frame and uses select2, Chosen,
// flatpickr, TinyMCE and a radio group. Hollybrook has a built-in adapter
// (adapters/legacy.json); the test stores an imported adapter under the same
// id that matches no host, which replaces the built-in the way an
// organisation's import would, so the portal starts unknown. The user picks
// the fields inside the frame, names the page from the frame's address and
// its `eid` query, clicks Save, tries the draft (the panel opens and holds an
// incomplete Save), and exports an adapter equivalent to legacy.json. Axe
// finds nothing serious in the builder with a widget's value map or a
// condition open. Clicks are counted for the report.
//
// Every page kind legacy.json declares is set up as it has it: the encounter
// (its fourteen fields, the four Save controls including the "Sign and save"
// inside a web component's open shadow root, the form's own submit, the
// shortcuts, and its three suggestions, IA's all/not one built with the
// checklist editor's condition menus), the caseload's rows with their three
// cells, and the handover (radios, Tom Select, a checkbox read as a choice,
// a jQuery UI date, a contenteditable note). The export check compares page
// kind for page kind, so a page left out fails it.
import fs from 'node:fs';
import { parseAdapter, type AdapterV2 } from '@chartguard/sdk';
import type { Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import legacyAdapter from '../../adapters/legacy.json';
import { countedActions, openBuilder, seriousViolations } from './setup-kit';
import { launchWithExtension, startPortal, walkthrough, type ExtensionBrowser, type PortalServer } from './harness';
import { contentScriptSettled, expectNoPanel, panelCanHold, panelFrame } from './panel-helpers';
import { snapshotExtension, type ExtensionSnapshot } from './stable-extension';

const SETUP_EID = '302'; // set up on this encounter (saved once, to show how a save is confirmed)
const TRY_EID = '306';
// The encounter's Save controls the user clicks; the last is inside the open shadow root of <hb-sign-bar>.
const SAVE_CONTROLS = ['#save-encounter', '#save-return', '#quick-save', '#sign-save'];
const SHELL = (eid: string) => `/legacy/main.php?page=${encodeURIComponent(`/legacy/encounter.php?eid=${eid}`)}`;
const HANDOVER_SHELL = (hid: string) => `/legacy/main.php?page=${encodeURIComponent(`/legacy/handover.php?hid=${hid}`)}`;
const HANDOVER_SETUP = '401'; // set up on this handover (saved once, like the encounter)
const HANDOVER_TRY = '402';

let portal: PortalServer;
let browser: ExtensionBrowser;
let extension: ExtensionSnapshot;
let page: Page;
let builder: Frame;
let exported: AdapterV2;
const counts = { clicks: 0, keys: 0 };

const { click, choose, type } = countedActions(counts);

/** The encounter page inside the shell's work frame, once its widgets have started. */
async function workFrame(): Promise<Frame> {
  const frame = page.frame({ name: 'RBody' })!;
  await frame.waitForSelector('html[data-widgets-ready="1"]');
  return frame;
}

/** Arms the picker from the builder, then clicks the element in the work frame. */
/**
 * “Try it”: the builder says the portal runs the draft and every selector is healthy; then the record at `path`
 * opens with its panel on record `id`, and the record's work frame is returned.
 */
async function tryItOn(path: string, id: string): Promise<Frame> {
  await click(builder.getByRole('button', { name: 'Try it on the portal' }));
  await expect.poll(() => builder.getByTestId('builder-notice').textContent()).toContain('Chartguard now runs this portal with the draft');
  await expect.poll(() => builder.getByTestId('health').locator('li').count()).toBeGreaterThan(0);
  await expect.poll(() => builder.getByTestId('health').locator('li:not([data-state="found"])').allTextContents()).toEqual([]);
  await page.goto(`${portal.url}${path}`);
  const work = await workFrame();
  await expect.poll(async () => (await panelFrame(page)).locator('.cg-record').textContent()).toContain(id);
  await panelCanHold(await panelFrame(page));
  await contentScriptSettled(page);
  return work;
}

async function pick(button: string, target: Locator) {
  await click(builder.getByRole('button', { name: button }));
  await builder.getByText('Click the element in the portal').waitFor();
  await click(target);
  await builder.getByTestId('pick-review').waitFor();
}

const review = () => builder.getByTestId('pick-review');
async function addAnswer(answer: string, group: Locator = review().locator('fieldset.cg-pb-answers').first()) {
  await choose(group.getByLabel('Answer', { exact: true }), answer);
  await click(group.getByRole('button', { name: 'Add answer' }));
}
/** Sets the review's date format to the portal's, when the builder's guess differs. */
async function dateFormat(format: string) {
  const menu = review().getByLabel('Date format');
  if ((await menu.inputValue()) !== format) await choose(menu, format);
}
const referenceField = (name: string) =>
  (legacyAdapter as unknown as AdapterV2).pages.flatMap((item) => item.fields ?? []).find((field) => field.name === name)!;
/** Sets a menu to a value, when it does not already hold it (a click only when the user would need one). */
async function chooseIfNot(menu: Locator, value: string) {
  if ((await menu.inputValue()) !== value) await choose(menu, value);
}
async function typeIfNot(input: Locator, text: string) {
  if ((await input.inputValue()) !== text) await type(input, text);
}
/** Confirms each portal option's checklist value, correcting the suggestion where it differs from the reference. */
async function confirmValues(want: Record<string, string | string[]>) {
  for (const [checklistValue, codes] of Object.entries(want)) {
    for (const code of [codes].flat()) {
      const select = review().locator(`select[data-portal-value="${code}"]`);
      if ((await select.inputValue()) !== checklistValue) await choose(select, checklistValue);
    }
  }
  await click(review().getByLabel('I have checked these values'));
}

async function encounterSaves(eid: string): Promise<number> {
  const response = await fetch(`${portal.url}/legacy/api/saves`).catch(() => undefined);
  if (!response?.ok) return -1;
  const saves = (await response.json()) as { eid?: string | number }[];
  return saves.filter((save) => String(save.eid) === eid).length;
}
async function handoverSaves(hid: string): Promise<number> {
  const response = await fetch(`${portal.url}/legacy/api/saves`).catch(() => undefined);
  if (!response?.ok) return -1;
  const saves = (await response.json()) as { hid?: string | number }[];
  return saves.filter((save) => String(save.hid) === hid).length;
}

beforeAll(async () => {
  extension = await snapshotExtension();
  portal = await startPortal();
  browser = await launchWithExtension({ extensionPath: extension.path });
  // The organisation's import replacing the built-in Hollybrook adapter: same id, no host of this portal.
  const worker = await browser.serviceWorker();
  const placeholder = {
    format: 'chartguard-adapter/2',
    id: legacyAdapter.id,
    name: 'Hollybrook (elsewhere)',
    matches: ['https://hollybrook.invalid/*'],
    pages: [{ kind: 'encounter', path: '^/nowhere$', checklists: ['snc'] }],
  };
  await worker.evaluate(
    (adapter) =>
      (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }).chrome.storage.local.set({
        config: { adapters: [adapter], checklists: [] },
      }),
    placeholder,
  );
  page = await browser.context.newPage();
  page.on('dialog', (dialog) => void dialog.dismiss());
});

afterAll(async () => {
  console.log(`Hollybrook set up in the builder with ${counts.clicks} clicks and ${counts.keys} typed characters.`);
  await browser?.close();
  await portal?.close();
  extension?.remove();
});

describe('setting up Hollybrook (frames and widget libraries) by clicks in the portal builder', () => {
  walkthrough(() => ({ portal: page, builder }));

  it('starts unknown: no panel on the encounter page, and a Save goes straight through', async () => {
    await page.goto(`${portal.url}${SHELL(SETUP_EID)}`);
    const work = await workFrame();
    await expectNoPanel(page);
    // The user saves once as usual, so the work frame's address shows how Hollybrook confirms a save.
    await click(work.locator('#save-encounter'));
    await work.waitForURL((url) => url.search.includes('saved=1'));
    await workFrame();
    expect(await encounterSaves(SETUP_EID)).toBe(1);
  });

  it('picks the select2 attendance inside the work frame, recognises the widget, and maps its options', async () => {
    builder = await openBuilder(browser, page, counts);
    await click(builder.getByRole('button', { name: 'Add this page' }));
    const work = await workFrame();
    await pick('Pick a field', work.locator('#attendance + .select2 .select2-selection'));
    expect(await review().getByTestId('recognised').textContent()).toContain('select2');
    expect(await review().locator('.cg-pb-candidate').first().textContent()).toContain('#attendance');
    await addAnswer('attendance');
    await confirmValues(legacyAdapter.values.attendance);
    await click(review().getByRole('button', { name: 'Add field' }));
    // The page now lives in the frame: its address is the encounter's, its record id the eid.
    await click(builder.getByRole('button', { name: `Query “eid=${SETUP_EID}”` }));
    expect(await builder.getByLabel('Page kind').inputValue()).toBe('encounter');
    for (const id of ['snc', 'fus', 'ia']) await click(builder.getByLabel(new RegExp(`\\(${id}\\)$`)));
  });

  it('picks the Chosen contact method, the flatpickr time, the rebooking radios and the TinyMCE note', async () => {
    const work = await workFrame();
    await pick('Pick a field', work.locator('#contact_method_chosen, #contact-method + .chosen-container').first());
    expect(await review().getByTestId('recognised').textContent()).toContain('chosen');
    await addAnswer('contactMethod');
    expect(await seriousViolations(builder)).toEqual([]);
    await confirmValues(legacyAdapter.values.contact);
    await click(review().getByRole('button', { name: 'Add field' }));

    await pick('Pick a field', work.locator('#informed-at + input, #informed-at').last());
    expect(await review().getByTestId('recognised').textContent()).toContain('flatpickr');
    await addAnswer('informedAt');
    await dateFormat('DD/MM/YYYY HH:mm');
    await click(review().getByRole('button', { name: 'Add field' }));

    await pick('Pick a field', work.locator("input[name='rebookOutcome']").first());
    expect(await review().getByTestId('recognised').textContent()).toContain('radio');
    await addAnswer('rebookOutcome');
    await confirmValues({ rebooked: 'REBOOKED', 'client-declined': 'DECLINED', 'not-yet-possible': 'PENDING' });
    await click(review().getByRole('button', { name: 'Add field' }));

    await pick('Pick a field', work.locator('.tox-tinymce').first());
    expect(await review().getByTestId('recognised').textContent()).toContain('tinymce');
    expect(await review().getByLabel('The note').isChecked()).toBe(true);
    await click(review().getByRole('button', { name: 'Add field' }));
    expect(await builder.getByTestId('fields').locator('li').count()).toBe(5);
    expect(await seriousViolations(builder)).toEqual([]);
  });

  it('picks the rest of the encounter: the next session Apply writes, the recontact date, the reminder channel, three checkboxes and the facts in the banner', async () => {
    const work = await workFrame();
    await pick('Pick a field', work.locator('#next-session + input, #next-session').last());
    expect(await review().getByTestId('recognised').textContent()).toContain('flatpickr');
    await addAnswer('nextSessionInPortal');
    await click(review().getByLabel('Apply writes other answers into it'));
    for (const answer of referenceField('Next session').write!) await addAnswer(answer, review().locator('fieldset.cg-pb-answers').nth(1));
    await dateFormat('DD/MM/YYYY HH:mm');
    await click(review().getByRole('button', { name: 'Add field' }));

    // Picked by keyboard from the builder: its search reaches into the work frame, and that frame's picker takes it.
    await click(builder.getByRole('button', { name: 'Pick a field' }));
    await expect.poll(() => builder.getByRole('searchbox').evaluate((element) => element === document.activeElement)).toBe(true);
    counts.keys += 'recontact'.length + 1;
    await page.keyboard.type('recontact');
    await expect.poll(() => builder.getByTestId('cursor').textContent()).toContain('Recontact by (a date, jquery-ui-datepicker)');
    await page.keyboard.press('Enter');
    await review().waitFor();
    expect(await review().getByTestId('recognised').textContent()).toContain('jquery-ui-datepicker');
    expect(await review().locator('.cg-pb-candidate').first().textContent()).toContain('input#recontact-by');
    await addAnswer('recontactBy');
    await dateFormat('DD/MM/YYYY');
    await click(review().getByRole('button', { name: 'Add field' }));

    await pick('Pick a field', work.locator('#reminder-channel + .ts-wrapper .ts-control'));
    expect(await review().getByTestId('recognised').textContent()).toContain('tom-select');
    await addAnswer('reminderChannel');
    await confirmValues(referenceField('Reminder channel').values as Record<string, string>);
    await click(review().getByRole('button', { name: 'Add field' }));

    for (const [id, answer] of [
      ['risk-concern', 'riskConcern'],
      ['client-unhappy', 'clientUnhappy'],
      ['plan-agreed', 'planAgreed'],
    ] as const) {
      await pick('Pick a field', work.locator(`#${id}`));
      expect(await review().getByTestId('recognised').textContent()).toContain('a checkbox');
      await addAnswer(answer);
      await click(review().getByRole('button', { name: 'Add field' }));
    }

    // The facts in the patient banner: the preferred contact by its code, with the contact method's values again.
    await pick('Pick a field', work.locator('#preferred-contact'));
    expect(await review().getByLabel('A read-only fact').isChecked()).toBe(true);
    expect(await review().getByLabel('Read from').inputValue()).toBe('data-code');
    await addAnswer('preferredMethod');
    await addAnswer('preferredChannel');
    expect(await review().textContent()).toContain('Same values as “Patient informed by”');
    await click(review().getByLabel('I have checked these values'));
    await click(review().getByRole('button', { name: 'Add field' }));

    // The session start is read from its text, in the portal's date format (not from its sortable attribute).
    await pick('Pick a field', work.locator('#session-start'));
    await choose(review().getByLabel('Read from'), '');
    await dateFormat('DD/MM/YYYY HH:mm');
    await type(review().getByLabel('Name', { exact: true }), 'Session start');
    await addAnswer('sessionAt');
    await addAnswer('assessmentAt');
    await click(review().getByRole('button', { name: 'Add field' }));

    // The session type is no checklist's question: named, for the suggestion below to read.
    await pick('Pick a field', work.locator('#session-type'));
    expect(await review().getByLabel('Read from').inputValue()).toBe('data-session-type');
    await type(review().getByLabel('Name', { exact: true }), 'Session type');
    await choose(review().getByLabel('Answer', { exact: true }), { label: 'Another answer, by name…' });
    await type(review().getByLabel('Answer name'), 'sessionType');
    await click(review().getByRole('button', { name: 'Add answer' }));
    await click(review().getByRole('button', { name: 'Add field' }));
    expect(await builder.getByTestId('fields').locator('li').count()).toBe(14);
    expect(await seriousViolations(builder)).toEqual([]);
  });

  it('suggests SNC, FUS and IA (all of: an initial assessment, not a non-attendance) from the condition menus, clicks the Save controls without saving, confirms saves by the address, and declares the shortcuts', async () => {
    const json = (value: string) => JSON.stringify(value);
    await choose(builder.getByLabel('Suggest', { exact: true }), 'snc');
    await chooseIfNot(builder.getByLabel('when: Answer', { exact: true }), 'attendance');
    await chooseIfNot(builder.getByLabel('when: Test', { exact: true }), 'equals');
    await choose(builder.getByLabel('when: Value', { exact: true }), json('cancelled-by-provider'));
    await click(builder.getByRole('button', { name: 'Add suggestion' }));

    await choose(builder.getByLabel('Suggest', { exact: true }), 'fus');
    await choose(builder.getByLabel('when: Answer', { exact: true }), 'sessionType');
    await chooseIfNot(builder.getByLabel('when: Test', { exact: true }), 'equals');
    await typeIfNot(builder.getByLabel('when: Value', { exact: true }), 'follow-up');
    await click(builder.getByRole('button', { name: 'Add suggestion' }));

    // IA: all of (the session type is an initial assessment; not (attendance is one of the three non-attendances)).
    await choose(builder.getByLabel('Suggest', { exact: true }), 'ia');
    await choose(builder.getByLabel('when: Kind of condition', { exact: true }), 'all');
    await choose(builder.getByLabel('when › 1: Answer', { exact: true }), 'sessionType');
    await chooseIfNot(builder.getByLabel('when › 1: Test', { exact: true }), 'equals');
    await typeIfNot(builder.getByLabel('when › 1: Value', { exact: true }), 'initial-assessment');
    await click(builder.getByRole('button', { name: 'when: Add a test' }));
    await choose(builder.getByLabel('when › 2: Kind of condition', { exact: true }), 'not');
    await chooseIfNot(builder.getByLabel('when › 2 › 1: Answer', { exact: true }), 'attendance');
    await choose(builder.getByLabel('when › 2 › 1: Test', { exact: true }), 'oneOf');
    const values = builder.getByRole('group', { name: 'when › 2 › 1: Values' });
    for (const [label, wanted] of [
      ['Attended', false],
      ['Did not attend', true],
      ['Cancelled by client', true],
      ['Cancelled by client at short notice', true],
    ] as const) {
      const box = values.getByLabel(label, { exact: true });
      if ((await box.isChecked()) !== wanted) await click(box);
    }
    expect(await seriousViolations(builder)).toEqual([]);
    await click(builder.getByRole('button', { name: 'Add suggestion' }));
    expect(await builder.getByTestId('suggestions').locator('li').count()).toBe(3);

    const work = await workFrame();
    for (const control of SAVE_CONTROLS) {
      await pick('Pick a Save control', work.locator(control));
      if (control === '#sign-save') {
        // Seen through the web component's open shadow root: a selector matched inside it, as the Save guard matches.
        expect(await review().locator('.cg-pb-candidate').first().textContent()).toContain('button#sign-save');
        expect(await review().textContent()).toContain('Inside the shadow root of <hb-sign-bar>');
      }
      await click(review().getByRole('button', { name: 'Add Save control' }));
    }
    await click(builder.getByLabel('Submitting the form itself (Enter in a text box) saves too'));
    expect(await encounterSaves(SETUP_EID)).toBe(1);
    await click(builder.getByRole('button', { name: 'Saved when the address shows “saved=1”' }));
    expect(await builder.getByTestId('saved-confirmation').textContent()).toContain('saved=1');
    for (const shortcut of ['Alt+S', 'Ctrl+Enter', 'Meta+Enter']) {
      counts.clicks++;
      counts.keys += shortcut.length;
      await builder.getByLabel('Keyboard shortcut that saves').fill(shortcut);
      await click(builder.getByRole('button', { name: 'Add shortcut' }));
    }
  });

  it('“Try it”: every selector is healthy, and on an incomplete encounter the panel holds the Save in the frame', async () => {
    const work = await tryItOn(SHELL(TRY_EID), TRY_EID);
    // The clinician cancelled: the draft's suggestion picks SNC, which this record does not yet satisfy.
    await work.click('#attendance + .select2 .select2-selection');
    await work.locator('.select2-results__option', { hasText: /^Cancelled by clinician$/ }).click();
    await expect.poll(async () => (await panelFrame(page)).locator('.cg-choose select').inputValue()).toBe('snc');
    await work.click('#save-encounter');
    const panel = await panelFrame(page);
    await panel.waitForSelector('.cg-held');
    expect(await panel.locator('.cg-held [data-rule]').count()).toBeGreaterThan(0);
    expect(work.url()).toContain(`eid=${TRY_EID}`);
    expect(work.url()).not.toContain('saved=1');
    expect(await encounterSaves(TRY_EID)).toBe(0);
  });

  it('“Try it”: the “Sign and save” inside the web component’s shadow root is held too, and nothing is sent', async () => {
    await page.goto(`${portal.url}${SHELL(TRY_EID)}`);
    const work = await workFrame();
    await expect.poll(async () => (await panelFrame(page)).locator('.cg-record').textContent()).toContain(TRY_EID);
    await panelCanHold(await panelFrame(page));
    await contentScriptSettled(page);
    await work.click('#attendance + .select2 .select2-selection');
    await work.locator('.select2-results__option', { hasText: /^Cancelled by clinician$/ }).click();
    await expect.poll(async () => (await panelFrame(page)).locator('.cg-choose select').inputValue()).toBe('snc');
    expect(await work.evaluate(() => document.querySelector('#sign-save'))).toBeNull();
    await work.locator('#sign-save').click();
    const panel = await panelFrame(page);
    await panel.waitForSelector('.cg-held');
    expect(await panel.locator('.cg-held [data-rule]').count()).toBeGreaterThan(0);
    expect(work.url()).not.toContain('saved=1');
    expect(await encounterSaves(TRY_EID)).toBe(0);
  });

  it('sets up the caseload in the work frame: one row and its three cells (the note from the hidden full text), and badges appear once tried', async () => {
    await page.goto(`${portal.url}/legacy/main.php?page=${encodeURIComponent('/legacy/caseload.php')}`);
    const list = page.frame({ name: 'RBody' })!;
    await list.waitForSelector('html[data-widgets-ready="1"]');
    builder = await openBuilder(browser, page, counts);
    await click(builder.getByRole('button', { name: 'Add this page' }));
    await pick('Pick a list row', list.locator("tr.enc-row[data-eid='302'] td.c-attendance"));
    expect(await review().getByLabel('Record id from').inputValue()).toBe('data-eid');
    await click(review().getByRole('button', { name: 'Use these rows' }));
    expect(await builder.getByLabel('Page kind').inputValue()).toBe('caseload');
    for (const id of ['snc', 'fus', 'ia']) await click(builder.getByLabel(new RegExp(`\\(${id}\\)$`)));
    await pick('Pick a cell in the row', list.locator("tr.enc-row[data-eid='302'] td.c-attendance"));
    expect(await review().getByLabel('Read from').inputValue()).toBe('data-code');
    counts.clicks++;
    counts.keys += 'Attendance'.length;
    await review().getByLabel('Name', { exact: true }).fill('Attendance');
    await addAnswer('attendance');
    expect(await review().textContent()).toContain('Same values as “Attendance”');
    await click(review().getByLabel('I have checked these values'));
    await click(review().getByRole('button', { name: 'Add cell' }));

    await pick('Pick a cell in the row', list.locator("tr.enc-row[data-eid='302'] td.c-when"));
    await choose(review().getByLabel('Read from'), 'data-sort');
    await type(review().getByLabel('Name', { exact: true }), 'Session start');
    await addAnswer('sessionAt');
    await addAnswer('assessmentAt');
    await click(review().getByRole('button', { name: 'Add cell' }));

    // The excerpt is clicked; its full text, hidden in the same cell, is what the note is read from.
    await pick('Pick a cell in the row', list.locator('tr.enc-row td.c-note .c-note-excerpt', { hasText: /…$/ }).first());
    const hidden = review().locator('.cg-pb-candidate', { hasText: 'hidden full text' });
    expect(await hidden.textContent()).toContain('c-note-full');
    await click(hidden.getByRole('radio'));
    if (!(await review().getByLabel('The note').isChecked())) await click(review().getByLabel('The note'));
    await type(review().getByLabel('Name', { exact: true }), 'Clinical note');
    await click(review().getByRole('button', { name: 'Add cell' }));
    await click(builder.getByRole('button', { name: 'Try it on the portal' }));
    await expect
      .poll(() => builder.getByTestId('builder-notice').textContent())
      .toContain('Chartguard now runs this portal with the draft');
    const badges = () =>
      list.evaluate(() => [...document.querySelectorAll('tr.enc-row')].map((row) => row.getAttribute('data-chartguard-badge')));
    await expect.poll(async () => (await badges()).every(Boolean), { timeout: 10_000 }).toBe(true);
  });

  it('sets up the handover in the work frame: radios, Tom Select goal, a checkbox read as a choice, a jQuery UI date and the contenteditable note; Save, its address and the shortcuts; a suggestion', async () => {
    await page.goto(`${portal.url}${HANDOVER_SHELL(HANDOVER_SETUP)}`);
    let work = await workFrame();
    // Saved once as usual, so the work frame's address shows how the handover confirms a save.
    await click(work.locator('#save-handover'));
    await work.waitForURL((url) => url.search.includes('saved=1'));
    work = await workFrame();
    expect(await handoverSaves(HANDOVER_SETUP)).toBe(1);

    builder = await openBuilder(browser, page, counts);
    await click(builder.getByRole('button', { name: 'Add this page' }));
    await pick('Pick a field', work.locator("input[name='visitType']").first());
    expect(await review().getByTestId('recognised').textContent()).toContain('radio');
    await addAnswer('visitType');
    await confirmValues(referenceField('Visit type').values as Record<string, string>);
    await click(review().getByRole('button', { name: 'Add field' }));
    await click(builder.getByRole('button', { name: `Query “hid=${HANDOVER_SETUP}”` }));
    expect(await builder.getByLabel('Page kind').inputValue()).toBe('handover');
    await click(builder.getByLabel(/\(cx\)$/));

    await pick('Pick a field', work.locator('#goal + .ts-wrapper .ts-control'));
    expect(await review().getByTestId('recognised').textContent()).toContain('tom-select');
    await addAnswer('goal');
    await confirmValues(referenceField("Patient's goal").values as Record<string, string>);
    await click(review().getByRole('button', { name: 'Add field' }));

    // A checkbox answering a choice: its two states are offered as the portal's values, mapped by menu.
    await pick('Pick a field', work.locator('#urgent-risk'));
    expect(await review().getByTestId('recognised').textContent()).toContain('a checkbox');
    await addAnswer('urgentRisks');
    await confirmValues(referenceField('Urgent risks identified').values as Record<string, string>);
    await click(review().getByRole('button', { name: 'Add field' }));

    await pick('Pick a field', work.locator('#follow-up-email'));
    await addAnswer('followUpEmailSent');
    await click(review().getByRole('button', { name: 'Add field' }));

    await pick('Pick a field', work.locator('#return-on'));
    expect(await review().getByTestId('recognised').textContent()).toContain('jquery-ui-datepicker');
    await addAnswer('returnOn');
    await dateFormat('DD/MM/YYYY');
    await click(review().getByRole('button', { name: 'Add field' }));

    await pick('Pick a field', work.locator('#handover-note'));
    expect(await review().getByTestId('recognised').textContent()).toContain('an editable area');
    expect(await review().getByLabel('The note').isChecked()).toBe(true);
    await click(review().getByRole('button', { name: 'Add field' }));
    expect(await builder.getByTestId('fields').locator('li').count()).toBe(6);

    await pick('Pick a Save control', work.locator('#save-handover'));
    await click(review().getByRole('button', { name: 'Add Save control' }));
    await click(builder.getByRole('button', { name: 'Saved when the address shows “saved=1”' }));
    for (const shortcut of ['Alt+S', 'Ctrl+Enter', 'Meta+Enter']) {
      counts.clicks++;
      counts.keys += shortcut.length;
      await builder.getByLabel('Keyboard shortcut that saves').fill(shortcut);
      await click(builder.getByRole('button', { name: 'Add shortcut' }));
    }
    // Offer the consultation handover checklist whenever the visit type is answered.
    await choose(builder.getByLabel('Suggest', { exact: true }), 'cx');
    await chooseIfNot(builder.getByLabel('when: Answer', { exact: true }), 'visitType');
    await choose(builder.getByLabel('when: Test', { exact: true }), 'exists');
    await click(builder.getByRole('button', { name: 'Add suggestion' }));
    expect(await seriousViolations(builder)).toEqual([]);
    expect(await handoverSaves(HANDOVER_SETUP)).toBe(1);
  });

  it('“Try it” on the handover: every selector is healthy, and an incomplete handover’s Save is held in the frame, nothing sent', async () => {
    const work = await tryItOn(HANDOVER_SHELL(HANDOVER_TRY), HANDOVER_TRY);
    await work.click('#save-handover');
    const panel = await panelFrame(page);
    await panel.waitForSelector('.cg-held');
    expect(await panel.locator('.cg-held [data-rule]').count()).toBeGreaterThan(0);
    expect(work.url()).toContain(`hid=${HANDOVER_TRY}`);
    expect(work.url()).not.toContain('saved=1');
    expect(await handoverSaves(HANDOVER_TRY)).toBe(0);
  });

  it('exports an adapter that passes the import checks and is equivalent to legacy.json on every page kind: fields, Save controls, suggestions, list row and cells', async () => {
    await page.goto(`${portal.url}${SHELL(SETUP_EID)}`);
    builder = await openBuilder(browser, page, counts);
    const download = page.waitForEvent('download');
    await click(builder.getByRole('button', { name: 'Export adapter' }));
    exported = JSON.parse(fs.readFileSync(await (await download).path(), 'utf8')) as AdapterV2;
    parseAdapter(exported);
    const reference = legacyAdapter as unknown as AdapterV2;
    // Every page kind, each once: a page missing (or set up twice) fails here.
    expect(exported.pages.map((item) => item.kind).sort()).toEqual(reference.pages.map((item) => item.kind).sort());

    const samples = [
      '/legacy/encounter.php?eid=302',
      '/legacy/encounter.php?eid=7&saved=1',
      '/legacy/encounter.php',
      '/legacy/encounter.php?hid=3',
      '/legacy/handover.php?hid=402',
      '/legacy/handover.php?hid=401&saved=1',
      '/legacy/handover.php',
      '/legacy/handover.php?eid=3',
      '/legacy/caseload.php',
    ];
    const key = (element: { note?: boolean; answers?: string[] }) =>
      element.note ? 'note' : [...(element.answers ?? [])].sort().join('+');
    const shells: Record<string, string> = { encounter: SHELL(SETUP_EID), handover: HANDOVER_SHELL(HANDOVER_TRY) };
    const formPages = reference.pages.filter((item) => !item.list);
    expect(formPages.map((item) => item.kind).sort()).toEqual(Object.keys(shells).sort());
    for (const want of formPages) {
      const got = exported.pages.find((item) => item.kind === want.kind)!;
      await page.goto(`${portal.url}${shells[want.kind]}`);
      const work = await workFrame();
      expect(got.frame, want.kind).toBe(want.frame);
      expect(got.present).toHaveLength(1);
      expect(await sameElement(work, got.present![0]!, want.present![0]!), want.kind).toBe(true);
      expect(got.recordId, want.kind).toEqual(want.recordId);
      for (const sample of samples) {
        const url = new URL(sample, portal.url);
        const matches = (item: typeof got) =>
          new RegExp(item.path).test(url.pathname) && (!item.search || new RegExp(item.search).test(url.search));
        expect(matches(got), `${want.kind} ${sample}`).toBe(matches(want));
      }
      expect(new Set(got.checklists)).toEqual(new Set(want.checklists));
      // Every suggestion, IA's all/not one included.
      expect(got.suggest, want.kind).toHaveLength(want.suggest!.length);
      for (const rule of want.suggest ?? []) expect(got.suggest, want.kind).toContainEqual(rule);

      expect((got.fields ?? []).map(key).sort(), want.kind).toEqual((want.fields ?? []).map(key).sort());
      for (const field of want.fields ?? []) {
        const mine = (got.fields ?? []).find((item) => key(item) === key(field))!;
        const meaning = (adapter: AdapterV2, item: V2Element) => ({
          kind: item.kind,
          widget: item.widget,
          note: item.note,
          html: item.html,
          attribute: item.attribute,
          format: item.format,
          write: item.write ?? item.answers,
          values: resolve(adapter, item.values),
        });
        expect(meaning(exported, mine), field.name).toEqual(meaning(reference, field));
        expect(await sameElement(work, firstSelector(mine.selector), firstSelector(field.selector)), field.name).toBe(true);
      }
      // The Save controls are the reference's, element for element (the encounter's sign-and-save inside its shadow root too).
      expect(got.save?.length, want.kind).toBe(want.save?.length);
      for (const selector of want.save ?? []) {
        const same = await Promise.all(got.save!.map((mine) => sameElement(work, mine, selector)));
        expect(same.filter(Boolean), selector).toHaveLength(1);
      }
      expect(got.formSubmit, want.kind).toBe(want.formSubmit);
      expect(got.saved, want.kind).toEqual(want.saved);
      expect(new Set(got.shortcuts), want.kind).toEqual(new Set(want.shortcuts));
    }

    const wantList = reference.pages.find((item) => item.kind === 'caseload')!;
    const gotList = exported.pages.find((item) => item.kind === 'caseload')!;
    expect(gotList.frame).toBe(wantList.frame);
    for (const sample of samples) {
      const url = new URL(sample, portal.url);
      const matches = (item: typeof gotList) =>
        new RegExp(item.path).test(url.pathname) && (!item.search || new RegExp(item.search).test(url.search));
      expect(matches(gotList), `caseload ${sample}`).toBe(matches(wantList));
    }
    expect(new Set(gotList.list!.checklists)).toEqual(new Set(wantList.list!.checklists));
    expect(gotList.list!.recordIdAttribute).toBe(wantList.list!.recordIdAttribute);
    await page.goto(`${portal.url}/legacy/main.php?page=${encodeURIComponent('/legacy/caseload.php')}`);
    const list = page.frame({ name: 'RBody' })!;
    await list.waitForSelector('html[data-widgets-ready="1"]');
    expect(gotList.present).toHaveLength(1);
    expect(await sameElement(list, gotList.present![0]!, wantList.present![0]!)).toBe(true);
    const rows = (selector: string) => list.evaluate((selector) => document.querySelectorAll(selector).length, selector);
    expect(
      await list.evaluate(
        ([a, b]) => {
          const mine = [...document.querySelectorAll(a)];
          const theirs = [...document.querySelectorAll(b)];
          return mine.length > 0 && mine.length === theirs.length && mine.every((row, index) => row === theirs[index]);
        },
        [gotList.list!.rows, wantList.list!.rows] as const,
      ),
    ).toBe(true);
    expect(await rows(wantList.list!.rows)).toBeGreaterThan(1);
    expect(gotList.list!.cells.map(key).sort()).toEqual(wantList.list!.cells.map(key).sort());
    for (const cell of wantList.list!.cells) {
      const mine = gotList.list!.cells.find((item) => key(item) === key(cell))!;
      expect({ attribute: mine.attribute, note: mine.note, values: resolve(exported, mine.values) }, cell.name).toEqual({
        attribute: cell.attribute,
        note: cell.note,
        values: resolve(reference, cell.values),
      });
      expect(await sameInRows(list, wantList.list!.rows, firstSelector(mine.selector), firstSelector(cell.selector)), cell.name).toBe(true);
    }
  });
});

type V2Element = NonNullable<AdapterV2['pages'][number]['fields']>[number];
const resolve = (adapter: AdapterV2, values: V2Element['values']) => {
  const map = typeof values === 'string' ? adapter.values?.[values] : values;
  return map ? Object.fromEntries(Object.entries(map).map(([key, label]) => [key, [label].flat().sort()])) : undefined;
};
const firstSelector = (selector: string | string[]) => [selector].flat()[0]!;
/** Whether two selectors reach the same element, looking inside open shadow roots as the Save guard does. */
const sameElement = (frame: Frame, a: string, b: string) =>
  frame.evaluate(
    ([a, b]) => {
      const deep = (root: Document | ShadowRoot, selector: string): Element | null => {
        const found = root.querySelector(selector);
        if (found) return found;
        for (const element of root.querySelectorAll('*')) {
          const inner = element.shadowRoot ? deep(element.shadowRoot, selector) : null;
          if (inner) return inner;
        }
        return null;
      };
      const found = deep(document, a);
      return found !== null && found === deep(document, b);
    },
    [a, b] as const,
  );
/** Whether two cell selectors reach the same element in every row. */
const sameInRows = (frame: Frame, rows: string, a: string, b: string) =>
  frame.evaluate(
    ([rows, a, b]) =>
      [...document.querySelectorAll(rows)].every((row) => row.querySelector(a) !== null && row.querySelector(a) === row.querySelector(b)),
    [rows, a, b] as const,
  );
