// The portal builder's "Try it" says the draft runs once the always-on script
// can read it (entrypoints/portal-builder/compacted-for-portals.ts). The
// browser's storage hands objects back with their keys in its own order
// (Chromium sorts them), so a comparison of the JSON as written never matched
// and every "Try it" waited out its fallback.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { compactedForPortals } from '../../entrypoints/portal-builder/compacted-for-portals';
import { COMPACT_ADAPTERS_KEY } from '../../lib/catalog/compact';

const DRAFT = [{ id: 'draft', at: '^https://ehr\\.example/', pages: [{ kind: 'note', path: '^/n$', fields: ['#note'] }] }];
/** The same adapters as the browser hands them back: every object's keys sorted. */
const AS_STORED = [{ at: '^https://ehr\\.example/', id: 'draft', pages: [{ fields: ['#note'], kind: 'note', path: '^/n$' }] }];

describe('compactedForPortals', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => vi.useRealTimers());

  /** Whether the wait has ended after the storage round trips, with the fallback's time not yet passed. */
  const endedBeforeFallback = async (waiting: Promise<void>) => {
    let ended = false;
    void waiting.then(() => (ended = true));
    await vi.advanceTimersByTimeAsync(10);
    return ended;
  };

  it('ends at once when storage already holds the adapters, whatever order their keys come back in', async () => {
    await fakeBrowser.storage.local.set({ [COMPACT_ADAPTERS_KEY]: AS_STORED });
    expect(await endedBeforeFallback(compactedForPortals(DRAFT))).toBe(true);
  });

  it('ends when the background writes them, and not for other adapters', async () => {
    await fakeBrowser.storage.local.set({ [COMPACT_ADAPTERS_KEY]: [] });
    const waiting = compactedForPortals(DRAFT);
    expect(await endedBeforeFallback(waiting)).toBe(false);
    await fakeBrowser.storage.local.set({ [COMPACT_ADAPTERS_KEY]: [{ ...AS_STORED[0], id: 'another' }] });
    expect(await endedBeforeFallback(waiting)).toBe(false);
    await fakeBrowser.storage.local.set({ [COMPACT_ADAPTERS_KEY]: AS_STORED });
    expect(await endedBeforeFallback(waiting)).toBe(true);
  });

  it('ends after its fallback when the background never writes them', async () => {
    const waiting = compactedForPortals(DRAFT, 5_000);
    expect(await endedBeforeFallback(waiting)).toBe(false);
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(waiting).resolves.toBeUndefined();
  });
});
