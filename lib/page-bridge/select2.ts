// select2 renders its own box from the select on jQuery's change event.
import { hasOption, type WidgetDriver } from './driver';

export const select2: WidgetDriver = {
  state: (element, world) => (element.classList.contains('select2-hidden-accessible') && world.jq() ? 'ready' : 'not-started'),
  write(element, value, world) {
    if (!hasOption(element, value, world)) return `the portal has no option “${value}”`;
    world.jq()!(element).val(value).trigger('change');
    return undefined;
  },
};
