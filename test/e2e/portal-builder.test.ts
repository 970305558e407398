// Issue 20 part 1, done by clicks: Riverside Clinic (no built-in adapter) set
// up in the portal builder from the toolbar popup, in real Chromium with the
// built extension. The user clicks the appointment page's fields, Save and
// its saved confirmation, names the page from its address, tries the draft
// (the panel opens and holds an incomplete Save, which the clinic's server
// never receives), sets up the day sheet's rows and cells (badges appear),
// and exports an adapter equivalent to the integration guide's hand-written
// one. Axe finds nothing serious in the builder, and a field is picked by
// keyboard. Clicks and keystrokes are counted for the report.
import fs from 'node:fs';
import { parseAdapter, upgradeAdapter, type AdapterV1, type AdapterV2 } from '@chartguard/sdk';
import type { Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guideAdapterData } from '../docs/guide';
import { countedActions, openBuilder, seriousViolations } from './setup-kit';
import { launchWithExtension, startPortal, walkthrough, type ExtensionBrowser, type PortalServer } from './harness';
import { panelCanHold, panelFrame } from './panel-helpers';
import { snapshotExtension, type ExtensionSnapshot } from './stable-extension';

const SETUP = 'RC-1042'; // set up on this appointment (saved once, to show the saved confirmation)
const TRY = 'RC-1045'; // tried with the draft: an incomplete review, held

let portal: PortalServer;
let browser: ExtensionBrowser;
let extension: ExtensionSnapshot;
let page: Page;
let builder: Frame;
let exported: AdapterV2;
const counts = { clicks: 0, keys: 0 };

const { click, choose, type } = countedActions(counts);

/** Arms the picker from the builder, then clicks the portal element. */
async function pick(button: string, target: string) {
  await click(builder.getByRole('button', { name: button }));
  await builder.getByText('Click the element in the portal').waitFor();
  counts.clicks++;
  await page.click(target);
  await builder.getByTestId('pick-review').waitFor();
}

const review = () => builder.getByTestId('pick-review');
async function addAnswer(answer: string, group: Locator = review().locator('fieldset.cg-pb-answers').first()) {
  await choose(group.getByLabel('Answer', { exact: true }), answer);
  await click(group.getByRole('button', { name: 'Add answer' }));
}

async function clinicSaves(ref: string): Promise<unknown[]> {
  const saves = (await (await fetch(`${portal.url}/clinic/api/saves`)).json()) as { appointmentRef: string }[];
  return saves.filter((save) => save.appointmentRef === ref);
}

beforeAll(async () => {
  extension = await snapshotExtension();
  portal = await startPortal();
  browser = await launchWithExtension({ extensionPath: extension.path });
  page = await browser.context.newPage();
  page.on('dialog', (dialog) => void dialog.dismiss());
});

afterAll(async () => {
  console.log(`Riverside Clinic set up in the builder with ${counts.clicks} clicks and ${counts.keys} typed characters.`);
  await browser?.close();
  await portal?.close();
  extension?.remove();
});

describe('setting up Riverside Clinic by clicks in the portal builder', () => {
  walkthrough(() => ({ portal: page, builder }));

  it('opens from the toolbar popup, docked beside the portal, and names the page from its address', async () => {
    await page.goto(`${portal.url}/clinic/appointments/${SETUP}`);
    builder = await openBuilder(browser, page, counts);
    await click(builder.getByRole('button', { name: 'Add this page' }));
    await click(builder.getByRole('button', { name: `Path part “${SETUP}”` }));
    expect(await builder.getByTestId('page-pattern').textContent()).toContain('^/clinic/appointments/(?<appointmentId>RC-\\d+)$');
    expect(await builder.getByLabel('Page kind').inputValue()).toBe('appointment');
    await click(builder.getByLabel(/\(fus\)$/));
    await click(builder.getByLabel(/\(snc\)$/));
    expect(await seriousViolations(builder)).toEqual([]);
  });

  it('recognises the outcome as a choice list, proposes its name over its numbered id, and suggests the value map from its options', async () => {
    await pick('Pick a field', "select[name='outcome']");
    // Picking swallowed the click: the portal's own select did not change.
    expect(await review().getByTestId('recognised').textContent()).toContain('a choice list');
    const first = review().locator('.cg-pb-candidate').first();
    expect(await first.textContent()).toContain("select[name='outcome']");
    expect(await first.textContent()).toContain('matches 1');
    expect(await review().textContent()).not.toContain('#ctl-');
    await click(first.getByRole('button', { name: /^Show/ }));
    await expect.poll(() => review().getByRole('status').textContent()).toContain('Highlighted 1');
    await addAnswer('attendance');
    const mapped = async (label: string) => review().getByLabel(`Portal option “${label}”`).inputValue();
    expect(await mapped('Seen')).toBe('attended');
    expect(await mapped('Seen – arrived late')).toBe('attended-late');
    expect(await mapped('DNA')).toBe('did-not-attend');
    expect(await mapped('Cancelled – patient, under 24 h')).toBe('cancelled-by-client-short-notice');
    expect(await mapped('Cancelled – clinician')).toBe('cancelled-by-provider');
    expect(await review().getByRole('button', { name: 'Add field' }).isDisabled()).toBe(true);
    await click(review().getByLabel('I have checked these values'));
    expect(await seriousViolations(builder)).toEqual([]);
    await click(review().getByRole('button', { name: 'Add field' }));
  });

  it('picks the notes by keyboard (Tab to it, Enter) as the note, and the next appointment with the answers Apply writes', async () => {
    await click(builder.getByRole('button', { name: 'Pick a field' }));
    await builder.getByText('Click the element in the portal').waitFor();
    await page.focus("textarea[name='notes']");
    counts.keys++;
    await page.keyboard.press('Enter');
    await review().waitFor();
    expect(await review().getByTestId('recognised').textContent()).toContain('a text area');
    expect(await review().getByLabel('The note').isChecked()).toBe(true);
    expect(await review().getByLabel('Name', { exact: true }).inputValue()).toBe('Clinic notes');
    await click(review().getByRole('button', { name: 'Add field' }));

    await pick('Pick a field', "input[name='nextAppointment']");
    expect(await review().getByTestId('recognised').textContent()).toContain('a date and time');
    await addAnswer('nextAppointmentAt');
    await addAnswer('nextSessionInPortal');
    await click(review().getByLabel('Apply writes other answers into it'));
    const writes = review().locator('fieldset.cg-pb-answers').nth(1);
    await addAnswer('nextAppointmentAt', writes);
    await addAnswer('rebookedAt', writes);
    await click(review().getByRole('button', { name: 'Add field' }));
  });

  it('reads the facts beside the form from their machine-readable attributes, and the reminder wording by a value map', async () => {
    await pick('Pick a field', "time[data-rc='starts']");
    expect(await review().getByLabel('A read-only fact').isChecked()).toBe(true);
    expect(await review().getByLabel('Read from').inputValue()).toBe('datetime');
    await type(review().getByLabel('Name', { exact: true }), 'Appointment');
    await addAnswer('sessionAt');
    await click(review().getByRole('button', { name: 'Add field' }));

    await pick('Pick a field', "[data-rc='type']");
    expect(await review().getByLabel('Read from').inputValue()).toBe('data-type');
    await choose(review().getByLabel('Answer', { exact: true }), 'Another answer, by name…');
    await type(review().getByLabel('Answer name'), 'appointmentType');
    await click(review().getByRole('button', { name: 'Add answer' }));
    await click(review().getByRole('button', { name: 'Add field' }));

    await pick('Pick a field', "[data-rc='reminders']");
    await addAnswer('preferredChannel');
    await addAnswer('preferredMethod');
    // Ruth Adeyemi's reminders are by text message: that wording is suggested; the other three are typed.
    expect(await review().locator('input[data-checklist-value="sms"]').inputValue()).toBe('Text message');
    await type(review().locator('input[data-checklist-value="phone"]'), 'Phone call');
    await type(review().locator('input[data-checklist-value="email"]'), 'Email');
    await type(review().locator('input[data-checklist-value="portal-message"]'), 'Patient app');
    await click(review().getByLabel('I have checked these values'));
    await click(review().getByRole('button', { name: 'Add field' }));
    expect(await builder.getByTestId('fields').locator('li').count()).toBe(6);
  });

  it('suggests a checklist from menus over what the page holds', async () => {
    // The checklist editor's condition menus: an answer, a test that suits it, a value from its own options.
    await choose(builder.getByLabel('Suggest', { exact: true }), 'snc');
    expect(await builder.getByLabel('when: Answer', { exact: true }).inputValue()).toBe('attendance');
    expect(await builder.getByLabel('when: Test', { exact: true }).inputValue()).toBe('equals');
    await choose(builder.getByLabel('when: Value', { exact: true }), JSON.stringify('cancelled-by-provider'));
    await click(builder.getByRole('button', { name: 'Add suggestion' }));
    await choose(builder.getByLabel('Suggest', { exact: true }), 'fus');
    await choose(builder.getByLabel('when: Answer', { exact: true }), 'appointmentType');
    // The value the type showed when picked is offered.
    expect(await builder.getByLabel('when: Value', { exact: true }).inputValue()).toBe('review');
    await click(builder.getByRole('button', { name: 'Add suggestion' }));
    expect(await builder.getByTestId('suggestions').locator('li').count()).toBe(2);
  });

  it('clicks Save without saving, then the saved confirmation once the clinic shows it', async () => {
    await pick('Pick a Save control', "form[name='appointment-notes'] button[type='submit']");
    await click(review().getByRole('button', { name: 'Add Save control' }));
    expect(await clinicSaves(SETUP)).toEqual([]);

    // The user saves the appointment in the portal as usual (no adapter runs yet), so the clinic shows "saved".
    counts.clicks += 3;
    await page.selectOption("select[name='outcome']", 'Seen');
    await page.click("form[name='appointment-notes'] button[type='submit']");
    await expect.poll(() => page.locator("[data-rc='status']").getAttribute('data-state')).toBe('saved');
    await pick('Pick the “saved” confirmation', "[data-rc='status']");
    expect(await review().locator('.cg-pb-candidate').first().textContent()).toContain("[data-rc='status'][data-state='saved']");
    expect(await review().getByLabel('and it shows the text').inputValue()).toBe('saved');
    await click(review().getByRole('button', { name: 'Use as the saved confirmation' }));
    expect(await builder.getByTestId('saved-confirmation').textContent()).toContain("[data-rc='status'][data-state='saved']");
  });

  it('“Try it”: the draft runs at once, every selector is healthy, and on another review the panel holds an incomplete Save', async () => {
    await click(builder.getByRole('button', { name: 'Try it on the portal' }));
    await expect
      .poll(() => builder.getByTestId('builder-notice').textContent())
      .toContain('Chartguard now runs this portal with the draft');
    await expect.poll(() => builder.getByTestId('health').locator('li').count()).toBe(7);
    expect(await builder.getByTestId('health').locator('li[data-state="found"]').count()).toBe(7);

    await page.goto(`${portal.url}/clinic/appointments/${TRY}`);
    const panel = await panelFrame(page);
    await expect.poll(() => panel.locator('.cg-record').textContent()).toContain(TRY);
    await expect.poll(() => panel.locator('.cg-choose select').inputValue()).toBe('fus');
    await panelCanHold(panel);
    await page.selectOption("select[name='outcome']", 'Seen');
    await page.click("form[name='appointment-notes'] button[type='submit']");
    await panel.waitForSelector('.cg-held');
    expect(await panel.locator('.cg-held [data-rule]').count()).toBeGreaterThan(0);
    expect(await clinicSaves(TRY)).toEqual([]);
  });

  it('sets up the day sheet: one row, its cells (the hidden full notes for the excerpt), and badges appear once tried', async () => {
    await page.goto(`${portal.url}/clinic/appointments`);
    builder = await openBuilder(browser, page, counts);
    // The draft carried over from the appointment page.
    expect(await builder.getByRole('button', { name: 'Page: appointment' }).count()).toBe(1);
    await click(builder.getByRole('button', { name: 'Add this page' }));
    await type(builder.getByLabel('Page kind'), 'day-sheet');
    await pick('Pick a list row', `li[data-appointment-ref='${TRY}'] .rc-slot-patient`);
    expect(page.url()).toBe(`${portal.url}/clinic/appointments`);
    const best = review().locator('.cg-pb-candidate').first();
    expect(await best.textContent()).toContain("[data-rc='day-sheet'] li.rc-slot[data-appointment-ref]");
    expect(await best.textContent()).toContain(`matches ${await page.locator('li.rc-slot').count()}`);
    expect(await review().getByLabel('Record id from').inputValue()).toBe('data-appointment-ref');
    await click(review().getByRole('button', { name: 'Use these rows' }));
    await click(builder.getByLabel(/\(fus\)$/));
    await click(builder.getByLabel(/\(snc\)$/));

    await pick('Pick a cell in the row', `li[data-appointment-ref='${TRY}'] .rc-slot-outcome`);
    expect(await review().getByLabel('Read from').inputValue()).toBe('data-outcome');
    await type(review().getByLabel('Name', { exact: true }), 'Outcome');
    await addAnswer('attendance');
    expect(await review().textContent()).toContain('Same values as “Outcome”');
    expect(await review().locator('input[data-checklist-value="cancelled-by-provider"]').inputValue()).toBe('Cancelled – clinician');
    await click(review().getByLabel('I have checked these values'));
    await click(review().getByRole('button', { name: 'Add cell' }));

    await pick('Pick a cell in the row', `li[data-appointment-ref='${TRY}'] time.rc-slot-time`);
    expect(await review().getByLabel('Read from').inputValue()).toBe('datetime');
    await type(review().getByLabel('Name', { exact: true }), 'Appointment');
    await addAnswer('sessionAt');
    await click(review().getByRole('button', { name: 'Add cell' }));

    await pick('Pick a cell in the row', "li[data-appointment-ref='RC-1038'] .rc-slot-excerpt");
    const hidden = review().locator('.cg-pb-candidate', { hasText: 'hidden full text' });
    expect(await hidden.textContent()).toContain('.rc-slot-notes');
    await click(hidden.getByRole('radio'));
    await click(review().getByLabel('The note'));
    await type(review().getByLabel('Name', { exact: true }), 'Clinic notes');
    await click(review().getByRole('button', { name: 'Add cell' }));

    await click(builder.getByRole('button', { name: 'Try it on the portal' }));
    await expect
      .poll(() => builder.getByTestId('builder-notice').textContent())
      .toContain('Chartguard now runs this portal with the draft');
    const badges = () =>
      page.evaluate(() => [...document.querySelectorAll('li.rc-slot')].map((row) => row.getAttribute('data-chartguard-badge')));
    await expect.poll(async () => (await badges()).every(Boolean), { timeout: 10_000 }).toBe(true);
    expect(await builder.getByTestId('health').locator('li:not([data-state="found"])').count()).toBe(0);
    expect(await seriousViolations(builder)).toEqual([]);
  });

  it('exports an adapter that passes the import checks and is equivalent to the guide’s hand-written one', async () => {
    const download = page.waitForEvent('download');
    await click(builder.getByRole('button', { name: 'Export adapter' }));
    exported = JSON.parse(fs.readFileSync(await (await download).path(), 'utf8')) as AdapterV2;
    parseAdapter(exported);
    const reference = upgradeAdapter(guideAdapterData() as AdapterV1);
    await expectEquivalent(exported, reference);
  });
});

type V2Page = AdapterV2['pages'][number];
type V2Element = NonNullable<V2Page['fields']>[number];

const resolve = (adapter: AdapterV2, values: V2Element['values']) => {
  const map = typeof values === 'string' ? adapter.values?.[values] : values;
  return map ? Object.fromEntries(Object.entries(map).map(([key, label]) => [key, [label].flat()])) : undefined;
};
const firstSelector = (selector: string | string[]) => [selector].flat()[0]!;
const sameElement = (a: string, b: string, within?: string) =>
  page.evaluate(
    ([a, b, within]) => {
      const root = within ? document.querySelector(within)! : document;
      const found = root.querySelector(a);
      return found !== null && found === root.querySelector(b);
    },
    [a, b, within] as const,
  );

/** Semantic equivalence: the same pages match the same addresses and ids, and every entry reaches the same element with the same meaning. */
async function expectEquivalent(built: AdapterV2, reference: AdapterV2) {
  expect(built.pages.map((item) => item.kind).sort()).toEqual(reference.pages.map((item) => item.kind).sort());
  const samples = [
    '/clinic/appointments/RC-1043',
    '/clinic/appointments/RC-7',
    '/clinic/appointments',
    '/clinic/appointments/',
    '/clinic/appointments/RC-1043/edit',
    '/clinic/appointmentsx',
  ];
  for (const want of reference.pages) {
    const got = built.pages.find((item) => item.kind === want.kind)!;
    for (const sample of samples) {
      const a = new RegExp(got.path).exec(sample);
      const b = new RegExp(want.path).exec(sample);
      expect(Boolean(a), `${got.kind} on ${sample}`).toBe(Boolean(b));
      if (a && b && got.recordId?.from === 'path' && want.recordId?.from === 'path')
        expect(a.groups?.[got.recordId.group]).toBe(b.groups?.[want.recordId.group]);
    }
    expect(new Set(got.checklists ?? got.list?.checklists)).toEqual(
      new Set(want.checklists?.length ? want.checklists : want.list?.checklists),
    );
    expect(new Set((got.suggest ?? []).map((rule) => JSON.stringify(rule)))).toEqual(
      new Set((want.suggest ?? []).map((rule) => JSON.stringify(rule))),
    );
    await page.goto(`${portal.url}${want.list ? '/clinic/appointments' : `/clinic/appointments/${SETUP}`}`);
    const key = (element: { note?: boolean; answers?: string[] }) =>
      element.note ? 'note' : [...(element.answers ?? [])].sort().join('+');
    expect((got.fields ?? []).map(key).sort()).toEqual((want.fields ?? []).map(key).sort());
    for (const field of want.fields ?? []) {
      const mine = (got.fields ?? []).find((item) => key(item) === key(field))!;
      expect(
        {
          kind: mine.kind,
          attribute: mine.attribute,
          note: mine.note,
          write: mine.write ?? mine.answers,
          values: resolve(built, mine.values),
        },
        field.name,
      ).toEqual({
        kind: field.kind,
        attribute: field.attribute,
        note: field.note,
        write: field.write ?? field.answers,
        values: resolve(reference, field.values),
      });
      expect(await sameElement(firstSelector(mine.selector), firstSelector(field.selector)), field.name).toBe(true);
    }
    expect(got.save?.length).toBe(want.save?.length);
    for (const [index, selector] of (want.save ?? []).entries()) expect(await sameElement(got.save![index]!, selector)).toBe(true);
    if (want.saved && 'selector' in want.saved) {
      expect(got.saved && 'selector' in got.saved).toBe(true);
      const mine = got.saved as { selector: string; text?: string };
      // The setup appointment was saved: both confirmations are showing, and name the same element.
      expect(await sameElement(mine.selector, want.saved.selector)).toBe(true);
      expect((await page.locator(mine.selector).textContent())!.toLowerCase()).toContain(mine.text!.toLowerCase());
    }
    if (want.list) {
      const list = got.list!;
      expect(await page.locator(list.rows).count()).toBe(await page.locator(want.list.rows).count());
      expect(list.recordIdAttribute).toBe(want.list.recordIdAttribute);
      expect(list.cells.map(key).sort()).toEqual(want.list.cells.map(key).sort());
      for (const cell of want.list.cells) {
        const mine = list.cells.find((item) => key(item) === key(cell))!;
        expect({ attribute: mine.attribute, note: mine.note, values: resolve(built, mine.values) }, cell.name).toEqual({
          attribute: cell.attribute,
          note: cell.note,
          values: resolve(reference, cell.values),
        });
        expect(await sameElement(firstSelector(mine.selector), firstSelector(cell.selector), want.list.rows), cell.name).toBe(true);
      }
    }
  }
}
