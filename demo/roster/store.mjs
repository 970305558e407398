// The rostering portal's visits, workers and service users live in one JSON
// file (roster.json in the data dir) so saves survive restarts and end-to-end
// tests can read back exactly what the extension let through.

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isLocalDateTime, openDataFile, writeJsonAtomic } from '../http.mjs';

export const SEED_PATH = fileURLToPath(new URL('./seed.json', import.meta.url));

// The portal's own status codes and the labels it shows; the extension's
// adapter matches on the labels, the server stores the codes.
export const VISIT_STATUSES = Object.freeze({
  VISITED: 'Visited',
  LATE_CALL: 'Late call',
  MISSED: 'Missed',
});
export const PLANNED_LABEL = 'Planned';

const MAX_REPORT_LENGTH = 100_000;
const MAX_REF_LENGTH = 40;

export class ValidationError extends Error {}

function loadSeed() {
  const raw = JSON.parse(fs.readFileSync(SEED_PATH, 'utf8'));
  return normaliseState({ ...raw, saves: [] });
}

// Seed visits omit what has not happened yet; filling it here means every
// reader can rely on the full shape.
function normaliseState(state) {
  if (!state || !Array.isArray(state.visits) || !Array.isArray(state.workers) || !Array.isArray(state.serviceUsers)) {
    throw new Error('Roster demo data needs "workers", "serviceUsers" and "visits" arrays');
  }
  const seen = new Set();
  for (const v of state.visits) {
    if (seen.has(v.id)) throw new Error(`Roster demo data has duplicate visit id ${v.id}`);
    seen.add(v.id);
    v.status ??= '';
    v.actualTime ??= '';
    v.incidentRef ??= '';
    v.report ??= '';
    v.savedAt ??= null;
    v.saveCount ??= 0;
  }
  return {
    version: 1,
    workers: state.workers,
    serviceUsers: state.serviceUsers,
    visits: state.visits,
    saves: Array.isArray(state.saves) ? state.saves : [],
  };
}

export function openStore(dataDir) {
  const opened = openDataFile(dataDir, 'roster.json', 'roster', { normalise: normaliseState, seed: loadSeed });
  const file = opened.file;
  let state = opened.state;
  const persist = () => writeJsonAtomic(file, state);

  const worker = (id) => state.workers.find((w) => w.id === id) ?? null;
  const serviceUser = (id) => state.serviceUsers.find((s) => s.id === id) ?? null;
  const byTime = (a, b) => (a.expected === b.expected ? a.id.localeCompare(b.id) : a.expected < b.expected ? -1 : 1);

  function findVisit(id) {
    const visit = state.visits.find((v) => v.id === id);
    return visit ? { visit, worker: worker(visit.workerId), serviceUser: serviceUser(visit.serviceUserId) } : null;
  }

  return {
    file,
    /** Every day with at least one visit, earliest first. */
    dates() {
      return [...new Set(state.visits.map((v) => v.expected.slice(0, 10)))].sort();
    },
    worker,
    /** The workers rostered on a date, with their visits that day. */
    rota(date) {
      return state.workers
        .map((w) => ({ worker: w, visits: state.visits.filter((v) => v.workerId === w.id && v.expected.startsWith(date)).sort(byTime) }))
        .filter((entry) => entry.visits.length > 0);
    },
    /** One worker's visits on one date, with the service user of each. */
    schedule(date, workerId) {
      return state.visits
        .filter((v) => v.workerId === workerId && v.expected.startsWith(date))
        .sort(byTime)
        .map((visit) => ({ visit, serviceUser: serviceUser(visit.serviceUserId) }));
    },
    findVisit,
    visitJson(id) {
      const found = findVisit(id);
      if (!found) return null;
      const { visit, worker: w, serviceUser: su } = found;
      return {
        id: visit.id,
        workerId: visit.workerId,
        workerName: w?.name ?? '',
        serviceUserId: visit.serviceUserId,
        serviceUserName: su?.name ?? '',
        expected: visit.expected,
        status: visit.status,
        actualTime: visit.actualTime,
        incidentRef: visit.incidentRef,
        report: visit.report,
        savedAt: visit.savedAt,
        saveCount: visit.saveCount,
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
     * Applies a save. Fields left out keep their stored value. The roster's
     * own rule: a late call needs the actual visit time, after the expected one.
     */
    saveVisit(id, body) {
      const found = findVisit(id);
      if (!found) return null;
      if (!body || typeof body !== 'object' || Array.isArray(body)) {
        throw new ValidationError('Request body must be a JSON object');
      }
      const { visit } = found;
      const next = {
        status: body.status ?? visit.status,
        actualTime: body.actualTime ?? visit.actualTime,
        incidentRef: body.incidentRef ?? visit.incidentRef,
        report: body.report ?? visit.report,
      };
      if (typeof next.status !== 'string' || (next.status !== '' && !Object.hasOwn(VISIT_STATUSES, next.status))) {
        throw new ValidationError(`Invalid visit status: ${JSON.stringify(next.status)}`);
      }
      if (typeof next.actualTime !== 'string' || (next.actualTime !== '' && !isLocalDateTime(next.actualTime))) {
        throw new ValidationError(`Invalid actual visit time: ${JSON.stringify(next.actualTime)} (expected YYYY-MM-DDTHH:mm)`);
      }
      if (next.status === 'LATE_CALL') {
        if (!next.actualTime) throw new ValidationError('A late call needs the actual visit time');
        if (next.actualTime <= visit.expected)
          throw new ValidationError('The actual visit time of a late call must be after the expected time');
      }
      if (typeof next.incidentRef !== 'string' || next.incidentRef.length > MAX_REF_LENGTH) {
        throw new ValidationError(`Incident reference must be text of at most ${MAX_REF_LENGTH} characters`);
      }
      if (typeof next.report !== 'string') throw new ValidationError('Visit report must be text');
      if (next.report.length > MAX_REPORT_LENGTH) {
        throw new ValidationError(`Visit report is too long (maximum ${MAX_REPORT_LENGTH} characters)`);
      }
      next.incidentRef = next.incidentRef.trim();
      Object.assign(visit, next);
      visit.saveCount += 1;
      visit.savedAt = new Date().toISOString();
      persist();
      return found;
    },
    reset() {
      state = loadSeed();
      persist();
    },
  };
}
