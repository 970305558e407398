// Where a record page's panel docks (#14 part 1). A record in the top document
// docks its panel there, as always. A record inside a portal's work frame docks
// it in the tab's top document, beside that frame, through the background
// (which alone knows the frame's id); the panel then talks to the frame that
// holds the record. When the top document cannot take it (no content script of
// ours there, e.g. a shell on another origin), the frame docks the panel itself.
import { browser, type Browser } from '../../../../lib/lean-browser';
import type { FrameToBackground } from '../../../../lib/protocol';
import { FRAME_PORT } from '../../../../lib/protocol-names';
import { readDocked, readToDock } from './messages';
import { mountPanelFrame, type PanelFrame } from './panel-frame';

/** The panel page, told which frame of the tab holds its record. */
export function panelSrc(panelUrl: string, frameId: number): string {
  return frameId === 0 ? panelUrl : `${panelUrl}?frame=${frameId}`;
}

// The router asks it too, without the rest of this module.
export { inChildFrame } from '../../dom';

function randomToken(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The panel of a record in a child frame, docked in the top document. Calls made before the top document
 * answered are remembered and replayed wherever the panel ends up.
 */
export function dockInTopDocument(panelUrl: string): PanelFrame {
  const token = randomToken();
  let port: Browser.runtime.Port | undefined;
  let local: PanelFrame | undefined;
  let removed = false;
  let collapsed: boolean | undefined;
  let noticeText: string | null = null;
  let orphanText: string | undefined;
  /** A Save is waiting on the panel: it loads at once wherever it is docked, not once the top document has loaded. */
  let loadWanted = false;
  const send = (message: FrameToBackground) => {
    try {
      port?.postMessage(message);
    } catch {
      port = undefined;
    }
  };
  const dockLocally = (frameId: number) => {
    local = mountPanelFrame(panelSrc(panelUrl, frameId));
    if (collapsed !== undefined) local.setCollapsed(collapsed);
    if (noticeText) local.notice(noticeText);
    if (orphanText) local.orphan(orphanText);
    if (loadWanted) local.loadNow();
  };
  const connect = () => {
    let opened: Browser.runtime.Port;
    try {
      opened = browser.runtime.connect({ name: FRAME_PORT });
    } catch {
      return; // The extension is gone; the content script's orphan handling tells the user.
    }
    port = opened;
    opened.onMessage.addListener((raw: unknown) => {
      const reply = readDocked(raw);
      if (!reply || removed || local) return;
      // Asked before the top document had the panel (the background relays in order, but docks only once it has
      // loaded the top document's script): asked again now that it has it.
      if (reply.docked) {
        if (loadWanted) send({ type: 'load' });
        return;
      }
      // No top document of ours to dock in: the frame holds its own panel, told its own frame id.
      opened.disconnect();
      port = undefined;
      dockLocally(reply.frameId);
    });
    // The background was stopped (an MV3 service worker idles out): dock again under the same token, which the
    // top document recognises, so the panel stays as it is and this frame's leaving still undocks it.
    opened.onDisconnect.addListener(() => {
      if (port !== opened) return;
      port = undefined;
      if (!removed && !local && !orphanText) setTimeout(() => !removed && !local && !port && connect(), 50);
    });
    send({ type: 'dock', token });
  };
  connect();
  return {
    setCollapsed(value) {
      collapsed = value;
      if (local) local.setCollapsed(value);
      else send({ type: 'collapse', collapsed: value });
    },
    notice(text) {
      noticeText = text;
      if (local) local.notice(text);
      else send({ type: 'notice', text });
    },
    orphan(text) {
      orphanText = text;
      if (local) local.orphan(text);
      else send({ type: 'orphan', text });
    },
    loadNow() {
      loadWanted = true;
      if (local) local.loadNow();
      else send({ type: 'load' });
    },
    // Docked in the top document, the panel's own port to this frame tells whether it is alive.
    attached() {
      return local ? local.attached() : !removed;
    },
    remove() {
      removed = true;
      local?.remove();
      const open = port;
      port = undefined;
      open?.disconnect();
    },
  };
}

/**
 * In the top document: docks the panels of records held by child frames, as the background relays them.
 * Only messages from the extension itself arrive here (a page cannot message a content script this way).
 */
export function serveFramePanels(panelUrl: string, signal: AbortSignal): { orphanAll(text: string): void } {
  const docked = new Map<number, { token: string; frame: PanelFrame }>();
  const extensionOrigin = browser.runtime.getURL('/');
  // The answer goes through sendResponse, which both browsers support natively (no polyfill in this script).
  const onMessage = (raw: unknown, sender: { id?: string; url?: string; tab?: unknown }, sendResponse: (answer: unknown) => void) => {
    if (sender.id !== browser.runtime.id || sender.tab || !sender.url?.startsWith(extensionOrigin)) return;
    const message = readToDock(raw);
    if (!message) return;
    const entry = docked.get(message.frameId);
    switch (message.type) {
      case 'dock.mount': {
        if (entry?.token !== message.token) {
          entry?.frame.remove();
          docked.set(message.frameId, { token: message.token, frame: mountPanelFrame(panelSrc(panelUrl, message.frameId)) });
        }
        sendResponse({ docked: true });
        return;
      }
      case 'dock.unmount':
        if (entry?.token === message.token) {
          entry.frame.remove();
          docked.delete(message.frameId);
        }
        return;
      default:
        if (entry?.token !== message.token) return;
        if (message.type === 'dock.collapse') entry.frame.setCollapsed(message.collapsed);
        else if (message.type === 'dock.notice') entry.frame.notice(message.text);
        else if (message.type === 'dock.load') entry.frame.loadNow();
        else entry.frame.orphan(message.text);
        return;
    }
  };
  browser.runtime.onMessage.addListener(onMessage);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), { once: true });
  return {
    orphanAll(text) {
      for (const { frame } of docked.values()) frame.orphan(text);
    },
  };
}
