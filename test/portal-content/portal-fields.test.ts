// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
// Reading and writing the portal's own fields as the adapter describes them,
// on the committed session-page snapshot: what a portal's framework would see
// is what a user's typing produces (native setter, input then change).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AdapterPage, PortalField } from '@chartguard/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  findElement,
  readPage,
  readPortalValue,
  writePortalValue,
} from '../../entrypoints/portal.content/features/bridge-client/portal-fields';
import { builtInAdapters } from '../../lib/catalog/built-in';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/mpb');
const sessionHtml = fs.readFileSync(path.join(FIXTURES, 'session.html'), 'utf8');

const sessionPage: AdapterPage = builtInAdapters()
  .find((adapter) => adapter.id === 'mpb-demo')!
  .pages.find((page) => page.kind === 'session')!;
const portalField = (name: string): PortalField => {
  const field = sessionPage.fields.find((candidate) => candidate.name === name);
  if (!field) throw new Error(`no adapter field ${name}`);
  return field;
};
const CANCELLED = 'Appointment Cancelled by Therapist/VHG';

beforeEach(() => {
  // The live document, so events dispatch and element classes are this window's.
  document.body.innerHTML = new DOMParser().parseFromString(sessionHtml, 'text/html').body.innerHTML;
});
afterEach(() => {
  document.body.innerHTML = '';
});

const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector)!;

/** Every input/change event the element fires, in order, with the value it had at that moment. */
function recordEvents(element: Element) {
  const seen: string[] = [];
  for (const type of ['input', 'change']) {
    // On the document, bubbling: the way a delegating framework listens.
    document.addEventListener(type, (event) => {
      if (event.target === element) seen.push(`${type}:${(element as HTMLInputElement).value ?? element.textContent}:${event.bubbles}`);
    });
  }
  return seen;
}

describe('readPage on the session snapshot', () => {
  it('reads what the portal shows, mapped to checklist values', () => {
    const read = readPage(sessionPage, document);
    expect(read.missingFields).toEqual([]);
    expect(read.note).toBe('');
    // Attendance is still "-- Select --": no answer rather than an empty one.
    expect(read.answers).not.toHaveProperty('attendance');
    expect(read.answers).not.toHaveProperty('nextSessionInPortal');
    expect(read.answers.preferredMethod).toBe('phone');
    // The session time comes from data-iso, not from the displayed 23/11/2026 14:00.
    expect(read.answers.sessionAt).toBe('2026-11-23T14:00');
    expect($('#session-start').textContent).toBe('23/11/2026 14:00');
  });

  it('maps the portal’s attendance label to the SDK code, and reads note and next session as typed', () => {
    $<HTMLSelectElement>('#attendance').value = CANCELLED;
    $<HTMLTextAreaElement>('#clinical-note').value = 'Line one\nLine two';
    $<HTMLInputElement>('#next-session').value = '2026-12-03T14:00';
    const read = readPage(sessionPage, document);
    expect(read.answers.attendance).toBe('cancelled-by-provider');
    expect(read.answers.nextSessionInPortal).toBe('2026-12-03T14:00');
    expect(read.note).toBe('Line one\nLine two');
  });

  it('a preferred method the map does not know passes through unchanged', () => {
    $('#preferred-contact').textContent = '  Carrier pigeon ';
    expect(readPage(sessionPage, document).answers.preferredMethod).toBe('Carrier pigeon');
  });

  it('lists the fields the page no longer has, and reads the rest', () => {
    $('#next-session').remove();
    $('#preferred-contact').remove();
    const read = readPage(sessionPage, document);
    expect(read.missingFields.sort()).toEqual(['Add next session', 'Preferred contact method']);
    expect(read.answers.sessionAt).toBe('2026-11-23T14:00');
  });

  it('finds a field by its fallback selector', () => {
    $('#attendance').removeAttribute('id');
    $<HTMLSelectElement>('select[name="attendance"]').value = 'Attended';
    expect(readPage(sessionPage, document).answers.attendance).toBe('attended');
  });

  it('skips write-only answer fields', () => {
    const page: AdapterPage = { ...sessionPage, fields: [{ ...portalField('Add next session'), direction: 'write' }] };
    $<HTMLInputElement>('#next-session').value = '2026-12-03T14:00';
    expect(readPage(page, document)).toEqual({ answers: {}, note: '', missingFields: [] });
  });

  it('accepts a select whose option values are the portal’s internal codes, by the option label', () => {
    const select = $<HTMLSelectElement>('#attendance');
    select.innerHTML = '<option value="">--</option><option value="7">Appointment Cancelled by Therapist/VHG</option>';
    select.value = '7';
    expect(readPortalValue(portalField('Attendance'), select)).toBe(CANCELLED);
    expect(readPage(sessionPage, document).answers.attendance).toBe('cancelled-by-provider');
  });
});

describe('writePortalValue', () => {
  it('selects the portal’s label for an SDK code and fires input then change', () => {
    const select = $<HTMLSelectElement>('#attendance');
    const events = recordEvents(select);
    expect(writePortalValue(portalField('Attendance'), select, 'cancelled-by-provider')).toEqual({ ok: true });
    expect(select.value).toBe(CANCELLED);
    expect(select.selectedOptions[0]!.textContent).toBe(CANCELLED);
    expect(events).toEqual([`input:${CANCELLED}:true`, `change:${CANCELLED}:true`]);
  });

  it('writes the note into the textarea and the next session into the datetime input, with events', () => {
    const note = $<HTMLTextAreaElement>('#clinical-note');
    const next = $<HTMLInputElement>('#next-session');
    const noteEvents = recordEvents(note);
    const nextEvents = recordEvents(next);
    expect(writePortalValue(portalField('Clinical Note'), note, '[Chartguard snc/1]\nAgreed: x')).toEqual({ ok: true });
    expect(writePortalValue(portalField('Add next session'), next, '2026-12-03T14:00')).toEqual({ ok: true });
    expect(note.value).toBe('[Chartguard snc/1]\nAgreed: x');
    expect(next.value).toBe('2026-12-03T14:00');
    expect(noteEvents).toEqual(['input:[Chartguard snc/1]\nAgreed: x:true', 'change:[Chartguard snc/1]\nAgreed: x:true']);
    expect(nextEvents).toEqual(['input:2026-12-03T14:00:true', 'change:2026-12-03T14:00:true']);
  });

  it('goes through the native value setter, as React-style value tracking needs', () => {
    const note = $<HTMLTextAreaElement>('#clinical-note');
    const instanceWrites: string[] = [];
    // A framework wraps the instance's value property; a plain assignment would only reach this wrapper.
    Object.defineProperty(note, 'value', {
      configurable: true,
      get: () => 'stale',
      set: (value: string) => instanceWrites.push(value),
    });
    expect(writePortalValue(portalField('Clinical Note'), note, 'typed')).toEqual({ ok: true });
    expect(instanceWrites).toEqual([]);
    delete (note as { value?: unknown }).value;
    expect(note.value).toBe('typed');
  });

  it.each([
    [
      'a disabled select',
      '#attendance',
      'Attendance',
      'cancelled-by-provider',
      (element: HTMLSelectElement) => (element.disabled = true),
      /disabled/,
    ],
    [
      'a disabled textarea',
      '#clinical-note',
      'Clinical Note',
      'note',
      (element: HTMLTextAreaElement) => (element.disabled = true),
      /disabled/,
    ],
    [
      'a read-only textarea',
      '#clinical-note',
      'Clinical Note',
      'note',
      (element: HTMLTextAreaElement) => (element.readOnly = true),
      /read-only/,
    ],
    [
      'a disabled input',
      '#next-session',
      'Add next session',
      '2026-12-03T14:00',
      (element: HTMLInputElement) => (element.disabled = true),
      /disabled/,
    ],
    [
      'a read-only input',
      '#next-session',
      'Add next session',
      '2026-12-03T14:00',
      (element: HTMLInputElement) => (element.readOnly = true),
      /read-only/,
    ],
  ] as const)('leaves %s alone and says why', (_, selector, name, value, lock, reason) => {
    const element = $<HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement>(selector);
    lock(element);
    const before = element.value;
    const events = recordEvents(element);
    const result = writePortalValue(portalField(name), element, value);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
    expect(element.value).toBe(before);
    expect(events).toEqual([]);
  });

  it('refuses an option the portal does not have, and a static display field', () => {
    const select = $<HTMLSelectElement>('#attendance');
    const events = recordEvents(select);
    const missing = writePortalValue(portalField('Attendance'), select, 'teleported');
    expect(missing).toEqual({ ok: false, reason: expect.stringContaining('teleported') });
    expect(select.value).toBe('');
    const fixed = writePortalValue(portalField('Preferred contact method'), $('#preferred-contact'), 'email');
    expect(fixed.ok).toBe(false);
    expect($('#preferred-contact').textContent).toBe('Phone call');
    expect(events).toEqual([]);
  });

  it('accepts an option matched by its label when values are internal codes', () => {
    const select = $<HTMLSelectElement>('#attendance');
    select.innerHTML =
      '<option value="">--</option><option value="1">Attended</option><option value="7">Appointment Cancelled by Therapist/VHG</option>';
    expect(writePortalValue(portalField('Attendance'), select, 'cancelled-by-provider')).toEqual({ ok: true });
    expect(select.value).toBe('7');
  });

  it('writes text into a contenteditable editor, and refuses an element that holds no value', () => {
    const editor = document.createElement('div');
    editor.contentEditable = 'true';
    document.body.append(editor);
    const events = recordEvents(editor);
    const field: PortalField = { ...portalField('Clinical Note'), kind: 'contenteditable', selectors: ['div[contenteditable]'] };
    expect(writePortalValue(field, editor, 'Agreed: call Friday')).toEqual({ ok: true });
    expect(editor.textContent).toBe('Agreed: call Friday');
    expect(events.map((event) => event.split(':')[0])).toEqual(['input', 'change']);

    const plain = document.createElement('div');
    expect(writePortalValue({ ...field, kind: 'text' }, plain, 'x').ok).toBe(false);
  });

  it('round-trips: what Apply writes, readPage reads back', () => {
    for (const field of sessionPage.fields.filter((candidate) => candidate.direction !== 'read')) {
      const element = findElement(field.selectors, document)!;
      const value = field.role === 'note' ? 'Note text' : field.answer === 'attendance' ? 'did-not-attend' : '2026-12-03T14:00';
      expect(writePortalValue(field, element, value), field.name).toEqual({ ok: true });
    }
    const read = readPage(sessionPage, document);
    expect(read.note).toBe('Note text');
    expect(read.answers).toMatchObject({ attendance: 'did-not-attend', nextSessionInPortal: '2026-12-03T14:00' });
  });
});
