// What the page-world bridge costs a portal that needs it (#14): Hollybrook's
// encounter (/legacy, TinyMCE, select2, Chosen, Tom Select, flatpickr, jQuery
// UI: every widget driven through the bridge, and form.submit() wrapped) loaded
// with and without the extension, alternating, and the bridge's own evaluation
// in the page's main thread from a trace. Measured reasoning goes in
// docs/performance.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDemoServer } from '../demo/server.mjs';
import { findChromium } from '../scripts/find-chromium.mjs';
import { analyseTrace } from './browser.mjs';
import { EXTENSION_DIR } from './bundles.mjs';
import { launchChromium, traceLoad } from './launch.mjs';
import { figure } from './results.mjs';
import { median } from './stats.mjs';

const ENCOUNTER = '/legacy/encounter.php?eid=302';
const SETTLE_MS = 500;
const BRIDGE_SCRIPT = /^chrome-extension:\/\/[a-p]{32}\/page-bridge\.js$/;

/**
 * One load: the portal's load event and the moment its last widget started (TinyMCE, `data-widgets-ready`),
 * from navigation start; with the extension, also when the bridge had wrapped form.submit() (the adapter's
 * `formSubmit`), the page-visible sign that it started.
 */
async function load(context, url, withBridge) {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('html[data-widgets-ready="1"]', { state: 'attached', timeout: 15_000 });
    if (withBridge)
      await page.waitForFunction(() => !/\[native code\]/.test(Function.prototype.toString.call(HTMLFormElement.prototype.submit)), null, {
        timeout: 15_000,
      });
    await page.waitForTimeout(SETTLE_MS);
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const ready = performance.getEntriesByName('widgets-ready')[0]?.startTime;
      return { load: nav.loadEventEnd, domContentLoaded: nav.domContentLoadedEventEnd, widgetsReady: ready ?? Number.NaN };
    });
  } finally {
    await page.close();
  }
}

/** The bridge's evaluation on the portal's main thread, from a traced load (null when the trace did not catch it). */
async function tracedBridge(context, url) {
  const events = await traceLoad(context, url, async (page) => {
    await page.waitForFunction(() => !/\[native code\]/.test(Function.prototype.toString.call(HTMLFormElement.prototype.submit)), null, {
      timeout: 15_000,
    });
    await page.waitForTimeout(SETTLE_MS);
  });
  return analyseTrace(events, BRIDGE_SCRIPT);
}

/** Marks when the page's last widget started, so both browsers are timed by the same in-page clock. */
function markWidgetsReady() {
  if (location.protocol === 'chrome-extension:') return;
  new MutationObserver((_records, observer) => {
    if (document.documentElement.getAttribute('data-widgets-ready') !== '1') return;
    performance.mark('widgets-ready');
    observer.disconnect();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-widgets-ready'] });
}

export async function run({
  extensionDir = EXTENSION_DIR,
  quick = false,
  runs = quick ? 15 : 25,
  traceRuns = quick ? 3 : 5,
  log = () => {},
} = {}) {
  if (!fs.existsSync(path.join(extensionDir, 'manifest.json'))) throw new Error(`no built extension at ${extensionDir}: run npm run build`);
  const executablePath = await findChromium({ install: false });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartguard-bench-bridge-portal-'));
  const portal = await startDemoServer({ port: 0, host: '127.0.0.1', dataDir });
  const url = `${portal.url}${ENCOUNTER}`;
  let withExt;
  let without;
  try {
    withExt = await launchChromium(executablePath, { extensionDir });
    without = await launchChromium(executablePath);
    for (const browser of [withExt, without]) await browser.context.addInitScript(markWidgetsReady);
    log(`${url}, ${runs} alternating loads each`);
    // One unmeasured load each: first compile, cold HTTP cache, extension start-up.
    await load(withExt.context, url, true);
    await load(without.context, url, false);
    const ext = [];
    const plain = [];
    for (let i = 0; i < runs; i++) {
      // Alternate which browser goes first, so drift and warm caches favour neither.
      if (i % 2 === 0) {
        ext.push(await load(withExt.context, url, true));
        plain.push(await load(without.context, url, false));
      } else {
        plain.push(await load(without.context, url, false));
        ext.push(await load(withExt.context, url, true));
      }
    }
    const traces = [];
    for (let i = 0; i < traceRuns; i++) {
      const trace = await tracedBridge(withExt.context, url);
      if (trace) traces.push(trace);
    }
    const pick = (list, key) => list.map((entry) => entry[key]);
    const loadWith = median(pick(ext, 'load'));
    const loadWithout = median(pick(plain, 'load'));
    log(
      `legacy encounter load: ${loadWith.toFixed(1)} ms with, ${loadWithout.toFixed(1)} ms without (median of ${runs}); bridge evaluation ${traces.length ? median(pick(traces, 'evaluateMs')).toFixed(2) : '?'} ms`,
    );
    const results = [
      figure('bridge.legacy.page.load', loadWith, 'ms', {
        peer: 'without extension',
        peerValue: loadWithout,
        budget: { maxRatio: 1.05 },
        note: `${ENCOUNTER}: loadEventEnd, median of ${runs} alternating loads each; with the whole extension (content script in every frame, the docked panel's frame, the bridge), not the bridge alone`,
      }),
      figure('bridge.legacy.widgets-ready', median(pick(ext, 'widgetsReady')), 'ms', {
        peer: 'without extension',
        peerValue: median(pick(plain, 'widgetsReady')),
        budget: { maxRatio: 1.1 },
        note: 'navigation start → the page marks every widget started (TinyMCE last); the bridge starts while they do',
      }),
      figure('bridge.legacy.dom-content-loaded', median(pick(ext, 'domContentLoaded')), 'ms', {
        peer: 'without extension',
        peerValue: median(pick(plain, 'domContentLoaded')),
      }),
    ];
    if (traces.length) {
      results.push(
        figure('bridge.inject.evaluate', median(pick(traces, 'evaluateMs')), 'ms', {
          budget: { max: 5 },
          note: `trace EvaluateScript of page-bridge.js in the page's world (compile ${median(pick(traces, 'compileMs')).toFixed(2)} ms + top-level run), median of ${traces.length} traced loads, max ${Math.max(...pick(traces, 'evaluateMs')).toFixed(2)} ms`,
        }),
        figure('bridge.main-thread', median(pick(traces, 'mainThreadMs')), 'ms', {
          note: 'all main-thread time in page-bridge.js during the load + settle: its evaluation and every widget request it answered',
        }),
      );
    } else log('warning: no page-bridge.js evaluation found in the traces');
    return results;
  } finally {
    await withExt?.close().catch(() => {});
    await without?.close().catch(() => {});
    await portal.close().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
