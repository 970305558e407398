// The toolbar popup's words bound for lookup.
import { popup as en } from './en/popup';
import { t, type Locale, type Values } from './index';
import { popup as zhCN } from './zh-CN/popup';

export const popupTexts = { en, 'zh-CN': zhCN };
export type PopupKey = keyof typeof en;

export function popupText(locale: Locale, key: PopupKey, values?: Values): string {
  return t(popupTexts, locale, key, values);
}
