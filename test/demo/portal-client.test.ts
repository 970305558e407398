// Runs the portal's own page script (portal.js) in happy-dom against a live
// demo server: the extension must cope with exactly these behaviours, so they
// need to actually work — delegated saves, in-page transitions, Back.

import { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach } from 'vitest';
import { Browser, type BrowserPage } from 'happy-dom';
import type { DemoServer } from '../../demo/server.mjs';
import { parse, startTemp, stopTemp } from './helpers';

describe('MPB portal client script', () => {
  let demo: DemoServer;
  let browser: Browser;
  let page: BrowserPage;

  const doc = () => page.mainFrame.document as unknown as Document;
  const win = () => page.mainFrame.window as unknown as Window & { __sameDocument?: boolean };
  const saves = async () => (await fetch(`${demo.url}/mpb/api/saves`)).json();

  beforeAll(async () => {
    demo = await startTemp();
    browser = new Browser({
      settings: {
        enableJavaScriptEvaluation: true,
        suppressInsecureJavaScriptEnvironmentWarning: true,
        disableCSSFileLoading: true,
      },
    });
  });
  afterAll(async () => {
    await browser.close();
    await stopTemp(demo);
  });
  beforeEach(async () => {
    await fetch(`${demo.url}/mpb/api/reset`, { method: 'POST' });
    page = browser.newPage();
  });
  afterEach(async () => {
    await page.close();
  });

  async function open(p: string) {
    await page.goto(demo.url + p);
    await page.waitUntilComplete();
  }

  it('Save posts the form fields as JSON and shows the saved message', async () => {
    await open('/mpb/sessions/s-2003');
    (doc().querySelector('#attendance') as HTMLSelectElement).value = 'Appointment Cancelled by Therapist/VHG';
    (doc().querySelector('#clinical-note') as HTMLTextAreaElement).value = 'Phoned client at 09:05.';
    (doc().querySelector('#next-session') as HTMLInputElement).value = '2026-11-30T14:00';
    (doc().querySelector('#save-session') as HTMLButtonElement).click();
    await page.waitUntilComplete();

    const flash = doc().querySelector('#flash')!;
    expect(flash.className).toBe('flash-ok');
    expect(flash.textContent).toMatch(/^Session saved at \d{2}:\d{2}\.$/);
    expect(await saves()).toEqual([
      {
        sessionId: 's-2003',
        body: {
          attendance: 'Appointment Cancelled by Therapist/VHG',
          clinicalNote: 'Phoned client at 09:05.',
          nextSession: '2026-11-30T14:00',
        },
        receivedAt: expect.any(String),
        status: 200,
      },
    ]);
    expect(page.mainFrame.url).toBe(`${demo.url}/mpb/sessions/s-2003`);
  });

  it('shows the server error when a save is rejected', async () => {
    await open('/mpb/sessions/s-2003');
    // Simulates a stale option the server no longer accepts.
    const select = doc().querySelector('#attendance') as HTMLSelectElement;
    const stale = doc().createElement('option');
    stale.value = 'Retired Label';
    stale.textContent = 'Retired Label';
    select.appendChild(stale);
    select.value = 'Retired Label';
    (doc().querySelector('#save-session') as HTMLButtonElement).click();
    await page.waitUntilComplete();
    const flash = doc().querySelector('#flash')!;
    expect(flash.className).toBe('flash-error');
    expect(flash.textContent).toMatch(/Invalid attendance/);
  });

  it('Enter in the form (submit) is prevented and saves like Save', async () => {
    await open('/mpb/sessions/s-2003');
    win().__sameDocument = true;
    const form = doc().querySelector('#session-form') as HTMLFormElement;
    (doc().querySelector('#clinical-note') as HTMLTextAreaElement).value = 'via Enter';
    const event = new (page.mainFrame.window as any).Event('submit', { bubbles: true, cancelable: true });
    form.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    await page.waitUntilComplete();
    expect(win().__sameDocument).toBe(true);
    const log = await saves();
    expect(log).toHaveLength(1);
    expect(log[0].body.clinicalNote).toBe('via Enter');
    expect(doc().querySelector('#flash')!.className).toBe('flash-ok');
  });

  it('Save & Close saves then goes to the client record', async () => {
    await open('/mpb/sessions/s-2003');
    (doc().querySelector('#clinical-note') as HTMLTextAreaElement).value = 'closing';
    (doc().querySelector('#save-close') as HTMLButtonElement).click();
    await page.waitUntilComplete();
    await new Promise((r) => setTimeout(r, 50));
    await page.waitUntilComplete();
    expect((await saves())[0].body.clinicalNote).toBe('closing');
    expect(page.mainFrame.url).toBe(`${demo.url}/mpb/clients/c-1001`);
    expect(doc().querySelector('#client-sessions')).not.toBeNull();
  });

  it('opens a session from the client record without a page load, and Back restores the record', async () => {
    await open('/mpb/clients/c-1001');
    win().__sameDocument = true;
    const link = doc().querySelector('a.session-link[href="/mpb/sessions/s-2003"]') as HTMLAnchorElement;
    link.click();
    await page.waitUntilComplete();

    expect(win().__sameDocument).toBe(true);
    expect(win().location.pathname).toBe('/mpb/sessions/s-2003');
    expect(doc().querySelector('#client-sessions')).toBeNull();
    expect(doc().querySelector('#session-form')!.getAttribute('data-session-id')).toBe('s-2003');
    expect(doc().querySelector('#session-title')!.textContent).toBe('Session – Jordan Blake – 23/11/2026 14:00');
    expect(doc().title).toBe('Session – Jordan Blake – 23/11/2026 14:00 - MPB');

    // Same DOM as a full load of the session page.
    const fullPage = await (await fetch(`${demo.url}/mpb/sessions/s-2003`)).text();
    const loaded = parse(fullPage).querySelector('main#content')!.innerHTML;
    expect(doc().querySelector('main#content')!.innerHTML).toBe(loaded);

    // Handlers are delegated, so Save works on the swapped-in form.
    (doc().querySelector('#clinical-note') as HTMLTextAreaElement).value = 'saved after swap';
    (doc().querySelector('#save-session') as HTMLButtonElement).click();
    await page.waitUntilComplete();
    expect(doc().querySelector('#flash')!.className).toBe('flash-ok');
    expect((await saves())[0]).toMatchObject({ sessionId: 's-2003', body: { clinicalNote: 'saved after swap' } });

    win().history.back();
    await new Promise((r) => setTimeout(r, 50));
    await page.waitUntilComplete();
    expect(win().__sameDocument).toBe(true);
    expect(win().location.pathname).toBe('/mpb/clients/c-1001');
    expect(doc().querySelector('#session-form')).toBeNull();
    expect(doc().querySelector('#client-sessions')).not.toBeNull();
    // Re-fetched, so the record reflects the save just made.
    const row = doc().querySelector('#client-sessions tr[data-session-id="s-2003"] .note-full')!;
    expect(row.textContent).toBe('saved after swap');
  });

  it('leaves modified clicks on session links to the browser', async () => {
    await open('/mpb/clients/c-1001');
    const link = doc().querySelector('a.session-link') as HTMLAnchorElement;
    const event = new (page.mainFrame.window as any).MouseEvent('click', {
      bubbles: true,
      cancelable: true,
      ctrlKey: true,
    });
    const listener = (e: Event) => {
      expect(e.defaultPrevented).toBe(false);
      e.preventDefault(); // stop happy-dom from actually navigating
    };
    win().addEventListener('click', listener);
    link.dispatchEvent(event);
    win().removeEventListener('click', listener);
    await page.waitUntilComplete();
    expect(win().location.pathname).toBe('/mpb/clients/c-1001');
    expect(doc().querySelector('#client-sessions')).not.toBeNull();
  });
});
