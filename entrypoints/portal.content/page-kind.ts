// Page detection for the always-on script, over the compact adapters
// (lib/catalog/compact.ts): which portal page this frame is, and whether it is
// a record page or a list, without the SDK or the full adapters. The same
// rules as detect.ts (test/portal-content/page-kind.test.ts holds them level).
import type { CompactAdapter, CompactPage } from '../../lib/catalog/compact';
import { findElement } from './dom';
import { compileMatchPattern, type UrlTest } from './match-pattern';

export interface PageInfo {
  adapter: { id: string; name: string };
  page: CompactPage;
  recordId?: string;
  /** One of the page's field selectors finds an element: a record page, where the panel docks and Save is guarded. */
  record: boolean;
}

const patterns = new Map<string, UrlTest | null>();
function covers(pattern: string, url: string): boolean {
  let compiled = patterns.get(pattern);
  if (compiled === undefined) {
    try {
      compiled = compileMatchPattern(pattern);
    } catch {
      compiled = null;
    }
    patterns.set(pattern, compiled);
  }
  return compiled?.(url) ?? false;
}

export function compactAdapterFor(adapters: readonly CompactAdapter[], url: string): CompactAdapter | undefined {
  return adapters.find((adapter) => adapter.matches.some((pattern) => covers(pattern, url)));
}

function test(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern).test(text);
  } catch {
    return false;
  }
}

function has(root: ParentNode, selector: string): boolean {
  try {
    return root.querySelector(selector) !== null;
  } catch {
    return false;
  }
}

/** The first page, in adapter order, whose address and DOM predicate match (detect.ts's detectPage, compacted). */
export function detectPageKind(adapters: readonly CompactAdapter[], href: string, root: ParentNode = document): PageInfo | undefined {
  let url: URL | undefined;
  for (const adapter of adapters) {
    if (!adapter.matches.some((pattern) => covers(pattern, href))) continue;
    url ??= new URL(href);
    for (const page of adapter.pages) {
      if (!test(page.path, url.pathname) || (page.search && !test(page.search, url.search))) continue;
      if (!(page.present ?? []).every((selector) => has(root, selector))) continue;
      const id = page.recordId;
      let recordId: string | undefined;
      if (id?.from === 'query') recordId = url.searchParams.get(id.param) ?? undefined;
      else if (id?.from === 'path') recordId = new RegExp(page.path).exec(url.pathname)?.groups?.[id.group];
      else if (id?.from === 'attribute') recordId = root.querySelector(id.selector)?.getAttribute(id.attribute) ?? undefined;
      return {
        adapter: { id: adapter.id, name: adapter.name },
        page,
        recordId,
        record: page.fields.length > 0 && findElement(page.fields, root) !== null,
      };
    }
  }
  return undefined;
}
