// Follow-up sessions (FUS) and initial assessments (IA) end to end on the MPB
// demo portal: the session type on the page picks the checklist, and what the
// portal's server received is checked (attendance label, next session, note).
import { evaluate, parseChecklist } from '@chartguard/sdk';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import fusData from '../../checklists/fus.json';
import iaData from '../../checklists/ia.json';
import type { PortalServer } from './harness';
import { panelCanHold, panelFrame } from './panel-helpers';
import { savesOf } from './portal-api';
import { setUpPortalSession } from './portal-session';

const fus = parseChecklist(fusData);
const ia = parseChecklist(iaData);
// Unrecorded sessions: Sam Okafor's follow-up (prefers SMS), Priya Natarajan's
// follow-up (email), Rafael Ortiz's and Ada Mensah's initial assessments.
const FUS_COMPLETE = 's-2012';
const FUS_INCOMPLETE = 's-2006';
const IA_COMPLETE = 's-2020';
const IA_INCOMPLETE = 's-2022';

interface SessionBody {
  attendance: string;
  clinicalNote: string;
  nextSession: string;
}

let portal: PortalServer;
let page: Page;
setUpPortalSession(['mpb'], (session) => {
  ({ portal, page } = session);
});

const savesFor = async (id: string) => (await savesOf<SessionBody>(portal, 'mpb')).filter((save) => save.sessionId === id);
const heldRules = (frame: Awaited<ReturnType<typeof panelFrame>>) =>
  frame.locator('.cg-held [data-rule]').evaluateAll((items) => items.map((item) => item.getAttribute('data-rule')));

async function openSession(id: string, checklist: 'fus' | 'ia') {
  await page.goto(`${portal.url}/mpb/sessions/${id}`);
  const frame = await panelFrame(page);
  // The session type shown on the page suggests the checklist.
  await expect.poll(() => frame.locator('.cg-choose select').inputValue()).toBe(checklist);
  await panelCanHold(frame);
  return frame;
}

describe('follow-up sessions on the MPB demo portal', () => {
  it('holds an attended follow-up without its session record: the right FUS rules, nothing saved', async () => {
    const frame = await openSession(FUS_INCOMPLETE, 'fus');
    await page.selectOption('#attendance', { label: 'Attended' });
    await page.fill('#clinical-note', 'Good session, talked about presentations.');
    await page.click('#save-session');
    await frame.waitForSelector('.cg-held');
    const held = await heldRules(frame);
    const expected = evaluate(fus, { attendance: 'attended', sessionAt: '2026-11-24T10:00', preferredChannel: 'email' }).blocking.map(
      (issue) => issue.ruleId,
    );
    expect(new Set(held)).toEqual(new Set(expected));
    for (const rule of ['FUS-02', 'FUS-03', 'FUS-04', 'FUS-07']) expect(held).toContain(rule);
    // The hold shown above stopped the click in its own dispatch: no save of it can be on its way.
    expect(await savesFor(FUS_INCOMPLETE)).toEqual([]);
  });

  it('writes a complete follow-up (attendance, next session, note) into the portal and lets it save', async () => {
    const frame = await openSession(FUS_COMPLETE, 'fus');
    await expect(frame.locator('#cg-field-sessionAt').textContent()).resolves.toContain('2026-11-26 09:00');
    await frame.selectOption('#cg-field-attendance', 'attended');
    await frame.check('input[name="reviewedBeforeSession"][value="previous-notes"]');
    await frame.check('input[name="reviewedBeforeSession"][value="treatment-goals"]');
    await frame.fill('#cg-field-successes', 'Kept to the revision timetable four days out of five.');
    await frame.fill('#cg-field-challenges', 'Still skipping lunch on exam days.');
    await frame.fill('#cg-field-sessionOutcome', 'Agreed a lunch alarm and a ten-minute walk after each block.');
    await frame.fill('#cg-field-observations', 'Brighter, more eye contact than last week.');
    await frame.fill('#cg-field-clientFeedback', 'Sam said the timetable helps.');
    await frame.check('input[name="measuresUsed"][value="phq-9"]');
    await frame.fill('#cg-field-phq9Score', '11');
    await frame.check('input[name="measuresUsed"][value="gad-7"]');
    await frame.fill('#cg-field-gad7Score', '9');
    await frame.check('input[name="planChanged"][value="false"]');
    await frame.check('input[name="nextAppointment"][value="booked"]');
    await frame.fill('#cg-field-nextAppointmentAt', '2026-12-03T09:00');
    // The client's preferred channel comes from the portal's record.
    await expect.poll(() => frame.locator('output#cg-field-preferredChannel').textContent()).toContain('SMS');
    await frame.selectOption('#cg-field-reminderChannel', 'sms');
    await frame.check('input[name="infoShared"][value="false"]');
    await frame.check('input[name="transferring"][value="false"]');
    await expect.poll(() => frame.locator('.cg-issues [data-rule]:not([data-rule="FUS-04"])').count()).toBe(0);

    await frame.click('button.cg-primary');
    await expect.poll(() => page.inputValue('#attendance')).toBe('Attended');
    await expect.poll(() => page.inputValue('#next-session')).toBe('2026-12-03T09:00');
    await page.click('#save-session');
    await expect.poll(() => savesFor(FUS_COMPLETE).then((saves) => saves.length)).toBe(1);

    const [save] = await savesFor(FUS_COMPLETE);
    expect(save!.status).toBe(200);
    expect(save!.body).toMatchObject({ attendance: 'Attended', nextSession: '2026-12-03T09:00' });
    const lines = save!.body.clinicalNote.split('\n');
    // The note opens with its one-line summary (weekday with the date), the entry tag at its end.
    expect(lines[0]).toMatch(/Session Thu 26 Nov 09:00 attended\. .*Next appointment Thu 3 Dec 09:00\. \[Chartguard fus\/1\]$/);
    for (const line of [
      'Attendance: Attended',
      'Session: 2026-11-26 09:00',
      'Successes: Kept to the revision timetable four days out of five.',
      'PHQ-9 score: 11',
      'GAD-7 score: 9',
      'Next appointment on: 2026-12-03 09:00',
    ]) {
      expect(lines).toContain(line);
    }
    // The portal booked the next session from the written field.
    const session = await (await fetch(`${portal.url}/mpb/api/sessions/${FUS_COMPLETE}`)).json();
    expect(session).toMatchObject({ attendance: 'Attended', nextSession: '2026-12-03T09:00', sessionType: 'follow-up' });
  });
});

describe('initial assessments on the MPB demo portal', () => {
  it('a did-not-attend at an initial assessment gets the checklist that holds the DNA duty (FUS-09), never none', async () => {
    // s-2021: an initial assessment recorded as Did Not Attend, with a hand-written note only. The adapter
    // suggests nothing for a DNA at an assessment; the page's checklist whose rules name the code is offered.
    const frame = await openSession('s-2021', 'fus');
    await page.click('#save-session');
    await frame.waitForSelector('.cg-held');
    expect((await heldRules(frame)).length).toBeGreaterThan(0);
    expect(await savesFor('s-2021')).toEqual([]);
  });

  it('holds an assessment applied as not suitable but with nothing else: the right IA rules, nothing saved', async () => {
    const frame = await openSession(IA_INCOMPLETE, 'ia');
    await page.selectOption('#attendance', { label: 'Attended' });
    await expect(frame.locator('.cg-choose select').inputValue()).resolves.toBe('ia');
    await frame.check('input[name="suitability"][value="not-suitable"]');
    await frame.click('button.cg-primary');
    await expect.poll(() => page.inputValue('#clinical-note')).toContain('[Chartguard ia/1]');
    await page.click('#save-session');
    await frame.waitForSelector('.cg-held');
    const held = await heldRules(frame);
    const expected = evaluate(ia, { suitability: 'not-suitable', assessmentAt: '2026-11-27T10:00' }).blocking.map((issue) => issue.ruleId);
    expect(new Set(held)).toEqual(new Set(expected));
    for (const rule of ['IA-01', 'IA-02', 'IA-04']) expect(held).toContain(rule);
    // The hold shown above stopped the click in its own dispatch: no save of it can be on its way.
    expect(await savesFor(IA_INCOMPLETE)).toEqual([]);
  });

  it('writes a complete initial assessment into the portal, books the next session, and lets it save', async () => {
    const frame = await openSession(IA_COMPLETE, 'ia');
    await page.selectOption('#attendance', { label: 'Attended' });
    await expect(frame.locator('#cg-field-assessmentAt').textContent()).resolves.toContain('2026-11-24 15:00');
    await frame.check('input[name="suitability"][value="suitable"]');
    await frame.check('input[name="practitionerFit"][value="yes"]');
    await frame.fill('#cg-field-riskToSelf', 'No current thoughts of self-harm; one episode in 2019, none since.');
    await frame.fill('#cg-field-riskToOthers', 'None reported or observed.');
    await frame.check('input[name="riskConcern"][value="false"]');
    for (const policy of ['cancellation', 'platform-terms', 'privacy', 'making-the-most']) {
      await frame.check(`input[name="policiesReviewed"][value="${policy}"]`);
    }
    await frame.check('input[name="detailsCollected"][value="true"]');
    await frame.check('input[name="detailsKinds"][value="gp"]');
    await frame.check('input[name="detailsKinds"][value="emergency-contact"]');
    await frame.check('input[name="storedSecurely"][value="true"]');
    await frame.fill('#cg-field-useAgreed', 'GP contacted only with Rafael’s consent or in an emergency.');
    await frame.check('input[name="measuresUsed"][value="core-10"]');
    await frame.fill('#cg-field-core10Score', '18');
    await frame.check('input[name="wishesToContinue"][value="yes"]');
    await frame.check('input[name="bookingRoute"][value="booked"]');
    await frame.fill('#cg-field-nextSessionAt', '2026-12-01T15:00');
    await expect.poll(() => frame.locator('.cg-issues li').count()).toBe(0);

    await frame.click('button.cg-primary');
    await expect.poll(() => page.inputValue('#next-session')).toBe('2026-12-01T15:00');
    await page.click('#save-session');
    await expect.poll(() => savesFor(IA_COMPLETE).then((saves) => saves.length)).toBe(1);

    const [save] = await savesFor(IA_COMPLETE);
    expect(save!.status).toBe(200);
    expect(save!.body).toMatchObject({ attendance: 'Attended', nextSession: '2026-12-01T15:00' });
    const lines = save!.body.clinicalNote.split('\n');
    expect(lines[0]).toMatch(
      /Initial assessment Tue 24 Nov 15:00: client suitable for the service\. .*Next session Tue 1 Dec 15:00\. \[Chartguard ia\/1\]$/,
    );
    for (const line of [
      'Assessment session: 2026-11-24 15:00',
      'Client suitable for Unmind Talk: Suitable',
      'CORE-10 score: 18',
      'Next session: 2026-12-01 15:00',
    ]) {
      expect(lines).toContain(line);
    }
    // The portal booked the follow-up from the written field.
    const record = await (await fetch(`${portal.url}/mpb/clients/c-1007`)).text();
    expect(record).toContain('data-iso="2026-12-01T15:00"');
  });
});
