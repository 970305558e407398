// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true,"disableIframePageLoading":true}}
// The top document's side of docking a work frame's panel (#14 part 1): only the
// extension itself can dock or undock, a frame's panel is docked once per
// token, and a late undock from a replaced record never removes its successor.
// Docked while the top document loads, the panel waits for its load event,
// unless the record's frame asks for it at once (a Save waits on it).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (
  message: unknown,
  sender: { id?: string; url?: string; tab?: unknown },
  sendResponse: (answer: unknown) => void,
) => unknown;
const listeners = new Set<Listener>();

/** The work frame's port to the background (FRAME_PORT): what it sent, and the background's answers to deliver. */
const framePort = {
  sent: [] as unknown[],
  listeners: [] as ((message: unknown) => void)[],
  answer(message: unknown) {
    for (const listener of framePort.listeners) listener(message);
  },
};

vi.mock('../../lib/lean-browser', () => ({
  browser: {
    runtime: {
      id: 'ext-id',
      connect: () => ({
        postMessage: (message: unknown) => framePort.sent.push(message),
        onMessage: { addListener: (listener: (message: unknown) => void) => framePort.listeners.push(listener) },
        onDisconnect: { addListener: () => undefined },
        disconnect: () => undefined,
      }),
      getURL: (path: string) => `chrome-extension://ext-id${path}`,
      onMessage: {
        addListener: (listener: Listener) => listeners.add(listener),
        removeListener: (listener: Listener) => listeners.delete(listener),
      },
    },
  },
}));

const { dockInTopDocument, panelSrc, serveFramePanels } = await import('../../entrypoints/portal.content/features/record-page/panel-dock');

const FROM_BACKGROUND = { id: 'ext-id', url: 'chrome-extension://ext-id/background.js' };
const docked: { frameId: number; token: string }[] = [];
const send = (message: unknown, sender: { id?: string; url?: string; tab?: unknown } = FROM_BACKGROUND) => {
  const { type, frameId, token } = message as { type?: string; frameId?: number; token?: string };
  if (type === 'dock.mount' && typeof frameId === 'number' && token) docked.push({ frameId, token });
  // What each listener answered through sendResponse (undefined: no answer).
  return [...listeners].map((listener) => {
    let answer: unknown;
    listener(message, sender, (given) => {
      answer = given;
    });
    return answer;
  });
};
/** Our panel hosts: custom elements directly under <html>, whose closed shadow root holds the panel page. */
const hosts = () => [...document.documentElement.children].filter((element) => element.tagName.toLowerCase().startsWith('chartguard-'));

let stop: AbortController;
beforeEach(() => {
  stop = new AbortController();
  serveFramePanels('chrome-extension://ext-id/panel.html', stop.signal);
});
afterEach(() => {
  // The panel puts itself back when the page removes it: undock as the background would.
  for (const { frameId, token } of docked.splice(0)) send({ type: 'dock.unmount', frameId, token });
  stop.abort();
});

describe('serveFramePanels', () => {
  it('docks a frame’s panel once per token, and answers that it did', async () => {
    const [reply] = send({ type: 'dock.mount', frameId: 3, token: 'aaaa' });
    expect(reply).toEqual({ docked: true });
    send({ type: 'dock.mount', frameId: 3, token: 'aaaa' });
    expect(hosts()).toHaveLength(1);
    // The page's content is narrowed for it, as for a panel docked by the top document's own record.
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('380px');
  });

  it('a new record in the frame replaces its panel; the old record’s late undock leaves the new one', () => {
    send({ type: 'dock.mount', frameId: 3, token: 'old' });
    const first = hosts()[0];
    send({ type: 'dock.mount', frameId: 3, token: 'new' });
    expect(hosts()).toHaveLength(1);
    expect(hosts()[0]).not.toBe(first);
    send({ type: 'dock.unmount', frameId: 3, token: 'old' });
    expect(hosts()).toHaveLength(1);
    send({ type: 'dock.unmount', frameId: 3, token: 'new' });
    expect(hosts()).toHaveLength(0);
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('');
  });

  it('ignores the same messages from a content script or a web page, and anything malformed', () => {
    expect(
      send({ type: 'dock.mount', frameId: 3, token: 'aaaa' }, { id: 'ext-id', url: 'http://127.0.0.1/legacy/main.php', tab: { id: 1 } }),
    ).toEqual([undefined]);
    expect(
      send({ type: 'dock.mount', frameId: 3, token: 'aaaa' }, { id: 'other-extension', url: 'chrome-extension://other/background.js' }),
    ).toEqual([undefined]);
    expect(send({ type: 'dock.mount', frameId: 0, token: 'aaaa' })).toEqual([undefined]);
    expect(send({ type: 'dock.mount', frameId: 3, token: '' })).toEqual([undefined]);
    expect(send({ type: 'dock.mount', frameId: 1.5, token: 'aaaa' })).toEqual([undefined]);
    expect(hosts()).toHaveLength(0);
  });

  it('stops listening when its signal aborts', () => {
    stop.abort();
    docked.length = 0;
    expect(send({ type: 'dock.mount', frameId: 3, token: 'aaaa' })).toEqual([]);
  });
});

/** The panels' shadow roots as they are made (closed: the page cannot reach them, the test keeps them). */
let shadows: ShadowRoot[] = [];
/** The address the newest panel's frame was given, or null while it has none. */
const newestSrc = () => shadows.at(-1)?.querySelector('iframe')?.getAttribute('src') ?? null;

describe('a panel docked while the top document is still loading (the legacy shell, its other frames loading)', () => {
  let loaded: () => void;
  beforeEach(() => {
    shadows = [];
    const attach = Element.prototype.attachShadow;
    vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
      const shadow = attach.call(this, init);
      shadows.push(shadow);
      return shadow;
    });
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'interactive' });
    loaded = () => {
      Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'complete' });
      window.dispatchEvent(new Event('load'));
    };
    framePort.sent.length = 0;
    framePort.listeners.length = 0;
  });
  afterEach(() => {
    vi.restoreAllMocks();
    Reflect.deleteProperty(document, 'readyState');
  });

  it('loads once the top document has loaded, or at once when its record’s frame asks (a Save waits on it)', () => {
    send({ type: 'dock.mount', frameId: 3, token: 'aaaa' });
    expect(newestSrc()).toBeNull();
    // Another frame's token, or another frame, asks nothing of this panel.
    send({ type: 'dock.load', frameId: 3, token: 'bbbb' });
    send({ type: 'dock.load', frameId: 4, token: 'aaaa' });
    expect(newestSrc()).toBeNull();
    send({ type: 'dock.load', frameId: 3, token: 'aaaa' });
    expect(newestSrc()).toBe('chrome-extension://ext-id/panel.html?frame=3');
  });

  it('left alone, loads at the top document’s load event', () => {
    send({ type: 'dock.mount', frameId: 5, token: 'cccc' });
    expect(newestSrc()).toBeNull();
    loaded();
    expect(newestSrc()).toBe('chrome-extension://ext-id/panel.html?frame=5');
  });

  it('the work frame asks for it again once the top document has docked it: asked before, the top document had nothing to load', () => {
    const frame = dockInTopDocument('chrome-extension://ext-id/panel.html');
    expect(framePort.sent).toEqual([{ type: 'dock', token: expect.any(String) }]);
    frame.loadNow();
    expect(framePort.sent.at(-1)).toEqual({ type: 'load' });
    framePort.sent.length = 0;
    framePort.answer({ type: 'docked', docked: true, frameId: 3 });
    expect(framePort.sent).toEqual([{ type: 'load' }]);
    frame.remove();
  });

  it('with no top document of ours, the frame docks the panel itself and, asked before, loads it at once', () => {
    const frame = dockInTopDocument('chrome-extension://ext-id/panel.html');
    frame.loadNow();
    framePort.answer({ type: 'docked', docked: false, frameId: 3 });
    expect(newestSrc()).toBe('chrome-extension://ext-id/panel.html?frame=3');
    frame.remove();
  });

  it('not asked, the frame’s own panel waits for the load too', () => {
    const frame = dockInTopDocument('chrome-extension://ext-id/panel.html');
    framePort.answer({ type: 'docked', docked: false, frameId: 3 });
    expect(newestSrc()).toBeNull();
    frame.loadNow();
    expect(newestSrc()).toBe('chrome-extension://ext-id/panel.html?frame=3');
    frame.remove();
  });
});

describe('panelSrc', () => {
  it('names the record’s frame for the panel, and nothing for the top document', () => {
    expect(panelSrc('chrome-extension://x/panel.html', 0)).toBe('chrome-extension://x/panel.html');
    expect(panelSrc('chrome-extension://x/panel.html', 7)).toBe('chrome-extension://x/panel.html?frame=7');
  });
});
