// Tom Select keeps its items on the instance the select carries (`select.tomselect`).
import type { Loose, WidgetDriver } from './driver';

const instanceOf = (element: HTMLElement): Loose | undefined => {
  const instance = (element as unknown as Loose).tomselect;
  return instance && typeof instance.setValue === 'function' ? instance : undefined;
};

export const tomSelect: WidgetDriver = {
  state: (element) => (instanceOf(element) ? 'ready' : 'not-started'),
  write(element, value) {
    const instance = instanceOf(element)!;
    if (!instance.options?.[value]) return `the portal has no option “${value}”`;
    instance.setValue(value);
    return undefined;
  },
};
