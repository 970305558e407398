// Watchdogs for the traps of issue 16: situations in which Chartguard used to hold the portal's Save
// with no way out. Each one is reproduced against the built extension in Chromium and the MPB demo
// portal; what must hold is that Save always reaches the portal's server (held only while the panel
// can offer the override) and that the user is told, in the page, when it went through unchecked.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  launchWithExtension,
  launchWithoutExtension,
  portalSaves,
  resetPortal,
  startPortal,
  type ExtensionBrowser,
  type PortalServer,
  withIdleTimeSkipped,
} from './harness';
import { execFileSync } from 'node:child_process';
import {
  CANCELLED_LABEL as CANCELLED_LABEL_FOR_TEST,
  markCancelled,
  openRecord,
  panelReady,
  report,
  scanForText,
  SESSION,
  storedDraft,
} from './resilience-kit';
import { panelFrame } from './panel-helpers';
import { snapshotExtension, type ExtensionSnapshot } from './stable-extension';

interface Save {
  sessionId: string;
  body: { clinicalNote: string };
}

let portal: PortalServer;
let extension: ExtensionSnapshot;
let browser: ExtensionBrowser;
/** A server that accepts connections and never answers: a third-party resource that hangs. */
let hung: http.Server;
let hungUrl: string;
const hungSockets = new Set<Socket>();

beforeAll(async () => {
  hung = http.createServer(() => undefined);
  hung.on('connection', (socket) => {
    hungSockets.add(socket);
    socket.on('close', () => hungSockets.delete(socket));
  });
  await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
  hungUrl = `http://127.0.0.1:${(hung.address() as AddressInfo).port}/tracker.png`;
  [portal, extension] = await Promise.all([startPortal(), snapshotExtension()]);
  browser = await launchWithExtension({ extensionPath: extension.path });
});

afterAll(async () => {
  await browser?.close();
  await portal?.close();
  extension?.remove();
  for (const socket of hungSockets) socket.destroy();
  await new Promise((resolve) => hung?.close(resolve));
});

beforeEach(async () => {
  await resetPortal(portal);
  // Cancelled by the therapist with an empty note: the SNC checklist applies and its rules are not met.
  await markCancelled(portal);
  before = 0;
  before = (await savesFor()).length;
  for (const open of browser.context.pages()) await open.close();
  await clearDrafts();
});

/** Each test starts with no drafts: a draft left by an earlier test would be restored (with its checklist) on the record. */
async function clearDrafts() {
  const worker = await browser.serviceWorker();
  await worker.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const request = indexedDB.open('chartguard');
        request.onupgradeneeded = () => request.transaction?.abort();
        request.onerror = () => resolve();
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains('drafts')) return resolve();
          const transaction = db.transaction('drafts', 'readwrite');
          transaction.objectStore('drafts').clear();
          transaction.oncomplete = () => resolve();
          transaction.onerror = () => resolve();
        };
      }),
  );
}

/** Saves of the record the portal received since the test began (marking it cancelled is a save too). */
let before = 0;
async function savesFor(sessionId = SESSION): Promise<Save[]> {
  return ((await portalSaves(portal)) as Save[]).filter((save) => save.sessionId === sessionId).slice(before);
}

/**
 * The text of Chartguard's in-page notice. It lives in a closed shadow root, which page script and
 * Playwright's selectors cannot enter; DevTools' DOM domain can (pierce: true), so the test reads what
 * the user sees.
 */
async function noticeText(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    interface DomNode {
      nodeType: number;
      nodeName: string;
      nodeValue?: string;
      attributes?: string[];
      children?: DomNode[];
      shadowRoots?: DomNode[];
    }
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as unknown as { root: DomNode };
    const texts: string[] = [];
    const textOf = (node: DomNode): string => (node.nodeType === 3 ? (node.nodeValue ?? '') : (node.children ?? []).map(textOf).join(''));
    const walk = (node: DomNode, inShadow: boolean) => {
      const attributes = node.attributes ?? [];
      if (inShadow && attributes.includes('role') && attributes[attributes.indexOf('role') + 1] === 'alert') texts.push(textOf(node));
      for (const shadow of node.shadowRoots ?? []) walk(shadow, true);
      // Frames' documents are not walked: only the page's own DOM (and our shadow root in it) counts.
      if (node.nodeName !== 'IFRAME') for (const child of node.children ?? []) walk(child, inShadow);
    };
    walk(root, false);
    return texts.join('\n');
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Chromium processes of this profile; `extension` marks the extension's renderer. */
function browserProcesses(userDataDir: string): { pid: number; extension: boolean }[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })
    .split('\n')
    .filter((line) => line.includes(`--user-data-dir=${userDataDir}`))
    .map((line) => ({
      pid: Number(line.trim().split(/\s+/)[0]),
      extension: line.includes('--type=renderer') && line.includes('--extension-process'),
    }))
    .filter((proc) => Number.isInteger(proc.pid));
}

/** Presses the portal's Save as a user does. */
async function pressSave(page: Page) {
  await page.click('#save-session');
}

/** The held-Save banner in the panel, with its override, then the override used: the portal receives the save. */
async function overrideFromPanel(frame: Frame, reason: string) {
  await frame.waitForSelector('.cg-held [data-rule]', { timeout: 10_000 });
  await frame.fill('.cg-held textarea', reason);
  await frame.click('.cg-held button.cg-danger');
}

describe('Chartguard never traps Save', () => {
  it('(a) mounts before a hung image delays the page’s load event, and the held Save offers its override', async () => {
    const openHungRecord = async () => {
      const page = await browser.context.newPage();
      // A tracking pixel from a server that never answers holds the load event for as long as it hangs (45 s and more).
      await page.addInitScript((src) => {
        document.addEventListener('DOMContentLoaded', () => {
          const image = new Image();
          image.src = src;
          document.body.append(image);
        });
      }, hungUrl);
      await page.goto(`${portal.url}/mpb/sessions/${SESSION}`, { waitUntil: 'domcontentloaded' });
      // The record page has docked the panel's frame, which waits for the page's load before it loads the panel.
      await expect.poll(() => page.frames().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
      return page;
    };

    // That wait is 15 s at most, and this load never ends: the page's clock skips those 15 s; the image hangs on.
    const waiting = await openHungRecord();
    try {
      await withIdleTimeSkipped(waiting, async () => {
        await panelReady(waiting);
        // The panel is up while the page is still loading: it did not wait for load.
        expect(await waiting.evaluate(() => document.readyState)).toBe('interactive');
        expect(hungSockets.size, 'the hung image was requested').toBeGreaterThan(0);
      });
    } finally {
      // Closed whatever happened: a page left on the skipped clock would spin through its timers for the rest of the file.
      await waiting.close();
    }

    // A Save on the same hung record, in real time (a skipped clock would also skip the 3 s the hold gives the panel).
    const page = await openHungRecord();
    await pressSave(page);
    const frame = await panelReady(page);
    await overrideFromPanel(frame, 'Hung image watchdog: saving with an override.');
    await expect.poll(() => savesFor().then((saves) => saves.length), { timeout: 10_000 }).toBe(1);
    expect(await page.evaluate(() => document.readyState), 'the image was still hanging').toBe('interactive');
  });

  it('(b) handles a 250,000-character note: the panel shows the record and the held Save offers its override', async () => {
    const page = await browser.context.newPage();
    const long = 'Earlier entry. '.repeat(Math.ceil(250_000 / 15)).slice(0, 250_000);
    // The portal serves the record with a cumulative note of 250,000 characters, so the panel's very first snapshot carries it.
    await page.route(`${portal.url}/mpb/sessions/${SESSION}`, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(/(<textarea id="clinical-note"[^>]*>)[^<]*/, (_, open: string) => open + long);
      await route.fulfill({ response, body: html });
    });
    await page.goto(`${portal.url}/mpb/sessions/${SESSION}`);
    expect(await page.inputValue('#clinical-note')).toHaveLength(250_000);
    const frame = await panelReady(page);
    await expect.poll(() => frame.locator('.cg-connecting').count()).toBe(0);

    await pressSave(page);
    await overrideFromPanel(frame, 'Long note watchdog: saving with an override.');
    // The portal received the save with the whole note (the demo portal itself rejects notes over 100,000 characters).
    await expect.poll(() => savesFor().then((saves) => saves.length), { timeout: 10_000 }).toBe(1);
    const [save] = await savesFor();
    expect(save!.body.clinicalNote.length).toBeGreaterThanOrEqual(250_000);
  });

  it('(b2) says plainly when a note is longer than it checks, and does not hold Save on it', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${portal.url}/mpb/sessions/${SESSION}`);
    await panelReady(page);
    const huge = 'x'.repeat(2_100_000);
    await page.evaluate((text) => {
      const note = document.querySelector<HTMLTextAreaElement>('#clinical-note')!;
      note.value = text;
      note.dispatchEvent(new Event('input', { bubbles: true }));
    }, huge);
    const frame = page.frames().find((candidate) => candidate.url().includes('/panel.html'))!;
    await expect
      .poll(
        () =>
          frame
            .locator('[role="alert"]')
            .allTextContents()
            .then((texts) => texts.join(' ')),
        { timeout: 10_000 },
      )
      .toContain('2,100,000 characters long');
    // The demo portal refuses a body this large before logging it, so the request itself is what is watched.
    const posted = page.waitForRequest((request) => request.method() === 'POST' && request.url().includes(`/mpb/api/sessions/${SESSION}`), {
      timeout: 10_000,
    });
    await pressSave(page);
    await posted;
    await expect.poll(() => noticeText(page)).toContain('saved it unchecked');
  });

  it('(c) lets Save through with an in-page notice after the panel’s renderer crashed', async () => {
    // Its own browser: Chromium does not bring back an extension whose renderer died, so the shared
    // browser would have no Chartguard for the tests after this one.
    const crashing = await launchWithExtension({ extensionPath: extension.path });
    try {
      const page = await crashing.context.newPage();
      await page.goto(`${portal.url}/mpb/sessions/${SESSION}`);
      const frame = await panelReady(page);
      // Playwright takes a crashed child frame for a crashed page and refuses to act on it afterwards, so the
      // user's click is given through DevTools' input domain, at the button's place on screen.
      const cdp = await crashing.context.newCDPSession(page);
      const box = (await page.locator('#save-session').boundingBox())!;
      // The extension's renderer process (the panel's, marked --extension-process) dies as in a crash.
      const renderers = browserProcesses(crashing.userDataDir).filter((proc) => proc.extension);
      expect(renderers.length).toBeGreaterThan(0);
      for (const proc of renderers) process.kill(proc.pid, 'SIGKILL');
      await expect
        .poll(
          () =>
            frame
              .evaluate(() => 1)
              .then(
                () => 'alive',
                () => 'crashed',
              ),
          { timeout: 10_000 },
        )
        .toBe('crashed');

      const at = { x: box.x + box.width / 2, y: box.y + box.height / 2, button: 'left' as const, clickCount: 1 };
      await cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...at });
      await cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...at });
      await expect.poll(() => savesFor().then((saves) => saves.length), { timeout: 10_000 }).toBe(1);
      const notice = await noticeText(page);
      expect(notice).toContain('saved this record unchecked');
      expect(notice).toMatch(/Rules not met: .*SNC-/);
    } finally {
      await crashing.close();
    }
  });

  it('(c2) lets a held Save go with a notice when the panel is replaced before it could show the hold', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${portal.url}/mpb/sessions/${SESSION}`);
    await panelReady(page);
    const posted = page.waitForRequest((request) => request.method() === 'POST' && request.url().includes(`/mpb/api/sessions/${SESSION}`), {
      timeout: 10_000,
    });
    // The page removes the panel (it is put back and reloads) in the same task as the Save click.
    const clickedAt = await page.evaluate(() => {
      document.querySelector('chartguard-panel')!.remove();
      const at = performance.timeOrigin + performance.now();
      document.querySelector<HTMLButtonElement>('#save-session')!.click();
      return at;
    });
    await posted;
    const elapsed = Math.round(Date.now() - clickedAt);
    report({
      scenario: 'fault: panel replaced at Save',
      iterations: 1,
      fault: true,
      note: `Save click to the portal's request ${elapsed} ms (upper bound)`,
    });
    // The detached panel is seen at the click: Save does not wait out the 3 s the guard gives a connected panel to answer.
    expect(elapsed).toBeLessThan(2_500);
    await expect.poll(() => savesFor().then((saves) => saves.length), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => noticeText(page)).toContain('saved this record unchecked');
  });

  it('(d) docks under another name when the page pre-registered the panel’s tag, and the held Save offers its override', async () => {
    const page = await browser.context.newPage();
    await page.addInitScript(() => {
      // A custom element under our tag that refuses shadow roots: attachShadow on it throws.
      customElements.define(
        'chartguard-panel',
        class extends HTMLElement {
          static disabledFeatures = ['shadow'];
        },
      );
    });
    await page.goto(`${portal.url}/mpb/sessions/${SESSION}`);
    const frame = await panelReady(page);
    const hosts = await page.evaluate(() => ({
      ours: document.querySelectorAll('chartguard-panel').length,
      docked: [...document.documentElement.children]
        .filter((element) => element.localName.startsWith('chartguard-'))
        .map((element) => element.localName),
    }));
    expect(hosts.ours).toBe(0);
    expect(hosts.docked).toHaveLength(1);
    expect(hosts.docked[0]).toMatch(/^chartguard-[a-z]{12}$/);

    await pressSave(page);
    await overrideFromPanel(frame, 'Pre-registered tag watchdog: saving with an override.');
    await expect.poll(() => savesFor().then((saves) => saves.length), { timeout: 10_000 }).toBe(1);
  });
});

describe('quiet on the page', () => {
  /** What a page's own script can see of the document and the window, recorded from document start. */
  async function observe(context: BrowserContext, extensionId: string | null): Promise<Record<string, unknown>> {
    const page = await context.newPage();
    await page.addInitScript((id) => {
      const seen = { messages: [] as string[], wxtEvents: 0, globals: Object.getOwnPropertyNames(window) };
      (window as unknown as { __observed: typeof seen }).__observed = seen;
      window.addEventListener('message', (event) => seen.messages.push(JSON.stringify(event.data)), true);
      // WXT's start-up event, under the name any page can build from the (public) extension id.
      if (id) document.addEventListener(`${id}:portal:wxt:content-script-started`, () => seen.wxtEvents++, true);
    }, extensionId);
    const cdp = await context.newCDPSession(page);
    const worlds: string[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context: created }) => {
      if (created.auxData?.type === 'isolated') worlds.push(created.origin);
    });
    await cdp.send('Runtime.enable');
    // A page of the portal the content script runs on that is not a record page: no panel, no badges.
    await page.goto(`${portal.url}/mpb/clients/c-1001`, { waitUntil: 'load' });
    // Readiness: the extension's content script world exists in this page (it ran at document start) and the page has loaded.
    if (extensionId) await expect.poll(() => worlds.some((origin) => origin.startsWith(`chrome-extension://${extensionId}`))).toBe(true);
    const observed = await page.evaluate(() => {
      const seen = (window as unknown as { __observed: { messages: string[]; wxtEvents: number; globals: string[] } }).__observed;
      const before = new Set(seen.globals);
      const attributes = (element: Element | null) =>
        element ? [...element.attributes].map((attribute) => `${attribute.name}=${attribute.value}`) : [];
      return {
        messages: seen.messages,
        wxtEvents: seen.wxtEvents,
        newGlobals: Object.getOwnPropertyNames(window).filter((name) => !before.has(name) && name !== '__observed'),
        htmlAttributes: attributes(document.documentElement),
        bodyAttributes: attributes(document.body),
        elements: document.getElementsByTagName('*').length,
        customElements: [...document.querySelectorAll('*')]
          .filter((element) => element.localName.includes('-'))
          .map((element) => element.localName),
        openPopovers: document.querySelectorAll(':popover-open').length,
        styleSheets: document.styleSheets.length,
        adoptedStyleSheets: document.adoptedStyleSheets.length,
        htmlMargin: getComputedStyle(document.documentElement).marginRight,
      };
    });
    await cdp.detach();
    await page.close();
    return observed;
  }

  it('gives a matched page that is not a record page nothing to tell Chartguard is installed', async () => {
    const withExtension = await observe(browser.context, browser.extensionId);
    const plain = await launchWithoutExtension();
    try {
      const without = await observe(plain.context, null);
      expect(withExtension.messages).toEqual([]);
      expect(withExtension.wxtEvents).toBe(0);
      expect({ ...withExtension, wxtEvents: 0 }).toEqual({ ...without, wxtEvents: 0 });
    } finally {
      await plain.close();
    }
  });
});

describe('a busy page', () => {
  it('gets the user’s edits to the portal to the panel within 250 ms while the page changes a node every frame', async () => {
    // Not cancelled: the page suggests no checklist until the user codes the attendance.
    await resetPortal(portal);
    const page = await browser.context.newPage();
    await page.goto(`${portal.url}/mpb/sessions/${SESSION}`);
    const frame = await panelFrame(page, 20_000);
    await frame.waitForSelector('.cg-choose select');
    // A clock that ticks every animation frame, as portals' spinners and timers do.
    await page.evaluate(() => {
      const clock = document.createElement('span');
      clock.id = 'busy-clock';
      document.body.append(clock);
      const tick = () => {
        clock.textContent = String(performance.now());
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await expect.poll(() => page.evaluate(() => Number(document.getElementById('busy-clock')!.textContent) > 0)).toBe(true);
    const latencies: number[] = [];
    const labels = [CANCELLED_LABEL_FOR_TEST, 'Attended', CANCELLED_LABEL_FOR_TEST];
    const checklistFor: Record<string, string> = { [CANCELLED_LABEL_FOR_TEST]: 'snc', Attended: 'fus' };
    for (const label of labels) {
      // The panel notes when its checklist choice changes to what the portal's new attendance suggests.
      await frame.evaluate((expected) => {
        (window as unknown as { __seenAt?: number }).__seenAt = undefined;
        const watcher = new MutationObserver(() => {
          const now = document.querySelector<HTMLSelectElement>('.cg-choose select');
          if (now?.value === expected && (window as unknown as { __seenAt?: number }).__seenAt === undefined) {
            (window as unknown as { __seenAt?: number }).__seenAt = Date.now();
            watcher.disconnect();
          }
        });
        watcher.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      }, checklistFor[label]!);
      const changedAt = await page.evaluate((value) => {
        const select = document.querySelector<HTMLSelectElement>('#attendance')!;
        const option = [...select.options].find((candidate) => candidate.textContent!.trim() === value)!;
        select.value = option.value;
        const at = Date.now();
        select.dispatchEvent(new Event('input', { bubbles: true }));
        select.dispatchEvent(new Event('change', { bubbles: true }));
        return at;
      }, label);
      await expect
        .poll(() => frame.evaluate(() => (window as unknown as { __seenAt?: number }).__seenAt ?? null), { timeout: 5_000 })
        .not.toBeNull();
      latencies.push((await frame.evaluate(() => (window as unknown as { __seenAt: number }).__seenAt)) - changedAt);
    }
    report({
      scenario: 'fault: busy page (node per frame)',
      iterations: latencies.length,
      fault: true,
      note: `portal edit to panel ${latencies.join(', ')} ms`,
    });
    for (const latency of latencies) expect(latency).toBeLessThan(250);
  });
});

describe('every log line and message is true', () => {
  interface AuditRow {
    id: number;
    type: string;
    record: string;
    reason?: string;
  }

  /** Reads one object store of the extension's database in the service worker, as it is on disk. */
  async function readStore<T>(store: 'audit' | 'drafts'): Promise<T[]> {
    const worker = await browser.serviceWorker();
    return worker.evaluate(
      (name) =>
        new Promise<T[]>((resolve, reject) => {
          const request = indexedDB.open('chartguard');
          // Never create the database from here: the extension's own upgrade must do that.
          request.onupgradeneeded = () => request.transaction?.abort();
          request.onerror = () => resolve([]);
          request.onsuccess = () => {
            const db = request.result;
            if (!db.objectStoreNames.contains(name)) return resolve([]);
            const all = db.transaction(name).objectStore(name).getAll();
            all.onsuccess = () => resolve(all.result as T[]);
            all.onerror = () => reject(all.error);
          };
        }),
      store,
    );
  }

  /** Makes the background's IndexedDB writes of one kind fail, as a full disk does (until `restore`). */
  async function failWrites(method: 'add' | 'put'): Promise<() => Promise<void>> {
    const worker = await browser.serviceWorker();
    await worker.evaluate((name) => {
      const proto = IDBObjectStore.prototype as unknown as Record<string, unknown>;
      (globalThis as unknown as Record<string, unknown>)[`__real_${name}`] = proto[name];
      proto[name] = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    }, method);
    return () =>
      worker.evaluate((name) => {
        // A worker restarted since has the real method already.
        const real = (globalThis as unknown as Record<string, unknown>)[`__real_${name}`];
        if (real) (IDBObjectStore.prototype as unknown as Record<string, unknown>)[name] = real;
      }, method);
  }

  /** The audit log's events for the record since this test began. */
  let firstId = 0;
  beforeEach(async () => {
    firstId = Math.max(0, ...(await readStore<AuditRow>('audit')).map((event) => event.id)) + 1;
  });
  async function recordEvents(): Promise<string[]> {
    return (await readStore<AuditRow>('audit'))
      .filter((event) => event.record === SESSION && event.id >= firstId)
      .map((event) => event.type);
  }

  it('keeps Save held, and says so, when the override cannot be logged', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${portal.url}/mpb/sessions/${SESSION}`);
    const frame = await panelReady(page);
    await pressSave(page);
    await frame.waitForSelector('.cg-held [data-rule]');
    const restore = await failWrites('add');
    try {
      await frame.fill('.cg-held textarea', 'Log failure watchdog.');
      await frame.click('.cg-held button.cg-danger');
      await frame.waitForSelector('[data-testid="panel-warning-override"]', { timeout: 10_000 });
      expect(await frame.textContent('[data-testid="panel-warning-override"]')).toContain('Save is still held');
      // The warning is the readiness signal: the override was refused before any release.
      expect(await savesFor()).toEqual([]);
      expect(await frame.locator('.cg-held').count()).toBe(1);
    } finally {
      await restore();
    }
    // Once the log works again, the same override goes through, logged first.
    await frame.click('.cg-held button.cg-danger');
    await expect.poll(() => savesFor().then((saves) => saves.length), { timeout: 10_000 }).toBe(1);
    await expect.poll(recordEvents).toContain('save');
    const events = await recordEvents();
    expect(events.indexOf('override')).toBeLessThan(events.indexOf('save'));
  });

  it('logs an override the portal never confirmed as not confirmed, and the banner stays', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${portal.url}/mpb/sessions/${SESSION}`);
    const frame = await panelReady(page);
    // The demo portal refuses notes over 100,000 characters: its Save answers with an error, not "saved".
    await page.evaluate(() => {
      const note = document.querySelector<HTMLTextAreaElement>('#clinical-note')!;
      note.value = 'n'.repeat(100_001);
      note.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await pressSave(page);
    await overrideFromPanel(frame, 'Unconfirmed watchdog.');
    await expect.poll(() => page.textContent('#flash'), { timeout: 10_000 }).toContain('too long');
    // The record page waits 15 s for a confirmation that will not come. Rather than wait that out, the page's clock
    // (content script's timers and Date.now included) skips ahead to its next timer whenever the page is idle.
    const clock = await page.context().newCDPSession(page);
    await clock.send('Emulation.setVirtualTimePolicy', { policy: 'advance' });
    try {
      await frame.waitForSelector('[data-testid="panel-warning-unconfirmed"]', { timeout: 20_000 });
      expect(await frame.textContent('[data-testid="panel-warning-unconfirmed"]')).toContain('Override attempted, not confirmed');
      expect(await frame.locator('.cg-held').count()).toBe(1);
      expect(await frame.locator('.cg-panel').textContent()).not.toContain('Saved with an override');
      await expect.poll(recordEvents).toContain('unconfirmed');
      expect(await recordEvents()).not.toContain('save');
    } finally {
      await clock.detach();
    }
  });

  it('re-arms the override when the portal re-rendered its Save, and claims nothing until the portal confirms', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${portal.url}/mpb/sessions/${SESSION}`);
    const frame = await panelReady(page);
    await pressSave(page);
    await frame.waitForSelector('.cg-held [data-rule]');
    // The portal re-renders its toolbar: the held button is gone.
    await page.evaluate(() => {
      const button = document.querySelector('#save-session')!;
      button.replaceWith(button.cloneNode(true));
    });
    await frame.fill('.cg-held textarea', 'Re-rendered button watchdog.');
    await frame.click('.cg-held button.cg-danger');
    await frame.waitForSelector('[data-testid="panel-warning-unconfirmed"]');
    expect(await frame.textContent('[data-testid="panel-warning-unconfirmed"]')).toContain('press the portal’s Save again');
    expect(await savesFor()).toEqual([]);
    expect(await recordEvents()).not.toContain('save');
    await pressSave(page);
    await expect.poll(() => savesFor().then((saves) => saves.length), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => frame.locator('.cg-panel').textContent(), { timeout: 10_000 }).toContain('Saved with an override');
    await expect.poll(recordEvents).toContain('save');
  });

  it('shows a warning with what to do when a draft cannot be written, and retires (never deletes) a draft on the portal’s confirmation', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${portal.url}/mpb/sessions/${SESSION}`);
    const frame = await panelReady(page);
    const restore = await failWrites('put');
    try {
      await frame.fill('#cg-field-agreed', 'Typed while the disk is full.');
      await frame.waitForSelector('[data-testid="panel-warning-draft"]', { timeout: 10_000 });
      expect(await frame.textContent('[data-testid="panel-warning-draft"]')).toMatch(/could not be saved as a draft .*Keep this tab open/);
    } finally {
      await restore();
    }
    await frame.fill('#cg-field-agreed', 'Typed once the disk has room again.');
    await expect.poll(() => frame.locator('[data-testid="panel-warning-draft"]').count(), { timeout: 10_000 }).toBe(0);
    // Save with an override; the portal confirms it.
    await pressSave(page);
    await overrideFromPanel(frame, 'Retire watchdog.');
    await expect.poll(() => page.textContent('#flash'), { timeout: 10_000 }).toContain('saved');
    await expect.poll(recordEvents, { timeout: 10_000 }).toContain('save');
    const drafts = await readStore<{ record: string; retiredAt?: number }>('drafts');
    const draft = drafts.find((candidate) => candidate.record === SESSION);
    expect(draft, 'the draft is kept until the retention purge').toBeDefined();
    expect(draft!.retiredAt).toEqual(expect.any(Number));
  });
});

describe('what reached the portal', () => {
  // The adapter names the portal's note field; the page hides it in three ways a portal does (an inline style,
  // an ancestor with the `hidden` attribute, a disabled control). The panel must not call such a field written,
  // and the portal's field must not have changed.
  const HIDINGS = {
    'display:none': (note: HTMLTextAreaElement) => {
      note.style.display = 'none';
    },
    'not rendered (an ancestor is hidden)': (note: HTMLTextAreaElement) => {
      const box = note.ownerDocument.createElement('div');
      note.before(box);
      box.append(note);
      box.hidden = true;
    },
    disabled: (note: HTMLTextAreaElement) => {
      note.disabled = true;
    },
  } as const;

  for (const [hiding, reason] of [
    ['display:none', 'not written: the field is hidden on the page'],
    ['not rendered (an ancestor is hidden)', 'not written: the field is hidden on the page'],
    ['disabled', 'the field is disabled in the portal'],
  ] as const) {
    it(`does not report a write into a ${hiding} note field as written, and the portal's field is unchanged`, async () => {
      const { page, frame } = await openRecord(browser.context, portal);
      const before = await page.$eval('#clinical-note', (note) => (note as HTMLTextAreaElement).value);
      await page.evaluate(`(${HIDINGS[hiding].toString()})(document.querySelector('#clinical-note'))`);
      await frame.fill('#cg-field-agreed', 'Written into a field nobody can see?');
      await frame.getByRole('button', { name: 'Apply to record' }).click();
      const status = frame.locator('[role="status"]', { hasText: 'Written into the portal at' });
      await status.waitFor({ timeout: 10_000 });
      const text = (await status.textContent()) ?? '';
      // What was written, as the panel reports it, is the attendance alone; the note is named with why it was not.
      expect(text).toMatch(/Written into the portal at [\d:]+: Attendance\./);
      expect(text).toContain(`Could not write: Clinical Note (${reason}`);
      expect(await page.$eval('#clinical-note', (note) => (note as HTMLTextAreaElement).value)).toBe(before);
      // The same field shown and enabled again takes the write, and the panel says so: the refusal was the hiding.
      await page.evaluate(() => {
        const note = document.querySelector<HTMLTextAreaElement>('#clinical-note')!;
        note.disabled = false;
        note.style.display = '';
        const box = note.parentElement!;
        if (box.hidden) box.replaceWith(note);
      });
      await frame.getByRole('button', { name: 'Apply to record' }).click();
      await expect
        .poll(() => page.$eval('#clinical-note', (note) => (note as HTMLTextAreaElement).value))
        .toContain('Written into a field nobody can see?');
      await expect
        .poll(async () => (await status.textContent()) ?? '')
        .toMatch(/Written into the portal at [\d:]+: Attendance, Clinical Note\.$/);
    });
  }
});

describe('a copied browser profile', () => {
  /** Every way the canary could come back from the copy, attacker's file-read included. */
  async function copyAttack(mode: 'device' | 'pin') {
    const pin = 'tide-harbour-47';
    const original = fs.mkdtempSync(path.join(os.tmpdir(), `chartguard-copy-${mode}-`));
    const copy = `${original}-copy`;
    const text = `COPIED${mode.toUpperCase()}${Math.random().toString(36).slice(2, 12)}`;
    const reason = `REASON${mode.toUpperCase()}${Math.random().toString(36).slice(2, 12)}`;
    try {
      const first = await launchWithExtension({ extensionPath: extension.path, userDataDir: original });
      const extensionId = first.extensionId;
      try {
        if (mode === 'pin') {
          const options = await first.context.newPage();
          await options.goto(`chrome-extension://${first.extensionId}/options.html`);
          // Before the PIN is set, the page says what a forgotten PIN costs.
          await options.check('input[name="cg-protection"][value="pin"]');
          await expect
            .poll(() => options.locator('[data-testid="pin-setup"]').textContent())
            .toContain('If you forget the PIN, drafts not yet saved to the portal cannot be opened and are lost');
          await options.fill('#cg-new-pin', pin);
          await options.fill('#cg-new-pin-again', pin);
          await options.check('#cg-new-pin-understood');
          await options.click('[data-testid="pin-setup"] button[type="submit"]');
          await expect.poll(() => options.textContent('[data-testid="pin-message"]'), { timeout: 20_000 }).toContain('PIN set');
          await options.close();
        }
        // An override with a reason, which the audit log keeps: encrypted like the drafts.
        const saved = await openRecord(first.context, portal);
        await pressSave(saved.page);
        await overrideFromPanel(saved.frame, reason);
        await expect.poll(() => saved.frame.locator('.cg-panel').textContent(), { timeout: 10_000 }).toContain('Saved with an override');
        await saved.page.close();
        // Then an unsaved draft, typed in a fresh panel on the record. The override wrote its entry into the
        // note (G-04), so the panel opens on the recorded entry: the clinician edits it to type more.
        const { page, frame } = await openRecord(first.context, portal, undefined, { edit: true });
        await frame.fill('#cg-field-agreed', text);
        await expect.poll(async () => (await storedDraft(frame))?.agreed, { timeout: 10_000 }).toBe(text);
        await page.close();
      } finally {
        await first.close();
      }
      fs.cpSync(original, copy, { recursive: true });
      for (const lock of ['SingletonLock', 'SingletonCookie', 'SingletonSocket']) fs.rmSync(path.join(copy, lock), { force: true });

      // The draft was never applied, so no file of the profile may hold it. The reason was (the override's entry
      // names it in the portal's note, G-04): the portal's page state in the browser's session files may hold that
      // copy, as docs/security.md says; the extension's own storage (its IndexedDB and settings) must not.
      const extensionFiles = (hit: { file: string }) => hit.file.includes(extensionId);
      const plaintextHits = [
        ...scanForText(copy, reason)
          .hits.filter(extensionFiles)
          .map((hit) => `reason in ${hit.file} (${hit.encoding})`),
        ...scanForText(copy, text).hits.map((hit) => `draft in ${hit.file} (${hit.encoding})`),
      ];
      const reasonInFiles = plaintextHits.length;
      const extensionStorageScanned = fs.readdirSync(path.join(copy, 'Default', 'IndexedDB')).some((name) => name.includes(extensionId));
      const second = await launchWithExtension({ extensionPath: extension.path, userDataDir: copy });
      try {
        const page = await second.context.newPage();
        await page.goto(`${portal.url}/mpb/sessions/${SESSION}`);
        const frame = await panelFrameOrPrompt(page);
        const prompted = (await frame.locator('[data-testid="pin-prompt"]').count()) > 0;
        let restoredWithoutPin: string | null = null;
        if (!prompted) restoredWithoutPin = await frame.inputValue('#cg-field-agreed');
        // The attacker's way: the stored ciphertext, and every 32 bytes of the copy's IndexedDB files tried as its key.
        const worker = await second.serviceWorker();
        const sealed = await worker.evaluate(
          (record) =>
            new Promise<{ iv: number[]; ciphertext: number[] }>((resolve, reject) => {
              const request = indexedDB.open('chartguard');
              request.onerror = () => reject(request.error);
              request.onsuccess = () => {
                const get = request.result.transaction('drafts').objectStore('drafts').get(['mpb-demo', record, 'snc']);
                get.onsuccess = () =>
                  resolve({ iv: [...new Uint8Array(get.result.iv)], ciphertext: [...new Uint8Array(get.result.ciphertext)] });
                get.onerror = () => reject(get.error);
              };
            }),
          SESSION,
        );
        const keyFound = bruteForceKey(copy, Buffer.from(sealed.iv), Buffer.from(sealed.ciphertext));
        let restoredWithPin: string | null = null;
        if (prompted) {
          await frame.fill('#cg-pin', 'wrong-pin-000');
          await frame.click('[data-testid="pin-prompt"] button[type="submit"]');
          await frame.waitForSelector('[data-testid="pin-prompt"] [role="alert"]');
          await frame.fill('#cg-pin', pin);
          await frame.click('[data-testid="pin-prompt"] button[type="submit"]');
          await frame.waitForSelector('#cg-field-agreed', { timeout: 20_000 });
          restoredWithPin = await frame.inputValue('#cg-field-agreed');
        }
        return { prompted, restoredWithoutPin, restoredWithPin, keyFound, text, reasonInFiles, plaintextHits, extensionStorageScanned };
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(original, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      fs.rmSync(copy, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    }
  }

  /** The panel frame once it shows either the record or the PIN prompt. */
  async function panelFrameOrPrompt(page: Page): Promise<Frame> {
    await expect.poll(() => page.frames().some((candidate) => candidate.url().includes('/panel.html')), { timeout: 20_000 }).toBe(true);
    const frame = page.frames().find((candidate) => candidate.url().includes('/panel.html'))!;
    await frame.waitForSelector('#cg-field-agreed, [data-testid="pin-prompt"]', { timeout: 20_000 });
    return frame;
  }

  /** Tries every 32-byte window of the profile's IndexedDB files as the AES-GCM key of the draft. */
  function bruteForceKey(profile: string, iv: Buffer, sealed: Buffer): boolean {
    const tag = sealed.subarray(sealed.length - 16);
    const body = sealed.subarray(0, sealed.length - 16);
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else files.push(full);
      }
    };
    walk(path.join(profile, 'Default', 'IndexedDB'));
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      for (let offset = 0; offset + 32 <= bytes.length; offset++) {
        const decipher = crypto.createDecipheriv('aes-256-gcm', bytes.subarray(offset, offset + 32), iv);
        decipher.setAuthTag(tag);
        decipher.update(body);
        try {
          decipher.final();
          return true;
        } catch {
          // Not the key.
        }
      }
    }
    return false;
  }

  it('device mode, as documented: the copy restores the draft, and its key can be read from the files', async () => {
    await resetPortal(portal);
    await markCancelled(portal);
    const result = await copyAttack('device');
    expect(result.extensionStorageScanned).toBe(true);
    expect(result.plaintextHits, 'draft or override reason in plaintext in the profile').toEqual([]);
    expect(result.prompted).toBe(false);
    expect(result.restoredWithoutPin).toBe(result.text);
    expect(result.keyFound).toBe(true);
  }, 180_000);

  it('PIN mode: the copy restores nothing without the PIN, the files hold no usable key, and the PIN opens the draft', async () => {
    await resetPortal(portal);
    await markCancelled(portal);
    const result = await copyAttack('pin');
    expect(result.extensionStorageScanned).toBe(true);
    expect(result.plaintextHits, 'draft or override reason in plaintext in the profile').toEqual([]);
    expect(result.prompted).toBe(true);
    expect(result.restoredWithoutPin).toBeNull();
    expect(result.keyFound).toBe(false);
    expect(result.restoredWithPin).toBe(result.text);
  }, 180_000);
});
