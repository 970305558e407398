// The badges' switch and the organisation's deadline hours, from the
// extension's settings; the list follows changes made on the options page.
// Read with plain guards, not lib/settings.ts's and lib/managed.ts's Zod
// schemas (issue 18: Zod's size, docs/performance.md); the same rules and
// the same merge, checked against those modules in
// test/portal-content/badges-settings.test.ts. The organisation's policy was
// validated by the background before it mirrored it here.
import { browser } from '../../../../lib/lean-browser';
import { MANAGED_KEY } from '../../../../lib/catalog/runtime';
import type { Settings } from '../../../../lib/settings';
import { LOCKABLE, SETTINGS_KEY } from '../../../../lib/settings-names';

export type BadgeSettings = Pick<Settings, 'badges' | 'deadlineHours' | 'locale'>;

export interface SettingsSource {
  load(): Promise<BadgeSettings>;
  /** Calls back with the new settings; returns the unsubscribe. */
  watch(onChange: (settings: BadgeSettings) => void): () => void;
}

export { LOCKABLE, SETTINGS_KEY };

type Fields = Record<string, unknown>;
const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isPlain = (value: unknown): value is Fields =>
  isFields(value) && [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Each setting's rule and default, as lib/settings.ts declares them. */
const SETTINGS: Record<keyof Settings, { valid(value: unknown): boolean; fallback(): unknown }> = {
  badges: { valid: (value) => typeof value === 'boolean', fallback: () => true },
  deadlineHours: {
    valid: (value) =>
      isPlain(value) &&
      Object.entries(value).every(([rule, hours]) => /^[A-Z]{2,5}-\d{2}$/.test(rule) && isNumber(hours) && hours > 0 && hours <= 24 * 365),
    fallback: () => ({}),
  },
  draftRetentionDays: { valid: (value) => isNumber(value) && value > 0 && value <= 365, fallback: () => 7 },
  locale: { valid: (value) => value === 'en' || value === 'zh-CN', fallback: () => undefined },
  draftProtection: { valid: (value) => value === 'device' || value === 'pin', fallback: () => 'device' },
};
const KEYS = Object.keys(SETTINGS) as (keyof Settings)[];

/** Only the settings' own keys, each valid or absent; undefined when one is invalid. */
function readPartial(value: unknown): Fields | undefined {
  if (!isFields(value)) return undefined;
  const read: Fields = {};
  for (const key of KEYS) {
    const given = value[key];
    if (given === undefined) {
      if (key in value) read[key] = undefined;
      continue;
    }
    if (!SETTINGS[key].valid(given)) return undefined;
    read[key] = key === 'deadlineHours' ? { ...(given as Fields) } : given;
  }
  return read;
}

/** The settings with their defaults filled in; undefined when one is invalid. */
function readFull(value: unknown): Settings | undefined {
  const partial = readPartial(value);
  if (!partial) return undefined;
  const settings: Fields = {};
  for (const key of KEYS) settings[key] = partial[key] === undefined ? SETTINGS[key].fallback() : partial[key];
  if (settings.locale === undefined && !(partial.locale === undefined && 'locale' in partial)) delete settings.locale;
  return settings as unknown as Settings;
}

/** The organisation's settings and locks from the mirrored policy; none when it does not read (lib/managed.ts's readManagedState). */
function readManaged(stored: unknown): { settings: Fields; locked: string[] } {
  const none = { settings: {}, locked: [] };
  const state = stored ?? {};
  if (!isFields(state)) return none;
  const arrayOr = (value: unknown) => value === undefined || Array.isArray(value);
  if (!arrayOr(state.adapters) || !arrayOr(state.checklists)) return none;
  if (state.problems !== undefined && !(Array.isArray(state.problems) && state.problems.every((problem) => typeof problem === 'string')))
    return none;
  if (
    state.locked !== undefined &&
    !(Array.isArray(state.locked) && state.locked.every((key) => (LOCKABLE as readonly string[]).includes(key as string)))
  )
    return none;
  const settings = state.settings === undefined ? {} : readPartial(state.settings);
  return settings ? { settings, locked: (state.locked as string[] | undefined) ?? [] } : none;
}

/** The settings in force, merged as lib/managed.ts's effectiveSettings merges them. */
export function badgeSettingsFrom(rawLocal: unknown, rawManaged: unknown): Settings {
  const local = typeof rawLocal === 'object' && rawLocal !== null ? (rawLocal as Fields) : {};
  const { settings: organisation, locked: lockedList } = readManaged(rawManaged);
  const locked = new Set(lockedList);
  if (organisation.draftProtection === 'pin') locked.add('draftProtection');
  const own: Fields = {};
  for (const [key, value] of Object.entries(local)) if (!locked.has(key) && key !== 'draftProtection') own[key] = value;
  const lockedValues: Fields = {};
  for (const key of locked) if (key in organisation) lockedValues[key] = organisation[key];
  // A user value that no longer validates must not take the organisation's values down with it.
  return (readFull({ ...organisation, ...own, ...lockedValues }) ?? readFull({ ...organisation, ...lockedValues })) as Settings;
}

const loadSettings = () =>
  browser.storage.local.get([SETTINGS_KEY, MANAGED_KEY]).then((stored) => badgeSettingsFrom(stored[SETTINGS_KEY], stored[MANAGED_KEY]));

let early: Promise<BadgeSettings> | undefined;

export const storageSettings: SettingsSource = {
  load() {
    // Read once per page, as early as possible; later changes arrive through watch().
    early ??= loadSettings().then(
      (settings) => settings,
      () => readFull({}) as Settings,
    );
    return early;
  },
  watch(onChange) {
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local' || !(SETTINGS_KEY in changes || MANAGED_KEY in changes)) return;
      // The organisation's policy (MANAGED_KEY) may lock or change a setting too.
      early = loadSettings();
      void early.then(onChange);
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  },
};
