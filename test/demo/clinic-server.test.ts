// Riverside Clinic is the portal no built-in adapter knows: the worked example
// of docs/integrate-a-portal.md and the target of the import end-to-end test.
// These pin its HTTP behaviour, the markup contract the guide's adapter reads
// (form controls by name, data-rc facts, the day sheet), its committed
// fixtures, and that the built-in configuration ignores it.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DemoServer } from '../../demo/server.mjs';
import { OUTCOMES, REMINDER_CHANNELS } from '../../demo/clinic/store.mjs';
import { detectPage, documentProbe } from '../../entrypoints/portal.content/detect';
import { builtInAdapters } from '../../lib/catalog/built-in';
import { getText, parse, postJson, startTemp, stopTemp, tempDataDir } from './helpers';

interface SeedAppointment {
  ref: string;
  patientId: string;
  at: string;
  type: string;
  outcome?: string;
  notes?: string;
  nextAppointment?: string;
}
const seed: { patients: { id: string; name: string; reminders: string }[]; appointments: SeedAppointment[] } = JSON.parse(
  fs.readFileSync(new URL('../../demo/clinic/seed.json', import.meta.url), 'utf8'),
);
const open = seed.appointments.find((a) => a.type === 'review' && !a.outcome && !a.notes)!;
const recorded = seed.appointments.find((a) => a.outcome && a.notes && a.nextAppointment)!;
const patientOf = (a: SeedAppointment) => seed.patients.find((p) => p.id === a.patientId)!;
const FIXTURES = new URL('../fixtures/clinic/', import.meta.url);

describe('Riverside Clinic demo portal server', () => {
  let demo: DemoServer;
  const saves = async () => (await fetch(`${demo.url}/clinic/api/saves`)).json();
  const appointmentApi = (ref: string) => `/clinic/api/appointments/${ref}`;

  beforeAll(async () => {
    demo = await startTemp();
  });
  afterAll(async () => {
    await stopTemp(demo);
  });
  beforeEach(async () => {
    expect((await fetch(`${demo.url}/clinic/api/reset`, { method: 'POST' })).status).toBe(204);
  });

  it('is listed on the demo index and redirects /clinic to the day sheet', async () => {
    expect(demo.portals.find((p) => p.prefix === 'clinic')).toMatchObject({ home: '/clinic/appointments' });
    const index = parse((await getText(demo.url, '/')).text);
    expect([...index.querySelectorAll('#portals a')].map((a) => a.getAttribute('href'))).toContain('/clinic/appointments');
    const root = await getText(demo.url, '/clinic');
    expect(root.status).toBe(302);
    expect(root.res.headers.get('location')).toBe('/clinic/appointments');
  });

  it('shows the day sheet by day, earliest first, with outcome, time and the full notes hidden in each slot', async () => {
    const doc = parse((await getText(demo.url, '/clinic/appointments')).text);
    const slots = [...doc.querySelectorAll("[data-rc='day-sheet'] ol.rc-slots > li.rc-slot")];
    const expected = [...seed.appointments].sort((a, b) => (a.at === b.at ? a.ref.localeCompare(b.ref) : a.at < b.at ? -1 : 1));
    expect(slots.map((slot) => slot.getAttribute('data-appointment-ref'))).toEqual(expected.map((a) => a.ref));
    expect([...doc.querySelectorAll('section.rc-day')].map((day) => day.getAttribute('data-date'))).toEqual([
      ...new Set(expected.map((a) => a.at.slice(0, 10))),
    ]);
    slots.forEach((slot, i) => {
      const a = expected[i]!;
      expect(slot.querySelector('time.rc-slot-time')!.getAttribute('datetime')).toBe(a.at);
      expect(slot.querySelector('.rc-slot-outcome')!.getAttribute('data-outcome')).toBe(a.outcome ?? '');
      expect(slot.querySelector('.rc-slot-outcome')!.textContent).toBe(a.outcome || 'Awaiting outcome');
      const full = slot.querySelector('.rc-slot-notes')!;
      expect(full.hasAttribute('hidden')).toBe(true);
      expect(full.textContent).toBe(a.notes ?? '');
      expect(slot.querySelector('a.rc-slot-patient')!.getAttribute('href')).toBe(`/clinic/appointments/${a.ref}`);
      expect(slot.querySelector('a.rc-slot-patient')!.textContent).toBe(patientOf(a).name);
    });
    expect(doc.querySelector('table')).toBeNull();
  });

  it('renders an appointment as a real form: outcome labels, notes, next appointment, one submit button, ids by render order', async () => {
    const doc = parse((await getText(demo.url, `/clinic/appointments/${open.ref}`)).text);
    expect(doc.querySelector('section.rc-appointment')!.getAttribute('data-appointment-ref')).toBe(open.ref);
    expect(doc.querySelector("time[data-rc='starts']")!.getAttribute('datetime')).toBe(open.at);
    expect(doc.querySelector("[data-rc='type']")!.getAttribute('data-type')).toBe('review');
    expect(doc.querySelector("[data-rc='reminders']")!.textContent).toBe(
      REMINDER_CHANNELS[patientOf(open).reminders as keyof typeof REMINDER_CHANNELS],
    );
    const form = doc.querySelector("form[name='appointment-notes']") as HTMLFormElement;
    expect(form.getAttribute('method')).toBe('post');
    expect(form.getAttribute('action')).toBe(`/clinic/api/appointments/${open.ref}`);
    const outcome = form.querySelector("select[name='outcome']")!;
    const options = [...outcome.querySelectorAll('option')];
    expect(options.map((o) => o.getAttribute('value'))).toEqual(['', ...OUTCOMES]);
    // Labels are the values: what the clinic stores is exactly what it shows.
    expect(options.slice(1).map((o) => o.textContent)).toEqual([...OUTCOMES]);
    expect(OUTCOMES).toContain('Cancelled – clinician');
    const controls = [outcome, form.querySelector("textarea[name='notes']")!, form.querySelector("input[name='nextAppointment']")!];
    expect(controls.map((c) => c.id)).toEqual(['ctl-1', 'ctl-2', 'ctl-3']);
    expect(controls.map((c) => doc.querySelector(`label[for="${c.id}"]`)!.textContent)).toEqual([
      'Outcome',
      'Clinic notes',
      'Next appointment',
    ]);
    expect(controls[2]!.getAttribute('type')).toBe('datetime-local');
    expect(form.querySelectorAll("button[type='submit']")).toHaveLength(1);
    expect(form.querySelector("[data-rc='status']")!.getAttribute('data-state')).toBe('new');
    expect(doc.querySelector('script[src="/clinic/assets/clinic.js"]')).not.toBeNull();
  });

  it('saves JSON from the page script and shows it back on the appointment and the day sheet', async () => {
    const body = {
      outcome: 'Cancelled – clinician',
      notes: 'Clinician off sick.\nRebooked for next week.',
      nextAppointment: '2026-11-30T10:30',
    };
    const saved = await postJson(demo.url, appointmentApi(open.ref), body);
    expect(saved.status).toBe(200);
    expect(saved.json.appointment).toMatchObject({
      ref: open.ref,
      ...body,
      saveCount: 1,
      type: 'review',
      patientName: patientOf(open).name,
    });
    expect(await saves()).toEqual([{ appointmentRef: open.ref, body, receivedAt: expect.any(String), status: 200 }]);

    const doc = parse((await getText(demo.url, `/clinic/appointments/${open.ref}`)).text);
    expect((doc.querySelector("select[name='outcome'] option[selected]") as HTMLOptionElement).getAttribute('value')).toBe(body.outcome);
    expect((doc.querySelector("textarea[name='notes']") as HTMLTextAreaElement).value).toBe(body.notes);
    expect(doc.querySelector("input[name='nextAppointment']")!.getAttribute('value')).toBe(body.nextAppointment);
    expect(doc.querySelector("[data-rc='status']")!.getAttribute('data-state')).toBe('saved');
    const sheet = parse((await getText(demo.url, '/clinic/appointments')).text);
    const slot = sheet.querySelector(`li.rc-slot[data-appointment-ref="${open.ref}"]`)!;
    expect(slot.querySelector('.rc-slot-outcome')!.getAttribute('data-outcome')).toBe(body.outcome);
    expect(slot.querySelector('.rc-slot-notes')!.textContent).toBe(body.notes);
  });

  it('accepts the form posted without scripts (url-encoded, 303 back to the page), and a save missing fields keeps them', async () => {
    const res = await fetch(demo.url + appointmentApi(open.ref), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ outcome: 'DNA', notes: 'No show.', nextAppointment: '', intent: 'save' }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/clinic/appointments/${open.ref}`);
    // A page that lost its outcome control sends the rest; the stored outcome stays.
    expect((await postJson(demo.url, appointmentApi(open.ref), { notes: 'Phoned, left a message.' })).status).toBe(200);
    expect(await (await fetch(demo.url + appointmentApi(open.ref))).json()).toMatchObject({
      outcome: 'DNA',
      notes: 'Phoned, left a message.',
      saveCount: 2,
    });
  });

  it('rejects malformed saves with 400, logs them, and leaves the appointment alone', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ outcome: 'Attended' }, /outcome/i],
      [{ outcome: 'cancelled-by-provider' }, /outcome/i],
      [{ notes: 7 }, /notes/i],
      [{ notes: 'x'.repeat(100_001) }, /too long/i],
      [{ nextAppointment: '30/11/2026 10:30' }, /next appointment/i],
      [{ nextAppointment: '2026-02-30T10:00' }, /next appointment/i],
      [{ nextAppointment: open.at }, /after this one/i],
      [[1, 2], /JSON object/i],
    ];
    for (const [body, message] of cases) {
      const res = await postJson(demo.url, appointmentApi(open.ref), body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(res.json.error).toMatch(message);
    }
    const bad = await fetch(demo.url + appointmentApi(open.ref), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{',
    });
    expect(bad.status).toBe(400);
    const logged = (await saves()) as { status: number }[];
    expect(logged).toHaveLength(cases.length + 1);
    expect(logged.every((entry) => entry.status === 400)).toBe(true);
    expect(await (await fetch(demo.url + appointmentApi(open.ref))).json()).toMatchObject({
      outcome: '',
      notes: '',
      nextAppointment: '',
      saveCount: 0,
    });
    expect((await postJson(demo.url, appointmentApi('RC-0000'), {})).status).toBe(404);
  });

  it('escapes record text and keeps notes that start with a newline', async () => {
    await postJson(demo.url, appointmentApi(open.ref), { notes: '\nFirst line blank <script>x</script>' });
    const { text } = await getText(demo.url, `/clinic/appointments/${open.ref}`);
    expect(text).toContain('name="notes" rows="14">\n\nFirst line blank &lt;script&gt;x&lt;/script&gt;</textarea>');
    expect(text).not.toContain('<script>x</script>');
  });

  it('serves its own assets only, 404s in its own look, and answers 405 to the wrong method', async () => {
    expect((await fetch(`${demo.url}/clinic/assets/clinic.css`)).headers.get('content-type')).toMatch(/^text\/css/);
    expect(await (await fetch(`${demo.url}/clinic/assets/clinic.js`)).text()).toContain('appointment-notes');
    for (const p of ['/clinic/assets/seed.json', '/clinic/assets/store.mjs', '/clinic/appointments/RC-0000', '/clinic/x/y']) {
      const { status, text } = await getText(demo.url, p);
      expect(status, p).toBe(404);
      expect(text, p).toContain('Riverside Clinic');
    }
    expect((await getText(demo.url, '/clinic/api/nothing')).status).toBe(404);
    expect((await fetch(`${demo.url}/clinic/api/reset`)).status).toBe(405);
    expect((await fetch(`${demo.url}/clinic/appointments`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${demo.url}/clinic/api/saves`, { method: 'POST' })).status).toBe(405);
  });

  it('reset restores the seed and clears the save log', async () => {
    await postJson(demo.url, appointmentApi(recorded.ref), { notes: 'changed' });
    expect(await saves()).toHaveLength(1);
    expect((await fetch(`${demo.url}/clinic/api/reset`, { method: 'POST' })).status).toBe(204);
    expect(await saves()).toEqual([]);
    expect(await (await fetch(demo.url + appointmentApi(recorded.ref))).json()).toMatchObject({
      notes: recorded.notes,
      outcome: recorded.outcome,
    });
  });
});

describe('Riverside Clinic persistence', () => {
  it('keeps saves in clinic.json across a restart', async () => {
    const dataDir = tempDataDir();
    const first = await startTemp(dataDir);
    try {
      expect((await postJson(first.url, `/clinic/api/appointments/${open.ref}`, { notes: 'kept' })).status).toBe(200);
    } finally {
      await first.close();
    }
    expect(fs.existsSync(path.join(dataDir, 'clinic.json'))).toBe(true);
    const second = await startTemp(dataDir);
    try {
      expect(await (await fetch(`${second.url}/clinic/api/appointments/${open.ref}`)).json()).toMatchObject({
        notes: 'kept',
        saveCount: 1,
      });
    } finally {
      await stopTemp(second);
    }
  });
});

describe('Riverside Clinic fixtures and the built-in configuration', () => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startTemp();
  });
  afterAll(async () => {
    await stopTemp(demo);
  });

  const routes: Array<[string, string]> = [
    ['appointments.html', '/clinic/appointments'],
    ['appointment.html', `/clinic/appointments/${open.ref}`],
    ['appointment-recorded.html', `/clinic/appointments/${recorded.ref}`],
    ['appointment-new-patient.html', `/clinic/appointments/${seed.appointments.find((a) => a.type === 'new' && !a.outcome)!.ref}`],
  ];

  it('commits exactly these fixtures', () => {
    expect(fs.readdirSync(FIXTURES).sort()).toEqual(routes.map(([file]) => file).sort());
  });

  it.each(routes)('%s matches what the portal serves at %s, and no built-in adapter claims it', async (file, route) => {
    const live = await (await fetch(demo.url + route)).text();
    const committed = fs.readFileSync(new URL(file, FIXTURES), 'utf8');
    expect(committed, 'run: node scripts/snapshot-fixtures.mjs').toBe(live);
    // Only an imported adapter makes Chartguard act here.
    expect(detectPage(builtInAdapters(), `http://127.0.0.1:5710${route}`, documentProbe(parse(committed)))).toBeUndefined();
  });
});
