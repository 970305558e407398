// Riverside Clinic's appointments, patients and clinicians live in one JSON
// file (clinic.json in the data dir) so saves survive restarts and end-to-end
// tests can read back exactly what the extension let through.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isLocalDateTime, openDataFile, writeJsonAtomic } from '../http.mjs';

// Built from the module's path string, not a URL object: test environments may replace the global URL.
export const SEED_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'seed.json');

// The clinic's own outcome vocabulary, exactly as its outcome list shows and
// stores it. No built-in adapter knows these labels: an imported adapter maps them.
export const OUTCOMES = Object.freeze([
  'Seen',
  'Seen – arrived late',
  'DNA',
  'Cancelled – patient',
  'Cancelled – patient, under 24 h',
  'Cancelled – clinician',
]);
export const APPOINTMENT_TYPES = Object.freeze({ review: 'Review', new: 'New patient' });
// How a patient asked to get appointment reminders: stored code → label on the page.
export const REMINDER_CHANNELS = Object.freeze({ sms: 'Text message', phone: 'Phone call', email: 'Email', app: 'Patient app' });

const MAX_NOTES_LENGTH = 100_000;

export class ValidationError extends Error {}

function loadSeed() {
  const raw = JSON.parse(fs.readFileSync(SEED_PATH, 'utf8'));
  return normaliseState({ ...raw, saves: [] });
}

// Seed appointments omit what has not been written yet; filling it here
// means every reader can rely on the full shape.
function normaliseState(state) {
  if (!state || !Array.isArray(state.appointments) || !Array.isArray(state.patients) || !Array.isArray(state.clinicians)) {
    throw new Error('Clinic demo data needs "clinicians", "patients" and "appointments" arrays');
  }
  const seen = new Set();
  for (const a of state.appointments) {
    if (seen.has(a.ref)) throw new Error(`Clinic demo data has duplicate appointment ${a.ref}`);
    seen.add(a.ref);
    if (!Object.hasOwn(APPOINTMENT_TYPES, a.type)) throw new Error(`Appointment ${a.ref} has an unknown type ${JSON.stringify(a.type)}`);
    a.outcome ??= '';
    a.notes ??= '';
    a.nextAppointment ??= '';
    a.savedAt ??= null;
    a.saveCount ??= 0;
  }
  return {
    version: 1,
    clinicians: state.clinicians,
    patients: state.patients,
    appointments: state.appointments,
    saves: Array.isArray(state.saves) ? state.saves : [],
  };
}

export function openStore(dataDir) {
  const opened = openDataFile(dataDir, 'clinic.json', 'clinic', { normalise: normaliseState, seed: loadSeed });
  const file = opened.file;
  let state = opened.state;
  const persist = () => writeJsonAtomic(file, state);

  const patient = (id) => state.patients.find((p) => p.id === id) ?? null;
  const clinician = (id) => state.clinicians.find((c) => c.id === id) ?? null;
  const byTime = (a, b) => (a.at === b.at ? a.ref.localeCompare(b.ref) : a.at < b.at ? -1 : 1);

  function findAppointment(ref) {
    const appointment = state.appointments.find((a) => a.ref === ref);
    return appointment ? { appointment, patient: patient(appointment.patientId), clinician: clinician(appointment.clinicianId) } : null;
  }

  return {
    file,
    /** Every appointment with its patient and clinician, grouped by day, earliest first. */
    days() {
      const sorted = [...state.appointments].sort(byTime);
      const days = new Map();
      for (const appointment of sorted) {
        const date = appointment.at.slice(0, 10);
        if (!days.has(date)) days.set(date, []);
        days.get(date).push({ appointment, patient: patient(appointment.patientId), clinician: clinician(appointment.clinicianId) });
      }
      return [...days].map(([date, slots]) => ({ date, slots }));
    },
    findAppointment,
    appointmentJson(ref) {
      const found = findAppointment(ref);
      if (!found) return null;
      const { appointment: a, patient: p, clinician: c } = found;
      return {
        ref: a.ref,
        patientId: a.patientId,
        patientName: p?.name ?? '',
        clinicianName: c?.name ?? '',
        at: a.at,
        type: a.type,
        outcome: a.outcome,
        notes: a.notes,
        nextAppointment: a.nextAppointment,
        savedAt: a.savedAt,
        saveCount: a.saveCount,
      };
    },
    recordSave(entry) {
      state.saves.push(entry);
      persist();
    },
    get saves() {
      return state.saves;
    },
    /**
     * Applies a save. Fields left out keep their stored value (a page that
     * lost a field still saves the rest). The clinic's own rules: the outcome
     * is one of its labels, the next appointment is after this one.
     */
    saveAppointment(ref, body) {
      const found = findAppointment(ref);
      if (!found) return null;
      if (!body || typeof body !== 'object' || Array.isArray(body)) {
        throw new ValidationError('Request body must be a JSON object');
      }
      const { appointment } = found;
      const next = {
        outcome: body.outcome ?? appointment.outcome,
        notes: body.notes ?? appointment.notes,
        nextAppointment: body.nextAppointment ?? appointment.nextAppointment,
      };
      if (typeof next.outcome !== 'string' || (next.outcome !== '' && !OUTCOMES.includes(next.outcome))) {
        throw new ValidationError(`Unknown outcome: ${JSON.stringify(next.outcome)}`);
      }
      if (typeof next.notes !== 'string') throw new ValidationError('Clinic notes must be text');
      if (next.notes.length > MAX_NOTES_LENGTH)
        throw new ValidationError(`Clinic notes are too long (maximum ${MAX_NOTES_LENGTH} characters)`);
      if (typeof next.nextAppointment !== 'string' || (next.nextAppointment !== '' && !isLocalDateTime(next.nextAppointment))) {
        throw new ValidationError(`Invalid next appointment: ${JSON.stringify(next.nextAppointment)} (expected YYYY-MM-DDTHH:mm)`);
      }
      if (next.nextAppointment && next.nextAppointment <= appointment.at) {
        throw new ValidationError('The next appointment must be after this one');
      }
      Object.assign(appointment, next);
      appointment.saveCount += 1;
      appointment.savedAt = new Date().toISOString();
      persist();
      return found;
    },
    reset() {
      state = loadSeed();
      persist();
    },
  };
}
