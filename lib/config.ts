// The active configuration: the built-in portals and checklists plus those an
// organisation imported as JSON through the options page. Imported data is
// validated when imported and again when loaded; an invalid item is skipped
// whole, never half-loaded.
import { adapterSafetyProblems, ChecklistError, parseAdapter, parseChecklist, type Checklist, type PortalAdapter } from '@chartguard/sdk';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { builtInAdapters, builtInChecklists } from './catalog';
import { CONFIG_KEY } from './catalog-store';
import { MANAGED_KEY, readManagedState } from './managed';

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
  const checklists = new Map(builtInChecklists());
  const adapters = [...builtInAdapters()];
  const importedAdapterIds = new Set<string>();
  const importedChecklistIds = new Set<string>();
  const skipped: string[] = [];
  const managedAdapterIds = new Set<string>();
  const managedChecklistIds = new Set<string>();
  stored.checklists.forEach((data, index) => {
    try {
      const checklist = parseChecklist(data);
      checklists.set(checklist.id, checklist);
      importedChecklistIds.add(checklist.id);
    } catch (error) {
      skipped.push(`checklist #${index + 1}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  stored.adapters.forEach((data, index) => {
    try {
      const adapter = parseSafeAdapter(data);
      const existing = adapters.findIndex((candidate) => candidate.id === adapter.id);
      if (existing >= 0) adapters.splice(existing, 1);
      // Imported adapters are tried first, so an organisation can refine a built-in one.
      adapters.unshift(adapter);
      importedAdapterIds.add(adapter.id);
    } catch (error) {
      skipped.push(`adapter #${index + 1}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  // The organisation's items come last so they win over a user's import of the same id.
  for (const data of managed.checklists) {
    try {
      const checklist = parseChecklist(data);
      checklists.set(checklist.id, checklist);
      managedChecklistIds.add(checklist.id);
    } catch (error) {
      skipped.push(`managed checklist: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const data of managed.adapters) {
    try {
      const adapter = parseAdapter(data);
      const existing = adapters.findIndex((candidate) => candidate.id === adapter.id);
      if (existing >= 0) adapters.splice(existing, 1);
      adapters.unshift(adapter);
      managedAdapterIds.add(adapter.id);
    } catch (error) {
      skipped.push(`managed adapter: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { checklists, adapters, importedAdapterIds, importedChecklistIds, managedAdapterIds, managedChecklistIds, skipped };
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
  if (size > CONFIG_STORAGE_LIMIT) throw new Error(`The configuration is ${size.toLocaleString('en')} characters, more than the ${CONFIG_STORAGE_LIMIT.toLocaleString('en')} the browser stores for Chartguard; it was not activated. Remove an imported item and try again.`);
  try {
    await browser.storage.local.set({ [CONFIG_KEY]: config });
  } catch (error) {
    throw new Error(`The browser refused to store the configuration (${error instanceof Error ? error.message : String(error)}); it was not activated. Free some space or remove an imported item and try again.`);
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
    const collect = <T,>(items: unknown, name: string, parse: (item: unknown) => T): T[] => {
      if (items === undefined) return [];
      if (!Array.isArray(items)) {
        problems.push({ path: name, message: 'must be a list' });
        return [];
      }
      return items.flatMap((item, index) => {
        try {
          return [parse(item)];
        } catch (error) {
          if (error instanceof ChecklistError) problems.push(...error.problems.map((problem) => ({ path: `${name}[${index}]${problem.path ? '.' + problem.path : ''}`, message: problem.message })));
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
  throw new ChecklistError([{ path: 'format', message: 'expected "chartguard-adapter/2", "chartguard-adapter/1", "chartguard-checklist/1" or "chartguard-pack/1"' }], 'file');
}
