// The toolbar popup: asks the active tab's content script what it sees, and
// opens the panel, the options page or portal setup.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { PopupStatus } from '../../components/PopupStatus';
import { pageLocale, SETTINGS_KEY, type Settings } from '../../lib/settings';
import { tabStatusSchema, type TabRequest, type TabStatus } from '../../lib/tab-status';
import { loadEffectiveSettings } from '../../lib/managed';

async function activeTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
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
      onSetup={() => openOptions('#portals-heading')}
    />
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Popup />
  </StrictMode>,
);
