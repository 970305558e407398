// The committed fixtures under test/fixtures/{mpb,roster,casenotes} are what
// adapter unit tests parse; this fails when a portal's markup drifts from them,
// so they get regenerated (node scripts/snapshot-fixtures.mjs) instead of going stale.

import fs from 'node:fs';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { DemoServer } from '../../demo/server.mjs';
import { parse, startTemp, stopTemp } from './helpers';

const fixture = (name: string, portal = 'mpb') => fs.readFileSync(new URL(`../fixtures/${portal}/${name}`, import.meta.url), 'utf8');

describe('demo portal fixtures', () => {
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
    ['initial-assessment.html', '/mpb/sessions/s-2020'],
    ['elsewhere.html', '/elsewhere'],
    ['roster/rota.html', '/roster/schedule/2026-11-23'],
    ['roster/schedule.html', '/roster/schedule/2026-11-23/cw-01'],
    ['roster/visit.html', '/roster/visits/v-5003'],
    ['roster/visit-late-call.html', '/roster/visits/v-5006'],
    ['casenotes/clients.html', '/casenotes/clients'],
    ['casenotes/client.html', '/casenotes/clients/HB-0412'],
    ['casenotes/consultation.html', '/casenotes/consultations/cn-7003'],
    ['casenotes/consultation-written.html', '/casenotes/consultations/cn-7001'],
  ])('%s matches what the portal serves at %s', async (name, route) => {
    const live = await (await fetch(demo.url + route)).text();
    const [portal, file] = name.includes('/') ? name.split('/') : ['mpb', name];
    expect(fixture(file!, portal), 'run: node scripts/snapshot-fixtures.mjs').toBe(live);
  });

  it('session fixture is the Phone-call client with nothing recorded', () => {
    const doc = parse(fixture('session.html'));
    expect(doc.querySelector('#preferred-contact')!.textContent).toBe('Phone call');
    expect(doc.querySelector('#session-start')!.getAttribute('data-iso')).toBe('2026-11-23T14:00');
    expect((doc.querySelector('#attendance') as HTMLSelectElement).value).toBe('');
    expect((doc.querySelector('#clinical-note') as HTMLTextAreaElement).value).toBe('');
  });

  it('initial-assessment fixture is an unrecorded assessment', () => {
    const doc = parse(fixture('initial-assessment.html'));
    expect(doc.querySelector('#session-type')!.getAttribute('data-session-type')).toBe('initial-assessment');
    expect((doc.querySelector('#clinical-note') as HTMLTextAreaElement).value).toBe('');
  });

  it('roster visit fixture is a planned visit with the time box closed', () => {
    const doc = parse(fixture('visit.html', 'roster'));
    expect(doc.querySelector('[data-visit="expected"]')!.getAttribute('data-value')).toBe('2026-11-23T12:30');
    expect(doc.querySelector('[data-input="actual-time"]')!.hasAttribute('disabled')).toBe(true);
    expect(doc.querySelector('[data-input="report"]')!.textContent).toBe('');
  });

  it('case-notes consultation fixture is an empty follow-up consultation', () => {
    const doc = parse(fixture('consultation.html', 'casenotes'));
    expect(doc.querySelector('[data-cn-editor] [data-cn-visit-type]')!.getAttribute('data-cn-visit-type')).toBe('FOLLOW_UP');
    expect((doc.querySelector('[data-cn-field="handover"]') as HTMLTextAreaElement).value).toBe('');
  });
});
