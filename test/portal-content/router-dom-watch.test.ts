// @vitest-environment happy-dom
// The always-on router watches the DOM only where the frame's address names a
// page of a portal: there the DOM decides what the frame is (a page's
// `present` elements, its fields), and a portal that draws them late must still
// be recognised. Elsewhere on a portal only a new address can change the
// answer, so a page that is neither keeps no observer of the whole document
// (most of the heap the script added there; docs/performance.md).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { REGISTER_KEY } from '../../entrypoints/portal.content/feature';
import { startRouter } from '../../entrypoints/portal.content/router';
import { askTabStatus, TAB_STATUS_KEY } from '../../entrypoints/portal.content/tab-status';
import { builtInAdapters } from '../../lib/catalog/built-in';
import { compactAdapter } from '../../lib/catalog/compact';
import type { TabStatus } from '../../lib/tab-status';
import { eventually } from '../wait';

const setURL = (url: string) => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
const status = () => askTabStatus(TAB_STATUS_KEY, 'tab.status') as TabStatus;
const PORTAL = 'http://127.0.0.1:41234';
/** The MPB caseload is a list page once its table is in the DOM (adapters/mpb-demo.json, `present`). */
const addCaseloadTable = () => document.body.append(Object.assign(document.createElement('table'), { id: 'caseload' }));

describe('the always-on router’s watch of the DOM', () => {
  let stop: (() => void) | undefined;

  beforeEach(() => {
    fakeBrowser.reset();
    document.body.replaceChildren();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // The router asks for the list script as soon as the address names a list page; the background's answer that it
    // could not inject settles that at once, so these tests see the router's own look at the DOM.
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ error: 'not injected in this test' });
  });
  afterEach(() => {
    stop?.();
    stop = undefined;
    vi.restoreAllMocks();
    delete (globalThis as Record<string, unknown>)[REGISTER_KEY];
  });

  const start = () => {
    const observe = vi.spyOn(MutationObserver.prototype, 'observe');
    stop = startRouter([], builtInAdapters().map(compactAdapter));
    return observe;
  };

  it('recognises a page whose `present` element the portal draws after the page loaded', async () => {
    setURL(`${PORTAL}/mpb/caseload`);
    const observe = start();
    await eventually(() => expect(status().settled).toBe(true));
    expect(status().pageKind).toBeNull();
    expect(observe).toHaveBeenCalledTimes(1);

    addCaseloadTable();
    await eventually(() => expect(status().pageKind).toBe('caseload'));
  });

  it('keeps no observer on an address that names no page of the portal, and starts one when the address comes to name one', async () => {
    setURL(`${PORTAL}/mpb/help`);
    const observe = start();
    await eventually(() => expect(status().settled).toBe(true));
    expect(status().portal).toEqual({ id: 'mpb-demo' });
    expect(observe, 'an observer on a page that is neither').not.toHaveBeenCalled();

    // A single-page portal moves to its caseload without a load (pushState): the router's address watch sees it.
    setURL(`${PORTAL}/mpb/caseload`);
    await eventually(() => expect(observe).toHaveBeenCalledTimes(1), { timeout: 3000 });
    addCaseloadTable();
    await eventually(() => expect(status().pageKind).toBe('caseload'));
  });

  it('lets go of the observer when the address stops naming a page', async () => {
    setURL(`${PORTAL}/mpb/caseload`);
    const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
    start();
    await eventually(() => expect(status().settled).toBe(true));
    expect(disconnect).not.toHaveBeenCalled();

    setURL(`${PORTAL}/mpb/help`);
    await eventually(() => expect(disconnect).toHaveBeenCalledTimes(1), { timeout: 3000 });
    addCaseloadTable();
    // Nothing observes the DOM now, and the address names no page: still neither.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(status().pageKind).toBeNull();
  });
});
