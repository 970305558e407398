// flatpickr with altInput shows a proxy input: only setDate on the instance updates both.
import type { Loose, WidgetDriver } from './driver';

const pickerOf = (element: HTMLElement): Loose | undefined => {
  const picker = (element as unknown as Loose)._flatpickr;
  return picker && typeof picker.setDate === 'function' ? picker : undefined;
};

export const flatpickr: WidgetDriver = {
  state: (element) => (pickerOf(element) ? 'ready' : 'not-started'),
  write(element, value) {
    const picker = pickerOf(element)!;
    picker.setDate(value, true, picker.config?.dateFormat);
    return picker.input?.value === value ? undefined : `the date picker did not take “${value}”`;
  },
};
