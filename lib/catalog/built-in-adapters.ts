// The portal adapters built into the extension. Small, and needed at
// document_start to recognise a page, so the content script bundles them;
// checklists it reads from storage instead (see runtime.ts).
import { readAdapterData, type PortalAdapter } from '@chartguard/sdk/runtime';
import mpbDemoData from '../../adapters/mpb-demo.json';
import rosterDemoData from '../../adapters/roster-demo.json';
import casenotesDemoData from '../../adapters/casenotes-demo.json';
import legacyDemoData from '../../adapters/legacy.json';
import spaDemoData from '../../adapters/spa.json';

export const builtInAdapterData: readonly unknown[] = [mpbDemoData, rosterDemoData, casenotesDemoData, legacyDemoData, spaDemoData];

let adapters: PortalAdapter[] | undefined;

export function builtInAdapters(): PortalAdapter[] {
  adapters ??= builtInAdapterData.map(readAdapterData);
  return adapters;
}
