// What the portal builder builds, and how it becomes an adapter: the draft
// the user makes by clicking (pages named from their URL, the elements they
// picked, the value maps they confirmed) turned into a format-2 adapter that
// goes through exactly the schema and safety checks of a hand-written one.
// Pure: the builder page keeps the draft in storage, this only converts it.
import { ADAPTER_FORMAT_V2, type AdapterV2, type Condition, type ElementKind, type Widget } from '@chartguard/sdk';

/** A portal option label → the checklist value it stands for, as the user confirmed it. */
export type ChoiceMap = Record<string, string>;

export interface DraftField {
  name: string;
  selector: string;
  kind: ElementKind;
  widget?: Widget;
  attribute?: string;
  format?: string;
  note?: boolean;
  html?: boolean;
  /** Checklist answers read from the element (empty for the note). */
  answers: string[];
  /** What Apply writes, when not the answers themselves; `[]` for a read-only fact. */
  write?: string[];
  choices?: ChoiceMap;
  /** What the element showed when picked (for suggestion conditions); not part of the adapter. */
  sample?: string;
}

export interface DraftCell {
  name: string;
  selector: string;
  attribute?: string;
  note?: boolean;
  answers: string[];
  choices?: ChoiceMap;
}

export interface DraftList {
  rows: string;
  recordIdAttribute?: string;
  viewport?: string;
  cells: DraftCell[];
}

/** Which part of the page's URL holds the record id. */
export type IdPart = { from: 'path'; segment: number } | { from: 'query'; param: string };

/** A checklist offered when a condition on the page's answers holds (built from the checklist editor's condition menus). */
export interface DraftSuggestion {
  checklist: string;
  when: Condition;
}

/** A suggestion as drafts saved before conditions were built from menus kept it: one answer equal to one value. */
export interface EqualsSuggestion {
  checklist: string;
  field: string;
  value: string;
}

/** A suggestion's condition, whichever shape the stored draft has it in. */
export const suggestionCondition = (rule: DraftSuggestion | EqualsSuggestion): Condition =>
  'when' in rule ? rule.when : { field: rule.field, op: 'equals', value: rule.value };

export interface DraftPage {
  kind: string;
  /** The URL the page was set up on: its path and query make the page's pattern. */
  url: string;
  idPart?: IdPart;
  /** The iframe the page lives in, as a selector in its parent document. */
  frame?: string;
  present?: string[];
  checklists: string[];
  suggest: (DraftSuggestion | EqualsSuggestion)[];
  fields: DraftField[];
  save: string[];
  saved?: { selector: string; text?: string } | { url: string };
  shortcuts?: string[];
  formSubmit?: boolean;
  list?: DraftList;
}

export interface AdapterDraft {
  id: string;
  name: string;
  matches: string[];
  pages: DraftPage[];
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern for the id in one URL segment: its letter prefix kept (`RC-`), its digits any digits. */
export function idPattern(sample: string): string {
  const prefixed = /^([A-Za-z]*[-_]?)(\d+)$/.exec(sample);
  if (prefixed) return `${escapeRegex(prefixed[1]!)}\\d+`;
  return '[A-Za-z0-9_-]+';
}

/** `appointments` → `appointment`, for a page kind and an id group named after the collection. */
function singular(word: string): string {
  if (/ies$/.test(word)) return word.replace(/ies$/, 'y');
  if (/(?:ss|us)$/.test(word)) return word;
  return word.replace(/s$/, '');
}

function camel(text: string): string {
  const words = text
    .replace(/\.[a-z]+$/, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return words.map((word, index) => (index ? word[0]!.toUpperCase() + word.slice(1) : word.toLowerCase())).join('') || 'record';
}

export function urlSegments(url: string): string[] {
  return new URL(url).pathname.split('/').filter(Boolean);
}

export function queryParams(url: string): { name: string; value: string }[] {
  return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
}

/** The page's `path` (and `search`) patterns and its record id, from its sample URL and the part the user clicked. */
export function pagePattern(url: string, idPart?: IdPart): Pick<AdapterV2['pages'][number], 'path' | 'search' | 'recordId'> {
  const segments = urlSegments(url);
  const trailing = new URL(url).pathname.endsWith('/') && segments.length > 0;
  if (idPart?.from === 'path' && segments[idPart.segment] !== undefined) {
    const before = segments[idPart.segment - 1];
    const group = `${before ? camel(singular(before)) : 'record'}Id`;
    const parts = segments.map((segment, index) =>
      index === idPart.segment ? `(?<${group}>${idPattern(segment)})` : escapeRegex(segment),
    );
    return { path: `^/${parts.join('/')}$`, recordId: { from: 'path', group } };
  }
  const path = segments.length ? `^/${segments.map(escapeRegex).join('/')}${trailing ? '/' : '/?'}$` : '^/?$';
  if (idPart?.from === 'query') {
    const sample = new URL(url).searchParams.get(idPart.param) ?? '';
    const valuePattern = /^\d+$/.test(sample) ? '[0-9]+' : '[^&]+';
    return { path, search: `[?&]${escapeRegex(idPart.param)}=${valuePattern}`, recordId: { from: 'query', param: idPart.param } };
  }
  return { path };
}

/** A page kind suggested by the URL: the collection the record belongs to, or the last part of the path. */
export function suggestPageKind(url: string, idPart?: IdPart): string {
  const segments = urlSegments(url);
  const named = idPart?.from === 'path' ? segments[idPart.segment - 1] : segments[segments.length - 1];
  const base = (named ?? 'page').replace(/\.[a-z]+$/, '');
  const kind = (idPart ? singular(base) : base)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(kind) ? kind : `page-${kind || 'home'}`;
}

/** The portal's origin as a match pattern, e.g. `https://portal.example.org/*`. */
export function originPattern(url: string): string {
  const { protocol, hostname } = new URL(url);
  return `${protocol}//${hostname}/*`;
}

/** An adapter id from its name: lower case words joined by hyphens. */
export function adapterIdFrom(name: string): string {
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(id) ? id : `portal-${id || 'draft'}`;
}

/** checklist value → portal label(s), from the user's portal label → checklist value choices. */
export function valueMapOf(choices: ChoiceMap): Record<string, string | string[]> {
  const map: Record<string, string[]> = {};
  for (const [label, value] of Object.entries(choices)) if (value) (map[value] ??= []).push(label);
  return Object.fromEntries(Object.entries(map).map(([value, labels]) => [value, labels.length === 1 ? labels[0]! : labels]));
}

const mapKey = (map: Record<string, string | string[]>) => JSON.stringify(Object.entries(map).sort(([a], [b]) => a.localeCompare(b)));

/**
 * The draft as a format-2 adapter. Value maps used by more than one element
 * or list cell are named once in `values` (after the first answer they carry)
 * and shared, as a hand-written adapter would.
 */
export function draftToAdapter(draft: AdapterDraft): AdapterV2 {
  const usage = new Map<string, { map: Record<string, string | string[]>; uses: number; name: string }>();
  const everyChoice = draft.pages
    .flatMap((page) => [...page.fields, ...(page.list?.cells ?? [])])
    .filter((item) => item.choices && Object.keys(item.choices).length);
  for (const item of everyChoice) {
    const map = valueMapOf(item.choices!);
    const key = mapKey(map);
    const found = usage.get(key);
    if (found) found.uses++;
    else usage.set(key, { map, uses: 1, name: (item.answers[0] ?? 'values').replace(/[^A-Za-z0-9-]/g, '-') });
  }
  const shared: Record<string, Record<string, string | string[]>> = {};
  for (const entry of usage.values()) {
    if (entry.uses < 2) continue;
    let name = entry.name;
    for (let n = 2; name in shared; n++) name = `${entry.name}-${n}`;
    entry.name = name;
    shared[name] = entry.map;
  }
  const valuesOf = (choices: ChoiceMap | undefined) => {
    if (!choices || !Object.keys(choices).length) return undefined;
    const map = valueMapOf(choices);
    const entry = usage.get(mapKey(map));
    return entry && entry.uses >= 2 ? entry.name : map;
  };
  const pages = draft.pages.map((page) => {
    const fields = page.fields.map((field) => {
      const values = valuesOf(field.choices);
      return {
        name: field.name,
        selector: field.selector,
        kind: field.kind,
        ...(field.widget ? { widget: field.widget } : {}),
        ...(field.attribute ? { attribute: field.attribute } : {}),
        ...(field.format ? { format: field.format } : {}),
        ...(field.note ? { note: true } : {}),
        ...(field.html ? { html: true } : {}),
        ...(field.answers.length ? { answers: field.answers } : {}),
        ...(field.write &&
        !(field.write.length === field.answers.length && field.write.every((answer, index) => answer === field.answers[index]))
          ? { write: field.write }
          : {}),
        ...(values ? { values } : {}),
      };
    });
    const list = page.list
      ? {
          rows: page.list.rows,
          ...(page.list.recordIdAttribute ? { recordIdAttribute: page.list.recordIdAttribute } : {}),
          cells: page.list.cells.map((cell) => {
            const values = valuesOf(cell.choices);
            return {
              name: cell.name,
              selector: cell.selector,
              ...(cell.attribute ? { attribute: cell.attribute } : {}),
              ...(cell.note ? { note: true } : {}),
              ...(cell.answers.length ? { answers: cell.answers } : {}),
              ...(values ? { values } : {}),
            };
          }),
          ...(page.checklists.length ? { checklists: page.checklists } : {}),
          ...(page.list.viewport ? { viewport: page.list.viewport } : {}),
        }
      : undefined;
    return {
      kind: page.kind,
      ...pagePattern(page.url, page.idPart),
      ...(page.frame ? { frame: page.frame } : {}),
      ...(page.present?.length ? { present: page.present } : {}),
      ...(list ? {} : { checklists: page.checklists }),
      ...(page.suggest.length
        ? {
            suggest: page.suggest.map((rule) => ({ checklist: rule.checklist, when: suggestionCondition(rule) })),
          }
        : {}),
      ...(fields.length ? { fields } : {}),
      ...(page.save.length ? { save: page.save } : {}),
      ...(page.shortcuts?.length ? { shortcuts: page.shortcuts } : {}),
      ...(page.formSubmit ? { formSubmit: true } : {}),
      ...(page.saved ? { saved: page.saved } : {}),
      ...(list ? { list } : {}),
    };
  });
  return {
    format: ADAPTER_FORMAT_V2,
    id: draft.id,
    name: draft.name,
    matches: draft.matches,
    ...(Object.keys(shared).length ? { values: shared } : {}),
    pages,
  } as AdapterV2;
}

export function emptyDraft(url: string): AdapterDraft {
  const host = new URL(url).hostname;
  return { id: adapterIdFrom(host), name: host, matches: [originPattern(url)], pages: [] };
}
