// Issue 14 part 4 on Hollybrook EHR (/legacy): the ways the encounter saves
// that legacy-frames.test.ts does not already cover (a click, Enter and Space
// on Save, implicit submission, the role=button link, requestSubmit() and the
// Alt+S / Ctrl+Enter shortcut, in the page and in TinyMCE's iframe, are held
// there). Here: page script calling form.submit() (no event: the page-world
// bridge announces it because the adapter says `formSubmit`), a Save that acts
// on mousedown, a Save inside an open shadow root, and the note judged as it
// will be sent (TinyMCE synced first). Each held path: the panel explains and
// the portal's server received nothing; each path let through: the server
// received exactly the record.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TAB_STATUS_KEY } from '../../entrypoints/portal.content/tab-status';
import type { Frame, Page } from 'playwright-core';
import { launchWithExtension, startPortal, type ExtensionBrowser, type PortalServer } from './harness';
import { answerCancellationInFull, panelCanHold, panelFrame } from './panel-helpers';

interface LegacySave {
  kind: 'encounter' | 'handover';
  eid?: string;
  body: Record<string, string>;
  status: number;
}

let portal: PortalServer;
let browser: ExtensionBrowser;
let page: Page;

const saves = async (): Promise<LegacySave[]> => (await fetch(`${portal.url}/legacy/api/saves`)).json() as Promise<LegacySave[]>;

/** An encounter on its own, once its widgets have started and the panel shows the record (and so can show a hold). */
async function openEncounter(eid: string): Promise<Frame> {
  await page.goto(`${portal.url}/legacy/encounter.php?eid=${eid}`);
  await page.waitForSelector('html[data-widgets-ready="1"]');
  const panel = await panelFrame(page);
  await panel.waitForSelector('.cg-record');
  await expect.poll(() => panel.locator('.cg-record').textContent()).toContain(eid);
  await panelCanHold(panel);
  return panel;
}

/** The page's form.submit() is Chartguard's announcing wrap (the adapter opts in): the page's own readiness signal for this path. */
const formSubmitWrapped = () =>
  page.evaluate(() => !/\[native code\]/.test(Function.prototype.toString.call(HTMLFormElement.prototype.submit)));

/** The panel shows the held Save with the rules not met; the portal's server received nothing and the page did not move. */
async function expectHeld(panel: Frame, eid: string) {
  await panel.waitForSelector('.cg-held');
  expect(await panel.locator('.cg-held [data-rule]').count()).toBeGreaterThan(0);
  expect(page.url()).toBe(`${portal.url}/legacy/encounter.php?eid=${eid}`);
  expect(await saves()).toEqual([]);
}

async function override(panel: Frame) {
  await panel.fill('.cg-held textarea', 'Telephone line down; recording the rest tomorrow.');
  await panel.click('.cg-held button.cg-danger');
  await page.waitForURL((url) => url.search.includes('saved=1'));
  await page.locator('#saved-banner').waitFor({ state: 'visible' });
}

/** A short-notice cancellation answered in full in the panel and applied: the guard has nothing to hold. */
async function completeCancellation(panel: Frame): Promise<string> {
  const informedAt = await answerCancellationInFull(panel);
  await expect
    .poll(() => page.frameLocator('#clinical-note_ifr').locator('body').innerText())
    .toContain('Morgan agreed to meet on 3 December at 14:00.');
  await expect.poll(() => panel.locator('.cg-issues .cg-ok').count()).toBe(1);
  return `${informedAt.slice(8, 10)}/${informedAt.slice(5, 7)}/${informedAt.slice(0, 4)} ${informedAt.slice(11)}`;
}

beforeAll(async () => {
  portal = await startPortal();
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

beforeEach(async () => {
  await fetch(`${portal.url}/legacy/api/reset`, { method: 'POST' });
  await page?.close();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
});

describe('form.submit() called by page script (the adapter’s `formSubmit`)', () => {
  it('an incomplete record is held: the panel explains, nothing is sent; the override submits it', async () => {
    const panel = await openEncounter('309');
    await expect.poll(formSubmitWrapped).toBe(true);
    // The portal's own script, in the page's world: form.submit() fires no event of its own.
    await page.evaluate(() => (document.getElementById('encounter-form') as HTMLFormElement).submit());
    await expectHeld(panel, '309');
    await override(panel);
    const received = await saves();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ kind: 'encounter', eid: '309', status: 303 });
    // Replayed as the page made it: form.submit() has no submitter, so no `action`.
    expect(received[0]!.body.action).toBeUndefined();
  });

  it('a complete record goes through at once, and the server receives exactly it', async () => {
    const panel = await openEncounter('302');
    await expect.poll(formSubmitWrapped).toBe(true);
    const informedAt = await completeCancellation(panel);
    await page.evaluate(() => (document.getElementById('encounter-form') as HTMLFormElement).submit());
    await page.waitForURL((url) => url.search.includes('saved=1'));
    const [save, ...more] = await saves();
    expect(more).toEqual([]);
    expect(save).toMatchObject({ eid: '302', status: 303 });
    expect(save!.body).toMatchObject({
      attendance: 'CANC-CLIN',
      contactMethod: 'TEL',
      informedAt,
      rebookOutcome: 'REBOOKED',
      nextSession: '03/12/2026 14:00',
    });
    expect(save!.body.clinicalNote).toContain('<p>What was agreed with the client: Morgan agreed to meet on 3 December at 14:00.</p>');
  });

  it('judges what will be sent: the editor is synced into its stale textarea before the verdict, and the server receives the editor’s note', async () => {
    const panel = await openEncounter('302');
    await expect.poll(formSubmitWrapped).toBe(true);
    await completeCancellation(panel);
    // The textarea goes stale (TinyMCE keeps the note in its iframe), and the page submits through the
    // prototype (the usual guard against an input named "submit"), which skips TinyMCE's own triggerSave().
    await page.evaluate(() => {
      (document.getElementById('clinical-note') as HTMLTextAreaElement).value = '';
      HTMLFormElement.prototype.submit.call(document.getElementById('encounter-form'));
    });
    await page.waitForURL((url) => url.search.includes('saved=1'));
    const [save] = await saves();
    // Without the sync the portal would have received an empty note for a record judged on the editor's.
    expect(save!.body.clinicalNote).toMatch(/^<p>Session [^<]*\[Chartguard snc\/1\]<\/p>/);
    expect(save!.body.clinicalNote).toContain('Morgan agreed to meet on 3 December at 14:00.');
  });
});

describe('Save controls the portal does not run on click', () => {
  it('“Quick save” saves on mousedown: held at the press, nothing sent; the override replays the press and the portal saves', async () => {
    const panel = await openEncounter('309');
    await page.click('#quick-save');
    await expectHeld(panel, '309');
    await override(panel);
    const received = await saves();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ eid: '309', status: 303 });
  });

  it('“Sign and save” inside an open shadow root (a web component): held, nothing sent; the override lets its requestSubmit() through', async () => {
    const panel = await openEncounter('309');
    // The button is only in the component's shadow root: from the document it cannot be found.
    expect(await page.evaluate(() => document.querySelector('#sign-save'))).toBeNull();
    await page.click('hb-sign-bar >> #sign-save');
    await expectHeld(panel, '309');
    expect(await panel.locator('.cg-held').textContent()).toContain('Sign and save');
    await override(panel);
    const received = await saves();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ eid: '309', status: 303 });
  });

  it('a complete record’s mousedown save goes through once, with exactly the record', async () => {
    const panel = await openEncounter('302');
    const informedAt = await completeCancellation(panel);
    await page.click('#quick-save');
    await page.waitForURL((url) => url.search.includes('saved=1'));
    const received = await saves();
    expect(received).toHaveLength(1);
    expect(received[0]!.body).toMatchObject({ attendance: 'CANC-CLIN', informedAt, rebookOutcome: 'REBOOKED' });
  });
});

describe('the toolbar popup’s question on a record in the shell’s work frame (lib/tab-frames.ts)', () => {
  it('the work frame answers with its record, its checklist and the held Save; the top frame has no record', async () => {
    await page.goto(`${portal.url}/legacy/main.php?page=${encodeURIComponent('/legacy/encounter.php?eid=309')}`);
    const frame = page.frame({ name: 'RBody' })!;
    await frame.waitForSelector('html[data-widgets-ready="1"]');
    const panel = await panelFrame(page);
    await expect.poll(() => panel.locator('.cg-record').textContent()).toContain('309');
    await panelCanHold(panel);
    await frame.click('#save-encounter');
    await panel.waitForSelector('.cg-held');

    // As the popup asks, from an extension context: list the tab's frames, ask each what it sees.
    const worker = await browser.serviceWorker();
    const answers = (await worker.evaluate(
      async ({ address, key }) => {
        const api = (
          globalThis as unknown as {
            chrome: {
              tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
              scripting: { executeScript(o: object): Promise<{ frameId: number; result?: unknown }[]> };
            };
          }
        ).chrome;
        const tab = (await api.tabs.query({})).find((candidate) => candidate.url === address)!;
        const frames = await api.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, func: () => undefined });
        return Promise.all(
          frames.map(async ({ frameId }) => ({
            frameId,
            status: await api.scripting
              .executeScript({
                target: { tabId: tab.id, frameIds: [frameId] },
                // The popup's question (entrypoints/portal.content/tab-status.ts, askTabStatus), run in the frame.
                func: (name: string) => {
                  const answer = (globalThis as Record<string, unknown>)[name];
                  return typeof answer === 'function' ? answer('tab.status') : null;
                },
                args: [key],
              })
              .then(
                ([result]) => result?.result ?? null,
                () => null,
              ),
          })),
        );
      },
      { address: page.url(), key: TAB_STATUS_KEY },
    )) as {
      frameId: number;
      status: { panel?: boolean; recordId?: string; pageKind: string | null; checklist?: { id: string } | null; saveHeld?: boolean } | null;
    }[];
    const top = answers.find((answer) => answer.frameId === 0)!;
    // The shell's top frame recognises no page and has no record features: no panel, no held Save.
    expect(top.status).toMatchObject({ pageKind: null });
    expect(top.status?.panel ?? false).toBe(false);
    expect(top.status?.saveHeld ?? false).toBe(false);
    const records = answers.filter((answer) => answer.status?.panel);
    expect(records).toHaveLength(1);
    expect(records[0]!.frameId).not.toBe(0);
    expect(records[0]!.status).toMatchObject({ pageKind: 'encounter', recordId: '309', checklist: { id: 'fus' }, saveHeld: true });
  });
});
