// The format-2 half of docs/integrate-a-portal.md must not rot: its complete
// Hollybrook adapter is the built-in adapters/legacy.json, every smaller
// snippet is part of it, the widget table names every element kind and
// widget the SDK knows with a fragment the SDK accepts, and its upgraded
// Riverside Clinic adapter is what the SDK's upgrade makes of section 9's;
// and every link within the guide reaches one of its headings.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ELEMENT_KINDS, WIDGETS, parseAdapter, parseAdapterV2 } from '@chartguard/sdk';
import { describe, expect, it } from 'vitest';
import { formatTwoSnippets, guideAdapterData, guideText, hollybrookAdapterData, upgradedAdapterData } from './guide';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const legacy = JSON.parse(fs.readFileSync(path.join(ROOT, 'adapters', 'legacy.json'), 'utf8')) as { values: object; pages: Page[] };
type Page = { kind: string; fields?: object[]; list?: { cells: object[] } };
/** What runs, without where an editor finds the schema (the guide's copy points into node_modules). */
const running = (data: unknown) => ({ ...parseAdapter(data), $schema: undefined });

/** Snippets are whole JSON values or the inside of an object. */
const snippetValue = (text: string): Record<string, unknown> => {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return JSON.parse(`{${text}}`) as Record<string, unknown>;
  }
};

const partOf = (whole: object, part: object): boolean => {
  try {
    expect(whole).toMatchObject(part);
    return true;
  } catch {
    return false;
  }
};

describe('the guide’s Hollybrook walkthrough', () => {
  it('its complete adapter is the built-in adapters/legacy.json, as the SDK reads both', () => {
    expect(running(hollybrookAdapterData())).toEqual(running(legacy));
    expect((hollybrookAdapterData() as { $schema: string }).$schema).toBe('./node_modules/@chartguard/sdk/schema/adapter.schema.json');
  });

  it('every smaller snippet is part of it: an element, a cell, a page, a list or the shared values', () => {
    const snippets = formatTwoSnippets().map(snippetValue);
    expect(snippets.length).toBeGreaterThanOrEqual(10);
    const elements = legacy.pages.flatMap((page) => [...(page.fields ?? []), ...(page.list?.cells ?? [])]);
    for (const snippet of snippets) {
      const label = JSON.stringify(snippet);
      if ('selector' in snippet)
        expect(
          elements.some((element) => JSON.stringify(element) === JSON.stringify(snippet)),
          label,
        ).toBe(true);
      else if ('kind' in snippet)
        expect(
          legacy.pages.find((page) => page.kind === snippet.kind),
          label,
        ).toMatchObject(snippet);
      else if ('values' in snippet) expect(legacy, label).toMatchObject(snippet);
      else
        expect(
          legacy.pages.some((page) => partOf(page, snippet)),
          label,
        ).toBe(true);
    }
  });
});

describe('the guide’s table of widget kinds', () => {
  const section = guideText().split('## 18. Widget kinds: what to write')[1]!.split('\n## ')[0]!;
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const cells = line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim());
      const code = (cell: string) => /^`([^`]+)`$/.exec(cell)?.[1];
      return { kind: code(cells[0]!), widget: code(cells[1]!), fragment: code(cells[3]!) };
    });

  it('has a row for every element kind and for every widget each kind can be run by', () => {
    expect(rows.length).toBeGreaterThan(0);
    for (const kind of ELEMENT_KINDS)
      expect(
        rows.some((row) => row.kind === kind),
        kind,
      ).toBe(true);
    for (const [kind, widgets] of Object.entries(WIDGETS)) {
      for (const widget of widgets)
        expect(
          rows.some((row) => row.kind === kind && row.widget === widget),
          `${kind} + ${widget}`,
        ).toBe(true);
    }
    // And nothing the SDK does not know.
    for (const row of rows) {
      expect(ELEMENT_KINDS as readonly string[], String(row.kind)).toContain(row.kind);
      if (row.widget)
        expect((WIDGETS as Record<string, readonly string[]>)[row.kind!], `${row.kind} + ${row.widget}`).toContain(row.widget);
    }
  });

  it.each(rows.map((row) => [`${row.kind} ${row.widget ?? ''}`.trim(), row] as const))(
    '%s: its fragment is a field of a valid adapter, of that kind and widget',
    (_, row) => {
      const field = JSON.parse(row.fragment!) as { kind: string; widget?: string };
      expect(field.kind).toBe(row.kind);
      expect(field.widget).toBe(row.widget);
      const adapter = parseAdapter({
        format: 'chartguard-adapter/2',
        id: 'table-row',
        name: 'Table row',
        matches: ['https://portal.example.org/*'],
        values: legacy.values,
        pages: [{ kind: 'record', path: '^/record$', fields: [field] }],
      });
      expect(adapter.pages[0]!.fields.length).toBeGreaterThan(0);
      for (const compiled of adapter.pages[0]!.fields)
        expect(compiled).toMatchObject({ kind: row.kind, ...(row.widget ? { widget: row.widget } : {}) });
    },
  );
});

describe('the guide’s upgraded Riverside Clinic adapter', () => {
  it('is what parseAdapterV2 makes of the format-1 adapter of section 9, and runs the same', () => {
    expect(upgradedAdapterData()).toEqual(parseAdapterV2(guideAdapterData()));
    expect({ ...parseAdapter(upgradedAdapterData()), format: undefined }).toEqual({
      ...parseAdapter(guideAdapterData()),
      format: undefined,
      upgradedFrom: undefined,
    });
  });
});

describe('the guide’s links within itself', () => {
  it('each names a heading of the guide', () => {
    const text = guideText();
    // GitHub's anchors: lower case, punctuation dropped, spaces to hyphens.
    const slug = (heading: string) =>
      heading
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s-]/gu, '')
        .replace(/\s/g, '-');
    const anchors = new Set([...text.matchAll(/^#{2,4} (.+)$/gm)].map((m) => slug(m[1]!)));
    const links = [...text.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(20);
    for (const link of links) expect(anchors.has(link), link).toBe(true);
  });
});
