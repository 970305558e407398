// @vitest-environment happy-dom
// The always-on router touches no extension API while it is evaluated on a
// built-in portal's page (Chrome builds each API namespace the first time a
// script uses it, and at document_start that cost is the page's): the stored
// adapters are read once the main thread is idle, and an imported portal joins
// then. A frame on no built-in host is an imported portal's, whose Save can
// only be recognised from the stored adapters: there they are read at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { REGISTER_KEY } from '../../entrypoints/portal.content/feature';
import { startRouter } from '../../entrypoints/portal.content/router';
import { askTabStatus, TAB_STATUS_KEY } from '../../entrypoints/portal.content/tab-status';
import { builtInAdapters } from '../../lib/catalog/built-in';
import { COMPACT_ADAPTERS_KEY, COMPACT_FORMAT, compactAdapter, matchPatternsSource, type CompactAdapter } from '../../lib/catalog/compact';
import type { TabStatus } from '../../lib/tab-status';

const setURL = (url: string) => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);

const importedAt = (pattern: string): CompactAdapter => ({
  id: 'imported-visits',
  at: matchPatternsSource([pattern]),
  pages: [{ kind: 'home-visit', path: '^/imported/visits/(?<visit>\\d+)$', fields: [], save: [] }],
});

describe('when the always-on router first touches the extension API', () => {
  let stop: (() => void) | undefined;

  beforeEach(() => {
    fakeBrowser.reset();
    document.body.replaceChildren();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    stop?.();
    vi.restoreAllMocks();
    delete (globalThis as Record<string, unknown>)[REGISTER_KEY];
  });

  const status = () => askTabStatus(TAB_STATUS_KEY, 'tab.status') as TabStatus;

  it.each([
    ['the built-in host itself', ['127.0.0.1']],
    ['a wildcard over it', ['*.0.0.1']],
  ])('on a built-in portal’s page (%s): not while it starts, but once idle, and an imported portal there joins', async (_how, hosts) => {
    setURL('http://127.0.0.1:41234/imported/visits/12');
    await fakeBrowser.storage.local.set({
      [COMPACT_ADAPTERS_KEY]: { format: COMPACT_FORMAT, adapters: [importedAt('http://127.0.0.1/*')] },
    });
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const listen = vi.spyOn(fakeBrowser.storage.onChanged, 'addListener');
    const getURL = vi.spyOn(fakeBrowser.runtime, 'getURL');

    stop = startRouter([], builtInAdapters().map(compactAdapter), undefined, hosts);
    expect(get, 'storage read while starting').not.toHaveBeenCalled();
    expect(listen).not.toHaveBeenCalled();
    expect(getURL, 'the panel’s address asked while starting').not.toHaveBeenCalled();

    await vi.waitFor(() => expect(status().settled).toBe(true));
    expect(get).toHaveBeenCalledWith(COMPACT_ADAPTERS_KEY);
    expect(listen).toHaveBeenCalledTimes(1);
    expect(status()).toMatchObject({ portal: { id: 'imported-visits' }, pageKind: 'home-visit' });
  });

  it('on an imported portal’s host: at once, so a Save pressed before the page is parsed is recognised', async () => {
    setURL('http://portal.example.org/imported/visits/12');
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');

    stop = startRouter([], builtInAdapters().map(compactAdapter), undefined, ['127.0.0.1', '*.example.com']);
    expect(get).toHaveBeenCalledWith(COMPACT_ADAPTERS_KEY);
  });
});
