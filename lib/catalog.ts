// The checklists and portal adapters built into the extension, validated once
// through the SDK so a broken data file fails loudly at build/test time.
import { parseAdapter, parseChecklist, type Checklist, type PortalAdapter } from '@chartguard/sdk';
import sncData from '../checklists/snc.json';
import fusData from '../checklists/fus.json';
import mvData from '../checklists/mv.json';
import cxData from '../checklists/cx.json';
import iaData from '../checklists/ia.json';
import mpbDemoData from '../adapters/mpb-demo.json';
import rosterDemoData from '../adapters/roster-demo.json';
import casenotesDemoData from '../adapters/casenotes-demo.json';

let checklists: Map<string, Checklist> | undefined;
let adapters: PortalAdapter[] | undefined;

export function builtInChecklists(): Map<string, Checklist> {
  checklists ??= new Map([sncData, fusData, mvData, cxData, iaData].map((data) => {
    const checklist = parseChecklist(data);
    return [checklist.id, checklist];
  }));
  return checklists;
}

export function builtInAdapters(): PortalAdapter[] {
  adapters ??= [mpbDemoData, rosterDemoData, casenotesDemoData].map((data) => parseAdapter(data));
  return adapters;
}

export function checklistById(id: string): Checklist | undefined {
  return builtInChecklists().get(id);
}

export function adapterById(id: string): PortalAdapter | undefined {
  return builtInAdapters().find((adapter) => adapter.id === id);
}
