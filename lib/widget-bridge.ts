// The page-world bridge: widget state lives on the page's own objects (an
// editor instance, a jQuery plugin, a date picker), which the content
// script's isolated world cannot reach. This runs in the page's world and
// offers a fixed set of operations per known widget library and nothing
// else: no adapter-supplied code, no eval, every request checked against
// lib/bridge-protocol.ts, and no clinical text sent back (it answers with a
// state or an error, never with what a field holds: the content script reads
// values from the DOM itself).
import { BRIDGE_FORM_SUBMIT, BRIDGE_REPLY, BRIDGE_REQUEST, readBridgeRequest, type BridgeReply, type BridgeRequest, type WidgetState } from './bridge-protocol';

// The page's globals as the bridge reads them: every one may be missing or not what it claims.
type Loose = Record<string, unknown> & { [key: string]: any };

export function startBridge(win: Window & typeof globalThis) {
  let formSubmitWrapped = false;
  win.addEventListener(BRIDGE_REQUEST, (event) => {
    const request = readBridgeRequest((event as CustomEvent).detail);
    if (!request) return;
    let reply: BridgeReply;
    try {
      reply = handle(request);
    } catch (error) {
      reply = { id: request.id, ok: false, error: error instanceof Error ? error.message.slice(0, 200) : 'the widget refused the operation' };
    }
    win.dispatchEvent(new CustomEvent(BRIDGE_REPLY, { detail: JSON.stringify(reply) }));
  });

  function handle(request: BridgeRequest): BridgeReply {
    const { id } = request;
    if (request.op === 'wrap-form-submit') {
      if (!formSubmitWrapped) wrapFormSubmit();
      formSubmitWrapped = true;
      return { id, ok: true };
    }
    const element = find(request.selectors!);
    const state = element ? widgetState(request.widget!, element) : 'absent';
    if (request.op === 'state' || state !== 'ready') return { id, ok: request.op === 'state', state };
    if (request.op === 'sync') {
      sync(request.widget!, element!);
      return { id, ok: true, state };
    }
    const error = write(request.widget!, element!, request.value!);
    return error ? { id, ok: false, state, error } : { id, ok: true, state };
  }

  function find(selectors: readonly string[]): HTMLElement | null {
    for (const selector of selectors) {
      try {
        const element = win.document.querySelector(selector);
        if (element instanceof win.HTMLElement) return element;
      } catch {
        // An invalid selector is skipped, as the content script does.
      }
    }
    return null;
  }

  const jq = (): ((element: Element) => Loose) | undefined => {
    const candidate = (win as unknown as Loose).jQuery;
    return typeof candidate === 'function' ? candidate : undefined;
  };
  const tinymceEditor = (element: Element): Loose | undefined => {
    const tinymce = (win as unknown as Loose).tinymce;
    const editor = element.id && typeof tinymce?.get === 'function' ? tinymce.get(element.id) : undefined;
    return editor && typeof editor === 'object' ? editor : undefined;
  };
  const ckeditor = (element: Element): Loose | undefined => {
    const editables = [element, element.querySelector('.ck-editor__editable'), element.nextElementSibling?.querySelector('.ck-editor__editable')];
    for (const editable of editables) {
      const instance = (editable as unknown as Loose | null)?.ckeditorInstance;
      if (instance && typeof instance === 'object' && instance.model) return instance;
    }
    return undefined;
  };
  const quillEditable = (element: Element): HTMLElement | null =>
    element.classList.contains('ql-editor') ? (element as HTMLElement) : element.querySelector<HTMLElement>(':scope > .ql-editor, .ql-container > .ql-editor');

  function widgetState(widget: NonNullable<BridgeRequest['widget']>, element: HTMLElement): WidgetState {
    const loose = element as unknown as Loose;
    switch (widget) {
      case 'tinymce':
        return tinymceEditor(element)?.initialized ? 'ready' : 'not-started';
      case 'ckeditor5':
        return ckeditor(element) ? 'ready' : 'not-started';
      case 'quill':
        return quillEditable(element) ? 'ready' : 'not-started';
      case 'contenteditable':
        return element.isContentEditable ? 'ready' : 'not-started';
      case 'select2':
        return element.classList.contains('select2-hidden-accessible') && jq() ? 'ready' : 'not-started';
      case 'chosen':
        return jq()?.(element).data?.('chosen') ? 'ready' : 'not-started';
      case 'tom-select':
        return loose.tomselect && typeof loose.tomselect.setValue === 'function' ? 'ready' : 'not-started';
      case 'flatpickr':
        return loose._flatpickr && typeof loose._flatpickr.setDate === 'function' ? 'ready' : 'not-started';
      case 'jquery-ui-datepicker':
        return element.classList.contains('hasDatepicker') && jq() ? 'ready' : 'not-started';
      case 'aria-combobox':
      case 'mui-date-picker':
        return 'ready';
    }
  }

  /** Puts the note's lines into an editor's own document as paragraphs: text nodes, never markup. */
  function paragraphs(doc: Document, value: string): HTMLElement[] {
    return value.split(/\r?\n/).map((line) => {
      const paragraph = doc.createElement('p');
      if (line) paragraph.textContent = line;
      else paragraph.append(doc.createElement('br'));
      return paragraph;
    });
  }

  function write(widget: NonNullable<BridgeRequest['widget']>, element: HTMLElement, value: string): string | undefined {
    const loose = element as unknown as Loose;
    switch (widget) {
      case 'tinymce': {
        const editor = tinymceEditor(element)!;
        const body = editor.getBody?.() as HTMLElement | undefined;
        if (!body) return 'the editor has no body yet';
        body.replaceChildren(...paragraphs(body.ownerDocument, value));
        editor.undoManager?.add?.();
        editor.nodeChanged?.();
        editor.setDirty?.(true);
        editor.save?.();
        editor.dispatch?.('change');
        return undefined;
      }
      case 'ckeditor5': {
        const editor = ckeditor(element)!;
        editor.model.change((writer: Loose) => {
          const root = editor.model.document.getRoot();
          writer.remove(writer.createRangeIn(root));
          for (const line of value.split(/\r?\n/)) {
            const paragraph = writer.createElement('paragraph');
            if (line) writer.insertText(line, paragraph);
            writer.append(paragraph, root);
          }
        });
        editor.updateSourceElement?.();
        return undefined;
      }
      case 'quill':
      case 'contenteditable': {
        // Quill keeps its model in step with its editable's DOM by observing it.
        const editable = widget === 'quill' ? quillEditable(element)! : element;
        editable.replaceChildren(...paragraphs(editable.ownerDocument, value));
        editable.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText' }));
        return undefined;
      }
      case 'select2': {
        if (!hasOption(element, value)) return `the portal has no option “${value}”`;
        jq()!(element).val(value).trigger('change');
        return undefined;
      }
      case 'chosen': {
        if (!hasOption(element, value)) return `the portal has no option “${value}”`;
        jq()!(element).val(value).trigger('change').trigger('chosen:updated');
        return undefined;
      }
      case 'tom-select': {
        if (!loose.tomselect.options?.[value]) return `the portal has no option “${value}”`;
        loose.tomselect.setValue(value);
        return undefined;
      }
      case 'flatpickr': {
        const picker = loose._flatpickr;
        picker.setDate(value, true, picker.config?.dateFormat);
        return picker.input?.value === value ? undefined : `the date picker did not take “${value}”`;
      }
      case 'jquery-ui-datepicker': {
        const $element = jq()!(element);
        $element.datepicker('setDate', value);
        element.dispatchEvent(new Event('input', { bubbles: true }));
        $element.trigger('change');
        return (element as HTMLInputElement).value === value ? undefined : `the date picker did not take “${value}”`;
      }
      case 'aria-combobox':
      case 'mui-date-picker':
        return 'this widget is written by the content script, as a user would';
    }
  }

  function hasOption(element: HTMLElement, value: string): boolean {
    return element instanceof win.HTMLSelectElement && [...element.options].some((option) => option.value === value);
  }

  function sync(widget: NonNullable<BridgeRequest['widget']>, element: HTMLElement) {
    if (widget === 'tinymce') tinymceEditor(element)?.save?.();
    if (widget === 'ckeditor5') ckeditor(element)?.updateSourceElement?.();
  }

  /** form.submit() fires no event: announce it, cancellably, so the guard can hold it like any Save. */
  function wrapFormSubmit() {
    const prototype = win.HTMLFormElement.prototype;
    const original = prototype.submit;
    prototype.submit = function submit(this: HTMLFormElement) {
      const proceed = this.dispatchEvent(new CustomEvent(BRIDGE_FORM_SUBMIT, { bubbles: true, cancelable: true }));
      if (proceed) original.call(this);
    };
  }
}
