// The missed or late visit policy (MV) end to end on the CareRoster demo
// portal: the built extension in a real Chromium, judged by what the roster's
// server actually received (status code, actual time, incident reference and
// the report written into the portal's contenteditable box).
import { evaluate, parseChecklist } from '@chartguard/sdk';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import mvData from '../../checklists/mv.json';
import type { PortalServer } from './harness';
import { expectNoPanel, localDateTime, panelCanHold, panelFrame } from './panel-helpers';
import { savesOf } from './portal-api';
import { setUpPortalSession } from './portal-session';

const mv = parseChecklist(mvData);
// Edith Clarke's lunch call, 12:30, and Margaret Doyle's tea call, 17:00: both planned, nothing recorded.
const LATE_VISIT = 'v-5003';
const MISSED_VISIT = 'v-5004';

interface VisitBody {
  status: string;
  actualTime: string;
  incidentRef: string;
  report: string;
}

let portal: PortalServer;
let page: Page;
setUpPortalSession(['roster'], (session) => {
  ({ portal, page } = session);
});

const savesFor = async (visitId: string) => (await savesOf<VisitBody>(portal, 'roster')).filter((save) => save.visitId === visitId);

/** A visit page and its panel, once the panel can hold a Save the record does not allow. */
async function openVisit(id: string) {
  await page.goto(`${portal.url}/roster/visits/${id}`);
  const frame = await panelFrame(page);
  await panelCanHold(frame);
  return frame;
}

describe('missed or late visit on the CareRoster demo portal', () => {
  it('docks the panel on a visit page only, and reads the service user and expected time from the roster', async () => {
    const frame = await openVisit(LATE_VISIT);
    await expect(frame.locator('.cg-record').textContent()).resolves.toContain(LATE_VISIT);
    // A planned visit suggests nothing; the worker can still pick the checklist.
    await expect(frame.locator('.cg-choose select').inputValue()).resolves.toBe('');
    await frame.selectOption('.cg-choose select', 'mv');
    // The roster owns these: the panel shows them read-only, so the note cannot disagree with the roster.
    await expect.poll(() => frame.locator('output#cg-field-serviceUserName').textContent()).toContain('Edith Clarke');
    await expect(frame.locator('output#cg-field-expectedVisitAt').textContent()).resolves.toContain('2026-11-23 12:30');
    const panelLeft = await page.evaluate(() => window.innerWidth - 380);
    for (const selector of ['[data-input="status"]', '[data-input="report"]', '[data-action="save-visit"]']) {
      const box = await page.locator(selector).boundingBox();
      expect(box!.x + box!.width, `${selector} is covered by the panel`).toBeLessThanOrEqual(panelLeft);
    }

    await page.goto(`${portal.url}/roster/schedule/2026-11-23/cw-01`);
    await expectNoPanel(page);
  });

  it('holds an incomplete missed-visit report: the right MV rules, and nothing reaches the roster', async () => {
    const frame = await openVisit(MISSED_VISIT);
    await page.selectOption('[data-input="status"]', { label: 'Missed' });
    // Marking the visit missed suggests the MV checklist.
    await expect.poll(() => frame.locator('.cg-choose select').inputValue()).toBe('mv');
    await page.locator('[data-input="report"]').click();
    await page.keyboard.type('Did not get there, will explain later.');
    await page.click('[data-action="save-visit"]');
    await frame.waitForSelector('.cg-held');

    const held = await frame.locator('.cg-held [data-rule]').evaluateAll((items) => items.map((item) => item.getAttribute('data-rule')));
    // What the roster holds (its own fields plus the report read back) is judged by the SDK the same way.
    const expected = evaluate(mv, {
      serviceUserName: 'Margaret Doyle',
      expectedVisitAt: '2026-11-23T17:00',
      attendance: 'missed-visit',
    }).blocking.map((issue) => issue.ruleId);
    expect(new Set(held)).toEqual(new Set(expected));
    // v2: the care worker's report is held by MV-01 and MV-02 only; the office's duties are its follow-ups.
    for (const rule of ['MV-01', 'MV-02']) expect(held).toContain(rule);
    expect(held.filter((rule) => rule !== 'MV-01' && rule !== 'MV-02')).toEqual([]);
    // Service user and expected time come from the roster, so MV-02 asks only for what happened.
    // The hold shown above stopped the click in its own dispatch: no save of it can be on its way.
    expect(await savesFor(MISSED_VISIT)).toEqual([]);
    expect(await page.locator('[data-role="toast"]').textContent()).not.toContain('saved');
  });

  it('writes a complete late-call report into the roster (status, actual time, incident ref, report) and lets it save', async () => {
    const frame = await openVisit(LATE_VISIT);
    await page.selectOption('[data-input="status"]', { label: 'Missed' });
    await frame.waitForSelector('#cg-field-awareAt');
    await expect(frame.locator('.cg-choose select').inputValue()).resolves.toBe('mv');
    await expect.poll(() => frame.inputValue('#cg-field-attendance')).toBe('missed-visit');

    const awareAt = localDateTime(-40);
    const reportedAt = localDateTime(-35);
    const actualVisitAt = '2026-11-23T13:40';
    // v2: the office's response, so the response duties apply (MV-03..MV-07).
    await frame.check('input[name="stage"][value="response"]');
    await frame.fill('#cg-field-awareAt', awareAt);
    await frame.check('input[name="reportedTo"][value="office"]');
    await frame.fill('#cg-field-reportedToName', 'Dana Whitfield');
    await frame.fill('#cg-field-reportedAt', reportedAt);
    await frame.selectOption('#cg-field-nonVisitReason', 'road-traffic');
    await frame.fill('#cg-field-nonVisitDetail', 'Road closed at Mytholm after an accident; diverted via Heptonstall.');
    await frame.fill('#cg-field-actionsTaken', 'Phoned the office; Bea covered after her 13:00 call.');
    await frame.check('input[name="consequences"][value="late-medication"]');
    await frame.fill('#cg-field-consequencesDetail', 'Lunchtime medication given 70 minutes late.');
    await frame.selectOption('#cg-field-welfareCheckMethod', 'phone');
    await frame.check('input[name="welfareCheckResult"][value="safe"]');
    await frame.fill('#cg-field-welfareCheckOutcome', 'Edith answered at 12:45, had eaten a sandwich, felt fine.');
    await frame.check('input[name="significantHarmPossible"][value="false"]');
    await frame.check('input[name="visitStillValid"][value="true"]');
    await frame.check('input[name="coverOutcome"][value="covered-late"]');
    // Cover turned the missed visit into a late call: MV-03 wants it coded so, with the actual time.
    await expect.poll(() => frame.locator('.cg-issues [data-rule="MV-03"]').count()).toBeGreaterThan(0);
    await frame.selectOption('#cg-field-attendance', 'late-call');
    await frame.fill('#cg-field-actualVisitAt', actualVisitAt);
    await frame.check('input[name="familyInvolvement"][value="involved"]');
    await frame.check('input[name="familyInformed"][value="true"]');
    await frame.fill('#cg-field-familyInformedSteps', 'Phoned her son Mark; explained the late call and the cover.');
    await frame.fill('#cg-field-incidentReportRef', 'IR-2026-0150');
    await frame.check('input[name="safeguardingAlert"][value="false"]');
    await frame.check('input[name="misconductSuspected"][value="false"]');
    await expect.poll(() => frame.locator('.cg-issues .cg-error').count()).toBe(0);

    await frame.click('button.cg-primary');
    // Apply sets the roster's status first, which opens its actual-time box, then fills it.
    await expect.poll(() => page.inputValue('[data-input="status"]')).toBe('LATE_CALL');
    await expect.poll(() => page.inputValue('[data-input="actual-time"]')).toBe(actualVisitAt);
    await expect(page.inputValue('[data-input="incident-ref"]')).resolves.toBe('IR-2026-0150');
    await expect.poll(() => page.locator('[data-input="report"]').textContent()).toContain('[Chartguard mv/1]');
    await page.click('[data-action="save-visit"]');
    await expect.poll(() => savesFor(LATE_VISIT).then((saves) => saves.length)).toBe(1);

    const [save] = await savesFor(LATE_VISIT);
    expect(save!.status).toBe(200);
    expect(save!.body).toMatchObject({ status: 'LATE_CALL', actualTime: actualVisitAt, incidentRef: 'IR-2026-0150' });
    const report = save!.body.report;
    expect(report.split('\n')[0]).toMatch(/Edith Clarke, Mon 23 Nov 12:30: .* \[Chartguard mv\/1\]$/);
    for (const line of [
      'Service user: Edith Clarke',
      'Expected visit: 2026-11-23 12:30',
      'Visit coded as: Late call (visit took place late)',
      `Became aware of the missed visit at: ${awareAt.replace('T', ' ')}`,
      'Name of the person told: Dana Whitfield',
      'Actual visit time: 2026-11-23 13:40',
      'Incident report form reference: IR-2026-0150',
      'Consequences in detail: Lunchtime medication given 70 minutes late.',
    ]) {
      expect(report.split('\n')).toContain(line);
    }
    // The section breaks survive the contenteditable box: a blank line before each heading.
    expect(report).toContain('\n\n== Welfare check ==\n');
    await expect.poll(() => page.locator('[data-role="toast"]').textContent()).toContain('Visit saved');
    const stored = await (await fetch(`${portal.url}/roster/api/visits/${LATE_VISIT}`)).json();
    expect(stored).toMatchObject({ status: 'LATE_CALL', actualTime: actualVisitAt, incidentRef: 'IR-2026-0150' });
  });
});
