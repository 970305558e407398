// The checklist editor page (opened from the options page): loads the
// catalogue to start from, and saves a checklist the SDK has validated into
// the same stored configuration an imported checklist goes to, so the panel
// and the content script find it exactly as they find an import.
import type { Checklist } from '@chartguard/sdk';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { ChecklistEditor } from '../../components/checklist-editor/ChecklistEditor';
import { loadCatalog, loadStoredConfig, saveStoredConfig } from '../../lib/catalog/config';
import { effectiveSettings, MANAGED_KEY, readManagedState } from '../../lib/managed';
import { browserLocale } from '../../i18n';
import { SETTINGS_KEY } from '../../lib/settings';
import { downloadJson } from '../../lib/download';
import './style.css';

/** Replaces a stored checklist of the same id, or adds it: what the options page's import does on activation. */
async function saveChecklist(checklist: Checklist): Promise<void> {
  const stored = await loadStoredConfig();
  const others = stored.checklists.filter((item) => (item as { id?: unknown }).id !== checklist.id);
  await saveStoredConfig({ ...stored, checklists: [...others, checklist] });
}

function EditorPage() {
  const [state, setState] = useState<{ locale: 'en' | 'zh-CN'; catalogue: Checklist[]; importsLocked: boolean } | null>(null);
  useEffect(() => {
    void Promise.all([loadCatalog(), browser.storage.local.get([SETTINGS_KEY, MANAGED_KEY])]).then(([catalog, stored]) => {
      const own = stored[SETTINGS_KEY];
      const effective = effectiveSettings(
        typeof own === 'object' && own !== null ? (own as Record<string, unknown>) : {},
        readManagedState(stored[MANAGED_KEY]),
      );
      const locale = browserLocale(effective.settings.locale, browser.i18n.getUILanguage());
      document.documentElement.lang = locale;
      setState({ locale, catalogue: [...catalog.checklists.values()], importsLocked: effective.locked.has('imports') });
    });
  }, []);
  if (!state) return null;
  return (
    <ChecklistEditor
      locale={state.locale}
      catalogue={state.catalogue}
      onExport={downloadJson}
      onSave={async (checklist) => {
        // An organisation that turned imports off has said which checklists run; a saved one would be an import.
        if (state.importsLocked) throw new Error('adding checklists is turned off by your organisation');
        await saveChecklist(checklist);
      }}
    />
  );
}

z.config({ jitless: true });
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EditorPage />
  </StrictMode>,
);
