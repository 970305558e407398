// Hollybrook EHR's records (/legacy) in one JSON file. The portal keeps values
// in its own words, the way a legacy system does: its own option codes, dates
// as `DD/MM/YYYY HH:mm`, checkboxes as "Y" or "", notes as HTML. Every POST is
// logged exactly as received so tests can assert what the server got.

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openDataFile, writeJsonAtomic } from '../http.mjs';

export const SEED_PATH = fileURLToPath(new URL('./seed.json', import.meta.url));

// Option lists are [code, label]: the code is what the form submits and the
// server stores; the label is what the user sees. Several labels share one
// meaning (e.g. three ways the clinician's side cancels), as in real systems.
export const ATTENDANCE = Object.freeze([
  ['ATT', 'Attended'],
  ['ATT-LATE', 'Attended late'],
  ['DNA', 'Did not attend'],
  ['DNA-NC', 'Did not attend – no contact'],
  ['CANC-PT', 'Cancelled by patient'],
  ['CANC-PT-SN', 'Cancelled by patient (less than 24 hours)'],
  ['CANC-CLIN', 'Cancelled by clinician'],
  ['CANC-CLIN-SICK', 'Cancelled – clinician sick'],
  ['CANC-SVC', 'Cancelled by service'],
]);

export const CONTACT_METHODS = Object.freeze([
  ['TEL', 'Telephone'],
  ['MOB', 'Mobile phone'],
  ['SMS', 'Text message (SMS)'],
  ['EMAIL', 'Email'],
  ['VIDEO', 'Video call'],
  ['VM', 'Voicemail left'],
  ['MSG', 'Patient portal message'],
  ['F2F', 'In person'],
]);

export const REMINDER_CHANNELS = Object.freeze([
  ['TEL', 'Phone call'],
  ['SMS', 'Text message'],
  ['EMAIL', 'Email'],
  ['MSG', 'Patient portal message'],
  ['NONE', 'No reminder'],
]);

export const REBOOK_OUTCOMES = Object.freeze([
  ['REBOOKED', 'Rebooked'],
  ['DECLINED', 'Patient declined to rebook'],
  ['PENDING', 'Not yet possible'],
]);

export const VISIT_TYPES = Object.freeze([
  ['FIRST', 'First visit'],
  ['FU', 'Follow-up visit'],
]);

export const GOALS = Object.freeze([
  ['SAFER', 'Information to use more safely'],
  ['REFLECT', 'Reflect and return with a clearer idea'],
  ['REDUCE', 'Reduce use'],
  ['WEEKEND', 'Try a weekend without chems'],
  ['STOP', 'Stop'],
  ['OTHER', 'Other goal'],
]);

export const SESSION_TYPES = Object.freeze({ 'follow-up': 'Follow-up session', 'initial-assessment': 'Initial assessment' });

// The encounter form's fields and how each is checked; a field left out of a
// POST is stored as "" (an unticked checkbox is simply absent from a form).
const CODES = (list) => list.map(([code]) => code);
const ENCOUNTER_FIELDS = {
  attendance: { codes: CODES(ATTENDANCE) },
  contactMethod: { codes: CODES(CONTACT_METHODS) },
  informedAt: { format: 'datetime' },
  rebookOutcome: { codes: CODES(REBOOK_OUTCOMES) },
  nextSession: { format: 'datetime' },
  recontactBy: { format: 'date' },
  reminderChannel: { codes: CODES(REMINDER_CHANNELS) },
  riskConcern: { codes: ['Y'] },
  clientUnhappy: { codes: ['Y'] },
  planAgreed: { codes: ['Y'] },
  clinicalNote: { note: true },
};
const HANDOVER_FIELDS = {
  visitType: { codes: CODES(VISIT_TYPES) },
  goal: { codes: CODES(GOALS) },
  urgentRisk: { codes: ['Y'] },
  followUpEmailSent: { codes: ['Y'] },
  returnOn: { format: 'date' },
  note: { note: true },
};

const MAX_NOTE_LENGTH = 100_000;
const DATETIME = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})$/;
const DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** `DD/MM/YYYY HH:mm` (or `DD/MM/YYYY`) that names a real wall-clock minute. */
export function isPortalDate(value, withTime) {
  const m = (withTime ? DATETIME : DATE).exec(value);
  if (!m) return false;
  const [, d, mo, y, h = 0, mi = 0] = m.map(Number);
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi));
  return (
    t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && t.getUTCHours() === h && t.getUTCMinutes() === mi
  );
}

/** `DD/MM/YYYY HH:mm` → a sortable `YYYY-MM-DDTHH:mm` (for list order and data attributes). */
export function sortableDate(value) {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2}))?$/.exec(value ?? '');
  if (!m) return '';
  return m[4] ? `${m[3]}-${m[2]}-${m[1]}T${m[4]}:${m[5]}` : `${m[3]}-${m[2]}-${m[1]}`;
}

export class ValidationError extends Error {}

function checkFields(spec, body) {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ValidationError('Request body must be an object');
  for (const key of Object.keys(body)) {
    if (!Object.hasOwn(spec, key) && !['action', 'next'].includes(key)) throw new ValidationError(`Unknown field ${key}`);
  }
  const out = {};
  for (const [key, rule] of Object.entries(spec)) {
    const value = body[key] ?? '';
    if (typeof value !== 'string') throw new ValidationError(`${key} must be text`);
    if (rule.codes && value !== '' && !rule.codes.includes(value)) throw new ValidationError(`Invalid ${key}: ${JSON.stringify(value)}`);
    if (rule.format && value !== '' && !isPortalDate(value, rule.format === 'datetime')) {
      throw new ValidationError(
        `Invalid ${key}: ${JSON.stringify(value)} (expected ${rule.format === 'datetime' ? 'DD/MM/YYYY HH:mm' : 'DD/MM/YYYY'})`,
      );
    }
    if (rule.note && value.length > MAX_NOTE_LENGTH) throw new ValidationError(`${key} is too long`);
    out[key] = value;
  }
  return out;
}

function blank(spec) {
  return Object.fromEntries(Object.keys(spec).map((key) => [key, '']));
}

function loadSeed() {
  const raw = JSON.parse(fs.readFileSync(SEED_PATH, 'utf8'));
  return {
    version: 1,
    patients: raw.patients,
    encounters: raw.encounters.map((e) => ({ ...blank(ENCOUNTER_FIELDS), savedAt: null, saveCount: 0, ...e })),
    handovers: raw.handovers.map((h) => ({ ...blank(HANDOVER_FIELDS), savedAt: null, saveCount: 0, ...h })),
    saves: [],
  };
}

export function openStore(dataDir) {
  const checked = (data) => {
    if (!Array.isArray(data.encounters) || !Array.isArray(data.handovers)) throw new Error('missing encounters or handovers');
    return data;
  };
  const opened = openDataFile(dataDir, 'legacy.json', 'legacy', { normalise: checked, seed: loadSeed });
  const file = opened.file;
  let state = opened.state;
  const persist = () => writeJsonAtomic(file, state);
  const patient = (pid) => state.patients.find((p) => p.pid === pid) ?? null;
  const byStart = (key) => (a, b) =>
    sortableDate(a[key]) < sortableDate(b[key]) ? 1 : sortableDate(a[key]) > sortableDate(b[key]) ? -1 : 0;

  function apply(record, spec, body) {
    Object.assign(record, checkFields(spec, body));
    record.saveCount += 1;
    record.savedAt = new Date().toISOString();
    persist();
    return record;
  }

  return {
    file,
    patient,
    encounter: (eid) => state.encounters.find((e) => e.eid === eid) ?? null,
    handover: (hid) => state.handovers.find((h) => h.hid === hid) ?? null,
    /** Newest first, as the caseload shows them. */
    encounters: () => [...state.encounters].sort(byStart('start')),
    handovers: () => [...state.handovers].sort(byStart('seenAt')),
    saveEncounter(eid, body) {
      const record = state.encounters.find((e) => e.eid === eid);
      return record ? apply(record, ENCOUNTER_FIELDS, body) : null;
    },
    saveHandover(hid, body) {
      const record = state.handovers.find((h) => h.hid === hid);
      return record ? apply(record, HANDOVER_FIELDS, body) : null;
    },
    recordSave(entry) {
      state.saves.push(entry);
      persist();
    },
    get saves() {
      return state.saves;
    },
    reset() {
      state = loadSeed();
      persist();
    },
  };
}
