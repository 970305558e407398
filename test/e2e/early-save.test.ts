// Issue 18's race: the Save guard is always on from document_start, while the
// record page's features are injected only once the page is known to be a
// record. A Save clicked at the earliest moment the record page allows it (the
// portal's own script clicking it as soon as the button exists, the rest of the
// page still on its way) must be held all the same: the portal's server
// receives nothing, the user sees the hold in the panel once it is up, and the
// override there still saves.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  EXTENSION_PATH,
  launchWithExtension,
  portalSaves,
  resetPortal,
  startPortal,
  type ExtensionBrowser,
  type PortalServer,
} from './harness';
import { markCancelled, panelReady, SESSION } from './resilience-kit';

let portal: PortalServer;
let browser: ExtensionBrowser;
let before = 0;

const savesFor = async () =>
  ((await portalSaves(portal)) as { sessionId: string }[]).filter((save) => save.sessionId === SESSION).slice(before);

beforeAll(async () => {
  portal = await startPortal();
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

beforeEach(async () => {
  await resetPortal(portal);
  // Cancelled by the therapist with an empty note: the SNC checklist applies and its rules are not met.
  await markCancelled(portal);
  before = 0;
  before = (await savesFor()).length;
});

describe('a Save at the earliest moment the record page allows it', () => {
  let page: Page;

  it('is held before the record page’s features are loaded, shown in the panel once it is up, and the override saves', async () => {
    page = await browser.context.newPage();
    // The server sends the record and its Save, the portal's script clicks Save at once, and the rest of the page follows 2 s later.
    await page.goto(`${portal.url}/mpb/sessions/${SESSION}?earlySave=2000`, { waitUntil: 'commit' });
    const frame = await panelReady(page);
    expect(
      await page.evaluate(() => document.documentElement.dataset.earlyClick),
      'the portal clicked Save while the page was still loading',
    ).toBe('loading');

    // The hold the panel shows is that early click's: nothing else pressed Save.
    await frame.waitForSelector('.cg-held [data-rule]', { timeout: 20_000 });
    expect(await savesFor(), 'the portal’s server received no save').toEqual([]);

    await frame.fill('.cg-held textarea', 'Early save test: saving with an override.');
    await frame.click('.cg-held button.cg-danger');
    await expect.poll(() => savesFor().then((saves) => saves.length), { timeout: 10_000 }).toBe(1);
  });
});

describe('a record page whose features cannot be loaded', () => {
  let broken: ExtensionBrowser | undefined;
  let brokenDir: string | undefined;

  afterAll(async () => {
    await broken?.close();
    if (brokenDir) fs.rmSync(brokenDir, { recursive: true, force: true });
  });

  it('works as without Chartguard, and the page says that Save is not checked there', async () => {
    // The build with its record-page script missing: the background's injection fails, as it would on a broken install.
    brokenDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartguard-no-record-'));
    fs.cpSync(EXTENSION_PATH, brokenDir, { recursive: true });
    fs.rmSync(path.join(brokenDir, 'record-features.js'));
    broken = await launchWithExtension({ extensionPath: brokenDir });

    const page = await broken.context.newPage();
    await page.goto(`${portal.url}/mpb/sessions/${SESSION}`);
    const notice = page.getByRole('status').filter({ hasText: 'Chartguard could not start on this record' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Save is not checked on this page');
    expect(
      page.frames().some((frame) => frame.url().includes('/panel.html')),
      'no panel once the failure is known',
    ).toBe(false);

    // The incomplete record is not held: the portal saves it as it would without the extension.
    await page.click('#save-session');
    await expect.poll(() => savesFor().then((saves) => saves.length)).toBe(1);

    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => notice.count()).toBe(0);
  });
});

/** The legacy portal's server's record of the saves it received for one encounter. */
async function legacySavesOf(eid: string) {
  return ((await (await fetch(`${portal.url}/legacy/api/saves`)).json()) as { eid?: string }[]).filter((save) => save.eid === eid);
}

/** The notice of a Save let through unchecked is on the page; the user dismisses it, and it goes. */
async function dismissSavedUncheckedNotice(page: Page) {
  const notice = page.getByRole('status').filter({ hasText: 'could not check this record before it was saved' });
  await notice.waitFor({ timeout: 20_000 });
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect.poll(() => notice.count()).toBe(0);
}

describe('a Save held while the record page starts, whose features never come', () => {
  let silent: ExtensionBrowser | undefined;
  let silentDir: string | undefined;

  beforeAll(async () => {
    // The build with a record-page script that never registers: every ask is answered as when the service worker
    // stopped while it injected the script, so the router asks again and gives up, and no record page ever runs.
    silentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartguard-silent-record-'));
    fs.cpSync(EXTENSION_PATH, silentDir, { recursive: true });
    fs.writeFileSync(path.join(silentDir, 'record-features.js'), '');
    silent = await launchWithExtension({ extensionPath: silentDir });
  });

  afterAll(async () => {
    await silent?.close();
    if (silentDir) fs.rmSync(silentDir, { recursive: true, force: true });
  });

  it('goes through unchecked, and the always-on script says so on the page', async () => {
    const page = await silent!.context.newPage();
    await page.goto(`${portal.url}/mpb/sessions/${SESSION}?earlySave=2000`, { waitUntil: 'commit' });
    const notice = page.getByRole('status').filter({ hasText: 'could not check this record before it was saved' });
    await notice.waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => document.documentElement.dataset.earlyClick), 'the portal clicked Save while loading').toBe('loading');
    // The Save the portal pressed early reached its server, once.
    await expect.poll(() => savesFor().then((saves) => saves.length)).toBe(1);
    expect(await notice.textContent()).toContain('the portal saved it unchecked');
    expect(
      page.frames().some((frame) => frame.url().includes('/panel.html')),
      'no record page ran',
    ).toBe(false);

    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => notice.count()).toBe(0);
  });
  it('and when that Save leaves the page (a POST and a redirect), the page that follows says so', async () => {
    const before = (await legacySavesOf('306')).length;
    const page = await silent!.context.newPage();
    await page.goto(`${portal.url}/legacy/encounter.php?eid=306`, { waitUntil: 'domcontentloaded' });
    // Pressed while the record page's features are still being asked for: held, then let through when the router
    // gives up; the portal posts the form and its server redirects back to the record with ?saved=1.
    await page.click('#save-encounter');
    await page.waitForURL(/[?&]saved=1/, { timeout: 30_000 });
    expect((await legacySavesOf('306')).length, 'the portal’s server received the save').toBe(before + 1);
    await dismissSavedUncheckedNotice(page);
  });

  it('and when that Save leads to a page that is neither record nor list (the portal’s main screen), that page says so', async () => {
    const before = (await legacySavesOf('306')).length;
    const page = await silent!.context.newPage();
    await page.goto(`${portal.url}/legacy/encounter.php?eid=306`, { waitUntil: 'domcontentloaded' });
    // The form's save goes on to the portal's main screen (a Save and close), which asks Chartguard for nothing.
    await page.locator('#next-page').evaluate((input: HTMLInputElement) => (input.value = 'main'));
    await page.click('#save-encounter');
    await page.waitForURL(/\/legacy\/main\.php$/, { timeout: 30_000 });
    expect((await legacySavesOf('306')).length, 'the portal’s server received the save').toBe(before + 1);
    await dismissSavedUncheckedNotice(page);
  });
});
