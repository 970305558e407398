// Firefox gives an extension page framed inside a web page only the content-script
// APIs (no `browser.tabs`: w3c/webextensions#787, "proxy via the background"), so
// the docked panel there cannot open a port to its tab's content script itself.
// The background relays instead: the panel connects to it, and it connects to the
// content script of the panel's own tab, top frame. Chromium keeps the direct port
// (its MV3 worker would stop under an idle relayed port).
import { browser, type Browser } from 'wxt/browser';
import { PANEL_PORT, PANEL_RELAY_PORT } from './protocol';

type Port = Browser.runtime.Port;
type Sender = Browser.runtime.MessageSender;

/** The sender is our panel page, framed in a tab. Only our extension can carry our id. */
function isOurFramedPanel(sender: Sender | undefined, extensionOrigin: string): sender is Sender & { tab: { id: number } } {
  if (sender?.id !== browser.runtime.id || typeof sender.tab?.id !== 'number' || !sender.url?.startsWith(extensionOrigin)) return false;
  try {
    return new URL(sender.url).pathname === '/panel.html';
  } catch {
    return false;
  }
}

/** Installed once by the background: each panel port is joined to a port into its tab's content script. */
export function relayPanelPorts(): void {
  const extensionOrigin = browser.runtime.getURL('/');
  browser.runtime.onConnect.addListener((fromPanel: Port) => {
    if (fromPanel.name !== PANEL_RELAY_PORT) return;
    if (!isOurFramedPanel(fromPanel.sender, extensionOrigin)) {
      fromPanel.disconnect();
      return;
    }
    const toPage = browser.tabs.connect(fromPanel.sender.tab.id, { frameId: 0, name: PANEL_PORT });
    // Messages pass unread: the content script and the panel each validate what they receive.
    fromPanel.onMessage.addListener((message: unknown) => toPage.postMessage(message));
    toPage.onMessage.addListener((message: unknown) => fromPanel.postMessage(message));
    // Either end going away ends the other, so the panel shows "not reachable" rather than stalling.
    fromPanel.onDisconnect.addListener(() => toPage.disconnect());
    toPage.onDisconnect.addListener(() => fromPanel.disconnect());
  });
}
