// Issue 14 part 4 on Meadowbank Care (/spa), a React portal that saves by
// fetch: each way its session saves, one test each. Held (the panel explains,
// the portal's server received nothing): a click on Save, Enter and Space on
// the focused Save, implicit submission (Enter in a text input), the portal's
// Ctrl+S, requestSubmit() from page script. Not holdable, so detected and
// reported as saved unchecked with the open rules: the debounced autosave (a
// fetch the adapter names in `autosave.requests`) and "Keep as draft" (a
// navigator.sendBeacon). A complete record's click save is in
// widgets-spa.test.ts (the PUT carries exactly what Apply wrote).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { launchWithExtension, startPortal, type ExtensionBrowser, type PortalServer } from './harness';
import { panelCanHold, panelFrame } from './panel-helpers';

interface SpaSave {
  kind: 'session' | 'handover';
  id: string;
  draft: boolean;
  body: Record<string, unknown>;
  contentType: string;
  status: number;
}

let portal: PortalServer;
let browser: ExtensionBrowser;
let page: Page;

const SESSION = '1002';
const saves = async (): Promise<SpaSave[]> => (await fetch(`${portal.url}/spa/api/saves`)).json() as Promise<SpaSave[]>;

/** The session, its editor started, and the panel showing it and able to show a hold. */
async function openSession(id = SESSION): Promise<Frame> {
  await page.goto(`${portal.url}/spa/session/${id}`);
  await page.waitForSelector('#note-editor .ck-editor__editable');
  const panel = await panelFrame(page);
  await panel.waitForSelector('.cg-record');
  await panelCanHold(panel);
  return panel;
}

/** The panel shows the held Save with its rules; the server received nothing at all; the portal never said "Saved". */
async function expectHeld(panel: Frame) {
  await panel.waitForSelector('.cg-held');
  expect(await panel.locator('.cg-held [data-rule]').count()).toBeGreaterThan(0);
  expect(await saves()).toEqual([]);
  expect(await page.locator('#save-status').count()).toBe(0);
}

/** Chartguard's wraps of the page's fetch and sendBeacon are on (the page-world bridge started with the adapter's autosave addresses). */
const requestsWatched = () =>
  page.evaluate(() =>
    [window.fetch, navigator.sendBeacon].every((wrapped) => !/\[native code\]/.test(Function.prototype.toString.call(wrapped))),
  );

/** The rule ids a held Save lists, for comparison with those a "saved unchecked" notice names. */
async function openRules(panel: Frame): Promise<string[]> {
  await page.evaluate(() => (document.getElementById('session-form') as HTMLFormElement).requestSubmit());
  await panel.waitForSelector('.cg-held');
  const rules = await panel
    .locator('.cg-held [data-rule]')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-rule') ?? ''));
  return [...new Set(rules)].sort();
}

const uncheckedNotice = (panel: Frame) => panel.locator('.cg-warning-box[role="status"]', { hasText: 'unchecked' });

beforeAll(async () => {
  portal = await startPortal();
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

beforeEach(async () => {
  // Closed first: a page leaving with unsaved changes sends its draft by beacon (pagehide), before the reset.
  await page?.close({ runBeforeUnload: false });
  await fetch(`${portal.url}/spa/api/reset`, { method: 'POST' });
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
});

describe('Meadowbank session: every save that raises an event is held', () => {
  it('a click on Save; the override lets the portal’s fetch go, and the panel says saved only once the portal shows it', async () => {
    const panel = await openSession();
    await page.click('#save');
    await expectHeld(panel);
    await panel.fill('.cg-held textarea', 'Client asked to end the call; completing the note later.');
    await panel.click('.cg-held button.cg-danger');
    await page.waitForSelector('#save-status[data-state="saved"]');
    await panel.locator('p.cg-info[role="status"]', { hasText: 'override' }).waitFor();
    const received = await saves();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ kind: 'session', id: SESSION, draft: false, status: 200 });
  });

  it('Enter on the focused Save button', async () => {
    const panel = await openSession();
    await page.focus('#save');
    await page.keyboard.press('Enter');
    await expectHeld(panel);
  });

  it('Space on the focused Save button', async () => {
    const panel = await openSession();
    await page.focus('#save');
    await page.keyboard.press('Space');
    await expectHeld(panel);
  });

  it('Enter in a text input (implicit submission)', async () => {
    const panel = await openSession();
    await page.focus('#contact-method');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await expectHeld(panel);
  });

  it('the portal’s own Ctrl+S (declared in the adapter) on the page', async () => {
    const panel = await openSession();
    await page.click('#record-title');
    await page.keyboard.press('Control+S');
    await expectHeld(panel);
  });

  it('Ctrl+S pressed while typing in CKEditor', async () => {
    const panel = await openSession();
    await page.click('#note-editor .ck-editor__editable');
    await page.keyboard.press('Control+S');
    await expectHeld(panel);
  });

  it('requestSubmit() from page script', async () => {
    const panel = await openSession();
    await page.evaluate(() => (document.getElementById('session-form') as HTMLFormElement).requestSubmit());
    await expectHeld(panel);
  });
});

describe('Meadowbank session: saves nothing can hold are reported as saved unchecked', () => {
  it('the autosave (a fetch to …/draft): nothing is said while the portal has not answered; once it has, the panel says saved unchecked and names the open rules', async () => {
    const panel = await openSession();
    await expect.poll(requestsWatched).toBe(true);
    const rules = await openRules(panel);
    expect(rules.length).toBeGreaterThan(0);

    // The portal's server answers the autosave only when the test lets it.
    let answer!: () => void;
    const mayAnswer = new Promise<void>((resolve) => (answer = resolve));
    let sent!: () => void;
    const draftSent = new Promise<void>((resolve) => (sent = resolve));
    await page.route(`**/spa/api/sessions/${SESSION}/draft`, async (route) => {
      sent();
      await mayAnswer;
      await route.continue();
    });
    // A change in the portal itself: its autosave sends the record 800 ms later.
    await page.click('#risk-reviewed');
    await draftSent;
    expect(await uncheckedNotice(panel).count()).toBe(0);
    answer();

    await page.waitForSelector('#save-status[data-state="draft"]');
    await uncheckedNotice(panel).waitFor();
    const notice = (await uncheckedNotice(panel).textContent()) ?? '';
    expect(notice).toContain('saved unchecked');
    expect(notice).toContain('autosave');
    const named = /Rules not met: ([^.]+)\./.exec(notice)?.[1]?.split(', ').sort();
    expect(named).toEqual(rules);
    // What the portal's server got: one draft, and no record save.
    const received = await saves();
    expect(received).toEqual([expect.objectContaining({ id: SESSION, draft: true, status: 200 })]);
    expect(received[0]!.body.riskReviewed).toBe(true);
  });

  it('“Keep as draft” (navigator.sendBeacon): the panel says sent unchecked, never saved, and names the open rules', async () => {
    const panel = await openSession();
    await expect.poll(requestsWatched).toBe(true);
    const rules = await openRules(panel);
    await page.click('#keep-draft');
    await page.waitForSelector('#save-status[data-state="draft-sent"]');
    await uncheckedNotice(panel).waitFor();
    const notice = (await uncheckedNotice(panel).textContent()) ?? '';
    expect(notice).toContain('beacon');
    expect(notice).toContain('sent unchecked');
    expect(notice).not.toMatch(/saved unchecked/);
    expect(/Rules not met: ([^.]+)\./.exec(notice)?.[1]?.split(', ').sort()).toEqual(rules);
    // The beacon reached the portal's server as a draft (a POST of text).
    await expect.poll(saves).toEqual([expect.objectContaining({ id: SESSION, draft: true, contentType: 'text/plain', status: 200 })]);
  });
});
