// Quill keeps its model in step with its editable's DOM by observing it, so a
// DOM write of plain paragraphs is what its own paste of text would produce.
import { writeEditable, type WidgetDriver } from './driver';

export function quillEditable(element: Element): HTMLElement | null {
  return element.classList.contains('ql-editor')
    ? (element as HTMLElement)
    : element.querySelector<HTMLElement>(':scope > .ql-editor, .ql-container > .ql-editor');
}

export const quill: WidgetDriver = {
  state: (element) => (quillEditable(element) ? 'ready' : 'not-started'),
  locked: (element) => (quillEditable(element)?.isContentEditable === false ? 'the editor is read-only in the portal' : undefined),
  write(element, value) {
    const editable = quillEditable(element)!;
    writeEditable(editable, value);
    editable.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText' }));
    return undefined;
  },
};
