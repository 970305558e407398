// What the always-on content script knows of each portal adapter: only what
// page detection and the Save guard need (addresses, page rules, the record's
// field selectors, Save controls, shortcuts), so no portal page pays for the
// adapters' field maps, lists and value tables before it is known to need them
// (issue 18). Built-in adapters are compacted at build time (wxt.config.ts),
// imported ones by the background into COMPACT_ADAPTERS_KEY.
import type { PortalAdapter } from '@chartguard/sdk/runtime';

/** Where the background keeps every adapter in effect (built-in, imported, managed), compacted. */
export const COMPACT_ADAPTERS_KEY = 'compactAdapters';

export interface CompactPage {
  kind: string;
  path: string;
  search?: string;
  present?: string[];
  recordId?:
    | { from: 'path'; group: string }
    | { from: 'query'; param: string }
    | { from: 'attribute'; selector: string; attribute: string };
  /** Every selector of the page's fields: one of them on the page makes it a record page. */
  fields: string[];
  /** The page has a list to badge. */
  list: boolean;
  save: string[];
  shortcuts?: string[];
  formSubmit?: boolean;
  savedUrl?: string;
}

export interface CompactAdapter {
  id: string;
  name: string;
  matches: string[];
  pages: CompactPage[];
}

export function compactAdapter(adapter: PortalAdapter): CompactAdapter {
  return {
    id: adapter.id,
    name: adapter.name,
    matches: [...adapter.matches],
    pages: adapter.pages.map((page) => {
      const compact: CompactPage = {
        kind: page.kind,
        path: page.path,
        fields: [...new Set(page.fields.flatMap((field) => field.selectors))],
        list: page.list !== undefined,
        save: [...page.save],
      };
      if (page.search) compact.search = page.search;
      if (page.present?.length) compact.present = [...page.present];
      if (page.recordId) compact.recordId = { ...page.recordId } as CompactPage['recordId'];
      if (page.shortcuts?.length) compact.shortcuts = [...page.shortcuts];
      if (page.formSubmit) compact.formSubmit = true;
      if (page.savedUrl) compact.savedUrl = page.savedUrl;
      return compact;
    }),
  };
}

const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** A stored list checked by hand (only the background writes it; the always-on script carries no Zod). */
export function readCompactAdapters(raw: unknown): CompactAdapter[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const valid = raw.every((adapter) => {
    if (typeof adapter !== 'object' || adapter === null) return false;
    const { id, name, matches, pages } = adapter as Record<string, unknown>;
    return (
      typeof id === 'string' &&
      typeof name === 'string' &&
      strings(matches) &&
      Array.isArray(pages) &&
      pages.every((page: unknown) => {
        const { kind, path, fields, save } = (typeof page === 'object' && page !== null ? page : {}) as Record<string, unknown>;
        return typeof kind === 'string' && typeof path === 'string' && strings(fields) && strings(save);
      })
    );
  });
  return valid ? (raw as CompactAdapter[]) : undefined;
}
