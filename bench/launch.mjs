// One way for every browser bench to start Chromium: with the command line the
// e2e tests use (scripts/chromium-flags.mjs), so figures describe the browser
// they drive, with or without the built extension, in a throw-away profile.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumFlags } from '../scripts/chromium-flags.mjs';

/**
 * A headless persistent context; with `extensionDir`, the extension is loaded and its service worker is running
 * before this resolves. `initScript` runs in every page before the page's own scripts.
 */
export async function launchChromium(executablePath, { extensionDir, initScript } = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartguard-bench-'));
  const args = chromiumFlags({ extensionDir });
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath, headless: true, args, timeout: 60_000 });
  if (initScript) await context.addInitScript(initScript);
  if (extensionDir) {
    const isWorker = (worker) => worker.url().startsWith('chrome-extension://');
    if (!context.serviceWorkers().some(isWorker)) await context.waitForEvent('serviceworker', { predicate: isWorker, timeout: 30_000 });
  }
  return {
    context,
    version: context.browser()?.version() ?? '',
    close: () => context.close().finally(() => fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 })),
  };
}

/** The trace categories every load bench reads: timeline events and script evaluation. */
export const LOAD_TRACE_CATEGORIES = 'devtools.timeline,v8,toplevel,disabled-by-default-devtools.timeline';

/**
 * Loads `url` in a new page under a Chrome trace and returns the trace's events; `whileLoaded(page)` runs after
 * the load event and before the trace ends (the wait for what the bench measures to have run).
 */
export async function traceLoad(context, url, whileLoaded = async () => {}, categories = LOAD_TRACE_CATEGORIES) {
  const page = await context.newPage();
  const session = await context.newCDPSession(page);
  const events = [];
  session.on('Tracing.dataCollected', (message) => events.push(...message.value));
  try {
    const complete = new Promise((resolve) => session.once('Tracing.tracingComplete', resolve));
    await session.send('Tracing.start', {
      categories,
      transferMode: 'ReportEvents',
    });
    await page.goto(url, { waitUntil: 'load' });
    await whileLoaded(page);
    await session.send('Tracing.end');
    await complete;
  } finally {
    await session.detach().catch(() => {});
    await page.close();
  }
  return events;
}
