// The portal adapters built into the extension. Small, and needed at
// document_start to recognise a page, so the content script bundles them;
// checklists it reads from storage instead (see catalog-store.ts).
import type { PortalAdapter } from '@chartguard/sdk/runtime';
import mpbDemoData from '../adapters/mpb-demo.json';
import rosterDemoData from '../adapters/roster-demo.json';
import casenotesDemoData from '../adapters/casenotes-demo.json';

export const builtInAdapterData: readonly unknown[] = [mpbDemoData, rosterDemoData, casenotesDemoData];

/** The defaults the adapter schema fills in, applied without Zod (test/extension/catalog.test.ts proves they agree). */
export function withAdapterDefaults(data: unknown): PortalAdapter {
  const adapter = data as PortalAdapter;
  const defaults = { checklists: [], suggest: [], fields: [], save: [] };
  return { ...adapter, pages: adapter.pages.map((page) => ({ ...defaults, ...(page as Partial<PortalAdapter['pages'][number]>) }) as PortalAdapter['pages'][number]) };
}

let adapters: PortalAdapter[] | undefined;

export function builtInAdapters(): PortalAdapter[] {
  adapters ??= builtInAdapterData.map(withAdapterDefaults);
  return adapters;
}
