// Saves the real-widget demo portal's pages as fixtures, so adapter unit tests
// can parse real portal markup without a server or a browser:
// test/fixtures/legacy/ holds Hollybrook EHR's server-rendered HTML, exactly
// what the server sends; test/fixtures/spa/ holds Meadowbank Care's record
// pages as Chromium rendered them (a React portal sends an empty shell), once
// every widget has started. Re-run after changing demo/legacy or demo/spa:
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

/** Meadowbank's record pages, each with the selector that says its widgets have started. */
export const SPA_PAGES = {
  'session.html': ['/spa/session/1001', '#note-editor .ck-editor__editable'],
  'session-coded.html': ['/spa/session/1000', '#note-editor .ck-editor__editable'],
  'handover.html': ['/spa/handover/5001', '#handover-note .ql-editor'],
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
  const browser = await chromium.launch({ executablePath: await findChromium(), headless: true });
  try {
    const page = await browser.newPage();
    for (const [file, [route, ready]] of Object.entries(SPA_PAGES)) {
      await page.goto(base + route);
      await page.waitForSelector(ready);
      // The rendered DOM as the content script sees it, scripts and styles left out (they are the bundle's).
      const markup = await page.evaluate(() => {
        const copy = document.documentElement.cloneNode(true);
        for (const node of copy.querySelectorAll('script, style, link[rel=stylesheet]')) node.remove();
        return `<!doctype html>\n${copy.outerHTML}\n`;
      });
      write(path.join(FIXTURES, 'spa'), file, markup, route);
    }
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartguard-fixtures-'));
  const demo = await startDemoServer({ port: 0, dataDir });
  try {
    await saveLegacy(demo.url);
    await saveSpa(demo.url);
  } finally {
    await demo.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
