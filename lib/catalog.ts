// The checklists and portal adapters built into the extension, validated once
// through the SDK so a broken data file fails loudly at build/test time.
import { parseAdapter, parseChecklist, type Checklist, type PortalAdapter } from '@chartguard/sdk';
import sncData from '../checklists/snc.json';
import mpbDemoData from '../adapters/mpb-demo.json';

let checklists: Map<string, Checklist> | undefined;
let adapters: PortalAdapter[] | undefined;

export function builtInChecklists(): Map<string, Checklist> {
  checklists ??= new Map([sncData].map((data) => {
    const checklist = parseChecklist(data);
    return [checklist.id, checklist];
  }));
  return checklists;
}

export function builtInAdapters(): PortalAdapter[] {
  adapters ??= [parseAdapter(mpbDemoData)];
  return adapters;
}

export function checklistById(id: string): Checklist | undefined {
  return builtInChecklists().get(id);
}

export function adapterById(id: string): PortalAdapter | undefined {
  return builtInAdapters().find((adapter) => adapter.id === id);
}
