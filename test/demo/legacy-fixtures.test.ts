// The committed Hollybrook EHR fixtures (test/fixtures/legacy/) are what the
// legacy adapter's unit tests parse; this fails when the portal's markup
// drifts from them, so they get regenerated (node scripts/save-fixtures.mjs).

import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from '../../demo/server.mjs';
import { LEGACY_PAGES } from '../../scripts/save-fixtures.mjs';
import { parse, startTemp, stopTemp } from './helpers';

const fixture = (name: string) => fs.readFileSync(new URL(`../fixtures/legacy/${name}`, import.meta.url), 'utf8');

describe('Hollybrook EHR fixtures', () => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startTemp();
  });
  afterAll(async () => {
    await stopTemp(demo);
  });

  it.each(Object.entries(LEGACY_PAGES))('%s matches what the portal serves at %s', async (name, route) => {
    const live = await (await fetch(demo.url + route)).text();
    expect(fixture(name), 'run: node scripts/save-fixtures.mjs').toBe(live);
  });

  it('covers every page kind: shell, navigation, caseload, an open and a recorded encounter, a handover, and a saved confirmation', () => {
    expect(parse(fixture('main.html')).querySelector('iframe#work-frame[name="RBody"]')).not.toBeNull();
    expect(parse(fixture('caseload.html')).querySelectorAll('tr.enc-row[data-eid]').length).toBeGreaterThan(5);
    const open = parse(fixture('encounter.html'));
    expect(open.querySelector('form#encounter-form')!.getAttribute('data-eid')).toBe('302');
    expect(open.querySelector('#attendance option[selected]')).toBeNull();
    expect(parse(fixture('encounter-recorded.html')).querySelector('#attendance option[selected]')!.getAttribute('value')).toBe(
      'CANC-CLIN-SICK',
    );
    expect(parse(fixture('encounter-saved.html')).querySelector('#saved-banner')!.textContent).toBe('Saved');
    expect(parse(fixture('handover.html')).querySelector('#handover-note[contenteditable="true"]')!.textContent).toBe('');
    expect(parse(fixture('handover-written.html')).querySelectorAll('#handover-note p')).toHaveLength(2);
  });
});
