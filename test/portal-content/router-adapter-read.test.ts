// @vitest-environment happy-dom
// The always-on router asks for the stored adapters in the task right after its
// evaluation (not during it: the evaluation holds up the page's parser), on every
// host: an imported portal's Save, or an organisation's refinement of a built-in
// portal's, is recognised only from them, so a Save pressed while the page loads
// must find them. What can wait for the page to be idle is listening
// for the background rewriting them (Chrome builds each API namespace the first
// time a script touches it, and at document_start that cost is the page's); the
// panel's address is not asked for at all while starting.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { REGISTER_KEY } from '../../entrypoints/portal.content/feature';
import { startRouter } from '../../entrypoints/portal.content/router';
import { askTabStatus, TAB_STATUS_KEY } from '../../entrypoints/portal.content/tab-status';
import { builtInAdapters } from '../../lib/catalog/built-in';
import { COMPACT_ADAPTERS_KEY, COMPACT_FORMAT, compactAdapter, matchPatternsSource, type CompactAdapter } from '../../lib/catalog/compact';
import type { TabStatus } from '../../lib/tab-status';
import { eventually } from '../wait';

const setURL = (url: string) => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);

const importedAt = (pattern: string): CompactAdapter => ({
  id: 'imported-visits',
  at: matchPatternsSource([pattern]),
  pages: [{ kind: 'home-visit', path: '^/imported/visits/(?<visit>\\d+)$', fields: [], save: [] }],
});

describe('when the always-on router touches the extension API', () => {
  let stop: (() => void) | undefined;
  let idle: (() => void) | undefined;

  beforeEach(() => {
    fakeBrowser.reset();
    document.body.replaceChildren();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    idle = undefined;
    // The page's idle moment, held until the test lets it come.
    (globalThis as { requestIdleCallback?: unknown }).requestIdleCallback = (callback: () => void) => {
      idle = callback;
      return 1;
    };
  });
  afterEach(() => {
    stop?.();
    delete (globalThis as { requestIdleCallback?: unknown }).requestIdleCallback;
    vi.restoreAllMocks();
    delete (globalThis as Record<string, unknown>)[REGISTER_KEY];
  });

  const status = () => askTabStatus(TAB_STATUS_KEY, 'tab.status') as TabStatus;

  it.each([
    ['a built-in portal’s host', 'http://127.0.0.1:41234/imported/visits/12', 'http://127.0.0.1/*'],
    ['an imported portal’s own host', 'http://portal.example.org/imported/visits/12', 'http://portal.example.org/*'],
  ])(
    'on %s: reads the stored adapters right after starting, and a page only they make a record page is known before the page is idle',
    async (_where, url, pattern) => {
      setURL(url);
      await fakeBrowser.storage.local.set({ [COMPACT_ADAPTERS_KEY]: { format: COMPACT_FORMAT, adapters: [importedAt(pattern)] } });
      const get = vi.spyOn(fakeBrowser.storage.local, 'get');
      const listen = vi.spyOn(fakeBrowser.storage.onChanged, 'addListener');
      const getURL = vi.spyOn(fakeBrowser.runtime, 'getURL');

      stop = startRouter([], builtInAdapters().map(compactAdapter));
      expect(get, 'stored adapters asked for during the evaluation').not.toHaveBeenCalled();
      expect(listen, 'change listener added while starting').not.toHaveBeenCalled();
      await eventually(() => expect(get, 'stored adapters asked for right after').toHaveBeenCalledWith(COMPACT_ADAPTERS_KEY));
      expect(getURL, 'the panel’s address asked while starting').not.toHaveBeenCalled();
      await eventually(() => expect(status()).toMatchObject({ portal: { id: 'imported-visits' }, pageKind: 'home-visit' }));
      expect(listen, 'still not listening before the page is idle').not.toHaveBeenCalled();

      idle?.();
      expect(listen).toHaveBeenCalledTimes(1);
    },
  );

  it('reads the adapters again when it starts listening, so a rewrite before the page was idle is not missed', async () => {
    setURL('http://127.0.0.1:41234/imported/visits/12');
    await fakeBrowser.storage.local.set({
      [COMPACT_ADAPTERS_KEY]: { format: COMPACT_FORMAT, adapters: [importedAt('http://127.0.0.1/*')] },
    });
    stop = startRouter([], builtInAdapters().map(compactAdapter));
    await eventually(() => expect(status().portal).toEqual({ id: 'imported-visits' }));

    // The background rewrites them while nothing listens yet.
    const renamed = { ...importedAt('http://127.0.0.1/*'), id: 'imported-visits-v2' };
    await fakeBrowser.storage.local.set({ [COMPACT_ADAPTERS_KEY]: { format: COMPACT_FORMAT, adapters: [renamed] } });
    expect(status().portal).toEqual({ id: 'imported-visits' });

    expect(idle, 'the listener waits for the page’s idle moment').toBeTypeOf('function');
    idle!();
    await eventually(() => expect(status().portal).toEqual({ id: 'imported-visits-v2' }));
  });
});
