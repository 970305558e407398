// jQuery UI's datepicker parses the value in its own dateFormat and keeps its calendar in step.
import type { WidgetDriver } from './driver';

export const jqueryUiDatepicker: WidgetDriver = {
  state: (element, world) => (element.classList.contains('hasDatepicker') && world.jq() ? 'ready' : 'not-started'),
  write(element, value, world) {
    const $element = world.jq()!(element);
    $element.datepicker('setDate', value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
    $element.trigger('change');
    return (element as HTMLInputElement).value === value ? undefined : `the date picker did not take “${value}”`;
  },
};
