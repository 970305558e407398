// Answers the toolbar popup: what Chartguard sees on this tab. Only the
// extension's own pages may ask; anything else, or anything malformed, is ignored.
import { browser } from 'wxt/browser';
import { tabRequestSchema, type TabStatus } from '../../lib/tab-status';

export interface TabStatusSource {
  status(): TabStatus;
  showPanel(): boolean;
}

export function answerTabStatus(source: TabStatusSource, signal: AbortSignal) {
  const extensionOrigin = browser.runtime.getURL('/');
  const onMessage = (raw: unknown, sender: { id?: string; url?: string; tab?: unknown }) => {
    // The popup is an extension page, not a tab: a content script of ours in another tab has sender.tab.
    if (sender.id !== browser.runtime.id || sender.tab || !sender.url?.startsWith(extensionOrigin)) return undefined;
    const parsed = tabRequestSchema.safeParse(raw);
    if (!parsed.success) return undefined;
    return Promise.resolve(parsed.data.type === 'tab.status' ? source.status() : { shown: source.showPanel() });
  };
  browser.runtime.onMessage.addListener(onMessage);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), { once: true });
}
