// Meadowbank Care (/spa): a single-page records portal in the style of modern
// React EHR front ends, so adapters and badges are exercised against widgets
// that keep their state in JavaScript (MUI, MUI X, CKEditor 5, Quill, AG Grid,
// TanStack Virtual) and saves that are fetch() calls, not form posts. The app
// is bundled by esbuild from demo/spa/app.jsx on the first request and kept in
// memory (no network, no build step before `npm run demo`). Routes use the
// history API (/spa/session/123), so every client route GET returns the shell.
// Tests read every save back from GET /spa/api/saves; see STRUCTURE.md.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpError, readBody, send, sendHtml, sendJson, serveTestApi } from '../http.mjs';
import { openSpaStore } from './store.mjs';

const DIR = path.dirname(fileURLToPath(import.meta.url));
const CLIENT_ROUTE = /^(caseload|session|handover)$/;

let bundlePromise = null;
/** Bundles the app once per process; the first request waits (~3 s), later ones reuse it. */
export function spaBundle() {
  bundlePromise ??= (async () => {
    const esbuild = await import('esbuild');
    const started = performance.now();
    const result = await esbuild.build({
      entryPoints: [path.join(DIR, 'app.jsx')],
      bundle: true,
      write: false,
      outdir: '/spa-bundle',
      format: 'iife',
      minify: true,
      jsx: 'automatic',
      loader: { '.svg': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl' },
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
    });
    const files = {};
    for (const out of result.outputFiles) files[path.basename(out.path)] = Buffer.from(out.contents);
    return { js: files['app.js'], css: files['app.css'] ?? Buffer.alloc(0), ms: Math.round(performance.now() - started) };
  })();
  bundlePromise.catch(() => (bundlePromise = null));
  return bundlePromise;
}

function shellPage() {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>Meadowbank Care</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/spa/static/app.css">
</head>
<body>
<div id="root"></div>
<script src="/spa/static/app.js"></script>
</body>
</html>
`;
}

export function createSpaPortal() {
  const store = openSpaStore();

  async function receive(ctx, { kind, id, draft }) {
    const { req, res } = ctx;
    const receivedAt = new Date().toISOString();
    const raw = await readBody(req);
    const contentType = (req.headers['content-type'] ?? '').split(';')[0];
    let body = raw;
    let status = 200;
    let error = null;
    try {
      body = JSON.parse(raw);
      if (!store.save(kind, id, body, { draft })) {
        status = 404;
        error = `No ${kind} ${id}`;
      }
    } catch (err) {
      if (!(err instanceof SyntaxError || err instanceof HttpError || err?.name === 'ValidationError')) throw err;
      status = err.status ?? 400;
      error = err.message;
    }
    store.recordSave({ kind, id, draft, body, contentType, receivedAt, status });
    if (error) return sendJson(res, status, { error });
    return sendJson(res, 200, { ok: true, savedAt: receivedAt, record: store.get(kind, id) });
  }

  async function route(ctx) {
    const { res, parts, method, onlyGet } = ctx;
    const [a, b, c, d] = parts;
    const n = parts.length;
    if (n === 0 || (CLIENT_ROUTE.test(a) && n <= 2)) return onlyGet() && sendHtml(res, 200, shellPage());
    if (a === 'static' && n === 2 && (b === 'app.js' || b === 'app.css')) {
      if (!onlyGet()) return;
      const bundle = await spaBundle();
      return b === 'app.js'
        ? send(res, 200, bundle.js, 'text/javascript; charset=utf-8', { 'Cache-Control': 'no-cache' })
        : send(res, 200, bundle.css, 'text/css; charset=utf-8', { 'Cache-Control': 'no-cache' });
    }
    if (a === 'api') {
      if (n === 2 && (await serveTestApi(ctx, store, b))) return;
      if (b === 'caseload' && n === 2) return onlyGet() && sendJson(res, 200, store.caseload());
      if (b === 'handovers' && n === 2) return onlyGet() && sendJson(res, 200, store.handoverList());
      if ((b === 'sessions' || b === 'handovers') && (n === 3 || (n === 4 && d === 'draft'))) {
        const kind = b === 'sessions' ? 'session' : 'handover';
        if (method === 'PUT' || method === 'POST') return receive(ctx, { kind, id: c, draft: n === 4 });
        if (n === 4 || !onlyGet()) return n === 4 ? sendJson(res, 405, { error: 'Use PUT' }) : undefined;
        const record = store.get(kind, c);
        return record ? sendJson(res, 200, record) : sendJson(res, 404, { error: `No ${kind} ${c}` });
      }
      return sendJson(res, 404, { error: `Unknown API route /spa/${parts.join('/')}` });
    }
    return sendHtml(res, 404, '<!DOCTYPE html><title>Not found</title><h1>Page not found</h1>');
  }

  return {
    prefix: 'spa',
    name: 'Meadowbank Care (single-page app)',
    summary:
      'React single-page portal: MUI Autocomplete, Select, radios and checkbox, MUI X date-time picker, CKEditor 5 and Quill notes, AG Grid and TanStack Virtual caseloads; saves by fetch (button, Ctrl+S, autosave).',
    home: '/spa/caseload',
    route,
    notFound: (res) => sendHtml(res, 404, '<!DOCTYPE html><title>Not found</title><h1>Page not found</h1>'),
  };
}
