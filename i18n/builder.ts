// The portal builder's words bound for lookup. The builder page has no
// language choice yet, so it shows English; its Chinese file is kept in
// parity so that choosing one is a change to the builder alone.
import { builder as en } from './en/builder';
import { t, type Values } from './index';
import { builder as zhCN } from './zh-CN/builder';

export const builderTexts = { en, 'zh-CN': zhCN };
export type BuilderKey = keyof typeof en;

export function builderText(key: BuilderKey, values?: Values): string {
  return t(builderTexts, 'en', key, values);
}
