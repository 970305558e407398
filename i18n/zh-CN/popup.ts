// The toolbar popup's words in Simplified Chinese, keyed like the English file (a missing key is a type error).
import type { Translation } from '../index';
import type { popup as en } from '../en/popup';

export const popup: Translation<typeof en> = {
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
  unchecked: 'Chartguard 无法在此记录上启动：保存未经检查。重新加载页面即可重试。',
  followUps: '此列表中：已评级 {graded} 条，其中 {open} 条需要处理（逾期 {overdue}，不完整 {incomplete}，需要关注 {attention}）。',
  showPanel: '显示面板',
  options: '选项',
  setup: '设置系统',
  loading: '正在读取此标签页……',
};
