// Saves the real-widget demo portal's pages as fixtures, so adapter unit tests
// can parse real portal markup without a server or a browser:
// test/fixtures/legacy/ holds Hollybrook EHR's server-rendered HTML, exactly
// what the server sends. Re-run after changing demo/legacy:
// `node scripts/save-fixtures.mjs`.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from '../demo/server.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = path.join(ROOT, 'test', 'fixtures');

export const LEGACY_PAGES = {
  'main.html': '/legacy/main.php',
  'nav.html': '/legacy/nav.php',
  'caseload.html': '/legacy/caseload.php',
  'caseload-saved.html': '/legacy/caseload.php?saved=1&eid=304',
  'encounter.html': '/legacy/encounter.php?eid=302',
  'encounter-recorded.html': '/legacy/encounter.php?eid=305',
  'encounter-saved.html': '/legacy/encounter.php?eid=305&saved=1',
  'handover.html': '/legacy/handover.php?hid=402',
  'handover-written.html': '/legacy/handover.php?hid=401',
};

function write(dir, file, text, route) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
  console.log(`${path.relative(ROOT, path.join(dir, file))} <- ${route}`);
}

async function saveLegacy(base) {
  for (const [file, route] of Object.entries(LEGACY_PAGES)) {
    const res = await fetch(base + route);
    if (!res.ok) throw new Error(`${route} answered ${res.status}`);
    write(path.join(FIXTURES, 'legacy'), file, await res.text(), route);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartguard-fixtures-'));
  const demo = await startDemoServer({ port: 0, dataDir });
  try {
    await saveLegacy(demo.url);
  } finally {
    await demo.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
