// @vitest-environment happy-dom
// The portal builder's selector proposals, on Riverside Clinic's saved pages:
// its numbered ids (ctl-1, ctl-2…) are never proposed while a name or data
// attribute exists, each proposal says how many elements it matches, and
// positional chains come only when nothing else does.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { deepQueryAll } from '../../lib/picker-cursor';
import {
  looksGenerated,
  recordIdAttributes,
  rowOf,
  stableAncestor,
  stableSelf,
  suggestRowSelectors,
  suggestSelectors,
} from '../../lib/selector-suggest';

// From the module's path string: the happy-dom environment replaces the global URL.
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/clinic');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
function load(html: string) {
  // Without its stylesheet link: happy-dom loads no CSS, and the rules do not depend on it.
  document.documentElement.innerHTML = new DOMParser().parseFromString(
    html.replace(/<link[^>]*>/g, ''),
    'text/html',
  ).documentElement.innerHTML;
}
const first = (selector: string) => document.querySelector(selector)!;

describe('looksGenerated', () => {
  it('flags ids numbered in render order, framework ids and hashes', () => {
    for (const token of [
      'ctl-1',
      'ctl-12',
      'field12',
      ':r1:',
      'ember42',
      'react-select-2-input',
      'css-1x9zqa',
      'sc-bdVaJa',
      'a1b2c3d4e5',
      'mui-123',
      'item_7',
    ])
      expect(looksGenerated(token), token).toBe(true);
  });
  it('keeps hand-written names', () => {
    for (const token of [
      'outcome',
      'notes',
      'nextAppointment',
      'attendance',
      'clinical-note',
      'save-encounter',
      'riskFlag',
      'work-frame',
      'rc-slot',
    ])
      expect(looksGenerated(token), token).toBe(false);
  });
});

describe('on an appointment page', () => {
  beforeEach(() => load(fixture('appointment.html')));

  it('proposes the name for a control with a numbered id, never the id while a name exists', () => {
    const outcome = first('select[name="outcome"]');
    expect(outcome.id).toMatch(/^ctl-\d+$/);
    const candidates = suggestSelectors(outcome);
    expect(candidates[0]).toEqual({ selector: "select[name='outcome']", basis: 'name', count: 1 });
    expect(candidates.map((candidate) => candidate.selector).join(' ')).not.toContain('#ctl');
    expect(candidates.every((candidate) => document.querySelector(candidate.selector) === outcome || candidate.count > 1)).toBe(true);
  });

  it('proposes data attributes for read-only facts, and a stable ancestor for a Save button', () => {
    expect(suggestSelectors(first('time[data-rc="starts"]'))[0]!.selector).toBe("[data-rc='starts']");
    const save = suggestSelectors(first('button[type="submit"]')).map((candidate) => candidate.selector);
    expect(save).toContain("form[name='appointment-notes'] button[type='submit']");
    for (const selector of save) expect(document.querySelectorAll(selector)).toHaveLength(1);
  });

  it('counts what each proposal matches, unique ones first', () => {
    const candidates = suggestSelectors(first('[data-rc="type"]'));
    expect(candidates[0]!.count).toBe(1);
    const counts = candidates.map((candidate) => candidate.count);
    expect(counts).toEqual([...counts].sort((a, b) => (a === 1 ? 0 : 1) - (b === 1 ? 0 : 1)));
  });

  it('falls back to a positional chain only when nothing stable exists', () => {
    const bare = document.createElement('span');
    document.querySelector('footer')!.append(bare);
    const [only] = suggestSelectors(bare);
    expect(only!.basis).toBe('position');
    expect(document.querySelector(only!.selector)).toBe(bare);
  });
});

describe('on the day sheet', () => {
  beforeEach(() => load(fixture('appointments.html')));

  it('finds the row of a clicked cell, a selector for every row and the attribute holding the record id', () => {
    const cell = first('.rc-slot-outcome');
    const row = rowOf(cell)!;
    expect(row.matches('li.rc-slot')).toBe(true);
    const [best] = suggestRowSelectors(row);
    expect(best!.selector).toBe("[data-rc='day-sheet'] li.rc-slot[data-appointment-ref]");
    expect(best!.count).toBe(document.querySelectorAll('li.rc-slot').length);
    expect(recordIdAttributes(row, best!.selector).map((attribute) => attribute.name)).toEqual(['data-appointment-ref']);
  });

  it('proposes cell selectors counted within the row', () => {
    const row = first('li.rc-slot');
    const [best] = suggestSelectors(row.querySelector('.rc-slot-outcome')!, { within: row });
    expect(best).toMatchObject({ count: 1 });
    expect(row.querySelector(best!.selector)).toBe(row.querySelector('.rc-slot-outcome'));
  });
});

describe('inside an open shadow root (a web component’s own Save)', () => {
  beforeEach(() => {
    document.body.innerHTML = `<form id="encounter-form"><button type="submit" id="save-encounter">Save</button><hb-sign-bar id="sign-bar"></hb-sign-bar></form>`;
    const root = document.getElementById('sign-bar')!.attachShadow({ mode: 'open' });
    root.innerHTML = `<div class="bar"><button type="button" id="sign-save">Sign and save</button></div>`;
  });

  it('proposes a selector matched inside the root, counted there (the document alone cannot see the button)', () => {
    const button = document.getElementById('sign-bar')!.shadowRoot!.getElementById('sign-save')!;
    expect(document.querySelector('#sign-save')).toBeNull();
    const [best] = suggestSelectors(button);
    expect(best).toEqual({ selector: 'button#sign-save', basis: 'id', count: 1 });
    // What the Save guard does with it: `closest` on the click's composed target.
    expect(button.closest(best!.selector)).toBe(button);
  });

  it('finds it with deepQueryAll, as the builder’s health check and outlines count it', () => {
    expect(deepQueryAll(document, 'button#sign-save')).toHaveLength(1);
    expect(deepQueryAll(document, 'button')).toHaveLength(2);
  });
});

describe('ARIA names and class names', () => {
  it('proposes an ARIA name over a generated id, and only hand-written class names', () => {
    document.body.innerHTML = `<div><button id="ember42" class="css-1x9zqa sign-button" aria-label="Sign the note">✓</button><button class="css-77abcd">Other</button></div>`;
    const button = document.getElementById('ember42')!;
    const selectors = suggestSelectors(button).map((candidate) => candidate.selector);
    expect(selectors[0]).toBe("button[aria-label='Sign the note']");
    expect(selectors).toContain('button.sign-button');
    expect(selectors.join(' ')).not.toMatch(/ember42|css-/);
  });
});

describe('stableSelf', () => {
  it('names a form by its own name or id, and nothing without one, while the nearest stable ancestor of a radio is its fieldset', () => {
    document.body.innerHTML =
      '<form id="handover-form" name="handover"><fieldset id="visit-type"><input type="radio" name="visitType" value="FIRST"></fieldset></form><div><span>x</span></div>';
    expect(stableSelf(first('form'))).toBe("form[name='handover']");
    expect(stableSelf(first('div'))).toBeUndefined();
    expect(stableAncestor(first('input'))).toBe('fieldset#visit-type');
  });
});
