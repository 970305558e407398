// @vitest-environment happy-dom
// A Save the always-on script let through unchecked, on a page that then went
// away (a POST and a redirect): the background keeps that it is owed a notice,
// per tab and frame, and shows it on the next page that frame loads, once, and
// only while the save's round trip is recent (lib/saved-unchecked.ts): a page
// asking for its features, or a tab's top-level page once it has loaded, of
// whatever kind (a page that is neither record nor list asks for nothing).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { noteSavedUnchecked, tellSavedUncheckedOwed } from '../../lib/saved-unchecked';
import { eventually } from '../wait';

const injected: { target: unknown; args: unknown }[] = [];
/** What each injected notice finds in its page: whether it puts one up (false: a notice is shown there already). */
let pageShowsItsOwn: boolean[];
const topPageLoaded = (tabId: number) =>
  fakeBrowser.tabs.onUpdated.trigger(tabId, { status: 'complete' }, { id: tabId, index: 0 } as never);
/** Whether the background listens to tabs' loads at all (fake-browser has the method; its types do not). */
const watchingTabs = () => (fakeBrowser.tabs.onUpdated as unknown as { hasListeners(): boolean }).hasListeners();
const loadingStarted = (tabId: number) =>
  fakeBrowser.tabs.onUpdated.trigger(tabId, { status: 'loading' }, { id: tabId, index: 0 } as never);

describe('the notice owed to the page after a Save let through unchecked', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    injected.length = 0;
    pageShowsItsOwn = [];
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((name: string) => `<${name}>`) as never);
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async (injection: { target: unknown; args: unknown }) => {
      injected.push({ target: injection.target, args: injection.args });
      return [{ frameId: 0, result: !(pageShowsItsOwn.shift() ?? false) }];
    }) as never);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('is shown once, in the frame whose Save it was, with the extension’s own words', async () => {
    await noteSavedUnchecked(3, 2);
    await tellSavedUncheckedOwed(3, 1);
    await tellSavedUncheckedOwed(4, 2);
    expect(injected, 'not another frame, not another tab').toEqual([]);
    await tellSavedUncheckedOwed(3, 2);
    await tellSavedUncheckedOwed(3, 2);
    expect(injected).toEqual([
      {
        target: { tabId: 3, frameIds: [2] },
        args: [{ lang: '<lang>', title: '<extName>', body: '<savedUnchecked>', dismiss: '<dismiss>' }],
      },
    ]);
  });

  it('is not shown once the save is no longer recent, and is not kept', async () => {
    await noteSavedUnchecked(3, 0);
    vi.setSystemTime(Date.now() + 31_000);
    await tellSavedUncheckedOwed(3, 0);
    expect(injected).toEqual([]);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('is shown on a tab’s next top-level page once it has loaded, a page that asks for no features included', async () => {
    await noteSavedUnchecked(5, 0);
    await loadingStarted(5);
    await topPageLoaded(6);
    expect(injected, 'not before the page has loaded, not in another tab').toEqual([]);
    await topPageLoaded(5);
    await eventually(async () => expect(await fakeBrowser.storage.session.get(null)).toEqual({}));
    expect(injected).toEqual([expect.objectContaining({ target: { tabId: 5, frameIds: [0] } })]);
    // Told once: the page's own request for features after that finds nothing owed.
    await tellSavedUncheckedOwed(5, 0);
    expect(injected).toHaveLength(1);
  });

  it('stays owed to the next page when the page that let the Save through finishes loading, showing its own notice', async () => {
    await noteSavedUnchecked(5, 0);
    pageShowsItsOwn = [true];
    await tellSavedUncheckedOwed(5, 0);
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toHaveLength(1);
    await tellSavedUncheckedOwed(5, 0);
    expect(injected).toHaveLength(2);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('watches no tab for a Save let through in a child frame, and no tab once nothing is owed', async () => {
    await noteSavedUnchecked(7, 3);
    expect(watchingTabs()).toBe(false);
    await noteSavedUnchecked(8, 0);
    expect(watchingTabs()).toBe(true);
    // Let go once no notice can be owed any more, whether or not any tab loads meanwhile.
    vi.advanceTimersByTime(29_999);
    expect(watchingTabs()).toBe(true);
    vi.advanceTimersByTime(1);
    expect(watchingTabs()).toBe(false);
    await topPageLoaded(8);
    expect(injected).toEqual([]);
  });
});
