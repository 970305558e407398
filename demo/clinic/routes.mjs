// Riverside Clinic under /clinic: the day sheet of appointments, an
// appointment's notes page, and the save API (plus /clinic/api/saves and
// /clinic/api/reset for tests). No built-in adapter covers this portal: it is
// the worked example of docs/integrate-a-portal.md.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { redirect, sendHtml, sendJson, serveRecordApi, serveStatic } from '../http.mjs';
import { openStore, ValidationError } from './store.mjs';
import { appointmentView, daySheetView, layout, notFoundView } from './render.mjs';

const DIR = path.dirname(fileURLToPath(import.meta.url));
const STATIC_FILES = {
  'clinic.css': 'text/css; charset=utf-8',
  'clinic.js': 'text/javascript; charset=utf-8',
};

export function createClinicPortal({ dataDir }) {
  const store = openStore(dataDir);

  const notFoundPage = (res, message) => sendHtml(res, 404, layout({ title: 'Not found', body: notFoundView(message) }));

  async function route(ctx) {
    const { res, parts, url, onlyGet } = ctx;
    const [a, b] = parts;
    const n = parts.length;

    if (n === 0) return onlyGet() && redirect(res, '/clinic/appointments');
    if (a === 'assets' && n === 2) {
      if (!onlyGet()) return;
      return serveStatic(res, DIR, STATIC_FILES, b, () => notFoundPage(res));
    }
    if (a === 'appointments' && n === 1) {
      if (!onlyGet()) return;
      return sendHtml(res, 200, layout({ title: 'Day sheet', body: daySheetView(store.days()) }));
    }
    if (a === 'appointments' && n === 2) {
      if (!onlyGet()) return;
      const found = store.findAppointment(b);
      if (!found) return notFoundPage(res, `No appointment ${b}.`);
      return sendHtml(res, 200, layout({ title: `Appointment ${found.appointment.ref}`, body: appointmentView(found) }));
    }

    if (a === 'api') {
      const handled = await serveRecordApi(ctx, {
        store,
        collection: 'appointments',
        idKey: 'appointmentRef',
        missing: (id) => `No appointment ${id}`,
        toJson: (id) => store.appointmentJson(id),
        save: (id, body) => (store.saveAppointment(id, body) ? { appointment: store.appointmentJson(id) } : null),
        isValidationError: (err) => err instanceof ValidationError,
        pagePath: (id) => `/clinic/appointments/${encodeURIComponent(id)}`,
      });
      if (handled) return;
      return sendJson(res, 404, { error: `Unknown API route ${url.pathname}` });
    }
    return notFoundPage(res);
  }

  return {
    prefix: 'clinic',
    name: 'Riverside Clinic — Outpatients',
    summary:
      'Outpatient clinic: the day sheet of appointments and each appointment’s outcome, notes and next appointment. No built-in adapter: import one (docs/integrate-a-portal.md).',
    home: '/clinic/appointments',
    route,
    notFound: (res) => notFoundPage(res),
  };
}
