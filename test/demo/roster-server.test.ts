// The CareRoster demo portal is the MV policy's test bed: these pin its HTTP
// behaviour, its own validation (late calls need a later actual time) and the
// data-* contract the roster adapter reads.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DemoServer } from '../../demo/server.mjs';
import { getText, parse, postJson, startTemp, stopTemp, tempDataDir } from './helpers';

interface SeedVisit {
  id: string;
  workerId: string;
  serviceUserId: string;
  expected: string;
  status?: string;
  actualTime?: string;
  incidentRef?: string;
  report?: string;
}
const seed: { workers: { id: string; name: string }[]; serviceUsers: { id: string; name: string }[]; visits: SeedVisit[] } = JSON.parse(
  fs.readFileSync(new URL('../../demo/roster/seed.json', import.meta.url), 'utf8'),
);
const STATUS_LABELS: Record<string, string> = { '': 'Planned', VISITED: 'Visited', LATE_CALL: 'Late call', MISSED: 'Missed' };
const planned = seed.visits.find((v) => !v.status)!;
const plannedUser = seed.serviceUsers.find((s) => s.id === planned.serviceUserId)!;
const day = planned.expected.slice(0, 10);

describe('CareRoster demo portal server', () => {
  let demo: DemoServer;
  const saves = async () => (await fetch(`${demo.url}/roster/api/saves`)).json();

  beforeAll(async () => {
    demo = await startTemp();
  });
  afterAll(async () => {
    await stopTemp(demo);
  });
  beforeEach(async () => {
    expect((await fetch(`${demo.url}/roster/api/reset`, { method: 'POST' })).status).toBe(204);
  });

  it('redirects /roster to the schedule, and the schedule to its first day', async () => {
    const root = await getText(demo.url, '/roster');
    expect(root.status).toBe(302);
    expect(root.res.headers.get('location')).toBe('/roster/schedule');
    const schedule = await getText(demo.url, '/roster/schedule');
    expect(schedule.status).toBe(302);
    const firstDay = seed.visits.map((v) => v.expected.slice(0, 10)).sort()[0];
    expect(schedule.res.headers.get('location')).toBe(`/roster/schedule/${firstDay}`);
  });

  it('shows the day’s rota with a link to each rostered worker’s schedule', async () => {
    const doc = parse((await getText(demo.url, `/roster/schedule/${day}`)).text);
    const onDay = new Set(seed.visits.filter((v) => v.expected.startsWith(day)).map((v) => v.workerId));
    const links = [...doc.querySelectorAll('a.rs-worker')].map((a) => a.getAttribute('href'));
    expect(links.sort()).toEqual([...onDay].map((id) => `/roster/schedule/${day}/${id}`).sort());
  });

  it('lists a worker’s visits for the day in time order, with the row contract the adapter reads', async () => {
    const { status, text } = await getText(demo.url, `/roster/schedule/${day}/${planned.workerId}`);
    expect(status).toBe(200);
    const doc = parse(text);
    const expected = seed.visits
      .filter((v) => v.workerId === planned.workerId && v.expected.startsWith(day))
      .sort((a, b) => (a.expected < b.expected ? -1 : 1));
    const rows = [...doc.querySelectorAll('.rs-schedule .rs-visit[data-visit-id]')];
    expect(rows.map((row) => row.getAttribute('data-visit-id'))).toEqual(expected.map((v) => v.id));
    rows.forEach((row, i) => {
      const visit = expected[i]!;
      const user = seed.serviceUsers.find((s) => s.id === visit.serviceUserId)!;
      expect(row.querySelector('[data-cell="expected"]')!.getAttribute('data-at')).toBe(visit.expected);
      expect(row.querySelector('[data-cell="expected"]')!.textContent).toBe(visit.expected.slice(11));
      expect(row.querySelector('[data-cell="service-user"]')!.textContent).toBe(user.name);
      expect(row.querySelector('[data-cell="status"]')!.getAttribute('data-code')).toBe(visit.status ?? '');
      expect(row.querySelector('[data-cell="status"]')!.textContent).toBe(STATUS_LABELS[visit.status ?? '']);
      const full = row.querySelector('[data-cell="report"] .rs-report-full')!;
      expect(full.hasAttribute('hidden')).toBe(true);
      expect(full.textContent).toBe(visit.report ?? '');
      expect(row.querySelector('[data-cell="incident"]')!.textContent).toBe(visit.incidentRef ?? '');
      expect(row.querySelector('a.rs-open')!.getAttribute('href')).toBe(`/roster/visits/${visit.id}`);
    });
    // A div-based list: no tables, unlike the MPB portal.
    expect(doc.querySelector('table')).toBeNull();
  });

  it('renders the visit page: read-only facts, the outcome select, actual time, incident ref and the report editor', async () => {
    const doc = parse((await getText(demo.url, `/roster/visits/${planned.id}`)).text);
    const card = doc.querySelector('[data-visit-form]')!;
    expect(card.getAttribute('data-visit-id')).toBe(planned.id);
    expect(card.querySelector('[data-visit="service-user"]')!.textContent).toBe(plannedUser.name);
    const expectedAt = card.querySelector('[data-visit="expected"]')!;
    expect(expectedAt.getAttribute('data-value')).toBe(planned.expected);
    expect(expectedAt.textContent).toBe('Mon 23 Nov 2026 · 12:30');

    const select = card.querySelector('select[data-input="status"]')!;
    const options = [...select.querySelectorAll('option')];
    expect(options.map((o) => o.getAttribute('value'))).toEqual(['', 'VISITED', 'LATE_CALL', 'MISSED']);
    expect(options.map((o) => o.textContent)).toEqual(['Planned (not yet recorded)', 'Visited', 'Late call', 'Missed']);
    expect(card.querySelector('label[for="rs-status"]')!.textContent).toBe('Visit outcome');

    const actual = card.querySelector('input[data-input="actual-time"]')!;
    expect(actual.getAttribute('type')).toBe('datetime-local');
    // Not visited yet, so no actual time can be entered.
    expect(actual.hasAttribute('disabled')).toBe(true);
    expect(card.querySelector('input[data-input="incident-ref"]')!.getAttribute('type')).toBe('text');

    const report = card.querySelector('[data-input="report"]')!;
    expect(report.getAttribute('contenteditable')).toBe('true');
    expect(report.getAttribute('role')).toBe('textbox');
    expect(report.tagName).toBe('DIV');
    expect(card.querySelectorAll('button[data-action="save-visit"]')).toHaveLength(1);
    expect(doc.querySelector('form')).toBeNull();
    expect(doc.querySelector('script[src="/roster/assets/roster.js"]')).not.toBeNull();
  });

  it('shows a recorded late call with its actual time open and its report as lines', async () => {
    const late = seed.visits.find((v) => v.status === 'LATE_CALL')!;
    const { text } = await getText(demo.url, `/roster/visits/${late.id}`);
    const doc = parse(text);
    const actual = doc.querySelector('input[data-input="actual-time"]')!;
    expect(actual.hasAttribute('disabled')).toBe(false);
    expect(actual.getAttribute('value')).toBe(late.actualTime);
    expect(doc.querySelector('option[value="LATE_CALL"]')!.hasAttribute('selected')).toBe(true);
    expect(text).toContain(
      late
        .report!.split('\n')
        .map((line) => line.replace(/'/g, '&#39;'))
        .join('<br>'),
    );
  });

  it('saves a late call and reads it back, and logs the POST', async () => {
    const body = { status: 'LATE_CALL', actualTime: '2026-11-23T13:40', incidentRef: ' IR-2026-0150 ', report: 'Line one\n\nLine three' };
    const saved = await postJson(demo.url, `/roster/api/visits/${planned.id}`, body);
    expect(saved.status).toBe(200);
    expect(saved.json.visit).toMatchObject({
      id: planned.id,
      status: 'LATE_CALL',
      actualTime: body.actualTime,
      incidentRef: 'IR-2026-0150',
      report: body.report,
      saveCount: 1,
    });
    const got = await (await fetch(`${demo.url}/roster/api/visits/${planned.id}`)).json();
    expect(got).toMatchObject({ serviceUserName: plannedUser.name, expected: planned.expected, status: 'LATE_CALL' });
    expect(await saves()).toEqual([{ visitId: planned.id, body, receivedAt: expect.any(String), status: 200 }]);

    const doc = parse((await getText(demo.url, `/roster/schedule/${day}/${planned.workerId}`)).text);
    const row = doc.querySelector(`[data-visit-id="${planned.id}"]`)!;
    expect(row.querySelector('[data-cell="status"]')!.textContent).toBe('Late call');
    expect(row.querySelector('.rs-report-full')!.textContent).toBe(body.report);
    expect(row.querySelector('[data-cell="incident"]')!.textContent).toBe('IR-2026-0150');
  });

  it('enforces the roster’s own rules and leaves the visit alone when it rejects a save', async () => {
    const url = `/roster/api/visits/${planned.id}`;
    const cases: Array<[unknown, RegExp]> = [
      [{ status: 'Late call' }, /status/i],
      [{ status: 'LATE_CALL' }, /actual visit time/i],
      [{ status: 'LATE_CALL', actualTime: planned.expected }, /after the expected/i],
      [{ status: 'VISITED', actualTime: '23/11/2026 13:00' }, /actual visit time/i],
      [{ incidentRef: 'x'.repeat(41) }, /incident/i],
      [{ report: 42 }, /report/i],
      [[1, 2], /object/i],
    ];
    for (const [body, message] of cases) {
      const res = await postJson(demo.url, url, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error).toMatch(message);
    }
    const got = await (await fetch(demo.url + url)).json();
    expect(got).toMatchObject({ status: '', actualTime: '', incidentRef: '', report: '', saveCount: 0 });
    expect((await saves()).map((s: { status: number }) => s.status)).toEqual(cases.map(() => 400));
    expect((await postJson(demo.url, '/roster/api/visits/v-0000', {})).status).toBe(404);
  });

  it('escapes record text in the list, the visit page and the report editor', async () => {
    const payload = '<img src=x onerror=alert(1)>';
    await postJson(demo.url, `/roster/api/visits/${planned.id}`, { report: `Fine & well ${payload}`, incidentRef: '"><b>' });
    for (const p of [`/roster/visits/${planned.id}`, `/roster/schedule/${day}/${planned.workerId}`]) {
      const { text } = await getText(demo.url, p);
      expect(text, p).not.toContain(payload);
      expect(text, p).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(text, p).not.toContain('"><b>');
    }
  });

  it('reset restores the seed and clears the save log', async () => {
    await postJson(demo.url, `/roster/api/visits/${planned.id}`, { status: 'MISSED', report: 'changed' });
    expect((await fetch(`${demo.url}/roster/api/reset`, { method: 'POST' })).status).toBe(204);
    expect(await saves()).toEqual([]);
    expect(await (await fetch(`${demo.url}/roster/api/visits/${planned.id}`)).json()).toMatchObject({ status: '', report: '' });
    expect((await fetch(`${demo.url}/roster/api/reset`)).status).toBe(405);
  });

  it('serves its own assets only, and a 404 page in its own look', async () => {
    const css = await fetch(`${demo.url}/roster/assets/roster.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    const js = await fetch(`${demo.url}/roster/assets/roster.js`);
    expect(await js.text()).toContain('/roster/api/visits/');
    for (const p of [
      '/roster/assets/seed.json',
      '/roster/assets/portal.css',
      '/roster/visits/v-0000',
      '/roster/schedule/2026-11-23/cw-99',
      '/roster/nowhere',
    ]) {
      const { status, text } = await getText(demo.url, p);
      expect(status, p).toBe(404);
      expect(text, p).toContain('rs-app');
    }
  });
});

describe('CareRoster persistence', () => {
  it('keeps saves in roster.json across a restart', async () => {
    const dataDir = tempDataDir();
    const first = await startTemp(dataDir);
    try {
      expect((await postJson(first.url, `/roster/api/visits/${planned.id}`, { status: 'MISSED', incidentRef: 'IR-1' })).status).toBe(200);
    } finally {
      await first.close();
    }
    expect(fs.existsSync(path.join(dataDir, 'roster.json'))).toBe(true);
    const second = await startTemp(dataDir);
    try {
      expect(await (await fetch(`${second.url}/roster/api/visits/${planned.id}`)).json()).toMatchObject({
        status: 'MISSED',
        incidentRef: 'IR-1',
        saveCount: 1,
      });
      expect(await (await fetch(`${second.url}/roster/api/saves`)).json()).toHaveLength(1);
    } finally {
      await stopTemp(second);
    }
  });
});
