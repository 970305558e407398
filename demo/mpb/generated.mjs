// Synthetic MPB caseloads of any length with a known mix of records, so the
// compliance badges can be end-to-end tested and benchmarked on 10,000 rows.
// Dates are relative to the server's clock because badges use the real clock.
// Served at GET /mpb/caseload?rows=N[&seed=S][&page=P&pageSize=K][&view=1].

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { esc } from '../http.mjs';
import { caseloadView, layout } from './render.mjs';

export const MAX_ROWS = 50_000;

/** What each kind of generated record should be badged, and how often it occurs. */
export const KINDS = Object.freeze({
  complete: { badge: 'complete', weight: 35 },
  incomplete: { badge: 'incomplete', weight: 14 },
  overdue: { badge: 'overdue', weight: 14 },
  risk: { badge: 'attention', weight: 6 },
  handwritten: { badge: 'unstructured', weight: 25 },
  upcoming: { badge: 'unstructured', weight: 6 },
});

const CANCELLED = 'Appointment Cancelled by Therapist/VHG';
const FIRST = [
  'Jordan',
  'Priya',
  'Sam',
  'Alex',
  'Morgan',
  'Chen',
  'Aisha',
  'Tomasz',
  'Grace',
  'Luca',
  'Niamh',
  'Kwame',
  'Ines',
  'Ravi',
  'Hannah',
  'Yusuf',
];
const LAST = [
  'Blake',
  'Natarajan',
  'Okafor',
  'Smith',
  'Wright',
  'Li',
  'Khan',
  'Nowak',
  'Evans',
  'Rossi',
  'Byrne',
  'Mensah',
  'Silva',
  'Patel',
  'Jones',
  'Demir',
];
const METHODS = ['phone', 'email', 'sms', 'video'];
const PORTAL_METHOD = { phone: 'Phone call', email: 'Email', sms: 'SMS text message', video: 'Video call' };
const HANDWRITTEN = [
  (name, n) =>
    `Session ${n} of 8. ${name} reported a better week and practised the breathing exercise daily. Reviewed the thought diary together.`,
  (name) => `Phoned ${name} to cancel today's session, will rebook next week. No concerns raised.`,
  (name, n) => `${name} attended session ${n}. Discussed sleep routine and work stress; agreed homework: keep the diary going.`,
  (name) => `${name} did not attend. Sent the usual follow-up email and left the slot open for next week.`,
];

/** A small seeded PRNG (mulberry32): the same seed always gives the same caseload. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n) => String(n).padStart(2, '0');
/** Local wall-clock `YYYY-MM-DDTHH:mm`, as the portal and the notes write it. */
export function localDateTime(date) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
const HOUR = 3_600_000;
const at = (now, hours) => localDateTime(new Date(now.getTime() + hours * HOUR));

let sdk;
/** The SDK renders the structured notes exactly as the extension's Apply writes them. */
async function loadSdk() {
  if (!sdk) {
    const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
    const api = await import(pathToFileURL(path.join(root, 'sdk/dist/index.js')).href);
    const source = path.join(root, 'checklists/snc.json');
    sdk = { renderNote: api.renderNote, snc: api.parseChecklist(JSON.parse(fs.readFileSync(source, 'utf8'))) };
  }
  return sdk;
}

function pickKind(next, kinds) {
  const total = kinds.reduce((sum, kind) => sum + KINDS[kind].weight, 0);
  let roll = next() * total;
  for (const kind of kinds) {
    roll -= KINDS[kind].weight;
    if (roll < 0) return kind;
  }
  return kinds[kinds.length - 1];
}

/**
 * Generates `rows` caseload rows: `{ client, session, kind, expected }`, where
 * `expected` is the badge Chartguard should show. `kinds` (cycled in order)
 * replaces the random mix when given.
 */
export async function generateCaseload({ rows = 100, seed = 1, now = new Date(), kinds } = {}) {
  const { renderNote, snc } = await loadSdk();
  const next = random(seed);
  const count = Math.max(0, Math.min(MAX_ROWS, Math.floor(rows)));
  const out = [];
  for (let i = 0; i < count; i++) {
    const kind = kinds?.length ? kinds[i % kinds.length] : pickKind(next, Object.keys(KINDS));
    const first = FIRST[Math.floor(next() * FIRST.length)];
    const name = `${first} ${LAST[Math.floor(next() * LAST.length)]}`;
    const preferred = METHODS[Math.floor(next() * METHODS.length)];
    const client = { id: `gc-${i + 1}`, name, preferredContact: PORTAL_METHOD[preferred] };
    const id = `g-${String(i + 1).padStart(5, '0')}`;
    const jitter = Math.floor(next() * 6);
    let session;
    if (kind === 'handwritten') {
      const start = at(now, -(24 * (2 + Math.floor(next() * 40)) + jitter));
      const text = HANDWRITTEN[Math.floor(next() * HANDWRITTEN.length)](first, 1 + (i % 8));
      session = { id, start, attendance: next() < 0.7 ? 'Attended' : 'Did Not Attend', clinicalNote: text };
    } else if (kind === 'upcoming') {
      session = { id, start: at(now, 24 * (1 + Math.floor(next() * 14)) + jitter), attendance: '', clinicalNote: '' };
    } else {
      // A short-notice cancellation by the therapist, written with Chartguard.
      // Incomplete ones were cancelled two hours ago for later today, so still within the 24 h deadline.
      const recent = kind === 'incomplete';
      const sessionAt = at(now, recent ? 3 + jitter : -(24 * (3 + Math.floor(next() * 30)) + jitter));
      const informed = recent ? at(now, -2) : localDateTime(new Date(new Date(sessionAt).getTime() - 2 * HOUR));
      const rebookedAt = localDateTime(new Date(new Date(sessionAt).getTime() + 7 * 24 * HOUR));
      const record = {
        sessionAt,
        informedAt: informed,
        contactMethod: preferred,
        preferredMethod: preferred,
        rebookOutcome: 'rebooked',
        rebookedAt,
        nextSessionInPortal: rebookedAt,
        agreed: `${first} agreed to meet on ${rebookedAt.replace('T', ' at ')} instead (note ${i + 1}).`,
        riskConcern: false,
        recordedAt: localDateTime(new Date(new Date(informed).getTime() + 40 * 60_000)),
      };
      if (kind === 'incomplete' || kind === 'overdue') {
        // Started but not finished: nothing agreed yet, not recorded.
        delete record.agreed;
        delete record.recordedAt;
      }
      if (kind === 'risk') {
        // Catalogue v2: a risk is at attention while its follow-up (the risk duty team, SNC-09) is not recorded yet.
        Object.assign(record, {
          riskConcern: true,
          riskDetail: `${first} said they were struggling to stay safe this week.`,
        });
      }
      session = { id, start: sessionAt, attendance: CANCELLED, clinicalNote: renderNote(snc, record) };
    }
    out.push({ client, session: { nextSession: '', ...session }, kind, expected: KINDS[kind].badge });
  }
  return out;
}

function intParam(params, name, fallback, min, max) {
  const value = Number(params.get(name));
  return params.has(name) && Number.isFinite(value) ? Math.max(min, Math.min(max, Math.floor(value))) : fallback;
}

/** Parameters of the generated route, clamped to sane values. */
export function caseloadParams(params) {
  const rows = intParam(params, 'rows', 100, 0, MAX_ROWS);
  const pageSize = intParam(params, 'pageSize', rows || 1, 1, MAX_ROWS);
  const pages = Math.max(1, Math.ceil(rows / pageSize));
  const kinds = (params.get('kinds') ?? '').split(',').filter((kind) => Object.hasOwn(KINDS, kind));
  return { rows, seed: intParam(params, 'seed', 1, 0, 2 ** 31), pageSize, pages, page: intParam(params, 'page', 1, 1, pages), kinds };
}

function pageHref(params, page) {
  const next = new URLSearchParams(params);
  next.delete('view');
  next.set('page', String(page));
  return `/mpb/caseload?${next}`;
}

// Paging through a generated caseload shows the same records: a caseload is
// reused for a minute (its dates are minute-precise), and generating 10,000
// notes takes seconds.
const recent = new Map();
async function cachedCaseload(options) {
  const key = JSON.stringify([options.rows, options.seed, options.kinds]);
  const hit = recent.get(key);
  if (hit && Date.now() - hit.at < 10 * 60_000) return hit.rows;
  const rows = await generateCaseload(options);
  if (recent.size > 8) recent.clear();
  recent.set(key, { at: Date.now(), rows });
  return rows;
}

/** The caseload view for the generated rows: the real caseload's markup plus a filter box and a pager. */
export async function generatedCaseloadView(params, now = new Date()) {
  const { rows, seed, page, pageSize, pages, kinds } = caseloadParams(params);
  const all = await cachedCaseload({ rows, seed, now, kinds });
  const shown = all.slice((page - 1) * pageSize, page * pageSize);
  const view = caseloadView(shown);
  const link = (label, target, rel) =>
    target >= 1 && target <= pages && target !== page
      ? `<a class="page-link" rel="${rel}" href="${esc(pageHref(params, target))}">${label}</a>`
      : `<span class="page-link-off">${label}</span>`;
  const tools = `<div class="caseload-tools">
<label for="caseload-filter">Filter</label> <input type="search" id="caseload-filter" autocomplete="off">
<span class="pager" id="caseload-pager">${link('‹ Previous', page - 1, 'prev')} <span class="page-of">Page ${page} of ${pages}</span> ${link('Next ›', page + 1, 'next')}</span>
</div>
`;
  return view.replace('<table id="caseload"', `${tools}<table id="caseload"`);
}

/** GET /mpb/caseload?rows=N…: the full page, or with `view=1` the <main> content for the portal's in-page pager. */
export async function serveGeneratedCaseload(ctx, sendHtml) {
  const view = await generatedCaseloadView(ctx.url.searchParams);
  return sendHtml(ctx.res, 200, ctx.url.searchParams.get('view') === '1' ? view : layout({ title: 'Caseload', body: view }));
}
