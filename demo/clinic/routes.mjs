// Riverside Clinic under /clinic: the day sheet of appointments, an
// appointment's notes page, and the save API (plus /clinic/api/saves and
// /clinic/api/reset for tests). No built-in adapter covers this portal: it is
// the worked example of docs/integrate-a-portal.md.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { handleSave, readBody, redirect, send, sendHtml, sendJson, serveStatic } from '../http.mjs';
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
    const { req, res, method, parts, url, onlyGet } = ctx;
    const [a, b, c] = parts;
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
      if (b === 'saves' && n === 2) return onlyGet() && sendJson(res, 200, store.saves);
      if (b === 'reset' && n === 2) {
        if (!ctx.onlyPost()) return;
        await readBody(req);
        store.reset();
        return send(res, 204, null);
      }
      if (b === 'appointments' && n === 3) {
        if (method === 'POST') {
          return handleSave(req, res, {
            apply(body) {
              if (!store.saveAppointment(c, body)) return { notFound: `No appointment ${c}` };
              return { appointment: store.appointmentJson(c) };
            },
            isValidationError: (err) => err instanceof ValidationError,
            log: (entry) => store.recordSave({ appointmentRef: c, ...entry }),
            redirectTo: `/clinic/appointments/${encodeURIComponent(c)}`,
          });
        }
        if (!onlyGet()) return;
        const json = store.appointmentJson(c);
        return json ? sendJson(res, 200, json) : sendJson(res, 404, { error: `No appointment ${c}` });
      }
      return sendJson(res, 404, { error: `Unknown API route ${url.pathname}` });
    }
    return notFoundPage(res);
  }

  return {
    prefix: 'clinic',
    name: 'Riverside Clinic — Outpatients',
    summary: 'Outpatient clinic: the day sheet of appointments and each appointment’s outcome, notes and next appointment. No built-in adapter: import one (docs/integrate-a-portal.md).',
    home: '/clinic/appointments',
    route,
    notFound: (res) => notFoundPage(res),
  };
}
