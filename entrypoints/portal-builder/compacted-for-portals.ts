// Why the builder waits before it says "now runs with the draft": the portal's
// always-on script reads the compact adapters the background writes after each
// configuration change, so the draft runs only once they hold it.
import { browser } from 'wxt/browser';
import { COMPACT_ADAPTERS_KEY } from '../../lib/catalog/compact';

/** Object keys sorted at every depth: the browser's storage hands objects back with their keys in its own order. */
const sortedJson = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );

/** Resolves once the stored compact adapters equal `wanted`, or after `fallbackMs` (the draft is saved either way). */
export function compactedForPortals(wanted: unknown, fallbackMs = 5_000): Promise<void> {
  const target = sortedJson(wanted);
  return new Promise((resolve) => {
    const done = () => {
      browser.storage.onChanged.removeListener(onChanged);
      clearTimeout(timer);
      resolve();
    };
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && COMPACT_ADAPTERS_KEY in changes && sortedJson(changes[COMPACT_ADAPTERS_KEY]!.newValue) === target) done();
    };
    browser.storage.onChanged.addListener(onChanged);
    const timer = setTimeout(done, fallbackMs);
    void browser.storage.local.get(COMPACT_ADAPTERS_KEY).then((stored) => {
      if (sortedJson(stored[COMPACT_ADAPTERS_KEY]) === target) done();
    });
  });
}
