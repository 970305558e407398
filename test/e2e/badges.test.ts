// Compliance badges on record lists, end to end: the built extension in a real
// Chromium on generated MPB caseloads with a known mix of records. Badges live
// in closed shadow roots, so the tests read them the way DevTools does (CDP
// with pierce), and read verdicts from the row attribute the badges set.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { parseChecklist, renderNote } from '@chartguard/sdk';
import { generateCaseload, type GeneratedRow } from '../../demo/mpb/generated.mjs';
import { launchWithExtension, resetPortal, ROOT, startPortal, type ExtensionBrowser, type PortalServer } from './harness';
import { contentScriptSettled, localDateTime } from './panel-helpers';

// Evaluated in the extension's service worker, where `chrome` is the extension API.
declare const chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void>; remove(key: string): Promise<void> } } };

const ACTION = ['attention', 'overdue', 'incomplete'];
const BADGE_LABEL: Record<string, string> = {
  complete: 'Complete',
  incomplete: 'Incomplete',
  overdue: 'Overdue',
  attention: 'Needs attention',
  unstructured: 'Not structured',
};
const checklist = (id: string) => parseChecklist(JSON.parse(readFileSync(`${ROOT}/checklists/${id}.json`, 'utf8')));
const snc = checklist('snc');
const mv = checklist('mv');
const cx = checklist('cx');

let portal: PortalServer;
let browser: ExtensionBrowser;
let page: Page;

beforeAll(async () => {
  portal = await startPortal();
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

async function setSettings(settings: Record<string, unknown> | undefined) {
  const worker = await browser.serviceWorker();
  await worker.evaluate(
    (value) => (value === undefined ? chrome.storage.local.remove('settings') : chrome.storage.local.set({ settings: value })),
    settings,
  );
}

beforeEach(async () => {
  await resetPortal(portal);
  for (const prefix of ['roster', 'casenotes']) await fetch(`${portal.url}/${prefix}/api/reset`, { method: 'POST' });
  await setSettings(undefined);
  await page?.close();
  page = await browser.context.newPage();
});

// ---------------------------------------------------------------- reading the page

const caseloadUrl = (params: Record<string, string | number>) =>
  `${portal.url}/mpb/caseload?${new URLSearchParams(Object.entries(params).map(([key, value]) => [key, String(value)]))}`;

async function expectedRows(params: { rows: number; seed: number; kinds?: string }): Promise<GeneratedRow[]> {
  return generateCaseload({ rows: params.rows, seed: params.seed, kinds: params.kinds?.split(',') as GeneratedRow['kind'][] | undefined });
}

/** Row id → badge attribute, once every row of the list carries one. */
async function rowBadges(rows = 'tr.caseload-row', idAttribute = 'data-session-id'): Promise<Record<string, string>> {
  await page.waitForFunction((selector) => {
    const found = [...document.querySelectorAll(selector)];
    return found.length > 0 && found.every((row) => row.hasAttribute('data-chartguard-badge'));
  }, rows);
  return page.evaluate(
    ([selector, id]) =>
      Object.fromEntries(
        [...document.querySelectorAll(selector!)].map((row) => [row.getAttribute(id!)!, row.getAttribute('data-chartguard-badge')!]),
      ),
    [rows, idAttribute],
  );
}

async function post(path: string, body: Record<string, unknown>) {
  const res = await fetch(`${portal.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
}

interface DomNode {
  nodeId: number;
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

const attr = (node: DomNode, name: string): string | undefined => {
  const list = node.attributes ?? [];
  for (let i = 0; i < list.length; i += 2) if (list[i] === name) return list[i + 1];
  return undefined;
};

function walk(node: DomNode, visit: (node: DomNode) => void) {
  visit(node);
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) walk(child, visit);
}

function findAll(node: DomNode, predicate: (node: DomNode) => boolean): DomNode[] {
  const out: DomNode[] = [];
  walk(node, (candidate) => {
    if (predicate(candidate)) out.push(candidate);
  });
  return out;
}

function textOf(node: DomNode): string {
  let text = '';
  walk(node, (candidate) => {
    if (candidate.nodeType === 3) text += candidate.nodeValue;
  });
  return text;
}

let cdp: CDPSession | undefined;
/** The whole DOM, closed shadow roots included, as DevTools sees it. */
async function domTree(): Promise<DomNode> {
  cdp ??= await browser.context.newCDPSession(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  return root;
}
beforeEach(() => {
  cdp = undefined;
});

async function shadowOf(tag: string): Promise<DomNode> {
  const [host] = findAll(await domTree(), (node) => node.nodeName === tag.toUpperCase());
  expect(host, `${tag} is on the page`).toBeDefined();
  expect(host!.shadowRoots?.length, `${tag} has a shadow root`).toBe(1);
  return host!.shadowRoots![0]!;
}

async function drawnBadges(): Promise<{ node: DomNode; label: string; badge: string }[]> {
  const root = await shadowOf('chartguard-badges');
  return findAll(root, (node) => node.nodeName === 'BUTTON').map((node) => ({
    node,
    label: attr(node, 'aria-label') ?? '',
    badge: attr(node, 'data-badge') ?? '',
  }));
}

async function popoverText(): Promise<string | null> {
  const root = await shadowOf('chartguard-badges');
  const [pop] = findAll(root, (node) => attr(node, 'class') === 'pop');
  if (!pop || attr(pop, 'hidden') !== undefined) return null;
  return textOf(pop);
}

async function summaryText(): Promise<string> {
  const root = await shadowOf('chartguard-summary');
  return findAll(root, (node) => node.nodeName === 'DIV')
    .map(textOf)
    .join(' ');
}

async function center(node: DomNode): Promise<{ x: number; y: number }> {
  cdp ??= await browser.context.newCDPSession(page);
  const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId: node.backendNodeId })) as { model: { border: number[] } };
  const [x1, y1, , , x3, y3] = model.border;
  return { x: (x1! + x3!) / 2, y: (y1! + y3!) / 2 };
}

/** vi.waitFor's own limit (1 s) is shorter than a busy machine takes to draw; as long as expect.poll waits here. */
const WAIT = { timeout: 10_000, interval: 50 };

/**
 * Clicks the summary's filter button once it can take the click: the bar placed (while its spot is checked it is
 * hidden and may still move) and the button enabled (it is disabled until the counts show a record needing
 * action, and the counts are drawn the frame after the grades land).
 */
async function clickSummaryToggle() {
  const button = await vi.waitFor(async () => {
    const root = await shadowOf('chartguard-summary');
    const [bar] = findAll(root, (node) => attr(node, 'class')?.split(' ').includes('bar') ?? false);
    const [toggle] = findAll(root, (node) => node.nodeName === 'BUTTON');
    if (!bar || attr(bar, 'class')!.split(' ').includes('pending')) throw new Error('the summary bar is not placed yet');
    if (!toggle || attr(toggle, 'disabled') !== undefined) throw new Error('the summary’s filter button is not enabled yet');
    return toggle;
  }, WAIT);
  const { x, y } = await center(button);
  await page.mouse.click(x, y);
}

const idOf = (label: string) => /record (\S+)$/.exec(label)?.[1];

/** Sum of evaluations reported by the badges since the page loaded. */
const evaluations = () =>
  page.evaluate(() =>
    performance
      .getEntriesByName('chartguard:badges:graded')
      .reduce((sum, entry) => sum + ((entry as PerformanceMark).detail as { evaluations: number }).evaluations, 0),
  );
const gradedPasses = () => page.evaluate(() => performance.getEntriesByName('chartguard:badges:graded').length);

// ---------------------------------------------------------------- tests

describe('compliance badges on the MPB caseload', () => {
  it('shows the expected badge on each record of a known mix, in closed shadow roots the portal cannot restyle', async () => {
    const params = { rows: 60, seed: 7 };
    const expected = await expectedRows(params);
    expect(new Set(expected.map((row) => row.kind))).toEqual(
      new Set(['complete', 'incomplete', 'overdue', 'risk', 'handwritten', 'upcoming']),
    );
    await page.goto(caseloadUrl(params));
    const badges = await rowBadges();
    expect(badges).toEqual(Object.fromEntries(expected.map((row) => [row.session.id, row.expected])));

    // The summary counts what needs action.
    const action = expected.filter((row) => ACTION.includes(row.expected));
    const count = (badge: string) => expected.filter((row) => row.expected === badge).length;
    await expect.poll(summaryText).toContain(`${action.length} of 60 records need action`);
    const summary = await summaryText();
    // v2: the breakdown also counts missing notes (G-03) and notes to check (G-06).
    expect(summary).toContain(
      `${count('attention')} attention · ${count('overdue')} overdue · ${count('missing')} missing · ${count('incomplete')} incomplete · ${count('check')} to check`,
    );
    expect(summary).toContain(`${count('unstructured')} not structured`);
    // It floats in the free strip above the list: the portal's layout does not move for it.
    expect(await page.evaluate(() => document.querySelector('chartguard-summary')!.parentElement === document.documentElement)).toBe(true);
    const [barNode] = findAll(await shadowOf('chartguard-summary'), (node) => attr(node, 'class')?.split(' ').includes('bar') ?? false);
    const barBox = (await cdp!.send('DOM.getBoxModel', { backendNodeId: barNode!.backendNodeId })) as { model: { border: number[] } };
    const tableTop = await page.evaluate(() => document.querySelector('table#caseload')!.getBoundingClientRect().top);
    expect(barBox.model.border[5]!).toBeLessThanOrEqual(tableTop);

    // Badges are drawn for the rows in and near view, each with its row's verdict. They are drawn the frame after
    // their grades land on the rows: awaited, not read once.
    await expect.poll(async () => (await drawnBadges()).length).toBeGreaterThan(10);
    const drawn = await drawnBadges();
    for (const badge of drawn) {
      const id = idOf(badge.label)!;
      expect(badge.badge, id).toBe(badges[id]);
      // v2: markers (open count, late, risk recorded) follow the badge's name in brackets, never instead of it.
      expect(badge.label.startsWith(BADGE_LABEL[badges[id]!]!), badge.label).toBe(true);
      expect(badge.label).toMatch(new RegExp(`^[^:(]+( \\([^)]+\\))?: record ${id}$`));
    }

    // The portal's scripts cannot reach into the badges...
    expect(
      await page.evaluate(() => ['chartguard-badges', 'chartguard-summary'].map((tag) => document.querySelector(tag)?.shadowRoot ?? null)),
    ).toEqual([null, null]);
    // ...and its stylesheet cannot hide or restyle them.
    // getComputedStyle recalculates style at once: no wait is needed for the new sheet to count.
    await page.addStyleTag({
      content:
        'chartguard-badges, chartguard-summary { display: none !important; } button, span, svg { display: none !important; background: red !important; }',
    });
    expect(
      await page.evaluate(() =>
        ['chartguard-badges', 'chartguard-summary'].map((tag) => getComputedStyle(document.querySelector(tag)!).display),
      ),
    ).toEqual(['block', 'block']);
    const [first] = await drawnBadges();
    const box = await center(first!.node);
    expect(box.x).toBeGreaterThan(0);
    const style = (await cdp!.send('CSS.enable').then(() => cdp!.send('CSS.getComputedStyleForNode', { nodeId: first!.node.nodeId }))) as {
      computedStyle: { name: string; value: string }[];
    };
    expect(style.computedStyle.find((entry) => entry.name === 'background-color')?.value).not.toBe('rgb(255, 0, 0)');
  });

  it('opens the reasons on hover and on keyboard focus: failing rule ids, plain messages, and how late', async () => {
    const params = { rows: 12, seed: 21, kinds: 'complete,incomplete,overdue,risk,handwritten,upcoming' };
    const expected = await expectedRows(params);
    await page.goto(caseloadUrl(params));
    await rowBadges();
    const overdue = expected.find((row) => row.expected === 'overdue')!;
    // Drawn the frame after the row's grade lands: awaited, not read once.
    const overdueBadge = async () => (await drawnBadges()).find((candidate) => idOf(candidate.label) === overdue.session.id);
    await expect.poll(overdueBadge).toBeDefined();
    const badge = (await overdueBadge())!;
    const { x, y } = await center(badge.node);
    await page.mouse.move(x, y);
    await expect.poll(popoverText).toContain('SNC-08');
    const text = (await popoverText())!;
    expect(text).toMatch(/Overdue by \d+ d \(due \d{4}-\d{2}-\d{2} \d{2}:\d{2}\)/);
    expect(text).toContain('SNC-06');
    expect(text).toContain(`Record ${overdue.session.id}`);
    await page.mouse.move(1, 1);
    await expect.poll(popoverText).toBeNull();

    // Keyboard: the badges follow the page in the tab order.
    await page.focus('tr.caseload-row:last-child td.col-open a');
    await page.keyboard.press('Tab');
    await expect.poll(popoverText).not.toBeNull();
    const focused = (await popoverText())!;
    expect(focused).toMatch(/Complete|Incomplete|Overdue|Needs attention|Not structured/);
    await page.keyboard.press('Escape');
    await expect.poll(popoverText).toBeNull();
  });

  it('filters the list to the records that need action from the summary bar, and back', async () => {
    const params = { rows: 40, seed: 3 };
    const expected = await expectedRows(params);
    await page.goto(caseloadUrl(params));
    await rowBadges();
    const shownRows = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('tr.caseload-row')]
          .filter((row) => (row as HTMLElement).offsetParent !== null)
          .map((row) => row.getAttribute('data-session-id')),
      );
    await clickSummaryToggle();
    await expect.poll(shownRows).toEqual(expected.filter((row) => ACTION.includes(row.expected)).map((row) => row.session.id));
    await expect.poll(async () => (await drawnBadges()).every((badge) => ACTION.includes(badge.badge))).toBe(true);
    await clickSummaryToggle();
    await expect.poll(shownRows).toEqual(expected.map((row) => row.session.id));
  });

  it('keeps badges right through in-page pagination and the portal’s client-side filter, evaluating only changed rows', async () => {
    const params = { rows: 45, seed: 12, pageSize: 15 };
    const expected = await expectedRows(params);
    const expectedFor = (rows: GeneratedRow[]) => Object.fromEntries(rows.map((row) => [row.session.id, row.expected]));
    await page.goto(caseloadUrl(params));
    expect(await rowBadges()).toEqual(expectedFor(expected.slice(0, 15)));
    await expect.poll(gradedPasses).toBeGreaterThan(0);
    const firstPage = await evaluations();
    expect(firstPage).toBeLessThanOrEqual(15);

    // Next page: the portal swaps the table in place (no page load).
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));
    await page.click('a.page-link[rel="next"]');
    await page.waitForURL(/page=2/);
    await page.waitForFunction(() => document.querySelector('tr.caseload-row')?.getAttribute('data-session-id') === 'g-00016');
    expect(await rowBadges()).toEqual(expectedFor(expected.slice(15, 30)));
    expect(loads).toEqual([]);
    await expect
      .poll(async () => (await drawnBadges()).map((badge) => idOf(badge.label)).every((id) => Number(id!.slice(2)) > 15))
      .toBe(true);
    await expect.poll(evaluations).toBeGreaterThan(firstPage);
    expect((await evaluations()) - firstPage).toBeLessThanOrEqual(15);

    // The portal's filter box hides rows: badges follow, nothing is evaluated again.
    const before = await evaluations();
    const passes = await gradedPasses();
    const name = expected[16]!.client.name.split(' ')[0]!;
    await page.fill('#caseload-filter', name);
    const visibleIds = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('tr.caseload-row')]
          .filter((row) => !(row as HTMLElement).hidden)
          .map((row) => row.getAttribute('data-session-id')!),
      );
    const matching = expected
      .slice(15, 30)
      .filter(
        (row) =>
          row.session.clinicalNote.toLowerCase().includes(name.toLowerCase()) ||
          row.client.name.toLowerCase().includes(name.toLowerCase()) ||
          row.session.attendance.toLowerCase().includes(name.toLowerCase()),
      );
    await expect.poll(visibleIds).toEqual(matching.map((row) => row.session.id));
    await expect
      .poll(async () => (await drawnBadges()).map((badge) => idOf(badge.label)).sort())
      .toEqual(matching.map((row) => row.session.id).sort());
    await expect.poll(gradedPasses).toBeGreaterThan(passes);
    expect(await evaluations()).toBe(before);
    await page.fill('#caseload-filter', '');
    await expect.poll(async () => (await drawnBadges()).length).toBe(15);

    // Back to page 1: the same records, already graded once, are not evaluated again.
    const beforeBack = await evaluations();
    const passesBeforeBack = await gradedPasses();
    await page.click('a.page-link[rel="prev"]');
    await page.waitForFunction(() => document.querySelector('tr.caseload-row')?.getAttribute('data-session-id') === 'g-00001');
    expect(await rowBadges()).toEqual(expectedFor(expected.slice(0, 15)));
    // Readiness: a grading pass over the new rows has finished (its mark counts what it evaluated).
    await expect.poll(gradedPasses).toBeGreaterThan(passesBeforeBack);
    expect(await evaluations()).toBe(beforeBack);
  });

  it('shows a record’s new badge as soon as the portal has saved it', async () => {
    const session = 's-2003';
    const badgeOf = async () => (await rowBadges())[session];
    await page.goto(`${portal.url}/mpb/caseload`);
    expect(await badgeOf()).toBe('unstructured');

    const sessionAt = (await (await fetch(`${portal.url}/mpb/api/sessions/${session}`)).json()).start as string;
    const record = {
      attendance: 'cancelled-by-provider',
      sessionAt,
      informedAt: localDateTime(-30),
      contactMethod: 'phone',
      preferredMethod: 'phone',
      rebookOutcome: 'rebooked',
      rebookedAt: localDateTime(7 * 24 * 60),
      nextSessionInPortal: localDateTime(7 * 24 * 60),
      riskConcern: false,
    };
    const save = async (answers: Record<string, unknown>) => {
      const res = await fetch(`${portal.url}/mpb/api/sessions/${session}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          attendance: 'Appointment Cancelled by Therapist/VHG',
          clinicalNote: renderNote(snc, answers),
          nextSession: answers.nextSessionInPortal,
        }),
      });
      expect(res.status).toBe(200);
    };
    await save(record);
    await page.goto(`${portal.url}/mpb/caseload`);
    expect(await badgeOf()).toBe('incomplete');
    await save({ ...record, agreed: 'We agreed to meet next week at the same time.', recordedAt: localDateTime(0) });
    await page.goto(`${portal.url}/mpb/caseload`);
    expect(await badgeOf()).toBe('complete');
  });

  it('can be switched off and on from the settings, and takes deadline hours from them', async () => {
    const params = { rows: 30, seed: 5 };
    const expected = await expectedRows(params);
    await page.goto(caseloadUrl(params));
    expect(await rowBadges()).toEqual(Object.fromEntries(expected.map((row) => [row.session.id, row.expected])));

    await setSettings({ badges: false });
    await page.waitForFunction(() => !document.querySelector('[data-chartguard-badge], chartguard-badges, chartguard-summary'));

    await setSettings({ badges: true, deadlineHours: { 'SNC-08': 24 * 90 } });
    const relaxed = Object.fromEntries(expected.map((row) => [row.session.id, row.expected === 'overdue' ? 'incomplete' : row.expected]));
    await expect
      .poll(() =>
        page.evaluate(() =>
          Object.fromEntries(
            [...document.querySelectorAll('tr.caseload-row')].map((row) => [
              row.getAttribute('data-session-id'),
              row.getAttribute('data-chartguard-badge'),
            ]),
          ),
        ),
      )
      .toEqual(relaxed);

    // Off from the start: nothing is drawn or set.
    await setSettings({ badges: false });
    await page.goto(caseloadUrl(params));
    // Settled: the badges have read their settings (off) and would have drawn by now.
    const [status] = await contentScriptSettled(page);
    expect(status!.pageKind).not.toBeNull();
    expect(
      await page.evaluate(() => document.querySelectorAll('[data-chartguard-badge], chartguard-badges, chartguard-summary').length),
    ).toBe(0);
  });
});

describe('compliance badges on the other demo portals’ lists', () => {
  it('grades the roster’s visit schedule from the adapter’s list: status code, expected time, service user, incident ref and report', async () => {
    await page.goto(`${portal.url}/roster/schedule`);
    const schedule = await page.evaluate(() =>
      [...document.querySelectorAll('a')]
        .map((link) => link.getAttribute('href')!)
        .find((href) => /^\/roster\/schedule\/\d{4}-\d{2}-\d{2}\/[^/]+$/.test(href ?? '')),
    );
    expect(schedule).toBeDefined();
    await page.goto(`${portal.url}${schedule}`);
    const rows = '.rs-schedule .rs-visit[data-visit-id]';
    const before = await rowBadges(rows, 'data-visit-id');
    const [open, late, risky] = Object.keys(before);
    expect(risky).toBeDefined();

    const report = (visitId: string, answers: Record<string, unknown>) =>
      post(`/roster/api/visits/${visitId}`, { status: 'MISSED', report: renderNote(mv, answers) });
    // Aware ten minutes ago, not yet reported: within the 1 h deadline.
    await report(open!, { awareAt: localDateTime(-10), nonVisitReason: 'road-traffic' });
    // Aware three hours ago and still not reported: overdue.
    await report(late!, { awareAt: localDateTime(-180), nonVisitReason: 'road-traffic' });
    // Significant harm was possible: needs attention, whatever else is missing.
    await report(risky!, { awareAt: localDateTime(-10), significantHarmPossible: true });
    await page.reload();
    const after = await rowBadges(rows, 'data-visit-id');
    expect([after[open!], after[late!], after[risky!]]).toEqual(['incomplete', 'overdue', 'attention']);
    await expect.poll(summaryText).toContain('3 of');
  });

  it('grades the case-notes client page, whose records are cards rather than table rows', async () => {
    const clientPage = `${portal.url}/casenotes/clients/HB-0412`;
    await page.goto(clientPage);
    const rows = '.cn-consultations article.cn-consult[data-cn-consultation]';
    const before = await rowBadges(rows, 'data-cn-consultation');
    const [first, second] = Object.keys(before);
    const complete = {
      visitType: 'follow-up',
      goalProgress: 'Used the timer app, no incidents.',
      presentationReason: 'Planned follow-up.',
      recentUse: 'GHB every other weekend.',
      goal: 'safer-use',
      goalInOwnWords: 'Stay safe at parties.',
      motivation: 'motivated',
      plan: 'Keep using the timer; one weekend without.',
      returning: 'when-ready',
      urgentRisks: 'none',
      followUpEmailSent: true,
      referralMade: false,
      infoSent: false,
    };
    await post(`/casenotes/api/consultations/${first}`, { handover: renderNote(cx, complete) });
    await post(`/casenotes/api/consultations/${second}`, {
      handover: renderNote(cx, {
        ...complete,
        urgentRisks: 'identified',
        riskDescription: 'Using alone.',
        riskAction: 'Agreed a buddy plan.',
      }),
    });
    await page.goto(clientPage);
    const after = await rowBadges(rows, 'data-cn-consultation');
    // The visit type comes from the card, not the note: a first visit needs its history.
    const visitType = await page.evaluate(
      (id) => document.querySelector(`[data-cn-consultation="${id}"] [data-cn-visit-type]`)?.getAttribute('data-cn-visit-type'),
      first,
    );
    expect(after[first!]).toBe(visitType === 'FOLLOW_UP' ? 'complete' : 'incomplete');
    expect(after[second!]).toBe('attention');
    // A card's grade lands before its badge is drawn (the next frame): polled, not read once (CI run G read none).
    await expect.poll(async () => (await drawnBadges()).map((badge) => idOf(badge.label)).sort()).toEqual(Object.keys(after).sort());
  });
});
