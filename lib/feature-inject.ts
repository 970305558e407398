// The background's half of loading a feature script (issue 18): the always-on
// content script in one frame asks for the record page's or the list's
// features, and the background injects that file into exactly that tab and
// frame, in the content scripts' isolated world. Nothing is web-accessible:
// the page can neither load nor see these files.
import { browser, type Browser } from 'wxt/browser';

export { FEATURES_LOAD_MESSAGE, FEATURES_UNREADABLE_MESSAGE } from './feature-message';
import { FEATURES_LOAD_MESSAGE, FEATURES_UNREADABLE_MESSAGE } from './feature-message';
import { browserLocale } from '../i18n/locale';
import { guardText } from '../i18n/guard';
import { showUncheckedNotice, type UncheckedNoticeText } from './unchecked-notice';
export const FEATURE_FILES = { record: '/record-features.js', list: '/list-features.js' } as const;
export type FeatureScript = keyof typeof FEATURE_FILES;

/** The feature script a runtime message of `messageType` names, when it comes from one of our own content scripts in a web page. */
function featureMessage(
  messageType: string,
  raw: unknown,
  sender: Browser.runtime.MessageSender,
  extensionId: string,
): FeatureScript | undefined {
  if (typeof raw !== 'object' || raw === null || Object.keys(raw).length !== 2) return undefined;
  const { type, bundle } = raw as { type?: unknown; bundle?: unknown };
  if (type !== messageType || (bundle !== 'record' && bundle !== 'list')) return undefined;
  if (sender.id !== extensionId || sender.tab?.id === undefined || typeof sender.frameId !== 'number' || !sender.url) return undefined;
  // Content scripts run in web pages; a request from an extension page is not one.
  try {
    return /^https?:$/.test(new URL(sender.url).protocol) ? bundle : undefined;
  } catch {
    return undefined;
  }
}

/** The feature script a load request asks for. */
export const featureLoadRequest = (raw: unknown, sender: Browser.runtime.MessageSender, extensionId: string) =>
  featureMessage(FEATURES_LOAD_MESSAGE, raw, sender, extensionId);

/**
 * The feature script that says it loaded but cannot read the stored adapters: the page then works as without
 * Chartguard, and for the record page's script its user is told so on the page, as when it could not be loaded.
 */
export async function featureUnreadable(raw: unknown, sender: Browser.runtime.MessageSender, extensionId: string): Promise<boolean> {
  const script = featureMessage(FEATURES_UNREADABLE_MESSAGE, raw, sender, extensionId);
  if (script === 'record') await tellUnchecked(sender.tab!.id!, sender.frameId!);
  return script !== undefined;
}

/**
 * Injects the feature script into one frame; the answer says only whether it ran. `ready` first puts in storage what
 * the script reads there (the adapters): a script that could not read them would have nothing to work from.
 */
export async function injectFeatures(
  tabId: number,
  frameId: number,
  script: FeatureScript,
  ready: () => Promise<void> = () => Promise.resolve(),
): Promise<{ ok: boolean; error?: string }> {
  try {
    await ready();
    // At once, not at document_idle: a Save held while the record page starts should not wait for the page's load.
    await browser.scripting.executeScript({
      target: { tabId, frameIds: [frameId] },
      injectImmediately: true,
      files: [FEATURE_FILES[script]],
    });
    return { ok: true };
  } catch (error) {
    // The record page now works as without Chartguard; its user is told so where the panel would have been.
    if (script === 'record') await tellUnchecked(tabId, frameId);
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

async function tellUnchecked(tabId: number, frameId: number): Promise<void> {
  const locale = browserLocale(undefined, browser.i18n.getUILanguage());
  const text: UncheckedNoticeText = {
    lang: locale,
    title: guardText(locale, 'uncheckedTitle'),
    body: guardText(locale, 'uncheckedBody'),
    dismiss: guardText(locale, 'dismiss'),
  };
  try {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, func: showUncheckedNotice, args: [text] });
  } catch (error) {
    // The frame is gone or not ours to script: there is no page left to tell.
    console.warn('Chartguard: could not show the unchecked notice', error);
  }
}
