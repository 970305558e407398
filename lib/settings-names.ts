// The settings' storage key and the settings an organisation may lock, without
// the Zod schemas of lib/settings.ts and lib/managed.ts, so the list badges'
// feature script can read them without carrying Zod (issue 18).

export const SETTINGS_KEY = 'settings';

/** The settings an organisation's policy may lock (lib/managed.ts). */
export const LOCKABLE = ['locale', 'badges', 'deadlineHours', 'draftRetentionDays', 'imports', 'draftProtection'] as const;
