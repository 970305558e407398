// Meadowbank Care (/spa) is the single-page, real-widget test bed for issue
// #14: these pin its history-API client routes (every route GET returns the
// shell), the esbuild bundle it serves, its JSON save API (PUT for a save, PUT
// …/draft for the autosave, which never changes the record), its validation
// naming the field, and the exact save log tests read back.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DemoServer } from '../../demo/server.mjs';
import { startTemp, stopTemp } from './helpers';

const put = (body: unknown): RequestInit => ({
  method: 'PUT',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

describe('Meadowbank Care (/spa) demo portal server', () => {
  let demo: DemoServer;
  const saves = async () => (await fetch(`${demo.url}/spa/api/saves`)).json();
  const session = async (id: string) => (await fetch(`${demo.url}/spa/api/sessions/${id}`)).json();

  beforeAll(async () => {
    demo = await startTemp();
  });
  afterAll(async () => {
    await stopTemp(demo);
  });
  beforeEach(async () => {
    expect((await fetch(`${demo.url}/spa/api/reset`, { method: 'POST' })).status).toBe(204);
  });

  it('is listed on the demo index, and every client route returns the same shell that loads the bundle', async () => {
    const index = await (await fetch(`${demo.url}/`)).text();
    expect(index).toContain('href="/spa/caseload"');
    for (const route of ['/spa', '/spa/caseload', '/spa/session/1001', '/spa/handover/5000']) {
      const res = await fetch(`${demo.url}${route}`);
      expect(res.status, route).toBe(200);
      const html = await res.text();
      expect(html).toContain('<div id="root"></div>');
      expect(html).toContain('<script src="/spa/static/app.js"></script>');
    }
    expect((await fetch(`${demo.url}/spa/nowhere/1/2`)).status).toBe(404);
  });

  // The first request bundles the app with esbuild (demo/spa/routes.mjs): seconds on a busy machine, more than the default 5 s.
  it('serves the esbuild bundle with the real libraries in it, and its stylesheet', { timeout: 60_000 }, async () => {
    const js = await (await fetch(`${demo.url}/spa/static/app.js`)).text();
    expect(js.length).toBeGreaterThan(1_000_000);
    // Strings only the real libraries carry.
    expect(js).toContain('ck-editor__editable');
    expect(js).toContain('ql-editor');
    expect(js).toContain('ag-root');
    expect(js).toContain('MuiAutocomplete');
    const css = await fetch(`${demo.url}/spa/static/app.css`);
    expect(css.headers.get('content-type')).toContain('text/css');
    const text = await css.text();
    expect(text).toContain('.ck-editor');
    expect(text).toContain('.ql-snow');
  });

  it('lists 400 sessions and 400 handovers for the virtualised lists', async () => {
    const caseload = await (await fetch(`${demo.url}/spa/api/caseload`)).json();
    expect(caseload).toHaveLength(400);
    expect(caseload[1]).toMatchObject({ id: '1001', attendance: '', hasNote: false });
    expect(await (await fetch(`${demo.url}/spa/api/handovers`)).json()).toHaveLength(400);
  });

  it('a save changes the record and is logged exactly as received; a draft is logged but leaves the record alone', async () => {
    const body = {
      attendance: 'DNA',
      contactMethod: 'Telephone',
      sessionType: 'FIRST',
      riskReviewed: true,
      nextSession: '07/01/2026 14:30',
      note: '<p>Phoned.</p>',
    };
    const draft = await fetch(`${demo.url}/spa/api/sessions/1001/draft`, put({ ...body, note: '<p>Draft</p>' }));
    expect(draft.status).toBe(200);
    expect((await session('1001')).note).toBe('');
    const res = await fetch(`${demo.url}/spa/api/sessions/1001`, put(body));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, record: body });
    expect(await session('1001')).toMatchObject(body);
    const log = await saves();
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({
      kind: 'session',
      id: '1001',
      draft: true,
      body: { note: '<p>Draft</p>' },
      status: 200,
      contentType: 'application/json',
    });
    expect(log[1]).toMatchObject({ kind: 'session', id: '1001', draft: false, body, status: 200 });
  });

  it('rejects a bad value naming the field, keeps the record, and logs the rejection', async () => {
    const res = await fetch(`${demo.url}/spa/api/sessions/1001`, put({ nextSession: '2026-01-07T14:30' }));
    expect(res.status).toBe(400);
    expect((await res.json()).error).toContain('nextSession');
    expect((await session('1001')).nextSession).toBe('');
    const bad = await fetch(`${demo.url}/spa/api/handovers/5000`, put({ colour: 'red' }));
    expect((await bad.json()).error).toBe('Unknown field colour');
    expect((await fetch(`${demo.url}/spa/api/sessions/9`, put({}))).status).toBe(404);
    expect((await saves()).map((s: { status: number }) => s.status)).toEqual([400, 400, 404]);
  });

  it('reset restores the seed and empties the log', async () => {
    await fetch(`${demo.url}/spa/api/handovers/5000`, put({ urgent: true }));
    expect((await (await fetch(`${demo.url}/spa/api/handovers/5000`)).json()).urgent).toBe(true);
    await fetch(`${demo.url}/spa/api/reset`, { method: 'POST' });
    expect((await (await fetch(`${demo.url}/spa/api/handovers/5000`)).json()).urgent).toBe(false);
    expect(await saves()).toEqual([]);
  });
});
