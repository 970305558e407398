// Organisation deployment in a real Chromium: a managed policy file in the
// Linux policy directory (as an IT department's Chrome policy or GPO would
// put it), for an extension whose id is fixed by the manifest `key`
// (test/e2e/fixtures/extension-key.pub; the id follows from it). Chromium
// reads the policy, the background mirrors it, the options page shows the
// organisation's portal and locked setting, and the panel works on that portal.
import { createHash, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Frame, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guideAdapterSource } from '../docs/guide';
import { launchWithExtension, resetPortal, startPortal, type ExtensionBrowser, type PortalServer } from './harness';
import { panelCanHold, panelFrame } from './panel-helpers';
import { markCancelled, openRecord, SESSION, storedDraft } from './resilience-kit';
import { snapshotExtension, type ExtensionSnapshot } from './stable-extension';

const POLICY_DIR = '/etc/chromium/policies/managed';
const PUBLIC_KEY = fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'extension-key.pub'), 'utf8').trim();
/** Chromium's id for a key: the first 32 hex digits of the SHA-256 of the DER public key, written with a–p. */
const EXTENSION_ID = [...createHash('sha256').update(Buffer.from(PUBLIC_KEY, 'base64')).digest('hex').slice(0, 32)]
  .map((digit) => String.fromCharCode(97 + parseInt(digit, 16)))
  .join('');

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
    const managed = await page.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { managed: { get(keys: null): Promise<Record<string, unknown>> } } } }
      ).chrome.storage.managed.get(null),
    );
    expect(managed).toMatchObject({ locked: ['draftRetentionDays', 'imports'], settings: { draftRetentionDays: 3 } });
    await page.close();
  });

  it('the options page lists the managed portal as the organisation’s, with no Remove, and the locked settings locked', async () => {
    const page = await options();
    const row = page.locator('tr[data-adapter="riverside-clinic"]');
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.locator('td').allTextContents()).toEqual([
      'Riverside Clinic (outpatients)',
      'http://127.0.0.1/*, http://localhost/*',
      'appointment, day-sheet',
      'set by your organisation',
      '',
    ]);
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
    await panelCanHold(frame);
    await page.selectOption("select[name='outcome']", 'Seen');
    await page.fill("textarea[name='notes']", 'Seen today.');
    await page.click("form[name='appointment-notes'] button[type='submit']");
    await frame.waitForSelector('.cg-held');
    const saves = (await (await fetch(`${portal.url}/clinic/api/saves`)).json()) as { appointmentRef: string }[];
    expect(saves.filter((save) => save.appointmentRef === 'RC-1043')).toEqual([]);
    await page.close();
  });
});

// An organisation that requires a drafts PIN (settings.draftProtection "pin"), arriving on a profile that already
// keeps a draft under the device key. Its own extension id (a key made here), so the policy above is not changed.
describe('an organisation that requires a drafts PIN, arriving after a draft was kept under the device key', () => {
  const pin = 'harbour-lantern-52';
  let pinExtension: ExtensionSnapshot;
  let profile: string;
  let pinExtensionId: string;

  beforeAll(async () => {
    const { publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'der' },
      privateKeyEncoding: { type: 'pkcs8', format: 'der' },
    });
    pinExtensionId = [...createHash('sha256').update(publicKey).digest('hex').slice(0, 32)]
      .map((digit) => String.fromCharCode(97 + parseInt(digit, 16)))
      .join('');
    pinExtension = await snapshotExtension();
    const manifestFile = path.join(pinExtension.path, 'manifest.json');
    fs.writeFileSync(
      manifestFile,
      JSON.stringify({ ...JSON.parse(fs.readFileSync(manifestFile, 'utf8')), key: publicKey.toString('base64') }),
    );
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chartguard-pin-policy-'));
    await resetPortal(portal);
    await markCancelled(portal);
  }, 180_000);

  afterAll(() => {
    pinExtension?.remove();
    if (profile) fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  });

  /** The panel once it shows the record, the PIN the organisation requires, or the PIN prompt. */
  async function panelOn(page: Page): Promise<Frame> {
    const frame = await panelFrame(page, 20_000);
    await frame.waitForSelector('#cg-field-agreed, [data-testid="pin-required"], [data-testid="pin-prompt"]', { timeout: 20_000 });
    return frame;
  }

  /** The drafts as the background stores them: whether each is sealed for the PIN (a wrapped key) or under the device key. */
  async function storedSealing(worker: Worker): Promise<{ record: string; pin: boolean }[]> {
    return worker.evaluate(
      () =>
        new Promise<{ record: string; pin: boolean }[]>((resolve, reject) => {
          const request = indexedDB.open('chartguard');
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const all = request.result.transaction('drafts').objectStore('drafts').getAll();
            all.onsuccess = () =>
              resolve(
                (all.result as { record: string; wrappedKey?: ArrayBuffer }[]).map((draft) => ({
                  record: draft.record,
                  pin: draft.wrappedKey !== undefined,
                })),
              );
            all.onerror = () => reject(all.error);
          };
        }),
    );
  }

  /** The audit log's event types for the record, oldest first. */
  async function auditTypes(worker: Worker): Promise<string[]> {
    return worker.evaluate(
      (record) =>
        new Promise<string[]>((resolve, reject) => {
          const request = indexedDB.open('chartguard');
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const all = request.result.transaction('audit').objectStore('audit').getAll();
            all.onsuccess = () =>
              resolve(
                (all.result as { record: string; type: string }[]).filter((event) => event.record === record).map((event) => event.type),
              );
            all.onerror = () => reject(all.error);
          };
        }),
      SESSION,
    );
  }

  it('keeps the draft, locks the choice with its reason, asks for the PIN in the panel, writes nothing under the device key, and seals the kept draft under the PIN', async () => {
    const before = `DEVICE-DRAFT ${Math.random().toString(36).slice(2, 10)}`;
    const later = `UNKEPT ${Math.random().toString(36).slice(2, 10)}`;
    const after = `PIN-DRAFT ${Math.random().toString(36).slice(2, 10)}`;

    // 1. No policy for this extension yet: a draft kept under the device key.
    const first = await launchWithExtension({ extensionPath: pinExtension.path, userDataDir: profile });
    try {
      expect(first.extensionId).toBe(pinExtensionId);
      const { page, frame } = await openRecord(first.context, portal);
      await frame.fill('#cg-field-agreed', before);
      await expect.poll(async () => (await storedDraft(frame))?.agreed, { timeout: 10_000 }).toBe(before);
      expect(await storedSealing(await first.serviceWorker())).toEqual([{ record: SESSION, pin: false }]);
      await page.close();
    } finally {
      await first.close();
    }

    // 2. The organisation's policy arrives (read at the next start, as a deployed policy is).
    // In the same file as the policy above: Chromium takes one "3rdparty" policy, so two files would not merge.
    const policy = JSON.parse(fs.readFileSync(policyFile, 'utf8')) as { '3rdparty': { extensions: Record<string, unknown> } };
    policy['3rdparty'].extensions[pinExtensionId] = { settings: { draftProtection: 'pin' } };
    fs.writeFileSync(policyFile, JSON.stringify(policy, null, 2));
    const second = await launchWithExtension({ extensionPath: pinExtension.path, userDataDir: profile });
    try {
      const options = await second.context.newPage();
      await options.goto(`chrome-extension://${second.extensionId}/options.html`);
      const device = options.locator('input[name="cg-protection"][value="device"]');
      await expect.poll(() => options.locator('[data-locked="draftProtection"]').count(), { timeout: 15_000 }).toBe(1);
      expect(await options.locator('[data-locked="draftProtection"]').textContent()).toContain('set by your organisation');
      expect(await device.isDisabled()).toBe(true);
      expect(await options.locator('input[name="cg-protection"][value="pin"]').isChecked()).toBe(true);
      expect(await options.textContent('[data-testid="pin-required"]')).toContain(
        'The draft already kept on this computer will be protected by the PIN as soon as you set it; it is not deleted',
      );

      // The panel asks for the PIN first, and says the kept draft is not lost. Going on without it restores that draft.
      const record = await second.context.newPage();
      await record.goto(`${portal.url}/mpb/sessions/${SESSION}`);
      let frame = await panelOn(record);
      expect(await frame.textContent('[data-testid="pin-required"]')).toContain('The draft already kept on this computer is not lost');
      await frame.click('[data-testid="pin-later"]');
      await frame.waitForSelector('#cg-field-agreed', { timeout: 20_000 });
      expect(await frame.inputValue('#cg-field-agreed')).toBe(before);
      // What is typed now is not written under the device key, and the panel says so.
      await frame.fill('#cg-field-agreed', later);
      await frame.waitForSelector('[data-testid="panel-warning-draft"]', { timeout: 10_000 });
      expect(await frame.textContent('[data-testid="panel-warning-draft"]')).toContain(
        'Your organisation requires a drafts PIN, and none is set: what you type here is not kept as a draft',
      );
      expect((await storedDraft(frame))?.agreed).toBe(before);
      // A refused draft was never created: the log holds the device-key draft's one "create" and its restore, no more.
      expect(await auditTypes(await second.serviceWorker())).toEqual(['create', 'restore']);
      await record.close();

      // The next time, the PIN is set in the panel: the kept draft is sealed again under it, and restored.
      const again = await second.context.newPage();
      await again.goto(`${portal.url}/mpb/sessions/${SESSION}`);
      frame = await panelOn(again);
      await frame.fill('#cg-set-pin', pin);
      await frame.fill('#cg-set-pin-again', pin);
      await frame.check('#cg-set-pin-understood');
      await frame.click('[data-testid="pin-required"] button[type="submit"]');
      await frame.waitForSelector('#cg-field-agreed', { timeout: 30_000 });
      expect(await frame.inputValue('#cg-field-agreed')).toBe(before);
      expect(await storedSealing(await second.serviceWorker())).toEqual([{ record: SESSION, pin: true }]);
      await frame.fill('#cg-field-agreed', after);
      await expect.poll(async () => (await storedDraft(frame))?.agreed, { timeout: 10_000 }).toBe(after);
      expect(await frame.locator('[data-testid="panel-warning-draft"]').count()).toBe(0);
      expect(await storedSealing(await second.serviceWorker())).toEqual([{ record: SESSION, pin: true }]);
      await again.close();

      // The options page now shows PIN protection, still locked.
      await options.reload();
      await expect
        .poll(() => options.locator('[data-testid="pin-setup"] [role="status"]').textContent(), { timeout: 15_000 })
        .toContain('protected by a PIN');
      expect(await device.isDisabled()).toBe(true);
      expect(await options.locator('[data-locked="draftProtection"]').count()).toBe(1);
    } finally {
      await second.close();
    }

    // 3. After a restart the panel asks for the PIN before it opens the draft; with it, the draft is there.
    const third = await launchWithExtension({ extensionPath: pinExtension.path, userDataDir: profile });
    try {
      const page = await third.context.newPage();
      await page.goto(`${portal.url}/mpb/sessions/${SESSION}`);
      const frame = await panelOn(page);
      expect(await frame.locator('[data-testid="pin-prompt"]').count()).toBe(1);
      await frame.fill('#cg-pin', pin);
      await frame.click('[data-testid="pin-prompt"] button[type="submit"]');
      await frame.waitForSelector('#cg-field-agreed', { timeout: 30_000 });
      expect(await frame.inputValue('#cg-field-agreed')).toBe(after);
    } finally {
      await third.close();
    }
  }, 240_000);
});
