// Using an adapter (matching pages, mapping values) without its schema, so a
// content script that only runs adapters never loads Zod.
import type { AdapterPage, PortalAdapter } from './adapter.js';

/** Maps a portal value back to a checklist value through a field's `valueMap`. */
export function fromPortalValue(valueMap: Record<string, string> | undefined, portalValue: string): string {
  if (!valueMap) return portalValue;
  const hit = Object.entries(valueMap).find(([, portal]) => portal.trim().toLowerCase() === portalValue.trim().toLowerCase());
  return hit ? hit[0] : portalValue;
}

export function toPortalValue(valueMap: Record<string, string> | undefined, value: string): string {
  return valueMap?.[value] ?? value;
}

/** Finds the adapter page for a path, by URL first; the DOM predicate is the caller's (it needs a document). */
export function pagesForPath(adapter: PortalAdapter, pathname: string): AdapterPage[] {
  return adapter.pages.filter((page) => new RegExp(page.path).test(pathname));
}

export function recordIdFromPath(page: AdapterPage, pathname: string): string | undefined {
  if (page.recordId?.from !== 'path') return undefined;
  return new RegExp(page.path).exec(pathname)?.groups?.[page.recordId.group];
}
