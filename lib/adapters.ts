// The portal adapters built into the extension. Small, and needed at
// document_start to recognise a page, so the content script bundles them;
// checklists it reads from storage instead (see catalog-store.ts).
import { readAdapterData, type PortalAdapter } from '@chartguard/sdk/runtime';
import mpbDemoData from '../adapters/mpb-demo.json';
import rosterDemoData from '../adapters/roster-demo.json';
import casenotesDemoData from '../adapters/casenotes-demo.json';
import spaDemoData from '../adapters/spa.json';

export const builtInAdapterData: readonly unknown[] = [mpbDemoData, rosterDemoData, casenotesDemoData, spaDemoData];

/**
 * A validated adapter of either format as it runs: the schema's defaults and
 * the format-1 upgrade applied without Zod (test/extension/catalog.test.ts
 * proves they agree with parseAdapter).
 */
export function withAdapterDefaults(data: unknown): PortalAdapter {
  return readAdapterData(data);
}

let adapters: PortalAdapter[] | undefined;

export function builtInAdapters(): PortalAdapter[] {
  adapters ??= builtInAdapterData.map(withAdapterDefaults);
  return adapters;
}
