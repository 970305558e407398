// Shared plumbing for the end-to-end tests: a demo portal on a free port with
// its own data, and a real Chromium with the built extension loaded, so each
// test file starts from a known state and cleans up after itself.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Frame, type Page, type Worker } from 'playwright-core';
import { beforeEach, inject } from 'vitest';
import { startDemoServer } from '../../demo/server.mjs';
import { chromiumFlags } from '../../scripts/chromium-flags.mjs';
import { findChromium } from '../../scripts/find-chromium.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const EXTENSION_PATH = path.join(ROOT, '.output', 'chrome-mv3');

const LAUNCH_TIMEOUT_MS = 60_000;
const SERVICE_WORKER_TIMEOUT_MS = 30_000;

// ---------------------------------------------------------------- portal

export interface PortalServer {
  /** e.g. `http://127.0.0.1:41234`, no trailing slash. */
  url: string;
  port: number;
  dataDir: string;
  close(): Promise<void>;
}

/** Starts the demo portals on a free port, once /spa's script is built. A fresh temp data dir (removed on close) unless one is given. */
export async function startPortal(opts: { dataDir?: string } = {}): Promise<PortalServer> {
  const ownsDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'chartguard-portal-'));
  let server;
  try {
    server = await startDemoServer({ port: 0, host: '127.0.0.1', dataDir });
  } catch (err) {
    if (ownsDir) fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  try {
    // /spa's script is bundled on its first request, once per process, which on a busy machine took most of a
    // test's 30 s navigation limit (docs/performance.md, "e2e flakes under load"). Asked for here, under the
    // hook's limit, the portal is ready for every page it serves.
    const bundle = await fetch(`${server.url}/spa/static/app.js`);
    await bundle.arrayBuffer();
    if (!bundle.ok) throw new Error(`GET /spa/static/app.js answered ${bundle.status}`);
  } catch (err) {
    await server.close();
    if (ownsDir) fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  let closed: Promise<void> | undefined;
  return {
    url: server.url,
    port: server.port,
    dataDir,
    close() {
      closed ??= server.close().finally(() => {
        if (ownsDir) fs.rmSync(dataDir, { recursive: true, force: true });
      });
      return closed;
    },
  };
}

/** Every POST the portal received, rejected ones included (GET /mpb/api/saves). */
export async function portalSaves(portal: Pick<PortalServer, 'url'>): Promise<unknown[]> {
  const res = await fetch(`${portal.url}/mpb/api/saves`);
  if (!res.ok) throw new Error(`GET /mpb/api/saves answered ${res.status}`);
  return (await res.json()) as unknown[];
}

/** Puts the portal back to its seed data and clears its save log. */
export async function resetPortal(portal: Pick<PortalServer, 'url'>): Promise<void> {
  const res = await fetch(`${portal.url}/mpb/api/reset`, { method: 'POST' });
  if (!res.ok) throw new Error(`POST /mpb/api/reset answered ${res.status}`);
}

// ---------------------------------------------------------------- browser

export interface LaunchOptions {
  /** Profile directory. Kept on close when given (so a test can relaunch on it); a temp one is removed. */
  userDataDir?: string;
  /** BCP 47 tag, e.g. `zh-CN`: navigator.language and Accept-Language of pages, and Chromium's --lang. */
  locale?: string;
  /** The entry author the panel remembers (#15 G-01), seeded into the extension's storage; null leaves it unset. */
  author?: string | null;
}

/** The name every entry written in an e2e test carries unless a test chooses another. */
export const E2E_AUTHOR = 'Alex Tester';
/** Where the panel remembers the entry author (entrypoints/panel/main.tsx). */
export const AUTHOR_STORAGE_KEY = 'chartguard.entryAuthor';

export interface ExtensionBrowser {
  context: BrowserContext;
  /** 32 letters a–p, derived by Chromium from the extension's absolute path. */
  extensionId: string;
  userDataDir: string;
  close(): Promise<void>;
  /** The extension's MV3 service worker (waits for it if it is not running). */
  serviceWorker(): Promise<Worker>;
}

export interface PlainBrowser {
  context: BrowserContext;
  userDataDir: string;
  close(): Promise<void>;
}

let chromiumPath: Promise<string> | undefined;

// Global setup has already found (or installed) Chromium; outside it, look but never install.
function resolveChromium(): Promise<string> {
  chromiumPath ??= (async () => {
    try {
      const provided = inject('chromiumPath');
      if (provided) return provided;
    } catch {
      // Not inside a vitest worker with the e2e global setup.
    }
    return findChromium({ install: false });
  })();
  return chromiumPath;
}

async function launch(args: string[], opts: LaunchOptions) {
  const executablePath = await resolveChromium();
  const ownsDir = !opts.userDataDir;
  const userDataDir = opts.userDataDir ? path.resolve(opts.userDataDir) : fs.mkdtempSync(path.join(os.tmpdir(), 'chartguard-profile-'));
  const removeDir = () => {
    // Chromium may still be flushing the profile for a moment after exit.
    if (ownsDir) fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  };
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args,
      ...(opts.locale ? { locale: opts.locale } : {}),
      timeout: LAUNCH_TIMEOUT_MS,
    });
  } catch (err) {
    removeDir();
    throw err;
  }
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= context.close().finally(removeDir);
    return closed;
  };
  return { context, userDataDir, close };
}

function readManifest(extensionPath: string): { background?: { service_worker?: string } } {
  const file = path.join(extensionPath, 'manifest.json');
  if (!fs.existsSync(file)) {
    throw new Error(`No built extension at ${extensionPath} (manifest.json missing): run npm run build first.`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Launches headless Chromium with the built MV3 extension loaded (unpacked). */
export async function launchWithExtension(opts: LaunchOptions & { extensionPath?: string } = {}): Promise<ExtensionBrowser> {
  const extensionPath = path.resolve(opts.extensionPath ?? EXTENSION_PATH);
  const workerFile = readManifest(extensionPath).background?.service_worker;
  if (!workerFile) {
    throw new Error(
      `${extensionPath}/manifest.json declares no background service worker; the harness needs one to learn the extension id.`,
    );
  }
  const browser = await launch(chromiumFlags({ extensionDir: extensionPath, locale: opts.locale }), opts);
  const { context } = browser;
  const isOurWorker = (w: Worker) => {
    const url = new URL(w.url());
    return url.protocol === 'chrome-extension:' && url.pathname === `/${workerFile}`;
  };
  const liveWorker = () => context.serviceWorkers().filter(isOurWorker).at(-1);

  let extensionId: string;
  let ourWorker: Worker;
  try {
    // No await between the check and the subscription, so the event cannot slip past.
    const worker =
      liveWorker() ?? (await context.waitForEvent('serviceworker', { predicate: isOurWorker, timeout: SERVICE_WORKER_TIMEOUT_MS }));
    extensionId = new URL(worker.url()).host;
    ourWorker = worker;
  } catch (err) {
    await browser.close();
    throw new Error(
      `The extension's service worker (${workerFile}) did not start: is ${extensionPath} a valid MV3 build, ` +
        'and is the browser Chromium (branded Chrome ignores --load-extension)?',
      { cause: err },
    );
  }

  const author = opts.author === undefined ? E2E_AUTHOR : opts.author;
  if (author !== null) {
    await ourWorker.evaluate(
      ([key, name]) =>
        (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }).chrome.storage.local.set({
          [key]: name,
        }),
      [AUTHOR_STORAGE_KEY, author] as const,
    );
  }
  return {
    ...browser,
    extensionId,
    async serviceWorker() {
      const matches = (w: Worker) => isOurWorker(w) && new URL(w.url()).host === extensionId;
      const live = context.serviceWorkers().filter(matches).at(-1);
      if (live) return live;
      return context.waitForEvent('serviceworker', { predicate: matches, timeout: SERVICE_WORKER_TIMEOUT_MS });
    },
  };
}

/** The same browser and flags without any extension, for before/after comparisons. */
export async function launchWithoutExtension(opts: LaunchOptions = {}): Promise<PlainBrowser> {
  return launch(chromiumFlags({ locale: opts.locale }), opts);
}

// ---------------------------------------------------------------- clock

/**
 * Runs `steps` with the page's clock skipping ahead to its next timer whenever the page is idle (DevTools' virtual
 * time), so a test whose assertion lies behind a product timer (a cap on a wait) does not wait it out in real time
 * and the product keeps its own values. The network, the service worker and the portal's server keep real time, so a
 * product timer that races an answer from another process (the 3 s a held Save gives the panel to answer) can run out
 * before the answer comes: skip only waits that nothing else answers. Virtual time cannot be turned off again (closing
 * the session did not bring the page's real clock back), so the page is for closing afterwards.
 */
export async function withIdleTimeSkipped<T>(page: Page, steps: () => Promise<T>): Promise<T> {
  const clock = await page.context().newCDPSession(page);
  try {
    await clock.send('Emulation.setVirtualTimePolicy', { policy: 'advance' });
    return await steps();
  } finally {
    await clock.detach().catch(() => undefined);
  }
}

// ---------------------------------------------------------------- walkthroughs

/** Where a failed step leaves what the browser showed (git ignores it). */
export const FAILURE_DIR = path.join(ROOT, 'test-results');

/**
 * For a file whose tests are the steps of one walkthrough, each going on from where the one before stopped. When a
 * step fails, what `views` returns (the portal's page, the builder's frame, …) is kept in test-results/ (a
 * screenshot of each page and the DOM of each page or frame), and each later step fails at once, naming the step
 * that failed, instead of waiting on a browser that is not where it expects.
 */
export function walkthrough(views: () => Record<string, Page | Frame | undefined>): void {
  let failed: string | undefined;
  beforeEach((context) => {
    if (failed) throw new Error(`Not run: an earlier step of this walkthrough failed (“${failed}”), and this one goes on from it.`);
    context.onTestFailed(async () => {
      failed ??= context.task.name;
      const written = await keepFailure(context.task.file.name, context.task.name, views());
      console.error(
        `[walkthrough] “${context.task.name}” failed; what the browser showed: ${written.join(', ') || 'nothing could be read'}`,
      );
    });
  });
}

/** Screenshots and DOMs of the given pages and frames, each given a few seconds: a hung page must not hang the report. */
async function keepFailure(file: string, test: string, views: Record<string, Page | Frame | undefined>): Promise<string[]> {
  const slug = (text: string) =>
    text
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60);
  const dir = path.join(FAILURE_DIR, slug(path.basename(file)), slug(test));
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, view] of Object.entries(views)) {
    if (!view || ('isClosed' in view ? view.isClosed() : view.isDetached())) continue;
    const keep = async (ext: string, read: () => Promise<string | Buffer>) => {
      const file = path.join(dir, `${name}.${ext}`);
      fs.writeFileSync(file, await read());
      written.push(path.relative(ROOT, file));
    };
    await Promise.allSettled([
      keep('html', () => withTimeout(view.content(), 5_000)),
      'screenshot' in view ? keep('png', () => view.screenshot({ timeout: 5_000 })) : undefined,
    ]);
  }
  return written;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
