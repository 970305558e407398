// Organisation deployment in a real Chromium: a managed policy file in the
// Linux policy directory (as an IT department's Chrome policy or GPO would
// put it), for an extension whose id is fixed by the manifest `key`
// (test/e2e/fixtures/extension-key.pub; the id follows from it). Chromium
// reads the policy, the background mirrors it, the options page shows the
// organisation's portal and locked setting, and the panel works on that portal.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guideAdapterSource } from '../docs/guide';
import { launchWithExtension, startPortal, type ExtensionBrowser, type PortalServer } from './harness';
import { panelFrame } from './panel-helpers';
import { snapshotExtension, type ExtensionSnapshot } from './stable-extension';

const POLICY_DIR = '/etc/chromium/policies/managed';
const PUBLIC_KEY = fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'extension-key.pub'), 'utf8').trim();
/** Chromium's id for a key: the first 32 hex digits of the SHA-256 of the DER public key, written with a–p. */
const EXTENSION_ID = [...createHash('sha256').update(Buffer.from(PUBLIC_KEY, 'base64')).digest('hex').slice(0, 32)].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');

let portal: PortalServer;
let browser: ExtensionBrowser;
let extension: ExtensionSnapshot;
let policyFile: string;
let createdDir = false;

beforeAll(async () => {
  if (process.getuid?.() !== 0) {
    throw new Error(`The managed-policy test writes ${POLICY_DIR} and must run as root (as it does in CI); run it with sudo.`);
  }
  extension = await snapshotExtension();
  const manifestFile = path.join(extension.path, 'manifest.json');
  fs.writeFileSync(manifestFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(manifestFile, 'utf8')), key: PUBLIC_KEY }));
  createdDir = !fs.existsSync(POLICY_DIR);
  fs.mkdirSync(POLICY_DIR, { recursive: true });
  policyFile = path.join(POLICY_DIR, `chartguard-e2e-${process.pid}.json`);
  const policy = {
    '3rdparty': {
      extensions: {
        [EXTENSION_ID]: {
          packs: [guideAdapterSource()],
          settings: { badges: true, draftRetentionDays: 3, deadlineHours: { 'FUS-08': 48 } },
          locked: ['draftRetentionDays', 'imports'],
        },
      },
    },
  };
  fs.writeFileSync(policyFile, JSON.stringify(policy, null, 2));
  portal = await startPortal();
  browser = await launchWithExtension({ extensionPath: extension.path });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await portal?.close();
  extension?.remove();
  if (policyFile) fs.rmSync(policyFile, { force: true });
  if (createdDir) fs.rmSync(POLICY_DIR, { recursive: true, force: true });
});

async function options(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  return page;
}

describe('an organisation’s policy, deployed through the browser', () => {
  it('the extension has the id the manifest key gives it, and Chromium hands it the policy', async () => {
    expect(browser.extensionId).toBe(EXTENSION_ID);
    const page = await options();
    const managed = await page.evaluate(() => (globalThis as unknown as { chrome: { storage: { managed: { get(keys: null): Promise<Record<string, unknown>> } } } }).chrome.storage.managed.get(null));
    expect(managed).toMatchObject({ locked: ['draftRetentionDays', 'imports'], settings: { draftRetentionDays: 3 } });
    await page.close();
  });

  it('the options page lists the managed portal as the organisation’s, with no Remove, and the locked settings locked', async () => {
    const page = await options();
    const row = page.locator('tr[data-adapter="riverside-clinic"]');
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.locator('td').allTextContents()).toEqual(['Riverside Clinic (outpatients)', 'http://127.0.0.1/*, http://localhost/*', 'appointment, day-sheet', 'set by your organisation', '']);
    const retention = page.getByRole('spinbutton', { name: /Delete unsaved drafts after/ });
    expect(await retention.inputValue()).toBe('3');
    expect(await retention.isDisabled()).toBe(true);
    expect(await page.locator('[data-locked="draftRetentionDays"]').textContent()).toContain('locked');
    // Unlocked organisation values are defaults the user may change.
    const badges = page.getByRole('checkbox', { name: /compliance badges/ });
    expect(await badges.isDisabled()).toBe(false);
    expect(await page.locator('[data-managed="deadlineHours"]').count()).toBe(1);
    // Imports are locked: there is no file to choose.
    expect(await page.locator('[data-testid="import-file"]').count()).toBe(0);
    expect(await page.locator('[data-locked="imports"]').count()).toBe(1);
    await page.close();
  });

  it('the panel docks on the organisation’s portal and holds an incomplete record’s Save', async () => {
    const page = await browser.context.newPage();
    await page.bringToFront();
    await page.goto(`${portal.url}/clinic/appointments/RC-1043`);
    const frame = await panelFrame(page, 20_000);
    await expect.poll(() => frame.locator('.cg-record').textContent()).toContain('Riverside Clinic (outpatients)');
    await expect.poll(() => frame.locator('.cg-choose select').inputValue()).toBe('fus');
    await page.selectOption("select[name='outcome']", 'Seen');
    await page.fill("textarea[name='notes']", 'Seen today.');
    await page.click("form[name='appointment-notes'] button[type='submit']");
    await frame.waitForSelector('.cg-held');
    const saves = (await (await fetch(`${portal.url}/clinic/api/saves`)).json()) as { appointmentRef: string }[];
    expect(saves.filter((save) => save.appointmentRef === 'RC-1043')).toEqual([]);
    await page.close();
  });
});
