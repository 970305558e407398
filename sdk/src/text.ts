// Every user-facing string in a checklist or in the SDK exists in each
// supported language; this module is the one place that picks a language.

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** A text in every supported language (the meta-schema requires each to be non-empty). */
export interface LocalizedText {
  en: string;
  'zh-CN': string;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function localize(text: LocalizedText, locale: Locale): string {
  return text[locale] ?? text.en;
}

/** Replaces `{name}` placeholders; unknown placeholders are left visible so a missing value is noticed. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}
