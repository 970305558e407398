// What callers hand the SDK, read in one place: language tags as browsers and
// renderers write them, clocks as Date, ISO text or epoch ms, and records whose
// keys may not be fields of the checklist. Everything else in the SDK works on
// the normalised values, so a tag like `zh` or a string `now` never reaches
// code that would fail on it with a TypeError.
import type { Issue } from './rules.js';
import type { Checklist } from './model.js';
import { allFields } from './model-utils.js';
import { DEFAULT_LOCALE, format, localize, type Locale, type LocalizedText } from './text.js';

/** A BCP 47 language tag: a supported locale, or any tag a browser or another tool may give (read by `readLocale`). */
export type LocaleTag = Locale | (string & {});

/** A point in time: a Date, an ISO 8601 text (`2026-06-10T08:30:00.000Z`, `2026-06-10T08:30+01:00`) or epoch milliseconds. */
export type Instant = Date | string | number;

const warned = new Set<string>();

/**
 * The supported locale for a language tag: any Simplified Chinese tag (`zh`, `zh-CN`, `zh-Hans`, `zh-Hans-CN`,
 * `zh-SG`, any case, `_` or `-`) reads `zh-CN`; anything else reads `en`, with one warning per tag per process.
 */
export function readLocale(tag: unknown): Locale {
  if (tag === undefined || tag === null || tag === '') return DEFAULT_LOCALE;
  if (tag === 'en' || tag === 'zh-CN') return tag;
  const parts = typeof tag === 'string' ? tag.toLowerCase().split(/[-_]/) : [];
  if (parts[0] === 'zh' && !parts.includes('hant') && !['tw', 'hk', 'mo'].includes(parts[1] ?? '')) return 'zh-CN';
  if (parts[0] === 'en') return 'en';
  const key = typeof tag === 'string' ? tag : `(${typeof tag})`;
  if (!warned.has(key)) {
    warned.add(key);
    console.warn(`@chartguard/sdk: locale “${key}” is not supported; using “en” (supported: en, zh-CN).`);
  }
  return 'en';
}

// A date, then optionally a time with optional seconds, fraction and zone: the ISO 8601 profile FHIR and browsers write.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** `now` as epoch milliseconds: the current time when absent, else a Date, ISO text or epoch ms; anything else throws a TypeError naming it. */
export function readNow(now: unknown): number {
  if (now === undefined) return Date.now();
  let ms = Number.NaN;
  if (now instanceof Date) ms = now.getTime();
  else if (typeof now === 'number') ms = now;
  else if (typeof now === 'string' && ISO_INSTANT.test(now.trim())) ms = Date.parse(now.trim());
  if (!Number.isFinite(ms)) {
    const shown = typeof now === 'string' ? `“${now}”` : now instanceof Date ? 'an invalid Date' : typeof now;
    throw new TypeError(`now: expected a Date, an ISO 8601 date-time (e.g. 2026-06-10T08:30:00Z) or epoch milliseconds; got ${shown}.`);
  }
  return ms;
}

const UNKNOWN_FIELD: LocalizedText = {
  en: '“{field}” is not a field of checklist {checklist}; its answer was not read.',
  'zh-CN': '“{field}”不是清单 {checklist} 中的字段；其回答未被读取。',
};
const UNKNOWN_RULE: LocalizedText = {
  en: 'Every answer belongs to a field of the checklist.',
  'zh-CN': '每个回答都属于清单中的某个字段。',
};

// Field ids per checklist, built once: evaluate asks on every keystroke (docs/performance.md). `clean` is the
// last list of keys found to be all fields: records of one source share their keys in one order, so the next is
// matched key by key (a pointer test for the engine's internalised keys) rather than looked up in the set.
interface KnownIds {
  ids: Set<string>;
  clean: readonly string[];
}
const knownFieldIds = new WeakMap<Checklist, KnownIds>();
function knownIds(checklist: Checklist): KnownIds {
  let known = knownFieldIds.get(checklist);
  if (!known) knownFieldIds.set(checklist, (known = { ids: new Set(allFields(checklist).map((field) => field.id)), clean: [] }));
  return known;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * One advisory issue (code `unknown`, no rule id) per key of `record` that is no field of the checklist: a typo
 * such as `informedAT` is reported, never silently dropped. Advisory, because the field it was meant for is
 * reported missing on its own.
 */
export function unknownFieldIssues(checklist: Checklist, record: unknown, locale: Locale): Issue[] {
  if (record === null || typeof record !== 'object') return [];
  const issues: Issue[] = [];
  // Object.keys, not for-in with a hasOwn test per key: the same keys in the same order, at 2-2.5x less per record
  // (docs/performance.md, validation against Ajv).
  const keys = Object.keys(record);
  if (!keys.length) return issues;
  const known = knownIds(checklist);
  if (sameKeys(keys, known.clean)) return issues;
  const { ids } = known;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (ids.has(key)) continue;
    issues.push({
      ruleId: '',
      severity: 'advisory',
      code: 'unknown',
      path: [key],
      message: format(localize(UNKNOWN_FIELD, locale), { field: key, checklist: checklist.id }),
      rule: localize(UNKNOWN_RULE, locale),
    });
  }
  if (!issues.length) known.clean = keys;
  return issues;
}
