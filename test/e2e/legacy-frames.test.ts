// Hollybrook EHR (/legacy) with the built extension (#14 parts 1, 4 and 5): the
// record lives in the shell's work frame. The panel docks in the top document
// beside that frame and talks to the frame; the Save guard holds every way the
// page saves that raises an event, in the frame; a save that POSTs and
// redirects (`?saved=1`) is recognised on the next load and retires the draft.
// Asserted on what the user sees and on what the portal's server received.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ElementHandle, Frame, Page } from 'playwright-core';
import { launchWithExtension, startPortal, type ExtensionBrowser, type PortalServer } from './harness';
import { answerCancellationInFull, hasPanel, panelCanHold, panelFrame } from './panel-helpers';
import { stopServiceWorkers } from './resilience-kit';

interface SaveEntry {
  kind: string;
  eid?: string;
  body: Record<string, string>;
  status: number;
}

let portal: PortalServer;
let browser: ExtensionBrowser;
let page: Page;

const saves = async (): Promise<SaveEntry[]> => (await fetch(`${portal.url}/legacy/api/saves`)).json();

/** A work page in the shell, as users reach it; resolves with the work frame once its widgets have started. */
async function openInShell(workPath: string): Promise<Frame> {
  await page.goto(`${portal.url}/legacy/main.php?page=${encodeURIComponent(workPath)}`);
  const frame = page.frame({ name: 'RBody' })!;
  await frame.waitForSelector('html[data-widgets-ready="1"]');
  return frame;
}

/** The panel of the work frame's page before it loaded another: its frame, or the element it is docked in. */
type EarlierPanel = Frame | ElementHandle;

/**
 * The panel, once it shows the record and has told the content script it can show a held Save with its override.
 * After the work frame loaded another page, `replacing` is the panel of the page before: the top document docks a
 * new panel for the new page and removes that one, which until then is still there, showing the same record.
 */
async function readyPanel(record: string, replacing?: EarlierPanel): Promise<Frame> {
  if (replacing) {
    const gone = () => ('isDetached' in replacing ? replacing.isDetached() : replacing.evaluate((host) => !(host as Element).isConnected));
    await expect.poll(gone, { message: 'the earlier page’s panel is removed' }).toBe(true);
  }
  const panel = await panelFrame(page);
  await panel.waitForSelector('.cg-record');
  await expect.poll(() => panel.locator('.cg-record').textContent()).toContain(record);
  await panelCanHold(panel);
  return panel;
}

/** A draft as the background stores it (sealed answers; its retirement is plain), read in the service worker. */
async function storedDraft(record: string, checklist: string): Promise<{ retiredAt?: number; updatedAt: number } | null> {
  const worker = await browser.serviceWorker();
  return worker.evaluate(
    ([record, checklist]) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('chartguard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('drafts').objectStore('drafts').get(['legacy-demo', record, checklist]);
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result ? { retiredAt: get.result.retiredAt, updatedAt: get.result.updatedAt } : null);
          };
          get.onerror = () => reject(get.error);
        };
      }),
    [record, checklist] as const,
  ) as Promise<{ retiredAt?: number; updatedAt: number } | null>;
}

async function auditTypes(panel: Frame, record: string): Promise<string[]> {
  const reply = await panel.evaluate(() =>
    (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
      type: 'audit.list',
    }),
  );
  return ((reply as { value?: { type: string; record: string }[] }).value ?? [])
    .filter((event) => event.record === record)
    .map((event) => event.type);
}

/** Waits for the panel to show the held Save; then nothing has been sent (the guard stops the save synchronously). */
async function expectHeld(panel: Frame, frame: Frame, url: string) {
  await panel.waitForSelector('.cg-held');
  expect(frame.url()).toBe(url);
  expect(await saves()).toEqual([]);
}

async function override(panel: Frame, reason = 'Telephone line down; recording the rest tomorrow.') {
  await panel.fill('.cg-held textarea', reason);
  await panel.click('.cg-held button.cg-danger');
}

beforeAll(async () => {
  portal = await startPortal();
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

/** Each test starts with no drafts: one left by an earlier test would be restored (with its checklist) on the record. */
async function clearDrafts() {
  const worker = await browser.serviceWorker();
  await worker.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('chartguard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('drafts')) return resolve();
          const transaction = db.transaction('drafts', 'readwrite');
          transaction.objectStore('drafts').clear();
          transaction.oncomplete = () => (db.close(), resolve());
          transaction.onerror = () => reject(transaction.error);
        };
      }),
  );
}

beforeEach(async () => {
  await fetch(`${portal.url}/legacy/api/reset`, { method: 'POST' });
  await page?.close();
  await clearDrafts();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
});

describe('Hollybrook EHR in its frame shell (#14 part 1)', () => {
  it('docks the panel in the top document beside the work frame, reads the record from the frame, and goes when the frame leaves the record', async () => {
    const frame = await openInShell('/legacy/encounter.php?eid=302');
    const panel = await readyPanel('302');
    // In the shell, not inside the small frame.
    expect(panel.parentFrame()).toBe(page.mainFrame());
    expect(
      await frame.evaluate(() => [...document.documentElement.children].some((element) => element.tagName.startsWith('CHARTGUARD'))),
    ).toBe(false);
    // Beside the work frame, covering none of it.
    const box = (await page.locator('iframe#work-frame').boundingBox())!;
    const panelLeft = await page.evaluate(() => window.innerWidth - 380);
    expect(box.width).toBeGreaterThan(400);
    expect(box.x + box.width).toBeLessThanOrEqual(panelLeft);
    // Read from the frame's page: a follow-up session (the banner's data-session-type) suggests FUS.
    await expect.poll(() => panel.locator('.cg-choose select').inputValue()).toBe('fus');
    // The attendance as the portal's select holds it, read as the user changes it in the frame.
    await frame.evaluate(() =>
      (window as unknown as { jQuery: (s: string) => { val(v: string): { trigger(e: string): void } } })
        .jQuery('#attendance')
        .val('CANC-CLIN')
        .trigger('change'),
    );
    await expect.poll(() => panel.locator('#cg-field-attendance').inputValue()).toBe('cancelled-by-provider');

    // The navigation frame sends the work frame to the caseload: the record is gone, and so is the panel.
    await page.frame({ name: 'Nav' })!.click('#nav-caseload');
    await frame.waitForURL((url) => url.pathname === '/legacy/caseload.php');
    await frame.waitForSelector('html[data-widgets-ready="1"]');
    await expect.poll(() => hasPanel(page)).toBe(false);
  });

  it('keeps the docked panel through a stopped service worker, and still removes it when the frame leaves the record', async () => {
    const frame = await openInShell('/legacy/encounter.php?eid=302');
    const panel = await readyPanel('302');
    await stopServiceWorkers(page, browser.extensionId);
    // The frame docks again under the same token: the same panel stays, still talking to the frame.
    await frame.evaluate(() =>
      (window as unknown as { jQuery: (s: string) => { val(v: string): { trigger(e: string): void } } })
        .jQuery('#attendance')
        .val('DNA')
        .trigger('change'),
    );
    await expect.poll(() => panel.locator('#cg-field-attendance').inputValue()).toBe('did-not-attend');
    expect(panel.isDetached()).toBe(false);
    await page.frame({ name: 'Nav' })!.click('#nav-caseload');
    await frame.waitForURL((url) => url.pathname === '/legacy/caseload.php');
    await frame.waitForSelector('html[data-widgets-ready="1"]');
    await expect.poll(() => hasPanel(page)).toBe(false);
  });

  it('opened on its own (no shell), the encounter docks its panel in its own document', async () => {
    await page.goto(`${portal.url}/legacy/encounter.php?eid=304`);
    await page.waitForSelector('html[data-widgets-ready="1"]');
    const panel = await readyPanel('304');
    expect(panel.parentFrame()).toBe(page.mainFrame());
  });

  it('holds an incomplete record’s Save in the frame (the server receives nothing); an override releases it and the server receives it', async () => {
    const frame = await openInShell('/legacy/encounter.php?eid=306');
    const panel = await readyPanel('306');
    await frame.click('#save-encounter');
    await expectHeld(panel, frame, `${portal.url}/legacy/encounter.php?eid=306`);
    expect(await panel.locator('.cg-held [data-rule]').count()).toBeGreaterThan(0);

    await override(panel);
    await frame.waitForURL((url) => url.search.includes('saved=1'));
    await frame.locator('#saved-banner').waitFor({ state: 'visible' });
    const received = await saves();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ kind: 'encounter', eid: '306', status: 303, body: { action: 'save' } });
  });
});

describe('every way the encounter saves, held in the frame (#14 part 4)', () => {
  const ENCOUNTER = '/legacy/encounter.php?eid=309';
  const url = () => `${portal.url}${ENCOUNTER}`;

  it('Enter in a text input (implicit submission)', async () => {
    const frame = await openInShell(ENCOUNTER);
    const panel = await readyPanel('309');
    await frame.focus('#recontact-by');
    // The date picker opens on focus; closed, Enter submits the form as in any text input.
    await frame.press('#recontact-by', 'Escape');
    await frame.press('#recontact-by', 'Enter');
    await expectHeld(panel, frame, url());
  });

  it('Space on the focused Save button', async () => {
    const frame = await openInShell(ENCOUNTER);
    const panel = await readyPanel('309');
    await frame.focus('#save-encounter');
    await page.keyboard.press('Space');
    await expectHeld(panel, frame, url());
  });

  it('Enter on the focused Save button', async () => {
    const frame = await openInShell(ENCOUNTER);
    const panel = await readyPanel('309');
    await frame.focus('#save-encounter');
    await page.keyboard.press('Enter');
    await expectHeld(panel, frame, url());
  });

  it('the Save link (a role=button “Save and return to caseload”)', async () => {
    const frame = await openInShell(ENCOUNTER);
    const panel = await readyPanel('309');
    await frame.click('#save-return');
    await expectHeld(panel, frame, url());
  });

  it('requestSubmit() from page script; the override replays it as the page made it (no submitter)', async () => {
    const frame = await openInShell(ENCOUNTER);
    const panel = await readyPanel('309');
    await frame.evaluate(() => (document.getElementById('encounter-form') as HTMLFormElement).requestSubmit());
    await expectHeld(panel, frame, url());
    await override(panel);
    await frame.waitForURL((next) => next.search.includes('saved=1'));
    const received = await saves();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ eid: '309', status: 303 });
    expect(received[0]!.body.action).toBeUndefined();
  });

  it.each([['Alt+S'], ['Control+Enter']])(
    'the portal’s own shortcut %s (declared in the adapter); the override replays it',
    async (keys) => {
      const frame = await openInShell(ENCOUNTER);
      const panel = await readyPanel('309');
      await frame.click('#patient-banner');
      await page.keyboard.press(keys);
      await expectHeld(panel, frame, url());
      await override(panel);
      await frame.waitForURL((next) => next.search.includes('saved=1'));
      const received = await saves();
      expect(received).toHaveLength(1);
      // The portal's shortcut calls form.submit(): no submitter, so no `action`.
      expect(received[0]).toMatchObject({ eid: '309', status: 303 });
      expect(received[0]!.body.action).toBeUndefined();
    },
  );

  it('the shortcut pressed inside the TinyMCE editor’s own iframe; the override replays it there', async () => {
    const frame = await openInShell(ENCOUNTER);
    const panel = await readyPanel('309');
    const editor =
      frame.childFrames().find((child) => child.name() === 'clinical-note_ifr') ??
      (await (await frame.$('#clinical-note_ifr'))!.contentFrame())!;
    await editor.click('body#tinymce');
    await page.keyboard.press('Alt+S');
    await expectHeld(panel, frame, url());
    await override(panel);
    await frame.waitForURL((next) => next.search.includes('saved=1'));
    expect(await saves()).toEqual([expect.objectContaining({ eid: '309', status: 303 })]);
  });

  it('the handover page too: Alt+S inside its contenteditable note (the portal calls requestSubmit) is held in the frame', async () => {
    const frame = await openInShell('/legacy/handover.php?hid=402');
    const panel = await readyPanel('402');
    expect(panel.parentFrame()).toBe(page.mainFrame());
    await frame.check('#visit-fu');
    await frame.click('#handover-note');
    await page.keyboard.press('Alt+S');
    await expectHeld(panel, frame, `${portal.url}/legacy/handover.php?hid=402`);
  });
});

describe('a Save pressed before the shell has loaded (issue 18: the panel waits for the top document’s load)', () => {
  /**
   * The shell with the encounter in its work frame, its navigation frame held back by the server so the top document
   * has not loaded: the record page runs and docks its panel, whose page waits for the top document's load event.
   * Resolves once the panel is docked, with the work frame and what lets the navigation frame come.
   */
  async function openWhileShellLoads(eid: string): Promise<{ frame: Frame; dock: ElementHandle; letShellLoad: () => void }> {
    let letShellLoad!: () => void;
    const navHeld = new Promise<void>((resolve) => (letShellLoad = resolve));
    await page.route('**/legacy/nav.php', async (route) => {
      await navHeld;
      await route.continue();
    });
    await page.goto(`${portal.url}/legacy/main.php?page=${encodeURIComponent(`/legacy/encounter.php?eid=${eid}`)}`, {
      waitUntil: 'commit',
    });
    const frame = (await (await page.waitForSelector('iframe#work-frame')).contentFrame())!;
    await frame.waitForSelector('html[data-widgets-ready="1"]');
    // The record page runs in the frame and has docked its panel in the top document.
    const dock = await page.waitForSelector('chartguard-panel', { state: 'attached' });
    expect(await page.evaluate(() => document.readyState), 'the top document is still loading').not.toBe('complete');
    expect(
      page.frames().some((candidate) => candidate.url().includes('/panel.html')),
      'the panel page waits for the top document’s load',
    ).toBe(false);
    return { frame, dock, letShellLoad };
  }

  it('an incomplete record: held at once, the panel loads for it and shows the hold; the server receives nothing', async () => {
    const { frame, letShellLoad } = await openWhileShellLoads('306');
    try {
      await frame.click('#save-encounter');
      const panel = await panelFrame(page);
      await expectHeld(panel, frame, `${portal.url}/legacy/encounter.php?eid=306`);
      expect(await panel.locator('.cg-held [data-rule]').count()).toBeGreaterThan(0);
      // Judged by the panel, which the Save loaded: the shell is still waiting for its navigation frame.
      expect(await page.evaluate(() => document.readyState)).not.toBe('complete');
    } finally {
      letShellLoad();
    }
    // Once the shell has loaded the hold still stands: nothing reached the portal's server.
    await page.waitForFunction(() => document.readyState === 'complete');
    expect(await saves()).toEqual([]);
  });

  it('a record that meets policy: judged by the panel the Save loaded, then saved; the server receives it', async () => {
    // The record made to meet policy and saved once, the usual way: the short-notice cancellation answered in full in
    // the panel, applied to the portal's fields and saved (the portal keeps what it received).
    await page.goto(`${portal.url}/legacy/encounter.php?eid=302`);
    await page.waitForSelector('html[data-widgets-ready="1"]');
    const first = await readyPanel('302');
    await answerCancellationInFull(first);
    await expect.poll(() => page.frameLocator('#clinical-note_ifr').locator('body').innerText()).toContain('Morgan agreed to meet');
    await expect.poll(() => first.locator('.cg-issues .cg-ok').count()).toBe(1);
    await page.click('#save-encounter');
    await page.waitForURL((url) => url.search.includes('saved=1'));
    expect(await saves()).toHaveLength(1);

    // Opened again in the shell, before the shell has loaded: the Save pressed at once is judged and goes through.
    const { frame, dock, letShellLoad } = await openWhileShellLoads('302');
    try {
      await frame.click('#save-encounter');
      await frame.waitForURL((url) => url.search.includes('saved=1'));
      await frame.locator('#saved-banner').waitFor({ state: 'visible' });
    } finally {
      letShellLoad();
    }
    const received = await saves();
    expect(received).toHaveLength(2);
    expect(received[1]).toMatchObject({ kind: 'encounter', eid: '302', status: 303, body: { action: 'save', attendance: 'CANC-CLIN' } });
    // Checked by the panel (a Save let through unchecked would say so instead): its confirmation names the checklist.
    const panel = await readyPanel('302', dock);
    await expect
      .poll(() => panel.locator('p.cg-info[role="status"]').allTextContents())
      .toContain('Record checked against Short-notice cancellation by the therapist and saved.');
  });
});

describe('a save that POSTs and redirects (#14 part 5)', () => {
  /** Types an answer in the panel and waits until the background holds it as a live draft. */
  async function writeDraft(panel: Frame, record: string) {
    await panel.selectOption('#cg-field-attendance', 'attended');
    await panel.fill('#cg-field-successes', 'Managed two exposure tasks this week.');
    await expect.poll(async () => (await storedDraft(record, 'fus'))?.retiredAt ?? 'live', { timeout: 10_000 }).toBe('live');
  }

  it('is confirmed on the redirected load (?saved=1): the draft is retired, nothing is restored over the saved record, and “saved” waits for the portal', async () => {
    const frame = await openInShell('/legacy/encounter.php?eid=302');
    let panel = await readyPanel('302');
    await writeDraft(panel, '302');

    // The portal's answer is held back until the panel has been looked at: no “saved” before the portal confirms.
    let letPortalAnswer!: () => void;
    const portalMayAnswer = new Promise<void>((resolve) => (letPortalAnswer = resolve));
    let posted!: () => void;
    const postSent = new Promise<void>((resolve) => (posted = resolve));
    await page.route('**/legacy/encounter.php?eid=302', async (route) => {
      if (route.request().method() === 'POST') {
        posted();
        await portalMayAnswer;
      }
      await route.continue();
    });
    await frame.click('#save-encounter');
    await panel.waitForSelector('.cg-held');
    await override(panel);
    // The override let the Save go: the browser has sent the POST, and the portal has not answered yet.
    await postSent;
    expect(await panel.getByText(/saved/i).count()).toBe(0);
    expect((await storedDraft('302', 'fus'))?.retiredAt).toBeUndefined();
    letPortalAnswer();

    await frame.waitForURL((url) => url.search.includes('saved=1'));
    await frame.locator('#saved-banner').waitFor({ state: 'visible' });
    panel = await readyPanel('302', panel);
    await expect
      .poll(() => panel.locator('p.cg-info[role="status"]').allTextContents())
      .toContain('Saved with an override; the reason was logged.');
    // The panel starts from the saved record (the override's entry, written into the portal), never from the draft.
    expect(await panel.getByText(/Restored your unsaved answers/).count()).toBe(0);
    expect(await auditTypes(panel, '302')).not.toContain('restore');
    expect((await storedDraft('302', 'fus'))?.retiredAt).toEqual(expect.any(Number));
    expect(await auditTypes(panel, '302')).toContain('save');
    expect((await saves())[0]).toMatchObject({ eid: '302', status: 303 });
  });

  it('a save Chartguard never saw (form.submit() taken from another realm, which fires no event and which no wrap reaches) restores no draft over the saved record either', async () => {
    const frame = await openInShell('/legacy/encounter.php?eid=306');
    let panel = await readyPanel('306');
    await writeDraft(panel, '306');
    // This page's own form.submit() is announced to the guard (the adapter's `formSubmit`); a fresh frame's is the browser's.
    await frame.evaluate(() => {
      const realm = document.body.appendChild(document.createElement('iframe'));
      const nativeSubmit = (realm.contentWindow as unknown as typeof globalThis).HTMLFormElement.prototype.submit;
      nativeSubmit.call(document.getElementById('encounter-form'));
    });
    await frame.waitForURL((url) => url.search.includes('saved=1'));
    await frame.locator('#saved-banner').waitFor({ state: 'visible' });
    panel = await readyPanel('306', panel);
    // No judged Save to match: nothing is claimed saved by Chartguard, the draft is kept, and it is not put over the saved record.
    expect(await panel.getByText(/Restored your unsaved answers/).count()).toBe(0);
    expect(await panel.locator('#cg-field-attendance').inputValue()).toBe('');
    expect(await panel.getByText('Saved with an override; the reason was logged.').count()).toBe(0);
    expect((await storedDraft('306', 'fus'))?.retiredAt).toBeUndefined();
  });

  it('“Save and return to caseload” retires the draft on the caseload load (?saved=1&eid=…)', async () => {
    const frame = await openInShell('/legacy/encounter.php?eid=304');
    const panel = await readyPanel('304');
    await writeDraft(panel, '304');
    await frame.click('#save-return');
    await panel.waitForSelector('.cg-held');
    await override(panel);
    await frame.waitForURL((url) => url.pathname === '/legacy/caseload.php' && url.search.includes('saved=1'));
    await frame.locator('#saved-banner').waitFor({ state: 'visible' });
    await expect.poll(async () => (await storedDraft('304', 'fus'))?.retiredAt, { timeout: 10_000 }).toEqual(expect.any(Number));
    expect((await saves())[0]).toMatchObject({ eid: '304', status: 303, body: { next: 'caseload' } });
    expect(await hasPanel(page)).toBe(false);
  });
});
