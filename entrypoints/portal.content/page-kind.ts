// Page detection for the always-on script, over the compact adapters
// (lib/catalog/compact.ts): which portal page this frame is, and whether it is
// a record page or a list, without the SDK or the full adapters. The same
// rules as detect.ts (test/portal-content/page-kind.test.ts holds them level).
import { addressOf, type CompactAdapter, type CompactPage } from '../../lib/catalog/compact';
import { findElement } from './dom';

export interface PageInfo {
  adapter: { id: string };
  page: CompactPage;
  recordId?: string;
  /** One of the page's field selectors finds an element: a record page, where the panel docks and Save is guarded. */
  record: boolean;
}

const compiled = new Map<string, RegExp | null>();
/** A stored pattern that is not a regular expression matches nothing (the page works as without that page rule). */
export function matchesPattern(pattern: string, text: string): boolean {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    try {
      regex = new RegExp(pattern);
    } catch {
      regex = null;
    }
    compiled.set(pattern, regex);
  }
  return regex?.test(text) ?? false;
}

const covers = (adapter: CompactAdapter, url: URL) => matchesPattern(adapter.at, addressOf(url));

export function compactAdapterFor(adapters: readonly CompactAdapter[], href: string): CompactAdapter | undefined {
  const url = new URL(href);
  return adapters.find((adapter) => covers(adapter, url));
}

/**
 * The first page, in adapter order, whose address and DOM predicate match (detect.ts's detectPage, compacted); with
 * `byAddress`, the first whose address matches, whatever the DOM holds.
 */
export function detectPageKind(
  adapters: readonly CompactAdapter[],
  href: string,
  byAddress?: boolean,
  root: ParentNode = document,
): PageInfo | undefined {
  const url = new URL(href);
  for (const adapter of adapters) {
    if (!covers(adapter, url)) continue;
    for (const page of adapter.pages) {
      if (!matchesPattern(page.path, url.pathname) || (page.search && !matchesPattern(page.search, url.search))) continue;
      if (!byAddress && !(page.present ?? []).every((selector) => findElement([selector], root))) continue;
      const id = page.recordId;
      let recordId: string | undefined;
      if (id?.from === 'query') recordId = url.searchParams.get(id.param) ?? undefined;
      // The path's pattern, compiled by matchesPattern() above.
      else if (id?.from === 'path') recordId = compiled.get(page.path)?.exec(url.pathname)?.groups?.[id.group];
      else if (id?.from === 'attribute') recordId = root.querySelector(id.selector)?.getAttribute(id.attribute) ?? undefined;
      return {
        adapter: { id: adapter.id },
        page,
        recordId,
        record: page.fields.length > 0 && findElement(page.fields, root) !== null,
      };
    }
  }
  return undefined;
}
