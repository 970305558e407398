// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
// docs/integrate-a-portal.md must not rot: its complete Riverside Clinic
// adapter is taken from the guide exactly as written, validated by the SDK
// and the JSON Schema, and held against committed snapshots of every clinic
// page (exact selector match counts, page detection, what it reads and
// writes). The guide's smaller snippets must agree with the complete adapter,
// and the files it names must exist. Last, every committed fixture of the
// built-in portals that test/demo/portal-adapters.test.ts does not cover must
// be a page no adapter claims.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ATTENDANCE_CODES, allFields, holds, parseAdapter, type AdapterPage, type Checklist, type PortalAdapter } from '@chartguard/sdk';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterEach, describe, expect, it } from 'vitest';
import { OUTCOMES, REMINDER_CHANNELS } from '../../demo/clinic/store.mjs';
import { detectPage, documentProbe } from '../../entrypoints/portal.content/detect';
import { findElement, readPage, writePortalValue } from '../../entrypoints/portal.content/features/bridge-client/portal-fields';
import { builtInAdapters, builtInChecklists } from '../../lib/catalog/built-in';
import { ADAPTER_MARKER, guideAdapterData, guideAdapterSource, guideSnippets, guideText } from './guide';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const ORIGIN = 'http://127.0.0.1:5710';
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

const adapter: PortalAdapter = parseAdapter(guideAdapterData());
const page = (kind: string): AdapterPage => adapter.pages.find((p) => p.kind === kind)!;
const appointment = page('appointment');
const daySheet = page('day-sheet');
const checklists = builtInChecklists();
const suggestion = (p: AdapterPage, answers: Record<string, unknown>) => p.suggest.find((s) => holds(s.when, answers as never))?.checklist;
const choiceValues = (checklist: Checklist, fieldId: string) =>
  allFields(checklist)
    .find((f) => f.id === fieldId)
    ?.options?.map((o) => o.value) ?? [];

describe('the guide’s complete adapter', () => {
  it('is one ```json block right after the marker, and the SDK accepts it whole', () => {
    expect(guideText().split(ADAPTER_MARKER)).toHaveLength(2);
    expect(() => parseAdapter(JSON.parse(guideAdapterSource()))).not.toThrow();
    expect(adapter).toMatchObject({ format: 'chartguard-adapter/1', id: 'riverside-clinic' });
    expect(adapter.pages.map((p) => p.kind)).toEqual(['appointment', 'day-sheet']);
  });

  it('validates against the JSON Schema its "$schema" names, which the SDK package ships', () => {
    const data = guideAdapterData() as { $schema: string };
    expect(data.$schema).toMatch(/@chartguard\/sdk\/schema\/adapter\.schema\.json$/);
    const schemaFile = path.join(ROOT, data.$schema);
    expect(fs.existsSync(schemaFile), schemaFile).toBe(true);
    const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true, strict: false });
    const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    // The schema catches the mistakes an editor should underline as you type.
    expect(validate({ ...data, pages: [{ ...(data as unknown as { pages: object[] }).pages[0], kind: 'Appointment' }] })).toBe(false);
    expect(validate({ ...data, colour: 'teal' })).toBe(false);
  });

  it('matches only the addresses the demo portal is served from, which the built-in content script already covers', () => {
    expect(adapter.matches).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
    const builtInMatches = new Set(builtInAdapters().flatMap((a) => a.matches));
    for (const match of adapter.matches) expect(builtInMatches.has(match), match).toBe(true);
  });

  it('names only built-in checklists, and reads every answer into one of them or into page state a suggestion uses', () => {
    for (const p of adapter.pages) {
      const ids = [...p.checklists, ...(p.list?.checklists ?? [])];
      expect(ids.length, p.kind).toBeGreaterThan(0);
      for (const id of ids) expect(checklists.has(id), `${p.kind}: ${id}`).toBe(true);
      const fieldIds = new Set(ids.flatMap((id) => allFields(checklists.get(id)!).map((f) => f.id)));
      const suggestFields = JSON.stringify(p.suggest);
      const answers = [...p.fields.flatMap((f) => [f.answer, f.writeFrom]), ...(p.list?.cells ?? []).map((c) => c.answer)].filter(
        (x): x is string => Boolean(x),
      );
      for (const answer of answers)
        expect(fieldIds.has(answer) || suggestFields.includes(`"${answer}"`), `${p.kind}: ${answer}`).toBe(true);
    }
  });

  it('maps attendance codes onto exactly the clinic’s own outcome labels, on the form and on the day sheet', () => {
    const outcome = appointment.fields.find((f) => f.answer === 'attendance')!;
    const cell = daySheet.list!.cells.find((c) => c.answer === 'attendance')!;
    for (const map of [outcome.valueMap!, cell.valueMap!]) {
      for (const code of Object.keys(map)) expect(ATTENDANCE_CODES as readonly string[]).toContain(code);
      expect(new Set(Object.values(map))).toEqual(new Set(OUTCOMES));
    }
    expect(cell.valueMap).toEqual(outcome.valueMap);
    const options = [...parsed('clinic/appointment.html').querySelectorAll("select[name='outcome'] option")]
      .map((o) => o.getAttribute('value'))
      .filter(Boolean);
    expect(new Set(options)).toEqual(new Set(Object.values(outcome.valueMap!)));
  });

  it('maps the reminder preference onto choices both checklists have, and onto the labels the clinic shows', () => {
    for (const [answer, checklistId] of [
      ['preferredChannel', 'fus'],
      ['preferredMethod', 'snc'],
    ] as const) {
      const field = appointment.fields.find((f) => f.answer === answer)!;
      for (const value of Object.keys(field.valueMap!))
        expect(choiceValues(checklists.get(checklistId)!, answer), `${answer}: ${value}`).toContain(value);
      expect(new Set(Object.values(field.valueMap!))).toEqual(new Set(Object.values(REMINDER_CHANNELS)));
    }
  });
});

describe.each([
  ['clinic/appointment.html', 'appointment', '/clinic/appointments/RC-1042', 'RC-1042'],
  ['clinic/appointment-recorded.html', 'appointment', '/clinic/appointments/RC-1038', 'RC-1038'],
  ['clinic/appointment-new-patient.html', 'appointment', '/clinic/appointments/RC-1044', 'RC-1044'],
  ['clinic/appointments.html', 'day-sheet', '/clinic/appointments', undefined],
])('the guide’s adapter on %s', (file, kind, pathname, recordId) => {
  it('is recognised as the right page kind with the right record id, before any built-in adapter, and only under its own path', () => {
    const doc = parsed(file);
    const match = detectPage([adapter, ...builtInAdapters()], ORIGIN + pathname, documentProbe(doc));
    expect(match?.adapter.id).toBe('riverside-clinic');
    expect(match?.page.kind).toBe(kind);
    expect(match?.recordId).toBe(recordId);
    expect(doc.querySelector('section.rc-appointment')?.getAttribute('data-appointment-ref') ?? undefined).toBe(recordId);
    for (const elsewhere of ['/clinic/appointments/RC-1042/history', '/clinic/patients/P-20417', '/mpb/sessions/s-2003']) {
      expect(detectPage([adapter], ORIGIN + elsewhere, documentProbe(doc)), elsewhere).toBeUndefined();
    }
    // Not on another host: the match patterns decide before any path does.
    expect(detectPage([adapter], `https://portal.example.org${pathname}`, documentProbe(doc))).toBeUndefined();
  });

  it('finds exactly one element for every field selector (fallbacks included), Save control and presence check', () => {
    const doc = parsed(file);
    const p = page(kind);
    for (const field of p.fields) {
      for (const selector of field.selectors) expect(doc.querySelectorAll(selector).length, `${field.name}: ${selector}`).toBe(1);
      // Every fallback finds the same element as the first choice.
      expect(new Set(field.selectors.map((selector) => doc.querySelector(selector))).size, field.name).toBe(1);
    }
    for (const selector of [...p.save, ...(p.present ?? [])]) expect(doc.querySelectorAll(selector).length, selector).toBe(1);
    if (p.list) {
      const rows = [...doc.querySelectorAll(p.list.rows)];
      expect(rows).toHaveLength(doc.querySelectorAll('li.rc-slot').length);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.getAttribute(p.list.recordIdAttribute!)).toMatch(/^RC-\d+$/);
        for (const cell of p.list.cells) {
          expect(row.querySelectorAll(cell.selector).length, cell.name).toBe(1);
          if (cell.attribute) expect(row.querySelector(cell.selector)!.hasAttribute(cell.attribute), cell.name).toBe(true);
        }
      }
    } else {
      expect(p.fields.filter((f) => f.role === 'note')).toHaveLength(1);
    }
  });
});

describe('what the guide’s adapter reads and writes on the clinic’s pages', () => {
  // happy-dom caches a select's selectedOptions on first read, so every case
  // loads the page afresh and sets the outcome before anything reads it.
  const readWith = (file: string, outcome?: string) => {
    load(file);
    if (outcome !== undefined) document.querySelector<HTMLSelectElement>("select[name='outcome']")!.value = outcome;
    return readPage(appointment, document);
  };

  it('reads an unrecorded review’s facts, suggests the follow-up checklist, and short-notice cancellation for a clinician cancellation', () => {
    const read = readWith('clinic/appointment.html');
    expect(read).toEqual({
      answers: { sessionAt: '2026-11-23T10:30', appointmentType: 'review', preferredChannel: 'sms', preferredMethod: 'sms' },
      note: '',
      missingFields: [],
    });
    expect(suggestion(appointment, read.answers)).toBe('fus');
    const cancelled = readWith('clinic/appointment.html', 'Cancelled – clinician').answers;
    expect(cancelled.attendance).toBe('cancelled-by-provider');
    expect(suggestion(appointment, cancelled)).toBe('snc');
    expect(readWith('clinic/appointment.html', 'DNA').answers.attendance).toBe('did-not-attend');
  });

  it('suggests nothing for a new patient, and reads a recorded review back into checklist answers', () => {
    const newPatient = readWith('clinic/appointment-new-patient.html');
    expect(newPatient.answers.appointmentType).toBe('new');
    expect(suggestion(appointment, newPatient.answers)).toBeUndefined();
    const recorded = readWith('clinic/appointment-recorded.html', 'Seen');
    expect(recorded.answers).toMatchObject({
      attendance: 'attended',
      nextAppointmentAt: '2026-11-23T10:30',
      nextSessionInPortal: '2026-11-23T10:30',
      sessionAt: '2026-11-16T10:30',
    });
    expect(recorded.note).toContain('Knee flexion');
  });

  it('writes every attendance code as the clinic’s label, the note, and both next-appointment answers into the one box', () => {
    const outcome = appointment.fields.find((f) => f.answer === 'attendance')!;
    for (const [code, label] of Object.entries(outcome.valueMap!)) {
      load('clinic/appointment.html');
      const select = findElement(outcome.selectors)! as HTMLSelectElement;
      expect(writePortalValue(outcome, select, code), code).toEqual({ ok: true });
      expect(select.value, code).toBe(label);
    }
    expect(writePortalValue(outcome, findElement(outcome.selectors)!, 'missed-visit')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no option'),
    });

    load('clinic/appointment.html');
    const note = appointment.fields.find((f) => f.role === 'note')!;
    expect(writePortalValue(note, findElement(note.selectors)!, 'Follow-up and ongoing session [Chartguard fus/1]')).toEqual({ ok: true });
    expect(document.querySelector<HTMLTextAreaElement>("textarea[name='notes']")!.value).toBe(
      'Follow-up and ongoing session [Chartguard fus/1]',
    );
    const box = () => document.querySelector<HTMLInputElement>("input[name='nextAppointment']")!.value;
    for (const answer of ['nextAppointmentAt', 'rebookedAt']) {
      const field = appointment.fields.find((f) => (f.writeFrom ?? f.answer) === answer)!;
      expect(field.direction, answer).not.toBe('read');
      document.querySelector<HTMLInputElement>("input[name='nextAppointment']")!.value = '';
      expect(writePortalValue(field, findElement(field.selectors)!, '2026-11-30T10:30')).toEqual({ ok: true });
      expect(box(), answer).toBe('2026-11-30T10:30');
    }
    // The facts are the portal's: never written.
    const starts = appointment.fields.find((f) => f.answer === 'sessionAt')!;
    expect(writePortalValue(starts, findElement(starts.selectors)!, '2026-11-24T09:00')).toMatchObject({ ok: false });
  });

  it('names a field it can no longer find, once, and still reads the rest', () => {
    load('clinic/appointment.html');
    document.querySelector("select[name='outcome']")!.remove();
    document.querySelector("input[name='nextAppointment']")!.remove();
    const read = readPage(appointment, document);
    expect(read.missingFields).toEqual(['Outcome', 'Next appointment']);
    expect(read.answers).toMatchObject({ sessionAt: '2026-11-23T10:30', appointmentType: 'review' });
  });

  it('tells the saved confirmation apart: absent on an unsaved appointment, present once saved', () => {
    expect(parsed('clinic/appointment.html').querySelectorAll(appointment.saved!.selector)).toHaveLength(0);
    const saved = parsed('clinic/appointment-recorded.html').querySelectorAll(appointment.saved!.selector);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.textContent!.toLowerCase()).toContain(appointment.saved!.text!.toLowerCase());
  });
});

describe('the guide’s prose agrees with its complete adapter', () => {
  /** Snippets are whole JSON values or the inside of an object. */
  const snippetValue = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      return JSON.parse(`{${text}}`);
    }
  };

  it('every smaller adapter snippet is part of the complete adapter', () => {
    const snippets = guideSnippets().map(snippetValue) as Record<string, unknown>[];
    expect(snippets.length).toBeGreaterThanOrEqual(8);
    let checked = 0;
    for (const snippet of snippets) {
      if (snippet.format === 'chartguard-pack/1') continue;
      if (snippet.format === 'chartguard-adapter/1') {
        // The opening example shows a production address; the rest is the same adapter.
        expect({ ...snippet, matches: undefined, pages: undefined }).toEqual({
          ...(guideAdapterData() as object),
          matches: undefined,
          pages: undefined,
        });
      } else if ('selectors' in snippet) {
        expect(
          appointment.fields.some((field) => matches(field, snippet)),
          JSON.stringify(snippet),
        ).toBe(true);
      } else if ('kind' in snippet) {
        expect(page(String(snippet.kind)), String(snippet.kind)).toMatchObject(snippet);
      } else {
        expect(appointment, JSON.stringify(snippet)).toMatchObject(snippet);
      }
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it('shows the clinic’s markup as the clinic serves it', () => {
    const squash = (text: string) => text.replace(/>\s+</g, '><');
    const served = squash(html('clinic/appointment.html'));
    const block = /```html\r?\n([\s\S]*?)\r?\n```/.exec(guideText())![1]!;
    const lines = block
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(served, line).toContain(squash(line));
  });

  it('prints the SDK’s own words for the broken adapter it describes', () => {
    const printed = /```text\r?\n(Invalid portal adapter:[\s\S]*?)\r?\n```/.exec(guideText())![1]!;
    const broken = structuredClone(guideAdapterData()) as {
      id: string;
      pages: { recordId: { group: string }; fields: { kind: string }[] }[];
    };
    broken.id = 'Riverside Clinic';
    broken.pages[0]!.recordId.group = 'ref';
    broken.pages[0]!.fields[0]!.kind = 'dropdown';
    expect(
      (() => {
        try {
          parseAdapter(broken);
          return '';
        } catch (error) {
          return (error as Error).message;
        }
      })(),
    ).toBe(printed);
  });

  it('its other way to take the record id (an attribute on the page) gives the same id', () => {
    const viaAttribute = parseAdapter({
      ...(guideAdapterData() as object),
      pages: [{ ...appointment, recordId: { from: 'attribute', selector: 'section.rc-appointment', attribute: 'data-appointment-ref' } }],
    });
    expect(guideText()).toContain('`{ "from": "attribute", "selector": "section.rc-appointment", "attribute": "data-appointment-ref" }`');
    expect(
      detectPage([viaAttribute], `${ORIGIN}/clinic/appointments/RC-1042`, documentProbe(parsed('clinic/appointment.html')))?.recordId,
    ).toBe('RC-1042');
  });

  it('names only files that exist', () => {
    const named = [...guideText().matchAll(/`((?:test|sdk|checklists|docs|demo|adapters|scripts)\/[\w./-]+)`/g)].map((m) => m[1]!);
    expect(named).toContain('test/e2e/import-adapter.test.ts');
    for (const file of named.filter((name) => !name.includes('*'))) expect(fs.existsSync(path.join(ROOT, file)), file).toBe(true);
  });
});

function matches(field: object, snippet: object): boolean {
  try {
    expect(field).toMatchObject(snippet);
    return true;
  } catch {
    return false;
  }
}

describe('committed fixtures of the built-in portals that portal-adapters.test.ts does not cover', () => {
  const covered = new Set(
    [
      ...fs
        .readFileSync(path.join(ROOT, 'test', 'demo', 'portal-adapters.test.ts'), 'utf8')
        .matchAll(/'((?:mpb|roster|casenotes)\/[\w-]+\.html)'/g),
    ].map((m) => m[1]!),
  );
  const ROUTES: Record<string, string> = {
    'mpb/client.html': '/mpb/clients/c-1001',
    'mpb/elsewhere.html': '/elsewhere',
    'roster/rota.html': '/roster/schedule/2026-11-23',
    'casenotes/clients.html': '/casenotes/clients',
  };
  const uncovered = ['mpb', 'roster', 'casenotes']
    .flatMap((portal) => fs.readdirSync(path.join(FIXTURES, portal)).map((file) => `${portal}/${file}`))
    .filter((file) => !covered.has(file));

  it('are exactly the pages no adapter describes (a new record-page fixture must be added to portal-adapters.test.ts)', () => {
    expect(covered.size).toBeGreaterThanOrEqual(9);
    expect(uncovered.sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it.each(Object.entries(ROUTES))('%s (%s) is recognised by no built-in adapter and not by the guide’s', (file, route) => {
    const doc = parsed(file);
    expect(detectPage([adapter, ...builtInAdapters()], ORIGIN + route, documentProbe(doc))).toBeUndefined();
    // Nor does any record-page predicate of a built-in adapter hold on it.
    for (const a of builtInAdapters()) {
      for (const p of a.pages) {
        const present = p.present ?? [];
        expect(present.length > 0 && present.every((selector) => doc.querySelector(selector)), `${a.id}/${p.kind}`).toBe(false);
      }
    }
  });
});
