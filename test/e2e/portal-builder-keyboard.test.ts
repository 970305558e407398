// Issue 20, the portal builder by keyboard alone: Riverside Clinic's
// appointment page set up with Tab, Shift+Tab, Enter, Space, the arrow keys
// and typing, in real Chromium with the built extension; no mouse. The
// builder opens from the toolbar popup with the focus in it; each portal
// element is picked by typing part of its label in the builder, which
// outlines and announces the element under its cursor; Enter picks it and
// the focus moves to what was picked, then back to the button that started
// the pick. The draft is tried (the Save guard holds an incomplete Save) and
// exported. Every control is reached by Tab with a visible focus ring. Last,
// the keyboard search reaches into a cross-origin frame (the demo portals
// have none: the test frames Hollybrook's encounter from the server's other
// name, localhost, in the clinic's page), as the mouse does.
import fs from 'node:fs';
import { parseAdapter, type AdapterV2 } from '@chartguard/sdk';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyboardActions, openBuilder, seriousViolations } from './setup-kit';
import { launchWithExtension, startPortal, type ExtensionBrowser, type PortalServer } from './harness';
import { panelCanHold, panelFrame } from './panel-helpers';
import { snapshotExtension, type ExtensionSnapshot } from './stable-extension';

const SETUP = 'RC-1042';
const TRY = 'RC-1045';

let portal: PortalServer;
let browser: ExtensionBrowser;
let extension: ExtensionSnapshot;
let page: Page;
let builder: Frame;
const counts = { clicks: 0, keys: 0 };
let keys: ReturnType<typeof keyboardActions>;

const review = () => builder.getByTestId('pick-review');

async function clinicSaves(ref: string): Promise<unknown[]> {
  const saves = (await (await fetch(`${portal.url}/clinic/api/saves`)).json()) as { appointmentRef: string }[];
  return saves.filter((save) => save.appointmentRef === ref);
}

/** Arms the picker with the focused builder button, types part of the element's label, checks what is announced, and picks it with Enter. */
async function pickByKeys(button: string, search: string, announced: string) {
  await keys.tabTo(builder.getByRole('button', { name: button }));
  await keys.press('Enter');
  const find = builder.getByRole('searchbox', { name: /find it by keyboard/ });
  await expect.poll(() => keys.focused(find)).toBe(true);
  await keys.type(search);
  await builder.locator(`[data-testid="cursor"][data-query="${search}"]`).waitFor();
  await expect.poll(() => builder.getByTestId('cursor').textContent()).toContain(announced);
  await keys.press('Enter');
  await review().waitFor();
  // The focus lands on what was picked.
  await expect.poll(() => keys.focused(review().getByRole('heading'))).toBe(true);
}

beforeAll(async () => {
  extension = await snapshotExtension();
  portal = await startPortal();
  browser = await launchWithExtension({ extensionPath: extension.path });
  page = await browser.context.newPage();
  page.on('dialog', (dialog) => void dialog.dismiss());
});

afterAll(async () => {
  console.log(
    `Riverside Clinic's appointment page set up in the builder by keyboard alone with ${counts.keys} key presses and ${counts.clicks} clicks.`,
  );
  await browser?.close();
  await portal?.close();
  extension?.remove();
});

describe('setting up a portal in the builder by keyboard alone', () => {
  it('opens from the toolbar popup by keyboard, with the focus in the builder', async () => {
    await page.goto(`${portal.url}/clinic/appointments/${SETUP}`);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const setUp = popup.getByRole('button', { name: 'Set up a portal' });
    await setUp.waitFor();
    await page.bringToFront();
    const popupKeys = keyboardActions(popup.keyboard, counts);
    await popupKeys.tabTo(setUp);
    // The popup closes itself as it opens the builder, which can be before the key's release reaches it: that is the
    // popup doing its job, not a failure (the builder's frame is what is checked next).
    await popupKeys.press('Enter').catch((error: unknown) => {
      if (!popup.isClosed() && !/has been closed/.test(String(error))) throw error;
    });
    await popup.waitForEvent('close', { timeout: 5_000 }).catch(() => popup.close());
    await expect.poll(() => page.frames().some((frame) => frame.url().includes('/portal-builder.html')), { timeout: 10_000 }).toBe(true);
    builder = page.frames().find((frame) => frame.url().includes('/portal-builder.html'))!;
    await builder.getByRole('heading', { name: 'Set up this portal' }).waitFor();
    keys = keyboardActions(page.keyboard, counts);
    await expect.poll(() => builder.evaluate(() => document.hasFocus())).toBe(true);
  });

  it('adds the page, takes the record id from the address and chooses the checklists', async () => {
    await keys.tabTo(builder.getByRole('button', { name: 'Add this page' }));
    await keys.press('Enter');
    // The button is gone: the focus moves to the page just added, not to the top of the builder.
    await expect.poll(() => keys.focused(builder.getByRole('heading', { name: /^Page: / }))).toBe(true);
    await keys.tabTo(builder.getByRole('button', { name: `Path part “${SETUP}”` }));
    await keys.press('Enter');
    expect(await builder.getByLabel('Page kind').inputValue()).toBe('appointment');
    for (const id of ['fus', 'snc']) {
      const box = builder.getByLabel(new RegExp(`\\(${id}\\)$`));
      await keys.tabTo(box);
      await keys.press('Space');
      expect(await box.isChecked()).toBe(true);
    }
  });

  it('Escape stops a pick, and the focus goes back to the button that started it', async () => {
    await keys.tabTo(builder.getByRole('button', { name: 'Pick a field' }));
    await keys.press('Enter');
    await builder.getByTestId('picking').waitFor();
    expect(await seriousViolations(builder)).toEqual([]);
    await keys.press('Escape');
    await expect.poll(() => builder.getByTestId('picking').count()).toBe(0);
    await expect.poll(() => keys.focused(builder.getByRole('button', { name: 'Pick a field' }))).toBe(true);
  });

  it('picks the outcome list by typing part of its label, and maps its options with the arrow keys and Space', async () => {
    await pickByKeys('Pick a field', 'outcome', 'Outcome (a choice list)');
    expect(await review().locator('.cg-pb-candidate').first().textContent()).toContain("select[name='outcome']");
    await keys.tabTo(review().getByLabel('Answer', { exact: true }));
    await keys.choose(review().getByLabel('Answer', { exact: true }), 'attendance');
    await keys.tabTo(review().getByRole('button', { name: 'Add answer' }));
    await keys.press('Enter');
    expect(await review().getByLabel('Portal option “DNA”').inputValue()).toBe('did-not-attend');
    // One suggestion corrected by keyboard, then put back: the arrows change a closed select.
    const seen = review().getByLabel('Portal option “Seen”');
    await keys.tabTo(seen);
    await keys.choose(seen, 'attended-late');
    await keys.choose(seen, 'attended');
    await keys.tabTo(review().getByLabel('I have checked these values'));
    await keys.press('Space');
    expect(await seriousViolations(builder)).toEqual([]);
    await keys.tabTo(review().getByRole('button', { name: 'Add field' }));
    await keys.press('Enter');
    await expect.poll(() => keys.focused(builder.getByRole('button', { name: 'Pick a field' }))).toBe(true);
    expect(await builder.getByTestId('fields').locator('li').count()).toBe(1);
  });

  it('picks the notes (moving the cursor with the arrow keys) and the Save button', async () => {
    await keys.press('Enter');
    const find = builder.getByRole('searchbox', { name: /find it by keyboard/ });
    await expect.poll(() => keys.focused(find)).toBe(true);
    await keys.type('notes');
    // The announcement for the whole word, not one of the answers to its first letters.
    await builder.locator('[data-testid="cursor"][data-query="notes"]').waitFor();
    await expect.poll(() => builder.getByTestId('cursor').textContent()).toMatch(/^1 of \d+: /);
    // Down and back up: the cursor wraps through the matches and is announced each time.
    const first = await builder.getByTestId('cursor').textContent();
    await keys.press('ArrowDown');
    await keys.press('ArrowUp');
    await expect.poll(() => builder.getByTestId('cursor').textContent()).toBe(first);
    // Each move is read once its announcement has changed: the cursor's answer comes back from the portal's frame.
    const cursorText = async () => (await builder.getByTestId('cursor').textContent()) ?? '';
    for (let step = 0; step < 10; step++) {
      const now = await cursorText();
      if (now.includes('Clinic notes (a text area)')) break;
      await keys.press('ArrowDown');
      await expect.poll(cursorText).not.toBe(now);
    }
    expect(await cursorText()).toContain('Clinic notes (a text area)');
    await keys.press('Enter');
    await review().waitFor();
    expect(await review().getByLabel('The note').isChecked()).toBe(true);
    await keys.tabTo(review().getByRole('button', { name: 'Add field' }));
    await keys.press('Enter');

    await pickByKeys('Pick a Save control', 'save notes', 'Save notes');
    expect(await review().locator('.cg-pb-candidate').first().textContent()).toContain("button[name='intent']");
    await keys.tabTo(review().getByRole('button', { name: 'Add Save control' }));
    await keys.press('Enter');
    expect(await clinicSaves(SETUP)).toEqual([]);
  });

  it('suggests a checklist from the menus, by the arrow keys', async () => {
    for (const [label, value] of [
      ['Suggest', 'fus'],
      ['when: Answer', 'attendance'],
      ['when: Test', 'equals'],
      ['when: Value', JSON.stringify('attended')],
    ] as const) {
      const menu = builder.getByLabel(label, { exact: true });
      await keys.tabTo(menu);
      await keys.choose(menu, value);
    }
    await keys.tabTo(builder.getByRole('button', { name: 'Add suggestion' }));
    await keys.press('Enter');
    expect(await builder.getByTestId('suggestions').locator('li').count()).toBe(1);
  });

  it('tries the draft (healthy selectors; the Save guard holds an incomplete Save) and exports it', async () => {
    await keys.tabTo(builder.getByRole('button', { name: 'Try it on the portal' }));
    await keys.press('Enter');
    await expect
      .poll(() => builder.getByTestId('builder-notice').textContent())
      .toContain('Chartguard now runs this portal with the draft');
    await expect.poll(() => builder.getByTestId('health').locator('li[data-state="found"]').count()).toBe(3);

    await keys.tabTo(builder.getByRole('button', { name: 'Export adapter' }));
    const download = page.waitForEvent('download');
    await keys.press('Enter');
    const exported = JSON.parse(fs.readFileSync(await (await download).path(), 'utf8')) as AdapterV2;
    parseAdapter(exported);
    const [appointment] = exported.pages;
    expect(appointment!.recordId).toEqual({ from: 'path', group: 'appointmentId' });
    expect(appointment!.fields!.map((field) => [field.selector, field.kind, field.note ?? field.answers])).toEqual([
      ["select[name='outcome']", 'select', ['attendance']],
      ["textarea[name='notes']", 'textarea', true],
    ]);
    expect(appointment!.save).toEqual(["button[name='intent']"]);
    expect(appointment!.suggest).toEqual([{ checklist: 'fus', when: { field: 'attendance', op: 'equals', value: 'attended' } }]);

    // The clinician on another appointment, still by keyboard: a Save without the notes the checklist needs is held.
    await page.goto(`${portal.url}/clinic/appointments/${TRY}`);
    const panel = await panelFrame(page);
    await expect.poll(() => panel.locator('.cg-record').textContent()).toContain(TRY);
    await panelCanHold(panel);
    const portalKeys = keyboardActions(page.keyboard, { clicks: 0, keys: 0 });
    // The portal's own focus styles are the portal's business: only reaching its controls is checked here.
    await portalKeys.tabTo(page.locator("select[name='outcome']"), { ring: false });
    await portalKeys.choose(page.locator("select[name='outcome']"), 'Seen');
    await portalKeys.tabTo(page.locator("form[name='appointment-notes'] button[type='submit']"), { ring: false });
    await portalKeys.press('Enter');
    await panel.waitForSelector('.cg-held');
    expect(await clinicSaves(TRY)).toEqual([]);
  });

  it('picks by keyboard inside a cross-origin frame: the search reaches it and that frame’s picker takes the element', async () => {
    await page.goto(`${portal.url}/clinic/appointments/${SETUP}`);
    const crossOrigin = `${portal.url.replace('127.0.0.1', 'localhost')}/legacy/encounter.php?eid=302`;
    expect(new URL(crossOrigin).origin).not.toBe(new URL(portal.url).origin);
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      frame.title = 'Hollybrook encounter';
      frame.style.cssText = 'width: 900px; height: 600px';
      document.body.append(frame);
    }, crossOrigin);
    await expect.poll(() => page.frames().some((frame) => frame.url().startsWith(crossOrigin))).toBe(true);
    const framed = page.frames().find((frame) => frame.url().startsWith(crossOrigin))!;
    await framed.waitForSelector('html[data-widgets-ready="1"]');
    // Opened from the popup as before (its two clicks are not this test's keyboard count).
    builder = await openBuilder(browser, page, { clicks: 0, keys: 0 });
    // Counted apart: the afterAll line is the appointment page's setup.
    keys = keyboardActions(page.keyboard, { clicks: 0, keys: 0 });
    await pickByKeys('Pick a field', 'recontact', 'Recontact by (a date, jquery-ui-datepicker)');
    expect(await review().getByTestId('recognised').textContent()).toContain('jquery-ui-datepicker');
    expect(await review().locator('.cg-pb-candidate').first().textContent()).toContain('input#recontact-by');
    await keys.tabTo(review().getByRole('button', { name: 'Cancel' }));
    await keys.press('Enter');
    await expect.poll(() => review().count()).toBe(0);
  });
});
