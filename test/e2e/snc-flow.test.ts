// The short-notice cancellation flow end to end: the built extension in a
// real Chromium against the MPB demo portal, checking what the portal's
// server actually received.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { portalSaves, type PortalServer } from './harness';
import { afterRender, expectNoPanel, localDateTime, panelCanHold, panelFrame } from './panel-helpers';
import { setUpPortalSession } from './portal-session';

const CANCELLED_LABEL = 'Appointment Cancelled by Therapist/VHG';
// Jordan Blake prefers phone calls; s-2003 is an unrecorded session.
const SESSION = 's-2003';

let portal: PortalServer;
let page: Page;
setUpPortalSession(['mpb'], (session) => {
  ({ portal, page } = session);
});

interface Save {
  sessionId: string;
  body: { attendance: string; clinicalNote: string; nextSession: string };
}

async function savesFor(sessionId: string): Promise<Save[]> {
  return ((await portalSaves(portal)) as Save[]).filter((save) => save.sessionId === sessionId);
}

/** A session page and its panel, once the panel can hold a Save the record does not allow. */
async function openSession(id = SESSION) {
  await page.goto(`${portal.url}/mpb/sessions/${id}`);
  const frame = await panelFrame(page);
  await panelCanHold(frame);
  return frame;
}

/** The audit log as the extension reads it (override reasons are encrypted at rest), asked from the panel page. */
async function auditEvents(): Promise<{ type: string; reason?: string; ruleIds?: string[]; record: string }[]> {
  const panel = await panelFrame(page);
  const reply = await panel.evaluate(() =>
    (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
      type: 'audit.list',
    }),
  );
  return (reply as { value?: { type: string; reason?: string; ruleIds?: string[]; record: string }[] }).value ?? [];
}

describe('short-notice cancellation in the MPB demo portal', () => {
  it('docks the panel on a session page without covering the portal, and nowhere else', async () => {
    const frame = await openSession();
    await expect(frame.locator('h1').textContent()).resolves.toBe('Chartguard');
    // The portal's fields stay fully visible beside the panel.
    const panelLeft = await page.evaluate(() => window.innerWidth - 380);
    for (const selector of ['#attendance', '#clinical-note', '#next-session', '#save-session']) {
      const box = await page.locator(selector).boundingBox();
      expect(box, selector).not.toBeNull();
      expect(box!.x + box!.width, `${selector} is covered by the panel`).toBeLessThanOrEqual(panelLeft);
    }
    // The closed shadow root hides the panel from the portal's scripts.
    expect(await page.evaluate(() => document.querySelector('chartguard-panel')?.shadowRoot ?? null)).toBeNull();

    await page.goto(`${portal.url}/elsewhere`);
    await expectNoPanel(page);

    await page.goto(`${portal.url}/mpb/caseload`);
    await expectNoPanel(page);
  });

  it('follows a client-side transition from the client record to a session', async () => {
    await page.goto(`${portal.url}/mpb/clients/c-1001`);
    await expectNoPanel(page);
    await page.click(`a.session-link[href="/mpb/sessions/${SESSION}"]`);
    await page.waitForURL(`**/mpb/sessions/${SESSION}`);
    const frame = await panelFrame(page);
    await expect(frame.locator('.cg-record').textContent()).resolves.toContain(SESSION);
  });

  it('holds an incomplete record’s Save: nothing reaches the portal server', async () => {
    const frame = await openSession();
    await page.selectOption('#attendance', { label: CANCELLED_LABEL });
    await page.click('#save-session');
    await frame.waitForSelector('.cg-held');
    const held = await frame.locator('.cg-held').textContent();
    expect(held).toContain('SNC-02');
    expect(held).toContain('SNC-06');
    // The portal's own keyboard submit is held too.
    await page.focus('#clinical-note');
    // Held in the same dispatch as the click: once the panel shows this second hold, no save can be on its way.
    await afterRender(frame, 'held', () => page.click('#save-close'));
    expect(await savesFor(SESSION)).toEqual([]);
    expect(await page.locator('#flash').textContent()).not.toContain('saved');
  });

  it('writes a complete record into the portal and lets it save', async () => {
    const frame = await openSession();
    await page.selectOption('#attendance', { label: CANCELLED_LABEL });
    // The attendance suggests the SNC checklist; the client's preference comes from the record.
    await frame.waitForSelector('#cg-field-informedAt');
    await expect(frame.locator('.cg-choose select').inputValue()).resolves.toBe('snc');
    const informedAt = localDateTime(-30);
    const rebookedAt = '2026-12-03T14:00';
    await frame.fill('#cg-field-informedAt', informedAt);
    await frame.selectOption('#cg-field-contactMethod', 'phone');
    await expect(frame.locator('output#cg-field-preferredMethod').textContent()).resolves.toContain('Phone call');
    await frame.check('input[name="rebookOutcome"][value="rebooked"]');
    await frame.fill('#cg-field-rebookedAt', rebookedAt);
    await frame.fill('#cg-field-agreed', 'Jordan agreed to meet on 3 December at 14:00.\nWill text if anything changes.');
    await frame.check('input[name="riskConcern"][value="false"]');
    await frame.check('input[name="clientUnhappy"][value="false"]');
    await frame.check('input[name="absenceSignificant"][value="false"]');
    await frame.check('input[name="absenceLonger"][value="false"]');
    // Only SNC-07 is left: the next session is not in the portal until Apply.
    await expect(frame.locator('.cg-issues li').allTextContents()).resolves.toEqual([expect.stringContaining('SNC-07')]);

    await frame.click('button.cg-primary');
    await expect.poll(() => page.inputValue('#next-session')).toBe(rebookedAt);
    await expect.poll(() => frame.locator('.cg-issues .cg-ok').count()).toBe(1);
    await page.click('#save-session');
    await expect.poll(() => savesFor(SESSION).then((saves) => saves.length)).toBe(1);

    const [save] = await savesFor(SESSION);
    expect(save!.body.attendance).toBe(CANCELLED_LABEL);
    expect(save!.body.nextSession).toBe(rebookedAt);
    const note = save!.body.clinicalNote;
    expect(note).toContain('[Chartguard snc/1]');
    expect(note).toContain(`Client informed at: ${informedAt.replace('T', ' ')}`);
    expect(note).toContain('How the client was informed: Phone call');
    expect(note).toContain('Jordan agreed to meet on 3 December at 14:00.');
    expect(note).toContain(`New session: ${rebookedAt.replace('T', ' ')}`);
    // The portal created the next session from the written field.
    const client = await (await fetch(`${portal.url}/mpb/api/sessions/${SESSION}`)).json();
    expect(client.attendance).toBe(CANCELLED_LABEL);
    expect((await auditEvents()).some((event) => event.type === 'apply' && event.record === SESSION)).toBe(true);
  });

  it('advises against voicemail when the client prefers phone (SNC-04, advisory since v2), holds the missing reason (SNC-03), and an override saves and is logged', async () => {
    const frame = await openSession();
    await page.selectOption('#attendance', { label: CANCELLED_LABEL });
    await frame.waitForSelector('#cg-field-informedAt');
    await frame.fill('#cg-field-informedAt', localDateTime(-10));
    await frame.selectOption('#cg-field-contactMethod', 'voicemail');
    await frame.check('input[name="supportRoute"][value="not-technical"]');
    await frame.check('input[name="rebookOutcome"][value="client-declined"]');
    await frame.fill('#cg-field-agreed', 'Left a voicemail offering new times.');
    await frame.check('input[name="riskConcern"][value="false"]');
    await expect.poll(() => frame.locator('.cg-issues [data-rule="SNC-04"]').count()).toBe(1);
    await frame.click('button.cg-primary');
    await expect.poll(() => page.inputValue('#clinical-note')).toContain('Voicemail');

    await afterRender(frame, 'held', () => page.click('#save-session'));
    await frame.waitForSelector('.cg-held [data-rule="SNC-03"]');
    // A recommendation never holds Save (catalogue v2).
    expect(await frame.locator('.cg-held [data-rule="SNC-04"]').count()).toBe(0);
    expect(await savesFor(SESSION)).toEqual([]);

    const reason = 'Client asked by text to be told by voicemail today.';
    await frame.fill('.cg-held textarea', reason);
    await frame.click('.cg-held button.cg-danger');
    await expect.poll(() => savesFor(SESSION).then((saves) => saves.length)).toBe(1);
    const [save] = await savesFor(SESSION);
    expect(save!.body.clinicalNote).toContain('How the client was informed: Voicemail');

    const override = (await auditEvents()).find((event) => event.type === 'override');
    expect(override).toMatchObject({ record: SESSION, reason });
    expect(override!.ruleIds).toContain('SNC-03');
    expect(override!.ruleIds).not.toContain('SNC-04');
    // The log keeps no note text.
    expect(JSON.stringify(await auditEvents())).not.toContain('voicemail offering');
  });
});
