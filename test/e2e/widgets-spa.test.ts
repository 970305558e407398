// Issue 14 parts 2, 3 and 7 on Meadowbank Care (/spa), a React portal: MUI
// Select and Autocomplete (ARIA comboboxes, driven as a user would: open,
// type, choose), MUI X's DateTimePicker in DD/MM/YYYY HH:mm, CKEditor 5,
// Quill, a MUI radio group and checkboxes. For each: the panel reads the
// portal's value; Apply makes the widget itself show the value; the server
// receives exactly it when the portal saves by fetch.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { launchWithExtension, startPortal, type ExtensionBrowser, type PortalServer } from './harness';
import { localDateTime, panelFrame } from './panel-helpers';

let portal: PortalServer;
let browser: ExtensionBrowser;
let page: Page;

interface SpaSave {
  kind: 'session' | 'handover';
  id: string;
  draft: boolean;
  body: Record<string, unknown>;
  status: number;
}

async function savesOf(id: string): Promise<SpaSave[]> {
  const all = (await (await fetch(`${portal.url}/spa/api/saves`)).json()) as SpaSave[];
  return all.filter((save) => save.id === id && !save.draft);
}

/** Sets a record as the portal itself would store it, through the portal's own save API. */
async function store(kind: 'sessions' | 'handovers', id: string, body: Record<string, unknown>) {
  const res = await fetch(`${portal.url}/spa/api/${kind}/${id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
}

async function openSession(id: string): Promise<Frame> {
  await page.goto(`${portal.url}/spa/session/${id}`);
  await page.waitForSelector('#note-editor .ck-editor__editable');
  return panelFrame(page);
}

async function openHandover(id: string): Promise<Frame> {
  await page.goto(`${portal.url}/spa/handover/${id}`);
  await page.waitForSelector('#handover-note .ql-editor');
  return panelFrame(page);
}

/** What MUI X's date field shows: its sections' text. */
const dateFieldText = () =>
  page.evaluate(() =>
    (document.querySelector('#next-session')?.parentElement?.querySelector('.MuiPickersSectionList-root')?.textContent ?? '').replace(
      /[\u2066-\u2069\u200e\u200f]/g,
      '',
    ),
  );

beforeAll(async () => {
  portal = await startPortal();
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

beforeEach(async () => {
  await fetch(`${portal.url}/spa/api/reset`, { method: 'POST' });
  await page?.close();
  page = await browser.context.newPage();
});

describe('Meadowbank session: MUI Select, Autocomplete, DateTimePicker, radios, CKEditor 5', () => {
  it('reads what each widget holds into the panel', async () => {
    await store('sessions', '1004', {
      attendance: 'CANC-CLIN',
      contactMethod: 'Mobile phone',
      sessionType: 'FU',
      riskReviewed: true,
      nextSession: '25/11/2026 09:30',
      note: '',
    });
    const panel = await openSession('1004');
    await expect.poll(() => panel.locator('.cg-choose select').inputValue()).toBe('snc');
    // MUI Select: its code through the value map.
    await expect(panel.inputValue('#cg-field-attendance')).resolves.toBe('cancelled-by-provider');
    // MUI Autocomplete: its label, one of two labels for phone.
    await expect(panel.inputValue('#cg-field-contactMethod')).resolves.toBe('phone');
    // MUI X DateTimePicker in the portal's DD/MM/YYYY HH:mm (asked once a rebooking is recorded).
    await panel.check('input[name="rebookOutcome"][value="rebooked"]');
    await expect(panel.locator('#cg-field-nextSessionInPortal').textContent()).resolves.toContain('2026-11-25 09:30');
    await expect(panel.locator('.cg-warning-box').count()).resolves.toBe(0);
  });

  it('reads the radio group: a first session is an initial assessment, a follow-up a follow-up', async () => {
    await store('sessions', '1007', {
      attendance: 'ATT',
      contactMethod: '',
      sessionType: 'FIRST',
      riskReviewed: false,
      nextSession: '',
      note: '',
    });
    const first = await openSession('1007');
    await expect.poll(() => first.locator('.cg-choose select').inputValue()).toBe('ia');
    await page.click('input[name="sessionType"][value="FU"]');
    await expect.poll(() => first.locator('.cg-choose select').inputValue()).toBe('fus');
  });

  it('Apply drives MUI Select and Autocomplete as a user, writes the date picker and CKEditor; each shows it, and the PUT carries exactly it', async () => {
    const panel = await openSession('1001');
    await panel.selectOption('.cg-choose select', 'snc');
    await panel.selectOption('#cg-field-attendance', 'cancelled-by-provider');
    const informedAt = localDateTime(-30);
    await panel.fill('#cg-field-informedAt', informedAt);
    await panel.selectOption('#cg-field-contactMethod', 'phone');
    await panel.selectOption('#cg-field-preferredMethod', 'phone');
    await panel.check('input[name="rebookOutcome"][value="rebooked"]');
    await panel.fill('#cg-field-rebookedAt', '2026-12-03T14:00');
    await panel.fill('#cg-field-agreed', 'Sam agreed to meet on 3 December at 14:00.');
    for (const name of ['riskConcern', 'clientUnhappy', 'absenceSignificant', 'absenceLonger'])
      await panel.check(`input[name="${name}"][value="false"]`);
    await panel.click('button.cg-primary');

    await expect.poll(() => page.locator('#attendance').textContent()).toBe('Cancelled by clinician');
    await expect.poll(() => page.inputValue('#contact-method')).toBe('Telephone');
    await expect.poll(dateFieldText).toBe('03/12/2026 14:00');
    const editable = () => page.locator('#note-editor .ck-editor__editable').innerText();
    await expect.poll(editable).toContain('[Chartguard snc/1]');
    expect(await editable()).toContain('What was agreed with the client: Sam agreed to meet on 3 December at 14:00.');
    await expect.poll(() => panel.locator('.cg-issues .cg-ok').count()).toBe(1);

    await page.click('#save');
    await page.waitForSelector('#save-status[data-state="saved"]');
    const [save] = await savesOf('1001');
    expect(save!.status).toBe(200);
    expect(save!.body.attendance).toBe('CANC-CLIN');
    expect(save!.body.contactMethod).toBe('Telephone');
    expect(save!.body.nextSession).toBe('03/12/2026 14:00');
    expect(save!.body.note).toMatch(/^<p>[^<]*\[Chartguard snc\/1\]<\/p>/);
    expect(save!.body.note).toContain('<p>What was agreed with the client: Sam agreed to meet on 3 December at 14:00.</p>');

    // Chartguard saw the portal confirm the save (its readiness signal for the draft being retired).
    await panel.locator('.cg-info[role="status"]', { hasText: 'saved.' }).waitFor();
    // The saved note, HTML in CKEditor, reads back as the structured note it is.
    await page.reload();
    await page.waitForSelector('#note-editor .ck-editor__editable');
    const again = await panelFrame(page);
    // The panel shows the saved entry, parsed from the editor's text: its checklist and each answer.
    await expect.poll(() => again.locator('.cg-panel').textContent()).toContain('This record already holds a Chartguard note');
    const shown = await again.locator('.cg-panel').textContent();
    expect(shown).toContain('Short-notice cancellation by the therapist');
    expect(shown).toContain('What was agreed with the clientSam agreed to meet on 3 December at 14:00.');
    expect(shown).toContain('Next session added in the portal2026-12-03 14:00');
  });

  it('an empty combobox is unanswered, not missing; a field the page truly lacks is named alone (part 7)', async () => {
    const panel = await openSession('1002');
    await panel.selectOption('.cg-choose select', 'snc');
    await expect(panel.inputValue('#cg-field-contactMethod')).resolves.toBe('');
    await expect(panel.locator('.cg-warning-box').count()).resolves.toBe(0);
    // A page that truly lacks a field says so, naming only that one.
    await page.evaluate(() => document.querySelector('#contact-method')?.closest('.MuiAutocomplete-root')?.remove());
    await page.click('#attendance');
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.locator('.cg-warning-box').textContent()).toContain('Contact method');
    expect(await panel.locator('.cg-warning-box').textContent()).not.toMatch(/Attendance|Next session|Clinical note/);
  });
});

describe('Meadowbank handover: MUI Checkbox and Quill', () => {
  it('reads the checkbox, and Apply ticks it and writes Quill; both show it, and the PUT carries exactly it', async () => {
    await store('handovers', '5002', { status: 'OPEN', urgent: true, note: '' });
    const read = await openHandover('5002');
    await expect.poll(() => read.locator('.cg-choose select').inputValue()).toBe('cx');
    await expect(read.isChecked('input[name="urgentRisks"][value="identified"]')).resolves.toBe(true);

    const panel = await openHandover('5001');
    await expect.poll(() => panel.locator('.cg-choose select').inputValue()).toBe('cx');
    await expect(panel.isChecked('input[name="urgentRisks"][value="none"]')).resolves.toBe(true);
    await panel.check('input[name="visitType"][value="first"]');
    await panel.selectOption('#cg-field-goal', 'safer-use');
    await panel.locator('input[name="motivation"]').first().check();
    await panel.check('input[name="returning"][value="when-ready"]');
    await panel.check('input[name="urgentRisks"][value="identified"]');
    for (const no of await panel.locator('input[type="radio"][value="false"]').all()) {
      const name = await no.getAttribute('name');
      if (!(await panel.locator(`input[name="${name}"]:checked`).count())) await no.check();
    }
    for (const text of await panel.locator('textarea[id^="cg-field-"], input[type="text"][id^="cg-field-"]').all())
      if ((await text.inputValue()) === '') await text.fill('Recorded in the consultation.');
    await panel.click('button.cg-primary');

    await expect.poll(() => page.isChecked('#urgent')).toBe(true);
    const editor = () => page.locator('#handover-note .ql-editor').innerText();
    await expect.poll(editor).toContain('[Chartguard cx/1]');
    await expect.poll(() => panel.locator('.cg-issues').textContent()).not.toMatch(/CX-0[0-8]/);

    await page.click('#save');
    await page.waitForSelector('#save-status[data-state="saved"]');
    const [save] = await savesOf('5001');
    expect(save!.status).toBe(200);
    expect(save!.body.urgent).toBe(true);
    // Quill writes spaces as &nbsp; (its getSemanticHTML); the text is exactly what Apply wrote.
    expect(String(save!.body.note).replaceAll('&nbsp;', ' ')).toMatch(/^<p>[^<]*\[Chartguard cx\/1\]<\/p>/);
  });
});
