// TinyMCE keeps the note in its iframe's body; the textarea is stale until save().
import { writeEditable, type Loose, type PageWorld, type WidgetDriver } from './driver';

function editorOf(element: Element, { win }: PageWorld): Loose | undefined {
  const tinymce = (win as unknown as Loose).tinymce;
  const editor = element.id && typeof tinymce?.get === 'function' ? tinymce.get(element.id) : undefined;
  return editor && typeof editor === 'object' ? editor : undefined;
}

export const tinymce: WidgetDriver = {
  state: (element, world) => (editorOf(element, world)?.initialized ? 'ready' : 'not-started'),
  locked: (element, world) =>
    editorOf(element, world)?.mode?.get?.() === 'readonly' ? 'the editor is read-only in the portal' : undefined,
  write(element, value, world) {
    const editor = editorOf(element, world)!;
    const body = editor.getBody?.() as HTMLElement | undefined;
    if (!body) return 'the editor has no body yet';
    writeEditable(body, value);
    editor.undoManager?.add?.();
    editor.nodeChanged?.();
    editor.setDirty?.(true);
    editor.save?.();
    editor.dispatch?.('change');
    return undefined;
  },
  sync: (element, world) => void editorOf(element, world)?.save?.(),
};
