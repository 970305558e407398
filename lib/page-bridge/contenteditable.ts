// A plain contenteditable note: paragraphs, as the browser's own editing makes them.
import { writeEditable, type WidgetDriver } from './driver';

export const contenteditable: WidgetDriver = {
  state: (element) => (element.isContentEditable ? 'ready' : 'not-started'),
  write(element, value) {
    writeEditable(element, value);
    element.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText' }));
    return undefined;
  },
};
