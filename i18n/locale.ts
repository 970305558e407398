// Which language a surface shows, apart from the lookup: the always-on content
// script needs the answer without the SDK's formatter and message tables.
import type { Locale } from '@chartguard/sdk/runtime';

/**
 * The language a surface shows: the user's (or organisation's) choice when
 * there is one, else the browser's language (any Chinese reads Simplified
 * Chinese, everything else English). Extension pages pass the browser's
 * interface language (`i18n.getUILanguage()`), as the manifest's own words
 * follow it; in Firefox `navigator.language` is the first preferred page
 * language instead, so only the content script's badges, which show on a page, use it.
 */
export function browserLocale(chosen?: Locale, language: string = navigator.language): Locale {
  if (chosen) return chosen;
  return (language || 'en').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
