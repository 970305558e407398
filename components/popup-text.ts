// The toolbar popup's words in every supported language (parity-tested with the options page's).
import { format, type Locale } from '@chartguard/sdk';

const en = {
  title: 'Chartguard on this tab',
  notActive: 'Chartguard does not run on this page: no portal set up here.',
  recognised: 'Portal: {name}',
  noPage: 'A portal page Chartguard does not check (no adapter page matches).',
  pageKind: 'Page: {kind}',
  record: 'Record: {id}',
  checklist: 'Checklist: {title}',
  noChecklist: 'No checklist chosen yet.',
  saveHeld: 'Save is held: the record does not meet policy yet.',
  saveNotHeld: 'Save is not held.',
  followUps: 'On this list: {open} records need action ({overdue} overdue, {incomplete} incomplete, {attention} need attention) of {graded} graded.',
  showPanel: 'Show the panel',
  options: 'Options',
  setup: 'Set up a portal',
  loading: 'Reading this tab…',
} as const;

export type PopupKey = keyof typeof en;

const zhCN: Record<PopupKey, string> = {
  title: '此标签页上的 Chartguard',
  notActive: 'Chartguard 不在此页面上运行：此处没有设置任何系统。',
  recognised: '系统：{name}',
  noPage: 'Chartguard 不检查的系统页面（没有匹配的适配器页面）。',
  pageKind: '页面：{kind}',
  record: '记录：{id}',
  checklist: '清单：{title}',
  noChecklist: '尚未选择清单。',
  saveHeld: '保存已被拦截：记录尚未符合政策。',
  saveNotHeld: '保存未被拦截。',
  followUps: '此列表中：已评级 {graded} 条，其中 {open} 条需要处理（逾期 {overdue}，不完整 {incomplete}，需要关注 {attention}）。',
  showPanel: '显示面板',
  options: '选项',
  setup: '设置系统',
  loading: '正在读取此标签页……',
};

export const popupTexts: Record<Locale, Record<PopupKey, string>> = { en, 'zh-CN': zhCN };

export function popupText(locale: Locale, key: PopupKey, values: Record<string, string | number> = {}): string {
  return format(popupTexts[locale][key] ?? en[key], values);
}
