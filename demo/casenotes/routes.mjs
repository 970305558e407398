// The Harbour case-notes portal under /casenotes: the client list, a client's
// consultations, the consultation editor with its handover box, and the save
// API (plus /casenotes/api/saves and /casenotes/api/reset for tests).

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { handleSave, readBody, redirect, send, sendHtml, sendJson, serveStatic } from '../http.mjs';
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
    const { req, res, method, parts, url, onlyGet } = ctx;
    const [a, b, c] = parts;
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
      return sendHtml(res, 200, page({ title: `Consultation: ${found.client?.name ?? b}`, body: consultationView(found) }));
    }

    if (a === 'api') {
      if (b === 'saves' && n === 2) return onlyGet() && sendJson(res, 200, store.saves);
      if (b === 'reset' && n === 2) {
        if (!ctx.onlyPost()) return;
        await readBody(req);
        store.reset();
        return send(res, 204, null);
      }
      if (b === 'consultations' && n === 3) {
        if (method === 'POST') {
          return handleSave(req, res, {
            apply(body) {
              if (!store.saveConsultation(c, body)) return { notFound: `No consultation ${c}` };
              return { consultation: store.consultationJson(c) };
            },
            isValidationError: (err) => err instanceof ValidationError,
            log: (entry) => store.recordSave({ consultationId: c, ...entry }),
            redirectTo: `/casenotes/consultations/${encodeURIComponent(c)}`,
          });
        }
        if (!onlyGet()) return;
        const json = store.consultationJson(c);
        return json ? sendJson(res, 200, json) : sendJson(res, 404, { error: `No consultation ${c}` });
      }
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
