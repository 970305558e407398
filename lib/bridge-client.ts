// The content script's half of the page-world bridge: asks the background to
// start the bridge in this frame, then talks to it over events named with the
// secret the background handed back. Events between worlds are dispatched
// synchronously, so a call returns its reply at once and reads stay synchronous.
import { browser } from './lean-browser';
import {
  BRIDGE_START_MESSAGE,
  bridgeEvents,
  isBridgeSecret,
  readBridgeReply,
  type BridgeEvents,
  type BridgeReply,
  type BridgeRequest,
} from './bridge-protocol';

export class BridgeClient {
  private readonly events: BridgeEvents;
  private counter = 0;

  constructor(secret: string) {
    this.events = bridgeEvents(secret);
  }

  get formSubmitEvent(): string {
    return this.events.formSubmit;
  }

  get saveRequestEvent(): string {
    return this.events.saveRequest;
  }

  /** One request and its reply, or undefined when the bridge did not answer as the protocol says. */
  call(request: Omit<BridgeRequest, 'id'>): BridgeReply | undefined {
    const id = `${Date.now().toString(36)}${(this.counter++).toString(36)}`.padEnd(8, '0');
    let reply: BridgeReply | undefined;
    const onReply = (event: Event) => {
      reply ??= readBridgeReply((event as CustomEvent).detail, id);
    };
    window.addEventListener(this.events.reply, onReply);
    try {
      window.dispatchEvent(new CustomEvent(this.events.request, { detail: JSON.stringify({ id, ...request }) }));
    } finally {
      window.removeEventListener(this.events.reply, onReply);
    }
    return reply;
  }
}

let starting: Promise<BridgeClient | undefined> | undefined;
let started: BridgeClient | undefined;

/** The bridge of this document, started on first use; undefined when it could not start (the page is read natively). */
export function pageBridge(): BridgeClient | undefined {
  if (!starting) {
    starting = Promise.resolve()
      .then(() => browser.runtime.sendMessage({ type: BRIDGE_START_MESSAGE }))
      .then((reply: unknown) => {
        const secret = (reply as { secret?: unknown } | undefined)?.secret;
        started = isBridgeSecret(secret) ? new BridgeClient(secret) : undefined;
        if (!started) console.warn('Chartguard: the page bridge did not start; widgets are read from the page only');
        return started;
      })
      .catch((error: unknown) => {
        console.warn('Chartguard: the page bridge did not start', error);
        return undefined;
      });
  }
  return started;
}

/** Resolves once the bridge has started or failed to (for Apply, which must not write around a widget). */
export function pageBridgeReady(): Promise<BridgeClient | undefined> {
  pageBridge();
  return starting!;
}
