// The badges' switch and the organisation's deadline hours, from the
// extension's settings; the list follows changes made on the options page.
import { browser } from 'wxt/browser';
import { readSettings, SETTINGS_KEY, type Settings } from '../../lib/settings';

export type BadgeSettings = Pick<Settings, 'badges' | 'deadlineHours' | 'locale'>;

export interface SettingsSource {
  load(): Promise<BadgeSettings>;
  /** Calls back with the new settings; returns the unsubscribe. */
  watch(onChange: (settings: BadgeSettings) => void): () => void;
}

let early: Promise<BadgeSettings> | undefined;

export const storageSettings: SettingsSource = {
  load() {
    // Read once per page, as early as possible; later changes arrive through watch().
    early ??= browser.storage.local.get(SETTINGS_KEY).then(
      (stored) => readSettings(stored[SETTINGS_KEY]),
      () => readSettings(undefined),
    );
    return early;
  },
  watch(onChange) {
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
      const settings = readSettings(changes[SETTINGS_KEY]!.newValue);
      early = Promise.resolve(settings);
      onChange(settings);
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  },
};
