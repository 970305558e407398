// The demo portal's records live in one JSON file so that saves made by the
// extension survive restarts and can be inspected by end-to-end tests.

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isLocalDateTime, openDataFile, writeJsonAtomic } from '../http.mjs';

export const SEED_PATH = fileURLToPath(new URL('./seed.json', import.meta.url));

// The option labels are the portal's vocabulary: the extension matches on the
// exact text, so these must not be reworded.
export const ATTENDANCE_OPTIONS = Object.freeze([
  'Attended',
  'Attended Late',
  'Did Not Attend',
  'Cancelled by Client',
  'Cancelled by Client (Short Notice)',
  'Appointment Cancelled by Therapist/VHG',
]);

// A session is either a follow-up (ongoing therapy) or the client's initial
// assessment; the session page shows which, and the adapter keys on it.
export const SESSION_TYPES = Object.freeze(['follow-up', 'initial-assessment']);

const MAX_NOTE_LENGTH = 100_000;

function loadSeed() {
  const raw = JSON.parse(fs.readFileSync(SEED_PATH, 'utf8'));
  return normaliseState({ clients: raw.clients, saves: [] });
}

// Seed sessions omit bookkeeping fields; filling them here means every reader
// can rely on the full shape.
function normaliseState(state) {
  if (!state || !Array.isArray(state.clients)) {
    throw new Error('MPB demo data has no "clients" array');
  }
  const seen = new Set();
  for (const client of state.clients) {
    if (!Array.isArray(client.sessions)) client.sessions = [];
    for (const s of client.sessions) {
      if (seen.has(s.id)) throw new Error(`MPB demo data has duplicate session id ${s.id}`);
      seen.add(s.id);
      s.type ??= 'follow-up';
      if (!SESSION_TYPES.includes(s.type))
        throw new Error(`MPB demo data has an unknown session type ${JSON.stringify(s.type)} on ${s.id}`);
      s.attendance ??= '';
      s.clinicalNote ??= '';
      s.nextSession ??= '';
      s.savedAt ??= null;
      s.saveCount ??= 0;
    }
  }
  return { version: 1, clients: state.clients, saves: Array.isArray(state.saves) ? state.saves : [] };
}

export class ValidationError extends Error {}

/**
 * Opens (creating from the seed if needed) the data file in dataDir.
 * All writes are synchronous so that concurrent requests can never interleave
 * a read-modify-write of the file.
 */
export function openStore(dataDir) {
  const opened = openDataFile(dataDir, 'mpb.json', 'MPB', { normalise: normaliseState, seed: loadSeed });
  const file = opened.file;
  let state = opened.state;

  const persist = () => writeJsonAtomic(file, state);

  function findSession(id) {
    for (const client of state.clients) {
      const session = client.sessions.find((s) => s.id === id);
      if (session) return { client, session };
    }
    return null;
  }

  function nextSessionId() {
    let max = 2000;
    for (const c of state.clients) {
      for (const s of c.sessions) {
        const n = Number(/^s-(\d+)$/.exec(s.id)?.[1]);
        if (Number.isFinite(n) && n > max) max = n;
      }
    }
    return `s-${max + 1}`;
  }

  return {
    file,
    get clients() {
      return state.clients;
    },
    getClient(id) {
      return state.clients.find((c) => c.id === id) ?? null;
    },
    findSession,
    /** Every session with its client, newest first. */
    listSessions() {
      const rows = [];
      for (const client of state.clients) {
        for (const session of client.sessions) rows.push({ client, session });
      }
      return rows.sort((a, b) =>
        a.session.start === b.session.start ? a.session.id.localeCompare(b.session.id) : a.session.start < b.session.start ? 1 : -1,
      );
    },
    sessionJson(id) {
      const found = findSession(id);
      if (!found) return null;
      const { client, session } = found;
      return {
        id: session.id,
        clientId: client.id,
        clientName: client.name,
        preferredContact: client.preferredContact,
        start: session.start,
        sessionType: session.type,
        attendance: session.attendance,
        clinicalNote: session.clinicalNote,
        nextSession: session.nextSession,
        savedAt: session.savedAt,
        saveCount: session.saveCount,
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
     * Applies a save. Fields left out of the body keep their stored value;
     * anything present must be a string of the right form.
     */
    saveSession(id, body) {
      const found = findSession(id);
      if (!found) return null;
      if (!body || typeof body !== 'object' || Array.isArray(body)) {
        throw new ValidationError('Request body must be a JSON object');
      }
      const { client, session } = found;
      const next = {
        attendance: body.attendance ?? session.attendance,
        clinicalNote: body.clinicalNote ?? session.clinicalNote,
        nextSession: body.nextSession ?? session.nextSession,
      };
      if (typeof next.attendance !== 'string' || (next.attendance !== '' && !ATTENDANCE_OPTIONS.includes(next.attendance))) {
        throw new ValidationError(`Invalid attendance value: ${JSON.stringify(next.attendance)}`);
      }
      if (typeof next.clinicalNote !== 'string') {
        throw new ValidationError('Clinical note must be text');
      }
      if (next.clinicalNote.length > MAX_NOTE_LENGTH) {
        throw new ValidationError(`Clinical note is too long (maximum ${MAX_NOTE_LENGTH} characters)`);
      }
      if (typeof next.nextSession !== 'string' || (next.nextSession !== '' && !isLocalDateTime(next.nextSession))) {
        throw new ValidationError(`Invalid next session date/time: ${JSON.stringify(next.nextSession)} (expected YYYY-MM-DDTHH:mm)`);
      }

      Object.assign(session, next);
      session.saveCount += 1;
      session.savedAt = new Date().toISOString();

      let createdNextSession = null;
      if (next.nextSession && !client.sessions.some((s) => s.start === next.nextSession)) {
        // Whatever this session was, the one booked after it is ongoing therapy.
        const created = {
          id: nextSessionId(),
          type: 'follow-up',
          start: next.nextSession,
          attendance: '',
          clinicalNote: '',
          nextSession: '',
          savedAt: null,
          saveCount: 0,
        };
        client.sessions.push(created);
        createdNextSession = { id: created.id, start: created.start };
      }
      persist();
      return { client, session, createdNextSession };
    },
    reset() {
      state = loadSeed();
      persist();
    },
  };
}
