// The one way the active configuration is put together, whether its items are
// validated here with Zod (config.ts) or were validated before they were
// stored and are only read (runtime.ts): later layers win by id, and an item
// its reader refuses is skipped whole, never half-loaded.
import type { Checklist, PortalAdapter } from '@chartguard/sdk/runtime';

/** Items from one source: the user's imports, then the organisation's policy, so the organisation wins. */
export interface CatalogLayer {
  source: 'imported' | 'managed';
  checklists: readonly unknown[];
  adapters: readonly unknown[];
}

/** Turns stored data into an item, or throws to have it skipped. */
export interface CatalogReaders {
  checklist(data: unknown, source: CatalogLayer['source']): Checklist;
  adapter(data: unknown, source: CatalogLayer['source']): PortalAdapter;
}

export interface MergedCatalog {
  checklists: Map<string, Checklist>;
  adapters: PortalAdapter[];
  ids: Record<CatalogLayer['source'], { checklists: Set<string>; adapters: Set<string> }>;
  /** Items a reader refused, with why. */
  skipped: string[];
}

export function mergeCatalog(
  base: { checklists: Iterable<[string, Checklist]>; adapters: readonly PortalAdapter[] },
  layers: readonly CatalogLayer[],
  read: CatalogReaders,
): MergedCatalog {
  const checklists = new Map(base.checklists);
  const adapters = [...base.adapters];
  const ids: MergedCatalog['ids'] = {
    imported: { checklists: new Set(), adapters: new Set() },
    managed: { checklists: new Set(), adapters: new Set() },
  };
  const skipped: string[] = [];
  const where = (source: CatalogLayer['source'], kind: string, index: number) =>
    source === 'managed' ? `managed ${kind}` : `${kind} #${index + 1}`;
  const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));
  for (const layer of layers) {
    layer.checklists.forEach((data, index) => {
      try {
        const checklist = read.checklist(data, layer.source);
        checklists.set(checklist.id, checklist);
        ids[layer.source].checklists.add(checklist.id);
      } catch (error) {
        skipped.push(`${where(layer.source, 'checklist', index)}: ${reason(error)}`);
      }
    });
    layer.adapters.forEach((data, index) => {
      try {
        const adapter = read.adapter(data, layer.source);
        const existing = adapters.findIndex((candidate) => candidate.id === adapter.id);
        if (existing >= 0) adapters.splice(existing, 1);
        // Tried first, so an organisation can refine a built-in adapter.
        adapters.unshift(adapter);
        ids[layer.source].adapters.add(adapter.id);
      } catch (error) {
        skipped.push(`${where(layer.source, 'adapter', index)}: ${reason(error)}`);
      }
    });
  }
  return { checklists, adapters, ids, skipped };
}
