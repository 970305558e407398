// The feature scripts' view of the configuration. Every adapter in effect
// (built-in, imported, managed) comes from storage, where the background wrote
// it compiled (ADAPTERS_KEY), so no feature script carries the adapters' data
// or the compiler; checklists come from storage too, where the background puts
// the built-in ones and the options page the imported ones, all validated
// through the SDK before they got there. Only the extension can write its
// storage, so they are read here without Zod, which a portal page should not
// pay for (docs/performance.md, "The content-script split").
import type { Checklist, PortalAdapter } from '@chartguard/sdk/runtime';
import { browser } from '../lean-browser';
import { mergeCatalog, type CatalogLayer } from './merge';

/** Where the background mirrors the organisation's validated policy (lib/managed.ts). */
export const MANAGED_KEY = 'managed';

export const CONFIG_KEY = 'config';
export const BUILTIN_CHECKLISTS_KEY = 'builtinChecklists';
/** Where the background keeps every adapter in effect, compiled, in the order detection tries them. */
export const ADAPTERS_KEY = 'portalAdapters';

export interface RuntimeCatalog {
  checklists: Map<string, Checklist>;
  adapters: PortalAdapter[];
}

const looksLike = (value: unknown, format: string, list: 'sections' | 'pages'): boolean =>
  typeof value === 'object' &&
  value !== null &&
  (value as { format?: unknown }).format === format &&
  Array.isArray((value as Record<string, unknown>)[list]);

const isAdapter = (value: unknown) =>
  looksLike(value, 'chartguard-adapter/1', 'pages') || looksLike(value, 'chartguard-adapter/2', 'pages');

/** The configuration as stored; throws when the adapters are not there, so the page is left as without Chartguard. */
export async function loadRuntimeCatalog(): Promise<RuntimeCatalog> {
  const stored = await browser.storage.local.get([CONFIG_KEY, BUILTIN_CHECKLISTS_KEY, MANAGED_KEY, ADAPTERS_KEY]);
  const adapters = stored[ADAPTERS_KEY];
  if (!Array.isArray(adapters)) throw new Error('the portal adapters are not in storage');
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  // The background merged the adapters already; only the checklists are put together here.
  const layer = (source: CatalogLayer['source'], value: unknown): CatalogLayer => ({
    source,
    checklists: list((value as { checklists?: unknown } | undefined)?.checklists),
    adapters: [],
  });
  const builtIn = list(stored[BUILTIN_CHECKLISTS_KEY]).filter((data) =>
    looksLike(data, 'chartguard-checklist/1', 'sections'),
  ) as Checklist[];
  // The organisation's checklists (mirrored from browser policy by the background) after the user's, so they win.
  const { checklists } = mergeCatalog(
    { checklists: builtIn.map((checklist) => [checklist.id, checklist]), adapters: [] },
    [layer('imported', stored[CONFIG_KEY]), layer('managed', stored[MANAGED_KEY])],
    {
      checklist(data) {
        if (!looksLike(data, 'chartguard-checklist/1', 'sections')) throw new Error('not a checklist');
        return data as Checklist;
      },
      adapter() {
        throw new Error('adapters are read from ADAPTERS_KEY');
      },
    },
  );
  return { checklists, adapters: adapters.filter(isAdapter) as PortalAdapter[] };
}
