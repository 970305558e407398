// The content script's view of the configuration. Adapters are bundled (they
// are needed at document_start); checklists come from storage, where the
// background puts the built-in ones and the options page the imported ones,
// all validated through the SDK before they got there. Only the extension can
// write its storage, so they are read here without Zod, which a portal page
// should not pay for, and without bundling the checklists' text into it
// (docs/performance.md, "Content script: what it loads").
import { readAdapterData, type Checklist, type PortalAdapter } from '@chartguard/sdk/runtime';
import { browser } from '../lean-browser';
import { builtInAdapters } from './built-in-adapters';
import { mergeCatalog, type CatalogLayer } from './merge';

/** Where the background mirrors the organisation's validated policy (lib/managed.ts). */
export const MANAGED_KEY = 'managed';

export const CONFIG_KEY = 'config';
export const BUILTIN_CHECKLISTS_KEY = 'builtinChecklists';

export interface RuntimeCatalog {
  checklists: Map<string, Checklist>;
  adapters: PortalAdapter[];
}

const looksLike = (value: unknown, format: string, list: 'sections' | 'pages'): boolean =>
  typeof value === 'object' &&
  value !== null &&
  (value as { format?: unknown }).format === format &&
  Array.isArray((value as Record<string, unknown>)[list]);

export async function loadRuntimeCatalog(): Promise<RuntimeCatalog> {
  const stored = await browser.storage.local.get([CONFIG_KEY, BUILTIN_CHECKLISTS_KEY, MANAGED_KEY]);
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  const layer = (source: CatalogLayer['source'], value: unknown): CatalogLayer => {
    const config = value as { adapters?: unknown; checklists?: unknown } | undefined;
    return { source, checklists: list(config?.checklists), adapters: list(config?.adapters) };
  };
  const builtIn = list(stored[BUILTIN_CHECKLISTS_KEY]).filter((data) =>
    looksLike(data, 'chartguard-checklist/1', 'sections'),
  ) as Checklist[];
  // The organisation's items (mirrored from browser policy by the background) after the user's, so they win.
  const { checklists, adapters } = mergeCatalog(
    { checklists: builtIn.map((checklist) => [checklist.id, checklist]), adapters: builtInAdapters() },
    [layer('imported', stored[CONFIG_KEY]), layer('managed', stored[MANAGED_KEY])],
    {
      checklist(data) {
        if (!looksLike(data, 'chartguard-checklist/1', 'sections')) throw new Error('not a checklist');
        return data as Checklist;
      },
      adapter(data) {
        if (!looksLike(data, 'chartguard-adapter/1', 'pages') && !looksLike(data, 'chartguard-adapter/2', 'pages'))
          throw new Error('not an adapter');
        return readAdapterData(data);
      },
    },
  );
  return { checklists, adapters };
}
