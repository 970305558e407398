// CKEditor 5 owns a model; its editable DOM is a view of it, so writes go through the model.
import { addedLines, type Loose, type WidgetDriver } from './driver';

function editorOf(element: Element): Loose | undefined {
  const editables = [
    element,
    element.querySelector('.ck-editor__editable'),
    element.nextElementSibling?.querySelector('.ck-editor__editable'),
  ];
  for (const editable of editables) {
    const instance = (editable as unknown as Loose | null)?.ckeditorInstance;
    if (instance && typeof instance === 'object' && instance.model) return instance;
  }
  return undefined;
}

export const ckeditor5: WidgetDriver = {
  state: (element) => (editorOf(element) ? 'ready' : 'not-started'),
  locked: (element) => (editorOf(element)?.isReadOnly ? 'the editor is read-only in the portal' : undefined),
  write(element, value) {
    const editor = editorOf(element)!;
    const editable = (editor.ui?.getEditableElement?.() as HTMLElement | undefined) ?? null;
    // Only the added lines when the note adds to what the editor shows, so its own formatting stays.
    const added = editable ? addedLines(editable.innerText, value) : undefined;
    editor.model.change((writer: Loose) => {
      const root = editor.model.document.getRoot();
      if (!added) writer.remove(writer.createRangeIn(root));
      for (const line of added ?? value.split(/\r?\n/)) {
        const paragraph = writer.createElement('paragraph');
        if (line) writer.insertText(line, paragraph);
        writer.append(paragraph, root);
      }
    });
    editor.updateSourceElement?.();
    return undefined;
  },
  sync: (element) => void editorOf(element)?.updateSourceElement?.(),
};
