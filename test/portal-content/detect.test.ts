// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
// Page detection and the adapter's selectors, table-tested against the
// committed MPB page snapshots (test/demo/fixtures.test.ts keeps those in
// step with what the demo portal serves).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { adapterForUrl, detectPage, documentProbe, type DomProbe } from '../../entrypoints/portal.content/detect';
import { findElement } from '../../entrypoints/portal.content/features/bridge-client/portal-fields';
import { builtInAdapters } from '../../lib/catalog/built-in';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/mpb');
type Fixture = 'session' | 'caseload' | 'client' | 'elsewhere';
/** DOMParser runs no scripts and loads nothing: the page exactly as served. */
const fixture = (name: Fixture): Document =>
  new DOMParser().parseFromString(fs.readFileSync(path.join(FIXTURES, `${name}.html`), 'utf8'), 'text/html');

const adapters = builtInAdapters();
const mpb = adapters.find((adapter) => adapter.id === 'mpb-demo')!;
const PORTAL = 'http://127.0.0.1:41234';

describe('detectPage', () => {
  it.each<[string, string, Fixture, { kind: string; recordId?: string } | undefined]>([
    ['a session page', `${PORTAL}/mpb/sessions/s-2003`, 'session', { kind: 'session', recordId: 's-2003' }],
    ['a session page on localhost', 'http://localhost:8080/mpb/sessions/s-2003', 'session', { kind: 'session', recordId: 's-2003' }],
    [
      'a session page with a query and hash',
      `${PORTAL}/mpb/sessions/s-2003?tab=note#top`,
      'session',
      { kind: 'session', recordId: 's-2003' },
    ],
    ['the caseload', `${PORTAL}/mpb/caseload`, 'caseload', { kind: 'caseload', recordId: undefined }],
    ['a client record', `${PORTAL}/mpb/clients/c-1001`, 'client', undefined],
    ['an unrelated page on the same host', `${PORTAL}/elsewhere`, 'elsewhere', undefined],
    ['a session URL whose page lacks the session form', `${PORTAL}/mpb/sessions/s-2003`, 'elsewhere', undefined],
    ['a session URL showing the caseload markup', `${PORTAL}/mpb/sessions/s-2003`, 'caseload', undefined],
    ['the caseload URL showing a session', `${PORTAL}/mpb/caseload`, 'session', undefined],
    ['a longer path under a session', `${PORTAL}/mpb/sessions/s-2003/print`, 'session', undefined],
    ['a session id the path pattern refuses', `${PORTAL}/mpb/sessions/s-2003%2F..`, 'session', undefined],
    ['another origin with the same path and markup', 'https://example.org/mpb/sessions/s-2003', 'session', undefined],
    ['the portal path over https', 'https://127.0.0.1/mpb/sessions/s-2003', 'session', undefined],
  ])('%s', (_, url, page, expected) => {
    const match = detectPage(adapters, url, documentProbe(fixture(page)));
    if (!expected) {
      expect(match).toBeUndefined();
      return;
    }
    expect(match?.adapter.id).toBe('mpb-demo');
    expect(match?.page.kind).toBe(expected.kind);
    expect(match?.recordId).toBe(expected.recordId);
  });

  it('takes the record id from the URL, not from the markup', () => {
    expect(detectPage(adapters, `${PORTAL}/mpb/sessions/s-9999`, documentProbe(fixture('session')))?.recordId).toBe('s-9999');
  });

  it('treats a probe that throws (a selector the browser rejects) as "not present" rather than failing', () => {
    const throwing: DomProbe = {
      has() {
        throw new SyntaxError('bad selector');
      },
      attribute: () => null,
    };
    expect(detectPage(adapters, `${PORTAL}/mpb/sessions/s-2003`, throwing)).toBeUndefined();
  });

  it('adapterForUrl matches only the origins the adapter lists', () => {
    expect(adapterForUrl(adapters, `${PORTAL}/anything`)?.id).toBe('mpb-demo');
    expect(adapterForUrl(adapters, 'http://localhost/mpb/caseload')?.id).toBe('mpb-demo');
    expect(adapterForUrl(adapters, 'http://127.0.0.2/mpb/caseload')).toBeUndefined();
    expect(adapterForUrl(adapters, 'https://localhost.example.com/mpb/caseload')).toBeUndefined();
  });

  it('documentProbe answers presence and attributes from the given root', () => {
    const probe = documentProbe(fixture('session'));
    expect(probe.has('form#session-form')).toBe(true);
    expect(probe.has('table#caseload')).toBe(false);
    expect(probe.attribute('#session-start', 'data-iso')).toBe('2026-11-23T14:00');
    expect(probe.attribute('#nowhere', 'data-iso')).toBeNull();
  });
});

describe('MPB adapter selectors against the page snapshots', () => {
  const pageFixture: Record<string, Fixture> = { session: 'session', caseload: 'caseload' };

  it('has a snapshot for every page kind', () => {
    expect(mpb.pages.map((page) => page.kind).sort()).toEqual(Object.keys(pageFixture).sort());
  });

  const fields = mpb.pages.flatMap((page) => page.fields.map((field) => [page.kind, field.name, field] as const));
  it.each(fields)(
    '%s page: “%s” — the first selector that matches finds exactly one element, and the fallbacks agree',
    (kind, _name, field) => {
      const doc = fixture(pageFixture[kind]!);
      const first = field.selectors.find((selector) => doc.querySelectorAll(selector).length > 0);
      expect(first, `none of ${field.selectors.join(' | ')} matches`).toBeDefined();
      const hits = doc.querySelectorAll(first!);
      expect(hits).toHaveLength(1);
      expect(findElement(field.selectors, doc)).toBe(hits[0]);
      for (const fallback of field.selectors) {
        const found = [...doc.querySelectorAll(fallback)];
        if (found.length) expect(found, `${fallback} points elsewhere`).toEqual([hits[0]]);
      }
    },
  );

  it.each(mpb.pages.map((page) => [page.kind, page] as const))(
    '%s page: every Save selector and presence check matches exactly one element',
    (kind, page) => {
      const doc = fixture(pageFixture[kind]!);
      for (const selector of [...page.save, ...(page.present ?? [])]) expect(doc.querySelectorAll(selector), selector).toHaveLength(1);
    },
  );

  it('the session page’s Save selectors find both of the portal’s Save buttons', () => {
    const doc = fixture('session');
    const session = mpb.pages.find((page) => page.kind === 'session')!;
    expect([...doc.querySelectorAll(session.save.join(', '))].map((button) => button.textContent)).toEqual(['Save', 'Save & Close']);
  });

  it('caseload rows each carry a record id and exactly one of every listed cell', () => {
    const doc = fixture('caseload');
    const list = mpb.pages.find((page) => page.kind === 'caseload')!.list!;
    const rows = [...doc.querySelectorAll(list.rows)];
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      expect(row.getAttribute(list.recordIdAttribute!)).toMatch(/^s-\d+$/);
      for (const cell of list.cells)
        expect(row.querySelectorAll(cell.selector), `${cell.name} in ${row.getAttribute(list.recordIdAttribute!)}`).toHaveLength(1);
    }
  });

  it('a field selector that the browser rejects is skipped, not fatal', () => {
    const doc = fixture('session');
    expect(findElement(['select#attendance[', 'select#attendance'], doc)).toBe(doc.querySelector('#attendance'));
    expect(findElement(['##', '#missing'], doc)).toBeNull();
  });
});
