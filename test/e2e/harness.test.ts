// Smoke test for the e2e plumbing itself: if this file fails, the other e2e
// failures are about the harness (browser, build, portal), not the extension.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from '@wxt-dev/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, launchWithoutExtension, portalSaves, resetPortal, startPortal, type PortalServer } from './harness';
import { afterRender, contentScriptSettled, expectNoPanel, panelCaughtUp, panelFrame, renderedCount } from './panel-helpers';

// Only for the callbacks passed to worker.evaluate(): they run inside the
// extension's service worker, where `chrome` is the extension API.
declare const chrome: typeof Browser;

let portal: PortalServer;

beforeAll(async () => {
  portal = await startPortal();
});

afterAll(async () => {
  await portal?.close();
});

describe('e2e harness', () => {
  it('loads the built extension and exposes its service worker', async () => {
    const started = performance.now();
    const browser = await launchWithExtension();
    const launchMs = Math.round(performance.now() - started);
    try {
      console.info(`[harness] Chromium with extension ready in ${launchMs} ms`);
      expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
      const worker = await browser.serviceWorker();
      expect(worker.url()).toBe(`chrome-extension://${browser.extensionId}/background.js`);
      // The worker really is the extension's: it runs with its id and its APIs.
      expect(await worker.evaluate(() => chrome.runtime.id)).toBe(browser.extensionId);
      expect(await worker.evaluate(() => chrome.runtime.getManifest().name)).toBe('Chartguard');
    } finally {
      await browser.close();
    }
    expect(fs.existsSync(browser.userDataDir)).toBe(false);
  });

  it('serves the demo portal caseload to that browser', async () => {
    const browser = await launchWithExtension({ locale: 'zh-CN' });
    try {
      const page = await browser.context.newPage();
      const response = await page.goto(`${portal.url}/mpb/caseload`);
      expect(response?.status()).toBe(200);
      expect(await page.locator('h1').textContent()).toBe('Caseload');
      expect(await page.locator('#caseload .caseload-row').count()).toBeGreaterThan(0);
      expect(await page.evaluate(() => navigator.language)).toBe('zh-CN');
    } finally {
      await browser.close();
    }
  });

  it('resets the portal and reports its save log', async () => {
    const res = await fetch(`${portal.url}/mpb/api/sessions/does-not-exist`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(404);
    expect(await portalSaves(portal)).toHaveLength(1);
    await resetPortal(portal);
    expect(await portalSaves(portal)).toEqual([]);
  });

  it('keeps a caller-supplied profile, and the extension state in it, across relaunches', async () => {
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartguard-harness-profile-'));
    try {
      const first = await launchWithExtension({ userDataDir });
      const worker = await first.serviceWorker();
      await worker.evaluate(() => chrome.storage.local.set({ harnessProbe: 'kept' }));
      await first.close();
      expect(fs.existsSync(userDataDir)).toBe(true);

      const second = await launchWithExtension({ userDataDir });
      try {
        expect(second.extensionId).toBe(first.extensionId);
        const stored = await (await second.serviceWorker()).evaluate(() => chrome.storage.local.get('harnessProbe'));
        expect(stored).toEqual({ harnessProbe: 'kept' });
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(userDataDir, { recursive: true, force: true });
    }
  });

  it('launches the same browser without the extension for comparisons', async () => {
    const browser = await launchWithoutExtension();
    try {
      const page = await browser.context.newPage();
      const response = await page.goto(`${portal.url}/mpb/caseload`);
      expect(response?.status()).toBe(200);
      expect(browser.context.serviceWorkers().filter((w) => w.url().startsWith('chrome-extension://'))).toEqual([]);
    } finally {
      await browser.close();
    }
    expect(fs.existsSync(browser.userDataDir)).toBe(false);
  });

  it('has readiness signals that tell a record page from a page without a panel (the waits are not blind)', async () => {
    const browser = await launchWithExtension();
    try {
      await resetPortal(portal);
      const page = await browser.context.newPage();
      await page.goto(`${portal.url}/mpb/sessions/s-2003`);
      const frame = await panelFrame(page);
      // The content script's answer on a record page: settled, with its panel; so expectNoPanel would fail here.
      const [onRecord] = await contentScriptSettled(page);
      expect(onRecord).toMatchObject({ settled: true, panel: true, pageKind: 'session', address: page.url() });
      await expect(expectNoPanel(page)).rejects.toThrow();
      // The panel counts its renders; a page change the content script hears is rendered once more.
      await frame.waitForSelector('html[data-cg-ready]');
      const pages = await renderedCount(frame, 'page');
      expect(pages).toBeGreaterThan(0);
      await panelCaughtUp(page, frame);
      expect(await renderedCount(frame, 'page')).toBeGreaterThan(pages);
      // A held Save is counted when the panel shows it.
      expect(await renderedCount(frame, 'held')).toBe(0);
      await page.selectOption('#attendance', { label: 'Appointment Cancelled by Therapist/VHG' });
      await afterRender(frame, 'held', () => page.click('#save-session'));
      expect(await frame.locator('.cg-held').count()).toBe(1);
      // The portal's page learns none of this: no readiness attribute on its document.
      expect(
        await page.evaluate(() =>
          [...document.documentElement.attributes].map((attribute) => attribute.name).filter((name) => name.startsWith('data-cg')),
        ),
      ).toEqual([]);

      await page.goto(`${portal.url}/elsewhere`);
      const [elsewhere] = await contentScriptSettled(page);
      // The router sends only what is set: no panel here means no `panel` field (lib/tab-status.ts).
      expect(elsewhere).toMatchObject({ settled: true, pageKind: null });
      expect(elsewhere?.panel ?? false).toBe(false);
      await expectNoPanel(page);
    } finally {
      await browser.close();
    }
  });
});
