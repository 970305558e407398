// @vitest-environment happy-dom
// The always-on router reads the portals the background stored for it
// (`compactAdapters`) only when they are written in its own version of the
// compact form (lib/catalog/compact.ts, COMPACT_FORMAT): a value of another
// version (a page loaded before an update, a background not yet updated) is
// ignored, and the router works from the built-in adapters it carries instead
// of misreading it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { REGISTER_KEY } from '../../entrypoints/portal.content/feature';
import { startRouter } from '../../entrypoints/portal.content/router';
import { askTabStatus, TAB_STATUS_KEY } from '../../entrypoints/portal.content/tab-status';
import { builtInAdapters } from '../../lib/catalog/built-in';
import { COMPACT_ADAPTERS_KEY, COMPACT_FORMAT, compactAdapter, matchPatternsSource, type CompactAdapter } from '../../lib/catalog/compact';
import type { TabStatus } from '../../lib/tab-status';
import { eventually } from '../wait';

const PORTAL = 'http://127.0.0.1:41234';
const setURL = (url: string) => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);

/** A portal an organisation imported, on the built-ins' host, which the built-in adapters know nothing of. */
const imported: CompactAdapter = {
  id: 'imported-visits',
  at: matchPatternsSource(['http://127.0.0.1/*']),
  pages: [
    { kind: 'home-visit', path: '^/imported/visits/(?<visit>\\d+)$', recordId: { from: 'path', group: 'visit' }, fields: [], save: [] },
  ],
};

describe('the router and the compact adapters the background stored', () => {
  let stop: (() => void) | undefined;

  beforeEach(() => {
    fakeBrowser.reset();
    // The MPB session's form, without its fields: the page is recognised, and it is no record to load features for.
    const form = document.createElement('form');
    form.id = 'session-form';
    document.body.replaceChildren(form);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // No feature script can be loaded here: a record page the router recognises settles as unchecked.
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ error: 'not in this test' });
  });
  afterEach(() => {
    stop?.();
    vi.restoreAllMocks();
    delete (globalThis as Record<string, unknown>)[REGISTER_KEY];
  });

  /** The popup's answer (as the popup runs it in the frame) once the router has read storage and looked at the page. */
  const settledStatus = async (): Promise<TabStatus> => {
    let status: TabStatus | undefined;
    await eventually(() => {
      status = askTabStatus(TAB_STATUS_KEY, 'tab.status') as TabStatus;
      expect(status.settled).toBe(true);
    });
    return status!;
  };

  const routerAt = async (path: string, stored: unknown) => {
    setURL(`${PORTAL}${path}`);
    await fakeBrowser.storage.local.set({ [COMPACT_ADAPTERS_KEY]: stored });
    stop = startRouter([], builtInAdapters().map(compactAdapter));
    return settledStatus();
  };

  it('reads adapters stored in its own version: an imported portal is recognised, and only what is stored applies', async () => {
    const stored = { format: COMPACT_FORMAT, adapters: [imported] };
    expect(await routerAt('/imported/visits/12', stored)).toMatchObject({
      portal: { id: 'imported-visits' },
      pageKind: 'home-visit',
      recordId: '12',
    });
    stop?.();
    // The built-in portal is not among the adapters in effect: the stored list, not the built-ins, decides.
    expect(await routerAt('/mpb/sessions/s-2003', stored)).toMatchObject({ portal: { id: 'imported-visits' }, pageKind: null });
  });

  it.each([
    ['a later version', { format: COMPACT_FORMAT + 1, adapters: [imported] }],
    ['no version (the form before the stamp)', [{ id: 'imported-visits', name: 'Imported', matches: ['http://127.0.0.1/*'], pages: [] }]],
  ])('ignores adapters stored in %s and works from the built-ins it carries', async (_version, stored) => {
    const status = await routerAt('/imported/visits/12', stored);
    expect(status.portal?.id).not.toBe('imported-visits');
    expect(status.pageKind).toBeNull();
    stop?.();
    expect(await routerAt('/mpb/sessions/s-2003', stored)).toMatchObject({
      portal: { id: 'mpb-demo' },
      pageKind: 'session',
      recordId: 's-2003',
    });
  });
});
