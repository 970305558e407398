// #15 part 6, part 7 and G-01 end to end on the Harbour case-notes demo
// portal, in real Chromium with the built extension: the last consultation's
// goal, plan and risk reach the next worker as prompts (read from the portal's
// own history pane through the adapter), the entry names the portal's
// signed-in user, and "no checklist" is asked about, logged and written into
// the record the portal's server receives.
import { parseChecklist, renderNote } from '@chartguard/sdk';
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import cxData from '../../checklists/cx.json';
import { E2E_AUTHOR, type PortalServer } from './harness';
import { panelCanHold, panelFrame } from './panel-helpers';
import { savesOf } from './portal-api';
import { setUpPortalSession } from './portal-session';

const cx = parseChecklist(cxData);
// Sam R.: cn-7002 (16 Nov, Jess Bright) is the consultation before the follow-up cn-7003.
const PREVIOUS = 'cn-7002';
const FOLLOW_UP = 'cn-7003';
// Luca D.'s first visit, nothing written yet.
const FIRST_VISIT = 'cn-7004';
const SIGNED_IN = 'Jess Bright';

const LAST_TIME = {
  visitType: 'follow-up',
  goalProgress: 'Used the timer app, no incidents.',
  presentationReason: 'Follow-up after the GHB overdose.',
  recentUse: 'Mephedrone and GHB every other weekend.',
  goal: 'weekend-without',
  goalInOwnWords: 'One clean weekend before Christmas.',
  motivation: 'motivated',
  plan: 'Plan a weekend away with friends who do not use.',
  returning: 'booked',
  returnOn: '2026-11-23',
  urgentRisks: 'identified',
  riskDescription: 'Using GHB alone at home.',
  riskAction: 'Agreed a buddy plan and gave the crisis line.',
  followUpEmailSent: false,
  referralMade: false,
  infoSent: false,
};

interface ConsultationBody {
  handover: string;
  returnOn: string;
  riskFlag: string;
}

let portal: PortalServer;
let page: Page;
setUpPortalSession(['casenotes'], (session) => {
  ({ portal, page } = session);
});

const savesFor = async (id: string) => (await savesOf<ConsultationBody>(portal, 'casenotes')).filter((save) => save.consultationId === id);

async function auditEvents(frame: Frame): Promise<{ type: string; reason?: string; checklist: string; record: string }[]> {
  const reply = await frame.evaluate(() =>
    (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
      type: 'audit.list',
    }),
  );
  return (reply as { value?: { type: string; reason?: string; checklist: string; record: string }[] }).value ?? [];
}

describe('the handover reaches the next worker', () => {
  it('shows last time’s goal, plan and risk on the follow-up, offers the plan as a starting point, and the saved entry names the signed-in user', async () => {
    const previousNote = renderNote(cx, LAST_TIME);
    const seeded = await fetch(`${portal.url}/casenotes/api/consultations/${PREVIOUS}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ handover: previousNote }),
    });
    expect(seeded.status).toBe(200);

    await page.goto(`${portal.url}/casenotes/consultations/${FOLLOW_UP}`);
    // The portal's own history pane shows the previous handover, risk included.
    const history = page.locator('[data-cn-previous] .cn-previous-handover');
    await expect(history.isVisible()).resolves.toBe(true);
    await expect(history.textContent()).resolves.toBe(previousNote);

    const frame = await panelFrame(page);
    await frame.waitForSelector('[data-testid="last-consultation"][data-state="structured"]');
    const last = frame.locator('[data-testid="last-consultation"]');
    await expect(last.locator('h2').textContent()).resolves.toBe('Last time: 2026-11-16 14:00, Jess Bright');
    await expect(last.locator('[data-last="goal"] dd').textContent()).resolves.toContain('One clean weekend before Christmas.');
    await expect(last.locator('[data-last="plan"] dd').textContent()).resolves.toContain(LAST_TIME.plan);
    await expect(last.locator('[data-last="risk"] dd').textContent()).resolves.toContain('Using GHB alone at home.');
    await expect(frame.locator('[data-testid="last-risk"]').textContent()).resolves.toContain('CX-07');
    // "Last time" above the questions it concerns.
    await expect(frame.locator('[data-testid="last-prompt-risk"]').textContent()).resolves.toContain('Using GHB alone at home.');
    // The author is the portal's signed-in user, and the panel says so.
    await expect(frame.locator('[data-testid="author-source"]').getAttribute('data-source')).resolves.toBe('portal');
    await expect(frame.locator('[data-testid="author-source"]').textContent()).resolves.toContain(SIGNED_IN);

    // Offered, not written: the plan is copied into the panel only on the clinician's click, and nothing reaches the portal.
    await expect(frame.inputValue('#cg-field-plan')).resolves.toBe('');
    await frame.getByRole('button', { name: 'Start from last time’s plan' }).click();
    await expect.poll(() => frame.inputValue('#cg-field-plan')).toBe(LAST_TIME.plan);
    await expect(page.inputValue('[data-cn-field="handover"]')).resolves.toBe('');
    await frame.fill('#cg-field-plan', `${LAST_TIME.plan} Try it on 5 Dec.`);

    await frame.fill('#cg-field-goalProgress', 'Had one weekend without chems.');
    await frame.fill('#cg-field-presentationReason', 'Follow-up on the weekend goal.');
    await frame.fill('#cg-field-recentUse', 'Mephedrone once; no GHB.');
    await frame.selectOption('#cg-field-goal', 'weekend-without');
    await frame.check('input[name="motivation"][value="motivated"]');
    await frame.check('input[name="returning"][value="booked"]');
    await frame.fill('#cg-field-returnOn', '2026-11-30');
    await frame.check('input[name="urgentRisks"][value="none"]');
    await frame.check('input[name="followUpEmailSent"][value="false"]');
    await frame.check('input[name="referralMade"][value="false"]');
    await frame.check('input[name="infoSent"][value="false"]');
    await frame.click('button.cg-primary');
    await expect.poll(() => page.inputValue('[data-cn-field="handover"]')).toContain('[Chartguard cx/1]');
    await page.click('[data-cn-action="save"]');
    await expect.poll(() => savesFor(FOLLOW_UP).then((saves) => saves.length)).toBe(1);
    const handover = (await savesFor(FOLLOW_UP))[0]!.body.handover;
    expect(handover).toMatch(new RegExp(`^Entry by ${SIGNED_IN}, \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$`, 'm'));
    expect(handover).not.toContain(E2E_AUTHOR);
    expect(handover).toContain(`Plan for the coming weeks: ${LAST_TIME.plan} Try it on 5 Dec.`);
  });
});

describe('choosing no checklist is never a silent bypass', () => {
  it('holds Save until a reason is given, then writes the choice and the reason into the record the portal saves, and logs it', async () => {
    await page.goto(`${portal.url}/casenotes/consultations/${FIRST_VISIT}`);
    const frame = await panelFrame(page);
    await frame.waitForSelector('#cg-field-presentationReason');
    // A first visit: no "last time" prompts.
    await expect(frame.locator('[data-testid="last-consultation"]').count()).resolves.toBe(0);

    await frame.selectOption('.cg-choose select', '');
    await frame.waitForSelector('[data-testid="no-checklist"]');
    // Not confirmed yet: the suggested checklist still holds Save.
    await page.click('[data-cn-action="save"]');
    await frame.waitForSelector('.cg-held [data-rule]');
    expect(await savesFor(FIRST_VISIT)).toEqual([]);

    const reason = 'Client left before the consultation began.';
    await frame.fill('[data-testid="no-checklist"] textarea', reason);
    await frame.getByRole('button', { name: 'Use no checklist' }).click();
    await frame.waitForSelector('[data-testid="no-checklist-done"]');
    const line = `No checklist used; suggested: Brief chemsex consultation and handover note (cx); reason: ${reason}`;
    // What the user sees in the portal's own field.
    await expect.poll(() => page.inputValue('[data-cn-field="handover"]')).toContain(line);
    await expect(frame.locator('.cg-choose select').inputValue()).resolves.toBe('');

    await page.click('[data-cn-action="save"]');
    await expect.poll(() => savesFor(FIRST_VISIT).then((saves) => saves.length)).toBe(1);
    const save = (await savesFor(FIRST_VISIT))[0]!;
    expect(save.status).toBe(200);
    const [author, written, ...rest] = save.body.handover.split('\n');
    expect(author).toMatch(new RegExp(`^Entry by ${SIGNED_IN}, \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$`));
    expect(written).toBe(line);
    expect(rest).toEqual([]);
    const logged = (await auditEvents(frame)).filter((event) => event.type === 'no-checklist');
    expect(logged).toEqual([expect.objectContaining({ checklist: 'cx', record: FIRST_VISIT, reason })]);

    // Opened again, the record is not held to the checklist it says was set aside, with its reason.
    await page.reload();
    const again = await panelFrame(page);
    // Read, and Save pressed, once the panel has the record on screen and can hold a Save: a Save pressed before
    // then goes through unjudged, which would pass this test without testing it.
    await panelCanHold(again);
    await expect(again.locator('.cg-choose select').inputValue()).resolves.toBe('');
    await page.click('[data-cn-action="save"]');
    await expect.poll(() => savesFor(FIRST_VISIT).then((saves) => saves.length)).toBe(2);
    await expect(again.locator('.cg-held [data-rule]').count()).resolves.toBe(0);
  });
});

describe('where the portal shows no signed-in user', () => {
  it('the entry author is the name typed once, and the panel says so', async () => {
    await page.goto(`${portal.url}/mpb/sessions/s-2003`);
    const frame = await panelFrame(page);
    await page.selectOption('#attendance', { label: 'Appointment Cancelled by Therapist/VHG' });
    await frame.waitForSelector('[data-testid="author-source"]');
    await expect(frame.locator('[data-testid="author-source"]').getAttribute('data-source')).resolves.toBe('typed');
    await expect(frame.inputValue('#cg-author')).resolves.toBe(E2E_AUTHOR);
  });
});
