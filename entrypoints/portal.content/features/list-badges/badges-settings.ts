// The badges' switch and the organisation's deadline hours, from the
// extension's settings; the list follows changes made on the options page.
import { browser } from 'wxt/browser';
import { loadEffectiveSettings, MANAGED_KEY } from '../../../../lib/managed';
import { readSettings, SETTINGS_KEY, type Settings } from '../../../../lib/settings';

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
    early ??= loadEffectiveSettings(browser.storage.local, SETTINGS_KEY).then(
      (effective) => effective.settings,
      () => readSettings(undefined),
    );
    return early;
  },
  watch(onChange) {
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local' || !(SETTINGS_KEY in changes || MANAGED_KEY in changes)) return;
      // The organisation's policy (MANAGED_KEY) may lock or change a setting too.
      early = loadEffectiveSettings(browser.storage.local, SETTINGS_KEY).then((effective) => effective.settings);
      void early.then(onChange);
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  },
};
