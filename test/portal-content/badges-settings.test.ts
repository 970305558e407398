// The list badges read the settings with plain guards (issue 18: no Zod in the
// list's feature script); the settings in force must be exactly what
// lib/managed.ts's effectiveSettings gives for the same storage.
import { describe, expect, it } from 'vitest';
import { badgeSettingsFrom, LOCKABLE, SETTINGS_KEY } from '../../entrypoints/portal.content/features/list-badges/badges-settings';
import { effectiveSettings, LOCKABLE as MANAGED_LOCKABLE, readManagedState } from '../../lib/managed';
import { SETTINGS_KEY as STORED_KEY } from '../../lib/settings';

const locals: unknown[] = [
  undefined,
  null,
  'settings',
  [],
  {},
  { badges: false },
  { badges: 'no' },
  { badges: false, locale: 'zh-CN', extra: 1 },
  { locale: 'fr' },
  { locale: undefined },
  { deadlineHours: { 'SNC-08': 48 } },
  { deadlineHours: { 'SNC-08': 0 } },
  { deadlineHours: { 'SNC-08': 24 * 365 + 1 } },
  { deadlineHours: { snc: 4 } },
  { deadlineHours: [] },
  { draftRetentionDays: 30 },
  { draftRetentionDays: 366 },
  { draftProtection: 'device' },
  { draftProtection: 'pin', badges: false },
];

const managed: unknown[] = [
  undefined,
  null,
  [],
  'policy',
  {},
  { settings: { badges: false } },
  { settings: { badges: false }, locked: ['badges'] },
  { settings: { badges: false, locale: 'en' }, locked: ['badges', 'locale', 'imports'] },
  { settings: { deadlineHours: { 'SNC-08': 12 } }, locked: ['deadlineHours'] },
  { settings: { deadlineHours: { 'SNC-08': 12 } } },
  { settings: { draftProtection: 'pin' } },
  { settings: { badges: 'no' }, locked: ['badges'] },
  { settings: { badges: false }, locked: ['nothing'] },
  { settings: { badges: false }, locked: 'badges' },
  { settings: { badges: false }, problems: ['a', 2] },
  { settings: { badges: false }, adapters: {}, locked: ['badges'] },
  { settings: { badges: false, extra: true }, adapters: [], checklists: [], problems: [], locked: ['badges'] },
  { settings: [] },
];

describe('the list badges’ settings', () => {
  it('use the same key and the same lockable settings as lib/settings.ts and lib/managed.ts', () => {
    expect(SETTINGS_KEY).toBe(STORED_KEY);
    expect([...LOCKABLE]).toEqual([...MANAGED_LOCKABLE]);
  });

  it.each(managed.flatMap((policy) => locals.map((local) => [JSON.stringify(local), JSON.stringify(policy), local, policy] as const)))(
    'user %s under policy %s read as lib/managed.ts reads them',
    (_local, _policy, local, policy) => {
      expect(badgeSettingsFrom(local, policy)).toEqual(effectiveSettings(local, readManagedState(policy)).settings);
    },
  );
});
