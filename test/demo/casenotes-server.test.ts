// The Harbour case-notes demo portal is the CX policy's test bed: these pin
// its HTTP behaviour and the data-cn-* contract the case-notes adapter reads
// (visit type, the handover box that takes the Chartguard note, extras).

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DemoServer } from '../../demo/server.mjs';
import { getText, parse, postJson, startTemp, stopTemp, tempDataDir } from './helpers';

interface SeedConsultation {
  id: string;
  clientId: string;
  at: string;
  visitType: string;
  consultationNote?: string;
  handover?: string;
}
const seed: { clients: { id: string; name: string }[]; consultations: SeedConsultation[] } = JSON.parse(
  fs.readFileSync(new URL('../../demo/casenotes/seed.json', import.meta.url), 'utf8'),
);
const empty = seed.consultations.find((c) => !c.consultationNote && !c.handover && c.visitType === 'FOLLOW_UP')!;
const client = seed.clients.find((c) => c.id === empty.clientId)!;

describe('Harbour case-notes demo portal server', () => {
  let demo: DemoServer;
  const saves = async () => (await fetch(`${demo.url}/casenotes/api/saves`)).json();

  beforeAll(async () => {
    demo = await startTemp();
  });
  afterAll(async () => {
    await stopTemp(demo);
  });
  beforeEach(async () => {
    expect((await fetch(`${demo.url}/casenotes/api/reset`, { method: 'POST' })).status).toBe(204);
  });

  it('redirects /casenotes to the client list, which links every client', async () => {
    const root = await getText(demo.url, '/casenotes');
    expect(root.status).toBe(302);
    expect(root.res.headers.get('location')).toBe('/casenotes/clients');
    const doc = parse((await getText(demo.url, '/casenotes/clients')).text);
    expect([...doc.querySelectorAll('a.cn-client-name')].map((a) => a.getAttribute('href')).sort()).toEqual(
      seed.clients.map((c) => `/casenotes/clients/${c.id}`).sort(),
    );
  });

  it('lists a client’s consultations newest first as articles, handover text hidden in full', async () => {
    const doc = parse((await getText(demo.url, `/casenotes/clients/${client.id}`)).text);
    const expected = seed.consultations.filter((c) => c.clientId === client.id).sort((a, b) => (a.at < b.at ? 1 : -1));
    const cards = [...doc.querySelectorAll('.cn-consultations article.cn-consult')];
    expect(cards.map((card) => card.getAttribute('data-cn-consultation'))).toEqual(expected.map((c) => c.id));
    cards.forEach((card, i) => {
      const c = expected[i]!;
      expect(card.getAttribute('data-cn-at')).toBe(c.at);
      expect(card.querySelector('[data-cn-visit-type]')!.getAttribute('data-cn-visit-type')).toBe(c.visitType);
      expect(card.querySelector('[data-cn-visit-type]')!.textContent).toBe(c.visitType === 'FIRST' ? 'First visit' : 'Follow-up');
      const full = card.querySelector('.cn-handover-full')!;
      expect(full.hasAttribute('hidden')).toBe(true);
      expect(full.textContent).toBe(c.handover ?? '');
      expect(card.querySelector('a.cn-consult-when')!.getAttribute('href')).toBe(`/casenotes/consultations/${c.id}`);
    });
    expect(doc.querySelector('table')).toBeNull();
  });

  it('renders the consultation editor: visit type, note editor, handover box, next appointment, risk flag, Save', async () => {
    const doc = parse((await getText(demo.url, `/casenotes/consultations/${empty.id}`)).text);
    const editor = doc.querySelector('[data-cn-editor]')!;
    expect(editor.getAttribute('data-cn-consultation')).toBe(empty.id);
    expect(editor.querySelector('dd [data-cn-visit-type]')!.getAttribute('data-cn-visit-type')).toBe('FOLLOW_UP');
    expect(editor.querySelector('[data-cn-at]')!.textContent).toBe('23 Nov 2026, 15:20');
    const note = editor.querySelector('textarea[data-cn-field="consultation-note"]')!;
    const handover = editor.querySelector('textarea[data-cn-field="handover"]')!;
    expect(doc.querySelector(`label[for="${note.id}"]`)!.textContent).toBe('Consultation note');
    expect(doc.querySelector(`label[for="${handover.id}"]`)!.textContent).toBe('Handover for the next worker');
    expect(editor.querySelector('input[data-cn-field="return-on"]')!.getAttribute('type')).toBe('date');
    const risk = [...editor.querySelectorAll('select[data-cn-field="risk-flag"] option')];
    expect(risk.map((o) => [o.getAttribute('value'), o.textContent])).toEqual([
      ['', 'Not set'],
      ['none', 'None identified'],
      ['flagged', 'Risk identified'],
    ]);
    expect(editor.querySelectorAll('button[data-cn-action="save"]')).toHaveLength(1);
    expect(doc.querySelector('form')).toBeNull();
    expect(doc.querySelector('script[src="/casenotes/assets/casenotes.js"]')).not.toBeNull();
  });

  it('saves a consultation and shows it back in the editor and on the client page', async () => {
    const body = {
      consultationNote: 'Sam managed a weekend without chems.',
      handover: 'Brief chemsex consultation [Chartguard cx/1]\n\nReason: follow-up',
      returnOn: '2026-11-30',
      riskFlag: 'none',
    };
    const saved = await postJson(demo.url, `/casenotes/api/consultations/${empty.id}`, body);
    expect(saved.status).toBe(200);
    expect(saved.json.consultation).toMatchObject({ id: empty.id, ...body, saveCount: 1, visitType: 'FOLLOW_UP', clientName: client.name });
    expect(await saves()).toEqual([{ consultationId: empty.id, body, receivedAt: expect.any(String), status: 200 }]);

    const doc = parse((await getText(demo.url, `/casenotes/consultations/${empty.id}`)).text);
    expect((doc.querySelector('[data-cn-field="handover"]') as HTMLTextAreaElement).value).toBe(body.handover);
    expect(doc.querySelector('[data-cn-field="return-on"]')!.getAttribute('value')).toBe('2026-11-30');
    expect(doc.querySelector('option[value="none"]')!.hasAttribute('selected')).toBe(true);
    const list = parse((await getText(demo.url, `/casenotes/clients/${client.id}`)).text);
    expect(list.querySelector(`[data-cn-consultation="${empty.id}"] .cn-handover-full`)!.textContent).toBe(body.handover);
  });

  it('rejects malformed saves with 400 and leaves the consultation alone', async () => {
    const url = `/casenotes/api/consultations/${empty.id}`;
    const cases: Array<[unknown, RegExp]> = [
      [{ handover: 7 }, /handover/i],
      [{ returnOn: '30/11/2026' }, /next appointment/i],
      [{ returnOn: '2026-11-01' }, /before this consultation/i],
      [{ riskFlag: 'Risk identified' }, /risk flag/i],
      [{ consultationNote: 'x'.repeat(100_001) }, /too long/i],
    ];
    for (const [body, message] of cases) {
      const res = await postJson(demo.url, url, body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(res.json.error).toMatch(message);
    }
    expect(await (await fetch(demo.url + url)).json()).toMatchObject({ handover: '', returnOn: '', riskFlag: '', saveCount: 0 });
    expect((await postJson(demo.url, '/casenotes/api/consultations/cn-0000', {})).status).toBe(404);
  });

  it('keeps a handover that starts with a newline, and escapes record text', async () => {
    await postJson(demo.url, `/casenotes/api/consultations/${empty.id}`, {
      handover: '\nFirst line blank',
      consultationNote: '<script>x</script>',
    });
    const { text } = await getText(demo.url, `/casenotes/consultations/${empty.id}`);
    expect(text).toContain('data-cn-field="handover" rows="16">\n\nFirst line blank</textarea>');
    expect(text).not.toContain('<script>x</script>');
    expect(text).toContain('&lt;script&gt;x&lt;/script&gt;');
  });

  it('serves its own assets only, and a 404 page in its own look', async () => {
    expect((await fetch(`${demo.url}/casenotes/assets/casenotes.css`)).headers.get('content-type')).toMatch(/^text\/css/);
    expect(await (await fetch(`${demo.url}/casenotes/assets/casenotes.js`)).text()).toContain('/casenotes/api/consultations/');
    for (const p of ['/casenotes/assets/seed.json', '/casenotes/consultations/cn-0000', '/casenotes/clients/HB-9999', '/casenotes/x/y']) {
      const { status, text } = await getText(demo.url, p);
      expect(status, p).toBe(404);
      expect(text, p).toContain('Harbour Drug &amp; Alcohol Service');
    }
  });
});

describe('Harbour case-notes persistence', () => {
  it('keeps saves in casenotes.json across a restart', async () => {
    const dataDir = tempDataDir();
    const first = await startTemp(dataDir);
    try {
      expect((await postJson(first.url, `/casenotes/api/consultations/${empty.id}`, { handover: 'kept' })).status).toBe(200);
    } finally {
      await first.close();
    }
    expect(fs.existsSync(path.join(dataDir, 'casenotes.json'))).toBe(true);
    const second = await startTemp(dataDir);
    try {
      expect(await (await fetch(`${second.url}/casenotes/api/consultations/${empty.id}`)).json()).toMatchObject({
        handover: 'kept',
        saveCount: 1,
      });
    } finally {
      await stopTemp(second);
    }
  });
});
