// @vitest-environment happy-dom
// The background's answer to a feature script that loaded but cannot read the
// stored adapters (lib/feature-inject.ts, featureUnreadable): the record
// page's frame gets the in-page notice that Save is not checked, the list's
// gets none (no Save is at stake there), and nothing but our own content
// script in a web page can make it show the notice.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { featureUnreadable } from '../../lib/feature-inject';
import { FEATURES_UNREADABLE_MESSAGE } from '../../lib/feature-message';

const fromPortal = { id: fakeBrowser.runtime.id, tab: { id: 3 }, frameId: 2, url: 'http://127.0.0.1/mpb/sessions/s-2003' };
const injected: { target: unknown; args: unknown }[] = [];

describe('featureUnreadable', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    injected.length = 0;
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async (injection: { target: unknown; args: unknown }) => {
      injected.push({ target: injection.target, args: injection.args });
      return [];
    }) as never);
  });
  afterEach(() => vi.restoreAllMocks());

  it('shows the unchecked notice in the record page’s frame that said so', async () => {
    expect(
      await featureUnreadable({ type: FEATURES_UNREADABLE_MESSAGE, bundle: 'record' }, fromPortal as never, fakeBrowser.runtime.id),
    ).toBe(true);
    expect(injected).toEqual([{ target: { tabId: 3, frameIds: [2] }, args: [expect.objectContaining({ lang: 'en' })] }]);
  });

  it('shows nothing for the list’s script, for an extension page, another extension, or another message', async () => {
    const unreadable = (bundle: string) => ({ type: FEATURES_UNREADABLE_MESSAGE, bundle });
    expect(await featureUnreadable(unreadable('list'), fromPortal as never, fakeBrowser.runtime.id)).toBe(true);
    const extensionPage = { ...fromPortal, url: `chrome-extension://${fakeBrowser.runtime.id}/popup.html` };
    expect(await featureUnreadable(unreadable('record'), extensionPage as never, fakeBrowser.runtime.id)).toBe(false);
    expect(await featureUnreadable(unreadable('record'), { ...fromPortal, id: 'another' } as never, fakeBrowser.runtime.id)).toBe(false);
    expect(await featureUnreadable({ ...unreadable('record'), extra: 1 }, fromPortal as never, fakeBrowser.runtime.id)).toBe(false);
    expect(await featureUnreadable({ type: 'features.load', bundle: 'record' }, fromPortal as never, fakeBrowser.runtime.id)).toBe(false);
    expect(injected).toEqual([]);
  });
});
