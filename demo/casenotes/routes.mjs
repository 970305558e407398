// The Harbour case-notes portal under /casenotes: the client list, a client's
// consultations, the consultation editor with its handover box, and the save
// API (plus /casenotes/api/saves and /casenotes/api/reset for tests).

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { redirect, sendHtml, sendJson, serveRecordApi, serveStatic } from '../http.mjs';
import { openStore, ValidationError } from './store.mjs';
import { clientListView, clientView, consultationView, notFoundView, page } from './render.mjs';

const DIR = path.dirname(fileURLToPath(import.meta.url));
const STATIC_FILES = {
  'casenotes.css': 'text/css; charset=utf-8',
  'casenotes.js': 'text/javascript; charset=utf-8',
};

export function createCasenotesPortal({ dataDir }) {
  const store = openStore(dataDir);

  const notFoundPage = (res, message) => sendHtml(res, 404, page({ title: 'Not found', body: notFoundView(message) }));

  async function route(ctx) {
    const { res, parts, url, onlyGet } = ctx;
    const [a, b] = parts;
    const n = parts.length;

    if (n === 0) return onlyGet() && redirect(res, '/casenotes/clients');
    if (a === 'assets' && n === 2) {
      if (!onlyGet()) return;
      return serveStatic(res, DIR, STATIC_FILES, b, () => notFoundPage(res));
    }
    if (a === 'clients' && n === 1) {
      if (!onlyGet()) return;
      return sendHtml(res, 200, page({ title: 'Clients', body: clientListView(store.clients()) }));
    }
    if (a === 'clients' && n === 2) {
      if (!onlyGet()) return;
      const client = store.client(b);
      if (!client) return notFoundPage(res, `No client ${b}.`);
      const body = clientView(client, store.consultationsOf(b), store.worker(client.keyworker));
      return sendHtml(res, 200, page({ title: client.name, body }));
    }
    if (a === 'consultations' && n === 2) {
      if (!onlyGet()) return;
      const found = store.findConsultation(b);
      if (!found) return notFoundPage(res, `No consultation ${b}.`);
      return sendHtml(
        res,
        200,
        page({ title: `Consultation: ${found.client?.name ?? b}`, body: consultationView({ ...found, previous: store.previousOf(b) }) }),
      );
    }

    if (a === 'api') {
      const handled = await serveRecordApi(ctx, {
        store,
        collection: 'consultations',
        idKey: 'consultationId',
        missing: (id) => `No consultation ${id}`,
        toJson: (id) => store.consultationJson(id),
        save: (id, body) => (store.saveConsultation(id, body) ? { consultation: store.consultationJson(id) } : null),
        isValidationError: (err) => err instanceof ValidationError,
        pagePath: (id) => `/casenotes/consultations/${encodeURIComponent(id)}`,
      });
      if (handled) return;
      return sendJson(res, 404, { error: `Unknown API route ${url.pathname}` });
    }
    return notFoundPage(res);
  }

  return {
    prefix: 'casenotes',
    name: 'Harbour Case Notes — Drug & Alcohol Service',
    summary: 'Drug service: clients, chemsex consultations, consultation notes and the handover for the next worker.',
    home: '/casenotes/clients',
    route,
    notFound: (res) => notFoundPage(res),
  };
}
