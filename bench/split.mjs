// Issue 18's figures for the content-script split: what every page of a
// matched portal pays for Chartguard before it is known to need it (the
// document_start scripts' size and evaluation), the code a record page and a
// list page load (the always-on script and the feature script injected there),
// page load with and without the extension, alternating, on a record, list and
// neither page of the demo portals, and the heap added on a page that is neither.
// Measured reasoning goes in docs/performance.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { startDemoServer } from '../demo/server.mjs';
import { findChromium } from '../scripts/find-chromium.mjs';
import { EXTENSION_DIR } from './bundles.mjs';
import { analyseTrace } from './browser.mjs';
import { launchChromium, traceLoad } from './launch.mjs';
import { figure } from './results.mjs';
import { median } from './stats.mjs';

/** One page of each kind per portal, where the demo serves one at a stable address. */
const PAGES = [
  { name: 'mpb.record', url: '/mpb/sessions/s-2003' },
  { name: 'mpb.list', url: '/mpb/caseload' },
  { name: 'roster.record', url: '/roster/visits/v-5003' },
  { name: 'roster.list', url: '/roster/schedule/2026-11-23/cw-01' },
  { name: 'casenotes.record', url: '/casenotes/consultations/cn-7003' },
  { name: 'casenotes.client', url: '/casenotes/clients/HB-0412' },
  { name: 'legacy.record', url: '/legacy/encounter.php?eid=309' },
  { name: 'legacy.list', url: '/legacy/caseload.php' },
  { name: 'spa.list', url: '/spa' },
  { name: 'spa.record', url: '/spa/session/1001' },
  { name: 'neither', url: '/' },
];
const KB = 1024;
/** The feature scripts the background injects (lib/feature-inject.ts), and the page-world bridge a widget record page adds. */
const FEATURE_SCRIPTS = { record: 'record-features.js', list: 'list-features.js', bridge: 'page-bridge.js' };

const gzipOf = (extensionDir, file) => gzipSync(fs.readFileSync(path.join(extensionDir, file)), { level: 6 }).length;

/** One load under a trace: the always-on script's evaluation (compile + top-level run) on the page's main thread. */
async function tracedEvaluation(context, url) {
  return analyseTrace(await traceLoad(context, url))?.evaluateMs ?? Number.NaN;
}

/** JS heap in use after a forced GC on a page loaded and left to settle: the page's isolate holds our isolated world too. */
async function settledHeap(context, url) {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    const session = await context.newCDPSession(page);
    try {
      // Twice: the first pass frees what the load left for finalisation.
      await session.send('HeapProfiler.collectGarbage');
      await session.send('HeapProfiler.collectGarbage');
      await session.send('Performance.enable');
      const { metrics } = await session.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
    } finally {
      await session.detach().catch(() => {});
    }
  } finally {
    await page.close();
  }
}

/**
 * A throw-away extension that runs an empty content script wherever ours runs at document_start: what any content
 * script costs a page's heap (its isolated world), the floor under the heap ours adds.
 */
function emptyContentScriptExtension(extensionDir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartguard-bench-empty-'));
  const scripts = (manifest.content_scripts ?? [])
    .filter((script) => script.run_at === 'document_start')
    .map((script) => ({ ...script, js: ['empty.js'] }));
  fs.writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'empty content script',
      version: '1.0.0',
      host_permissions: manifest.host_permissions ?? [],
      background: { service_worker: 'worker.js' },
      content_scripts: scripts,
    }),
  );
  fs.writeFileSync(path.join(dir, 'empty.js'), 'void 0;\n');
  fs.writeFileSync(path.join(dir, 'worker.js'), 'void 0;\n');
  return dir;
}

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
  const files = (manifest.content_scripts ?? [])
    .filter((script) => script.run_at === 'document_start')
    .flatMap((script) => script.js ?? []);
  const buffers = files.map((file) => fs.readFileSync(path.join(extensionDir, file)));
  return {
    files,
    raw: buffers.reduce((sum, b) => sum + b.length, 0),
    gzip: buffers.reduce((sum, b) => sum + gzipSync(b, { level: 6 }).length, 0),
  };
}

export async function run({ extensionDir = EXTENSION_DIR, quick = false, runs = quick ? 5 : 15, log = () => {} } = {}) {
  if (!fs.existsSync(path.join(extensionDir, 'manifest.json'))) throw new Error(`no built extension at ${extensionDir}: run npm run build`);
  const sizes = documentStartSizes(extensionDir);
  const present = (file) => fs.existsSync(path.join(extensionDir, file));
  const loaded = (extra) => (sizes.gzip + extra.filter(present).reduce((sum, file) => sum + gzipOf(extensionDir, file), 0)) / KB;
  const results = [
    figure('split.always-on.gzip', sizes.gzip / KB, 'KiB', {
      budget: { max: 5 },
      note: `${sizes.files.join(', ')} (run at document_start in every frame of a matched portal); ${(sizes.raw / KB).toFixed(1)} KiB raw`,
    }),
    figure('split.always-on.raw', sizes.raw / KB, 'KiB'),
    figure('split.record-page.gzip', loaded([FEATURE_SCRIPTS.record]), 'KiB', {
      budget: { max: 25 },
      note: `always-on + ${FEATURE_SCRIPTS.record}; a record page whose adapter names a widget adds ${FEATURE_SCRIPTS.bridge} (${present(FEATURE_SCRIPTS.bridge) ? (gzipOf(extensionDir, FEATURE_SCRIPTS.bridge) / KB).toFixed(1) : '?'} KiB gzip) in the page's world`,
    }),
    figure('split.list-page.gzip', loaded([FEATURE_SCRIPTS.list]), 'KiB', {
      budget: { max: 25 },
      note: `always-on + ${FEATURE_SCRIPTS.list}`,
    }),
  ];
  const executablePath = await findChromium({ install: false });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartguard-bench-split-portal-'));
  const portal = await startDemoServer({ port: 0, host: '127.0.0.1', dataDir });
  let withExt;
  let without;
  let empty;
  const emptyDir = emptyContentScriptExtension(extensionDir);
  try {
    withExt = await launchChromium(executablePath, { extensionDir });
    without = await launchChromium(executablePath);
    empty = await launchChromium(executablePath, { extensionDir: emptyDir });
    // The always-on script's evaluation, on a page that is neither (where it is all that runs) and on a record page.
    for (const { name, url: address } of [
      PAGES.find((page) => page.name === 'neither'),
      PAGES.find((page) => page.name === 'mpb.record'),
    ]) {
      const url = `${portal.url}${address}`;
      await tracedEvaluation(withExt.context, url);
      const times = [];
      for (let i = 0; i < runs; i++) times.push(await tracedEvaluation(withExt.context, url));
      const finite = times.filter(Number.isFinite);
      results.push(
        figure(`split.always-on.evaluate.${name}`, median(finite), 'ms', {
          budget: { max: 2 },
          note: `${address}: trace EvaluateScript of ${sizes.files.join(', ')} (compile + top-level run), median of ${finite.length} traced loads, max ${Math.max(...finite).toFixed(2)} ms`,
        }),
      );
    }
    // Heap on a page that is neither record nor list: with, with an empty content script only, and without, in turn.
    {
      const url = `${portal.url}${PAGES.find((page) => page.name === 'neither').url}`;
      const ext = [];
      const floor = [];
      const plain = [];
      for (let i = 0; i < Math.max(3, Math.ceil(runs / 3)); i++) {
        ext.push(await settledHeap(withExt.context, url));
        floor.push(await settledHeap(empty.context, url));
        plain.push(await settledHeap(without.context, url));
      }
      const mib = (bytes) => bytes / 2 ** 20;
      const added = mib(median(ext) - median(plain));
      const floorAdded = mib(median(floor) - median(plain));
      results.push(
        figure('split.neither.heap-added', added, 'MiB', {
          budget: { max: 0.1 },
          note: `JSHeapUsedSize after GC on /, with ${mib(median(ext)).toFixed(2)} MiB, without ${mib(median(plain)).toFixed(2)} MiB, median of ${ext.length} loads each; an empty content script adds ${floorAdded.toFixed(2)} MiB (split.neither.heap-floor)`,
        }),
        figure('split.neither.heap-floor', floorAdded, 'MiB', {
          peer: 'Chartguard',
          peerValue: added,
          note: `an extension whose document_start content script is empty, where ours runs: its isolated world alone, ${mib(median(floor)).toFixed(2)} MiB on /, median of ${floor.length} loads`,
        }),
      );
    }
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
        figure(`split.${name}.load`, median(loads(ext)), 'ms', {
          peer: 'without extension',
          peerValue: median(loads(plain)),
          budget: { maxRatio: 1.03 },
          note: `${address}: loadEventEnd, median of ${runs} alternating loads each; worst with/worst without ${worst.toFixed(2)}× (budget 1.10×)`,
        }),
      );
    }
    return results;
  } finally {
    await withExt?.close().catch(() => {});
    await without?.close().catch(() => {});
    await empty?.close().catch(() => {});
    fs.rmSync(emptyDir, { recursive: true, force: true });
    await portal.close().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
