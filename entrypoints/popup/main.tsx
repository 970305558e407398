// The toolbar popup: asks the active tab's content script what it sees, and
// opens the panel, the options page or portal setup.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { PopupStatus } from '../../components/PopupStatus';
import { browserLocale } from '../../i18n';
import { SETTINGS_KEY, type Settings } from '../../lib/settings';
import { withPortalName, type TabStatus } from '../../lib/tab-status';
import { tabStatusAndFrame, type TabMessaging } from '../../lib/tab-frames';
import { loadEffectiveSettings } from '../../lib/managed';
import { PICKER_FILE } from '../../lib/builder-protocol';
import { loadCatalog } from '../../lib/catalog/config';
import { askTabStatus, TAB_STATUS_KEY } from '../portal.content/tab-status';
import './style.css';

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

/** The portal's name, which the page leaves out (its compact adapters carry none, issue 18). */
async function named(status: TabStatus | null): Promise<TabStatus | null> {
  if (!status?.portal || status.portal.name) return status;
  return withPortalName(status, (await loadCatalog().catch(() => undefined))?.adapters ?? []);
}

const messaging: TabMessaging = {
  async frameIds(tabId) {
    const results = await browser.scripting.executeScript({ target: { tabId, allFrames: true }, func: () => undefined });
    return results.map((result) => result.frameId);
  },
  // Read in the frame's isolated world, where only the extension can run code (no message listener on the page).
  async send(tabId, request, frameId) {
    const [result] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [frameId] },
      func: askTabStatus,
      args: [TAB_STATUS_KEY, request.type],
    });
    return result?.result;
  },
};

function Popup() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<TabStatus | null | undefined>(undefined);
  /** The tab and frame that answered: the top frame, or the work frame that holds the record. */
  const [target, setTarget] = useState<{ tabId: number; frameId: number } | undefined>(undefined);

  useEffect(() => {
    void loadEffectiveSettings(browser.storage.local, SETTINGS_KEY).then((effective) => setSettings(effective.settings));
    // No content script in the tab (not a portal, or a browser page) rejects: that is "not active here".
    void activeTabId()
      .then(async (tabId) => {
        if (tabId === undefined) return setStatus(null);
        const answer = await tabStatusAndFrame(tabId, messaging);
        setTarget({ tabId, frameId: answer.frameId });
        setStatus(await named(answer.status));
      })
      .catch(() => setStatus(null));
  }, []);

  if (!settings) return null;
  const openOptions = (hash: string) => {
    void browser.tabs.create({ url: browser.runtime.getURL(`/options.html${hash}`) }).then(() => window.close());
  };
  return (
    <PopupStatus
      locale={browserLocale(settings.locale, browser.i18n.getUILanguage())}
      status={status}
      onShowPanel={() =>
        void (target ? messaging.send(target.tabId, { type: 'tab.showPanel' }, target.frameId) : Promise.resolve()).finally(() =>
          window.close(),
        )
      }
      onOptions={() => openOptions('')}
      onSetup={() =>
        void activeTab()
          .then(startBuilder)
          .then(
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
