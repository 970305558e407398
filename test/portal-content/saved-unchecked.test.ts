// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
// A Save pressed while the record page starts is held by the always-on script
// until the record page's features can judge it. When they never come (the
// service worker stopped and never answers, so the router gives up; or it
// never answers in time), the held Save goes through unchecked, and the
// always-on script itself tells the user on the page, since the record page
// that would have said so never ran (features/save-guard/saved-unchecked.ts).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { REGISTER_KEY, type Feature } from '../../entrypoints/portal.content/feature';
import saveGuard, { useRouterView } from '../../entrypoints/portal.content/features/save-guard';
import { startRouter } from '../../entrypoints/portal.content/router';
import { builtInAdapters } from '../../lib/catalog/built-in';
import { compactAdapter } from '../../lib/catalog/compact';
import { FEATURES_LOAD_MESSAGE } from '../../lib/feature-message';
import { showUncheckedNotice } from '../../lib/unchecked-notice';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SESSION_HTML = fs.readFileSync(path.join(HERE, '../fixtures/mpb/session.html'), 'utf8');
/** The extension's own locale messages, as the browser serves them to `i18n.getMessage`. */
const messages = (locale: string) =>
  JSON.parse(fs.readFileSync(path.join(HERE, `../../public/_locales/${locale}/messages.json`), 'utf8')) as Record<
    string,
    { message: string }
  >;
const MESSAGES: Record<string, Record<string, { message: string }>> = { en: messages('en'), zh_CN: messages('zh_CN') };
const words = (locale: string, name: string) => MESSAGES[locale]?.[name]?.message ?? '';
/** The always-on script's features, as entrypoints/portal.content/index.ts starts them. */
const FEATURES = [saveGuard] as readonly Feature[];
const setURL = (url: string) => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);

describe('a Save held while the record page starts, whose features never come', () => {
  let stop: (() => void) | undefined;
  let asks = 0;
  let saves = 0;
  /** How the worker answers a request for the record page's features. */
  let answer: () => Promise<unknown>;
  let uiLocale = 'en';
  /** Times the background was told of a Save let through unchecked (for the page that follows, lib/saved-unchecked.ts). */
  let told = 0;

  beforeEach(() => {
    fakeBrowser.reset();
    asks = 0;
    saves = 0;
    uiLocale = 'en';
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    setURL('http://127.0.0.1:41234/mpb/sessions/s-2003');
    const parsed = new DOMParser().parseFromString(SESSION_HTML, 'text/html');
    document.body.replaceChildren(...[...parsed.body.childNodes].map((node) => document.importNode(node, true)));
    // The portal's own Save handler, added after the guard's (document_start runs first).
    document.querySelector('#save-session')!.addEventListener('click', (event) => {
      event.preventDefault();
      saves++;
    });
    // happy-dom has no popovers: shown is what a browser's top layer would show.
    HTMLElement.prototype.showPopover ??= function (this: HTMLElement) {
      this.dataset.shown = '';
    };
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((name: string) => words(uiLocale, name)) as never);
    told = 0;
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
      if ((message as { type?: string }).type === 'save.unchecked') told++;
      if ((message as { type?: string }).type !== FEATURES_LOAD_MESSAGE) return undefined;
      asks++;
      return answer();
    });
  });
  afterEach(() => {
    stop?.();
    document.querySelector('chartguard-notice')?.remove();
    vi.useRealTimers();
    vi.restoreAllMocks();
    delete (globalThis as Record<string, unknown>)[REGISTER_KEY];
  });

  /** The notice on the page: its element, and its words as the user reads them. */
  const notice = () => {
    const host = document.querySelector('chartguard-notice');
    const box = host?.shadowRoot?.querySelector('[role="status"]');
    return { host, box, text: box?.textContent ?? '' };
  };
  /** The always-on script as it starts on the page, and the portal clicking Save at once. */
  const startAndSave = () => {
    stop = startRouter(FEATURES, builtInAdapters().map(compactAdapter), useRouterView);
    document.querySelector<HTMLElement>('#save-session')!.click();
  };

  it('lets it through when the router gives up on a worker that never answers, and says so on the page', async () => {
    answer = () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
    startAndSave();
    expect(saves, 'held while the record page starts').toBe(0);
    expect(notice().host).toBeNull();

    // The router's asks, 100 to 1,600 ms apart, then it gives up.
    await vi.advanceTimersByTimeAsync(4_000);
    expect(asks).toBe(6);
    expect(saves, 'the portal saved it, unchecked').toBe(1);
    expect(told, 'the background told, for a Save that leaves the page').toBe(1);
    const { box, text } = notice();
    expect(words('en', 'savedUnchecked')).not.toBe('');
    expect(text).toContain(words('en', 'savedUnchecked'));
    expect(box?.getAttribute('lang')).toBe('en');
    expect(box?.hasAttribute('data-shown'), 'shown in the top layer').toBe(true);
    // Its words are text, and the page's CSS cannot reach them.
    expect(box?.children).toHaveLength(1);
    expect(notice().host?.shadowRoot?.mode).toBe('open');

    // The user dismisses it.
    const dismiss = box!.querySelector('button')!;
    expect(dismiss.textContent).toBe(words('en', 'dismiss'));
    dismiss.click();
    expect(notice().host).toBeNull();
  });

  it('lets it through after the wait when no answer comes at all, in the browser’s language', async () => {
    uiLocale = 'zh_CN';
    answer = () => new Promise(() => undefined);
    startAndSave();
    await vi.advanceTimersByTimeAsync(9_000);
    expect(saves).toBe(0);
    expect(notice().host).toBeNull();

    await vi.advanceTimersByTimeAsync(1_000);
    expect(saves).toBe(1);
    expect(words('zh_CN', 'savedUnchecked')).not.toBe('');
    expect(notice().text).toContain(words('zh_CN', 'savedUnchecked'));
    expect(notice().box?.getAttribute('lang')).toBe('zh-CN');
  });

  it('shows no notice of its own over the background’s, which already says Save is not checked here', async () => {
    answer = () => Promise.reject(new Error('Receiving end does not exist.'));
    // The background's notice, as it shows it (lib/unchecked-notice.ts).
    showUncheckedNotice({ lang: 'en', title: 'Chartguard could not start on this record', body: '', dismiss: 'Dismiss' });
    const shown = document.querySelector('chartguard-notice')!;
    startAndSave();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(saves).toBe(1);
    expect(document.querySelectorAll('chartguard-notice')).toHaveLength(1);
    expect(notice().text, 'the one shown is the background’s').toContain('could not start on this record');
    expect(notice().text).not.toContain(words('en', 'savedUnchecked'));
    shown.remove();
  });

  it('says so too when the portal takes its Save button away as it saves (a spinner in its place)', async () => {
    answer = () => Promise.reject(new Error('Receiving end does not exist.'));
    const save = document.querySelector<HTMLElement>('#save-session')!;
    save.addEventListener('click', () => save.replaceWith(document.createTextNode('Saving…')));
    startAndSave();
    expect(saves).toBe(0);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(saves, 'the portal saved it, unchecked').toBe(1);
    expect(save.isConnected).toBe(false);
    expect(notice().text).toContain(words('en', 'savedUnchecked'));
  });

  it('says the Save was not sent, and tells the background nothing, when the portal replaced its Save button while it was held', async () => {
    answer = () => Promise.reject(new Error('Receiving end does not exist.'));
    startAndSave();
    expect(saves).toBe(0);
    // The portal redraws its form while it starts (as a page that hydrates does): the held press's button is gone.
    const held = document.querySelector<HTMLElement>('#save-session')!;
    held.replaceWith(held.cloneNode(true));
    await vi.advanceTimersByTimeAsync(4_000);
    expect(saves, 'nothing was sent, and nothing is replayed').toBe(0);
    expect(told, 'no Save left the page').toBe(0);
    expect(words('en', 'notSent')).not.toBe('');
    expect(notice().text).toContain(words('en', 'notSent'));
    expect(notice().text).not.toContain(words('en', 'savedUnchecked'));
  });

  it('says nothing when no Save was held', async () => {
    answer = () => Promise.reject(new Error('Receiving end does not exist.'));
    stop = startRouter(FEATURES, builtInAdapters().map(compactAdapter), useRouterView);
    await vi.advanceTimersByTimeAsync(12_000);
    expect(asks).toBe(6);
    expect(notice().host).toBeNull();
    expect(told).toBe(0);
  });
});
