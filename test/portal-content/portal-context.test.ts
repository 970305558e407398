// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
// What a record page shows around the record, read where the adapter says on
// the committed case-notes snapshots: the signed-in user (G-01) and the
// client's previous consultation (#15 part 6), with "none" and "cannot see"
// told apart.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readPrevious, readSignedInUser } from '../../entrypoints/portal.content/features/record-page/portal-context';
import { builtInAdapters } from '../../lib/catalog/built-in';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/casenotes');
const adapter = builtInAdapters().find((candidate) => candidate.id === 'casenotes-demo')!;
const consultationPage = adapter.pages.find((page) => page.kind === 'consultation')!;
const seed = JSON.parse(fs.readFileSync(path.join(path.dirname(FIXTURES), '../../demo/casenotes/seed.json'), 'utf8')) as {
  consultations: { id: string; handover?: string }[];
};

function show(fixture: string) {
  const html = fs.readFileSync(path.join(FIXTURES, fixture), 'utf8');
  document.body.innerHTML = new DOMParser().parseFromString(html, 'text/html').body.innerHTML;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the signed-in user', () => {
  it('is read from where the case-notes adapter says the masthead shows it', () => {
    show('consultation.html');
    expect(readSignedInUser(adapter)).toBe('Jess Bright');
  });

  it('is undefined where the adapter names no place, or the page shows no one', () => {
    show('consultation.html');
    expect(readSignedInUser({})).toBeUndefined();
    document.querySelector('[data-cn-user]')!.textContent = '   ';
    expect(readSignedInUser(adapter)).toBeUndefined();
  });

  it('reads an attribute when the adapter names one, white space folded', () => {
    document.body.innerHTML = '<header><span id="me" data-name="  Priya   Shah ">PS</span></header>';
    expect(readSignedInUser({ signedInUser: { selector: '#me', attribute: 'data-name' } })).toBe('Priya Shah');
  });
});

describe('the previous consultation', () => {
  it('is the last handover in full, with when and by whom, on a follow-up', () => {
    show('consultation.html');
    const previous = readPrevious(consultationPage);
    expect(previous).toEqual({
      state: 'found',
      note: seed.consultations.find((c) => c.id === 'cn-7002')!.handover,
      at: '2026-11-16T14:00',
      author: 'Jess Bright',
    });
  });

  it('is "none" when the history block is there with no consultation in it', () => {
    show('consultation-written.html');
    expect(readPrevious(consultationPage)).toEqual({ state: 'none' });
  });

  it('is "unseen" when the page lacks the history block, and undefined when the adapter names none', () => {
    show('consultation.html');
    document.querySelector('[data-cn-previous]')!.remove();
    expect(readPrevious(consultationPage)).toEqual({ state: 'unseen' });
    expect(readPrevious({})).toBeUndefined();
  });
});
