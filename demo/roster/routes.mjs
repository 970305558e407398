// The CareRoster domiciliary-care portal under /roster: the day's rota, each
// care worker's visit schedule, a visit page to record what happened, and the
// save API (plus /roster/api/saves and /roster/api/reset for tests).

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { redirect, sendHtml, sendJson, serveRecordApi, serveStatic } from '../http.mjs';
import { openStore, ValidationError } from './store.mjs';
import { longDate, notFoundView, rotaView, scheduleView, shell, visitView } from './render.mjs';

const DIR = path.dirname(fileURLToPath(import.meta.url));
const STATIC_FILES = {
  'roster.css': 'text/css; charset=utf-8',
  'roster.js': 'text/javascript; charset=utf-8',
};
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function createRosterPortal({ dataDir }) {
  const store = openStore(dataDir);

  const notFoundPage = (res, message) =>
    sendHtml(res, 404, shell({ title: 'Not found', crumbs: [['Rota', '/roster/schedule'], ['Not found']], body: notFoundView(message) }));

  async function route(ctx) {
    const { res, parts, url, onlyGet } = ctx;
    const [a, b, c] = parts;
    const n = parts.length;

    if (n === 0) return onlyGet() && redirect(res, '/roster/schedule');
    if (a === 'assets' && n === 2) {
      if (!onlyGet()) return;
      return serveStatic(res, DIR, STATIC_FILES, b, () => notFoundPage(res));
    }
    if (a === 'schedule' && n === 1) {
      if (!onlyGet()) return;
      const [first] = store.dates();
      return first ? redirect(res, `/roster/schedule/${first}`) : notFoundPage(res, 'There are no visits on the roster.');
    }
    if (a === 'schedule' && n === 2 && ISO_DATE.test(b)) {
      if (!onlyGet()) return;
      const body = rotaView(b, store.rota(b), store.dates());
      return sendHtml(res, 200, shell({ title: `Rota ${longDate(b)}`, crumbs: [['Rota', '/roster/schedule'], [longDate(b)]], body }));
    }
    if (a === 'schedule' && n === 3 && ISO_DATE.test(b)) {
      if (!onlyGet()) return;
      const worker = store.worker(c);
      if (!worker) return notFoundPage(res, `No care worker with id ${c}.`);
      const body = scheduleView(b, worker, store.schedule(b, c));
      const crumbs = [['Rota', '/roster/schedule'], [longDate(b), `/roster/schedule/${b}`], [worker.name]];
      return sendHtml(res, 200, shell({ title: `${worker.name} · ${longDate(b)}`, crumbs, body }));
    }
    if (a === 'visits' && n === 2) {
      if (!onlyGet()) return;
      const found = store.findVisit(b);
      if (!found) return notFoundPage(res, `No visit with id ${b}.`);
      const date = found.visit.expected.slice(0, 10);
      const crumbs = [
        ['Rota', '/roster/schedule'],
        [longDate(date), `/roster/schedule/${date}`],
        [found.worker?.name ?? found.visit.workerId, `/roster/schedule/${date}/${found.visit.workerId}`],
        ['Visit'],
      ];
      return sendHtml(res, 200, shell({ title: `Visit · ${found.serviceUser?.name ?? b}`, crumbs, body: visitView(found) }));
    }

    if (a === 'api') {
      const handled = await serveRecordApi(ctx, {
        store,
        collection: 'visits',
        idKey: 'visitId',
        missing: (id) => `No visit with id ${id}`,
        toJson: (id) => store.visitJson(id),
        save: (id, body) => (store.saveVisit(id, body) ? { visit: store.visitJson(id) } : null),
        isValidationError: (err) => err instanceof ValidationError,
        pagePath: (id) => `/roster/visits/${encodeURIComponent(id)}`,
      });
      if (handled) return;
      return sendJson(res, 404, { error: `Unknown API route ${url.pathname}` });
    }
    return notFoundPage(res);
  }

  return {
    prefix: 'roster',
    name: 'CareRoster — Calder Valley Home Care',
    summary: 'Domiciliary care agency: the day’s rota, each care worker’s visits, and visit records (visited, late call, missed).',
    home: '/roster/schedule',
    route,
    notFound: (res) => notFoundPage(res),
  };
}
