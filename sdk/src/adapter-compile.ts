// Adapters are written in format 2 (one entry per portal element) and run as
// a flat list of one field per answer; format-1 adapters are upgraded to
// format 2 first, so there is one path from any adapter to what runs. Without
// Zod: the content script reads adapters validated elsewhere.
import type { AdapterCell, AdapterElement, AdapterPage, AdapterV1, AdapterV2, PortalAdapter, PortalField, ValueMap } from './adapter.js';

const V1 = 'chartguard-adapter/1';
const V2 = 'chartguard-adapter/2';

type V1Field = AdapterV1['pages'][number]['fields'][number];
type V1Cell = NonNullable<AdapterV1['pages'][number]['list']>['cells'][number];
type V2Page = AdapterV2['pages'][number];
type V2Cell = NonNullable<V2Page['list']>['cells'][number];

const defined = <T extends object>(object: T): T => {
  for (const key of Object.keys(object) as (keyof T)[]) if (object[key] === undefined) delete object[key];
  return object;
};

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, index) => item === b[index]);

/**
 * Format 1 → format 2. Entries for the same portal element (same name,
 * selectors, kind, attribute, role and value map) become one element carrying
 * every answer they read and every answer they write; value maps used more
 * than once are named once in `values`.
 */
export function upgradeAdapter(v1: AdapterV1): AdapterV2 {
  const maps: { name: string; map: Record<string, string>; uses: number }[] = [];
  const countMap = (map: Record<string, string> | undefined, answer: string | undefined) => {
    if (!map) return;
    const json = JSON.stringify(map);
    const known = maps.find((entry) => JSON.stringify(entry.map) === json);
    if (known) known.uses += 1;
    else maps.push({ name: answer ?? `values${maps.length + 1}`, map, uses: 1 });
  };
  const pagesGrouped = v1.pages.map((page) => ({
    page,
    fields: groupBy(page.fields ?? [], (field) => [
      field.name,
      field.selectors,
      field.kind,
      field.attribute ?? null,
      field.role,
      field.valueMap ?? null,
    ]),
    cells: page.list
      ? groupBy(page.list.cells, (cell) => [cell.name, cell.selector, cell.attribute ?? null, cell.role, cell.valueMap ?? null])
      : [],
  }));
  for (const { fields, cells } of pagesGrouped) {
    for (const group of fields) countMap(group[0]!.valueMap, group.find((field) => field.answer)?.answer);
    for (const group of cells) countMap(group[0]!.valueMap, group.find((cell) => cell.answer)?.answer);
  }
  // Names stay unique: a second map first used by the same answer gets a suffix.
  const shared = maps.filter((entry) => entry.uses > 1);
  shared.forEach((entry, index) => {
    if (shared.findIndex((other) => other.name === entry.name) !== index) entry.name = `${entry.name}-${index + 1}`;
  });
  const valuesFor = (map: Record<string, string> | undefined): AdapterElement['values'] => {
    if (!map) return undefined;
    const json = JSON.stringify(map);
    return shared.find((entry) => JSON.stringify(entry.map) === json)?.name ?? map;
  };

  const pages = pagesGrouped.map(({ page, fields, cells }) => {
    const { fields: _fields, list, ...rest } = page;
    const upgraded: V2Page = { ...rest, fields: fields.map((group) => upgradeField(group, valuesFor)) };
    if (list) {
      const { cells: _cells, ...listRest } = list;
      upgraded.list = { ...listRest, cells: cells.map((group) => upgradeCell(group, valuesFor)) };
    }
    return defined(upgraded);
  });
  const values = shared.length ? Object.fromEntries(shared.map((entry) => [entry.name, entry.map])) : undefined;
  return defined({
    $schema: v1.$schema,
    format: V2,
    id: v1.id,
    name: v1.name,
    matches: v1.matches,
    signedInUser: v1.signedInUser,
    values,
    pages,
  }) as AdapterV2;
}

function groupBy<T>(items: readonly T[], key: (item: T) => unknown[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const id = JSON.stringify(key(item));
    const group = groups.get(id);
    if (group) group.push(item);
    else groups.set(id, [item]);
  }
  return [...groups.values()];
}

function upgradeField(group: V1Field[], valuesFor: (map: Record<string, string> | undefined) => AdapterElement['values']): AdapterElement {
  const first = group[0]!;
  const element: AdapterElement = {
    name: first.name,
    selector: first.selectors.length === 1 ? first.selectors[0]! : first.selectors,
    kind: first.kind,
    attribute: first.attribute,
  };
  if (first.role === 'note') {
    element.note = true;
    if (first.direction === 'read') element.write = [];
    return defined(element);
  }
  const answers = group.filter((field) => field.direction !== 'write').map((field) => field.answer!);
  const write = group.filter((field) => field.direction !== 'read').map((field) => field.writeFrom ?? field.answer!);
  element.answers = answers;
  if (!sameList(write, defaultWrite(first.kind, answers))) element.write = write;
  element.values = valuesFor(first.valueMap);
  return defined(element);
}

function upgradeCell(group: V1Cell[], valuesFor: (map: Record<string, string> | undefined) => AdapterElement['values']): V2Cell {
  const first = group[0]!;
  const cell: V2Cell = { name: first.name, selector: first.selector, attribute: first.attribute };
  if (first.role === 'note') cell.note = true;
  else {
    cell.answers = group.flatMap((member) => (member.answer ? [member.answer] : []));
    cell.values = valuesFor(first.valueMap);
  }
  return defined(cell);
}

/** Apply writes what an element reads unless the portal only shows it. */
function defaultWrite(kind: string, answers: readonly string[]): readonly string[] {
  return kind === 'static' ? [] : answers;
}

/** A map of labels per value → the label written (the first) and the other labels read back as the value. */
function splitValueMap(map: ValueMap | undefined): { valueMap?: Record<string, string>; aliases?: Record<string, string> } {
  if (!map) return {};
  const valueMap: Record<string, string> = {};
  const aliases: Record<string, string> = {};
  for (const [value, labels] of Object.entries(map)) {
    const list = typeof labels === 'string' ? [labels] : labels;
    valueMap[value] = list[0]!;
    for (const label of list.slice(1)) aliases[label] = value;
  }
  return Object.keys(aliases).length ? { valueMap, aliases } : { valueMap };
}

/** Format 2 → the fields the content script runs: one per answer, read and written pairwise as format 1 did. */
export function compileAdapter(v2: AdapterV2, upgradedFrom?: typeof V1): PortalAdapter {
  const shared = v2.values ?? {};
  const resolve = (values: AdapterElement['values']): ValueMap | undefined => (typeof values === 'string' ? shared[values] : values);
  const pages = v2.pages.map((page): AdapterPage => {
    const { fields = [], list, lists, saved, checklists = [], suggest = [], save = [], ...rest } = page;
    const compiled: AdapterPage = {
      ...rest,
      checklists,
      suggest: suggest as AdapterPage['suggest'],
      save,
      fields: fields.flatMap((element) => compileElement(element, resolve(element.values))),
    };
    if (saved && 'url' in saved) compiled.savedUrl = saved.url;
    else if (saved) compiled.saved = saved;
    const compileList = ({ cells, ...listRest }: NonNullable<V2Page['list']>) => ({
      ...listRest,
      cells: cells.flatMap((cell) => compileCell(cell, resolve(cell.values))),
    });
    if (lists) {
      // Several lists: `list` stays the first, for what reads one list per page.
      compiled.lists = lists.map(compileList);
      compiled.list = compiled.lists[0];
    } else if (list) compiled.list = compileList(list);
    return defined(compiled);
  });
  const adapter: PortalAdapter = {
    $schema: v2.$schema,
    format: upgradedFrom ?? V2,
    id: v2.id,
    name: v2.name,
    matches: v2.matches,
    signedInUser: v2.signedInUser,
    pages,
    upgradedFrom,
  };
  return defined(adapter);
}

function compileElement(element: AdapterElement, map: ValueMap | undefined): PortalField[] {
  const selectors = typeof element.selector === 'string' ? [element.selector] : element.selector;
  const base = defined({
    name: element.name,
    selectors,
    kind: element.kind,
    attribute: element.attribute,
    widget: element.widget,
    format: element.format,
    html: element.html,
    ...splitValueMap(map),
  });
  if (element.note) return [{ ...base, role: 'note', direction: element.write && element.write.length === 0 ? 'read' : 'both' }];
  const answers = element.answers ?? [];
  const write = element.write ?? defaultWrite(element.kind, answers);
  const fields: PortalField[] = [];
  for (let index = 0; index < Math.max(answers.length, write.length); index++) {
    const read = answers[index];
    const written = write[index];
    if (read !== undefined && written !== undefined)
      fields.push(
        defined({
          ...base,
          role: 'answer' as const,
          answer: read,
          writeFrom: written !== read ? written : undefined,
          direction: 'both' as const,
        }),
      );
    else if (read !== undefined) fields.push({ ...base, role: 'answer', answer: read, direction: 'read' });
    else fields.push({ ...base, role: 'answer', answer: written!, direction: 'write' });
  }
  return fields;
}

function compileCell(cell: V2Cell, map: ValueMap | undefined): AdapterCell[] {
  const base = defined({
    name: cell.name,
    selector: typeof cell.selector === 'string' ? cell.selector : cell.selector.join(', '),
    attribute: cell.attribute,
    format: cell.format,
    html: cell.html,
    ...splitValueMap(map),
  });
  if (cell.note) return [{ ...base, role: 'note' }];
  const answers = cell.answers ?? [];
  if (answers.length === 0) return [{ ...base, role: 'answer' }];
  return answers.map((answer) => ({ ...base, role: 'answer', answer }));
}

/**
 * Adapter data that was validated when it was built or imported, as it runs:
 * format 2 compiled, format 1 given the schema's defaults and upgraded first.
 */
export function readAdapterData(data: unknown): PortalAdapter {
  const raw = data as { format?: unknown };
  if (raw.format === V2) return compileAdapter(data as AdapterV2);
  const v1 = data as AdapterV1;
  const defaults = { checklists: [], suggest: [], fields: [], save: [] };
  const pages = v1.pages.map((page) => ({ ...defaults, ...(page as Partial<typeof page>) }) as typeof page);
  return compileAdapter(upgradeAdapter({ ...v1, pages }), V1);
}
