// One demo command serves all three portals under one origin: these pin the
// index page, that the portals keep separate data and save logs, and the MPB
// portal's follow-up sessions and initial assessments.

import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from '../../demo/server.mjs';
import { getText, parse, postJson, seed, startTemp, stopTemp } from './helpers';

describe('the demo server with three portals', () => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startTemp();
  });
  afterAll(async () => {
    await stopTemp(demo);
  });

  it('GET / is an index linking each portal’s home page, which answers', async () => {
    const { status, text } = await getText(demo.url, '/');
    expect(status).toBe(200);
    const doc = parse(text);
    const links = [...doc.querySelectorAll('#portals a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual([
      '/mpb/caseload',
      '/roster/schedule',
      '/casenotes/clients',
      '/clinic/appointments',
      '/legacy/main.php',
      '/spa/caseload',
    ]);
    expect(demo.portals.map((portal) => portal.prefix)).toEqual(['mpb', 'roster', 'casenotes', 'clinic', 'legacy', 'spa']);
    for (const link of links) {
      const res = await fetch(demo.url + link);
      expect(res.status, link!).toBe(200);
    }
    expect((await fetch(`${demo.url}/`, { method: 'POST' })).status).toBe(405);
  });

  it('keeps one data file and one save log per portal', async () => {
    await fetch(`${demo.url}/roster/api/reset`, { method: 'POST' });
    await fetch(`${demo.url}/casenotes/api/reset`, { method: 'POST' });
    await fetch(`${demo.url}/mpb/api/reset`, { method: 'POST' });
    await postJson(demo.url, '/roster/api/visits/v-5004', { status: 'MISSED' });
    expect(await (await fetch(`${demo.url}/roster/api/saves`)).json()).toHaveLength(1);
    expect(await (await fetch(`${demo.url}/casenotes/api/saves`)).json()).toEqual([]);
    expect(await (await fetch(`${demo.url}/mpb/api/saves`)).json()).toEqual([]);
    expect(fs.readdirSync(demo.dataDir).sort()).toEqual(['casenotes.json', 'clinic.json', 'legacy.json', 'mpb.json', 'roster.json']);
  });

  it('looks different on every portal: no shared stylesheet, script or page furniture', async () => {
    const pages = {
      mpb: parse((await getText(demo.url, '/mpb/sessions/s-2003')).text),
      roster: parse((await getText(demo.url, '/roster/visits/v-5003')).text),
      casenotes: parse((await getText(demo.url, '/casenotes/consultations/cn-7003')).text),
      clinic: parse((await getText(demo.url, '/clinic/appointments/RC-1042')).text),
    };
    const assets = Object.values(pages).map((doc) =>
      [...doc.querySelectorAll('link[rel="stylesheet"], script[src]')].map((el) => el.getAttribute('href') ?? el.getAttribute('src')),
    );
    expect(new Set(assets.flat()).size).toBe(assets.flat().length);
    expect(pages.roster.querySelector('#portal-header, #content, #session-form')).toBeNull();
    expect(pages.casenotes.querySelector('#portal-header, #content, #session-form, .rs-app')).toBeNull();
    expect(pages.clinic.querySelector('#portal-header, #content, #session-form, .rs-app, [data-cn-editor]')).toBeNull();
  });
});

describe('MPB follow-up sessions and initial assessments', () => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startTemp();
  });
  afterAll(async () => {
    await stopTemp(demo);
  });

  const sessions = seed.clients.flatMap((client) =>
    client.sessions.map((session) => ({ client, session: session as typeof session & { type: string } })),
  );

  it('the seed has unrecorded sessions of both types', () => {
    const open = sessions.filter(({ session }) => !session.attendance && !session.clinicalNote);
    expect(open.some(({ session }) => session.type === 'follow-up')).toBe(true);
    expect(open.some(({ session }) => session.type === 'initial-assessment')).toBe(true);
    expect(new Set(sessions.map(({ session }) => session.type))).toEqual(new Set(['follow-up', 'initial-assessment']));
  });

  it.each([
    ['follow-up', 'Follow-up session', 'Session'],
    ['initial-assessment', 'Initial assessment', 'Initial assessment'],
  ])('a %s session page shows its type on the page and on the form', async (type, label, kind) => {
    const { client, session } = sessions.find(({ session: s }) => s.type === type && !s.attendance)!;
    const doc = parse((await getText(demo.url, `/mpb/sessions/${session.id}`)).text);
    const shown = doc.querySelector('#client-summary #session-type')!;
    expect(shown.textContent).toBe(label);
    expect(shown.getAttribute('data-session-type')).toBe(type);
    expect(doc.querySelector('form#session-form')!.getAttribute('data-session-type')).toBe(type);
    expect(doc.querySelector('#session-title')!.textContent!.startsWith(`${kind} – ${client.name} – `)).toBe(true);
    // The caseload and the client record carry the type too.
    const caseload = parse((await getText(demo.url, '/mpb/caseload')).text);
    expect(caseload.querySelector(`tr[data-session-id="${session.id}"]`)!.getAttribute('data-session-type')).toBe(type);
    const record = parse((await getText(demo.url, `/mpb/clients/${client.id}`)).text);
    expect(record.querySelector(`tr[data-session-id="${session.id}"] td.col-type`)!.textContent).toBe(label);
    expect((await (await fetch(`${demo.url}/mpb/api/sessions/${session.id}`)).json()).sessionType).toBe(type);
  });

  it('books the session after an initial assessment as a follow-up', async () => {
    const { session } = sessions.find(({ session: s }) => s.type === 'initial-assessment' && !s.attendance)!;
    const res = await postJson(demo.url, `/mpb/api/sessions/${session.id}`, { attendance: 'Attended', nextSession: '2026-12-08T15:00' });
    expect(res.status).toBe(200);
    const created = res.json.createdNextSession;
    expect((await (await fetch(`${demo.url}/mpb/api/sessions/${created.id}`)).json()).sessionType).toBe('follow-up');
  });
});
