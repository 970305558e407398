// The extension's words, in one place like the SDK's locales: a file per
// locale and surface (`i18n/<locale>/<surface>.ts`), one lookup `t` and one
// `browserLocale` for every surface. Each surface binds its locale files in
// `i18n/<surface>.ts`, so a bundle carries only the words of the surfaces it
// shows (the content script's badges never load the panel's).
import { format, LOCALES, type Locale } from '@chartguard/sdk/runtime';

export { LOCALES, type Locale };
export { browserLocale } from './locale';

/** A surface's words in one locale, keyed like its English file: a key missing in a translation is a type error. */
export type Translation<T> = { readonly [K in keyof T]: string };

/** A surface's files, one per locale. */
export type Tables<K extends string> = Readonly<Record<Locale, Readonly<Record<K, string>>>>;

/** Placeholder values: `{name}` in a text is replaced by `values.name`. */
export type Values = Record<string, string | number>;

/** A surface's text in `locale` with its placeholders filled (an unknown placeholder stays visible, so a missing value is noticed). */
export function t<K extends string>(tables: Tables<K>, locale: Locale, key: NoInfer<K>, values: Values = {}): string {
  return format(tables[locale][key] ?? tables.en[key], values);
}
