// The active configuration: the built-in portals and checklists plus those an
// organisation imported as JSON through the options page. Imported data is
// validated when imported and again when loaded; an invalid item is skipped
// whole, never half-loaded.
import { adapterSafetyProblems, ChecklistError, parseAdapter, parseChecklist, type Checklist, type PortalAdapter } from '@chartguard/sdk';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { readManagedState } from '../managed';
import { builtInAdapters, builtInChecklists } from './built-in';
import { mergeCatalog } from './merge';
import { CONFIG_KEY, MANAGED_KEY } from './runtime';

export { CONFIG_KEY };

const storedConfigSchema = z.object({
  adapters: z.array(z.unknown()).default([]),
  checklists: z.array(z.unknown()).default([]),
});
export type StoredConfig = z.infer<typeof storedConfigSchema>;

export interface Catalog {
  checklists: Map<string, Checklist>;
  adapters: PortalAdapter[];
  importedAdapterIds: Set<string>;
  importedChecklistIds: Set<string>;
  /** Items the organisation deployed through browser policy (lib/managed.ts). */
  managedAdapterIds: Set<string>;
  managedChecklistIds: Set<string>;
  /** Imported items that no longer validate (e.g. after an SDK update), by index and problems. */
  skipped: string[];
}

export function readStoredConfig(raw: unknown): StoredConfig {
  const parsed = storedConfigSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : { adapters: [], checklists: [] };
}

export function buildCatalog(stored: StoredConfig, managed: StoredConfig = { adapters: [], checklists: [] }): Catalog {
  const merged = mergeCatalog(
    { checklists: builtInChecklists(), adapters: builtInAdapters() },
    [
      { source: 'imported', ...stored },
      { source: 'managed', ...managed },
    ],
    // The organisation's adapters were checked for safety by the background when it mirrored the policy.
    { checklist: parseChecklist, adapter: (data, source) => (source === 'managed' ? parseAdapter(data) : parseSafeAdapter(data)) },
  );
  const { checklists, adapters, ids, skipped } = merged;
  return {
    checklists,
    adapters,
    importedAdapterIds: ids.imported.adapters,
    importedChecklistIds: ids.imported.checklists,
    managedAdapterIds: ids.managed.adapters,
    managedChecklistIds: ids.managed.checklists,
    skipped,
  };
}

export async function loadCatalog(): Promise<Catalog> {
  const stored = await browser.storage.local.get([CONFIG_KEY, MANAGED_KEY]);
  return buildCatalog(readStoredConfig(stored[CONFIG_KEY]), readManagedState(stored[MANAGED_KEY]));
}

export async function loadStoredConfig(): Promise<StoredConfig> {
  return readStoredConfig((await browser.storage.local.get(CONFIG_KEY))[CONFIG_KEY]);
}

/** What browser.storage.local holds without the unlimitedStorage permission (10 MB), less room for settings. */
export const CONFIG_STORAGE_LIMIT = 9_000_000;

/** Stores the configuration, or throws an error that says why it was not stored: nothing is half-activated. */
export async function saveStoredConfig(config: StoredConfig): Promise<void> {
  const size = JSON.stringify(config).length;
  if (size > CONFIG_STORAGE_LIMIT)
    throw new Error(
      `The configuration is ${size.toLocaleString('en')} characters, more than the ${CONFIG_STORAGE_LIMIT.toLocaleString('en')} the browser stores for Chartguard; it was not activated. Remove an imported item and try again.`,
    );
  try {
    await browser.storage.local.set({ [CONFIG_KEY]: config });
  } catch (error) {
    throw new Error(
      `The browser refused to store the configuration (${error instanceof Error ? error.message : String(error)}); it was not activated. Free some space or remove an imported item and try again.`,
    );
  }
}

/** An adapter, checked first for what would hurt the portal page it runs in (patterns, Save selectors, size). */
function parseSafeAdapter(data: unknown): PortalAdapter {
  const problems = adapterSafetyProblems(data);
  if (problems.length) throw new ChecklistError(problems, 'portal adapter');
  return parseAdapter(data);
}

export type ImportedFile =
  | { kind: 'adapter'; adapter: PortalAdapter }
  | { kind: 'checklist'; checklist: Checklist }
  | { kind: 'pack'; adapters: PortalAdapter[]; checklists: Checklist[] };

/**
 * Reads an imported file: an adapter, a checklist, or a pack
 * `{ "format": "chartguard-pack/1", "adapters": [...], "checklists": [...] }`.
 * Throws a ChecklistError naming every problem by path.
 */
export function readImport(data: unknown): ImportedFile {
  // Size and nesting first, for any file: a 13 MB file is refused before anything walks it twice.
  const whole = adapterSafetyProblems(data);
  if (whole.length) throw new ChecklistError(whole, 'file');
  const format = typeof data === 'object' && data !== null ? (data as { format?: unknown }).format : undefined;
  if (format === 'chartguard-adapter/1' || format === 'chartguard-adapter/2') return { kind: 'adapter', adapter: parseSafeAdapter(data) };
  if (format === 'chartguard-checklist/1') return { kind: 'checklist', checklist: parseChecklist(data) };
  if (format === 'chartguard-pack/1') {
    const pack = data as { adapters?: unknown; checklists?: unknown };
    const problems: { path: string; message: string }[] = [];
    const collect = <T>(items: unknown, name: string, parse: (item: unknown) => T): T[] => {
      if (items === undefined) return [];
      if (!Array.isArray(items)) {
        problems.push({ path: name, message: 'must be a list' });
        return [];
      }
      return items.flatMap((item, index) => {
        try {
          return [parse(item)];
        } catch (error) {
          if (error instanceof ChecklistError)
            problems.push(
              ...error.problems.map((problem) => ({
                path: `${name}[${index}]${problem.path ? '.' + problem.path : ''}`,
                message: problem.message,
              })),
            );
          else problems.push({ path: `${name}[${index}]`, message: String(error) });
          return [];
        }
      });
    };
    const adapters = collect(pack.adapters, 'adapters', parseSafeAdapter);
    const checklists = collect(pack.checklists, 'checklists', parseChecklist);
    if (problems.length) throw new ChecklistError(problems, 'pack');
    return { kind: 'pack', adapters, checklists };
  }
  throw new ChecklistError(
    [
      {
        path: 'format',
        message: 'expected "chartguard-adapter/2", "chartguard-adapter/1", "chartguard-checklist/1" or "chartguard-pack/1"',
      },
    ],
    'file',
  );
}
