// The words of the notice the background shows where a record page's features
// could not load (lib/unchecked-notice.ts).
import { t, type Locale } from './index';
import { guard as en } from './en/guard';
import { guard as zhCN } from './zh-CN/guard';

export const guardTexts = { en, 'zh-CN': zhCN };
export type GuardKey = keyof typeof en;

export function guardText(locale: Locale, key: GuardKey): string {
  return t(guardTexts, locale, key);
}
