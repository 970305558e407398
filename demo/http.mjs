// HTTP plumbing shared by the demo portals' route modules, so each portal only
// says what its pages and APIs are. Plain Node built-ins only.

import fs from 'node:fs';
import path from 'node:path';

export const MAX_BODY_BYTES = 1024 * 1024;

export class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function send(res, status, body, contentType, extraHeaders = {}) {
  const buf = body == null ? null : Buffer.from(body);
  res.writeHead(status, {
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(buf ? { 'Content-Type': contentType, 'Content-Length': buf.length } : {}),
    ...extraHeaders,
  });
  res.end(buf);
}

export const sendHtml = (res, status, html) => send(res, status, html, 'text/html; charset=utf-8');
export const sendJson = (res, status, value) => send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
export const redirect = (res, location, status = 302) => send(res, status, null, null, { Location: location });

export function methodNotAllowed(res, allow) {
  send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8', { Allow: allow });
}

export function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      // Keep draining so the 413 can still be delivered on this connection.
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) reject(new HttpError(413, 'Request body too large'));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

// JSON is what the portals' own scripts send; a url-encoded body is accepted
// too so a form still works if the page is used with scripts off.
export function parseBody(raw, contentType = '') {
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    return { form: true, body: Object.fromEntries(new URLSearchParams(raw)) };
  }
  try {
    return { form: false, body: JSON.parse(raw) };
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON');
  }
}

/**
 * Serves one of a fixed set of files from a portal's folder; anything not in
 * the list is a 404, so no request can reach the seed or data files.
 */
export async function serveStatic(res, dir, files, name, notFound) {
  if (!Object.hasOwn(files, name)) return notFound();
  const content = await fs.promises.readFile(path.join(dir, name));
  return send(res, 200, content, files[name]);
}

/**
 * One request as a portal sees it: `parts` are the decoded path segments
 * after the portal's own prefix. `onlyGet`/`onlyPost` answer 405 and return
 * false when the method does not fit.
 */
export function requestContext(req, res, url, parts) {
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  return {
    req,
    res,
    url,
    method,
    parts,
    onlyGet() {
      if (method === 'GET') return true;
      methodNotAllowed(res, 'GET, HEAD');
      return false;
    },
    onlyPost() {
      if (method === 'POST') return true;
      methodNotAllowed(res, 'POST');
      return false;
    },
  };
}

/**
 * The body of a save POST, parsed, plus what to log: every POST is logged,
 * rejected ones included, so tests can see exactly what reached the portal.
 * `apply(body)` returns the JSON answer or null for "no such record"; it
 * throws a ValidationError-like error (with optional `status`) to reject.
 */
export async function handleSave(req, res, { apply, isValidationError, log, redirectTo }) {
  const receivedAt = new Date().toISOString();
  const raw = await readBody(req);
  let parsed = null;
  let status = 200;
  let payload;
  try {
    parsed = parseBody(raw, req.headers['content-type']);
    const result = apply(parsed.body);
    if (result && result.notFound) {
      status = 404;
      payload = { error: result.notFound };
    } else {
      payload = result;
    }
  } catch (err) {
    if (!(isValidationError(err) || err instanceof HttpError)) throw err;
    status = err.status ?? 400;
    payload = { error: err.message };
  }
  log({ body: parsed ? parsed.body : raw, receivedAt, status });
  if (parsed?.form && status === 200 && redirectTo) return redirect(res, redirectTo, 303);
  return sendJson(res, status, payload);
}

/**
 * The API every demo portal offers for one kind of record: its save log and
 * reset (what tests read), and GET/POST of one record. Returns false when the
 * request is not one of these, so a portal can answer its own extra routes.
 */
export async function serveRecordApi(ctx, { store, collection, idKey, missing, toJson, save, isValidationError, pagePath }) {
  const { req, res, method, parts, onlyGet } = ctx;
  const [, b, id] = parts;
  const n = parts.length;
  if (b === 'saves' && n === 2) {
    if (onlyGet()) sendJson(res, 200, store.saves);
    return true;
  }
  if (b === 'reset' && n === 2) {
    if (ctx.onlyPost()) {
      await readBody(req);
      store.reset();
      send(res, 204, null);
    }
    return true;
  }
  if (b !== collection || n !== 3) return false;
  if (method === 'POST') {
    await handleSave(req, res, {
      apply: (body) => save(id, body) ?? { notFound: missing(id) },
      isValidationError,
      log: (entry) => store.recordSave({ [idKey]: id, ...entry }),
      redirectTo: pagePath(id),
    });
    return true;
  }
  if (onlyGet()) {
    const json = toJson(id);
    if (json) sendJson(res, 200, json);
    else sendJson(res, 404, { error: missing(id) });
  }
  return true;
}

/**
 * The API a portal keeps for the tests (`saves`: what it received; `reset`: back to its seed); false for any
 * other name, so the portal goes on to its own routes.
 */
export async function serveTestApi(ctx, store, name) {
  if (name === 'saves') {
    if (ctx.onlyGet()) sendJson(ctx.res, 200, store.saves);
    return true;
  }
  if (name === 'reset') {
    if (!ctx.onlyPost()) return true;
    await readBody(ctx.req);
    store.reset();
    send(ctx.res, 204, null);
    return true;
  }
  return false;
}

/** The head of a page from the portals laid out for any screen width (clinic, case notes, roster), up to its <body>; `suffix` names the portal after the page's title. */
export const pageHead = (title, suffix, stylesheet) => `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}${suffix}</title>
<link rel="stylesheet" href="${stylesheet}">
</head>`;

let tmpCounter = 0;

/** Written through a temp file and a rename: a crash mid-write never leaves half a data file. */
export function writeJsonAtomic(file, value) {
  const tmp = `${file}.${process.pid}.${++tmpCounter}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 2));
  fs.renameSync(tmp, file);
}

/**
 * A portal's data file in `dataDir`: read through `normalise` when it is there (a file that cannot be read is an
 * error that says how to reseed), else `seed()`, written at once. Saves made through the portal survive restarts.
 */
export function openDataFile(dataDir, name, portal, { normalise, seed }) {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, name);
  if (!fs.existsSync(file)) {
    const state = seed();
    writeJsonAtomic(file, state);
    return { file, state };
  }
  try {
    return { file, state: normalise(JSON.parse(fs.readFileSync(file, 'utf8'))) };
  } catch (err) {
    throw new Error(`Cannot read ${portal} demo data at ${file}: ${err.message} (delete it to reseed)`);
  }
}

const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DDTHH:mm` that names a real wall-clock minute (rejects 2026-02-30 and friends). */
export function isLocalDateTime(value) {
  const m = LOCAL_DATETIME.exec(value);
  if (!m) return false;
  const [, y, mo, d, h, mi] = m.map(Number);
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi));
  return (
    t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && t.getUTCHours() === h && t.getUTCMinutes() === mi
  );
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A wall-clock `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm` taken apart (no time-zone maths), with its English day and month names. */
export function dateParts(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(iso ?? '');
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const weekday = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  return { y, mo, d, time: m[4] ? `${m[4]}:${m[5]}` : '', day: DAYS[weekday], month: MONTHS[mo - 1] };
}

/** `2026-11-23` → `Monday 23 November 2026`; anything else as it is. */
export function longDate(iso) {
  const p = dateParts(iso);
  return p ? `${p.day} ${p.d} ${p.month} ${p.y}` : String(iso ?? '');
}

export function isLocalDate(value) {
  const m = LOCAL_DATE.exec(value);
  return Boolean(m) && isLocalDateTime(`${value}T00:00`);
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}
