// The MPB-style therapy portal's pages and API under /mpb: caseload, client
// records, session pages (follow-up sessions and initial assessments) and the
// save API the extension's end-to-end tests read back.
// New MPB routes go in `route()` below, next to the page or API they belong to.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { redirect, sendHtml, sendJson, serveRecordApi, serveStatic } from '../http.mjs';
import { openStore, ValidationError } from './store.mjs';
import { caseloadView, clientView, layout, notFoundView, sessionView } from './render.mjs';

const DIR = path.dirname(fileURLToPath(import.meta.url));
const STATIC_FILES = {
  'portal.css': 'text/css; charset=utf-8',
  'portal.js': 'text/javascript; charset=utf-8',
};

/**
 * `?earlySave=<ms>` (test/e2e/early-save.test.ts): the session page as a slow server sends it, the record and
 * its Save first, the rest of the page `ms` later; the portal's script runs as soon as its Save exists and
 * clicks it there, the earliest moment the page allows a save, long before DOMContentLoaded.
 */
function sendEarlySave(res, html, delayMs) {
  const split = html.indexOf('</main>');
  const deferred = '<script src="/mpb/static/portal.js" defer></script>';
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.write(
    `${html.slice(0, split)}<script src="/mpb/static/portal.js"></script><script>document.documentElement.dataset.earlyClick = document.readyState; document.getElementById('save-session').click();</script>`,
  );
  const rest = setTimeout(() => res.end(html.slice(split).replace(deferred, '')), Math.min(delayMs, 30_000));
  res.once('close', () => clearTimeout(rest));
}

export function createMpbPortal({ dataDir }) {
  const store = openStore(dataDir);

  const notFoundPage = (res, message) => sendHtml(res, 404, layout({ title: 'Page not found', body: notFoundView(message) }));

  const sessionTitle = (client, session) => `${session.type === 'initial-assessment' ? 'Initial assessment' : 'Session'} – ${client.name}`;

  async function route(ctx) {
    const { res, parts, url, onlyGet } = ctx;
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
      const html = layout({ title: sessionTitle(client, session), body: sessionView(client, session) });
      if (url.searchParams.has('earlySave')) return sendEarlySave(res, html, Number(url.searchParams.get('earlySave')) || 1500);
      return sendHtml(res, 200, html);
    }

    if (a === 'api') {
      const handled = await serveRecordApi(ctx, {
        store,
        collection: 'sessions',
        idKey: 'sessionId',
        missing: (id) => `No session with id ${id}`,
        toJson: (id) => store.sessionJson(id),
        save(id, body) {
          const result = store.saveSession(id, body);
          return result ? { session: store.sessionJson(id), createdNextSession: result.createdNextSession } : null;
        },
        isValidationError: (err) => err instanceof ValidationError,
        pagePath: (id) => `/mpb/sessions/${encodeURIComponent(id)}`,
      });
      if (handled) return;
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
