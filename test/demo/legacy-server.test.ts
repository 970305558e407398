// Hollybrook EHR (/legacy) is the frame-based, real-widget test bed for issue
// #14: these pin its frame shell, the query-string record ids, the
// POST-redirect-GET save with ?saved=1, its own value formats and option
// codes, the exact save log tests read back, and that only library asset
// files are served from node_modules.

import fs from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DemoServer } from '../../demo/server.mjs';
import { getText, parse, startTemp, stopTemp, tempDataDir } from './helpers';

const seed: {
  patients: { pid: string; name: string; preferredContact: string }[];
  encounters: Record<string, string>[];
  handovers: Record<string, string>[];
} = JSON.parse(fs.readFileSync(new URL('../../demo/legacy/seed.json', import.meta.url), 'utf8'));

const sortable = (d: string) => d.replace(/^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})$/, '$3-$2-$1T$4:$5');

function form(fields: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  };
}

describe('Hollybrook EHR (/legacy) demo portal server', () => {
  let demo: DemoServer;
  const saves = async () => (await fetch(`${demo.url}/legacy/api/saves`)).json();
  const encounter = async (eid: string) => (await fetch(`${demo.url}/legacy/api/encounters/${eid}`)).json();

  beforeAll(async () => {
    demo = await startTemp();
  });
  afterAll(async () => {
    await stopTemp(demo);
  });
  beforeEach(async () => {
    expect((await fetch(`${demo.url}/legacy/api/reset`, { method: 'POST' })).status).toBe(204);
  });

  it('opens on the frame shell: a navigation frame and the RBody working frame, same origin', async () => {
    const root = await getText(demo.url, '/legacy');
    expect(root.status).toBe(302);
    expect(root.res.headers.get('location')).toBe('/legacy/main.php');
    const shell = parse((await getText(demo.url, '/legacy/main.php')).text);
    expect(shell.querySelector('iframe#nav-frame')!.getAttribute('src')).toBe('/legacy/nav.php');
    expect(shell.querySelector('iframe#nav-frame')!.getAttribute('name')).toBe('Nav');
    expect(shell.querySelector('iframe#work-frame')!.getAttribute('name')).toBe('RBody');
    expect(shell.querySelector('iframe#work-frame')!.getAttribute('src')).toBe('/legacy/caseload.php');
    const nav = parse((await getText(demo.url, '/legacy/nav.php')).text);
    expect([...nav.querySelectorAll('#nav-menu a')].every((a) => a.getAttribute('target') === 'RBody')).toBe(true);
  });

  it('opens a chosen work page in the working frame, and nothing outside the portal', async () => {
    const page = '/legacy/encounter.php?eid=302';
    const shell = parse((await getText(demo.url, `/legacy/main.php?page=${encodeURIComponent(page)}`)).text);
    expect(shell.querySelector('iframe#work-frame')!.getAttribute('src')).toBe(page);
    for (const bad of ['https://evil.example/', '/mpb/caseload', 'javascript:alert(1)', '/legacy/nav.php']) {
      const doc = parse((await getText(demo.url, `/legacy/main.php?page=${encodeURIComponent(bad)}`)).text);
      expect(doc.querySelector('iframe#work-frame')!.getAttribute('src'), bad).toBe('/legacy/caseload.php');
    }
  });

  it('lists every encounter newest first with its record id, codes and the note as text', async () => {
    const doc = parse((await getText(demo.url, '/legacy/caseload.php')).text);
    const rows = [...doc.querySelectorAll('table#caseload tbody tr.enc-row')];
    const expected = [...seed.encounters].sort((a, b) => (sortable(a.start!) < sortable(b.start!) ? 1 : -1));
    expect(rows.map((r) => r.getAttribute('data-eid'))).toEqual(expected.map((e) => e.eid));
    const recorded = rows.find((r) => r.getAttribute('data-eid') === '305')!;
    expect(recorded.querySelector('td.c-attendance')!.getAttribute('data-code')).toBe('CANC-CLIN-SICK');
    expect(recorded.querySelector('td.c-attendance')!.textContent).toBe('Cancelled – clinician sick');
    expect(recorded.querySelector('td.c-when')!.getAttribute('data-value')).toBe('18/11/2026 09:30');
    const first = rows.find((r) => r.getAttribute('data-eid') === '301')!;
    expect(first.querySelector('.c-note-full')!.hasAttribute('hidden')).toBe(true);
    expect(first.querySelector('.c-note-full')!.textContent).toBe(
      'Session 5 of 8. Sleep a little better; practised the grounding exercise in session.\nMorgan to keep the thought diary going.',
    );
    const handovers = [...doc.querySelectorAll('table#handover-list tbody tr.ho-row')].map((r) => r.getAttribute('data-hid'));
    expect(handovers.sort()).toEqual(seed.handovers.map((h) => h.hid).sort());
    expect(doc.querySelector('#saved-banner')).toBeNull();
  });

  it('renders an encounter from its query-string id with every field in the portal’s own values', async () => {
    const { status, text } = await getText(demo.url, '/legacy/encounter.php?eid=305');
    expect(status).toBe(200);
    const doc = parse(text);
    const formEl = doc.querySelector('form#encounter-form')!;
    expect(formEl.getAttribute('action')).toBe('/legacy/encounter.php?eid=305');
    expect(formEl.getAttribute('method')).toBe('post');
    expect(doc.querySelector('#session-start')!.textContent).toBe('18/11/2026 09:30');
    expect(doc.querySelector('#preferred-contact')!.getAttribute('data-code')).toBe('SMS');
    expect(doc.querySelector('#preferred-contact')!.textContent).toBe('Text message (SMS)');
    const selected = (id: string) => doc.querySelector(`#${id} option[selected]`)?.getAttribute('value');
    expect(selected('attendance')).toBe('CANC-CLIN-SICK');
    expect(selected('contact-method')).toBe('MOB');
    expect(doc.querySelector('#informed-at')!.getAttribute('value')).toBe('18/11/2026 08:10');
    expect(doc.querySelector('#next-session')!.getAttribute('value')).toBe('25/11/2026 09:30');
    expect(doc.querySelector('input[name="rebookOutcome"][checked]')!.getAttribute('value')).toBe('REBOOKED');
    expect((doc.querySelector('textarea#clinical-note') as HTMLTextAreaElement).value).toBe(
      '<p>Clinician unwell. Tomasz phoned at 08:10 and agreed to next week at the same time.</p>',
    );
    // Three portal labels that all mean "cancelled by the provider".
    const labels = [...doc.querySelectorAll('#attendance option')].map((o) => o.getAttribute('value'));
    expect(labels.filter((v) => /^CANC-(CLIN|SVC)/.test(v!))).toEqual(['CANC-CLIN', 'CANC-CLIN-SICK', 'CANC-SVC']);
    // The page loads the real libraries from the portal's own vendor folder.
    const scripts = [...doc.querySelectorAll('script[src]')].map((s) => s.getAttribute('src'));
    expect(scripts).toContain('/legacy/vendor/tinymce/tinymce.min.js');
    expect(scripts).toContain('/legacy/vendor/select2/js/select2.min.js');
    expect(doc.querySelector('#saved-banner')).toBeNull();
  });

  it('answers 404 for an unknown eid or hid', async () => {
    expect((await getText(demo.url, '/legacy/encounter.php?eid=999')).status).toBe(404);
    expect((await getText(demo.url, '/legacy/handover.php?hid=')).status).toBe(404);
  });

  it('saves a form POST, logs exactly what was received and redirects back with ?saved=1', async () => {
    const fields = {
      attendance: 'CANC-CLIN',
      contactMethod: 'TEL',
      informedAt: '23/11/2026 09:05',
      rebookOutcome: 'REBOOKED',
      nextSession: '30/11/2026 14:00',
      recontactBy: '',
      reminderChannel: 'SMS',
      riskConcern: 'Y',
      clinicalNote: '<p>Clinician unwell &amp; phoned Morgan.</p>',
      next: '',
      action: 'save',
    };
    const res = await fetch(`${demo.url}/legacy/encounter.php?eid=302`, form(fields));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/legacy/encounter.php?eid=302&saved=1');
    const log = await saves();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      kind: 'encounter',
      eid: '302',
      status: 303,
      contentType: 'application/x-www-form-urlencoded',
      body: fields,
    });
    const stored = await encounter('302');
    expect(stored).toMatchObject({
      attendance: 'CANC-CLIN',
      informedAt: '23/11/2026 09:05',
      riskConcern: 'Y',
      clientUnhappy: '',
      saveCount: 1,
    });
    expect(stored.clinicalNote).toBe('<p>Clinician unwell &amp; phoned Morgan.</p>');

    const after = parse((await getText(demo.url, '/legacy/encounter.php?eid=302&saved=1')).text);
    expect(after.querySelector('#saved-banner')!.textContent).toBe('Saved');
    expect(after.querySelector('#attendance option[selected]')!.getAttribute('value')).toBe('CANC-CLIN');
    expect(after.querySelector('#risk-concern')!.hasAttribute('checked')).toBe(true);
  });

  it('an unticked checkbox is absent from the POST and clears the stored flag', async () => {
    expect((await encounter('308')).riskConcern).toBe('Y');
    const res = await fetch(`${demo.url}/legacy/encounter.php?eid=308`, form({ attendance: 'DNA-NC', clinicalNote: '<p>x</p>' }));
    expect(res.status).toBe(303);
    expect((await encounter('308')).riskConcern).toBe('');
  });

  it('“Save and return” redirects to the caseload, which confirms the save', async () => {
    const res = await fetch(`${demo.url}/legacy/encounter.php?eid=304`, form({ attendance: 'ATT', next: 'caseload' }));
    expect(res.headers.get('location')).toBe('/legacy/caseload.php?saved=1&eid=304');
    const doc = parse((await getText(demo.url, '/legacy/caseload.php?saved=1&eid=304')).text);
    expect(doc.querySelector('#saved-banner')!.textContent).toBe('Saved encounter 304');
    expect(doc.querySelector('tr[data-eid="304"] td.c-attendance')!.getAttribute('data-code')).toBe('ATT');
  });

  it.each([
    ['an ISO date', { informedAt: '2026-11-23T09:05' }],
    ['an impossible date', { nextSession: '31/02/2026 10:00' }],
    ['a label instead of a code', { attendance: 'Cancelled by clinician' }],
    ['an unknown field', { mood: 'low' }],
  ])('rejects %s with 400, logs it, and keeps the record', async (_, fields) => {
    const res = await fetch(`${demo.url}/legacy/encounter.php?eid=302`, form(fields as Record<string, string>));
    expect(res.status).toBe(400);
    expect(parse(await res.text()).querySelector('#form-error')!.textContent).not.toBe('');
    const log = await saves();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ status: 400, body: fields });
    expect((await encounter('302')).saveCount).toBe(0);
  });

  it('a handover saves its contenteditable note as HTML, and shows stored markup without script', async () => {
    const note = '<p>Reason: weekends.</p><p>Goal: reduce.</p><script>alert(1)</script>';
    const res = await fetch(
      `${demo.url}/legacy/handover.php?hid=402`,
      form({ visitType: 'FU', goal: 'REDUCE', urgentRisk: 'Y', returnOn: '03/12/2026', note }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/legacy/handover.php?hid=402&saved=1');
    expect((await saves())[0]).toMatchObject({ kind: 'handover', hid: '402', body: { note, goal: 'REDUCE' } });
    const doc = parse((await getText(demo.url, '/legacy/handover.php?hid=402&saved=1')).text);
    const editable = doc.querySelector('#handover-note')!;
    expect([...editable.children].map((el) => el.tagName)).toEqual(['P', 'P']);
    expect(editable.querySelector('script')).toBeNull();
    expect(editable.textContent).toContain('<script>alert(1)</script>');
    expect(doc.querySelector('#handover-note-value')!.getAttribute('value')).toBe(note);
    expect(doc.querySelector('input[name="visitType"][checked]')!.getAttribute('value')).toBe('FU');
    expect(doc.querySelector('#saved-banner')).not.toBeNull();
  });

  it('serves the widget libraries from node_modules, and nothing but asset files', async () => {
    const tiny = await fetch(`${demo.url}/legacy/vendor/tinymce/tinymce.min.js`);
    expect(tiny.status).toBe(200);
    expect(tiny.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await tiny.text()).toBe(fs.readFileSync(new URL('../../node_modules/tinymce/tinymce.min.js', import.meta.url), 'utf8'));
    expect((await fetch(`${demo.url}/legacy/vendor/tinymce/skins/ui/oxide/skin.min.css`)).status).toBe(200);
    for (const bad of [
      '/legacy/vendor/tinymce/package.json',
      '/legacy/vendor/tinymce/%2e%2e/jquery/package.json',
      '/legacy/vendor/tinymce/..%2f..%2fpackage.json',
      '/legacy/vendor/nope/x.js',
      '/legacy/vendor/jquery',
    ]) {
      expect((await fetch(demo.url + bad)).status, bad).toBe(404);
    }
  });

  it('keeps saves in legacy.json across a restart', async () => {
    const dataDir = tempDataDir();
    let first: DemoServer | undefined = await startTemp(dataDir);
    try {
      await fetch(`${first.url}/legacy/encounter.php?eid=306`, form({ attendance: 'ATT' }));
      await first.close();
      first = await startTemp(dataDir);
      expect((await (await fetch(`${first.url}/legacy/api/encounters/306`)).json()).attendance).toBe('ATT');
      expect(await (await fetch(`${first.url}/legacy/api/saves`)).json()).toHaveLength(1);
    } finally {
      await stopTemp(first);
    }
  });
});
