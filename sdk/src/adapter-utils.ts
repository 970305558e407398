// Using an adapter (matching pages, mapping values, reading the portal's date
// formats) without its schema, so a content script that only runs adapters
// never loads Zod.
import type { AdapterPage, PortalAdapter } from './adapter.js';

/**
 * Maps a portal value back to a checklist value through a field's `valueMap`
 * (value → the label written) and `aliases` (other labels → value).
 */
export function fromPortalValue(
  valueMap: Record<string, string> | undefined,
  portalValue: string,
  aliases?: Record<string, string>,
): string {
  if (!valueMap && !aliases) return portalValue;
  const wanted = portalValue.trim().toLowerCase();
  const hit = Object.entries(valueMap ?? {}).find(([, portal]) => portal.trim().toLowerCase() === wanted);
  if (hit) return hit[0];
  const alias = Object.entries(aliases ?? {}).find(([label]) => label.trim().toLowerCase() === wanted);
  return alias ? alias[1] : portalValue;
}

export function toPortalValue(valueMap: Record<string, string> | undefined, value: string): string {
  return valueMap?.[value] ?? value;
}

/** Finds the adapter page for a path, by URL first; the DOM predicate is the caller's (it needs a document). */
export function pagesForPath(adapter: PortalAdapter, pathname: string): AdapterPage[] {
  return adapter.pages.filter((page) => new RegExp(page.path).test(pathname));
}

/** Pages for a frame's own URL: its path, and its query string where the page names one (`?eid=123`). */
export function pagesForUrl(adapter: PortalAdapter, url: URL): AdapterPage[] {
  return adapter.pages.filter(
    (page) => new RegExp(page.path).test(url.pathname) && (!page.search || new RegExp(page.search).test(url.search)),
  );
}

export function recordIdFromPath(page: AdapterPage, pathname: string): string | undefined {
  if (page.recordId?.from !== 'path') return undefined;
  return new RegExp(page.path).exec(pathname)?.groups?.[page.recordId.group];
}

/** The record id from the path's named group or the query parameter the page names. */
export function recordIdFromUrl(page: AdapterPage, url: URL): string | undefined {
  if (page.recordId?.from === 'query') return url.searchParams.get(page.recordId.param) ?? undefined;
  return recordIdFromPath(page, url.pathname);
}

const TOKENS = ['YYYY', 'MM', 'DD', 'HH', 'mm', 'ss'] as const;
type Token = (typeof TOKENS)[number];

function tokenize(format: string): (Token | string)[] {
  const parts: (Token | string)[] = [];
  for (let index = 0; index < format.length; ) {
    const token = TOKENS.find((candidate) => format.startsWith(candidate, index));
    if (token) {
      parts.push(token);
      index += token.length;
    } else {
      parts.push(format[index]!);
      index += 1;
    }
  }
  return parts;
}

/**
 * A date written in the portal's format (`DD/MM/YYYY HH:mm`) as the checklist
 * reads dates: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm` when the format has a time.
 * Text that does not fit the format is returned as it is, for the checklist
 * to report, never guessed at.
 */
export function parsePortalDate(text: string, format: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const values: Partial<Record<Token, string>> = {};
  let index = 0;
  for (const part of tokenize(format)) {
    if ((TOKENS as readonly string[]).includes(part)) {
      const width = part.length;
      const digits = trimmed.slice(index, index + width);
      if (!/^\d+$/.test(digits) || digits.length !== width) return trimmed;
      values[part as Token] = digits;
      index += width;
    } else {
      if (trimmed[index] !== part) return trimmed;
      index += 1;
    }
  }
  if (index !== trimmed.length || !values.YYYY || !values.MM || !values.DD) return trimmed;
  const date = `${values.YYYY}-${values.MM}-${values.DD}`;
  return values.HH && values.mm ? `${date}T${values.HH}:${values.mm}` : date;
}

/** A checklist date (`YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`) in the portal's format; other text unchanged. */
export function formatPortalDate(value: string, format: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
  if (!match) return value;
  const [, YYYY, MM, DD, HH = '00', mm = '00', ss = '00'] = match;
  const values: Record<Token, string> = { YYYY: YYYY!, MM: MM!, DD: DD!, HH, mm, ss };
  return tokenize(format)
    .map((part) => ((TOKENS as readonly string[]).includes(part) ? values[part as Token] : part))
    .join('');
}
