// Organisation deployment: what an IT department sets through browser policy
// (Chrome's 3rdparty extension policy, Intune/GPO, Firefox policies.json),
// read from storage.managed. The background validates it once and mirrors the
// result into storage.local under MANAGED_KEY, so the content script and the
// pages read it like the rest of the configuration, without Zod and without
// each asking the policy store. Zod's mini build: the content script imports this.
import * as z from 'zod/mini';
import { partialSettingsSchema, settingsSchema, type Settings } from './settings';

import { MANAGED_KEY } from './catalog/runtime';
import { LOCKABLE } from './settings-names';

export { MANAGED_KEY };

/**
 * Settings an organisation may lock; `imports` locks the options page's import of adapters and checklists.
 * `draftProtection` is locked whenever the organisation sets it to `pin`, listed or not: a PIN is a floor no user may lower.
 */
export { LOCKABLE };
export type Lockable = (typeof LOCKABLE)[number];

/** The mirrored policy, already validated: adapters and checklists as the SDK parsed them. */
export const managedStateSchema = z.object({
  adapters: z._default(z.array(z.unknown()), []),
  checklists: z._default(z.array(z.unknown()), []),
  /** Settings the organisation set; unlocked ones are defaults the user may change. */
  settings: z._default(partialSettingsSchema, {}),
  locked: z._default(z.array(z.enum(LOCKABLE)), []),
  /** Policy items that did not validate, for the options page to show (never silently dropped). */
  problems: z._default(z.array(z.string()), []),
});
export type ManagedState = z.infer<typeof managedStateSchema>;

export const NO_MANAGED: ManagedState = { adapters: [], checklists: [], settings: {}, locked: [], problems: [] };

export function readManagedState(stored: unknown): ManagedState {
  const parsed = managedStateSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : NO_MANAGED;
}

export interface EffectiveSettings {
  settings: Settings;
  /** Settings whose value comes from the organisation (locked or not). */
  managed: Set<keyof Settings>;
  locked: Set<Lockable>;
}

/**
 * The settings in force: the organisation's values under the user's own, except locked ones, which the
 * organisation's value always wins. `rawLocal` is what storage.local holds under SETTINGS_KEY.
 */
export function effectiveSettings(rawLocal: unknown, managed: ManagedState): EffectiveSettings {
  const local = typeof rawLocal === 'object' && rawLocal !== null ? (rawLocal as Record<string, unknown>) : {};
  const locked = new Set(managed.locked);
  const organisation = managed.settings as Record<string, unknown>;
  if (organisation.draftProtection === 'pin') locked.add('draftProtection');
  const own: Record<string, unknown> = {};
  // A user's own protection is the PIN they set up (lib/store.ts), never a stored setting that could lower the organisation's.
  for (const [key, value] of Object.entries(local)) if (!locked.has(key as Lockable) && key !== 'draftProtection') own[key] = value;
  const lockedValues: Record<string, unknown> = {};
  for (const key of locked) if (key in organisation) lockedValues[key] = organisation[key];
  const merged = { ...organisation, ...own, ...lockedValues };
  const parsed = settingsSchema.safeParse(merged);
  // A user value that no longer validates must not take the organisation's values down with it.
  const settings = parsed.success ? parsed.data : settingsSchema.parse({ ...organisation, ...lockedValues });
  const managedKeys = new Set(
    Object.keys(organisation).filter((key) => locked.has(key as Lockable) || !(key in own)) as (keyof Settings)[],
  );
  return { settings, managed: managedKeys, locked };
}

/** Whether the organisation requires a drafts PIN: then no draft is written under the device key alone. */
export function pinRequired(settings: Pick<Settings, 'draftProtection'>): boolean {
  return settings.draftProtection === 'pin';
}

/** What the settings readers fetch from storage.local in one call. */
export async function loadEffectiveSettings(
  storage: { get(keys: string[]): Promise<Record<string, unknown>> },
  settingsKey: string,
): Promise<EffectiveSettings> {
  const stored = await storage.get([settingsKey, MANAGED_KEY]);
  return effectiveSettings(stored[settingsKey], readManagedState(stored[MANAGED_KEY]));
}
