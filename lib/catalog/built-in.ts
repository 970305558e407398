// The checklists and portal adapters built into the extension. They are
// validated through the SDK by the test suite (test/extension/catalog.test.ts),
// not at run time, where Zod would cost every portal page load (the figure is
// in docs/performance.md, "Content script: what it loads").
import type { Checklist } from '@chartguard/sdk/runtime';
import sncData from '../../checklists/snc.json';
import fusData from '../../checklists/fus.json';
import mvData from '../../checklists/mv.json';
import cxData from '../../checklists/cx.json';
import iaData from '../../checklists/ia.json';

export { builtInAdapterData, builtInAdapters } from './built-in-adapters';

export const builtInChecklistData: readonly unknown[] = [sncData, fusData, mvData, cxData, iaData];

let checklists: Map<string, Checklist> | undefined;

export function builtInChecklists(): Map<string, Checklist> {
  checklists ??= new Map(builtInChecklistData.map((data) => [(data as Checklist).id, data as Checklist]));
  return checklists;
}
