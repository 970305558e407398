// The options page's words in every supported language (parity-tested).
import { format, type Locale } from '@chartguard/sdk';

const en = {
  title: 'Chartguard options',
  portals: 'Active portals',
  name: 'Name',
  addresses: 'Addresses',
  pages: 'Pages',
  source: 'Source',
  actions: 'Actions',
  imported: 'imported',
  builtIn: 'built in',
  remove: 'Remove',
  checklists: 'Active checklists',
  rules: '{count} rules',
  import: 'Import a portal adapter or a checklist pack',
  importHelp: 'Choose a JSON file: a portal adapter (chartguard-adapter/1), a checklist (chartguard-checklist/1) or a pack of both (chartguard-pack/1). It is checked in full before anything changes.',
  chooseFile: 'File',
  importValid: 'Valid: {summary}.',
  needsAccess: 'Chartguard needs access to {origins} to work there.',
  activate: 'Allow access and activate',
  activated: 'Activated. Reload the portal’s pages to use it.',
  denied: 'Access was not granted, so nothing was changed.',
  importInvalid: 'This file was not imported. Every problem found:',
  settings: 'Settings',
  language: 'Language',
  followBrowser: 'Follow the browser',
  badges: 'Show compliance badges on record lists',
  retention: 'Delete unsaved drafts after (days)',
  deadlines: 'Deadlines (organisation settings; empty uses the policy default)',
  default: 'default',
  hours: 'hours',
  export: 'Export',
  exportConfig: 'Export configuration',
  exportAudit: 'Export the local audit log',
} as const;

export type OptionsKey = keyof typeof en;

const zhCN: Record<OptionsKey, string> = {
  title: 'Chartguard 选项',
  portals: '已启用的系统',
  name: '名称',
  addresses: '地址',
  pages: '页面',
  source: '来源',
  actions: '操作',
  imported: '已导入',
  builtIn: '内置',
  remove: '移除',
  checklists: '已启用的清单',
  rules: '{count} 条规则',
  import: '导入系统适配器或清单包',
  importHelp: '选择一个 JSON 文件：系统适配器（chartguard-adapter/1）、清单（chartguard-checklist/1）或两者的合集（chartguard-pack/1）。在做出任何更改之前会完整检查该文件。',
  chooseFile: '文件',
  importValid: '有效：{summary}。',
  needsAccess: 'Chartguard 需要访问 {origins} 才能在那里工作。',
  activate: '允许访问并启用',
  activated: '已启用。请重新加载该系统的页面以使用。',
  denied: '未获得访问权限，因此未做任何更改。',
  importInvalid: '此文件未被导入。发现的所有问题：',
  settings: '设置',
  language: '语言',
  followBrowser: '跟随浏览器',
  badges: '在记录列表上显示合规标记',
  retention: '未保存的草稿在以下天数后删除',
  deadlines: '期限（机构设置；留空则使用政策默认值）',
  default: '默认',
  hours: '小时',
  export: '导出',
  exportConfig: '导出配置',
  exportAudit: '导出本地审计日志',
};

export const optionsTexts: Record<Locale, Record<OptionsKey, string>> = { en, 'zh-CN': zhCN };

export function optionsText(locale: Locale, key: OptionsKey, values: Record<string, string | number> = {}): string {
  return format(optionsTexts[locale][key] ?? en[key], values);
}
