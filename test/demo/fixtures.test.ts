// The committed fixtures under test/fixtures/mpb are what adapter unit tests
// parse; this fails when the portal's markup drifts from them, so they get
// regenerated (node scripts/snapshot-fixtures.mjs) instead of going stale.

import fs from 'node:fs';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { DemoServer } from '../../demo/server.mjs';
import { parse, startTemp, stopTemp } from './helpers';

const fixture = (name: string) =>
  fs.readFileSync(new URL(`../fixtures/mpb/${name}`, import.meta.url), 'utf8');

describe('MPB fixtures', () => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startTemp();
  });
  afterAll(async () => {
    await stopTemp(demo);
  });

  it.each([
    ['caseload.html', '/mpb/caseload'],
    ['client.html', '/mpb/clients/c-1001'],
    ['session.html', '/mpb/sessions/s-2003'],
    ['elsewhere.html', '/elsewhere'],
  ])('%s matches what the portal serves at %s', async (name, route) => {
    const live = await (await fetch(demo.url + route)).text();
    expect(fixture(name), 'run: node scripts/snapshot-fixtures.mjs').toBe(live);
  });

  it('session fixture is the Phone-call client with nothing recorded', () => {
    const doc = parse(fixture('session.html'));
    expect(doc.querySelector('#preferred-contact')!.textContent).toBe('Phone call');
    expect(doc.querySelector('#session-start')!.getAttribute('data-iso')).toBe('2026-11-23T14:00');
    expect((doc.querySelector('#attendance') as HTMLSelectElement).value).toBe('');
    expect((doc.querySelector('#clinical-note') as HTMLTextAreaElement).value).toBe('');
  });
});
