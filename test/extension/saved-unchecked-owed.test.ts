// @vitest-environment happy-dom
// A Save the always-on script let through unchecked, on a page that then went
// away (a POST and a redirect): the background keeps that it is owed a notice,
// per tab and frame, and shows it on the next page that frame loads, once, and
// only while the save's round trip is recent (lib/saved-unchecked.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { noteSavedUnchecked, tellSavedUncheckedOwed } from '../../lib/saved-unchecked';

const injected: { target: unknown; args: unknown }[] = [];

describe('the notice owed to the page after a Save let through unchecked', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    injected.length = 0;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((name: string) => `<${name}>`) as never);
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async (injection: { target: unknown; args: unknown }) => {
      injected.push({ target: injection.target, args: injection.args });
      return [];
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
});
