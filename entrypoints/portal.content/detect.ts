// Page detection as small pure functions over a URL and a DOM probe, so every
// adapter's page rules can be table-tested without a browser.
import { pagesForUrl, recordIdFromUrl, type AdapterPage, type PortalAdapter } from '@chartguard/sdk/runtime';
import { compileMatchPattern } from './match-pattern';

export interface DomProbe {
  has(selector: string): boolean;
  attribute(selector: string, name: string): string | null;
}

export interface PageMatch {
  adapter: PortalAdapter;
  page: AdapterPage;
  recordId?: string;
}

export function adapterForUrl(adapters: readonly PortalAdapter[], url: string): PortalAdapter | undefined {
  return adapters.find((adapter) => adapter.matches.some((pattern) => compileMatchPattern(pattern)(url)));
}

/**
 * The first page, in adapter order, whose origin, path, query string (where the page names one, e.g.
 * `?eid=123`) and DOM predicate all match. The URL is the frame's own: a page inside a portal's work
 * frame is recognised by the frame's address, not the shell's.
 * Every adapter on the origin is tried: several portals may share one host (the
 * demo serves three under one origin), told apart by path and markup.
 */
export function detectPage(adapters: readonly PortalAdapter[], url: string, dom: DomProbe): PageMatch | undefined {
  for (const adapter of adapters) {
    for (const { page, urlRecordId } of candidatePages(adapter, url)) {
      if (!(page.present ?? []).every((selector) => safeHas(dom, selector))) continue;
      const recordId =
        page.recordId?.from === 'attribute' ? (dom.attribute(page.recordId.selector, page.recordId.attribute) ?? undefined) : urlRecordId;
      return { adapter, page, recordId };
    }
  }
  return undefined;
}

/**
 * The pages an adapter may have at a URL, by its match patterns and page paths: the same for as long as
 * the URL stays, so worked out once per URL and adapter. A page that changes its DOM on every frame costs
 * only the DOM predicates, never the adapter's regular expressions.
 */
interface Candidate {
  page: AdapterPage;
  urlRecordId: string | undefined;
}
const urlCache = new WeakMap<PortalAdapter, Map<string, Candidate[]>>();
const URL_CACHE_SIZE = 64;

export function candidatePages(adapter: PortalAdapter, url: string): Candidate[] {
  let byUrl = urlCache.get(adapter);
  if (!byUrl) urlCache.set(adapter, (byUrl = new Map()));
  const known = byUrl.get(url);
  if (known) return known;
  const parsed = new URL(url);
  const pages = adapter.matches.some((pattern) => compileMatchPattern(pattern)(url))
    ? pagesForUrl(adapter, parsed).map((page) => ({ page, urlRecordId: recordIdFromUrl(page, parsed) }))
    : [];
  if (byUrl.size >= URL_CACHE_SIZE) byUrl.clear();
  byUrl.set(url, pages);
  return pages;
}

function safeHas(dom: DomProbe, selector: string): boolean {
  try {
    return dom.has(selector);
  } catch {
    return false;
  }
}

export function documentProbe(root: ParentNode = document): DomProbe {
  return {
    has: (selector) => root.querySelector(selector) !== null,
    attribute: (selector, name) => root.querySelector(selector)?.getAttribute(name) ?? null,
  };
}
