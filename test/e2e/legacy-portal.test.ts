// Hollybrook EHR (/legacy) in real Chromium, without the extension: proves each
// widget on the portal is the real library from node_modules, and that a value
// chosen through the widget's own UI (as a user would) reaches the portal's
// server exactly, through each of the portal's save paths. The extension's own
// tests on this portal build on these guarantees.

import fs from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { launchWithoutExtension, startPortal, type PlainBrowser, type PortalServer } from './harness';

const version = (pkg: string) =>
  JSON.parse(fs.readFileSync(new URL(`../../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')).version as string;

interface SaveEntry {
  kind: string;
  eid?: string;
  hid?: string;
  body: Record<string, string>;
  status: number;
}

describe('Hollybrook EHR (/legacy) with its real widget libraries', () => {
  let portal: PortalServer;
  let browser: PlainBrowser;
  let page: Page;

  const saves = async (): Promise<SaveEntry[]> => (await fetch(`${portal.url}/legacy/api/saves`)).json();

  /** Opens a work page inside the frame shell, as users reach it, and waits for its widgets. */
  async function openInShell(workPath: string): Promise<Frame> {
    await page.goto(`${portal.url}/legacy/main.php?page=${encodeURIComponent(workPath)}`);
    const frame = page.frame({ name: 'RBody' })!;
    await frame.waitForSelector('html[data-widgets-ready="1"]');
    return frame;
  }

  async function waitForSaved(frame: Frame, urlPart: string) {
    await frame.waitForURL((url) => url.href.includes(urlPart));
    await frame.waitForSelector('html[data-widgets-ready="1"]');
    await frame.locator('#saved-banner').waitFor({ state: 'visible' });
  }

  beforeAll(async () => {
    portal = await startPortal();
    browser = await launchWithoutExtension();
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });
  beforeEach(async () => {
    await fetch(`${portal.url}/legacy/api/reset`, { method: 'POST' });
    await page?.close();
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 1000 });
  });

  it('the working screen is a same-origin iframe of the shell, and each widget is the real library at its installed version', async () => {
    const frame = await openInShell('/legacy/encounter.php?eid=302');
    expect(new URL(frame.url()).pathname + new URL(frame.url()).search).toBe('/legacy/encounter.php?eid=302');
    expect(page.frame({ name: 'Nav' })).not.toBeNull();
    const found = await frame.evaluate(() => {
      const w = window as any;
      const $ = w.jQuery;
      return {
        jquery: $.fn.jquery,
        jqueryUi: $.ui.version,
        tinymce: `${w.tinymce.majorVersion}.${w.tinymce.minorVersion}`,
        tinymceEditor: w.tinymce.get('clinical-note')?.initialized === true && w.tinymce.get('clinical-note').getElement().id,
        select2: $('#attendance').data('select2')?.constructor?.name ?? typeof $('#attendance').data('select2'),
        select2Container: document.querySelector('#attendance')!.classList.contains('select2-hidden-accessible'),
        chosen: typeof $('#contact-method').data('chosen')?.results_show,
        tomSelect: (document.querySelector('#reminder-channel') as any).tomselect instanceof w.TomSelect,
        flatpickr:
          (document.querySelector('#informed-at') as any)._flatpickr instanceof w.flatpickr.prototype.constructor ||
          typeof (document.querySelector('#informed-at') as any)._flatpickr?.setDate,
        flatpickrAltInput:
          (document.querySelector('#informed-at') as any)._flatpickr?.altInput === document.querySelector('#informed-at + input'),
        datepicker:
          document.querySelector('#recontact-by')!.classList.contains('hasDatepicker') && typeof $.datepicker._getInst === 'function',
        scripts: [...document.querySelectorAll('script[src]')].map((s) => s.getAttribute('src')),
      };
    });
    expect(found.jquery).toBe(version('jquery'));
    expect(found.jqueryUi).toBe(version('jquery-ui'));
    expect(found.tinymce).toBe(version('tinymce'));
    expect(found.tinymceEditor).toBe('clinical-note');
    expect(found.select2Container).toBe(true);
    expect(found.select2).not.toBe('undefined');
    expect(found.chosen).toBe('function');
    expect(found.tomSelect).toBe(true);
    expect(found.flatpickr).toBeTruthy();
    expect(found.flatpickrAltInput).toBe(true);
    expect(found.datepicker).toBe(true);
    // Loaded from the installed packages, byte for byte.
    for (const [src, file] of [
      ['/legacy/vendor/select2/js/select2.min.js', 'select2/dist/js/select2.min.js'],
      ['/legacy/vendor/chosen/chosen.jquery.min.js', 'chosen-js/chosen.jquery.min.js'],
      ['/legacy/vendor/tom-select/js/tom-select.complete.min.js', 'tom-select/dist/js/tom-select.complete.min.js'],
      ['/legacy/vendor/flatpickr/flatpickr.min.js', 'flatpickr/dist/flatpickr.min.js'],
    ]) {
      expect(found.scripts).toContain(src);
      const served = await (await fetch(portal.url + src)).text();
      expect(served).toBe(fs.readFileSync(new URL(`../../node_modules/${file}`, import.meta.url), 'utf8'));
    }
  });

  it('values chosen through each widget’s own UI show in the widget and reach the server exactly (Save button)', async () => {
    const frame = await openInShell('/legacy/encounter.php?eid=302');

    // TinyMCE first (other widgets hand focus back to their own inputs when they close): type into the editor's own iframe, with a bold word by its own shortcut.
    await frame.frameLocator('#clinical-note_ifr').locator('body#tinymce').click();
    await page.keyboard.type('Clinician unwell. ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('Phoned');
    await page.keyboard.press('Control+b');
    await page.keyboard.type(' Morgan at 09:05.');
    const noteHtml = '<p>Clinician unwell. <strong>Phoned</strong> Morgan at 09:05.</p>';
    await expect.poll(() => frame.evaluate(() => (window as any).tinymce.get('clinical-note').getContent())).toBe(noteHtml);

    // select2: open, type, choose.
    await frame.click('#attendance + .select2 .select2-selection');
    await frame.fill('.select2-container--open .select2-search__field', 'sick');
    await frame.click('.select2-results__option--highlighted');
    await expect
      .poll(() => frame.getAttribute('#attendance + .select2 .select2-selection__rendered', 'title'))
      .toBe('Cancelled – clinician sick');

    // Chosen: open, choose from its list.
    await frame.click('#contact_method_chosen .chosen-single');
    await frame.click('#contact_method_chosen .chosen-results li:text-is("Telephone")');
    expect(await frame.textContent('#contact_method_chosen .chosen-single span')).toBe('Telephone');

    // flatpickr with altInput: open from the visible proxy, pick month, year, day and time.
    await frame.click('#informed-at + input');
    const calendar = frame.locator('.flatpickr-calendar.open');
    await calendar.locator('.flatpickr-monthDropdown-months').selectOption('10');
    await calendar.locator('input.cur-year').fill('2026');
    await calendar.locator('input.cur-year').press('Enter');
    await calendar.locator('.flatpickr-day[aria-label="November 23, 2026"]').click();
    await calendar.locator('input.flatpickr-hour').fill('9');
    await calendar.locator('input.flatpickr-minute').fill('05');
    await calendar.locator('input.flatpickr-minute').press('Enter');
    await frame.click('h1');
    await expect.poll(() => frame.inputValue('#informed-at + input')).toBe('Mon 23 Nov 2026, 09:05');

    // Radio and checkbox, by their labels.
    await frame.click('label:has(#rebook-rebooked)');
    await frame.click('label:has(#risk-concern)');

    // jQuery UI datepicker: open by focusing the input, pick month, year and day.
    await frame.click('#recontact-by');
    const dp = frame.locator('#ui-datepicker-div');
    await dp.locator('select.ui-datepicker-year').selectOption('2026');
    await dp.locator('select.ui-datepicker-month').selectOption('11');
    await dp.locator('td:not(.ui-datepicker-other-month) a:text-is("7")').click();
    expect(await frame.inputValue('#recontact-by')).toBe('07/12/2026');

    // Tom Select: open, type, choose. The datepicker fades out first, so the
    // typing goes into Tom Select's own search input once its list is open.
    await expect.poll(() => dp.isVisible()).toBe(false);
    await frame.click('#reminder-channel + .ts-wrapper .ts-control');
    await expect.poll(() => frame.locator('#reminder-channel + .ts-wrapper .ts-dropdown').isVisible()).toBe(true);
    await frame.locator('#reminder-channel-ts-control').pressSequentially('text');
    await frame.click('.ts-dropdown .option:text-is("Text message")');
    await expect.poll(() => frame.textContent('#reminder-channel + .ts-wrapper .item')).toBe('Text message');

    await frame.click('#save-encounter');
    await waitForSaved(frame, 'eid=302&saved=1');
    const log = await saves();
    expect(log).toHaveLength(1);
    expect(log[0]!.status).toBe(303);
    expect(log[0]!.body).toEqual({
      attendance: 'CANC-CLIN-SICK',
      contactMethod: 'TEL',
      informedAt: '23/11/2026 09:05',
      rebookOutcome: 'REBOOKED',
      nextSession: '',
      recontactBy: '07/12/2026',
      reminderChannel: 'SMS',
      riskConcern: 'Y',
      clinicalNote: noteHtml,
      next: '',
      action: 'save',
    });
    // The reloaded page shows the saved values through the widgets again.
    expect(await frame.getAttribute('#attendance + .select2 .select2-selection__rendered', 'title')).toBe('Cancelled – clinician sick');
    expect(await frame.inputValue('#informed-at + input')).toBe('Mon 23 Nov 2026, 09:05');
  });

  it('Alt+S inside the TinyMCE iframe saves through form.submit(), with the note just typed', async () => {
    const frame = await openInShell('/legacy/encounter.php?eid=304');
    await frame.frameLocator('#clinical-note_ifr').locator('body#tinymce').click();
    await page.keyboard.type('Typed, then saved by the shortcut.');
    await expect
      .poll(() => frame.evaluate(() => (window as any).tinymce.get('clinical-note').getContent()))
      .toBe('<p>Typed, then saved by the shortcut.</p>');
    await page.keyboard.press('Alt+s');
    await waitForSaved(frame, 'eid=304&saved=1');
    const [entry] = await saves();
    expect(entry!.body.clinicalNote).toBe('<p>Typed, then saved by the shortcut.</p>');
    expect(entry!.body).not.toHaveProperty('action');
  });

  it('Ctrl+Enter on the page saves too', async () => {
    const frame = await openInShell('/legacy/encounter.php?eid=306');
    await frame.click('label:has(#plan-agreed)');
    await frame.press('#recontact-by', 'Escape');
    await frame.locator('body').press('Control+Enter');
    await waitForSaved(frame, 'eid=306&saved=1');
    expect((await saves())[0]!.body.planAgreed).toBe('Y');
  });

  it('the “Save and return” link (role=button) saves and returns to the caseload, which shows the saved row', async () => {
    const frame = await openInShell('/legacy/encounter.php?eid=309');
    await frame.click('#attendance + .select2 .select2-selection');
    await frame.click('.select2-results__option:text-is("Attended late")');
    await frame.click('a#save-return[role="button"]');
    await waitForSaved(frame, 'caseload.php?saved=1&eid=309');
    expect(await frame.textContent('#saved-banner')).toBe('Saved encounter 309');
    expect(await frame.getAttribute('tr[data-eid="309"] td.c-attendance', 'data-code')).toBe('ATT-LATE');
    const [entry] = await saves();
    expect(entry!.body).toMatchObject({ attendance: 'ATT-LATE', next: 'caseload' });
  });

  it('the caseload opens a record in the working frame with its id in the query string', async () => {
    await page.goto(`${portal.url}/legacy/main.php`);
    const frame = page.frame({ name: 'RBody' })!;
    await frame.waitForSelector('table#caseload');
    await page.frame({ name: 'Nav' })!.click('#nav-caseload');
    await frame.click('tr[data-eid="307"] td.c-open a');
    await frame.waitForURL(/encounter\.php\?eid=307$/);
    await frame.waitForSelector('html[data-widgets-ready="1"]');
    expect(await frame.getAttribute('form#encounter-form', 'data-eid')).toBe('307');
    expect(page.url()).toBe(`${portal.url}/legacy/main.php`);
  });

  it('a handover’s contenteditable note, Tom Select goal, radio and jQuery UI date reach the server exactly (Ctrl+Enter in the note)', async () => {
    const frame = await openInShell('/legacy/handover.php?hid=402');
    await frame.click('label:has(#visit-fu)');
    await frame.click('#goal + .ts-wrapper .ts-control');
    await frame.click('.ts-dropdown .option:text-is("Reduce use")');
    await frame.click('label:has(#urgent-risk)');
    await frame.click('#return-on');
    await frame.locator('#ui-datepicker-div select.ui-datepicker-year').selectOption('2026');
    await frame.locator('#ui-datepicker-div select.ui-datepicker-month').selectOption('11');
    await frame.locator('#ui-datepicker-div td:not(.ui-datepicker-other-month) a:text-is("3")').click();
    const note = frame.locator('#handover-note');
    await note.click();
    await note.pressSequentially('Weekend use has dropped.');
    await note.press('Enter');
    await note.pressSequentially('Plan: one weekend without chems.');
    const shown = await note.evaluate((el) => el.innerHTML);
    expect(shown).toMatch(/Weekend use has dropped\..*<p>Plan: one weekend without chems\.<\/p>$/);
    await note.press('Control+Enter');
    await waitForSaved(frame, 'hid=402&saved=1');
    const [entry] = await saves();
    expect(entry).toMatchObject({ kind: 'handover', hid: '402', status: 303 });
    expect(entry!.body).toEqual({ visitType: 'FU', goal: 'REDUCE', urgentRisk: 'Y', returnOn: '03/12/2026', note: shown });
    expect(await frame.locator('#handover-note').evaluate((el) => el.innerHTML)).toBe(shown);
  });
});
