// The options page: loads the configuration and settings from the
// extension's storage, validates imports through the SDK, and asks for a new
// portal's host permission at the moment the user activates it.
import { ChecklistError, localize, type Locale } from '@chartguard/sdk';
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { OptionsPage, type ImportOutcome, type OrganisationPolicy } from '../../components/OptionsPage';
import {
  buildCatalog,
  loadStoredConfig,
  readImport,
  saveStoredConfig,
  type Catalog,
  type ImportedFile,
  type StoredConfig,
} from '../../lib/catalog/config';
import { effectiveSettings, MANAGED_KEY, readManagedState, type ManagedState } from '../../lib/managed';
import { browserLocale } from '../../i18n';
import { optionsText } from '../../i18n/options';
import { SETTINGS_KEY, type Settings } from '../../lib/settings';
import { storeClient } from '../../lib/store-client';
import { PinSetup } from './pin-setup';
import { usePolicyChange } from './use-policy-change';
import { downloadJson } from '../../lib/download';
import './style.css';

/** What an import holds, said before it is activated. */
function describe(file: ImportedFile, locale: Locale): string {
  if (file.kind === 'adapter') return optionsText(locale, 'importAdapter', { name: file.adapter.name, pages: file.adapter.pages.length });
  if (file.kind === 'checklist')
    return optionsText(locale, 'importChecklist', { title: localize(file.checklist.title, locale), rules: file.checklist.rules.length });
  return optionsText(locale, 'importPack', { adapters: file.adapters.length, checklists: file.checklists.length });
}

function Options() {
  const [stored, setStored] = useState<StoredConfig | null>(null);
  // The user's own settings as stored (only what they chose), and the organisation's policy.
  const [ownSettings, setOwnSettings] = useState<Record<string, unknown> | null>(null);
  const [managed, setManaged] = useState<ManagedState | null>(null);
  const pending = useRef<ImportedFile | null>(null);
  // The adapters as the user wrote them: stored as written, so they are read again through the same
  // reader (and its format-1 upgrade) on every load, never as the reader's own output.
  const pendingAdapterSources = useRef<unknown[]>([]);

  usePolicyChange(() => {
    void loadStoredConfig().then(setStored);
    void browser.storage.local.get([SETTINGS_KEY, MANAGED_KEY]).then((value) => {
      const own = value[SETTINGS_KEY];
      setOwnSettings(typeof own === 'object' && own !== null ? (own as Record<string, unknown>) : {});
      setManaged(readManagedState(value[MANAGED_KEY]));
    });
  });

  const locale = browserLocale(
    ownSettings && managed ? effectiveSettings(ownSettings, managed).settings.locale : undefined,
    browser.i18n.getUILanguage(),
  );
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  if (!stored || !ownSettings || !managed) return null;
  const effective = effectiveSettings(ownSettings, managed);
  const settings = effective.settings;
  const catalog: Catalog = buildCatalog(stored, managed);
  const organisation: OrganisationPolicy = {
    adapters: catalog.managedAdapterIds,
    checklists: catalog.managedChecklistIds,
    settings: effective.managed,
    locked: effective.locked,
    problems: [...managed.problems, ...catalog.skipped.filter((item) => item.startsWith('managed'))],
  };
  const deadlineRules = [...catalog.checklists.values()].flatMap((checklist) => (checklist.deadline ? [checklist.deadline.rule] : []));

  const onImport = (text: string): ImportOutcome => {
    pending.current = null;
    if (effective.locked.has('imports'))
      return { ok: false, problems: [{ path: '', message: 'importing is turned off by your organisation' }] };
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return { ok: false, problems: [{ path: '', message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
    }
    try {
      const file = readImport(data);
      const adapters = file.kind === 'adapter' ? [file.adapter] : file.kind === 'pack' ? file.adapters : [];
      const checklists = file.kind === 'checklist' ? [file.checklist] : file.kind === 'pack' ? file.checklists : [];
      const known = new Set([...catalog.checklists.keys(), ...checklists.map((checklist) => checklist.id)]);
      const unknown = adapters.flatMap((adapter, a) =>
        adapter.pages.flatMap((page, p) =>
          page.checklists
            .filter((id) => !known.has(id))
            .map((id) => ({ path: `adapters[${a}].pages[${p}].checklists`, message: `unknown checklist “${id}”` })),
        ),
      );
      if (unknown.length) return { ok: false, problems: unknown };
      pending.current = file;
      pendingAdapterSources.current =
        file.kind === 'adapter' ? [data] : file.kind === 'pack' ? ((data as { adapters?: unknown[] }).adapters ?? []) : [];
      return { ok: true, summary: describe(file, locale), origins: [...new Set(adapters.flatMap((adapter) => adapter.matches))] };
    } catch (error) {
      if (error instanceof ChecklistError) return { ok: false, problems: error.problems };
      return { ok: false, problems: [{ path: '', message: String(error) }] };
    }
  };

  const onActivate = async () => {
    const file = pending.current;
    if (!file) return { granted: false };
    const adapters = file.kind === 'adapter' ? [file.adapter] : file.kind === 'pack' ? file.adapters : [];
    // Asked here, in the click, for exactly the new portal's addresses — except those the extension already runs on.
    const builtIn = new Set(browser.runtime.getManifest().content_scripts?.flatMap((script) => script.matches ?? []) ?? []);
    const origins = [...new Set(adapters.flatMap((adapter) => adapter.matches))].filter((origin) => !builtIn.has(origin));
    const granted = origins.length ? await browser.permissions.request({ origins }) : true;
    if (!granted) return { granted: false };
    const next: StoredConfig = {
      adapters: [
        ...stored.adapters.filter((item) => !adapters.some((adapter) => (item as { id?: string }).id === adapter.id)),
        ...pendingAdapterSources.current,
      ],
      checklists: [
        ...stored.checklists.filter(
          (item) =>
            !(file.kind === 'checklist' ? [file.checklist] : file.kind === 'pack' ? file.checklists : []).some(
              (checklist) => (item as { id?: string }).id === checklist.id,
            ),
        ),
        ...(file.kind === 'checklist' ? [file.checklist] : file.kind === 'pack' ? file.checklists : []),
      ],
    };
    await saveStoredConfig(next);
    setStored(next);
    pending.current = null;
    return { granted: true };
  };

  return (
    <>
      <OptionsPage
        browserLanguage={browser.i18n.getUILanguage()}
        adapters={catalog.adapters}
        checklists={[...catalog.checklists.values()]}
        imported={{ adapters: catalog.importedAdapterIds, checklists: catalog.importedChecklistIds }}
        settings={settings}
        deadlineRules={deadlineRules}
        onImport={onImport}
        onActivate={onActivate}
        onRemove={(kind, id) => {
          const next =
            kind === 'adapter'
              ? { ...stored, adapters: stored.adapters.filter((item) => (item as { id?: string }).id !== id) }
              : { ...stored, checklists: stored.checklists.filter((item) => (item as { id?: string }).id !== id) };
          void saveStoredConfig(next).then(() => setStored(next));
        }}
        organisation={organisation}
        onSettings={(next) => {
          // Only what the user changed is theirs; a locked setting is never written, whatever the page sent.
          const own = { ...ownSettings };
          for (const key of Object.keys({ ...settings, ...next }) as (keyof Settings)[]) {
            if (JSON.stringify(next[key]) === JSON.stringify(settings[key]) || effective.locked.has(key)) continue;
            if (next[key] === undefined) delete own[key];
            else own[key] = next[key];
          }
          setOwnSettings(own);
          void browser.storage.local.set({ [SETTINGS_KEY]: own });
        }}
        onExportConfig={() =>
          downloadJson('chartguard-config.json', {
            format: 'chartguard-pack/1',
            adapters: stored.adapters,
            checklists: stored.checklists,
            settings,
          })
        }
        onExportAudit={() => void storeClient.auditLog().then((events) => downloadJson('chartguard-audit-log.json', events))}
      />
      <PinSetup locale={locale} />
    </>
  );
}

z.config({ jitless: true });
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Options />
  </StrictMode>,
);
