// Stand-ins for several third-party records portals on one origin, so the
// extension can be developed and end-to-end tested without touching real
// records: /mpb (therapy), /roster (home-care visits), /casenotes (drug service),
// /clinic (outpatients; no built-in adapter, the integration guide's example),
// /legacy (Hollybrook EHR: frames and real widget libraries, demo/legacy/STRUCTURE.md),
// /spa (Meadowbank Care: a React single-page app bundled by esbuild, demo/spa/STRUCTURE.md).
// Plain Node built-ins only (the /legacy widget files are served from
// node_modules by demo/vendor.mjs): it must start anywhere the repo is checked out.
//
// Routing: each portal is a module exporting create…Portal({dataDir}) that
// returns {prefix, name, summary, home, route(ctx), notFound(res)}; PORTALS
// below lists them. A request under /<prefix>/… goes to that portal's route()
// with the path segments after the prefix. To add a page to a portal, edit its
// routes.mjs (e.g. demo/mpb/routes.mjs); to add a portal, add it to PORTALS.

import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { esc, HttpError, requestContext, send, sendHtml, sendJson } from './http.mjs';
import { createMpbPortal } from './mpb/routes.mjs';
import { elsewherePage } from './mpb/render.mjs';
import { createRosterPortal } from './roster/routes.mjs';
import { createCasenotesPortal } from './casenotes/routes.mjs';
import { createClinicPortal } from './clinic/routes.mjs';
import { createLegacyPortal } from './legacy/routes.mjs';
import { createSpaPortal } from './spa/routes.mjs';

const DEMO_DIR = path.dirname(fileURLToPath(import.meta.url));
const PORTALS = [createMpbPortal, createRosterPortal, createCasenotesPortal, createClinicPortal, createLegacyPortal, createSpaPortal];

function defaultDataDir() {
  return process.env.CHARTGUARD_DEMO_DATA ? path.resolve(process.env.CHARTGUARD_DEMO_DATA) : path.join(DEMO_DIR, 'data');
}

function segment(value) {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

// Deliberately plain: it belongs to none of the portals and must not look like one.
function indexPage(portals) {
  const items = portals
    .map((p) => `<li><a href="${esc(p.home)}">${esc(p.name)}</a> <small>(${esc(`/${p.prefix}`)})</small><br>${esc(p.summary)}</li>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>Chartguard demo portals</title></head>
<body>
<h1>Chartguard demo portals</h1>
<p>Fictional records systems, each with its own look, served from one place. All records are made up.</p>
<ul id="portals">
${items}
</ul>
<p><a href="/elsewhere">A page that is not a portal</a></p>
</body>
</html>
`;
}

function plainNotFound() {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>Page not found</title></head>
<body><h1>Page not found</h1><p><a href="/">Demo portals</a></p></body>
</html>
`;
}

export async function startDemoServer({ port = 5710, host = '127.0.0.1', dataDir = defaultDataDir() } = {}) {
  const portals = PORTALS.map((create) => create({ dataDir }));
  const byPrefix = new Map(portals.map((portal) => [portal.prefix, portal]));

  async function route(req, res) {
    const url = new URL(req.url, 'http://localhost');
    const p = url.pathname;
    const parts = p.split('/').filter(Boolean).map(segment);
    const portal = byPrefix.get(parts[0]);
    if (parts.includes(null)) return portal ? portal.notFound(res) : sendHtml(res, 404, plainNotFound());

    const ctx = requestContext(req, res, url, parts.slice(1));
    // Synthetic caseloads of any length for the badges' tests and benchmark (demo/mpb/generated.mjs).
    if (p === '/mpb/caseload' && url.searchParams.has('rows')) {
      return ctx.onlyGet() && (await import('./mpb/generated.mjs')).serveGeneratedCaseload(ctx, sendHtml);
    }
    if (portal) return portal.route(ctx);
    if (p === '/') return ctx.onlyGet() && sendHtml(res, 200, indexPage(portals));
    if (p === '/elsewhere') return ctx.onlyGet() && sendHtml(res, 200, elsewherePage());
    if (p === '/favicon.ico') return send(res, 204, null);
    return sendHtml(res, 404, plainNotFound());
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((err) => {
      if (res.headersSent) {
        res.destroy(err);
        return;
      }
      if (err instanceof HttpError) return sendJson(res, err.status, { error: err.message });
      console.error('Demo portal error:', err);
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
    portals: portals.map(({ prefix, name, home }) => ({ prefix, name, home })),
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
  console.log(`Demo portals: ${demo.url}/`);
  for (const portal of demo.portals) console.log(`  ${portal.name}: ${demo.url}${portal.home}`);
  const stop = () => demo.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
