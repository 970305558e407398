// Widgets the content script drives itself, as a user would, with real DOM
// events (an ARIA combobox, MUI X's date field): the bridge only reports
// whether they are there.
import type { WidgetDriver } from './driver';

const byContentScript = () => 'this widget is written by the content script, as a user would';

export const ariaCombobox: WidgetDriver = {
  state: (element) => (element.getAttribute('role') === 'combobox' ? 'ready' : 'not-started'),
  write: byContentScript,
};

export const muiDatePicker: WidgetDriver = {
  // MUI X renders its sections beside the hidden input it mirrors the value into.
  state: (element) => (element.parentElement?.querySelector('[role="spinbutton"], .MuiPickersSectionList-root') ? 'ready' : 'not-started'),
  write: byContentScript,
};
