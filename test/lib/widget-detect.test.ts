// @vitest-environment happy-dom
// What the portal builder recognises under a click, in markup shaped like the
// widget libraries render it (Hollybrook's flatpickr, demo/legacy/legacy.js):
// a click on flatpickr's visible twin is the submitted input, timed or not by
// that input's own clues, not by the twin's display format.
import { describe, expect, it } from 'vitest';
import { recognise } from '../../lib/widget-detect';

function flatpickr(submitted: string): HTMLInputElement {
  const cell = document.createElement('td');
  cell.innerHTML = `${submitted}<input class="form-control input" type="text" readonly>`;
  document.body.replaceChildren(cell);
  return cell.lastElementChild as HTMLInputElement;
}

describe('recognise: flatpickr with altInput', () => {
  it('an empty time field is a date and time by its name or placeholder', () => {
    for (const submitted of [
      '<input type="hidden" id="informed-at" name="informedAt" class="flatpickr-input" value="">',
      '<input type="hidden" id="seen" name="seen" class="flatpickr-input" placeholder="DD/MM/YYYY HH:mm" value="">',
    ]) {
      const twin = flatpickr(submitted);
      const found = recognise(twin);
      expect(found.control).toBe(twin.previousElementSibling);
      expect({ kind: found.kind, widget: found.widget }).toEqual({ kind: 'datetime', widget: 'flatpickr' });
    }
  });
  it('a plain date stays a date', () => {
    const twin = flatpickr('<input type="hidden" id="born" name="born" class="flatpickr-input" value="12/03/1980">');
    expect({ kind: recognise(twin).kind, widget: recognise(twin).widget }).toEqual({ kind: 'date', widget: 'flatpickr' });
  });
});
