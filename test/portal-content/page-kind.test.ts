// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
// The always-on script's page detection (page-kind.ts, over the compact
// adapters) gives the same answer as the full detection the feature scripts
// run (detect.ts): the same page, record id, record-or-not and list-or-not, on
// the committed MPB snapshots and on addresses around them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectPage, documentProbe } from '../../entrypoints/portal.content/detect';
import { findElement } from '../../entrypoints/portal.content/dom';
import { detectPageKind } from '../../entrypoints/portal.content/page-kind';
import { builtInAdapters } from '../../lib/catalog/built-in';
import { COMPACT_FORMAT, compactAdapter, readCompactAdapters, storedCompactAdapters } from '../../lib/catalog/compact';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/mpb');
const fixture = (name: string): Document =>
  new DOMParser().parseFromString(fs.readFileSync(path.join(FIXTURES, `${name}.html`), 'utf8'), 'text/html');
const adapters = builtInAdapters();
const compact = adapters.map(compactAdapter);
const PORTAL = 'http://127.0.0.1:41234';

describe('detectPageKind', () => {
  const urls = [
    '/mpb/sessions/s-2003',
    '/mpb/sessions/s-2003?tab=note#top',
    '/mpb/caseload',
    '/mpb/clients/c-1001',
    '/elsewhere',
    '/mpb/sessions/s-2003/print',
    '/legacy/encounter.php?eid=309',
    '/legacy/encounter.php',
    '/roster/schedule/2026-11-23/cw-01',
    '/',
  ];
  const pages = ['session', 'caseload', 'client', 'elsewhere'];
  it.each(urls.flatMap((url) => pages.map((page) => [url, page] as const)))(
    '%s showing the %s snapshot: as the full detection',
    (url, page) => {
      const document = fixture(page);
      const full = detectPage(adapters, `${PORTAL}${url}`, documentProbe(document));
      const lite = detectPageKind(compact, `${PORTAL}${url}`, false, document);
      expect(
        lite && {
          adapter: lite.adapter.id,
          kind: lite.page.kind,
          recordId: lite.recordId,
          record: lite.record,
          list: lite.page.list === true,
        },
      ).toEqual(
        full && {
          adapter: full.adapter.id,
          kind: full.page.kind,
          recordId: full.recordId,
          record:
            full.page.fields.length > 0 &&
            findElement(
              full.page.fields.flatMap((field) => field.selectors),
              document,
            ) !== null,
          list: full.page.list !== undefined,
        },
      );
    },
  );

  it('carries each page’s Save controls and shortcuts, and nothing of its field maps', () => {
    const legacy = compact.find((adapter) => adapter.id === 'legacy-demo')!.pages.find((page) => page.kind === 'encounter')!;
    expect(legacy.save).toContain('button#save-encounter');
    expect(legacy.shortcuts).toContain('Alt+S');
    expect(JSON.stringify(compact)).not.toMatch(/valueMap|"answers"|"cells"/);
    // The popup names the portal from the adapters in effect; the page carries no names.
    expect(JSON.stringify(compact)).not.toContain('Making People Better');
    expect(compact.every((adapter) => !('name' in adapter) && !('matches' in adapter))).toBe(true);
  });

  it('reads back what the background stores, and refuses anything else', () => {
    expect(readCompactAdapters(JSON.parse(JSON.stringify(storedCompactAdapters(adapters))))).toEqual(compact);
    const stamped = (list: unknown[], format = COMPACT_FORMAT) => ({ format, adapters: list });
    expect(
      readCompactAdapters(stamped([{ id: 'x', at: '^', pages: [{ kind: 'k', path: '^/', fields: 'no', save: [] }] }])),
    ).toBeUndefined();
    // The same adapters under another version of the form, or under none (the form before the stamp), are not read.
    expect(readCompactAdapters(stamped(compact, COMPACT_FORMAT + 1))).toBeUndefined();
    expect(readCompactAdapters(compact)).toBeUndefined();
    expect(
      readCompactAdapters([{ id: 'x', name: 'x', matches: ['*://*/*'], pages: [{ kind: 'k', path: '^/', fields: [], save: [] }] }]),
    ).toBeUndefined();
    expect(readCompactAdapters({})).toBeUndefined();
  });
});
