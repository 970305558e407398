// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
// Meadowbank Care's record pages as Chromium rendered them (test/fixtures/spa,
// saved by scripts/save-fixtures.mjs) against the built-in spa adapter: each
// page is recognised, every element it names is there once, and the widgets'
// DOM (MUI Select's hidden input, the Autocomplete input, MUI X's hidden
// input, CKEditor's and Quill's editables) reads into checklist answers.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectPage, documentProbe } from '../../entrypoints/portal.content/detect';
import { readPage } from '../../entrypoints/portal.content/features/bridge-client/portal-fields';
import { builtInAdapters } from '../../lib/catalog/built-in';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/spa');
function load(file: string): Document {
  document.body.innerHTML = new DOMParser().parseFromString(fs.readFileSync(path.join(FIXTURES, file), 'utf8'), 'text/html').body.innerHTML;
  return document;
}
const ORIGIN = 'http://127.0.0.1:5710';
const ready = () => 'ready' as const;
/** As scripts/save-fixtures.mjs saves them (SPA_PAGES; not imported: that module needs Node's file URLs). */
const SPA_PAGES: Record<string, [string]> = {
  'session.html': ['/spa/session/1001'],
  'session-coded.html': ['/spa/session/1000'],
  'handover.html': ['/spa/handover/5001'],
};

describe.each(Object.entries(SPA_PAGES))('Meadowbank %s', (file, [route]) => {
  it('is recognised by the spa adapter, and every element it names is there exactly once', () => {
    const doc = load(file);
    const match = detectPage(builtInAdapters(), ORIGIN + route, documentProbe(doc));
    expect(match?.adapter.id).toBe('spa-demo');
    expect(match?.recordId).toBe(route.split('/').at(-1));
    for (const field of match!.page.fields) {
      const count =
        field.kind === 'radio'
          ? Math.min(1, doc.querySelectorAll(field.selectors[0]!).length)
          : doc.querySelectorAll(field.selectors[0]!).length;
      expect(count, field.name).toBe(1);
    }
    expect(readPage(match!.page, doc, ready).missingFields).toEqual([]);
  });
});

describe('reading Meadowbank’s rendered widgets', () => {
  const page = (kind: string) =>
    builtInAdapters()
      .find((a) => a.id === 'spa-demo')!
      .pages.find((p) => p.kind === kind)!;

  it('reads a coded session: MUI Select through its hidden input, the radio group, and the note from CKEditor’s editable', () => {
    const read = readPage(page('session'), load('session-coded.html'), ready);
    expect(read.answers).toEqual({ attendance: 'attended', sessionType: 'follow-up' });
    expect(read.note).toBe('Session held.');
    expect(read.health).toMatchObject({
      Attendance: 'answered',
      'Contact method': 'unanswered',
      'Next session': 'unanswered',
      'Clinical note': 'answered',
    });
  });

  it('reads an open session as unanswered, never missing', () => {
    const read = readPage(page('session'), load('session.html'), ready);
    expect(read.answers).toEqual({ sessionType: 'follow-up' });
    expect(read.missingFields).toEqual([]);
    expect(read.note).toBe('');
  });

  it('reads the handover’s unticked checkbox as an answer and its empty Quill note as empty', () => {
    const read = readPage(page('handover'), load('handover.html'), ready);
    expect(read.answers).toEqual({ urgentRisks: 'none' });
    expect(read.note).toBe('');
  });
});
