// The checklist editor's words bound for lookup: the editor passes one
// language-bound lookup down to every part of its form.
import { editor as en } from './en/editor';
import { t, type Locale, type Values } from './index';
import { editor as zhCN } from './zh-CN/editor';

export const editorTexts = { en, 'zh-CN': zhCN };
export type EditorKey = keyof typeof en;
export type EditorText = (key: EditorKey, values?: Values) => string;

export function editorText(locale: Locale): EditorText {
  return (key, values) => t(editorTexts, locale, key, values);
}
