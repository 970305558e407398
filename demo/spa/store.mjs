// Meadowbank Care's records (/spa), in memory: a seeded caseload of 400
// sessions and 400 handovers (enough that the virtualised lists render only a
// few), and every save logged exactly as received so tests can assert what the
// server got. Values are kept in the portal's own words: option codes, dates
// as `DD/MM/YYYY HH:mm`, notes as HTML.

export const ATTENDANCE = Object.freeze([
  ['ATT', 'Attended'],
  ['DNA', 'Did not attend'],
  ['CANC-PT', 'Cancelled by patient'],
  ['CANC-PT-SN', 'Cancelled by patient (less than 24 hours)'],
  ['CANC-CLIN', 'Cancelled by clinician'],
]);
export const CONTACT_METHODS = Object.freeze([
  'Telephone',
  'Mobile phone',
  'Text message (SMS)',
  'Email',
  'Video call',
  'Voicemail left',
  'In person',
]);
export const SESSION_TYPES = Object.freeze([
  ['FIRST', 'First session'],
  ['FU', 'Follow-up session'],
]);
export const HANDOVER_STATUS = Object.freeze([
  ['OPEN', 'Open'],
  ['DONE', 'Handed over'],
]);

const CLIENTS = ['Ada Byrne', 'Bilal Chowdhury', 'Carys Evans', 'Dmitri Orlov', 'Eilidh Grant', 'Femi Adeyemi', 'Grace Liu', 'Hamza Iqbal'];
const pad = (n) => String(n).padStart(2, '0');

function seed() {
  const sessions = new Map();
  const handovers = new Map();
  for (let i = 0; i < 400; i++) {
    const id = String(1000 + i);
    const day = 1 + (i % 28);
    const month = 1 + (Math.floor(i / 28) % 12);
    sessions.set(id, {
      id,
      client: CLIENTS[(i * 7) % CLIENTS.length],
      date: `${pad(day)}/${pad(month)}/2026 ${pad(9 + (i % 8))}:00`,
      // Every third session is coded and noted; the rest still need action.
      attendance: i % 3 === 0 ? 'ATT' : '',
      contactMethod: '',
      sessionType: 'FU',
      riskReviewed: false,
      nextSession: '',
      note: i % 3 === 0 ? '<p>Session held.</p>' : '',
    });
    const hid = String(5000 + i);
    handovers.set(hid, {
      id: hid,
      client: CLIENTS[(i * 3) % CLIENTS.length],
      status: i % 4 === 0 ? 'DONE' : 'OPEN',
      urgent: false,
      note: '',
    });
  }
  return { sessions, handovers, drafts: new Map(), saves: [] };
}

export class ValidationError extends Error {
  name = 'ValidationError';
  status = 400;
}

const DATE_TIME = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/;
const FIELDS = {
  session: {
    attendance: (v) => v === '' || ATTENDANCE.some(([code]) => code === v),
    contactMethod: (v) => typeof v === 'string',
    sessionType: (v) => SESSION_TYPES.some(([code]) => code === v),
    riskReviewed: (v) => typeof v === 'boolean',
    nextSession: (v) => v === '' || (typeof v === 'string' && DATE_TIME.test(v)),
    note: (v) => typeof v === 'string',
  },
  handover: {
    status: (v) => HANDOVER_STATUS.some(([code]) => code === v),
    urgent: (v) => typeof v === 'boolean',
    note: (v) => typeof v === 'string',
  },
};

export function openSpaStore() {
  let state = seed();
  const table = (kind) => (kind === 'session' ? state.sessions : state.handovers);
  return {
    get: (kind, id) => table(kind).get(id) ?? null,
    // The lists show each record's note (as stored, HTML), as caseload screens show a preview of it.
    caseload: () =>
      [...state.sessions.values()].map(({ id, client, date, attendance, note }) => ({
        id,
        client,
        date,
        attendance,
        hasNote: note !== '',
        note,
      })),
    handoverList: () => [...state.handovers.values()].map(({ id, client, status, urgent, note }) => ({ id, client, status, urgent, note })),
    /** Applies a save (or keeps a draft); false when there is no such record; throws ValidationError naming the field. */
    save(kind, id, body, { draft }) {
      const record = table(kind).get(id);
      if (!record) return false;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ValidationError('The body must be a JSON object');
      for (const [field, value] of Object.entries(body)) {
        const valid = FIELDS[kind][field];
        if (!valid) throw new ValidationError(`Unknown field ${field}`);
        if (!valid(value)) throw new ValidationError(`Invalid ${field}: ${JSON.stringify(value)}`);
      }
      if (draft) state.drafts.set(`${kind}/${id}`, body);
      else Object.assign(record, body);
      return true;
    },
    recordSave(entry) {
      state.saves.push(entry);
    },
    get saves() {
      return state.saves;
    },
    reset() {
      state = seed();
    },
  };
}
