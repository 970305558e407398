// The MPB-style therapy portal's pages and API under /mpb: caseload, client
// records, session pages (follow-up sessions and initial assessments) and the
// save API the extension's end-to-end tests read back.
// New MPB routes go in `route()` below, next to the page or API they belong to.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { handleSave, readBody, redirect, send, sendHtml, sendJson, serveStatic } from '../http.mjs';
import { openStore, ValidationError } from './store.mjs';
import { caseloadView, clientView, layout, notFoundView, sessionView } from './render.mjs';

const DIR = path.dirname(fileURLToPath(import.meta.url));
const STATIC_FILES = {
  'portal.css': 'text/css; charset=utf-8',
  'portal.js': 'text/javascript; charset=utf-8',
};

export function createMpbPortal({ dataDir }) {
  const store = openStore(dataDir);

  const notFoundPage = (res, message) =>
    sendHtml(res, 404, layout({ title: 'Page not found', body: notFoundView(message) }));

  const sessionTitle = (client, session) =>
    `${session.type === 'initial-assessment' ? 'Initial assessment' : 'Session'} – ${client.name}`;

  async function route(ctx) {
    const { req, res, method, parts, url, onlyGet } = ctx;
    const [a, b, c] = parts;
    const n = parts.length;

    if (n === 0) return onlyGet() && redirect(res, '/mpb/caseload');
    if (a === 'static' && n === 2) {
      if (!onlyGet()) return;
      return serveStatic(res, DIR, STATIC_FILES, b, () => notFoundPage(res));
    }
    if (a === 'caseload' && n === 1) {
      if (!onlyGet()) return;
      return sendHtml(res, 200, layout({ title: 'Caseload', body: caseloadView(store.listSessions()) }));
    }
    if (a === 'clients' && n === 2) {
      if (!onlyGet()) return;
      const client = store.getClient(b);
      if (!client) return notFoundPage(res, `No client record with id ${b}.`);
      return sendHtml(res, 200, layout({ title: `Client record – ${client.name}`, body: clientView(client) }));
    }
    if (a === 'sessions' && n === 2) {
      if (!onlyGet()) return;
      const found = store.findSession(b);
      if (!found) return notFoundPage(res, `No session with id ${b}.`);
      const { client, session } = found;
      return sendHtml(res, 200, layout({ title: sessionTitle(client, session), body: sessionView(client, session) }));
    }

    if (a === 'api') {
      if (b === 'saves' && n === 2) return onlyGet() && sendJson(res, 200, store.saves);
      if (b === 'reset' && n === 2) {
        if (!ctx.onlyPost()) return;
        await readBody(req);
        store.reset();
        return send(res, 204, null);
      }
      if (b === 'sessions' && n === 3) {
        if (method === 'POST') {
          return handleSave(req, res, {
            apply(body) {
              const result = store.saveSession(c, body);
              if (!result) return { notFound: `No session with id ${c}` };
              return { session: store.sessionJson(c), createdNextSession: result.createdNextSession };
            },
            isValidationError: (err) => err instanceof ValidationError,
            log: (entry) => store.recordSave({ sessionId: c, ...entry }),
            redirectTo: `/mpb/sessions/${encodeURIComponent(c)}`,
          });
        }
        if (!onlyGet()) return;
        const json = store.sessionJson(c);
        return json ? sendJson(res, 200, json) : sendJson(res, 404, { error: `No session with id ${c}` });
      }
      // View fragments: the <main> content of a page, for the portal's
      // in-page transitions. Same render functions as the full pages.
      if (b === 'sessions' && n === 4 && parts[3] === 'view') {
        if (!onlyGet()) return;
        const found = store.findSession(c);
        if (!found) return sendHtml(res, 404, notFoundView(`No session with id ${c}.`));
        return sendHtml(res, 200, sessionView(found.client, found.session));
      }
      if (b === 'clients' && n === 4 && parts[3] === 'view') {
        if (!onlyGet()) return;
        const client = store.getClient(c);
        if (!client) return sendHtml(res, 404, notFoundView(`No client record with id ${c}.`));
        return sendHtml(res, 200, clientView(client));
      }
      return sendJson(res, 404, { error: `Unknown API route ${url.pathname}` });
    }
    return notFoundPage(res);
  }

  return {
    prefix: 'mpb',
    name: 'Making People Better — Therapist Portal',
    summary: 'Therapy provider: caseload, client records, follow-up sessions and initial assessments.',
    home: '/mpb/caseload',
    route,
    notFound: (res) => notFoundPage(res),
  };
}
