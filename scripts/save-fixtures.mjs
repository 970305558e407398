// Saves the real-widget demo portals' pages as fixtures, so adapter unit tests
// can parse real portal markup without a server or a browser:
// test/fixtures/legacy/ holds Hollybrook EHR's server-rendered HTML (exactly
// what the server sends); test/fixtures/spa/ holds Lumen Care's DOM as
// rendered in Chromium once every widget has started (a single-page app sends
// an empty shell, so its markup only exists after rendering).
// Re-run after changing demo/legacy or demo/spa: `node scripts/save-fixtures.mjs [legacy|spa]`.

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

// The SPA's routes (hash-free history URLs) and the element that says the page has rendered.
export const SPA_PAGES = {
  'caseload.html': '/spa/caseload',
  'session.html': '/spa/sessions/S-9002',
  'session-recorded.html': '/spa/sessions/S-9001',
  'handover.html': '/spa/handovers/H-7002',
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

async function saveSpa(base) {
  const { chromium } = await import('playwright-core');
  const { findChromium } = await import('./find-chromium.mjs');
  const browser = await chromium.launch({ executablePath: await findChromium({ install: false }), args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    for (const [file, route] of Object.entries(SPA_PAGES)) {
      await page.goto(base + route);
      await page.waitForSelector('html[data-widgets-ready="1"]', { timeout: 60_000 });
      const html = await page.evaluate(() => `<!DOCTYPE html>\n${document.documentElement.outerHTML}\n`);
      write(path.join(FIXTURES, 'spa'), file, html, route);
    }
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const which = process.argv[2];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartguard-fixtures-'));
  const demo = await startDemoServer({ port: 0, dataDir });
  try {
    if (!which || which === 'legacy') await saveLegacy(demo.url);
    if (!which || which === 'spa') await saveSpa(demo.url);
  } finally {
    await demo.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
