// The words of the notice shown where a record page's features could not load, in Simplified Chinese.
import type { guard as en } from '../en/guard';
import type { Translation } from '../index';

export const guard: Translation<typeof en> = {
  uncheckedTitle: 'Chartguard 无法在此记录上启动',
  uncheckedBody: '此页面的保存未经检查：门户的运行方式与没有 Chartguard 时相同。重新加载页面即可重试。',
  dismiss: '关闭',
};
