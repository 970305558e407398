// @vitest-environment happy-dom
// The always-on router asks for the list badges' script as soon as the frame's
// address names a list page, at document_start, rather than once the list is in
// the DOM: the script and the checklists it reads are then there by the time the
// portal's rows are, and the rows in view are badged in the list's first frames
// (bench/badges.mjs; docs/performance.md, "The list's script asked for by its
// address"). A record page's address, or one that names no page, asks for no
// list script: badge code never comes to a record page.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { REGISTER_KEY } from '../../entrypoints/portal.content/feature';
import { startRouter } from '../../entrypoints/portal.content/router';
import { askTabStatus, TAB_STATUS_KEY } from '../../entrypoints/portal.content/tab-status';
import { builtInAdapters } from '../../lib/catalog/built-in';
import { compactAdapter } from '../../lib/catalog/compact';
import { FEATURES_LOAD_MESSAGE } from '../../lib/feature-message';
import type { TabStatus } from '../../lib/tab-status';
import { eventually } from '../wait';

const setURL = (url: string) => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
const status = () => askTabStatus(TAB_STATUS_KEY, 'tab.status') as TabStatus;
const PORTAL = 'http://127.0.0.1:41234';

describe('the always-on router and a list page’s address', () => {
  let stop: (() => void) | undefined;
  const asked: string[] = [];

  beforeEach(() => {
    fakeBrowser.reset();
    asked.length = 0;
    document.body.replaceChildren();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // The background, as it answers when it cannot inject: the request is what these tests look at.
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
      const { type, bundle } = message as { type?: string; bundle?: string };
      if (type === FEATURES_LOAD_MESSAGE) asked.push(`${bundle} at ${location.pathname}`);
      return { error: 'not injected in this test' };
    });
  });
  afterEach(() => {
    stop?.();
    stop = undefined;
    vi.restoreAllMocks();
    delete (globalThis as Record<string, unknown>)[REGISTER_KEY];
  });

  it('asks for the list script from the address alone, before the portal has drawn its list', () => {
    setURL(`${PORTAL}/mpb/caseload`);
    // No table#caseload yet: by the DOM this frame is not a list page (yet).
    stop = startRouter([], builtInAdapters().map(compactAdapter));
    expect(asked).toEqual(['list at /mpb/caseload']);
  });

  it('asks for no list script at a record page’s address, nor at one that names no page', async () => {
    for (const address of ['/mpb/sessions/s-2003', '/legacy/encounter.php?eid=309', '/mpb/help']) {
      setURL(`${PORTAL}${address}`);
      stop = startRouter([], builtInAdapters().map(compactAdapter));
      await eventually(() => expect(status().settled).toBe(true));
      stop();
      delete (globalThis as Record<string, unknown>)[REGISTER_KEY];
    }
    expect(asked.filter((request) => request.startsWith('list'))).toEqual([]);
  });
});
