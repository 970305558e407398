// Recognises what a user clicked while setting up a portal: the portal
// control behind it (a select2 box stands for its hidden <select>, a TinyMCE
// frame for its <textarea>), the adapter's element kind, and the widget
// library that runs it, from the marks each library leaves in the DOM. The
// page-world bridge's drivers (lib/page-bridge/) then confirm a widget has
// started with the very checks the content script relies on.
import type { ElementKind, Widget } from '@chartguard/sdk';

export interface Recognised {
  /** The element an adapter names: the control the portal submits, or the editor's root. */
  control: Element;
  kind: ElementKind;
  widget?: Widget;
  /** A radio group: the selector should match every radio of the group. */
  group?: boolean;
}

// By tag name rather than instanceof: the keyboard picker in the top frame reads elements of same-origin child
// frames, whose classes are that frame's own (an <input> there is not this window's HTMLInputElement).
const isInput = (element: Element | null | undefined): element is HTMLInputElement => element?.tagName === 'INPUT';
const isSelect = (element: Element | null | undefined): element is HTMLSelectElement => element?.tagName === 'SELECT';
const isTextArea = (element: Element | null | undefined): element is HTMLTextAreaElement => element?.tagName === 'TEXTAREA';

const DATE_VALUE = /^(?:\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4})$/;
const DATETIME_VALUE = /^(?:\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4})[ T]\d{1,2}:\d{2}(?::\d{2})?$/;

/** The element before `element` among its siblings that matches `selector`. */
function previousMatching(element: Element, selector: string): Element | undefined {
  for (let node = element.previousElementSibling; node; node = node.previousElementSibling) if (node.matches(selector)) return node;
  return undefined;
}

function inputKind(input: HTMLInputElement): { kind: ElementKind; widget?: Widget } {
  const type = (input.getAttribute('type') ?? 'text').toLowerCase();
  if (type === 'radio') return { kind: 'radio' };
  if (type === 'checkbox') return { kind: 'checkbox' };
  if (type === 'date') return { kind: 'date' };
  if (type === 'datetime-local') return { kind: 'datetime' };
  const value = input.value.trim();
  const timed =
    DATETIME_VALUE.test(value) ||
    /time|hh/i.test(input.getAttribute('placeholder') ?? '') ||
    /datetime|_time|-time|At$/i.test(input.name || input.id);
  if (input.classList.contains('flatpickr-input')) return { kind: timed ? 'datetime' : 'date', widget: 'flatpickr' };
  if (input.classList.contains('hasDatepicker')) return { kind: timed ? 'datetime' : 'date', widget: 'jquery-ui-datepicker' };
  if (input.getAttribute('role') === 'combobox') return { kind: 'select', widget: 'aria-combobox' };
  if (
    input.closest('.MuiPickersInputBase-root, .MuiPickersTextField-root') ||
    input.parentElement?.querySelector('.MuiPickersSectionList-root')
  )
    return { kind: timed ? 'datetime' : 'date', widget: 'mui-date-picker' };
  if (DATETIME_VALUE.test(value)) return { kind: 'datetime' };
  if (DATE_VALUE.test(value)) return { kind: 'date' };
  return { kind: 'text' };
}

/**
 * Widgets whose box the library renders right after the control it enhances: enhanced selects after their hidden
 * <select>, TinyMCE and CKEditor 5 after their source element. `control` is what that element may be.
 */
const BOXED_WIDGETS: readonly { box: string; control: string; kind: ElementKind; widget: Widget }[] = [
  { box: '.select2-container', control: 'select', kind: 'select', widget: 'select2' },
  { box: '.chosen-container', control: 'select', kind: 'select', widget: 'chosen' },
  { box: '.ts-wrapper', control: 'select.tomselected, select, input.tomselected', kind: 'select', widget: 'tom-select' },
  { box: '.tox-tinymce', control: 'textarea, div', kind: 'richtext', widget: 'tinymce' },
  { box: '.ck-editor', control: 'textarea, div', kind: 'richtext', widget: 'ckeditor5' },
];

/**
 * What `target` (the element under the user's click) stands for. Clicks on a
 * widget's own decoration are traced back to the control it enhances.
 */
export function recognise(target: Element): Recognised {
  for (const { box, control: source, kind, widget } of BOXED_WIDGETS) {
    const found = target.closest(box);
    const control = found && previousMatching(found, source);
    if (control) return { control, kind, widget };
  }
  // Quill draws inside its container.
  const quill = target.closest('.ql-container');
  if (quill) return { control: quill.parentElement?.id && !quill.id ? quill.parentElement : quill, kind: 'richtext', widget: 'quill' };
  // flatpickr's altInput is the visible twin of the input the form submits.
  if (isInput(target) && target.previousElementSibling?.matches('input.flatpickr-input[type="hidden"]')) {
    // The submitted input carries the clues (its value, placeholder, name); the visible twin shows only a display format.
    const control = target.previousElementSibling as HTMLInputElement;
    return { control, kind: inputKind(control).kind, widget: 'flatpickr' };
  }
  const combobox = target.closest('[role="combobox"]');
  if (combobox && !isSelect(combobox)) return { control: combobox, kind: 'select', widget: 'aria-combobox' };
  const mui = target.closest('.MuiPickersInputBase-root, .MuiPickersTextField-root');
  if (mui) {
    const hidden = mui.querySelector('input');
    if (hidden) return { control: hidden, kind: 'datetime', widget: 'mui-date-picker' };
  }
  // A label stands for its control.
  const label = target.closest('label');
  const labelled = label?.tagName === 'LABEL' ? (label as HTMLLabelElement).control : null;
  const element = labelled ?? target;

  if (isSelect(element)) {
    if (element.classList.contains('select2-hidden-accessible')) return { control: element, kind: 'select', widget: 'select2' };
    if (element.classList.contains('tomselected')) return { control: element, kind: 'select', widget: 'tom-select' };
    if (element.nextElementSibling?.classList.contains('chosen-container')) return { control: element, kind: 'select', widget: 'chosen' };
    return { control: element, kind: 'select' };
  }
  if (isTextArea(element)) {
    if (element.nextElementSibling?.classList.contains('tox-tinymce')) return { control: element, kind: 'richtext', widget: 'tinymce' };
    if (element.nextElementSibling?.classList.contains('ck-editor')) return { control: element, kind: 'richtext', widget: 'ckeditor5' };
    return { control: element, kind: 'textarea' };
  }
  if (isInput(element)) {
    const { kind, widget } = inputKind(element);
    return { control: element, kind, widget, group: kind === 'radio' };
  }
  const editable = element.closest('[contenteditable=""], [contenteditable="true"]');
  if (editable) return { control: editable, kind: 'contenteditable' };
  return { control: element, kind: 'static' };
}

/** The options a choice control offers, as the portal labels and submits them. */
export function choiceOptions(control: Element): { value: string; label: string }[] {
  if (isSelect(control)) {
    return [...control.options]
      .filter((option) => option.value !== '')
      .map((option) => ({ value: option.value, label: (option.textContent ?? '').trim() }));
  }
  if (isInput(control) && control.type === 'radio' && control.name) {
    const radios = [...control.ownerDocument.querySelectorAll<HTMLInputElement>(`input[type="radio"]`)].filter(
      (radio) => radio.name === control.name && radio.form === control.form,
    );
    return radios.map((radio) => ({ value: radio.value, label: labelText(radio) || radio.value }));
  }
  return [];
}

/** The name a user sees for a control: its label, ARIA name, legend or placeholder. */
export function labelText(control: Element): string {
  const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
  const aria = control.getAttribute('aria-label');
  if (aria) return clean(aria);
  const labelledBy = control.getAttribute('aria-labelledby');
  if (labelledBy) {
    const text = labelledBy
      .split(/\s+/)
      .map((id) => control.ownerDocument.getElementById(id)?.textContent ?? '')
      .join(' ');
    if (clean(text)) return clean(text);
  }
  const labels = (control as HTMLInputElement).labels;
  if (labels && labels.length) return clean(labels[0]!.textContent);
  const wrapping = control.closest('label');
  if (wrapping) return clean(wrapping.textContent);
  // A definition list's term names the value beside it.
  const dd = control.closest('dd');
  if (dd?.previousElementSibling?.tagName === 'DT') return clean(dd.previousElementSibling.textContent);
  const placeholder = control.getAttribute('placeholder');
  if (placeholder) return clean(placeholder);
  return clean(control.getAttribute('title'));
}
