// The brief chemsex consultation and handover policy (CX) end to end on the
// Harbour case-notes demo portal: the built extension in a real Chromium,
// judged by what the portal's server received. The Chartguard note is the
// handover for the next worker; one flow runs the panel in Chinese.
import { evaluate, localize, parseChecklist, parseNote } from '@chartguard/sdk';
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import cxData from '../../checklists/cx.json';
import { uiText } from '../../i18n/panel';
import type { PortalServer } from './harness';
import { panelCanHold, panelFrame } from './panel-helpers';
import { savesOf } from './portal-api';
import { setUpPortalSession } from './portal-session';

const cx = parseChecklist(cxData);
const zh = (fieldId: string) => localize(cx.sections.flatMap((s) => s.fields).find((f) => f.id === fieldId)!.label, 'zh-CN');
// Three consultations with nothing written yet: a follow-up (Sam R.) and two first visits (Luca D., Tom K.).
const FOLLOW_UP = 'cn-7003';
const FIRST_INCOMPLETE = 'cn-7004';
const FIRST_IN_CHINESE = 'cn-7005';

interface ConsultationBody {
  consultationNote: string;
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

async function openConsultation(id: string) {
  await page.goto(`${portal.url}/casenotes/consultations/${id}`);
  const frame = await panelFrame(page);
  // The booked visit type suggests the CX checklist straight away.
  await frame.waitForSelector('#cg-field-presentationReason');
  await expect(frame.locator('.cg-choose select').inputValue()).resolves.toBe('cx');
  await panelCanHold(frame);
  return frame;
}

/** The answers every complete CX record needs beyond the visit-specific history. */
async function fillCommon(frame: Frame, text: { reason: string; use: string; goalWords: string; balance: string; plan: string }) {
  await frame.fill('#cg-field-presentationReason', text.reason);
  await frame.fill('#cg-field-recentUse', text.use);
  await frame.selectOption('#cg-field-goal', 'weekend-without');
  await frame.fill('#cg-field-goalInOwnWords', text.goalWords);
  await frame.check('input[name="motivation"][value="ambivalent"]');
  await frame.fill('#cg-field-decisionalBalance', text.balance);
  await frame.fill('#cg-field-plan', text.plan);
  await frame.check('input[name="returning"][value="booked"]');
  await frame.fill('#cg-field-returnOn', '2026-11-30');
  await frame.check('input[name="urgentRisks"][value="none"]');
  await frame.check('input[name="followUpEmailSent"][value="true"]');
  await frame.check('input[name="referralMade"][value="false"]');
  await frame.check('input[name="infoSent"][value="true"]');
  await frame.fill('#cg-field-infoSentDetail', 'GHB dosing leaflet');
  await frame.check('input[name="canExplainPlan"][value="true"]');
  await frame.check('input[name="knowsWalkIns"][value="true"]');
}

describe('chemsex consultation and handover on the Harbour case-notes demo portal', () => {
  it('holds a hand-written handover that does not meet CX: the right rules, and nothing reaches the portal', async () => {
    const frame = await openConsultation(FIRST_INCOMPLETE);
    // The booked visit type is the portal's: shown read-only, never typed.
    await expect.poll(() => frame.locator('output#cg-field-visitType').textContent()).toContain('First visit');
    await page.fill('[data-cn-field="handover"]', 'Luca came in, we talked. Will come back.');
    await page.click('[data-cn-action="save"]');
    await frame.waitForSelector('.cg-held');

    const held = await frame.locator('.cg-held [data-rule]').evaluateAll((items) => items.map((item) => item.getAttribute('data-rule')));
    const expected = evaluate(cx, {
      ...parseNote(cx, 'Luca came in, we talked. Will come back.').answers,
      visitType: 'first',
    }).blocking.map((issue) => issue.ruleId);
    expect(new Set(held)).toEqual(new Set(expected));
    for (const rule of ['CX-01', 'CX-02', 'CX-03', 'CX-04', 'CX-05', 'CX-06', 'CX-07', 'CX-08']) expect(held).toContain(rule);
    expect(held).not.toContain('CX-09');
    // The hold shown above stopped the click in its own dispatch: no save of it can be on its way.
    expect(await savesFor(FIRST_INCOMPLETE)).toEqual([]);
    await expect(page.locator('[data-cn-state]').textContent()).resolves.not.toContain('Saved at');
  });

  it('writes a complete follow-up handover, the next appointment and the risk flag, keeps the worker’s own note, and saves', async () => {
    const frame = await openConsultation(FOLLOW_UP);
    await expect.poll(() => frame.locator('output#cg-field-visitType').textContent()).toContain('Follow-up');
    const ownNote = 'Sam looked well. Talked about the new job.';
    await page.fill('[data-cn-field="consultation-note"]', ownNote);

    await frame.fill('#cg-field-goalProgress', 'Managed one weekend without chems; used the timer app the other.');
    await fillCommon(frame, {
      reason: 'Follow-up on his goal of a weekend without chems.',
      use: 'Mephedrone once at a Saturday party; no GHB since the last visit.',
      goalWords: 'I want two clear weekends this month.',
      balance: 'Pros: sleep, work. Cons: missing the party crowd.',
      plan: 'Keep Friday nights app-free; call a friend when cravings start.',
    });
    // CX-10 (v2, advisory): on a follow-up visit, triggers and craving management for the coming week.
    await frame.fill('#cg-field-triggersAndCraving', 'Saturday parties; will leave by midnight and text his sponsor.');
    await expect.poll(() => frame.locator('.cg-issues li').count()).toBe(0);

    await frame.click('button.cg-primary');
    await expect.poll(() => page.inputValue('[data-cn-field="handover"]')).toContain('[Chartguard cx/1]');
    await expect(page.inputValue('[data-cn-field="return-on"]')).resolves.toBe('2026-11-30');
    await expect(page.inputValue('[data-cn-field="risk-flag"]')).resolves.toBe('none');
    await page.click('[data-cn-action="save"]');
    await expect.poll(() => savesFor(FOLLOW_UP).then((saves) => saves.length)).toBe(1);

    const [save] = await savesFor(FOLLOW_UP);
    expect(save!.status).toBe(200);
    expect(save!.body).toMatchObject({ consultationNote: ownNote, returnOn: '2026-11-30', riskFlag: 'none' });
    const lines = save!.body.handover.split('\n');
    // The handover opens with its risk line, the entry tag at the end of the summary.
    expect(lines[0]).toMatch(/^Urgent risks: none identified\. Follow-up visit\. .* \[Chartguard cx\/1\]$/);
    for (const line of [
      'Visit type: Follow-up visit',
      'Goal accomplishment since the last visit: Managed one weekend without chems; used the timer app the other.',
      'Reason for presentation: Follow-up on his goal of a weekend without chems.',
      "The goal in the patient's own words: I want two clear weekends this month.",
      'Urgent risks: None identified',
      'Follow-up email sent: Yes',
      'What was sent: GHB dosing leaflet',
    ]) {
      expect(lines).toContain(line);
    }
    // Questions answered "no" are folded into one line at the end.
    expect(lines.find((line) => line.startsWith('Answered no: '))).toContain('Referral made');
    await expect.poll(() => page.locator('[data-cn-state]').textContent()).toContain('Saved at');
    // The next worker's view: the client page carries the handover.
    const stored = await (await fetch(`${portal.url}/casenotes/api/consultations/${FOLLOW_UP}`)).json();
    expect(stored.handover).toBe(save!.body.handover);
  });

  it('runs in Chinese: Chinese labels, a Chinese handover note that still reads back complete, and it saves', async () => {
    const frame = await openConsultation(FIRST_IN_CHINESE);
    await frame.selectOption('.cg-lang select', 'zh-CN');
    await expect
      .poll(() => frame.locator('[data-field="presentationReason"] label').first().textContent())
      .toContain(zh('presentationReason'));
    await expect(frame.locator('.cg-panel').getAttribute('lang')).resolves.toBe('zh-CN');
    await expect(frame.locator('.cg-choose').textContent()).resolves.toContain(uiText['zh-CN'].chooseChecklist);
    await expect(frame.locator('.cg-choose select option:checked').textContent()).resolves.toContain('Chemsex 简短咨询与交接记录');
    await expect(frame.locator('button.cg-primary').textContent()).resolves.toBe(uiText['zh-CN'].apply);
    await expect(frame.locator('[data-field="recentHistory"] label').first().textContent()).resolves.toContain('近期经历');

    await frame.fill('#cg-field-recentHistory', '第一次来诊所。过去一年每隔一个周末在聚会上使用。');
    await fillCommon(frame, {
      reason: '上周在聚会上晕倒后感到担心。',
      use: '周六使用了 GHB 和甲卡西酮。',
      goalWords: '想试一个周末不用。',
      balance: '利：睡眠更好。弊：会错过聚会。',
      plan: '下周五晚上不上交友软件。',
    });
    await expect.poll(() => frame.locator('.cg-issues li').count()).toBe(0);
    await frame.click('button.cg-primary');
    await expect.poll(() => page.inputValue('[data-cn-field="handover"]')).toContain('[Chartguard cx/1]');
    await page.click('[data-cn-action="save"]');
    await expect.poll(() => savesFor(FIRST_IN_CHINESE).then((saves) => saves.length)).toBe(1);

    const [save] = await savesFor(FIRST_IN_CHINESE);
    const handover = save!.body.handover;
    const lines = handover.split('\n');
    expect(lines[0]).toMatch(/^紧急风险：未发现。首次就诊。.* \[Chartguard cx\/1\]$/);
    // Chinese punctuation: a full-width colon after each label.
    expect(lines).toContain(`${zh('visitType')}：首次就诊`);
    expect(lines).toContain(`${zh('presentationReason')}：上周在聚会上晕倒后感到担心。`);
    expect(lines).toContain(`${zh('urgentRisks')}：未发现`);
    expect(handover).not.toContain('Reason for presentation');
    // The Chinese note is still a complete CX record when parsed back, as the Save guard judged it.
    const parsed = parseNote(cx, handover);
    expect(parsed.unread).toEqual([]);
    expect(evaluate(cx, parsed.answers).blocking).toEqual([]);
    expect(save!.body).toMatchObject({ returnOn: '2026-11-30', riskFlag: 'none' });
  });
});
