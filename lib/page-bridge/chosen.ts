// Chosen redraws only on its own `chosen:updated` event.
import { hasOption, type WidgetDriver } from './driver';

export const chosen: WidgetDriver = {
  state: (element, world) => (world.jq()?.(element).data?.('chosen') ? 'ready' : 'not-started'),
  write(element, value, world) {
    if (!hasOption(element, value, world)) return `the portal has no option “${value}”`;
    world.jq()!(element).val(value).trigger('change').trigger('chosen:updated');
    return undefined;
  },
};
