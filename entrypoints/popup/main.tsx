// The toolbar popup: asks the active tab's content script what it sees, and
// opens the panel, the options page or portal setup.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { PopupStatus } from '../../components/PopupStatus';
import { pageLocale, SETTINGS_KEY, type Settings } from '../../lib/settings';
import { tabStatusSchema, type TabRequest, type TabStatus } from '../../lib/tab-status';
import { loadEffectiveSettings } from '../../lib/managed';
import { PICKER_FILE } from '../../lib/builder-protocol';

async function activeTab() {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

async function activeTabId(): Promise<number | undefined> {
  return (await activeTab())?.id;
}

/**
 * "Set up this portal" (#20 part 1): the portal builder's picker goes into every frame of the tab, and the
 * top frame's docks the builder. Only on a site Chartguard may read: the tab's address is visible to the
 * popup only there. Resolves false when the builder could not start.
 */
async function startBuilder(tab: { id?: number; url?: string } | undefined): Promise<boolean> {
  if (tab?.id === undefined || !tab.url || !/^https?:/.test(tab.url)) return false;
  await browser.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, files: [PICKER_FILE] });
  return true;
}

async function ask(request: TabRequest): Promise<unknown> {
  const tabId = await activeTabId();
  if (tabId === undefined) return undefined;
  // Only the top frame's content script owns the page's panel and badges.
  return browser.tabs.sendMessage(tabId, request, { frameId: 0 });
}

function Popup() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<TabStatus | null | undefined>(undefined);

  useEffect(() => {
    void loadEffectiveSettings(browser.storage.local, SETTINGS_KEY).then((effective) => setSettings(effective.settings));
    // No content script in the tab (not a portal, or a browser page) rejects: that is "not active here".
    ask({ type: 'tab.status' }).then(
      (answer) => {
        const parsed = tabStatusSchema.safeParse(answer);
        setStatus(parsed.success ? parsed.data : null);
      },
      () => setStatus(null),
    );
  }, []);

  if (!settings) return null;
  const openOptions = (hash: string) => {
    void browser.tabs.create({ url: browser.runtime.getURL(`/options.html${hash}`) }).then(() => window.close());
  };
  return (
    <PopupStatus
      locale={pageLocale(settings.locale, browser.i18n.getUILanguage())}
      status={status}
      onShowPanel={() => void ask({ type: 'tab.showPanel' }).finally(() => window.close())}
      onOptions={() => openOptions('')}
      onSetup={() =>
        void activeTab().then(startBuilder).then(
          (started) => (started ? window.close() : openOptions('#portals-heading')),
          () => openOptions('#portals-heading'),
        )
      }
    />
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Popup />
  </StrictMode>,
);
