// Reads and writes the portal's own fields exactly as the adapter describes
// them, the way a user's typing would: native value setters and the events a
// framework-controlled input listens for.
import { fromPortalValue, toPortalValue, type AdapterPage, type Answer, type PortalField } from '@chartguard/sdk/runtime';

export function findElement(selectors: readonly string[], root: ParentNode = document): Element | null {
  for (const selector of selectors) {
    try {
      const element = root.querySelector(selector);
      if (element) return element;
    } catch {
      // An invalid selector in an imported adapter must not stop the others.
    }
  }
  return null;
}

/** The portal's raw value of a field, or undefined when the field is absent. */
export function readPortalValue(field: PortalField, element: Element): string {
  if (field.attribute) return element.getAttribute(field.attribute) ?? '';
  if (element instanceof HTMLSelectElement) {
    const option = element.selectedOptions[0];
    if (!option || option.value === '') return '';
    // Some portals keep codes in value and labels in text: accept either against the map.
    const byValue = fromPortalValue(field.valueMap, option.value);
    return byValue !== option.value || !field.valueMap ? option.value : (option.textContent ?? '').trim();
  }
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) return element.value;
  if (field.kind === 'contenteditable') return (element as HTMLElement).innerText ?? element.textContent ?? '';
  return (element.textContent ?? '').trim();
}

export interface PortalRead {
  answers: Record<string, Answer>;
  note: string;
  missingFields: string[];
}

export function readPage(page: AdapterPage, root: ParentNode = document): PortalRead {
  const answers: Record<string, Answer> = {};
  const missingFields: string[] = [];
  let note = '';
  for (const field of page.fields) {
    if (field.direction === 'write' && field.role === 'answer') continue;
    const element = findElement(field.selectors, root);
    if (!element) {
      // Several answers may come from one portal element (one name): report it once.
      if (!missingFields.includes(field.name)) missingFields.push(field.name);
      continue;
    }
    const raw = readPortalValue(field, element);
    if (field.role === 'note') note = raw;
    else if (field.answer && raw.trim() !== '') answers[field.answer] = fromPortalValue(field.valueMap, raw.trim());
  }
  return { answers, note, missingFields };
}

export type WriteResult = { ok: true } | { ok: false; reason: string };

function setNativeValue(element: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) {
  const prototype = Object.getPrototypeOf(element) as object;
  const setter = Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
  if (setter) setter.call(element, value);
  else element.value = value;
}

export function writePortalValue(field: PortalField, element: Element, value: string): WriteResult {
  const portalValue = toPortalValue(field.valueMap, value);
  if (field.kind === 'static') return { ok: false, reason: 'the portal shows this value but does not let it be edited' };
  if (element instanceof HTMLSelectElement) {
    if (element.disabled) return { ok: false, reason: 'the field is disabled in the portal' };
    const option = [...element.options].find((candidate) => candidate.value === portalValue || (candidate.textContent ?? '').trim() === portalValue);
    if (!option) return { ok: false, reason: `the portal has no option “${portalValue}”` };
    setNativeValue(element, option.value);
  } else if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
    if (element.disabled) return { ok: false, reason: 'the field is disabled in the portal' };
    if (element.readOnly) return { ok: false, reason: 'the field is read-only in the portal' };
    setNativeValue(element, portalValue);
  } else if (element instanceof HTMLElement && element.isContentEditable) {
    // Lines as text separated by <br>, as typing produces: plain textContent
    // would lose every line break unless the portal styles the box pre-wrap.
    const doc = element.ownerDocument;
    const lines = portalValue.split(/\r?\n/);
    element.replaceChildren(...lines.flatMap((line, index) => (index ? [doc.createElement('br'), doc.createTextNode(line)] : [doc.createTextNode(line)])));
  } else {
    return { ok: false, reason: 'the element cannot hold a value' };
  }
  element.dispatchEvent(new Event('input', { bubbles: true }));
  element.dispatchEvent(new Event('change', { bubbles: true }));
  return { ok: true };
}
