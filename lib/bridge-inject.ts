// The background's half of starting the page-world bridge: a content script
// that has recognised a record page asks, and the bridge is injected into
// exactly that tab and frame in the page's world. The bridge's completion
// value (its secret) comes back here through scripting.executeScript and goes
// to the content script as the reply: it never passes through the page.
import { browser, type Browser } from 'wxt/browser';
import { BRIDGE_START_MESSAGE, isBridgeSecret } from './bridge-protocol';

export const PAGE_BRIDGE_FILE = '/page-bridge.js';

/** Whether a runtime message is a bridge start request from one of our own content scripts in a web page. */
export function isBridgeStart(raw: unknown, sender: Browser.runtime.MessageSender, extensionId: string): boolean {
  if (typeof raw !== 'object' || raw === null || Object.keys(raw).length !== 1 || (raw as { type?: unknown }).type !== BRIDGE_START_MESSAGE)
    return false;
  if (sender.id !== extensionId || sender.tab?.id === undefined || typeof sender.frameId !== 'number' || !sender.url) return false;
  // Content scripts run in web pages; a request from an extension page is not one.
  return /^https?:$/.test(new URL(sender.url).protocol);
}

/** Injects the bridge into the sender's frame and answers with its secret, or with none when it could not start. */
export async function startPageBridge(sender: Browser.runtime.MessageSender): Promise<{ secret: string | null }> {
  const results = await browser.scripting.executeScript({
    target: { tabId: sender.tab!.id!, frameIds: [sender.frameId!] },
    world: 'MAIN',
    injectImmediately: true,
    files: [PAGE_BRIDGE_FILE],
  });
  const secret: unknown = results?.[0]?.result;
  return { secret: isBridgeSecret(secret) ? secret : null };
}
