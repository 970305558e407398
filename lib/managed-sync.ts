// The background's half of organisation deployment: reads the browser policy
// (storage.managed), validates every item as the options page validates an
// import, and mirrors the result into storage.local (lib/managed.ts). What
// does not validate is kept as a named problem for the options page, never
// applied half-read.
import { browser } from 'wxt/browser';
import { readImport } from './catalog/config';
import { LOCKABLE, MANAGED_KEY, readManagedState, type Lockable, type ManagedState } from './managed';
import { partialSettingsSchema } from './settings';

/** Turns a policy object (as storage.managed gives it) into the mirrored state. Pure, for tests. */
export function readPolicy(policy: Record<string, unknown>): ManagedState {
  const state: ManagedState = { adapters: [], checklists: [], settings: {}, locked: [], problems: [] };
  const packs = policy.packs;
  if (packs !== undefined && !Array.isArray(packs)) state.problems.push('packs: must be a list of JSON texts');
  (Array.isArray(packs) ? packs : []).forEach((text, index) => {
    try {
      const data: unknown = typeof text === 'string' ? JSON.parse(text) : text;
      const file = readImport(data);
      // Adapters are mirrored as the organisation wrote them, validated here and read again (with the
      // format-1 upgrade) wherever they are used: the reader's own output is not an adapter file.
      if (file.kind === 'adapter') state.adapters.push(data);
      else if (file.kind === 'checklist') state.checklists.push(file.checklist);
      else {
        state.adapters.push(...(data as { adapters: unknown[] }).adapters);
        state.checklists.push(...file.checklists);
      }
    } catch (error) {
      state.problems.push(`packs[${index}]: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  const settings = typeof policy.settings === 'object' && policy.settings !== null ? (policy.settings as Record<string, unknown>) : {};
  // One bad setting must not discard the good ones: each is checked on its own.
  const shape = partialSettingsSchema.def.shape;
  for (const [key, value] of Object.entries(settings)) {
    if (!(key in shape)) {
      state.problems.push(`settings.${key}: not a Chartguard setting`);
      continue;
    }
    const parsed = partialSettingsSchema.safeParse({ [key]: value });
    if (parsed.success) Object.assign(state.settings, parsed.data);
    else state.problems.push(`settings.${key}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  }
  for (const item of Array.isArray(policy.locked) ? policy.locked : []) {
    if ((LOCKABLE as readonly unknown[]).includes(item)) state.locked.push(item as Lockable);
    else state.problems.push(`locked: “${String(item)}” is not a setting that can be locked`);
  }
  return state;
}

/** Mirrors the policy now; called at start-up and whenever the policy changes. */
export async function syncManagedPolicy(): Promise<void> {
  let policy: Record<string, unknown> = {};
  try {
    policy = (await browser.storage.managed.get(null)) as Record<string, unknown>;
  } catch {
    // No policy at all (Firefox without policies.json answers with an error): nothing is managed.
  }
  const next = readPolicy(policy);
  const current = readManagedState((await browser.storage.local.get(MANAGED_KEY))[MANAGED_KEY]);
  if (JSON.stringify(current) !== JSON.stringify(next)) await browser.storage.local.set({ [MANAGED_KEY]: next });
}
