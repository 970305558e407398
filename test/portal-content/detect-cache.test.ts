// Page detection on a busy page (issue 16, part 4): the adapter's regular expressions run once per URL,
// however often the DOM changes; only the DOM predicates are asked again.
import { describe, expect, it } from 'vitest';
import { detectPage, type DomProbe } from '../../entrypoints/portal.content/detect';
import { builtInAdapters } from '../../lib/catalog/built-in';

const PORTAL = 'http://127.0.0.1:41234';

/** The MPB adapter with its page paths counted as they are read (each read is one RegExp built and run). */
function countedAdapter() {
  const mpb = builtInAdapters().find((adapter) => adapter.id === 'mpb-demo')!;
  let reads = 0;
  const pages = mpb.pages.map((page) => {
    const copy = { ...page };
    Object.defineProperty(copy, 'path', {
      get() {
        reads++;
        return page.path;
      },
    });
    return copy;
  });
  return { adapter: { ...mpb, pages }, reads: () => reads };
}

const sessionDom: DomProbe = { has: (selector) => selector === 'form#session-form', attribute: () => null };

describe('detection cache', () => {
  it('reads the page patterns once per URL across 1,000 DOM changes, and again for a new URL', () => {
    const { adapter, reads } = countedAdapter();
    const first = detectPage([adapter], `${PORTAL}/mpb/sessions/s-2003`, sessionDom);
    expect(first?.recordId).toBe('s-2003');
    const once = reads();
    expect(once).toBeGreaterThan(0);
    let probes = 0;
    const counting: DomProbe = { has: (selector) => (probes++, sessionDom.has(selector)), attribute: () => null };
    for (let change = 0; change < 1000; change++)
      expect(detectPage([adapter], `${PORTAL}/mpb/sessions/s-2003`, counting)?.recordId).toBe('s-2003');
    expect(reads()).toBe(once);
    // The DOM is still asked every time: markup can change under one URL.
    expect(probes).toBe(1000);
    expect(detectPage([adapter], `${PORTAL}/mpb/sessions/s-2004`, sessionDom)?.recordId).toBe('s-2004');
    expect(reads()).toBeGreaterThan(once);
  });
});
