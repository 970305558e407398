// The case-notes portal's clients and consultations live in one JSON file
// (casenotes.json in the data dir) so saves survive restarts and end-to-end
// tests can read back exactly what the extension let through.

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isLocalDate, openDataFile, writeJsonAtomic } from '../http.mjs';

export const SEED_PATH = fileURLToPath(new URL('./seed.json', import.meta.url));

// How the service books a consultation: its codes and the labels it shows.
export const VISIT_TYPES = Object.freeze({ FIRST: 'First visit', FOLLOW_UP: 'Follow-up' });
// The urgent-risk flag on a consultation: stored code → label on the page.
export const RISK_FLAGS = Object.freeze({ none: 'None identified', flagged: 'Risk identified' });

const MAX_TEXT_LENGTH = 100_000;

export class ValidationError extends Error {}

function loadSeed() {
  const raw = JSON.parse(fs.readFileSync(SEED_PATH, 'utf8'));
  return normaliseState({ ...raw, saves: [] });
}

// Seed consultations omit what has not been written yet; filling it here
// means every reader can rely on the full shape.
function normaliseState(state) {
  if (!state || !Array.isArray(state.clients) || !Array.isArray(state.consultations) || !Array.isArray(state.workers)) {
    throw new Error('Case-notes demo data needs "workers", "clients" and "consultations" arrays');
  }
  const seen = new Set();
  for (const c of state.consultations) {
    if (seen.has(c.id)) throw new Error(`Case-notes demo data has duplicate consultation id ${c.id}`);
    seen.add(c.id);
    if (!Object.hasOwn(VISIT_TYPES, c.visitType))
      throw new Error(`Consultation ${c.id} has an unknown visit type ${JSON.stringify(c.visitType)}`);
    c.consultationNote ??= '';
    c.handover ??= '';
    c.returnOn ??= '';
    c.riskFlag ??= '';
    c.savedAt ??= null;
    c.saveCount ??= 0;
  }
  return {
    version: 1,
    workers: state.workers,
    clients: state.clients,
    consultations: state.consultations,
    saves: Array.isArray(state.saves) ? state.saves : [],
  };
}

function checkText(value, label) {
  if (typeof value !== 'string') throw new ValidationError(`${label} must be text`);
  if (value.length > MAX_TEXT_LENGTH) throw new ValidationError(`${label} is too long (maximum ${MAX_TEXT_LENGTH} characters)`);
}

export function openStore(dataDir) {
  const opened = openDataFile(dataDir, 'casenotes.json', 'case-notes', { normalise: normaliseState, seed: loadSeed });
  const file = opened.file;
  let state = opened.state;
  const persist = () => writeJsonAtomic(file, state);

  const worker = (id) => state.workers.find((w) => w.id === id) ?? null;
  const client = (id) => state.clients.find((c) => c.id === id) ?? null;
  const newestFirst = (a, b) => (a.at === b.at ? b.id.localeCompare(a.id) : a.at < b.at ? 1 : -1);

  function findConsultation(id) {
    const consultation = state.consultations.find((c) => c.id === id);
    return consultation ? { consultation, client: client(consultation.clientId), worker: worker(consultation.workerId) } : null;
  }

  return {
    file,
    worker,
    client,
    /** Every client with their latest consultation time, for the client list. */
    clients() {
      return state.clients.map((c) => ({
        client: c,
        latest: state.consultations.filter((x) => x.clientId === c.id).sort(newestFirst)[0] ?? null,
        keyworker: worker(c.keyworker),
      }));
    },
    /** A client's consultations, newest first, each with its worker. */
    consultationsOf(clientId) {
      return state.consultations
        .filter((c) => c.clientId === clientId)
        .sort(newestFirst)
        .map((consultation) => ({ consultation, worker: worker(consultation.workerId) }));
    },
    findConsultation,
    /** The client's consultation just before this one (by time), with its worker: what the next worker reads first. */
    previousOf(id) {
      const found = state.consultations.find((c) => c.id === id);
      if (!found) return null;
      const earlier = state.consultations
        .filter((c) => c.clientId === found.clientId && c.id !== found.id && c.at < found.at)
        .sort(newestFirst)[0];
      return earlier ? { consultation: earlier, worker: worker(earlier.workerId) } : null;
    },
    consultationJson(id) {
      const found = findConsultation(id);
      if (!found) return null;
      const { consultation: c, client: cl, worker: w } = found;
      return {
        id: c.id,
        clientId: c.clientId,
        clientName: cl?.name ?? '',
        workerName: w?.name ?? '',
        at: c.at,
        visitType: c.visitType,
        consultationNote: c.consultationNote,
        handover: c.handover,
        returnOn: c.returnOn,
        riskFlag: c.riskFlag,
        savedAt: c.savedAt,
        saveCount: c.saveCount,
      };
    },
    recordSave(entry) {
      state.saves.push(entry);
      persist();
    },
    get saves() {
      return state.saves;
    },
    /** Applies a save; fields left out keep their stored value. */
    saveConsultation(id, body) {
      const found = findConsultation(id);
      if (!found) return null;
      if (!body || typeof body !== 'object' || Array.isArray(body)) {
        throw new ValidationError('Request body must be a JSON object');
      }
      const { consultation } = found;
      const next = {
        consultationNote: body.consultationNote ?? consultation.consultationNote,
        handover: body.handover ?? consultation.handover,
        returnOn: body.returnOn ?? consultation.returnOn,
        riskFlag: body.riskFlag ?? consultation.riskFlag,
      };
      checkText(next.consultationNote, 'Consultation note');
      checkText(next.handover, 'Handover');
      if (typeof next.returnOn !== 'string' || (next.returnOn !== '' && !isLocalDate(next.returnOn))) {
        throw new ValidationError(`Invalid next appointment date: ${JSON.stringify(next.returnOn)} (expected YYYY-MM-DD)`);
      }
      if (next.returnOn && next.returnOn < consultation.at.slice(0, 10)) {
        throw new ValidationError('The next appointment cannot be before this consultation');
      }
      if (typeof next.riskFlag !== 'string' || (next.riskFlag !== '' && !Object.hasOwn(RISK_FLAGS, next.riskFlag))) {
        throw new ValidationError(`Invalid risk flag: ${JSON.stringify(next.riskFlag)}`);
      }
      Object.assign(consultation, next);
      consultation.saveCount += 1;
      consultation.savedAt = new Date().toISOString();
      persist();
      return found;
    },
    reset() {
      state = loadSeed();
      persist();
    },
  };
}
