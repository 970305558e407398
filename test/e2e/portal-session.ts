// The setup the end-to-end files of one demo portal share: a private copy of
// the build (another build rewriting .output mid-run must not break the panel)
// in Chromium beside a fresh portal server for the whole file, and before each
// test that portal back at its seed data and a new tab.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { launchWithExtension, startPortal, type ExtensionBrowser, type PortalServer } from './harness';
import { resetPortals, type PortalPrefix } from './portal-api';
import { snapshotExtension, type ExtensionSnapshot } from './stable-extension';

export interface PortalSession {
  portal: PortalServer;
  browser: ExtensionBrowser;
  page: Page;
}

/** Registers the file's hooks; `onReady` is given the portal, the browser and the test's new tab before each test. */
export function setUpPortalSession(portals: PortalPrefix[], onReady: (session: PortalSession) => void): void {
  let extension: ExtensionSnapshot | undefined;
  let portal: PortalServer | undefined;
  let browser: ExtensionBrowser | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    extension = await snapshotExtension();
    portal = await startPortal();
    browser = await launchWithExtension({ extensionPath: extension.path });
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    extension?.remove();
  });

  beforeEach(async () => {
    await resetPortals(portal!, portals);
    await page?.close();
    page = await browser!.context.newPage();
    onReady({ portal: portal!, browser: browser!, page });
  });
}
