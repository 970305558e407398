// Captures the demo portal's pages as static HTML so adapter unit tests can
// parse real portal markup without starting a server. Re-run after changing
// demo/mpb/render.mjs or the seed: `node scripts/snapshot-fixtures.mjs`.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from '../demo/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'test', 'fixtures', 'mpb');
const seed = JSON.parse(fs.readFileSync(path.join(root, 'demo', 'mpb', 'seed.json'), 'utf8'));

// The short-notice cancellation scenario: a Phone-call client's session that
// has nothing recorded yet.
const client = seed.clients.find((c) => c.preferredContact === 'Phone call');
const session = client?.sessions.find((s) => !s.attendance && !s.clinicalNote);
if (!client || !session) throw new Error('seed.json needs a Phone call client with an unrecorded session');

const pages = {
  'caseload.html': '/mpb/caseload',
  'client.html': `/mpb/clients/${client.id}`,
  'session.html': `/mpb/sessions/${session.id}`,
  'elsewhere.html': '/elsewhere',
};

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartguard-fixtures-'));
const demo = await startDemoServer({ port: 0, dataDir });
try {
  fs.mkdirSync(outDir, { recursive: true });
  for (const [file, route] of Object.entries(pages)) {
    const res = await fetch(demo.url + route);
    if (!res.ok) throw new Error(`${route} answered ${res.status}`);
    fs.writeFileSync(path.join(outDir, file), await res.text());
    console.log(`${path.relative(root, path.join(outDir, file))} <- ${route}`);
  }
} finally {
  await demo.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
