// Saves no event announces and nothing can hold (an autosave sent by fetch or
// XMLHttpRequest, a draft sent by navigator.sendBeacon) are seen here, in the
// page's world, by wrapping the three ways a page sends them. The wraps only
// watch: each calls the page's own function with the page's own arguments and
// returns its result unchanged; they never read or forward a body, never make
// a request of their own, and report only how a request to one of the
// adapter's autosave addresses went (`announce`), never the address itself.

export type SaveVia = 'fetch' | 'xhr' | 'beacon';
export type SaveOutcome = 'confirmed' | 'failed' | 'sent';

export interface SaveRequestWatch {
  /** Replaces the addresses watched (a single-page portal moving to another record page). */
  setPatterns(patterns: readonly string[]): void;
}

type PageWindow = Window & typeof globalThis;

export function watchSaveRequests(win: PageWindow, announce: (via: SaveVia, outcome: SaveOutcome) => void): SaveRequestWatch {
  let patterns: RegExp[] = [];

  /** Whether a request is one the adapter names: a method that sends, to an address (path and query) matching a pattern. */
  const isSave = (url: unknown, method: unknown): boolean => {
    if (patterns.length === 0) return false;
    if (typeof method === 'string' && /^(GET|HEAD|OPTIONS)$/i.test(method)) return false;
    try {
      const address = new win.URL(String(url), win.location.href);
      const where = address.pathname + address.search;
      return patterns.some((pattern) => pattern.test(where));
    } catch {
      return false;
    }
  };
  /** The page's own code must never see our failure: a report that throws is dropped. */
  const report = (via: SaveVia, outcome: SaveOutcome) => {
    try {
      announce(via, outcome);
    } catch {
      // Nothing to tell the page.
    }
  };

  const pageFetch = win.fetch;
  if (typeof pageFetch === 'function') {
    win.fetch = function watchedFetch(this: unknown, ...args: Parameters<typeof fetch>) {
      const sent = pageFetch.apply(this, args);
      const [input, init] = args;
      const request = input instanceof win.Request ? input : undefined;
      if (isSave(request ? request.url : input, init?.method ?? request?.method ?? 'GET')) {
        sent.then(
          (response) => report('fetch', response.ok ? 'confirmed' : 'failed'),
          () => report('fetch', 'failed'),
        );
      }
      return sent;
    } as typeof fetch;
  }

  const xhr = win.XMLHttpRequest?.prototype;
  if (xhr) {
    const opened = new WeakMap<XMLHttpRequest, { method: unknown; url: unknown }>();
    const pageOpen = xhr.open;
    const pageSend = xhr.send;
    xhr.open = function watchedOpen(this: XMLHttpRequest, ...args: unknown[]) {
      opened.set(this, { method: args[0], url: args[1] });
      return (pageOpen as (...rest: unknown[]) => void).apply(this, args);
    } as typeof xhr.open;
    xhr.send = function watchedSend(this: XMLHttpRequest, ...args: unknown[]) {
      const request = opened.get(this);
      if (request && isSave(request.url, request.method)) {
        this.addEventListener('loadend', () => report('xhr', this.status >= 200 && this.status < 300 ? 'confirmed' : 'failed'), {
          once: true,
        });
      }
      return (pageSend as (...rest: unknown[]) => void).apply(this, args);
    } as typeof xhr.send;
  }

  const navigatorPrototype = win.Navigator?.prototype;
  const pageBeacon = navigatorPrototype?.sendBeacon;
  if (navigatorPrototype && typeof pageBeacon === 'function') {
    navigatorPrototype.sendBeacon = function watchedBeacon(this: Navigator, ...args: Parameters<Navigator['sendBeacon']>) {
      const queued = pageBeacon.apply(this, args);
      // A beacon is a POST; the browser queued it, and no answer ever comes back to the page.
      if (queued && isSave(args[0], 'POST')) report('beacon', 'sent');
      return queued;
    };
  }

  return {
    setPatterns(sources) {
      patterns = sources.flatMap((source) => {
        try {
          return [new RegExp(source)];
        } catch {
          return []; // The adapter was validated; a pattern this browser cannot compile watches nothing.
        }
      });
    },
  };
}
