// Widgets driven from the content script as a user would drive them, with
// real DOM events the page's framework listens for: an ARIA combobox (open,
// type, choose: MUI Select and Autocomplete, and their Angular and Vue kin)
// and MUI X's date field (its hidden input takes a whole value like a paste).
// No page object is touched, so these need no page-world bridge.
import type { WriteResult } from './portal-fields';

const WAIT_MS = 3_000;

/** Resolves with what `find` returns once it returns something, or undefined after a few seconds. */
function waitFor<T>(find: () => T | null | undefined | false): Promise<T | undefined> {
  const deadline = Date.now() + WAIT_MS;
  return new Promise((resolve) => {
    const tick = () => {
      const found = find();
      if (found) resolve(found);
      else if (Date.now() > deadline) resolve(undefined);
      else setTimeout(tick, 16);
    };
    tick();
  });
}

function setValueAsTyped(input: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  if (setter) setter.call(input, value);
  else input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: value }));
}

const normalised = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

/** The value a combobox holds: its input's, or the hidden input a select-like one keeps beside it. */
function heldValue(combobox: Element): string {
  if (combobox instanceof HTMLInputElement) return combobox.value;
  const hidden = combobox.parentElement?.querySelector('input[name]:not([type=radio]):not([type=checkbox])');
  return hidden instanceof HTMLInputElement ? hidden.value : (combobox.textContent ?? '').trim();
}

function listboxOf(combobox: Element): Element | null {
  const doc = combobox.ownerDocument;
  const controls = combobox.getAttribute('aria-controls') ?? combobox.getAttribute('aria-owns');
  const named = controls ? doc.getElementById(controls) : null;
  if (named) return named;
  return combobox.id
    ? (doc.getElementById(`${combobox.id}-listbox`) ?? doc.querySelector('[role="listbox"]'))
    : doc.querySelector('[role="listbox"]');
}

function optionFor(listbox: Element, value: string): HTMLElement | undefined {
  const options = [...listbox.querySelectorAll<HTMLElement>('[role="option"]')];
  return (
    options.find((option) => option.getAttribute('data-value') === value) ??
    options.find((option) => normalised(option.textContent) === normalised(value))
  );
}

/** Opens the combobox, types the value where it takes typing, and chooses the option that matches it. */
export async function driveAriaCombobox(combobox: Element, value: string): Promise<WriteResult> {
  if (!(combobox instanceof HTMLElement)) return { ok: false, reason: 'the element is not a combobox' };
  if (combobox.getAttribute('aria-disabled') === 'true' || (combobox instanceof HTMLInputElement && combobox.disabled))
    return { ok: false, reason: 'the field is disabled in the portal' };
  if (normalised(heldValue(combobox)) === normalised(value)) return { ok: true };
  combobox.focus();
  if (combobox instanceof HTMLInputElement) setValueAsTyped(combobox, value);
  else combobox.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true, button: 0, view: window }));
  const option = await waitFor(() => {
    const listbox = listboxOf(combobox);
    return listbox ? optionFor(listbox, value) : undefined;
  });
  if (!option) {
    combobox.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    return { ok: false, reason: `the portal offers no option “${value}”` };
  }
  option.click();
  const taken = await waitFor(
    () =>
      normalised(heldValue(combobox)) === normalised(value) ||
      normalised(heldValue(combobox)) === normalised(option.getAttribute('data-value')),
  );
  return taken ? { ok: true } : { ok: false, reason: `the portal did not take “${value}”` };
}

/**
 * MUI X's date field mirrors its value into a hidden input and parses whatever that input is given
 * as a whole value: the visible sections then show it.
 */
export async function writeMuiDateField(element: Element, value: string): Promise<WriteResult> {
  const input = element instanceof HTMLInputElement ? element : element.parentElement?.querySelector('input');
  if (!(input instanceof HTMLInputElement)) return { ok: false, reason: 'the date field has no input' };
  if (input.disabled) return { ok: false, reason: 'the field is disabled in the portal' };
  setValueAsTyped(input, value);
  const taken = await waitFor(() => input.value === value);
  return taken ? { ok: true } : { ok: false, reason: `the date picker did not take “${value}”` };
}
