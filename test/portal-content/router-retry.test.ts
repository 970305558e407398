// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
// The always-on router when a record page's feature script cannot be loaded
// (router.ts, `need`): it does not ask again for the same page on every DOM
// change (a portal that re-renders would hammer the background), the popup
// hears that Save is not checked, and it asks again once the portal moves to
// another address (a single-page portal's next record). A script that loads
// but cannot read the adapters it works from counts as not loaded, and its
// user is told on the page, by the notice the background shows when a script
// cannot be loaded (lib/unchecked-notice.ts).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { registerFeatures } from '../../entrypoints/portal.content/bundle';
import { REGISTER_KEY, type Feature } from '../../entrypoints/portal.content/feature';
import { startRouter } from '../../entrypoints/portal.content/router';
import { askTabStatus, TAB_STATUS_KEY } from '../../entrypoints/portal.content/tab-status';
import { builtInAdapters } from '../../lib/catalog/built-in';
import { compactAdapter } from '../../lib/catalog/compact';
import { ADAPTERS_KEY } from '../../lib/catalog/runtime';
import { FEATURES_LOAD_MESSAGE, FEATURES_UNREADABLE_MESSAGE } from '../../lib/feature-message';
import { featureUnreadable } from '../../lib/feature-inject';
import { guardText } from '../../i18n/guard';
import type { TabStatus } from '../../lib/tab-status';
import { eventually } from '../wait';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SESSION_HTML = fs.readFileSync(path.join(HERE, '../fixtures/mpb/session.html'), 'utf8');
const PORTAL = 'http://127.0.0.1:41234';
const setURL = (url: string) => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);

/** The MPB session page at its address, as the router first sees it. */
function openSession() {
  setURL(`${PORTAL}/mpb/sessions/s-2003`);
  const parsed = new DOMParser().parseFromString(SESSION_HTML, 'text/html');
  document.body.replaceChildren(...[...parsed.body.childNodes].map((node) => document.importNode(node, true)));
}

/** A record-page feature that notes where it started. */
const recordProbe = (started: string[]): Feature => ({
  name: 'probe',
  key: ({ record }) => (record ? 'record' : undefined),
  start: () => {
    started.push(location.pathname);
    return {};
  },
});

describe('the router, when the record page’s feature script cannot be loaded', () => {
  let stop: (() => void) | undefined;
  const asked: string[] = [];

  beforeEach(() => {
    fakeBrowser.reset();
    asked.length = 0;
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
    openSession();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // The background as it answers when it could not inject the script into this frame.
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
      const { type, bundle } = message as { type?: string; bundle?: string };
      if (type === FEATURES_LOAD_MESSAGE) asked.push(`${bundle} at ${location.pathname}`);
      return { error: 'Cannot access contents of the page' };
    });
    stop = startRouter([], builtInAdapters().map(compactAdapter));
  });
  afterEach(() => {
    stop?.();
    vi.useRealTimers();
    vi.restoreAllMocks();
    delete (globalThis as Record<string, unknown>)[REGISTER_KEY];
  });

  /** Runs the router's debounced look at the page and lets the background's answer arrive. */
  const routerLooks = async () => {
    await vi.advanceTimersByTimeAsync(100);
  };
  // The popup's question, as the popup runs it in the frame.
  const status = async () => askTabStatus(TAB_STATUS_KEY, 'tab.status') as TabStatus;

  it('asks once for the page, says Save is not checked, and asks again only at another address', async () => {
    await routerLooks();
    expect(asked).toEqual(['record at /mpb/sessions/s-2003']);
    expect(await status()).toMatchObject({ pageKind: 'session', recordId: 's-2003', unchecked: true });

    // The portal re-renders the same record: the failure holds for this address.
    document.body.append(document.createElement('div'));
    await routerLooks();
    expect(asked).toEqual(['record at /mpb/sessions/s-2003']);

    // A client-side route to the next record: the router asks again.
    setURL(`${PORTAL}/mpb/sessions/s-2004`);
    window.dispatchEvent(new PopStateEvent('popstate'));
    await routerLooks();
    expect(asked).toEqual(['record at /mpb/sessions/s-2003', 'record at /mpb/sessions/s-2004']);
    expect(await status()).toMatchObject({ recordId: 's-2004', unchecked: true });
  });

  it('leaves the next page’s request alone once the background’s error ended this one', async () => {
    await routerLooks();
    expect(asked).toEqual(['record at /mpb/sessions/s-2003']);
    // From now on the worker never answers: only the next page's own asks may reach it.
    vi.mocked(fakeBrowser.runtime.sendMessage).mockImplementation(async (message: unknown) => {
      const { type, bundle } = message as { type?: string; bundle?: string };
      if (type === FEATURES_LOAD_MESSAGE) asked.push(`${bundle} at ${location.pathname}`);
      return new Promise(() => undefined);
    });
    setURL(`${PORTAL}/mpb/sessions/s-2004`);
    window.dispatchEvent(new PopStateEvent('popstate'));
    await routerLooks();
    expect(await status()).not.toMatchObject({ unchecked: true });
    // Long enough for every ask of the next page and for any timer the first request left behind.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(asked).toEqual(['record at /mpb/sessions/s-2003', ...Array(6).fill('record at /mpb/sessions/s-2004')]);
    expect(await status()).toMatchObject({ recordId: 's-2004', unchecked: true });
  });
});

describe('the router, when the record page’s feature script loads but finds no adapters in storage', () => {
  let stopRouter: (() => void) | undefined;
  const started: string[] = [];
  let warn: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    fakeBrowser.reset();
    started.length = 0;
    openSession();
    warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // The background injects the script (it registers while it runs), but storage holds no `portalAdapters`.
    const probe = recordProbe(started);
    // The background's half, as it answers our content script in this frame: it shows the notice in the frame.
    const sender = { id: fakeBrowser.runtime.id, tab: { id: 7 }, frameId: 0, url: location.href };
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async (injection: {
      func: (...args: unknown[]) => void;
      args: unknown[];
    }) => {
      injection.func(...injection.args);
      return [];
    }) as never);
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
      const { type } = message as { type?: string };
      if (type === FEATURES_LOAD_MESSAGE) registerFeatures('record', [probe]);
      if (type === FEATURES_UNREADABLE_MESSAGE) await featureUnreadable(message, sender as never, fakeBrowser.runtime.id);
      return { ok: true };
    });
    stopRouter = startRouter([], builtInAdapters().map(compactAdapter));
  });
  afterEach(() => {
    stopRouter?.();
    vi.restoreAllMocks();
    delete (globalThis as Record<string, unknown>)[REGISTER_KEY];
  });

  it('starts none of its features and tells the popup Save is not checked, settled rather than waiting', async () => {
    const status = async () => askTabStatus(TAB_STATUS_KEY, 'tab.status') as TabStatus;
    await eventually(async () => expect(await status()).toMatchObject({ pageKind: 'session', unchecked: true, settled: true }));
    expect(started).toEqual([]);
    // Told on the page too, where the panel would have been.
    await eventually(() => {
      const notice = document.querySelector('[data-chartguard-unchecked]');
      expect(notice?.shadowRoot?.textContent).toContain(guardText('en', 'uncheckedTitle'));
    });
    // It loaded: what failed is its read of the configuration, not the injection.
    expect(warn.mock.calls.map((call: unknown[]) => String(call[0]))).toEqual([
      'Chartguard: the configuration could not be read; this page works as without Chartguard',
    ]);
  });
});

describe('the router, when the service worker is stopped as the record page asks for its feature script', () => {
  let stopRouter: (() => void) | undefined;
  const started: string[] = [];
  let asks = 0;
  /** How many requests go unanswered (Chrome: "Receiving end does not exist") before the worker answers. */
  let unanswered = 0;
  /** Then how many are answered with the script not registered (the worker stopped as it injected it). */
  let unregistered = 0;
  /** Then how many are never answered at all. */
  let hung = 0;

  beforeEach(async () => {
    fakeBrowser.reset();
    started.length = 0;
    asks = 0;
    unregistered = 0;
    hung = 0;
    // What the background stores before it injects the script.
    await fakeBrowser.storage.local.set({ [ADAPTERS_KEY]: builtInAdapters() });
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
    openSession();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const probe = recordProbe(started);
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
      if ((message as { type?: string }).type !== FEATURES_LOAD_MESSAGE) return undefined;
      asks++;
      if (asks <= unanswered) throw new Error('Could not establish connection. Receiving end does not exist.');
      if (asks <= unanswered + unregistered) return { ok: true };
      if (asks <= unanswered + unregistered + hung) return new Promise(() => undefined);
      registerFeatures('record', [probe]);
      return { ok: true };
    });
  });
  afterEach(() => {
    stopRouter?.();
    vi.useRealTimers();
    vi.restoreAllMocks();
    delete (globalThis as Record<string, unknown>)[REGISTER_KEY];
  });

  const status = async () => askTabStatus(TAB_STATUS_KEY, 'tab.status') as TabStatus;

  it('asks again until the restarted worker answers, and the record page starts', async () => {
    unanswered = 3;
    stopRouter = startRouter([], builtInAdapters().map(compactAdapter));
    // The retries' waits (100, 200, 400 ms) and the router's own debounce.
    await vi.advanceTimersByTimeAsync(2_000);
    expect(asks).toBe(4);
    expect(started).toEqual(['/mpb/sessions/s-2003']);
    expect(await status()).not.toMatchObject({ unchecked: true });
  });

  it('asks again when the background answered but the script did not register', async () => {
    unanswered = 1;
    unregistered = 1;
    stopRouter = startRouter([], builtInAdapters().map(compactAdapter));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(asks).toBe(3);
    expect(started).toEqual(['/mpb/sessions/s-2003']);
  });

  it('asks again when a request is never answered at all', async () => {
    unanswered = 0;
    hung = 1;
    stopRouter = startRouter([], builtInAdapters().map(compactAdapter));
    await vi.advanceTimersByTimeAsync(4_000);
    expect(asks).toBe(1);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(asks).toBe(2);
    expect(started).toEqual(['/mpb/sessions/s-2003']);
  });

  it('gives up after a few seconds of no answer, and says Save is not checked', async () => {
    unanswered = Number.POSITIVE_INFINITY;
    stopRouter = startRouter([], builtInAdapters().map(compactAdapter));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(asks).toBe(6);
    expect(started).toEqual([]);
    expect(await status()).toMatchObject({ pageKind: 'session', unchecked: true });
  });
});
