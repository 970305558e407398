// What the always-on content script knows of each portal adapter: only what
// page detection and the Save guard need (the addresses as one regular
// expression, page rules, the record's field selectors, Save controls,
// shortcuts), so no portal page pays for the adapters' names, field maps,
// lists and value tables, or for compiling match patterns, before it is known
// to need them (issue 18). Built-in adapters are compacted at build time
// (wxt.config.ts), imported ones by the background into COMPACT_ADAPTERS_KEY.
import type { PortalAdapter } from '@chartguard/sdk/runtime';
import { compileMatchPattern } from '../../entrypoints/portal.content/match-pattern';

/** Where the background keeps every adapter in effect (built-in, imported, managed), compacted. */
export const COMPACT_ADAPTERS_KEY = 'compactAdapters';

/**
 * The form of CompactAdapter written under COMPACT_ADAPTERS_KEY. Raise it with every change to that form: an
 * always-on script of another version (a page loaded before an update, or a background not yet updated) then
 * ignores what it cannot read instead of misreading it, and works from the built-in adapters it carries.
 */
export const COMPACT_FORMAT = 2;

export interface StoredCompactAdapters {
  format: number;
  adapters: CompactAdapter[];
}

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
  list?: true;
  save: string[];
  shortcuts?: string[];
  formSubmit?: true;
  savedUrl?: string;
}

export interface CompactAdapter {
  id: string;
  /** The adapter's match patterns as one regular expression over `addressOf(url)` (`matchPatternsSource`). */
  at: string;
  pages: CompactPage[];
}

/** What a compact adapter's `at` is tested against: the parts of an address a match pattern looks at. */
export const addressOf = (url: URL) => `${url.protocol}//${url.hostname}${url.pathname}`;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A glob where `*` is any run of characters but `/` (which a host never holds; a path glob allows it). */
const glob = (text: string, any: string) => escapeRegExp(text).replace(/\\\*/g, any);
const NEVER = '(?!)';

/**
 * One match pattern as a regular-expression source over `addressOf(url)`, covering what compileMatchPattern
 * (match-pattern.ts) covers; a pattern that is not one, or whose scheme it never matches, covers nothing.
 */
export function matchPatternSource(pattern: string): string {
  try {
    compileMatchPattern(pattern);
  } catch {
    return NEVER;
  }
  if (pattern === '<all_urls>') return '(?:https?|wss?|file|ftp|urn)://.*';
  const [, protocol = '', host = '', path = ''] = /(.*):\/\/(.*?)(\/.*)/.exec(pattern) ?? [];
  const pathSource = glob(path, '.*');
  if (protocol === 'file') return `file://[^/]*${pathSource}`;
  if (protocol !== 'http' && protocol !== 'https' && protocol !== '*') return NEVER;
  if (host === '') return NEVER;
  const hosts = [...new Set([glob(host, '[^/]*'), glob(host.replace(/^\*\./, ''), '[^/]*')])];
  return `${protocol === '*' ? 'https?' : protocol}://(?:${hosts.join('|')})${pathSource}`;
}

/** All of an adapter's match patterns as one anchored source: any of them covers the address. */
export function matchPatternsSource(patterns: readonly string[]): string {
  return `^(?:${[...new Set(patterns.map(matchPatternSource))].join('|')})$`;
}

export function compactAdapter(adapter: PortalAdapter): CompactAdapter {
  return {
    id: adapter.id,
    at: matchPatternsSource(adapter.matches),
    pages: adapter.pages.map((page) => {
      const compact: CompactPage = {
        kind: page.kind,
        path: page.path,
        fields: [...new Set(page.fields.flatMap((field) => field.selectors))],
        save: [...page.save],
      };
      if (page.list !== undefined) compact.list = true;
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

/** What the background stores under COMPACT_ADAPTERS_KEY: every adapter in effect, compacted, with the form's version. */
export function storedCompactAdapters(adapters: readonly PortalAdapter[]): StoredCompactAdapters {
  return { format: COMPACT_FORMAT, adapters: adapters.map(compactAdapter) };
}

const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');
/** An object's own fields to check; anything else has none. */
const fieldsOf = (value: unknown) => (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;

/**
 * The stored adapters checked by hand (only the background writes them; the always-on script carries no Zod);
 * undefined for anything of another version or shape.
 */
export function readCompactAdapters(stored: unknown): CompactAdapter[] | undefined {
  const { format, adapters } = fieldsOf(stored);
  const valid =
    format === COMPACT_FORMAT &&
    Array.isArray(adapters) &&
    adapters.every((adapter: unknown) => {
      const { id, at, pages } = fieldsOf(adapter);
      return (
        typeof id === 'string' &&
        typeof at === 'string' &&
        Array.isArray(pages) &&
        pages.every((page: unknown) => {
          const { kind, path, fields, save } = fieldsOf(page);
          return typeof kind === 'string' && typeof path === 'string' && strings(fields) && strings(save);
        })
      );
    });
  return valid ? (adapters as CompactAdapter[]) : undefined;
}
