// A stand-in for the third-party "Making People Better" records portal, so the
// extension can be developed and end-to-end tested without touching real records.
// Plain Node built-ins only: it must start anywhere the repo is checked out.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openStore, ValidationError } from './mpb/store.mjs';
import {
  caseloadView,
  clientView,
  elsewherePage,
  layout,
  notFoundView,
  sessionView,
} from './mpb/render.mjs';

const DEMO_DIR = path.dirname(fileURLToPath(import.meta.url));
const STATIC_FILES = {
  'portal.css': 'text/css; charset=utf-8',
  'portal.js': 'text/javascript; charset=utf-8',
};
const MAX_BODY_BYTES = 1024 * 1024;

function defaultDataDir() {
  return process.env.CHARTGUARD_DEMO_DATA
    ? path.resolve(process.env.CHARTGUARD_DEMO_DATA)
    : path.join(DEMO_DIR, 'data');
}

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function send(res, status, body, contentType, extraHeaders = {}) {
  const buf = body == null ? null : Buffer.from(body);
  res.writeHead(status, {
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(buf ? { 'Content-Type': contentType, 'Content-Length': buf.length } : {}),
    ...extraHeaders,
  });
  res.end(buf);
}

const sendHtml = (res, status, html) => send(res, status, html, 'text/html; charset=utf-8');
const sendJson = (res, status, value) =>
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
const redirect = (res, location, status = 302) => send(res, status, null, null, { Location: location });

function readBody(req) {
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

// JSON is what the portal's own script sends; a url-encoded body is accepted
// too so the form still works if the page is used with scripts off.
function parseBody(raw, contentType = '') {
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    return { form: true, body: Object.fromEntries(new URLSearchParams(raw)) };
  }
  try {
    return { form: false, body: JSON.parse(raw) };
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON');
  }
}

function segment(value) {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

export async function startDemoServer({ port = 5710, host = '127.0.0.1', dataDir = defaultDataDir() } = {}) {
  const store = openStore(dataDir);

  const notFoundPage = (res, message) =>
    sendHtml(res, 404, layout({ title: 'Page not found', body: notFoundView(message) }));

  async function handleSave(req, res, sessionId) {
    const receivedAt = new Date().toISOString();
    const raw = await readBody(req);
    let parsed = null;
    let status = 200;
    let payload;
    try {
      parsed = parseBody(raw, req.headers['content-type']);
      const result = store.saveSession(sessionId, parsed.body);
      if (!result) {
        status = 404;
        payload = { error: `No session with id ${sessionId}` };
      } else {
        payload = { session: store.sessionJson(sessionId), createdNextSession: result.createdNextSession };
      }
    } catch (err) {
      if (!(err instanceof ValidationError || err instanceof HttpError)) throw err;
      status = err.status ?? 400;
      payload = { error: err.message };
    }
    // Every POST is logged, rejected ones included, so tests can see exactly
    // what the extension let through to the portal.
    store.recordSave({ sessionId, body: parsed ? parsed.body : raw, receivedAt, status });
    if (parsed?.form && status === 200) {
      return redirect(res, `/mpb/sessions/${encodeURIComponent(sessionId)}`, 303);
    }
    return sendJson(res, status, payload);
  }

  async function route(req, res) {
    const url = new URL(req.url, 'http://localhost');
    const p = url.pathname;
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const parts = p.split('/').filter(Boolean).map(segment);
    if (parts.includes(null)) return notFoundPage(res);

    const onlyGet = () => {
      if (method !== 'GET') {
        send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8', { Allow: 'GET, HEAD' });
        return false;
      }
      return true;
    };

    if (p === '/' || p === '/mpb' || p === '/mpb/') {
      return onlyGet() && redirect(res, '/mpb/caseload');
    }
    if (p === '/elsewhere') return onlyGet() && sendHtml(res, 200, elsewherePage());
    if (p === '/favicon.ico') return send(res, 204, null);
    if (parts[0] !== 'mpb') return notFoundPage(res);

    const [, a, b, c, d] = parts;
    const n = parts.length;

    if (a === 'static' && n === 3) {
      if (!onlyGet()) return;
      if (!Object.hasOwn(STATIC_FILES, b)) return notFoundPage(res);
      const content = await fs.promises.readFile(path.join(DEMO_DIR, 'mpb', b));
      return send(res, 200, content, STATIC_FILES[b]);
    }
    if (a === 'caseload' && n === 2) {
      if (!onlyGet()) return;
      return sendHtml(res, 200, layout({ title: 'Caseload', body: caseloadView(store.listSessions()) }));
    }
    if (a === 'clients' && n === 3) {
      if (!onlyGet()) return;
      const client = store.getClient(b);
      if (!client) return notFoundPage(res, `No client record with id ${b}.`);
      return sendHtml(res, 200, layout({ title: `Client record – ${client.name}`, body: clientView(client) }));
    }
    if (a === 'sessions' && n === 3) {
      if (!onlyGet()) return;
      const found = store.findSession(b);
      if (!found) return notFoundPage(res, `No session with id ${b}.`);
      const { client, session } = found;
      const body = sessionView(client, session);
      return sendHtml(res, 200, layout({ title: `Session – ${client.name}`, body }));
    }

    if (a === 'api') {
      if (b === 'saves' && n === 3) return onlyGet() && sendJson(res, 200, store.saves);
      if (b === 'reset' && n === 3) {
        if (method !== 'POST') {
          return send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8', { Allow: 'POST' });
        }
        await readBody(req);
        store.reset();
        return send(res, 204, null);
      }
      if (b === 'sessions' && n === 4) {
        if (method === 'POST') return handleSave(req, res, c);
        if (!onlyGet()) return;
        const json = store.sessionJson(c);
        return json ? sendJson(res, 200, json) : sendJson(res, 404, { error: `No session with id ${c}` });
      }
      // View fragments: the <main> content of a page, for the portal's
      // in-page transitions. Same render functions as the full pages.
      if (b === 'sessions' && n === 5 && d === 'view') {
        if (!onlyGet()) return;
        const found = store.findSession(c);
        if (!found) return sendHtml(res, 404, notFoundView(`No session with id ${c}.`));
        return sendHtml(res, 200, sessionView(found.client, found.session));
      }
      if (b === 'clients' && n === 5 && d === 'view') {
        if (!onlyGet()) return;
        const client = store.getClient(c);
        if (!client) return sendHtml(res, 404, notFoundView(`No client record with id ${c}.`));
        return sendHtml(res, 200, clientView(client));
      }
      return sendJson(res, 404, { error: `Unknown API route ${p}` });
    }
    return notFoundPage(res);
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((err) => {
      if (res.headersSent) {
        res.destroy(err);
        return;
      }
      if (err instanceof HttpError) return sendJson(res, err.status, { error: err.message });
      console.error('MPB demo portal error:', err);
      sendJson(res, 500, { error: 'Internal error' });
    });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const actualPort = server.address().port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${actualPort}`,
    port: actualPort,
    dataDir,
    close() {
      return new Promise((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive connections from fetch() would otherwise hold close() open.
        server.closeAllConnections();
      });
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const port = process.env.PORT ? Number(process.env.PORT) : 5710;
  const demo = await startDemoServer({ port });
  console.log(`MPB demo portal: ${demo.url}/mpb/caseload`);
  const stop = () => demo.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
