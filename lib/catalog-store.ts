// The content script's view of the configuration. Adapters are bundled (they
// are needed at document_start); checklists come from storage, where the
// background puts the built-in ones and the options page the imported ones,
// all validated through the SDK before they got there. Only the extension can
// write its storage, so they are read here without Zod, which a portal page
// should not pay for, and without bundling the checklists' text into it
// (docs/performance.md, "Content script: what it loads").
import type { Checklist, PortalAdapter } from '@chartguard/sdk/runtime';
import { browser } from 'wxt/browser';
import { builtInAdapters, withAdapterDefaults } from './adapters';

/** Where the background mirrors the organisation's validated policy (lib/managed.ts). */
export const MANAGED_KEY = 'managed';

export const CONFIG_KEY = 'config';
export const BUILTIN_CHECKLISTS_KEY = 'builtinChecklists';

export interface RuntimeCatalog {
  checklists: Map<string, Checklist>;
  adapters: PortalAdapter[];
}

const looksLike = (value: unknown, format: string, list: 'sections' | 'pages'): boolean =>
  typeof value === 'object' && value !== null && (value as { format?: unknown }).format === format && Array.isArray((value as Record<string, unknown>)[list]);

export async function loadRuntimeCatalog(): Promise<RuntimeCatalog> {
  const stored = await browser.storage.local.get([CONFIG_KEY, BUILTIN_CHECKLISTS_KEY, MANAGED_KEY]);
  const imported = stored[CONFIG_KEY] as { adapters?: unknown[]; checklists?: unknown[] } | undefined;
  // The organisation's items (mirrored from browser policy by the background) after the user's, so they win.
  const managed = stored[MANAGED_KEY] as { adapters?: unknown[]; checklists?: unknown[] } | undefined;
  const config = {
    adapters: [...(Array.isArray(imported?.adapters) ? imported.adapters : []), ...(Array.isArray(managed?.adapters) ? managed.adapters : [])],
    checklists: [...(Array.isArray(imported?.checklists) ? imported.checklists : []), ...(Array.isArray(managed?.checklists) ? managed.checklists : [])],
  };
  const builtIn = stored[BUILTIN_CHECKLISTS_KEY] as unknown[] | undefined;
  const checklists = new Map<string, Checklist>();
  for (const data of [...(Array.isArray(builtIn) ? builtIn : []), ...(config?.checklists ?? [])]) {
    if (looksLike(data, 'chartguard-checklist/1', 'sections')) checklists.set((data as Checklist).id, data as Checklist);
  }
  const adapters = [...builtInAdapters()];
  for (const data of config?.adapters ?? []) {
    if (!looksLike(data, 'chartguard-adapter/1', 'pages') && !looksLike(data, 'chartguard-adapter/2', 'pages')) continue;
    const adapter = withAdapterDefaults(data);
    const existing = adapters.findIndex((candidate) => candidate.id === adapter.id);
    if (existing >= 0) adapters.splice(existing, 1);
    adapters.unshift(adapter);
  }
  return { checklists, adapters };
}
