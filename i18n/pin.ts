// The drafts PIN's words bound for lookup: the options page's draft protection
// and the panel's PIN forms share them (components/NewPinFields.tsx).
import { t, type Locale, type Values } from './index';
import { pin as en } from './en/pin';
import { pin as zhCN } from './zh-CN/pin';

export const pinTexts = { en, 'zh-CN': zhCN };
export type PinKey = keyof typeof en;

export function pinText(locale: Locale, key: PinKey, values?: Values): string {
  return t(pinTexts, locale, key, values);
}
