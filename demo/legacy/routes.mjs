// Hollybrook EHR under /legacy: a frame-based records system in the style of
// older EHRs. The shell (main.php) holds a navigation frame and the working
// screen iframe "RBody"; record pages carry their id in the query string
// (encounter.php?eid=302); forms POST and redirect back with ?saved=1. Widgets
// are the real jQuery-era libraries from node_modules. Tests read every POST
// back from GET /legacy/api/saves.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpError, parseBody, readBody, redirect, send, sendHtml, sendJson, serveStatic, serveTestApi } from '../http.mjs';
import { vendorFiles } from '../vendor.mjs';
import { openStore, ValidationError } from './store.mjs';
import { caseloadPage, encounterPage, errorPage, handoverPage, navPage, shellPage } from './render.mjs';

const DIR = path.dirname(fileURLToPath(import.meta.url));
const STATIC_FILES = {
  'legacy.css': 'text/css; charset=utf-8',
  'legacy.js': 'text/javascript; charset=utf-8',
};
const serveVendor = vendorFiles({
  jquery: 'jquery/dist',
  select2: 'select2/dist',
  chosen: 'chosen-js',
  'tom-select': 'tom-select/dist',
  flatpickr: 'flatpickr/dist',
  'jquery-ui': 'jquery-ui/dist',
  tinymce: 'tinymce',
});
// Pages the shell may open in its working frame (main.php?page=…).
const WORK_PAGE = /^\/legacy\/(caseload|encounter|handover)\.php(\?[A-Za-z0-9=&%._-]*)?$/;

export function createLegacyPortal({ dataDir }) {
  const store = openStore(dataDir);
  const notFoundPage = (res, message = 'The page you asked for does not exist.') => sendHtml(res, 404, errorPage(404, message));

  /** A form POST: parsed, applied, logged exactly as received, then redirected (POST-redirect-GET). */
  async function handlePost(ctx, { kind, idKey, id, save, savedUrl }) {
    const { req, res } = ctx;
    const receivedAt = new Date().toISOString();
    const raw = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';
    let body = raw;
    let status = 303;
    let error = null;
    try {
      body = parseBody(raw, contentType).body;
      if (!save(id, body)) {
        status = 404;
        error = `No ${kind} ${id}`;
      }
    } catch (err) {
      if (!(err instanceof ValidationError || err instanceof HttpError)) throw err;
      status = err.status ?? 400;
      error = err.message;
    }
    store.recordSave({ kind, [idKey]: id, body, contentType: contentType.split(';')[0], receivedAt, status });
    if (error) return sendHtml(res, status, errorPage(status, error));
    return redirect(res, savedUrl(body), 303);
  }

  async function route(ctx) {
    const { res, parts, url, method, onlyGet } = ctx;
    const [a, b, c] = parts;
    const n = parts.length;
    const q = (name) => url.searchParams.get(name) ?? '';

    if (n === 0) return onlyGet() && redirect(res, '/legacy/main.php');
    if (a === 'static' && n === 2) return onlyGet() && serveStatic(res, DIR, STATIC_FILES, b, () => notFoundPage(res));
    if (a === 'vendor' && n >= 3)
      return onlyGet() && serveVendor(res, parts.slice(1), () => send(res, 404, 'Not found', 'text/plain; charset=utf-8'));
    if (n === 1 && a === 'main.php') {
      if (!onlyGet()) return;
      const wanted = q('page');
      return sendHtml(res, 200, shellPage(WORK_PAGE.test(wanted) ? wanted : '/legacy/caseload.php'));
    }
    if (n === 1 && a === 'nav.php') return onlyGet() && sendHtml(res, 200, navPage());
    if (n === 1 && a === 'caseload.php') {
      if (!onlyGet()) return;
      const saved = q('saved') === '1' ? { ok: true, what: q('eid') ? `encounter ${q('eid')}` : '' } : null;
      return sendHtml(res, 200, caseloadPage(store.encounters(), store.handovers(), store.patient, saved));
    }
    if (n === 1 && a === 'encounter.php') {
      const eid = q('eid');
      const encounter = store.encounter(eid);
      if (method === 'POST') {
        return handlePost(ctx, {
          kind: 'encounter',
          idKey: 'eid',
          id: eid,
          save: store.saveEncounter,
          savedUrl: (body) =>
            body?.next === 'caseload'
              ? `/legacy/caseload.php?saved=1&eid=${encodeURIComponent(eid)}`
              : body?.next === 'main'
                ? '/legacy/main.php'
                : `/legacy/encounter.php?eid=${encodeURIComponent(eid)}&saved=1`,
        });
      }
      if (!onlyGet()) return;
      if (!encounter) return notFoundPage(res, `No encounter with eid ${eid}.`);
      return sendHtml(res, 200, encounterPage(store.patient(encounter.pid), encounter, q('saved') === '1'));
    }
    if (n === 1 && a === 'handover.php') {
      const hid = q('hid');
      const handover = store.handover(hid);
      if (method === 'POST') {
        return handlePost(ctx, {
          kind: 'handover',
          idKey: 'hid',
          id: hid,
          save: store.saveHandover,
          savedUrl: () => `/legacy/handover.php?hid=${encodeURIComponent(hid)}&saved=1`,
        });
      }
      if (!onlyGet()) return;
      if (!handover) return notFoundPage(res, `No handover with hid ${hid}.`);
      return sendHtml(res, 200, handoverPage(store.patient(handover.pid), handover, q('saved') === '1'));
    }

    if (a === 'api') {
      if (n === 2 && (await serveTestApi(ctx, store, b))) return;
      if ((b === 'encounters' || b === 'handovers') && n === 3) {
        if (!onlyGet()) return;
        const record = b === 'encounters' ? store.encounter(c) : store.handover(c);
        return record ? sendJson(res, 200, record) : sendJson(res, 404, { error: `No ${b.slice(0, -1)} ${c}` });
      }
      return sendJson(res, 404, { error: `Unknown API route ${url.pathname}` });
    }
    return notFoundPage(res);
  }

  return {
    prefix: 'legacy',
    name: 'Hollybrook EHR (classic, frame-based)',
    summary:
      'Frame-based EHR: caseload, session encounters and consultation handovers; TinyMCE, select2, Chosen, Tom Select, flatpickr, jQuery UI; forms POST and redirect.',
    home: '/legacy/main.php',
    route,
    notFound: (res) => notFoundPage(res),
  };
}
