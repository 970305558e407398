// CKEditor 5 owns a model; its editable DOM is a view of it, so writes go through the model.
import type { Loose, WidgetDriver } from './driver';

function editorOf(element: Element): Loose | undefined {
  const editables = [element, element.querySelector('.ck-editor__editable'), element.nextElementSibling?.querySelector('.ck-editor__editable')];
  for (const editable of editables) {
    const instance = (editable as unknown as Loose | null)?.ckeditorInstance;
    if (instance && typeof instance === 'object' && instance.model) return instance;
  }
  return undefined;
}

export const ckeditor5: WidgetDriver = {
  state: (element) => (editorOf(element) ? 'ready' : 'not-started'),
  write(element, value) {
    const editor = editorOf(element)!;
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
  },
  sync: (element) => void editorOf(element)?.updateSourceElement?.(),
};
