// The Firefox build for real (#17 part 6): the built .output/firefox-mv2 installed as a
// temporary add-on in Debian's firefox-esr, driven over WebDriver BiDi, against the MPB
// demo portal. What the user sees and what the portal's server receives, as in the
// Chromium e2e tests, on the four things a Firefox user meets first.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'puppeteer-core';
import { generateCaseload } from '../../demo/mpb/generated.mjs';
import { portalSaves, resetPortal, startPortal, type PortalServer } from '../e2e/harness';
import { localDateTime } from '../e2e/panel-helpers';
import { closedShadowButtons, launchFirefoxWithExtension, panelFrame, type FirefoxWithExtension } from './harness';

const CANCELLED_LABEL = 'Appointment Cancelled by Therapist/VHG';
// Jordan Blake prefers phone calls; s-2003 is an unrecorded session.
const SESSION = 's-2003';
const PANEL_WIDTH = 380;

let portal: PortalServer;
let firefox: FirefoxWithExtension;
let page: Page;

interface Save {
  sessionId: string;
  body: { attendance: string; clinicalNote: string; nextSession: string };
}

const savesFor = async (sessionId: string) => ((await portalSaves(portal)) as Save[]).filter((save) => save.sessionId === sessionId);

beforeAll(async () => {
  portal = await startPortal();
  firefox = await launchFirefoxWithExtension();
});

afterAll(async () => {
  await firefox?.close();
  await portal?.close();
});

beforeEach(async () => {
  await resetPortal(portal);
  await page?.close();
  page = await firefox.browser.newPage();
  await setViewport(page, { width: 1280, height: 800 });
});

/**
 * Puppeteer sends the screen orientation with the viewport; Debian's Firefox ESR 140 does not know that BiDi
 * command (153 does). The viewport itself is a separate command and is set either way.
 */
/**
 * Waits for a state of the panel. The panel is an extension page whose CSP forbids the Function() that Puppeteer's
 * waitForFunction polls with (Firefox ESR 140 enforces it there), so its state is read through evaluate until true.
 */
async function untilInPanel<Args extends unknown[]>(frame: Frame, predicate: (...args: Args) => boolean, ...args: Args) {
  await expect.poll(() => frame.evaluate(predicate as (...values: unknown[]) => boolean, ...args), { timeout: 10_000 }).toBe(true);
}

async function setViewport(target: Page, size: { width: number; height: number }) {
  try {
    await target.setViewport(size);
  } catch (error) {
    if (!(error instanceof Error && error.message.includes('unknown command emulation.setScreenOrientationOverride'))) throw error;
  }
}

async function openSession(): Promise<Frame> {
  await page.goto(`${portal.url}/mpb/sessions/${SESSION}`);
  const frame = await panelFrame(page);
  await untilInPanel(frame, (id) => Boolean(document.querySelector('.cg-record')?.textContent?.includes(id)), SESSION);
  return frame;
}

/** Picks an option of the portal's attendance select by its visible label, as a user does. */
async function chooseAttendance(label: string) {
  const value = await page.$eval(
    '#attendance',
    (select, wanted) => [...(select as HTMLSelectElement).options].find((option) => option.textContent === wanted)?.value,
    label,
  );
  expect(value, `the portal offers “${label}”`).toBeDefined();
  await page.select('#attendance', value!);
}

/** Real key presses into a panel field, focused first (Frame.type asks for the frame's element, which ESR 140's BiDi cannot locate). */
async function typeInPanel(frame: Frame, selector: string, text: string) {
  const field = await frame.$(selector);
  expect(field, selector).not.toBeNull();
  await field!.type(text);
}

/** A real pointer click on a panel control, brought into view first (the panel's sticky footer would take it otherwise). */
async function clickInPanel(frame: Frame, selector: string) {
  const inFrame = await frame.$eval(selector, (element) => {
    element.scrollIntoView({ block: 'center' });
    const { x, y, width, height } = element.getBoundingClientRect();
    return { x: x + width / 2, y: y + height / 2 };
  });
  // The panel's iframe fills its host, docked at the page's right edge; ESR 140's BiDi cannot locate a frame's
  // element for Frame.click, so the pointer is aimed from the host's box.
  const host = await page.evaluate(() => {
    const box = document.querySelector('chartguard-panel')?.getBoundingClientRect();
    return box ? { x: box.x, y: box.y } : null;
  });
  expect(host, 'the docked panel').not.toBeNull();
  await page.mouse.click(host!.x + inFrame.x, host!.y + inFrame.y);
}

/**
 * Date-time inputs take no typed text portably across locales; this sets the value the way the browser's
 * own picker does (the native setter, then input and change), which React's controlled input hears.
 */
async function setDateTime(frame: Frame, selector: string, value: string) {
  await frame.$eval(
    selector,
    (element, next) => {
      const input = element as HTMLInputElement;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, next);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    value,
  );
  await untilInPanel(frame, (sel, next) => (document.querySelector(sel) as HTMLInputElement | null)?.value === next, selector, value);
}

const issueTexts = (frame: Frame) => frame.$$eval('.cg-issues li', (items) => items.map((item) => item.textContent ?? ''));

describe('Chartguard in Firefox (firefox-esr, temporary add-on, WebDriver BiDi)', () => {
  it('docks the panel on an MPB session page, beside the portal’s fields, in a closed shadow root', async () => {
    const frame = await openSession();
    expect(await frame.$eval('h1', (h1) => h1.textContent)).toBe('Chartguard');
    // The panel is the extension's own page, at its per-install moz-extension origin.
    const panelUrl = new URL(await frame.evaluate(() => location.href));
    expect(panelUrl.protocol).toBe('moz-extension:');
    expect(panelUrl.pathname).toBe('/panel.html');
    // It read the record through the content script (the relayed port), so the portal's preference shows.
    await frame.waitForSelector('.cg-record');
    const panelLeft = await page.evaluate((width) => window.innerWidth - width, PANEL_WIDTH);
    for (const selector of ['#attendance', '#clinical-note', '#next-session', '#save-session']) {
      const box = await (await page.$(selector))!.boundingBox();
      expect(box, selector).not.toBeNull();
      expect(box!.x + box!.width, `${selector} is covered by the panel`).toBeLessThanOrEqual(panelLeft);
    }
    expect(await page.evaluate(() => document.querySelector('chartguard-panel')?.shadowRoot ?? null)).toBeNull();
  });

  it('holds an incomplete record’s Save: the portal’s handler never runs and its server receives nothing', async () => {
    const frame = await openSession();
    await chooseAttendance(CANCELLED_LABEL);
    await page.click('#save-session');
    await frame.waitForSelector('.cg-held');
    const held = await frame.$eval('.cg-held', (element) => element.textContent ?? '');
    expect(held).toContain('SNC-02');
    expect(held).toContain('SNC-06');
    // The portal disables its buttons and posts the moment its click handler runs: neither happened.
    expect(await page.$eval('#save-session', (button) => (button as HTMLButtonElement).disabled)).toBe(false);
    expect(await page.$eval('#flash', (flash) => flash.textContent)).toBe('');
    expect(await savesFor(SESSION)).toEqual([]);
  });

  it('Apply writes the record into the portal’s own fields, and the complete record then saves', async () => {
    const frame = await openSession();
    await chooseAttendance(CANCELLED_LABEL);
    // The attendance suggests the SNC checklist.
    await frame.waitForSelector('#cg-field-informedAt');
    expect(await frame.$eval('.cg-choose select', (select) => (select as HTMLSelectElement).value)).toBe('snc');
    const informedAt = localDateTime(-30);
    const rebookedAt = '2026-12-03T14:00';
    await setDateTime(frame, '#cg-field-informedAt', informedAt);
    await frame.select('#cg-field-contactMethod', 'phone');
    await clickInPanel(frame, 'input[name="rebookOutcome"][value="rebooked"]');
    await frame.waitForSelector('#cg-field-rebookedAt');
    await setDateTime(frame, '#cg-field-rebookedAt', rebookedAt);
    await typeInPanel(frame, '#cg-field-agreed', 'Jordan agreed to meet on 3 December at 14:00.');
    for (const name of ['riskConcern', 'clientUnhappy', 'absenceSignificant', 'absenceLonger'])
      await clickInPanel(frame, `input[name="${name}"][value="false"]`);
    // First use in this profile: the entry author is typed once (G-01).
    await typeInPanel(frame, '#cg-author', 'Alex Tester');
    // Only SNC-07 is left: the next session is not in the portal until Apply.
    await untilInPanel(frame, () => {
      const items = [...document.querySelectorAll('.cg-issues li')];
      return items.length === 1 && items[0]!.textContent!.includes('SNC-07');
    });

    await clickInPanel(frame, 'button.cg-primary');
    await page.waitForFunction((value) => (document.querySelector('#next-session') as HTMLInputElement).value === value, {}, rebookedAt);
    const note = await page.$eval('#clinical-note', (textarea) => (textarea as HTMLTextAreaElement).value);
    expect(note).toContain('[Chartguard snc/1]');
    expect(note).toContain(`Client informed at: ${informedAt.replace('T', ' ')}`);
    expect(note).toContain('How the client was informed: Phone call');
    // With the next session in the portal, nothing is left to fix.
    await frame.waitForSelector('.cg-issues .cg-ok');
    expect(await issueTexts(frame)).toEqual([]);

    await page.click('#save-session');
    await page.waitForFunction(() => document.querySelector('#flash')?.textContent?.includes('saved'));
    const saves = await savesFor(SESSION);
    expect(saves).toHaveLength(1);
    expect(saves[0]!.body).toMatchObject({ attendance: CANCELLED_LABEL, nextSession: rebookedAt });
    expect(saves[0]!.body.clinicalNote).toContain('Jordan agreed to meet on 3 December at 14:00.');
    // The background's IndexedDB logged the Apply, asked the way the panel asks.
    const reply = (await frame.evaluate(() =>
      (globalThis as unknown as { browser: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).browser.runtime.sendMessage({
        type: 'audit.list',
      }),
    )) as { value?: { type: string; record: string }[] };
    expect(reply.value?.some((event) => event.type === 'apply' && event.record === SESSION)).toBe(true);
  });

  it('shows a badge on every record of a caseload list, each with its verdict', async () => {
    const params = { rows: 12, seed: 21, kinds: 'complete,incomplete,overdue,risk,handwritten,upcoming' };
    const expected = await generateCaseload({ rows: params.rows, seed: params.seed, kinds: params.kinds.split(',') as never });
    await page.goto(
      `${portal.url}/mpb/caseload?${new URLSearchParams(Object.entries(params).map(([key, value]) => [key, String(value)]))}`,
    );
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('tr.caseload-row')];
      return rows.length > 0 && rows.every((row) => row.hasAttribute('data-chartguard-badge'));
    });
    const verdicts = await page.$$eval('tr.caseload-row', (rows) =>
      Object.fromEntries(rows.map((row) => [row.getAttribute('data-session-id'), row.getAttribute('data-chartguard-badge')])),
    );
    expect(verdicts).toEqual(Object.fromEntries(expected.map((row) => [row.session.id, row.expected])));

    // The badges the user sees: buttons in a closed shadow root, read as WebDriver BiDi serialises it.
    const drawn = await closedShadowButtons(firefox, page, 'chartguard-badges');
    expect(drawn.length).toBe(expected.length);
    for (const badge of drawn) {
      const id = /record (\S+)$/.exec(badge.label)?.[1];
      expect(id, badge.label).toBeDefined();
      expect(badge.badge, id).toBe(verdicts[id!]);
    }
    expect(await page.evaluate(() => document.querySelector('chartguard-badges')?.shadowRoot ?? null)).toBeNull();
  });
});
