// Append-only entries end to end (#15 part 1, G-01 G-02): the built extension
// in real Chromium on the MPB demo portal. A record already holding a
// Chartguard entry and hand-written lines below it is edited and applied; the
// portal's server must receive every earlier byte, then a new dated entry
// naming its author.
import { composeEntry, parseChecklist } from '@chartguard/sdk';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { E2E_AUTHOR, ROOT, portalSaves, type PortalServer } from './harness';
import { localDateTime, panelCanHold, panelFrame, renderedCount } from './panel-helpers';
import { setUpPortalSession } from './portal-session';

const snc = parseChecklist(JSON.parse(fs.readFileSync(path.join(ROOT, 'checklists', 'snc.json'), 'utf8')));
const SESSION = 's-2003';
const CANCELLED_LABEL = 'Appointment Cancelled by Therapist/VHG';

let portal: PortalServer;
let page: Page;
setUpPortalSession(['mpb'], (session) => {
  ({ portal, page } = session);
});

interface Save {
  sessionId: string;
  body: { attendance: string; clinicalNote: string; nextSession: string };
}

async function savesFor(sessionId: string): Promise<Save[]> {
  return ((await portalSaves(portal)) as Save[]).filter((save) => save.sessionId === sessionId);
}

describe('Apply appends to the portal’s note and never rewrites it', () => {
  it('an edited record keeps its earlier entry and both hand-written lines byte for byte, and the new entry names author and time', async () => {
    const sessionAt = ((await (await fetch(`${portal.url}/mpb/api/sessions/${SESSION}`)).json()) as { start: string }).start;
    const rebookedAt = localDateTime(7 * 24 * 60);
    const earlier = composeEntry({
      checklist: snc,
      record: {
        attendance: 'cancelled-by-provider',
        sessionAt,
        informedAt: localDateTime(-60),
        contactMethod: 'phone',
        preferredMethod: 'phone',
        rebookOutcome: 'rebooked',
        rebookedAt,
        nextSessionInPortal: rebookedAt,
        agreed: 'We agreed to meet next week at the same time.',
        riskConcern: false,
        clientUnhappy: false,
        absenceSignificant: false,
        absenceLonger: false,
        recordedAt: localDateTime(-50),
      },
      existing: '',
      author: { name: 'Priya Shah' },
      at: localDateTime(-50),
    }).note;
    const seeded = await fetch(`${portal.url}/mpb/api/sessions/${SESSION}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ attendance: CANCELLED_LABEL, clinicalNote: earlier, nextSession: rebookedAt }),
    });
    expect(seeded.status).toBe(200);
    const before = (await savesFor(SESSION)).length;

    await page.goto(`${portal.url}/mpb/sessions/${SESSION}`);
    const frame = await panelFrame(page);
    await panelCanHold(frame);
    const snapshots = () => renderedCount(frame, 'page');
    const seen = await snapshots();
    // Two lines typed by hand below the Chartguard entry, in the portal's own field.
    const handWritten = `${earlier}\nContinued: client sounded tired on the phone.\nAddendum: client emailed, low mood worse`;
    await page.fill('#clinical-note', handWritten);
    // The record is edited once the panel has the typed lines, not while their snapshot is still on its way.
    await expect.poll(snapshots).toBeGreaterThan(seen);
    await frame.getByRole('button', { name: 'Edit this record' }).click();
    await frame.waitForSelector('#cg-field-agreed');
    await frame.fill('#cg-field-agreed', 'Moved to the Thursday slot; will check in about mood.');
    await frame.getByRole('button', { name: 'Apply to record' }).click();

    // What the user sees in the portal's field: the earlier text untouched, then the amendment.
    await expect.poll(() => page.inputValue('#clinical-note')).toContain('Amendment to the entry of');
    const shown = await page.inputValue('#clinical-note');
    expect(shown.startsWith(handWritten)).toBe(true);

    await page.click('#save-session');
    await expect.poll(() => savesFor(SESSION).then((saves) => saves.length)).toBe(before + 1);
    const note = (await savesFor(SESSION)).at(-1)!.body.clinicalNote;
    expect(note.startsWith(handWritten)).toBe(true);
    const added = note.slice(handWritten.length);
    expect(added).toMatch(new RegExp(`Entry by ${E2E_AUTHOR}, \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}`));
    expect(added).toContain('Moved to the Thursday slot; will check in about mood.');
    expect(note).toContain('Continued: client sounded tired on the phone.\nAddendum: client emailed, low mood worse');
  });

  it('an override writes its pending rule ids and reason into the entry the portal saves (G-04)', async () => {
    await page.goto(`${portal.url}/mpb/sessions/${SESSION}`);
    const frame = await panelFrame(page);
    await panelCanHold(frame);
    await page.selectOption('#attendance', { label: CANCELLED_LABEL });
    await frame.waitForSelector('#cg-field-informedAt');
    await page.click('#save-session');
    await frame.waitForSelector('.cg-held [data-rule]');
    const held = await frame.locator('.cg-held li[data-rule]').evaluateAll((items) => items.map((item) => item.getAttribute('data-rule')!));
    expect(held.length).toBeGreaterThan(0);
    expect(await savesFor(SESSION)).toEqual([]);

    const reason = 'Client in crisis, full note follows after the call.';
    await frame.fill('.cg-held textarea', reason);
    await frame.click('.cg-held button.cg-danger');
    await expect.poll(() => savesFor(SESSION).then((saves) => saves.length)).toBe(1);
    const note = (await savesFor(SESSION))[0]!.body.clinicalNote;
    expect(note).toContain(`Override (G-04): ${[...new Set(held)].join(', ')}. Reason: ${reason}`);
    expect(note).toMatch(new RegExp(`Entry by ${E2E_AUTHOR}, \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}`));
    // What the user sees in the portal's field is what was saved.
    expect(await page.inputValue('#clinical-note')).toBe(note);
  });
});
