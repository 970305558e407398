// Badges on virtualised lists, end to end: the built extension in real
// Chromium on Meadowbank Care's caseload (/spa), whose AG Grid and TanStack
// Virtual lists keep only the rows in view and recycle and move them while
// scrolling and sorting. Each badge must sit on the row of the record it names,
// inside the grid's own scroll area (never over its header or the page), and
// the summary must say truthfully what it counted. Badges live in closed
// shadow roots, read here as DevTools reads them (CDP with pierce); what is
// expected comes from the portal's server (its demo API).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { parseChecklist, renderNote } from '@chartguard/sdk';
import { launchWithExtension, ROOT, startPortal, type ExtensionBrowser, type PortalServer } from './harness';

const PASS = 'data-chartguard-badge-pass';
const ACTION = ['attention', 'overdue', 'missing', 'incomplete', 'check'];
const cx = parseChecklist(JSON.parse(readFileSync(`${ROOT}/checklists/cx.json`, 'utf8')));

interface ListSpec {
  name: string;
  viewport: string;
  rows: string;
  idAttribute: string;
  /** What the rows scroll under, inside the scroll area (AG Grid's sticky header). */
  header?: string;
  total: number;
  /** The list's record ids start so (sessions 1000–1399, handovers 5000–5399): which badges are this list's. */
  idPrefix: string;
}
const SESSIONS: ListSpec = {
  name: 'Sessions',
  viewport: '#sessions-grid .ag-grid-viewport',
  rows: '#sessions-grid .ag-row[row-id]',
  idAttribute: 'row-id',
  header: '#sessions-grid .ag-header',
  total: 400,
  idPrefix: '1',
};
const HANDOVERS: ListSpec = {
  name: 'Handovers',
  viewport: '#handover-list',
  rows: '#handover-list .handover-row[data-id]',
  idAttribute: 'data-id',
  total: 400,
  idPrefix: '5',
};

let portal: PortalServer;
let browser: ExtensionBrowser;
let page: Page;
let cdp: CDPSession | undefined;

beforeAll(async () => {
  portal = await startPortal();
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

beforeEach(async () => {
  expect((await fetch(`${portal.url}/spa/api/reset`, { method: 'POST' })).status).toBe(204);
  await page?.close();
  cdp = undefined;
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 1000 });
});

// ---------------------------------------------------------------- the portal's data

async function put(path: string, body: Record<string, unknown>) {
  const res = await fetch(`${portal.url}/spa/api/${path}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const asHtml = (note: string) =>
  note
    .split('\n')
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');

/**
 * A known mix on the server: every fifth session did not attend (G-03: a
 * note is needed), some of them already noted by hand; every sixth handover
 * has a structured but incomplete CX note.
 */
async function seedMix() {
  const sessions = (await (await fetch(`${portal.url}/spa/api/caseload`)).json()) as { id: string }[];
  for (const [index, session] of sessions.entries()) if (index % 5 === 2) await put(`sessions/${session.id}`, { attendance: 'DNA' });
  const handovers = (await (await fetch(`${portal.url}/spa/api/handovers`)).json()) as { id: string }[];
  for (const [index, handover] of handovers.entries())
    if (index % 6 === 1) await put(`handovers/${handover.id}`, { note: asHtml(renderNote(cx, { visitType: 'follow-up' })) });
}

/** Session start, `DD/MM/YYYY HH:mm` local, as epoch ms. */
const sessionStart = (date: string) => {
  const [, dd, mm, yyyy, hh, min] = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})$/.exec(date)!;
  return new Date(Number(yyyy), Number(mm) - 1, Number(dd), Number(hh), Number(min)).getTime();
};

/** Record id → the badge its server record should get, from the server's own data. */
async function expectedBadges(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const sessions = (await (await fetch(`${portal.url}/spa/api/caseload`)).json()) as {
    id: string;
    date: string;
    attendance: string;
    note: string;
  }[];
  for (const session of sessions) {
    // No note where the code needs one: missing, overdue once the 24 h deadline from the session has passed; any note without a Chartguard header: not structured.
    if (['DNA', 'CANC-CLIN'].includes(session.attendance) && session.note === '')
      out[session.id] = sessionStart(session.date) + 24 * 3_600_000 < Date.now() ? 'overdue' : 'missing';
    else out[session.id] = 'unstructured';
  }
  const handovers = (await (await fetch(`${portal.url}/spa/api/handovers`)).json()) as { id: string; note: string }[];
  for (const handover of handovers) out[handover.id] = handover.note === '' ? 'unstructured' : 'incomplete';
  return out;
}

// ---------------------------------------------------------------- what the user sees

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

function findAll(node: DomNode, predicate: (node: DomNode) => boolean, out: DomNode[] = []): DomNode[] {
  if (predicate(node)) out.push(node);
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) findAll(child, predicate, out);
  return out;
}

const textOf = (node: DomNode): string =>
  findAll(node, (candidate) => candidate.nodeType === 3)
    .map((text) => text.nodeValue)
    .join('');

async function session(): Promise<CDPSession> {
  cdp ??= await browser.context.newCDPSession(page);
  return cdp;
}

async function domTree(): Promise<DomNode> {
  const { root } = (await (await session()).send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  return root;
}

interface Drawn {
  id: string;
  badge: string;
  box: { left: number; top: number; right: number; bottom: number };
}

/** Every badge drawn on the page, with the record it names and where it is painted. */
async function drawnBadges(): Promise<Drawn[]> {
  const hosts = findAll(await domTree(), (node) => node.nodeName === 'CHARTGUARD-BADGES');
  const buttons = hosts.flatMap((host) => findAll(host.shadowRoots?.[0] ?? host, (node) => node.nodeName === 'BUTTON'));
  const out: Drawn[] = [];
  for (const button of buttons) {
    const { model } = (await (await session()).send('DOM.getBoxModel', { backendNodeId: button.backendNodeId })) as {
      model: { border: number[] };
    };
    const xs = [model.border[0]!, model.border[2]!, model.border[4]!, model.border[6]!];
    const ys = [model.border[1]!, model.border[3]!, model.border[5]!, model.border[7]!];
    out.push({
      id: /record (\S+)$/.exec(attr(button, 'aria-label') ?? '')?.[1] ?? '',
      badge: attr(button, 'data-badge') ?? '',
      box: { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) },
    });
  }
  return out;
}

/** The text of a list's summary, found by the name it carries. */
async function summaryText(list: ListSpec): Promise<string> {
  const hosts = findAll(await domTree(), (node) => node.nodeName === 'CHARTGUARD-SUMMARY');
  const bars = hosts.flatMap((host) =>
    findAll(
      host.shadowRoots?.[0] ?? host,
      (node) => attr(node, 'role') === 'region' && attr(node, 'aria-label') === `Chartguard: ${list.name}`,
    ),
  );
  expect(bars, `one summary for ${list.name}`).toHaveLength(1);
  // The status line and its details, as read out and as shown.
  return findAll(bars[0]!, (node) => node.nodeName === 'SPAN')
    .map(textOf)
    .filter(Boolean)
    .join(' | ');
}

interface Geometry {
  /** What the scroll area shows of its rows: its client box below the header. */
  clip: { left: number; top: number; right: number; bottom: number };
  rows: { id: string; top: number; bottom: number; left: number; right: number }[];
}

async function geometry(list: ListSpec): Promise<Geometry> {
  return page.evaluate((spec) => {
    const viewport = document.querySelector(spec.viewport)!;
    const rect = viewport.getBoundingClientRect();
    const top = rect.top + viewport.clientTop;
    const clip = {
      left: rect.left + viewport.clientLeft,
      top,
      right: rect.left + viewport.clientLeft + viewport.clientWidth,
      bottom: top + viewport.clientHeight,
    };
    if (spec.header) clip.top = Math.max(clip.top, document.querySelector(spec.header)!.getBoundingClientRect().bottom);
    const rows = [...document.querySelectorAll(spec.rows)].map((row) => {
      const box = row.getBoundingClientRect();
      return { id: row.getAttribute(spec.idAttribute)!, top: box.top, bottom: box.bottom, left: box.left, right: box.right };
    });
    return { clip, rows };
  }, list);
}

const passOf = (list: ListSpec) =>
  page.evaluate(([selector, name]) => Number(document.querySelector(selector!)?.getAttribute(name!) ?? 0), [list.viewport, PASS]);

/** Runs an action on the list, then waits for the badges' next completed pass over what it shows. */
async function after(list: ListSpec, action: () => Promise<void>) {
  const before = await passOf(list);
  await action();
  await page.waitForFunction(
    ([selector, name, last]) => Number(document.querySelector(selector as string)?.getAttribute(name as string) ?? 0) > (last as number),
    [list.viewport, PASS, before],
  );
}

/**
 * Every badge of the list sits on the row whose record it names, wholly inside
 * what the scroll area shows; every row wholly shown has its badge, with the
 * verdict the server's record calls for; the summary counts exactly those rows.
 */
async function expectBadgesRight(list: ListSpec, expected: Record<string, string>) {
  // Readiness: the badges drawn are those of the rows now shown, where the rows now are (the pass may have run
  // just before the grid's last move; on a busy machine AG Grid's row animation can outlast it).
  const shownIds = (g: Geometry) =>
    g.rows
      .filter((row) => row.top >= g.clip.top && row.bottom <= g.clip.bottom)
      .map((row) => row.id)
      .sort();
  const onOwnRow = (g: Geometry, badge: { id: string; box: { top: number; bottom: number } }) => {
    const centre = (badge.box.top + badge.box.bottom) / 2;
    return g.rows.find((candidate) => candidate.top <= centre && centre < candidate.bottom)?.id === badge.id;
  };
  /** What the summary says of these badges: the rows shown that need action, out of those badged. */
  const summaryOf = (mine: Awaited<ReturnType<typeof drawnBadges>>) => {
    const action = mine.filter((badge) => ACTION.includes(expected[badge.id]!)).length;
    const main =
      action === 0
        ? `No row shown needs action (${mine.length} shown)`
        : action === 1
          ? `1 of ${mine.length} rows shown needs action`
          : `${action} of ${mine.length} rows shown need action`;
    return { action, main };
  };
  // The assertions below read the snapshot the wait ended on: a second read could catch a row AG Grid moves again,
  // or a row the scroll area cuts badged by a later pass (the summary then counts one more than the first read).
  let settled: { g: Geometry; mine: Awaited<ReturnType<typeof drawnBadges>>; summary: string } | undefined;
  await expect
    .poll(async () => {
      const g = await geometry(list);
      const mine = (await drawnBadges()).filter((badge) => badge.id.startsWith(list.idPrefix));
      const drawnIds = new Set(mine.map((badge) => badge.id));
      // A grid between two renders (AG Grid after a sort) shows no whole row: that is not yet an answer.
      const shown = shownIds(g);
      const right = shown.length > 3 && shown.every((id) => drawnIds.has(id)) && mine.every((badge) => onOwnRow(g, badge));
      // The same pass's summary: it counts the badges drawn (asserted below on this snapshot).
      const summary = await summaryText(list);
      if (right && summary.includes(summaryOf(mine).main)) settled = { g, mine, summary };
      return settled !== undefined;
    })
    .toBe(true);
  const { g, mine, summary } = settled!;
  expect(mine.length).toBeGreaterThan(3);
  for (const badge of mine) {
    const centre = (badge.box.top + badge.box.bottom) / 2;
    const row = g.rows.find((candidate) => candidate.top <= centre && centre < candidate.bottom);
    expect(row?.id, `badge of ${badge.id} is on its own row`).toBe(badge.id);
    // Never outside the scroll area: not over the header, the scrollbar, or the page beside the grid.
    expect(badge.box.top, `badge of ${badge.id}`).toBeGreaterThanOrEqual(g.clip.top - 0.5);
    expect(badge.box.bottom, `badge of ${badge.id}`).toBeLessThanOrEqual(g.clip.bottom + 0.5);
    expect(badge.box.left).toBeGreaterThanOrEqual(g.clip.left - 0.5);
    expect(badge.box.right).toBeLessThanOrEqual(g.clip.right + 0.5);
    expect(badge.badge, `verdict for ${badge.id}`).toBe(expected[badge.id]);
  }
  // Every row wholly shown is badged; a row the scroll area cuts may or may not be, but is never badged outside it.
  const drawnIds = mine.map((badge) => badge.id);
  for (const id of shownIds(g)) expect(drawnIds, `row ${id} is shown`).toContain(id);

  // The summary counts the rows shown, says so, and names the grid's own total.
  const { action, main } = summaryOf(mine);
  expect(summary).toContain(main);
  expect(summary).toContain(`${list.total} in the list; rows are checked as they are shown`);
  return { ids: drawnIds, action };
}

async function scrollTo(list: ListSpec, where: 'middle' | 'end') {
  await page.locator(list.viewport).evaluate((element, to) => {
    element.scrollTop = to === 'end' ? element.scrollHeight : (element.scrollHeight - element.clientHeight) / 2;
  }, where);
}

/** The grid has drawn the rows for where it is now scrolled. */
const gridShows = (list: ListSpec, id: string) => page.locator(`${list.rows}[${list.idAttribute}="${id}"]`).waitFor();

// ---------------------------------------------------------------- tests

describe('badges on the virtualised lists of Meadowbank Care (/spa)', () => {
  it('AG Grid: badges stay on their rows after scrolling to the middle and the end and after sorting, inside the scroll area, with a true summary', async () => {
    await seedMix();
    const expected = await expectedBadges();
    for (const badge of ['unstructured', 'overdue', 'incomplete']) expect(Object.values(expected)).toContain(badge);
    await page.goto(`${portal.url}/spa/caseload`);
    await page.waitForSelector(`${SESSIONS.viewport}[${PASS}]`);
    const top = await expectBadgesRight(SESSIONS, expected);
    expect(top.ids).toContain('1002');
    expect(top.action).toBeGreaterThan(0);

    await after(SESSIONS, () => scrollTo(SESSIONS, 'middle'));
    await gridShows(SESSIONS, '1200');
    const middle = await expectBadgesRight(SESSIONS, expected);
    expect(middle.ids.some((id) => Number(id) >= 1180 && Number(id) <= 1220)).toBe(true);

    await after(SESSIONS, () => scrollTo(SESSIONS, 'end'));
    await gridShows(SESSIONS, '1399');
    const end = await expectBadgesRight(SESSIONS, expected);
    expect(end.ids).toContain('1399');

    // Sort by attendance, descending (two clicks): AG Grid moves and recycles the rows it has.
    const header = page.locator(`${SESSIONS.viewport} .ag-header-cell[col-id="attendance"] .ag-header-cell-label`);
    await after(SESSIONS, () => header.click());
    await after(SESSIONS, () => header.click());
    await expect
      .poll(() => page.locator('#sessions-grid .ag-header-cell[col-id="attendance"]').getAttribute('aria-sort'))
      .toBe('descending');
    const sorted = await expectBadgesRight(SESSIONS, expected);
    // The rows shown after sorting are other records than before it: the badges followed them.
    expect(sorted.ids).not.toEqual(end.ids);
    await after(SESSIONS, () => scrollTo(SESSIONS, 'middle'));
    await expectBadgesRight(SESSIONS, expected);
  });

  it('TanStack Virtual: badges follow the absolutely positioned rows through scrolling, inside the list’s scroll area', async () => {
    await seedMix();
    const expected = await expectedBadges();
    await page.goto(`${portal.url}/spa/caseload`);
    await page.waitForSelector(`${HANDOVERS.viewport}[${PASS}]`);
    const top = await expectBadgesRight(HANDOVERS, expected);
    expect(top.ids).toContain('5001');
    expect(top.action).toBeGreaterThan(0);

    await after(HANDOVERS, () => scrollTo(HANDOVERS, 'middle'));
    await gridShows(HANDOVERS, '5200');
    await expectBadgesRight(HANDOVERS, expected);

    await after(HANDOVERS, () => scrollTo(HANDOVERS, 'end'));
    await gridShows(HANDOVERS, '5399');
    const end = await expectBadgesRight(HANDOVERS, expected);
    expect(end.ids).toContain('5399');
  });
});
