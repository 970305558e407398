// An answer as a person reads it (option labels, Yes/No, dates with a space),
// shared by every place the panel shows an answer it does not let you edit.
import { ATTENDANCE_LABELS, localize, type AttendanceCode, type ChecklistField, type Locale } from '@chartguard/sdk';
import { ui } from '../i18n/panel';

export function displayAnswer(field: ChecklistField, value: unknown, locale: Locale): string {
  if (value === undefined || value === null || value === '') return ui(locale, 'notSet');
  if (typeof value === 'boolean') return ui(locale, value ? 'yes' : 'no');
  if (field.type === 'attendance' && typeof value === 'string' && value in ATTENDANCE_LABELS)
    return localize(ATTENDANCE_LABELS[value as AttendanceCode], locale);
  const label = (item: string) =>
    field.options ? localize(field.options.find((option) => option.value === item)?.label ?? { en: item, 'zh-CN': item }, locale) : item;
  if (Array.isArray(value)) return value.map(String).map(label).join('; ');
  if (field.type === 'datetime' && typeof value === 'string') return value.replace('T', ' ');
  return label(String(value));
}
