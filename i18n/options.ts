// The options page's words bound for lookup.
import { options as en } from './en/options';
import { t, type Locale, type Values } from './index';
import { options as zhCN } from './zh-CN/options';

export const optionsTexts = { en, 'zh-CN': zhCN };
export type OptionsKey = keyof typeof en;

export function optionsText(locale: Locale, key: OptionsKey, values?: Values): string {
  return t(optionsTexts, locale, key, values);
}
