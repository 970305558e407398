// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true,"disableIframePageLoading":true}}
// Pages recognised by a frame's own URL, query string included (#14 part 1): the
// legacy portal keeps the record id in `?eid=`, and its shell (main.php) is no page at all.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectPage, documentProbe } from '../../entrypoints/portal.content/detect';
import { readAdapterData } from '@chartguard/sdk/runtime';
import legacyData from '../../adapters/legacy.json';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/legacy');
type Fixture = 'main' | 'nav' | 'encounter' | 'handover' | 'caseload';
const fixture = (name: Fixture): Document =>
  new DOMParser().parseFromString(fs.readFileSync(path.join(FIXTURES, `${name}.html`), 'utf8'), 'text/html');

const legacy = readAdapterData(legacyData);
const PORTAL = 'http://127.0.0.1:41234';

describe('detectPage on a frame-based portal', () => {
  it.each<[string, string, Fixture, { kind: string; recordId?: string; frame?: string } | undefined]>([
    [
      'an encounter frame',
      `${PORTAL}/legacy/encounter.php?eid=123`,
      'encounter',
      { kind: 'encounter', recordId: '123', frame: 'iframe#work-frame' },
    ],
    [
      'an encounter frame after a redirecting save',
      `${PORTAL}/legacy/encounter.php?eid=123&saved=1`,
      'encounter',
      { kind: 'encounter', recordId: '123' },
    ],
    [
      'an encounter frame with the id second',
      `${PORTAL}/legacy/encounter.php?tab=note&eid=77`,
      'encounter',
      { kind: 'encounter', recordId: '77' },
    ],
    ['a handover frame', `${PORTAL}/legacy/handover.php?hid=9`, 'handover', { kind: 'handover', recordId: '9' }],
    ['the caseload frame', `${PORTAL}/legacy/caseload.php`, 'caseload', { kind: 'caseload', recordId: undefined }],
    ['an encounter URL with no record id', `${PORTAL}/legacy/encounter.php`, 'encounter', undefined],
    ['an encounter URL whose id is not a number', `${PORTAL}/legacy/encounter.php?eid=abc`, 'encounter', undefined],
    ['an encounter id in the hash, not the query', `${PORTAL}/legacy/encounter.php#eid=123`, 'encounter', undefined],
    ['the frameset shell', `${PORTAL}/legacy/main.php`, 'main', undefined],
    ['the nav frame', `${PORTAL}/legacy/nav.php`, 'nav', undefined],
  ])('%s', (_, url, page, expected) => {
    const match = detectPage([legacy], url, documentProbe(fixture(page)));
    if (!expected) {
      expect(match).toBeUndefined();
      return;
    }
    expect(match?.page.kind).toBe(expected.kind);
    expect(match?.recordId).toBe(expected.recordId);
    if (expected.frame) expect(match?.page.frame).toBe(expected.frame);
  });
});
