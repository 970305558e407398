// A Save the always-on script let through unchecked (its record page's features never came) is told on that page
// by the script itself (entrypoints/portal.content/features/save-guard/saved-unchecked.ts). A Save that leaves the
// page (a POST and a redirect) takes that notice with it, so as it lets the Save through the script tells the
// background too, and the next page that frame loads is told here: as soon as its always-on script asks for its
// features, or, for a tab's top-level page, once it has loaded (a page that is neither record nor list asks for
// none). Kept in session storage (the worker may stop in between), per tab and frame, with no record data, and only
// for as long as a save's round trip takes.
import { browser } from 'wxt/browser';
import { showUncheckedNotice } from './unchecked-notice';

/** How long after the Save went through its notice is still owed to the next page in that frame. */
const OWED_MS = 30_000;
const owedKey = (tabId: number, frameId: number) => `chartguard.savedUnchecked.${tabId}.${frameId}`;

export async function noteSavedUnchecked(tabId: number, frameId: number): Promise<null> {
  await browser.storage.session.set({ [owedKey(tabId, frameId)]: Date.now() });
  if (frameId === 0) watchTopPagesLoading();
  return null;
}

type TabUpdated = Parameters<typeof browser.tabs.onUpdated.addListener>[0];
let stopWatching: ReturnType<typeof setTimeout> | undefined;

const topPageLoaded: TabUpdated = (tabId, change) => {
  if (change.status === 'complete') void tellSavedUncheckedOwed(tabId, 0);
};

/**
 * Tells a tab's next top-level page once it has loaded, whatever its kind. Listened to only while a notice is owed,
 * and let go when none can be (OWED_MS after the last), so no other load wakes the worker.
 */
function watchTopPagesLoading() {
  clearTimeout(stopWatching);
  stopWatching = setTimeout(() => browser.tabs.onUpdated.removeListener(topPageLoaded), OWED_MS);
  if (!browser.tabs.onUpdated.hasListener(topPageLoaded)) browser.tabs.onUpdated.addListener(topPageLoaded);
}

/** Shows the notice owed to this frame, if a Save let through unchecked left the frame's previous page. */
export async function tellSavedUncheckedOwed(tabId: number, frameId: number): Promise<void> {
  const key = owedKey(tabId, frameId);
  const at = (await browser.storage.session.get(key))[key];
  if (typeof at !== 'number') return;
  if (Date.now() - at > OWED_MS) return browser.storage.session.remove(key);
  const words = (name: 'lang' | 'extName' | 'savedUnchecked' | 'dismiss') => browser.i18n.getMessage(name);
  try {
    const [shown] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [frameId] },
      func: showUncheckedNotice,
      args: [{ lang: words('lang'), title: words('extName'), body: words('savedUnchecked'), dismiss: words('dismiss') }],
    });
    // A page that shows a notice already is the one that let the Save through, still loading: the next page is owed it.
    if (shown?.result !== false) await browser.storage.session.remove(key);
  } catch (error) {
    // The frame went away again, or is not ours to script: there is no page left to tell.
    console.warn('Chartguard: could not show the notice of a Save let through unchecked', error);
  }
}
