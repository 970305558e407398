// Reads and writes the portal's own fields exactly as the adapter describes
// them, the way a user's typing would: native value setters and the events a
// framework-controlled input listens for; and, for a field the adapter says a
// widget library runs, through that widget (the page-world bridge, or real DOM
// events for an ARIA combobox), reading what the widget shows rather than a
// control it leaves stale.
import {
  formatPortalDate,
  fromPortalValue,
  parsePortalDate,
  toPortalValue,
  type AdapterPage,
  type Answer,
  type PortalField,
} from '@chartguard/sdk/runtime';
import { pageBridge, pageBridgeReady, type BridgeClient } from '../../../../lib/bridge-client';
import type { WidgetState } from '../../../../lib/bridge-protocol';
import { textWithLines } from '../list-badges/badges-read';
import { driveAriaCombobox, writeMuiDateField } from './portal-widgets';

// Kept beside the router, which asks it at every page change without the rest of this module.
export { findElement } from '../../dom';
import { findElement } from '../../dom';

/** Every element the first matching selector finds: a radio group's options. */
function findAll(selectors: readonly string[], root: ParentNode): Element[] {
  for (const selector of selectors) {
    try {
      const elements = [...root.querySelectorAll(selector)];
      if (elements.length) return elements;
    } catch {
      // As findElement.
    }
  }
  return [];
}

/** The text of a rich-text note as lines, as the SDK's note parser reads it: paragraphs and breaks become new lines. */
function noteText(element: Element): string {
  // Editors keep an empty paragraph as a non-breaking space (`<p>&nbsp;</p>`): an empty line.
  return textWithLines(element)
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => (line.trim() === '' ? '' : line))
    .join('\n')
    .replace(/\n+$/, '');
}

/** The text of a note the page holds as HTML in a form control (an editor's textarea before it starts), parsed inertly. */
function htmlText(html: string): string {
  if (!/[<&]/.test(html)) return html;
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  return noteText(parsed.body);
}

/** The element a rich-text editor edits in, when it has started; null before. */
function editorSurface(field: PortalField, element: Element): Element | null {
  switch (field.widget) {
    case 'tinymce': {
      const frame = element.id ? element.ownerDocument.getElementById(`${element.id}_ifr`) : null;
      return frame instanceof HTMLIFrameElement ? (frame.contentDocument?.body ?? null) : null;
    }
    case 'ckeditor5':
      return element.matches('.ck-editor__editable')
        ? element
        : (element.querySelector('.ck-editor__editable') ?? element.nextElementSibling?.querySelector('.ck-editor__editable') ?? null);
    case 'quill':
      return element.matches('.ql-editor') ? element : element.querySelector('.ql-editor');
    default:
      return null;
  }
}

/** The value an ARIA combobox holds: its own input's, or the hidden input a select-like combobox keeps beside it (MUI Select). */
function comboboxValue(element: Element): string {
  if (element instanceof HTMLInputElement) return element.value;
  const hidden = element.parentElement?.querySelector('input[name]:not([type=radio]):not([type=checkbox])');
  return hidden instanceof HTMLInputElement ? hidden.value : (element.textContent ?? '').trim();
}

/** The portal's raw value of a field, or undefined when the field is absent. */
export function readPortalValue(field: PortalField, element: Element, root: ParentNode = document, widgetState?: WidgetState): string {
  if (field.kind === 'radio') {
    const checked = findAll(field.selectors, root).find((option) => option instanceof HTMLInputElement && option.checked) as
      | HTMLInputElement
      | undefined;
    return checked?.value ?? '';
  }
  if (field.kind === 'checkbox') return element instanceof HTMLInputElement && element.checked ? 'true' : 'false';
  if (field.attribute) return element.getAttribute(field.attribute) ?? '';
  if (field.kind === 'richtext') {
    const surface = editorSurface(field, element);
    const stored =
      element instanceof HTMLTextAreaElement || element instanceof HTMLInputElement ? element.value : (element.textContent ?? '');
    // An editor still starting shows an empty surface over the note its control holds: while the surface is
    // empty and the widget not ready, the control's own value is the note.
    const shown = surface ? noteText(surface) : undefined;
    const control = element instanceof HTMLTextAreaElement || element instanceof HTMLInputElement;
    if (shown !== undefined && (shown.trim() || widgetState === 'ready' || !control || !stored.trim())) return shown;
    return field.html ? htmlText(stored) : stored;
  }
  if (field.widget === 'aria-combobox') return comboboxValue(element);
  if (element instanceof HTMLSelectElement) {
    const option = element.selectedOptions[0];
    if (!option || option.value === '') return '';
    // Some portals keep codes in value and labels in text: accept either against the map.
    const byValue = fromPortalValue(field.valueMap, option.value, field.aliases);
    return byValue !== option.value || !field.valueMap ? option.value : (option.textContent ?? '').trim();
  }
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)
    return field.html ? htmlText(element.value) : element.value;
  if (field.kind === 'contenteditable')
    return field.html ? noteText(element) : ((element as HTMLElement).innerText ?? element.textContent ?? '');
  return (element.textContent ?? '').trim();
}

/** A portal value as the checklist reads it: the value map and its other labels, and dates in the portal's own format. */
function toAnswer(field: PortalField, raw: string): Answer {
  // A checkbox without a value map is a yes/no, as the checklist's boolean fields read it.
  if (field.kind === 'checkbox' && !field.valueMap) return raw === 'true';
  const value = fromPortalValue(field.valueMap, raw, field.aliases);
  return field.format && value === raw ? parsePortalDate(raw, field.format) : value;
}

/**
 * Part 7 of issue 14: what Chartguard can say about a field. `missing`: the page has no such element;
 * `not-started`: the element is there but its widget library has not started on it (yet);
 * `unanswered`: there and working, holding no answer; `answered`.
 */
export type FieldHealth = 'missing' | 'not-started' | 'unanswered' | 'answered';

export type WidgetProbe = (field: PortalField) => WidgetState | undefined;

/** The widget's state as the page-world bridge sees it; undefined while the bridge is not running. */
function bridgeProbe(bridge: BridgeClient | undefined): WidgetProbe {
  return (field) =>
    bridge && field.widget ? bridge.call({ op: 'state', widget: field.widget, selectors: field.selectors })?.state : undefined;
}

export interface PortalRead {
  answers: Record<string, Answer>;
  note: string;
  /** Fields the page truly lacks. */
  missingFields: string[];
  /** Fields that are there but whose widget has not started (read from the control the widget will run). */
  notStarted?: string[];
  /** Each field's state, by field name. */
  health?: Record<string, FieldHealth>;
}

export function readPage(page: AdapterPage, root: ParentNode = document, probe?: WidgetProbe): PortalRead {
  const answers: Record<string, Answer> = {};
  const missingFields: string[] = [];
  const notStarted: string[] = [];
  const health: Record<string, FieldHealth> = {};
  // The bridge starts on the first read of a record page whose adapter names a widget.
  const widgetState = probe ?? bridgeProbe(page.fields.some((field) => field.widget) ? pageBridge() : undefined);
  let note = '';
  for (const field of page.fields) {
    if (field.direction === 'write' && field.role === 'answer') continue;
    const element = findElement(field.selectors, root);
    if (!element) {
      // Several answers may come from one portal element (one name): report it once.
      if (!missingFields.includes(field.name)) missingFields.push(field.name);
      health[field.name] = 'missing';
      continue;
    }
    const state = field.widget ? widgetState(field) : undefined;
    // A rich-text editor whose editing surface is not there yet has not started, whether or not the bridge runs yet.
    const editorMissing = field.kind === 'richtext' && field.widget !== undefined && state !== 'ready' && !editorSurface(field, element);
    if (state === 'not-started' || editorMissing) {
      if (!notStarted.includes(field.name)) notStarted.push(field.name);
      health[field.name] = 'not-started';
    }
    const raw = readPortalValue(field, element, root, state);
    const answered = raw.trim() !== '';
    health[field.name] ??= answered ? 'answered' : 'unanswered';
    if (field.role === 'note') note = raw;
    else if (field.answer && answered) answers[field.answer] = toAnswer(field, raw.trim());
  }
  const read: PortalRead = { answers, note, missingFields };
  if (notStarted.length) read.notStarted = notStarted;
  if (page.fields.some((field) => field.widget || field.kind === 'radio' || field.kind === 'checkbox')) read.health = health;
  return read;
}

export type WriteResult = { ok: true } | { ok: false; reason: string };

export function setNativeValue(element: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) {
  const prototype = Object.getPrototypeOf(element) as object;
  const setter = Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
  if (setter) setter.call(element, value);
  else element.value = value;
}

/** The value Apply writes for a checklist value: the portal's label, in the portal's date format where it declares one. */
export function portalValueOf(field: PortalField, value: string): string {
  const dated = field.format ? formatPortalDate(value, field.format) : value;
  return toPortalValue(field.valueMap, dated);
}

/** Writes a native control (and a plain contenteditable) as typing would. */
export function writePortalValue(field: PortalField, element: Element, value: string): WriteResult {
  const portalValue = portalValueOf(field, value);
  if (field.kind === 'static') return { ok: false, reason: 'the portal shows this value but does not let it be edited' };
  if (element instanceof HTMLSelectElement) {
    if (element.disabled) return { ok: false, reason: 'the field is disabled in the portal' };
    const option = [...element.options].find(
      (candidate) => candidate.value === portalValue || (candidate.textContent ?? '').trim() === portalValue,
    );
    if (!option) return { ok: false, reason: `the portal has no option “${portalValue}”` };
    setNativeValue(element, option.value);
  } else if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
    if (element.disabled) return { ok: false, reason: 'the field is disabled in the portal' };
    if (element.readOnly) return { ok: false, reason: 'the field is read-only in the portal' };
    setNativeValue(element, portalValue);
  } else if (element instanceof HTMLElement && element.isContentEditable) {
    const doc = element.ownerDocument;
    const lines = portalValue.split(/\r?\n/);
    if (field.html) {
      // A note stored as HTML is paragraphs, as the browser's own editing makes them.
      element.replaceChildren(
        ...lines.map((line) => {
          const paragraph = doc.createElement('p');
          if (line) paragraph.textContent = line;
          else paragraph.append(doc.createElement('br'));
          return paragraph;
        }),
      );
    } else {
      // Lines as text separated by <br>, as typing produces: plain textContent
      // would lose every line break unless the portal styles the box pre-wrap.
      element.replaceChildren(
        ...lines.flatMap((line, index) => (index ? [doc.createElement('br'), doc.createTextNode(line)] : [doc.createTextNode(line)])),
      );
    }
  } else {
    return { ok: false, reason: 'the element cannot hold a value' };
  }
  element.dispatchEvent(new Event('input', { bubbles: true }));
  element.dispatchEvent(new Event('change', { bubbles: true }));
  return { ok: true };
}

/** Chooses a radio group's option or sets a checkbox by clicking it, as the user would, so the page's own handlers run. */
function writeChoice(field: PortalField, element: Element, value: string, root: ParentNode): WriteResult {
  const portalValue = portalValueOf(field, value);
  if (field.kind === 'radio') {
    const option = findAll(field.selectors, root).find(
      (candidate) => candidate instanceof HTMLInputElement && candidate.value === portalValue,
    ) as HTMLInputElement | undefined;
    if (!option) return { ok: false, reason: `the portal has no option “${portalValue}”` };
    if (option.disabled) return { ok: false, reason: 'the field is disabled in the portal' };
    if (!option.checked) option.click();
    return option.checked ? { ok: true } : { ok: false, reason: `the portal did not take “${portalValue}”` };
  }
  if (!(element instanceof HTMLInputElement)) return { ok: false, reason: 'the element is not a checkbox' };
  if (!/^(true|false)$/.test(portalValue)) return { ok: false, reason: `a checkbox is ticked or not, not “${portalValue}”` };
  if (element.disabled) return { ok: false, reason: 'the field is disabled in the portal' };
  const wanted = portalValue === 'true';
  if (element.checked !== wanted) element.click();
  return element.checked === wanted ? { ok: true } : { ok: false, reason: 'the portal did not take the tick' };
}

/**
 * Writes one field the way its widget is driven: native controls and choices directly, widget
 * libraries through the page-world bridge, an ARIA combobox and MUI X's date field by real DOM
 * events. A widget that is not running is never written around (its own control would go stale).
 */
export async function writeField(field: PortalField, element: Element, value: string, root: ParentNode = document): Promise<WriteResult> {
  if (field.kind === 'radio' || field.kind === 'checkbox') return writeChoice(field, element, value, root);
  if (!field.widget) return writePortalValue(field, element, value);
  const portalValue = portalValueOf(field, value);
  if (field.widget === 'aria-combobox') return driveAriaCombobox(element, portalValue);
  if (field.widget === 'mui-date-picker') return writeMuiDateField(element, portalValue);
  const bridge = await pageBridgeReady();
  if (!bridge) return { ok: false, reason: `Chartguard could not reach the page's ${field.widget} to write it` };
  const reply = bridge.call({ op: 'write', widget: field.widget, selectors: field.selectors, value: portalValue });
  if (!reply) return { ok: false, reason: `the page's ${field.widget} did not answer` };
  if (reply.state === 'not-started') return { ok: false, reason: `the ${field.widget} widget has not started on the page yet` };
  if (reply.state === 'absent') return { ok: false, reason: 'not found on this page' };
  return reply.ok ? { ok: true } : { ok: false, reason: reply.error ?? `the page's ${field.widget} refused the value` };
}

/** Before judging a Save: editors that keep their content apart from the submitted control push it there first. */
export function syncEditors(page: AdapterPage) {
  const bridge = pageBridge();
  if (!bridge) return;
  for (const field of page.fields)
    if (field.widget === 'tinymce' || field.widget === 'ckeditor5')
      bridge.call({ op: 'sync', widget: field.widget, selectors: field.selectors });
}
