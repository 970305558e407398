// Drives the built Firefox extension in a real Firefox over WebDriver BiDi
// (puppeteer-core with the system Firefox), installed as a temporary add-on,
// and finds the docked panel, which BiDi reports under a stale URL.
import fs from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { inject, vi } from 'vitest';
import { findFirefox } from '../../scripts/find-firefox.mjs';
import { ROOT } from '../e2e/harness';

export const FIREFOX_EXTENSION_PATH = path.join(ROOT, '.output', 'firefox-mv2');

const LAUNCH_TIMEOUT_MS = 60_000;

export interface FirefoxWithExtension {
  browser: Browser;
  /** The add-on id from the manifest (browser_specific_settings.gecko.id). */
  addonId: string;
  close(): Promise<void>;
}

// The global setup has already found (or installed) Firefox; outside it, look but never install.
async function resolveFirefox(): Promise<string> {
  try {
    const provided = inject('firefoxPath');
    if (provided) return provided;
  } catch {
    // Not inside a vitest worker with the Firefox global setup.
  }
  return findFirefox({ install: false });
}

export async function launchFirefoxWithExtension(extensionPath = FIREFOX_EXTENSION_PATH): Promise<FirefoxWithExtension> {
  if (!fs.existsSync(path.join(extensionPath, 'manifest.json'))) {
    throw new Error(`No built Firefox extension at ${extensionPath} (manifest.json missing): run npm run build first.`);
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: await resolveFirefox(),
    headless: true,
    timeout: LAUNCH_TIMEOUT_MS,
  });
  let addonId: string;
  try {
    // WebDriver BiDi webExtension.install: a temporary add-on, as about:debugging loads one.
    addonId = await browser.installExtension(extensionPath);
  } catch (err) {
    await browser.close();
    throw new Error(`Firefox refused the add-on at ${extensionPath}`, { cause: err });
  }
  let closed: Promise<void> | undefined;
  return {
    browser,
    addonId,
    close() {
      closed ??= browser.close();
      return closed;
    },
  };
}

/** The page URL of a frame as the frame itself sees it (BiDi keeps reporting an extension frame as about:blank). */
async function frameLocation(frame: Frame): Promise<string | null> {
  try {
    return await frame.evaluate(() => location.href);
  } catch {
    return null;
  }
}

/**
 * The docked panel's frame once it shows the record. It is looked for by the frame's own
 * location (moz-extension://<per-install uuid>/panel.html): BiDi's frame events carry the stale URL, so
 * the frames are asked with Vitest's polling wait until the deadline.
 */
export async function panelFrame(page: Page, timeout = 15_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  const seen = new Set<string>();
  const findPanel = async () => {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const href = await frameLocation(frame);
      if (href) seen.add(href);
      if (href && href.startsWith('moz-extension://') && new URL(href).pathname === '/panel.html') return frame;
    }
    return undefined;
  };
  const frame = await vi.waitUntil(findPanel, { timeout, interval: 100 }).catch(() => undefined);
  if (!frame) throw new Error(`The Chartguard panel did not appear on ${page.url()} (frames at: ${[...seen].join(', ') || 'none'})`);
  try {
    await frame.waitForSelector('.cg-panel', { timeout: Math.max(1, deadline - Date.now()) });
  } catch (err) {
    // Say what the panel shows instead (e.g. "The page is not reachable"), not only that it timed out.
    const shown = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    throw new Error(
      `The Chartguard panel loaded on ${page.url()} but never showed the record; it shows: ${JSON.stringify(shown.slice(0, 300))}`,
      { cause: err },
    );
  }
  return frame;
}

interface RemoteNode {
  type: string;
  value?: {
    nodeType: number;
    localName?: string;
    attributes?: Record<string, string>;
    children?: RemoteNode[];
    shadowRoot?: RemoteNode | null;
    mode?: 'open' | 'closed';
  };
}

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: { type: string; result?: RemoteNode; exceptionDetails?: { text: string } } }>;
}

function* walk(node: RemoteNode | null | undefined): Generator<RemoteNode> {
  if (!node?.value) return;
  yield node;
  yield* walk(node.value.shadowRoot);
  for (const child of node.value.children ?? []) yield* walk(child);
}

/**
 * The buttons inside the closed shadow root of the first `hostTag` element, as WebDriver BiDi serialises the
 * DOM with `includeShadowTree: "all"` (the way a debugger sees closed roots; page scripts cannot).
 */
export async function closedShadowButtons(
  firefox: FirefoxWithExtension,
  page: Page,
  hostTag: string,
): Promise<{ label: string; badge: string }[]> {
  // puppeteer-core's BiDi Browser exposes its protocol connection; the typed API has no shadow-piercing read.
  const connection = (firefox.browser as unknown as { connection: BidiConnection }).connection;
  const { result } = await connection.send('script.callFunction', {
    functionDeclaration: '(tag) => document.querySelector(tag)',
    arguments: [{ type: 'string', value: hostTag }],
    // A BiDi frame's id is its browsing context id (internal in puppeteer-core's types).
    target: { context: (page.mainFrame() as unknown as { _id: string })._id },
    awaitPromise: false,
    resultOwnership: 'none',
    serializationOptions: { maxDomDepth: null, includeShadowTree: 'all' },
  });
  if (result.type !== 'success' || !result.result?.value)
    throw new Error(`No <${hostTag}> on ${page.url()}: ${result.exceptionDetails?.text ?? 'null'}`);
  const root = result.result.value.shadowRoot;
  if (root?.value?.mode !== 'closed') throw new Error(`<${hostTag}> has no closed shadow root (found ${root?.value?.mode ?? 'none'})`);
  return [...walk(root)]
    .filter((node) => node.value?.localName === 'button')
    .map((node) => ({ label: node.value!.attributes?.['aria-label'] ?? '', badge: node.value!.attributes?.['data-badge'] ?? '' }));
}
