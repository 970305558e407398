// The one merge routine of the active configuration (lib/catalog/merge.ts): the
// options page (with Zod) and the content script (without) both rely on its order.
import type { Checklist, PortalAdapter } from '@chartguard/sdk/runtime';
import { describe, expect, it } from 'vitest';
import { mergeCatalog } from '../../lib/catalog/merge';

const checklist = (id: string, title: string) => ({ id, title: { en: title } }) as unknown as Checklist;
const adapter = (id: string, name: string) => ({ id, name }) as unknown as PortalAdapter;
const read = {
  checklist: (data: unknown) => {
    if (!(data as { id?: unknown }).id) throw new Error('no id');
    return data as Checklist;
  },
  adapter: (data: unknown) => {
    if (!(data as { id?: unknown }).id) throw new Error('no id');
    return data as PortalAdapter;
  },
};

describe('the active configuration', () => {
  it('lets the organisation win over the user, and the user over what is built in', () => {
    const merged = mergeCatalog(
      { checklists: [['snc', checklist('snc', 'built in')]], adapters: [adapter('mpb', 'built in'), adapter('roster', 'built in')] },
      [
        { source: 'imported', checklists: [checklist('snc', 'imported')], adapters: [adapter('mpb', 'imported')] },
        { source: 'managed', checklists: [checklist('snc', 'managed')], adapters: [adapter('own', 'managed')] },
      ],
      read,
    );
    expect(merged.checklists.get('snc')?.title).toEqual({ en: 'managed' });
    // Imported and managed adapters are tried first, the latest first.
    expect(merged.adapters.map((item) => `${item.id}:${(item as unknown as { name: string }).name}`)).toEqual([
      'own:managed',
      'mpb:imported',
      'roster:built in',
    ]);
    expect([...merged.ids.imported.adapters]).toEqual(['mpb']);
    expect([...merged.ids.managed.checklists]).toEqual(['snc']);
  });

  it('skips an item its reader refuses, whole, and says which', () => {
    const merged = mergeCatalog(
      { checklists: [], adapters: [] },
      [
        { source: 'imported', checklists: [checklist('ok', 'fine'), {}], adapters: [{}] },
        { source: 'managed', checklists: [{}], adapters: [] },
      ],
      read,
    );
    expect([...merged.checklists.keys()]).toEqual(['ok']);
    expect(merged.skipped).toEqual(['checklist #2: no id', 'adapter #1: no id', 'managed checklist: no id']);
  });
});
