// The panel's words bound for lookup; only the panel page's bundle loads them.
import { panel as en } from './en/panel';
import { t, type Locale, type Values } from './index';
import { panel as zhCN } from './zh-CN/panel';

export const uiText = { en, 'zh-CN': zhCN };
export type UiKey = keyof typeof en;

export function ui(locale: Locale, key: UiKey, values?: Values): string {
  return t(uiText, locale, key, values);
}
