// The panel's line to the content script of the tab it is docked in: a port
// the panel opens (the page cannot), with every incoming message validated.
// Firefox gives a framed extension page no `tabs` API; there the background relays (lib/panel-relay.ts).
import { browser } from 'wxt/browser';
import { PANEL_PORT, PANEL_RELAY_PORT, toPanelSchema, type ToContent, type ToPanel } from '../../lib/protocol';

export interface Connection {
  send(message: ToContent): void;
  close(): void;
}

async function ownTabId(): Promise<number> {
  const tab = await browser.tabs.getCurrent();
  if (tab?.id !== undefined) return tab.id;
  const reply = (await browser.runtime.sendMessage({ type: 'whoami' })) as { tabId?: number } | undefined;
  if (typeof reply?.tabId !== 'number') throw new Error('The panel could not tell which tab it is in.');
  return reply.tabId;
}

/** The frame of the tab that holds the record: the top document unless the content script docked us for a work frame. */
function recordFrameId(): number {
  const frame = Number(new URLSearchParams(location.search).get('frame') ?? '0');
  return Number.isSafeInteger(frame) && frame >= 0 ? frame : 0;
}

/** `onUnreadable` hears of a message that did not parse, so a schema mismatch is never a silent stall. */
export async function connectToPage(
  onMessage: (message: ToPanel) => void,
  onLost: () => void,
  onUnreadable: (type: string) => void = () => undefined,
): Promise<Connection> {
  // Firefox: through the background, which reads the frame from this page's address (lib/panel-relay.ts).
  const port = browser.tabs?.connect
    ? browser.tabs.connect(await ownTabId(), { frameId: recordFrameId(), name: PANEL_PORT })
    : browser.runtime.connect({ name: PANEL_RELAY_PORT });
  port.onMessage.addListener((raw: unknown) => {
    const parsed = toPanelSchema.safeParse(raw);
    if (parsed.success) onMessage(parsed.data);
    else
      onUnreadable(
        typeof raw === 'object' && raw !== null && typeof (raw as { type?: unknown }).type === 'string'
          ? String((raw as { type: string }).type).slice(0, 40)
          : 'unknown',
      );
  });
  port.onDisconnect.addListener(onLost);
  port.postMessage({ type: 'hello' } satisfies ToContent);
  return {
    send(message) {
      port.postMessage(message);
    },
    close() {
      port.disconnect();
    },
  };
}
