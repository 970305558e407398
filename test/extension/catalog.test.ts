// The built-in checklists and adapters ship unparsed (no Zod at page load),
// so here they must be exactly what the SDK's validation would produce.
import { parseAdapter, parseChecklist } from '@chartguard/sdk';
import { describe, expect, it } from 'vitest';
import { builtInAdapterData, builtInAdapters, builtInChecklistData, builtInChecklists } from '../../lib/catalog/built-in';

describe('the built-in catalog', () => {
  it.each(builtInChecklistData.map((data) => [(data as { id: string }).id, data]))('checklist %s is valid as shipped', (_id, data) => {
    expect(builtInChecklists().get((data as { id: string }).id)).toEqual(parseChecklist(data));
  });

  it.each(builtInAdapterData.map((data, index) => [(data as { id: string }).id, index]))(
    'adapter %s is valid, with the schema’s defaults',
    (_id, index) => {
      expect(builtInAdapters()[index as number]).toEqual(parseAdapter(builtInAdapterData[index as number]));
    },
  );
});
