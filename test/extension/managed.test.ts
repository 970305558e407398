// Organisation deployment, below the browser: what a policy object becomes
// (every item validated, every problem named) and how it combines with a
// user's own settings (unlocked: a default the user may change; locked: enforced).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', () => ({ browser: {} }));
const { readPolicy } = await import('../../lib/managed-sync');
const { effectiveSettings, readManagedState, LOCKABLE, pinRequired } = await import('../../lib/managed');

const root = join(import.meta.dirname, '..', '..');
const adapterText = readFileSync(join(root, 'adapters', 'mpb-demo.json'), 'utf8');
const checklistText = readFileSync(join(root, 'checklists', 'snc.json'), 'utf8');

describe('readPolicy', () => {
  it('reads adapters, checklists and packs given as JSON texts', () => {
    const pack = JSON.stringify({
      format: 'chartguard-pack/1',
      adapters: [{ ...JSON.parse(adapterText), id: 'org-portal' }],
      checklists: [],
    });
    const state = readPolicy({ packs: [adapterText, checklistText, pack] });
    expect(state.problems).toEqual([]);
    expect(state.adapters.map((adapter) => (adapter as { id: string }).id)).toEqual(['mpb-demo', 'org-portal']);
    expect(state.checklists.map((checklist) => (checklist as { id: string }).id)).toEqual(['snc']);
  });

  it('names every item that does not validate and keeps the rest', () => {
    const state = readPolicy({
      packs: ['{not json', JSON.stringify({ format: 'chartguard-adapter/1' }), checklistText],
      settings: { badges: false, draftRetentionDays: 9999, colour: 'red' },
      locked: ['badges', 'everything'],
    });
    expect(state.checklists).toHaveLength(1);
    expect(state.settings).toEqual({ badges: false });
    expect(state.locked).toEqual(['badges']);
    expect(state.problems).toHaveLength(5);
    expect(state.problems[0]).toMatch(/^packs\[0\]: .*JSON/);
    expect(state.problems[1]).toMatch(/^packs\[1\]: /);
    expect(state.problems).toContain('settings.colour: not a Chartguard setting');
    expect(state.problems.some((problem) => problem.startsWith('settings.draftRetentionDays: '))).toBe(true);
    expect(state.problems).toContain('locked: “everything” is not a setting that can be locked');
  });

  it('an empty policy manages nothing', () => {
    expect(readPolicy({})).toEqual({ adapters: [], checklists: [], settings: {}, locked: [], problems: [] });
  });
});

describe('effectiveSettings', () => {
  const managed = readManagedState({ settings: { locale: 'zh-CN', draftRetentionDays: 3, badges: false }, locked: ['draftRetentionDays'] });

  it('without a choice of their own, users get the organisation’s values, marked as managed', () => {
    const effective = effectiveSettings({}, managed);
    expect(effective.settings).toMatchObject({ locale: 'zh-CN', draftRetentionDays: 3, badges: false, deadlineHours: {} });
    expect([...effective.managed].sort()).toEqual(['badges', 'draftRetentionDays', 'locale']);
  });

  it('a user’s own choice wins over an unlocked organisation default, never over a locked one', () => {
    const effective = effectiveSettings({ locale: 'en', draftRetentionDays: 30 }, managed);
    expect(effective.settings.locale).toBe('en');
    expect(effective.settings.draftRetentionDays).toBe(3);
    expect(effective.managed.has('locale')).toBe(false);
    expect(effective.managed.has('draftRetentionDays')).toBe(true);
    expect([...effective.locked]).toEqual(['draftRetentionDays']);
  });

  it('a corrupt user value falls back to the organisation’s values, not to nothing', () => {
    expect(effectiveSettings({ badges: 'yes please' }, managed).settings).toMatchObject({ badges: false, draftRetentionDays: 3 });
  });

  it('the managed schema in the manifest offers exactly the lockable settings', () => {
    const schema = JSON.parse(readFileSync(join(root, 'public', 'managed-schema.json'), 'utf8'));
    expect(schema.properties.locked.items.enum).toEqual([...LOCKABLE]);
    expect(Object.keys(schema.properties.settings.properties).sort()).toEqual(LOCKABLE.filter((key) => key !== 'imports').sort());
  });
});

describe('draftProtection: an organisation may require a drafts PIN', () => {
  it('is read from the policy and named when it is not device or pin', () => {
    expect(readPolicy({ settings: { draftProtection: 'pin' } }).settings).toEqual({ draftProtection: 'pin' });
    const bad = readPolicy({ settings: { draftProtection: 'none' } });
    expect(bad.settings).toEqual({});
    expect(bad.problems.some((problem) => problem.startsWith('settings.draftProtection: '))).toBe(true);
  });

  it('“pin” is locked whether or not the policy lists it, and no value of the user’s lowers it', () => {
    const effective = effectiveSettings({ draftProtection: 'device' }, readManagedState({ settings: { draftProtection: 'pin' } }));
    expect(effective.settings.draftProtection).toBe('pin');
    expect(effective.locked.has('draftProtection')).toBe(true);
    expect(pinRequired(effective.settings)).toBe(true);
  });

  it('without a policy, or with “device”, no PIN is required and a stored user value changes nothing', () => {
    for (const managed of [readManagedState({}), readManagedState({ settings: { draftProtection: 'device' } })]) {
      const effective = effectiveSettings({ draftProtection: 'pin' }, managed);
      expect(effective.settings.draftProtection).toBe('device');
      expect(effective.locked.has('draftProtection')).toBe(false);
      expect(pinRequired(effective.settings)).toBe(false);
    }
  });
});
