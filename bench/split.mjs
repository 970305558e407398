// Issue 18's figures for the content-script split: what every page of a
// matched portal pays for Chartguard before it is known to need it (the
// document_start scripts' size) and page load with and without the extension,
// alternating, on a record, list and neither page of the demo portals.
// Measured reasoning goes in docs/performance.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { startDemoServer } from '../demo/server.mjs';
import { findChromium } from '../scripts/find-chromium.mjs';
import { EXTENSION_DIR } from './bundles.mjs';
import { launchChromium } from './launch.mjs';
import { figure } from './results.mjs';
import { median } from './stats.mjs';

/** One page of each kind per portal, where the demo serves one at a stable address. */
const PAGES = [
  { name: 'mpb.record', url: '/mpb/sessions/s-2003' },
  { name: 'mpb.list', url: '/mpb/caseload' },
  { name: 'roster.list', url: '/roster/schedule/2026-11-23/cw-01' },
  { name: 'casenotes.client', url: '/casenotes/clients/HB-0412' },
  { name: 'legacy.record', url: '/legacy/encounter.php?eid=309' },
  { name: 'legacy.list', url: '/legacy/caseload.php' },
  { name: 'spa.list', url: '/spa' },
  { name: 'neither', url: '/' },
];
const KB = 1024;


/** One load, in a fresh tab: the navigation timing's load and DOMContentLoaded ends. */
async function load(context, url) {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return { load: nav.loadEventEnd, domContentLoaded: nav.domContentLoadedEventEnd };
    });
  } finally {
    await page.close();
  }
}

/** The scripts the manifest runs at document_start, raw and gzip (level 6). */
export function documentStartSizes(extensionDir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8'));
  const files = (manifest.content_scripts ?? []).filter((script) => script.run_at === 'document_start').flatMap((script) => script.js ?? []);
  const buffers = files.map((file) => fs.readFileSync(path.join(extensionDir, file)));
  return { files, raw: buffers.reduce((sum, b) => sum + b.length, 0), gzip: buffers.reduce((sum, b) => sum + gzipSync(b, { level: 6 }).length, 0) };
}

export async function run({ extensionDir = EXTENSION_DIR, quick = false, runs = quick ? 5 : 15, log = () => {} } = {}) {
  if (!fs.existsSync(path.join(extensionDir, 'manifest.json'))) throw new Error(`no built extension at ${extensionDir}: run npm run build`);
  const sizes = documentStartSizes(extensionDir);
  const results = [
    figure('split.always-on.gzip', sizes.gzip / KB, 'KiB', { budget: { max: 5 }, note: `${sizes.files.join(', ')} (run at document_start in every frame of a matched portal); ${(sizes.raw / KB).toFixed(1)} KiB raw` }),
    figure('split.always-on.raw', sizes.raw / KB, 'KiB'),
  ];
  const executablePath = await findChromium({ install: false });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartguard-bench-split-portal-'));
  const portal = await startDemoServer({ port: 0, host: '127.0.0.1', dataDir });
  let withExt;
  let without;
  try {
    withExt = await launchChromium(executablePath, { extensionDir });
    without = await launchChromium(executablePath);
    for (const { name, url: address } of PAGES) {
      const url = `${portal.url}${address}`;
      log(`${url}, ${runs} alternating loads each`);
      // One unmeasured load each: first compile, cold HTTP cache.
      await load(withExt.context, url);
      await load(without.context, url);
      const ext = [];
      const plain = [];
      for (let i = 0; i < runs; i++) {
        // Alternate which browser goes first, so drift and warm caches favour neither.
        if (i % 2 === 0) {
          ext.push(await load(withExt.context, url));
          plain.push(await load(without.context, url));
        } else {
          plain.push(await load(without.context, url));
          ext.push(await load(withExt.context, url));
        }
      }
      const loads = (list) => list.map((entry) => entry.load);
      const worst = Math.max(...loads(ext)) / Math.max(...loads(plain));
      results.push(
        figure(`split.${name}.load`, median(loads(ext)), 'ms', { peer: 'without extension', peerValue: median(loads(plain)), budget: { maxRatio: 1.03 }, note: `${address}: loadEventEnd, median of ${runs} alternating loads each; worst with/worst without ${worst.toFixed(2)}× (budget 1.10×)` }),
      );
    }
    return results;
  } finally {
    await withExt?.close().catch(() => {});
    await without?.close().catch(() => {});
    await portal.close().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
