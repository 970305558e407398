// Answers the toolbar popup: what Chartguard sees on this tab. Only the
// extension's own pages may ask; anything else, or anything malformed, is ignored.
// The request is checked by hand, not with lib/tab-status.ts's schema: this runs
// on every portal page, which should not pay for Zod (issue 18).
import { browser } from '../../lib/lean-browser';
import type { TabRequest, TabStatus } from '../../lib/tab-status';

export interface TabStatusSource {
  status(): TabStatus;
  showPanel(): boolean;
}

export function answerTabStatus(source: TabStatusSource, signal: AbortSignal) {
  const extensionOrigin = browser.runtime.getURL('/');
  const onMessage = (raw: unknown, sender: { id?: string; url?: string; tab?: unknown }, sendResponse: (answer: unknown) => void) => {
    // The popup is an extension page, not a tab: a content script of ours in another tab has sender.tab.
    if (sender.id !== browser.runtime.id || sender.tab || !sender.url?.startsWith(extensionOrigin)) return undefined;
    if (!isTabRequest(raw)) return undefined;
    // Answered at once through sendResponse, which both browsers support without the polyfill (lib/lean-browser.ts).
    sendResponse(raw.type === 'tab.status' ? source.status() : { shown: source.showPanel() });
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), { once: true });
}

/** The same shapes as lib/tab-status.ts's tabRequestSchema (test/portal-content/tab-request.test.ts holds them level). */
export function isTabRequest(raw: unknown): raw is TabRequest {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const type = (raw as { type?: unknown }).type;
  return type === 'tab.status' || type === 'tab.showPanel';
}
