// Looks up SDK messages by key in the requested language.
import { format, type Locale } from '../text.js';
import { en, type MessageKey } from './en.js';
import { zhCN } from './zh-CN.js';

export const messages: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };
export type { MessageKey };

export function message(locale: Locale, key: MessageKey, values: Record<string, string | number> = {}): string {
  return format(messages[locale][key] ?? en[key], values);
}
