// The demo portal is the extension's test bed: these pin its HTTP behaviour and
// the DOM contract (ids, classes, option labels) that the adapters rely on.

import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import type { DemoServer } from '../../demo/server.mjs';
import { ATTENDANCE_LABELS, allSeedSessions, getText, parse, postJson, seed, startTemp, stopTemp, tempDataDir } from './helpers';

const formatWhen = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`;

const phoneClient = seed.clients.find((c) => c.preferredContact === 'Phone call')!;
const emptyPhoneSession = phoneClient.sessions.find((s) => !s.attendance && !s.clinicalNote)!;

describe('MPB demo portal server', () => {
  let demo: DemoServer;

  beforeAll(async () => {
    demo = await startTemp();
  });
  afterAll(async () => {
    await stopTemp(demo);
  });
  beforeEach(async () => {
    const res = await fetch(`${demo.url}/mpb/api/reset`, { method: 'POST' });
    expect(res.status).toBe(204);
  });

  it('reports the real port and a URL without a trailing slash when started on port 0', () => {
    expect(demo.port).toBeGreaterThan(0);
    expect(demo.url).toBe(`http://127.0.0.1:${demo.port}`);
  });

  it('redirects /mpb to the caseload', async () => {
    for (const p of ['/mpb', '/mpb/']) {
      const { status, res } = await getText(demo.url, p);
      expect(status).toBe(302);
      expect(res.headers.get('location')).toBe('/mpb/caseload');
    }
  });

  it('seed has the clients the scenarios need', () => {
    expect(seed.clients.length).toBeGreaterThanOrEqual(6);
    const contacts = seed.clients.map((c) => c.preferredContact);
    expect(contacts).toContain('Phone call');
    expect(contacts).toContain('Voicemail');
    for (const c of seed.clients) {
      expect(c.sessions.length).toBeGreaterThanOrEqual(2);
      expect(c.sessions.length).toBeLessThanOrEqual(4);
    }
    expect(emptyPhoneSession).toBeDefined();
  });

  it('lists every seeded session on the caseload, newest first, with the contract classes', async () => {
    const { status, text, res } = await getText(demo.url, '/mpb/caseload');
    expect(status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const doc = parse(text);
    expect(doc.querySelector('#portal-header')?.textContent).toBe('Making People Better — Therapist Portal');
    expect(doc.querySelector('main#content table#caseload thead')).not.toBeNull();

    const rows = [...doc.querySelectorAll('table#caseload > tbody > tr.caseload-row')];
    const expected = allSeedSessions().sort((a, b) => (a.session.start < b.session.start ? 1 : -1));
    expect(rows.map((r) => r.getAttribute('data-session-id'))).toEqual(expected.map((e) => e.session.id));

    rows.forEach((row, i) => {
      const { client, session } = expected[i]!;
      expect(row.getAttribute('data-client-id')).toBe(client.id);
      const cells = [...row.children].map((c) => c.className);
      expect(cells).toEqual(['col-client', 'col-when', 'col-attendance', 'col-note', 'col-open']);

      const clientLink = row.querySelector('td.col-client a')!;
      expect(clientLink.textContent).toBe(client.name);
      expect(clientLink.getAttribute('href')).toBe(`/mpb/clients/${client.id}`);

      const when = row.querySelector('td.col-when')!;
      expect(when.getAttribute('data-iso')).toBe(session.start);
      expect(when.textContent).toBe(formatWhen(session.start));

      expect(row.querySelector('td.col-attendance')!.textContent).toBe(session.attendance || 'Not recorded');

      const full = row.querySelector('td.col-note div.note-full')!;
      expect(full.hasAttribute('hidden')).toBe(true);
      expect(full.textContent).toBe(session.clinicalNote);
      const shown = row.querySelector('td.col-note .note-excerpt')!.textContent;
      const chars = Array.from(session.clinicalNote);
      expect(shown).toBe(chars.length > 80 ? chars.slice(0, 80).join('') + '…' : session.clinicalNote);

      const open = row.querySelector('td.col-open a')!;
      expect(open.textContent).toBe('Open');
      expect(open.getAttribute('href')).toBe(`/mpb/sessions/${session.id}`);
    });
  });

  it('formats the 23/11/2026 14:00 example exactly', async () => {
    const doc = parse((await getText(demo.url, '/mpb/caseload')).text);
    const when = doc.querySelector(`tr[data-session-id="${emptyPhoneSession.id}"] td.col-when`)!;
    expect(emptyPhoneSession.start).toBe('2026-11-23T14:00');
    expect(when.textContent).toBe('23/11/2026 14:00');
  });

  it('shows the client record with preferred contact and session links', async () => {
    const { status, text } = await getText(demo.url, `/mpb/clients/${phoneClient.id}`);
    expect(status).toBe(200);
    const doc = parse(text);
    expect(doc.querySelector('#preferred-contact')!.textContent).toBe('Phone call');
    expect(doc.querySelector('#client-details')!.textContent).toContain('Preferred contact method (agreed at contracting)');
    expect(doc.querySelector('#client-name')!.textContent).toBe(phoneClient.name);
    expect(doc.querySelector('#client-dob')!.getAttribute('data-iso')).toBe(phoneClient.dateOfBirth);
    const links = [...doc.querySelectorAll('table#client-sessions a.session-link')];
    expect(links.map((a) => a.getAttribute('href')).sort()).toEqual(phoneClient.sessions.map((s) => `/mpb/sessions/${s.id}`).sort());
  });

  it('renders the session page with every contract id and all seven attendance options', async () => {
    const { status, text } = await getText(demo.url, `/mpb/sessions/${emptyPhoneSession.id}`);
    expect(status).toBe(200);
    const doc = parse(text);
    const main = doc.querySelector('main#content')!;
    expect(main).not.toBeNull();

    const crumbs = main.querySelector('.breadcrumb')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(crumbs).toBe(`Caseload › ${phoneClient.name} › Session`);
    expect(doc.querySelector('h1#session-title')!.textContent).toBe(`Session – ${phoneClient.name} – 23/11/2026 14:00`);
    expect(doc.querySelector('#client-name')!.textContent).toBe(phoneClient.name);
    expect(doc.querySelector('#preferred-contact')!.textContent).toBe('Phone call');
    expect(doc.querySelector('#client-summary')!.textContent).toContain('Preferred contact method (agreed at contracting)');
    const start = doc.querySelector('span#session-start')!;
    expect(start.getAttribute('data-iso')).toBe('2026-11-23T14:00');
    expect(start.textContent).toBe('23/11/2026 14:00');

    const form = doc.querySelector('form#session-form')!;
    expect(form.getAttribute('data-session-id')).toBe(emptyPhoneSession.id);
    expect(form.getAttribute('action')).toBe(`/mpb/api/sessions/${emptyPhoneSession.id}`);
    expect(form.getAttribute('method')).toBe('post');

    expect(form.querySelector('fieldset#attendance-section > legend')!.textContent).toBe('Attendance');
    expect(form.querySelector('label[for="attendance"]')!.textContent).toBe('Attendance');
    const select = form.querySelector('select#attendance[name="attendance"]') as HTMLSelectElement;
    const options = [...select.querySelectorAll('option')];
    expect(options.map((o) => o.getAttribute('value'))).toEqual(['', ...ATTENDANCE_LABELS]);
    expect(options.map((o) => o.textContent)).toEqual(['-- Select --', ...ATTENDANCE_LABELS]);
    expect(select.value).toBe('');

    expect(form.querySelector('fieldset#note-section > legend')!.textContent).toBe('Clinical Note');
    expect(form.querySelector('label[for="clinical-note"]')).not.toBeNull();
    const note = form.querySelector('textarea#clinical-note')!;
    expect(note.getAttribute('name')).toBe('clinicalNote');
    expect(note.getAttribute('rows')).toBe('12');
    expect(note.getAttribute('cols')).toBe('80');

    expect(form.querySelector('fieldset#next-session-section > legend')!.textContent).toBe('Add next session');
    expect(form.querySelector('label[for="next-session"]')!.textContent).toBe('Next session date/time');
    const next = form.querySelector('input#next-session')!;
    expect(next.getAttribute('type')).toBe('datetime-local');
    expect(next.getAttribute('name')).toBe('nextSession');

    const save = form.querySelector('button#save-session.portal-btn')!;
    expect(save.getAttribute('type')).toBe('button');
    expect(save.textContent).toBe('Save');
    const saveClose = form.querySelector('button#save-close.portal-btn')!;
    expect(saveClose.getAttribute('type')).toBe('button');
    expect(saveClose.textContent).toBe('Save & Close');

    const flash = doc.querySelector('#flash')!;
    expect(flash.getAttribute('role')).toBe('status');
    expect(flash.textContent).toBe('');
    expect(doc.querySelector('script[src="/mpb/static/portal.js"]')).not.toBeNull();
  });

  it('serves view fragments identical to the main content of the full pages', async () => {
    const pairs: Array<[string, string]> = [
      [`/mpb/sessions/${emptyPhoneSession.id}`, `/mpb/api/sessions/${emptyPhoneSession.id}/view`],
      [`/mpb/clients/${phoneClient.id}`, `/mpb/api/clients/${phoneClient.id}/view`],
    ];
    for (const [page, fragment] of pairs) {
      const full = (await getText(demo.url, page)).text;
      const frag = await getText(demo.url, fragment);
      expect(frag.status).toBe(200);
      const inner = /<main id="content">([\s\S]*)<\/main>/.exec(full)![1];
      expect(frag.text).toBe(inner);
      expect(frag.text).not.toContain('<html');
    }
  });

  it('saves a session via POST and returns it from GET', async () => {
    const body = {
      attendance: 'Appointment Cancelled by Therapist/VHG',
      clinicalNote: 'Phoned Jordan at 09:10 to cancel (therapist unwell). Offered 30/11 14:00, accepted.',
      nextSession: '',
    };
    const saved = await postJson(demo.url, `/mpb/api/sessions/${emptyPhoneSession.id}`, body);
    expect(saved.status).toBe(200);
    expect(saved.json.createdNextSession).toBeNull();
    expect(saved.json.session).toMatchObject({ id: emptyPhoneSession.id, ...body, saveCount: 1 });

    const res = await fetch(`${demo.url}/mpb/api/sessions/${emptyPhoneSession.id}`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const got = await res.json();
    expect(got).toEqual({
      id: emptyPhoneSession.id,
      clientId: phoneClient.id,
      clientName: phoneClient.name,
      preferredContact: 'Phone call',
      start: emptyPhoneSession.start,
      sessionType: 'follow-up',
      ...body,
      savedAt: expect.any(String),
      saveCount: 1,
    });
    expect(Number.isNaN(Date.parse(got.savedAt))).toBe(false);

    await postJson(demo.url, `/mpb/api/sessions/${emptyPhoneSession.id}`, body);
    const again = await (await fetch(`${demo.url}/mpb/api/sessions/${emptyPhoneSession.id}`)).json();
    expect(again.saveCount).toBe(2);

    const doc = parse((await getText(demo.url, `/mpb/sessions/${emptyPhoneSession.id}`)).text);
    // Read the attribute: happy-dom mis-resolves parser-set <option selected>
    // (capricorn86/happy-dom#2372), real browsers do not.
    const selected = [...doc.querySelectorAll('#attendance option[selected]')].map((o) => o.getAttribute('value'));
    expect(selected).toEqual([body.attendance]);
    expect((doc.querySelector('#clinical-note') as HTMLTextAreaElement).value).toBe(body.clinicalNote);
  });

  it('rejects invalid attendance and next-session values with 400 and leaves the record alone', async () => {
    const url = `/mpb/api/sessions/${emptyPhoneSession.id}`;
    const bad = await postJson(demo.url, url, { attendance: 'Cancelled', clinicalNote: 'x', nextSession: '' });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/attendance/i);

    const badNext = await postJson(demo.url, url, {
      attendance: 'Attended',
      clinicalNote: 'x',
      nextSession: '30/11/2026 14:00',
    });
    expect(badNext.status).toBe(400);
    expect(badNext.json.error).toMatch(/next session/i);

    const impossible = await postJson(demo.url, url, { nextSession: '2026-02-30T10:00' });
    expect(impossible.status).toBe(400);

    const notJson = await fetch(demo.url + url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{nope',
    });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error).toBeTruthy();

    const got = await (await fetch(demo.url + url)).json();
    expect(got).toMatchObject({ attendance: '', clinicalNote: '', saveCount: 0, savedAt: null });

    const missing = await postJson(demo.url, '/mpb/api/sessions/s-9999', { attendance: '' });
    expect(missing.status).toBe(404);
    expect(missing.json.error).toBeTruthy();
  });

  it('creates the next session for the client, once', async () => {
    const url = `/mpb/api/sessions/${emptyPhoneSession.id}`;
    const body = {
      attendance: 'Appointment Cancelled by Therapist/VHG',
      clinicalNote: 'Rebooked for 30/11/2026 14:00.',
      nextSession: '2026-11-30T14:00',
    };
    const first = await postJson(demo.url, url, body);
    expect(first.status).toBe(200);
    expect(first.json.session.nextSession).toBe('2026-11-30T14:00');
    const created = first.json.createdNextSession;
    expect(created).toEqual({ id: expect.stringMatching(/^s-\d+$/), start: '2026-11-30T14:00' });
    expect(allSeedSessions().map((s) => s.session.id)).not.toContain(created.id);

    const newSession = await (await fetch(`${demo.url}/mpb/api/sessions/${created.id}`)).json();
    expect(newSession).toMatchObject({
      clientId: phoneClient.id,
      start: '2026-11-30T14:00',
      attendance: '',
      clinicalNote: '',
      nextSession: '',
      saveCount: 0,
    });

    const second = await postJson(demo.url, url, body);
    expect(second.json.createdNextSession).toBeNull();

    const clientDoc = parse((await getText(demo.url, `/mpb/clients/${phoneClient.id}`)).text);
    const links = [...clientDoc.querySelectorAll('a.session-link')].map((a) => a.getAttribute('href'));
    expect(links.filter((h) => h === `/mpb/sessions/${created.id}`)).toHaveLength(1);
    expect(links).toHaveLength(phoneClient.sessions.length + 1);

    const caseload = parse((await getText(demo.url, '/mpb/caseload')).text);
    const row = caseload.querySelector(`tr.caseload-row[data-session-id="${created.id}"]`)!;
    expect(row.getAttribute('data-client-id')).toBe(phoneClient.id);
    // Newest first: the new 30/11 session heads the list.
    expect(caseload.querySelector('tr.caseload-row')!.getAttribute('data-session-id')).toBe(created.id);
  });

  it('logs every POST body in order, rejected ones included', async () => {
    const a = { attendance: 'Attended', clinicalNote: 'one', nextSession: '' };
    const b = { attendance: 'Nope', clinicalNote: 'two', nextSession: '' };
    await postJson(demo.url, '/mpb/api/sessions/s-2001', a);
    await postJson(demo.url, `/mpb/api/sessions/${emptyPhoneSession.id}`, b);
    const saves = await (await fetch(`${demo.url}/mpb/api/saves`)).json();
    expect(saves).toEqual([
      { sessionId: 's-2001', body: a, receivedAt: expect.any(String), status: 200 },
      { sessionId: emptyPhoneSession.id, body: b, receivedAt: expect.any(String), status: 400 },
    ]);
  });

  it('reset restores the seed and clears the save log', async () => {
    await postJson(demo.url, `/mpb/api/sessions/${emptyPhoneSession.id}`, {
      attendance: 'Attended',
      clinicalNote: 'changed',
      nextSession: '2026-12-07T14:00',
    });
    const res = await fetch(`${demo.url}/mpb/api/reset`, { method: 'POST' });
    expect(res.status).toBe(204);
    expect(await (await fetch(`${demo.url}/mpb/api/saves`)).json()).toEqual([]);
    const got = await (await fetch(`${demo.url}/mpb/api/sessions/${emptyPhoneSession.id}`)).json();
    expect(got).toMatchObject({ attendance: '', clinicalNote: '', saveCount: 0, savedAt: null });
    const doc = parse((await getText(demo.url, '/mpb/caseload')).text);
    expect(doc.querySelectorAll('tr.caseload-row')).toHaveLength(allSeedSessions().length);
  });

  it('escapes record text everywhere it is rendered', async () => {
    const payload = '<script>alert(1)</script>';
    const note = `Client said "fine" & left. ${payload}`;
    const saved = await postJson(demo.url, `/mpb/api/sessions/${emptyPhoneSession.id}`, {
      attendance: '',
      clinicalNote: note,
      nextSession: '',
    });
    expect(saved.status).toBe(200);

    const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;';
    for (const p of [
      '/mpb/caseload',
      `/mpb/sessions/${emptyPhoneSession.id}`,
      `/mpb/api/sessions/${emptyPhoneSession.id}/view`,
      `/mpb/clients/${phoneClient.id}`,
    ]) {
      const { text } = await getText(demo.url, p);
      expect(text, p).toContain(escaped);
      expect(text, p).not.toContain(payload);
      expect(text, p).not.toContain('alert(1)</script>');
    }

    // And the text still round-trips: what the portal shows is what was saved.
    const doc = parse((await getText(demo.url, `/mpb/sessions/${emptyPhoneSession.id}`)).text);
    expect((doc.querySelector('#clinical-note') as HTMLTextAreaElement).value).toBe(note);
    const caseload = parse((await getText(demo.url, '/mpb/caseload')).text);
    expect(caseload.querySelector(`tr[data-session-id="${emptyPhoneSession.id}"] .note-full`)!.textContent).toBe(note);

    // Seed text with quotes and apostrophes is escaped too.
    const niamh = (await getText(demo.url, '/mpb/clients/c-1006')).text;
    expect(niamh).toContain('Niamh O&#39;Connor');
    expect(niamh).not.toContain("Niamh O'Connor");
  });

  it('keeps a note that starts with a newline intact', async () => {
    // Browsers drop one newline straight after <textarea>, so the page must add
    // a sacrificial one. (happy-dom keeps it, so check the markup, not .value.)
    const note = '\nFirst line was blank.';
    await postJson(demo.url, `/mpb/api/sessions/${emptyPhoneSession.id}`, { clinicalNote: note });
    const { text } = await getText(demo.url, `/mpb/sessions/${emptyPhoneSession.id}`);
    expect(text).toContain('cols="80">\n\nFirst line was blank.</textarea>');
    const plain = (await getText(demo.url, '/mpb/sessions/s-2002')).text;
    expect(plain).toMatch(/cols="80">Session 5 of 8\./);
  });

  it('serves the static assets', async () => {
    const css = await fetch(`${demo.url}/mpb/static/portal.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    const js = await fetch(`${demo.url}/mpb/static/portal.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(await js.text()).toContain('/mpb/api/sessions/');
    expect((await fetch(`${demo.url}/mpb/static/seed.json`)).status).toBe(404);
    expect((await fetch(`${demo.url}/mpb/static/..%2Fseed.json`)).status).toBe(404);
  });

  it('answers unknown pages with a 404 HTML page', async () => {
    for (const p of ['/mpb/nowhere', '/mpb/sessions/s-9999', '/mpb/clients/c-9999', '/other']) {
      const { status, text, res } = await getText(demo.url, p);
      expect(status, p).toBe(404);
      expect(res.headers.get('content-type'), p).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control'), p).toBe('no-store');
      expect(text, p).toContain('Page not found');
    }
  });

  it('serves an unrelated /elsewhere page that merely reuses a portal id', async () => {
    const { status, text } = await getText(demo.url, '/elsewhere');
    expect(status).toBe(200);
    const doc = parse(text);
    expect(doc.title).toBe('Not a portal');
    expect(doc.querySelector('textarea')).not.toBeNull();
    expect(doc.querySelector('button#save-session')).not.toBeNull();
    expect(doc.querySelector('#portal-header')).toBeNull();
    expect(doc.querySelector('#session-form')).toBeNull();
    expect(doc.querySelector('script')).toBeNull();
  });
});

describe('MPB demo portal persistence', () => {
  it('keeps saves across a restart on the same data directory', async () => {
    const dataDir = path.join(tempDataDir(), 'nested', 'data');
    const first = await startTemp(dataDir);
    const body = { attendance: 'Did Not Attend', clinicalNote: 'No show; left voicemail.', nextSession: '2026-12-02T16:30' };
    let created: { id: string } | null;
    try {
      const res = await postJson(first.url, '/mpb/api/sessions/s-2009', body);
      expect(res.status).toBe(200);
      created = res.json.createdNextSession;
      expect(created).not.toBeNull();
    } finally {
      await first.close();
    }
    expect(fs.existsSync(path.join(dataDir, 'mpb.json'))).toBe(true);
    expect(fs.readdirSync(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const second = await startTemp(dataDir);
    try {
      expect(second.dataDir).toBe(dataDir);
      const got = await (await fetch(`${second.url}/mpb/api/sessions/s-2009`)).json();
      expect(got).toMatchObject({ ...body, saveCount: 1 });
      expect((await fetch(`${second.url}/mpb/api/sessions/${created!.id}`)).status).toBe(200);
      const saves = await (await fetch(`${second.url}/mpb/api/saves`)).json();
      expect(saves).toHaveLength(1);
      expect(saves[0]).toMatchObject({ sessionId: 's-2009', body });
    } finally {
      await second.close();
      fs.rmSync(path.dirname(path.dirname(dataDir)), { recursive: true, force: true });
    }
  });

  it('two servers on separate data directories do not share state', async () => {
    const a = await startTemp();
    const b = await startTemp();
    try {
      expect(a.port).not.toBe(b.port);
      await postJson(a.url, '/mpb/api/sessions/s-2001', { clinicalNote: 'only in A' });
      const fromB = await (await fetch(`${b.url}/mpb/api/sessions/s-2001`)).json();
      expect(fromB.clinicalNote).not.toBe('only in A');
    } finally {
      await Promise.all([stopTemp(a), stopTemp(b)]);
    }
  });
});
