// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
// The always-on router asks for a list's feature script only once the portal's
// page has loaded (its load event, or at once on a page already loaded, as a
// single-page portal's next route is): a list holds no Save, and the list
// script's injection and start were most of what Chartguard added before a
// list's load event (docs/performance.md). A record page's script is still
// asked for as soon as the DOM is parsed: the Save guard waits on it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { REGISTER_KEY } from '../../entrypoints/portal.content/feature';
import { startRouter } from '../../entrypoints/portal.content/router';
import { askTabStatus, TAB_STATUS_KEY } from '../../entrypoints/portal.content/tab-status';
import { builtInAdapters } from '../../lib/catalog/built-in';
import { compactAdapter } from '../../lib/catalog/compact';
import { FEATURES_LOAD_MESSAGE } from '../../lib/feature-message';
import type { TabStatus } from '../../lib/tab-status';
import { eventually } from '../wait';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PORTAL = 'http://127.0.0.1:41234';
const setURL = (url: string) => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);

/** A demo page at its address, as the router first sees it. */
function open(address: string, fixture: string) {
  setURL(`${PORTAL}${address}`);
  const html = fs.readFileSync(path.join(HERE, '../fixtures/mpb', fixture), 'utf8');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.body.replaceChildren(...[...parsed.body.childNodes].map((node) => document.importNode(node, true)));
}

/** The document parsed while its images and frames still load; what it returns is the page's load event. */
function pageStillLoading() {
  Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'interactive' });
  return () => {
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'complete' });
    window.dispatchEvent(new Event('load'));
  };
}

describe('the router asks for a page’s feature script', () => {
  let stop: (() => void) | undefined;
  const asked: string[] = [];
  const status = () => askTabStatus(TAB_STATUS_KEY, 'tab.status') as TabStatus;

  beforeEach(() => {
    fakeBrowser.reset();
    asked.length = 0;
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // The background, injecting: the answer never comes within the test, so each script stays asked for once.
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((message: unknown) => {
      const { type, bundle } = message as { type?: string; bundle?: string };
      if (type === FEATURES_LOAD_MESSAGE) asked.push(bundle ?? '?');
      return new Promise(() => undefined);
    });
  });
  afterEach(() => {
    stop?.();
    stop = undefined;
    Reflect.deleteProperty(document, 'readyState');
    vi.restoreAllMocks();
    delete (globalThis as Record<string, unknown>)[REGISTER_KEY];
  });

  /** The router started on the page, and the stored adapters' read it asks for right after answered. */
  const startOnPage = async (kind: string) => {
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    stop = startRouter([], builtInAdapters().map(compactAdapter));
    await eventually(() => expect(get).toHaveBeenCalled());
    await get.mock.results[0]?.value;
    expect(status().pageKind).toBe(kind);
  };

  it('for a list, at the page’s load event and not before', async () => {
    open('/mpb/caseload', 'caseload.html');
    const loaded = pageStillLoading();
    await startOnPage('caseload');
    expect(asked, 'nothing asked while the page loads').toEqual([]);

    loaded();
    expect(asked).toEqual(['list']);
    // Later looks at the page (its DOM changing, the load listener added by each) ask no more.
    window.dispatchEvent(new Event('load'));
    expect(asked).toEqual(['list']);
  });

  it('for a list on a page already loaded (a single-page portal’s route), at once', async () => {
    open('/mpb/caseload', 'caseload.html');
    await startOnPage('caseload');
    expect(asked).toEqual(['list']);
  });

  it('for a record page, as soon as the DOM is parsed, without waiting for the load event', async () => {
    open('/mpb/sessions/s-2003', 'session.html');
    pageStillLoading();
    await startOnPage('session');
    expect(asked).toEqual(['record']);
  });
});
