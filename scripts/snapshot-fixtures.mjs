// Captures the demo portals' pages as static HTML so adapter unit tests can
// parse real portal markup without starting a server. Re-run after changing
// a portal's render.mjs or seed: `node scripts/snapshot-fixtures.mjs`.
// Writes test/fixtures/mpb/, test/fixtures/roster/, test/fixtures/casenotes/ and test/fixtures/clinic/.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from '../demo/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixturesDir = path.join(root, 'test', 'fixtures');
const readSeed = (portal) => JSON.parse(fs.readFileSync(path.join(root, 'demo', portal, 'seed.json'), 'utf8'));

// The short-notice cancellation scenario: a Phone-call client's session that
// has nothing recorded yet. The initial-assessment page is the first
// unrecorded assessment.
const mpb = readSeed('mpb');
const client = mpb.clients.find((c) => c.preferredContact === 'Phone call');
const session = client?.sessions.find((s) => !s.attendance && !s.clinicalNote);
if (!client || !session) throw new Error('mpb/seed.json needs a Phone call client with an unrecorded session');
const assessment = mpb.clients.flatMap((c) => c.sessions).find((s) => s.type === 'initial-assessment' && !s.attendance && !s.clinicalNote);
if (!assessment) throw new Error('mpb/seed.json needs an unrecorded initial assessment');

// A care worker's day with recorded and planned visits; one planned visit and
// one recorded late call.
const roster = readSeed('roster');
const planned = roster.visits.find((v) => !v.status);
const lateCall = roster.visits.find((v) => v.status === 'LATE_CALL');
if (!planned || !lateCall) throw new Error('roster/seed.json needs a planned visit and a recorded late call');
const day = planned.expected.slice(0, 10);

// A client with written consultations, one empty consultation and one written.
const casenotes = readSeed('casenotes');
const empty = casenotes.consultations.find((c) => !c.consultationNote && !c.handover);
const written = casenotes.consultations.find((c) => c.clientId === empty?.clientId && c.handover);
if (!empty || !written) throw new Error('casenotes/seed.json needs a client with an empty and a written consultation');

// Riverside Clinic (no built-in adapter; the integration guide's example): the
// day sheet, an unrecorded review, a recorded one and a new-patient appointment.
const clinic = readSeed('clinic');
const unrecorded = clinic.appointments.find((a) => a.type === 'review' && !a.outcome && !a.notes);
const recorded = clinic.appointments.find((a) => a.type === 'review' && a.outcome && a.notes && a.nextAppointment);
const newPatient = clinic.appointments.find((a) => a.type === 'new' && !a.outcome);
if (!unrecorded || !recorded || !newPatient)
  throw new Error('clinic/seed.json needs an unrecorded review, a recorded review with a next appointment and a new-patient appointment');

const pages = {
  mpb: {
    'caseload.html': '/mpb/caseload',
    'client.html': `/mpb/clients/${client.id}`,
    'session.html': `/mpb/sessions/${session.id}`,
    'initial-assessment.html': `/mpb/sessions/${assessment.id}`,
    'elsewhere.html': '/elsewhere',
  },
  roster: {
    'rota.html': `/roster/schedule/${day}`,
    'schedule.html': `/roster/schedule/${day}/${planned.workerId}`,
    'visit.html': `/roster/visits/${planned.id}`,
    'visit-late-call.html': `/roster/visits/${lateCall.id}`,
  },
  casenotes: {
    'clients.html': '/casenotes/clients',
    'client.html': `/casenotes/clients/${empty.clientId}`,
    'consultation.html': `/casenotes/consultations/${empty.id}`,
    'consultation-written.html': `/casenotes/consultations/${written.id}`,
  },
  clinic: {
    'appointments.html': '/clinic/appointments',
    'appointment.html': `/clinic/appointments/${unrecorded.ref}`,
    'appointment-recorded.html': `/clinic/appointments/${recorded.ref}`,
    'appointment-new-patient.html': `/clinic/appointments/${newPatient.ref}`,
  },
};

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartguard-fixtures-'));
const demo = await startDemoServer({ port: 0, dataDir });
try {
  for (const [portal, files] of Object.entries(pages)) {
    const outDir = path.join(fixturesDir, portal);
    fs.mkdirSync(outDir, { recursive: true });
    for (const [file, route] of Object.entries(files)) {
      const res = await fetch(demo.url + route);
      if (!res.ok) throw new Error(`${route} answered ${res.status}`);
      fs.writeFileSync(path.join(outDir, file), await res.text());
      console.log(`${path.relative(root, path.join(outDir, file))} <- ${route}`);
    }
  }
} finally {
  await demo.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
