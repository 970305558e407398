// Meadowbank Care (/spa) in real Chromium, without the extension: proves each
// widget is the real library and works as a user drives it (mouse and
// keyboard through the widget's own UI), that the client-side routes carry the
// record id, that the virtualised lists render only part of their rows, and
// that what was entered reaches the portal's server through each save path:
// the Save button, Ctrl+S, and the debounced draft autosave.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithoutExtension, startPortal, type PlainBrowser, type PortalServer } from './harness';

interface SaveEntry {
  kind: string;
  id: string;
  draft: boolean;
  body: Record<string, unknown>;
  status: number;
}

describe('Meadowbank Care (/spa) with its real widget libraries', () => {
  let portal: PortalServer;
  let browser: PlainBrowser;
  let page: Page;
  const saves = async (): Promise<SaveEntry[]> => (await fetch(`${portal.url}/spa/api/saves`)).json();

  beforeAll(async () => {
    portal = await startPortal();
    browser = await launchWithoutExtension();
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });
  beforeEach(async () => {
    await fetch(`${portal.url}/spa/api/reset`, { method: 'POST' });
    await page?.close();
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 1000 });
  });

  it('the caseload grids are virtualised: AG Grid and TanStack Virtual render a few of 400 rows, and AG Grid sorts', async () => {
    await page.goto(`${portal.url}/spa/caseload`);
    await page.locator('#sessions-grid .ag-row').first().waitFor();
    await page.locator('.handover-row').first().waitFor();
    expect(await page.locator('#sessions-total').textContent()).toBe('400');
    const gridRows = await page.locator('#sessions-grid .ag-row .session-link').count();
    expect(gridRows).toBeGreaterThan(0);
    expect(gridRows).toBeLessThan(60);
    const listRows = await page.locator('.handover-row').count();
    expect(listRows).toBeGreaterThan(0);
    expect(listRows).toBeLessThan(40);
    expect(
      await page
        .locator('.handover-row')
        .first()
        .evaluate((el) => getComputedStyle(el).position),
    ).toBe('absolute');
    // Sort by session id descending: two clicks on the header.
    const header = page.locator('#sessions-grid .ag-header-cell[col-id="id"] .ag-header-cell-label');
    await header.click();
    await header.click();
    await expect.poll(() => page.locator('#sessions-grid .ag-row[row-index="0"] [col-id="id"]').first().textContent()).toBe('1399');
    // Scrolling the TanStack list to the end renders the last rows.
    await page.locator('#handover-list').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.locator('.handover-row[data-id="5399"]').waitFor();
  });

  it('a session is reached by its client-side route; each widget works by mouse and keyboard; Save sends what was entered', async () => {
    await page.goto(`${portal.url}/spa/caseload`);
    await page.locator('#sessions-grid .session-link', { hasText: '1001' }).click();
    await page.waitForURL(/\/spa\/session\/1001$/);
    await page.locator('#note-editor .ck-editor__editable').waitFor();
    expect(await page.locator('#session-form').getAttribute('data-record-id')).toBe('1001');

    await page.locator('#attendance').click();
    await page.locator('li[role="option"][data-value="DNA"]').click();
    await page.locator('#contact-method').fill('Tele');
    await page.locator('li[role="option"]', { hasText: 'Telephone' }).click();
    await page.getByLabel('First session').check();
    await page.locator('#risk-reviewed').check();
    await page.locator('#session-form [aria-label="Day"]').click();
    await page.keyboard.type('070120261430');
    expect(await page.locator('#next-session').inputValue()).toBe('07/01/2026 14:30');
    await page.locator('#note-editor .ck-editor__editable').click();
    await page.keyboard.type('Did not attend; phoned.');
    await page.locator('#save').click();
    await page.locator('#save-status[data-state="saved"]', { hasText: 'Saved' }).waitFor();

    const saved = (await saves()).filter((s) => !s.draft);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      kind: 'session',
      id: '1001',
      status: 200,
      body: {
        attendance: 'DNA',
        contactMethod: 'Telephone',
        sessionType: 'FIRST',
        riskReviewed: true,
        nextSession: '07/01/2026 14:30',
        note: '<p>Did not attend; phoned.</p>',
      },
    });
    // The record now holds it: a reload (same route) shows the saved values.
    await page.reload();
    await page.locator('#note-editor .ck-editor__editable', { hasText: 'Did not attend; phoned.' }).waitFor();
    expect(await page.locator('#contact-method').inputValue()).toBe('Telephone');
  });

  it('Ctrl+S saves a handover written in Quill; a change then autosaves a draft that leaves the record alone', async () => {
    await page.goto(`${portal.url}/spa/handover/5003`);
    await page.locator('#handover-note .ql-editor').click();
    await page.keyboard.type('Handed to night team.');
    await page.locator('#status').click();
    await page.locator('li[role="option"][data-value="DONE"]').click();
    await page.keyboard.press('Control+s');
    await page.locator('#save-status[data-state="saved"]').waitFor();
    const handoverSaves = (await saves()).filter((s) => !s.draft);
    expect(handoverSaves).toHaveLength(1);
    const saved = handoverSaves[0]!;
    expect(saved).toMatchObject({ kind: 'handover', id: '5003', body: { status: 'DONE', urgent: false } });
    expect(String(saved.body.note).replace(/&nbsp;/g, ' ')).toBe('<p>Handed to night team.</p>');

    await page.locator('#urgent').check();
    await page.locator('#save-status[data-state="draft"]', { hasText: 'Draft saved' }).waitFor();
    const drafts = (await saves()).filter((s) => s.draft);
    expect(drafts.at(-1)).toMatchObject({ kind: 'handover', id: '5003', body: { urgent: true, status: 'DONE' } });
    expect((await (await fetch(`${portal.url}/spa/api/handovers/5003`)).json()).urgent).toBe(false);
  });
});
