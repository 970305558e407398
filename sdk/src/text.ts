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
  // Split once per template: messages are formatted for every issue of every row on a long list.
  let parts = templates.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    if (templates.size >= 1000) templates.clear();
    templates.set(template, parts);
  }
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i]!;
    out += (Object.hasOwn(values, key) ? String(values[key]) : `{${key}}`) + parts[i + 1]!;
  }
  return out;
}

/** Template → its text and placeholder names, alternating. Templates come from code and checklists, so they are few; bounded all the same. */
const templates = new Map<string, string[]>();
