// The panel's port in Firefox goes panel -> background -> content script (lib/panel-relay.ts),
// and the content script accepts the background's relayed port (isPanelPort). Who may open
// that line is a security check, so both ends are pinned down here with fake ports; the
// Firefox smoke (test/firefox/firefox-smoke.test.ts) shows the line working in firefox-esr.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const EXTENSION_ID = 'chartguard@chartguard.invalid';
const ORIGIN = 'moz-extension://7d3f0c1e-0000-4000-8000-000000000001/';

interface FakePort {
  name: string;
  sender?: { id?: string; url?: string; tab?: { id?: number } };
  posted: unknown[];
  disconnected: boolean;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void; emit(message: unknown): void };
  onDisconnect: { addListener(listener: () => void): void; emit(): void };
}

function fakePort(name: string, sender?: FakePort['sender']): FakePort {
  const messageListeners: ((message: unknown) => void)[] = [];
  const disconnectListeners: (() => void)[] = [];
  const port: FakePort = {
    name,
    sender,
    posted: [],
    disconnected: false,
    postMessage: (message) => void port.posted.push(message),
    disconnect: () => {
      if (port.disconnected) return;
      port.disconnected = true;
      // As in browsers, the end that disconnects hears nothing; the other end does (see emit below).
    },
    onMessage: {
      addListener: (listener) => void messageListeners.push(listener),
      emit: (message) => messageListeners.forEach((listener) => listener(message)),
    },
    onDisconnect: {
      addListener: (listener) => void disconnectListeners.push(listener),
      emit: () => disconnectListeners.forEach((listener) => listener()),
    },
  };
  return port;
}

const onConnectListeners: ((port: FakePort) => void)[] = [];
const opened: { tabId: number; options: { frameId?: number; name?: string }; port: FakePort }[] = [];

vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      id: 'chartguard@chartguard.invalid',
      getURL: (path: string) => `moz-extension://7d3f0c1e-0000-4000-8000-000000000001${path}`,
      onConnect: { addListener: (listener: (port: FakePort) => void) => void onConnectListeners.push(listener) },
    },
    tabs: {
      connect(tabId: number, options: { frameId?: number; name?: string }) {
        const port = fakePort(options.name ?? '');
        opened.push({ tabId, options, port });
        return port;
      },
    },
  },
}));

const { relayPanelPorts } = await import('../../lib/panel-relay');
const { PANEL_PORT, PANEL_RELAY_PORT } = await import('../../lib/protocol');
const { backgroundPagePath, isPanelPort } = await import('../../entrypoints/portal.content/features/record-page/record-page');

const connect = (port: FakePort) => onConnectListeners.forEach((listener) => listener(port));

describe('the background relays the framed panel’s port (Firefox)', () => {
  beforeEach(() => {
    onConnectListeners.length = 0;
    opened.length = 0;
    relayPanelPorts();
  });

  it('joins our panel in tab 7 to the content script of tab 7’s top frame, both ways, and ends both together', () => {
    const panel = fakePort(PANEL_RELAY_PORT, { id: EXTENSION_ID, url: `${ORIGIN}panel.html`, tab: { id: 7 } });
    connect(panel);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ tabId: 7, options: { frameId: 0, name: PANEL_PORT } });
    const page = opened[0]!.port;

    panel.onMessage.emit({ type: 'hello' });
    expect(page.posted).toEqual([{ type: 'hello' }]);
    page.onMessage.emit({ type: 'page', snapshot: {} });
    expect(panel.posted).toEqual([{ type: 'page', snapshot: {} }]);

    page.onDisconnect.emit();
    expect(panel.disconnected).toBe(true);
  });

  it('joins a panel docked for a record in a work frame (#14 part 1) to that frame, as its address names it', () => {
    connect(fakePort(PANEL_RELAY_PORT, { id: EXTENSION_ID, url: `${ORIGIN}panel.html?frame=5`, tab: { id: 7 } }));
    connect(fakePort(PANEL_RELAY_PORT, { id: EXTENSION_ID, url: `${ORIGIN}panel.html?frame=-2`, tab: { id: 7 } }));
    expect(opened.map((line) => line.options.frameId)).toEqual([5, 0]);
  });

  it('ends the line to the page when the panel goes away', () => {
    const panel = fakePort(PANEL_RELAY_PORT, { id: EXTENSION_ID, url: `${ORIGIN}panel.html`, tab: { id: 3 } });
    connect(panel);
    panel.onDisconnect.emit();
    expect(opened[0]!.port.disconnected).toBe(true);
  });

  it.each<[string, FakePort['sender']]>([
    ['another extension', { id: 'other@example.org', url: `${ORIGIN}panel.html`, tab: { id: 7 } }],
    ['one of our pages that is not the panel', { id: EXTENSION_ID, url: `${ORIGIN}options.html`, tab: { id: 7 } }],
    ['a page of another origin', { id: EXTENSION_ID, url: 'http://127.0.0.1:5710/panel.html', tab: { id: 7 } }],
    ['our panel outside any tab', { id: EXTENSION_ID, url: `${ORIGIN}panel.html` }],
  ])('refuses %s: disconnected, no line to any page', (_name, sender) => {
    const port = fakePort(PANEL_RELAY_PORT, sender);
    connect(port);
    expect(port.disconnected).toBe(true);
    expect(opened).toEqual([]);
  });

  it('leaves ports of other names to their own listeners', () => {
    const port = fakePort('something-else', { id: EXTENSION_ID, url: `${ORIGIN}panel.html`, tab: { id: 7 } });
    connect(port);
    expect(port.disconnected).toBe(false);
    expect(opened).toEqual([]);
  });
});

describe('the content script accepts the panel directly or through the background page', () => {
  const relayPath = backgroundPagePath({ scripts: ['background.js'] });
  const port = (sender: FakePort['sender'], name = PANEL_PORT) => fakePort(name, sender) as unknown as Parameters<typeof isPanelPort>[0];

  it('knows the background page Firefox makes for background scripts, and a declared page', () => {
    expect(relayPath).toBe('/_generated_background_page.html');
    expect(backgroundPagePath({ page: 'bg.html' })).toBe('/bg.html');
    // A Chromium service worker is no page and relays nothing.
    expect(backgroundPagePath(undefined)).toBeUndefined();
  });

  it('accepts our panel, and our background page (which has no tab)', () => {
    expect(isPanelPort(port({ id: EXTENSION_ID, url: `${ORIGIN}panel.html`, tab: { id: 7 } }), EXTENSION_ID, relayPath)).toBe(true);
    expect(isPanelPort(port({ id: EXTENSION_ID, url: `${ORIGIN}_generated_background_page.html` }), EXTENSION_ID, relayPath)).toBe(true);
  });

  it('refuses the background path where there is no relay, a tabbed page at that path, other pages, ids and names', () => {
    expect(isPanelPort(port({ id: EXTENSION_ID, url: `${ORIGIN}_generated_background_page.html` }), EXTENSION_ID, undefined)).toBe(false);
    expect(
      isPanelPort(port({ id: EXTENSION_ID, url: `${ORIGIN}_generated_background_page.html`, tab: { id: 7 } }), EXTENSION_ID, relayPath),
    ).toBe(false);
    expect(isPanelPort(port({ id: EXTENSION_ID, url: `${ORIGIN}options.html` }), EXTENSION_ID, relayPath)).toBe(false);
    expect(isPanelPort(port({ id: 'other@example.org', url: `${ORIGIN}panel.html` }), EXTENSION_ID, relayPath)).toBe(false);
    expect(isPanelPort(port({ id: EXTENSION_ID, url: 'http://127.0.0.1/_generated_background_page.html' }), EXTENSION_ID, relayPath)).toBe(
      false,
    );
    expect(isPanelPort(port({ id: EXTENSION_ID, url: `${ORIGIN}panel.html` }, 'not-the-panel'), EXTENSION_ID, relayPath)).toBe(false);
  });
});
