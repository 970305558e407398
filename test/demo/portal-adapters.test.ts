// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
// The three demo adapters against their portals' committed page snapshots:
// each page is recognised by the right adapter on the shared origin, every
// selector finds exactly one element, the page's state reads into checklist
// answers and suggests the right checklist, and Apply's writes land.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { holds, type AdapterPage, type PortalAdapter } from '@chartguard/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { detectPage, documentProbe } from '../../entrypoints/portal.content/detect';
import { findElement, readPage, writePortalValue } from '../../entrypoints/portal.content/features/bridge-client/portal-fields';
import { builtInAdapters, builtInChecklists } from '../../lib/catalog/built-in';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const html = (file: string) => fs.readFileSync(path.join(FIXTURES, file), 'utf8');
/** DOMParser runs no scripts and loads nothing: the page exactly as served. */
const parsed = (file: string): Document => new DOMParser().parseFromString(html(file), 'text/html');
/** The live document, so element classes are this window's (readPage checks instanceof). */
function load(file: string): Document {
  document.body.innerHTML = parsed(file).body.innerHTML;
  return document;
}
afterEach(() => {
  document.body.innerHTML = '';
});

const adapters = builtInAdapters();
const adapter = (id: string): PortalAdapter => adapters.find((candidate) => candidate.id === id)!;
const page = (id: string, kind: string): AdapterPage => adapter(id).pages.find((candidate) => candidate.kind === kind)!;
const suggestion = (p: AdapterPage, answers: Record<string, unknown>) => p.suggest.find((s) => holds(s.when, answers as never))?.checklist;
const ORIGIN = 'http://127.0.0.1:5710';

describe('the built-in catalogue', () => {
  it('has all five checklists and the five demo adapters, every page checklist among them', () => {
    expect([...builtInChecklists().keys()].sort()).toEqual(['cx', 'fus', 'ia', 'mv', 'snc']);
    expect(adapters.map((a) => a.id)).toEqual(['mpb-demo', 'roster-demo', 'casenotes-demo', 'legacy-demo', 'spa-demo']);
    for (const a of adapters) {
      for (const p of a.pages) {
        for (const id of [...p.checklists, ...(p.lists ?? (p.list ? [p.list] : [])).flatMap((list) => list.checklists ?? [])])
          expect(builtInChecklists().has(id), `${a.id}/${p.kind}: ${id}`).toBe(true);
      }
    }
  });

  it('reads every answer into a field of one of the page’s checklists, or into page state a suggestion uses', () => {
    for (const a of adapters) {
      for (const p of a.pages) {
        const lists = p.lists ?? (p.list ? [p.list] : []);
        const ids = new Set(
          [...p.checklists, ...lists.flatMap((list) => list.checklists ?? [])].flatMap((id) =>
            builtInChecklists()
              .get(id)!
              .sections.flatMap((s) => s.fields.map((f) => f.id)),
          ),
        );
        const suggestFields = JSON.stringify(p.suggest);
        const answers = [
          ...p.fields.flatMap((f) => [f.answer, f.writeFrom]),
          ...lists.flatMap((list) => list.cells).map((c) => c.answer),
        ].filter((x): x is string => Boolean(x));
        for (const answer of answers)
          expect(ids.has(answer) || suggestFields.includes(`"${answer}"`), `${a.id}/${p.kind}: ${answer}`).toBe(true);
      }
    }
  });
});

describe.each([
  ['mpb-demo', 'session', 'mpb/session.html', '/mpb/sessions/s-2003', 's-2003'],
  ['mpb-demo', 'session', 'mpb/initial-assessment.html', '/mpb/sessions/s-2020', 's-2020'],
  ['mpb-demo', 'caseload', 'mpb/caseload.html', '/mpb/caseload', undefined],
  ['roster-demo', 'visit', 'roster/visit.html', '/roster/visits/v-5003', 'v-5003'],
  ['roster-demo', 'visit', 'roster/visit-late-call.html', '/roster/visits/v-5006', 'v-5006'],
  ['roster-demo', 'schedule', 'roster/schedule.html', '/roster/schedule/2026-11-23/cw-01', undefined],
  ['casenotes-demo', 'consultation', 'casenotes/consultation.html', '/casenotes/consultations/cn-7003', 'cn-7003'],
  ['casenotes-demo', 'consultation', 'casenotes/consultation-written.html', '/casenotes/consultations/cn-7001', 'cn-7001'],
  ['casenotes-demo', 'client', 'casenotes/client.html', '/casenotes/clients/HB-0412', undefined],
])('%s %s page (%s)', (adapterId, kind, file, pathname, recordId) => {
  it('is recognised on the shared origin by its own adapter, and only there', () => {
    const match = detectPage(adapters, ORIGIN + pathname, documentProbe(parsed(file)));
    expect(match?.adapter.id).toBe(adapterId);
    expect(match?.page.kind).toBe(kind);
    expect(match?.recordId).toBe(recordId);
    // The same markup under another portal's path is nobody's page.
    const elsewhere = pathname.startsWith('/roster') ? '/casenotes/consultations/cn-7003' : '/roster/visits/v-5003';
    expect(detectPage(adapters, ORIGIN + elsewhere, documentProbe(parsed(file)))).toBeUndefined();
  });

  it('finds exactly one element for every field selector, Save control and presence check', () => {
    const doc = parsed(file);
    const p = page(adapterId, kind);
    for (const field of p.fields) {
      const first = field.selectors.find((selector) => doc.querySelector(selector));
      expect(first, field.name).toBeDefined();
      expect(doc.querySelectorAll(first!).length, field.name).toBe(1);
    }
    for (const selector of [...p.save, ...(p.present ?? [])]) expect(doc.querySelectorAll(selector).length, selector).toBe(1);
    if (p.list) {
      const rows = [...doc.querySelectorAll(p.list.rows)];
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.getAttribute(p.list.recordIdAttribute!)).toBeTruthy();
        for (const cell of p.list.cells) expect(row.querySelectorAll(cell.selector).length, cell.name).toBe(1);
      }
    }
  });
});

describe('MPB session pages', () => {
  const p = page('mpb-demo', 'session');

  // happy-dom caches a select's selectedOptions on first read (and mis-resolves
  // parser-set `selected`, capricorn86/happy-dom#2372), so every case loads the
  // page afresh and sets the portal's value before anything reads it.
  const readWith = (file: string, attendance?: string) => {
    load(file);
    if (attendance !== undefined) document.querySelector<HTMLSelectElement>('#attendance')!.value = attendance;
    return readPage(p, document);
  };

  it('offers SNC, FUS and IA, and suggests by session type and attendance', () => {
    expect(p.checklists).toEqual(['snc', 'fus', 'ia']);
    const followUp = readWith('mpb/session.html');
    expect(followUp.answers).toMatchObject({
      sessionType: 'follow-up',
      sessionAt: '2026-11-23T14:00',
      preferredMethod: 'phone',
      preferredChannel: 'phone',
    });
    expect(followUp.missingFields).toEqual([]);
    expect(suggestion(p, followUp.answers)).toBe('fus');
    expect(suggestion(p, readWith('mpb/session.html', 'Did Not Attend').answers)).toBe('fus');
    expect(suggestion(p, readWith('mpb/session.html', 'Appointment Cancelled by Therapist/VHG').answers)).toBe('snc');

    const assessment = readWith('mpb/initial-assessment.html');
    expect(assessment.answers).toMatchObject({
      sessionType: 'initial-assessment',
      assessmentAt: '2026-11-24T15:00',
      preferredChannel: 'email',
    });
    expect(suggestion(p, assessment.answers)).toBe('ia');
    expect(suggestion(p, readWith('mpb/initial-assessment.html', 'Attended').answers)).toBe('ia');
    // A no-show assessment is not an assessment: nothing is suggested.
    expect(suggestion(p, readWith('mpb/initial-assessment.html', 'Did Not Attend').answers)).toBeUndefined();
    expect(suggestion(p, readWith('mpb/initial-assessment.html', 'Appointment Cancelled by Therapist/VHG').answers)).toBe('snc');
  });

  it('writes the next appointment of whichever checklist Apply sends into the portal’s next session', () => {
    load('mpb/initial-assessment.html');
    const next = () => document.querySelector<HTMLInputElement>('#next-session')!.value;
    for (const answer of ['nextAppointmentAt', 'nextSessionAt', 'nextSessionInPortal']) {
      const field = p.fields.find((f) => (f.writeFrom ?? f.answer) === answer || f.answer === answer)!;
      expect(field.direction, answer).not.toBe('read');
      document.querySelector<HTMLInputElement>('#next-session')!.value = '';
      expect(writePortalValue(field, findElement(field.selectors)!, '2026-12-01T15:00')).toEqual({ ok: true });
      expect(next()).toBe('2026-12-01T15:00');
    }
  });
});

describe('CareRoster visit page', () => {
  const p = page('roster-demo', 'visit');

  it('reads the service user and the expected time from the page, and nothing is suggested for a planned visit', () => {
    const read = readPage(p, load('roster/visit.html'));
    expect(read.answers).toEqual({ serviceUserName: 'Edith Clarke', expectedVisitAt: '2026-11-23T12:30' });
    expect(read.note).toBe('');
    expect(read.missingFields).toEqual([]);
    expect(suggestion(p, read.answers)).toBeUndefined();
  });

  // See readWith above: a fresh page per value, set before anything reads the select.
  const withStatus = (file: string, code: string) => {
    load(file);
    document.querySelector<HTMLSelectElement>('[data-input="status"]')!.value = code;
    return readPage(p, document);
  };

  it('maps the outcome select both ways: missed and late call suggest MV, a visit does not', () => {
    for (const [code, expected] of [
      ['MISSED', 'missed-visit'],
      ['LATE_CALL', 'late-call'],
      ['VISITED', 'attended'],
    ] as const) {
      const answers = withStatus('roster/visit.html', code).answers;
      expect(answers.attendance, code).toBe(expected);
      expect(suggestion(p, answers), code).toBe(expected === 'attended' ? undefined : 'mv');
    }
    load('roster/visit.html');
    const status = document.querySelector<HTMLSelectElement>('[data-input="status"]')!;
    const field = p.fields.find((f) => f.answer === 'attendance')!;
    expect(writePortalValue(field, status, 'late-call')).toEqual({ ok: true });
    expect(status.value).toBe('LATE_CALL');
    expect(writePortalValue(field, status, 'attended-late')).toMatchObject({ ok: false });
  });

  it('reads a recorded late call: actual time, incident reference and the report', () => {
    const read = withStatus('roster/visit-late-call.html', 'LATE_CALL');
    expect(read.answers).toMatchObject({
      attendance: 'late-call',
      actualVisitAt: '2026-11-23T08:50',
      incidentReportRef: 'IR-2026-0142',
      serviceUserName: 'Stanley Price',
    });
    expect(read.note).toContain('Car would not start');
  });

  it('refuses to write an actual time while the portal keeps the box closed, and writes the note into the editor as lines', () => {
    load('roster/visit.html');
    const actual = p.fields.find((f) => f.answer === 'actualVisitAt')!;
    expect(writePortalValue(actual, findElement(actual.selectors)!, '2026-11-23T13:40')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('disabled'),
    });
    const note = p.fields.find((f) => f.role === 'note')!;
    const editor = findElement(note.selectors)!;
    expect(writePortalValue(note, editor, 'Missed or late visit [Chartguard mv/1]\n\n== The visit ==\nService user: Edith Clarke')).toEqual(
      { ok: true },
    );
    expect(editor.querySelectorAll('br')).toHaveLength(3);
    expect(editor.textContent).toBe('Missed or late visit [Chartguard mv/1]== The visit ==Service user: Edith Clarke');
  });
});

describe('Harbour consultation page', () => {
  const p = page('casenotes-demo', 'consultation');

  it('reads the booked visit type and always suggests CX', () => {
    const followUp = readPage(p, load('casenotes/consultation.html'));
    expect(followUp.answers).toEqual({ visitType: 'follow-up' });
    expect(suggestion(p, followUp.answers)).toBe('cx');
    const first = readPage(p, load('casenotes/consultation-written.html'));
    expect(first.answers.visitType).toBe('first');
    // The Chartguard note is the handover; the consultation note is the worker's own.
    expect(first.note).toContain('Reason: worried');
  });

  it('writes the handover, the next appointment and the risk flag where the portal keeps them', () => {
    load('casenotes/consultation.html');
    const write = (answer: string | undefined, value: string) => {
      const field = p.fields.find((f) => (answer ? f.answer === answer : f.role === 'note'))!;
      expect(writePortalValue(field, findElement(field.selectors)!, value)).toEqual({ ok: true });
    };
    write(undefined, 'Handover [Chartguard cx/1]');
    write('returnOn', '2026-11-30');
    write('urgentRisks', 'identified');
    expect(document.querySelector<HTMLTextAreaElement>('[data-cn-field="handover"]')!.value).toBe('Handover [Chartguard cx/1]');
    expect(document.querySelector<HTMLTextAreaElement>('[data-cn-field="consultation-note"]')!.value).toBe('');
    expect(document.querySelector<HTMLInputElement>('[data-cn-field="return-on"]')!.value).toBe('2026-11-30');
    expect(document.querySelector<HTMLSelectElement>('[data-cn-field="risk-flag"]')!.value).toBe('flagged');
    expect(readPage(p, document).answers).toEqual({ visitType: 'follow-up', returnOn: '2026-11-30', urgentRisks: 'identified' });
  });
});
