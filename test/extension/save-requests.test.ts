// The page-world wraps that notice a portal's own autosave and beacons
// (lib/page-bridge/save-requests.ts): they must change nothing for the page
// (same arguments in, same result out, no request of their own, no body
// read) and report only how a request to an adapter-named address went.
import { describe, expect, it, vi } from 'vitest';
import { watchSaveRequests, type SaveOutcome, type SaveVia } from '../../lib/page-bridge/save-requests';
import { eventually } from '../wait';

/** A page's window with its own network functions, recording every call they get. */
function fakePage(fetchAnswer: () => Promise<{ ok: boolean }>) {
  const calls: unknown[][] = [];
  class FakeRequest {
    constructor(
      readonly url: string,
      readonly init: { method?: string } = {},
    ) {}
    get method() {
      return this.init.method ?? 'GET';
    }
  }
  class FakeXhr {
    status = 0;
    private listeners: (() => void)[] = [];
    open(...args: unknown[]) {
      calls.push(['xhr.open', ...args]);
    }
    send(...args: unknown[]) {
      calls.push(['xhr.send', ...args]);
    }
    addEventListener(_type: string, listener: () => void) {
      this.listeners.push(listener);
    }
    finish(status: number) {
      this.status = status;
      for (const listener of this.listeners) listener();
    }
  }
  class FakeNavigator {
    sendBeacon(...args: unknown[]) {
      calls.push(['beacon', ...args]);
      return true;
    }
  }
  const win = {
    fetch: (...args: unknown[]) => {
      calls.push(['fetch', ...args]);
      return fetchAnswer();
    },
    Request: FakeRequest,
    XMLHttpRequest: FakeXhr,
    Navigator: FakeNavigator,
    URL,
    location: { href: 'https://portal.example.org/spa/session/1000' },
  };
  return { win, calls, navigator: new FakeNavigator() };
}

function watched(fetchAnswer: () => Promise<{ ok: boolean }> = async () => ({ ok: true })) {
  const page = fakePage(fetchAnswer);
  const seen: [SaveVia, SaveOutcome][] = [];
  const watch = watchSaveRequests(page.win as unknown as Window & typeof globalThis, (via, outcome) => seen.push([via, outcome]));
  watch.setPatterns(['^/spa/api/sessions/[0-9]+/draft$']);
  return { ...page, seen, watch };
}

describe('watchSaveRequests', () => {
  it('passes every call through unchanged and returns the page’s own result', async () => {
    const { win, calls, navigator } = watched();
    const body = JSON.stringify({ note: 'clinical text' });
    const answer = await (win.fetch as (...args: unknown[]) => Promise<{ ok: boolean }>)('/spa/api/sessions/1000/draft', {
      method: 'PUT',
      body,
    });
    expect(answer).toEqual({ ok: true });
    expect(navigator.sendBeacon('/spa/api/sessions/1000/draft', body)).toBe(true);
    const xhr = new win.XMLHttpRequest();
    xhr.open('POST', '/spa/api/sessions/1000/draft');
    xhr.send(body);
    expect(calls).toEqual([
      ['fetch', '/spa/api/sessions/1000/draft', { method: 'PUT', body }],
      ['beacon', '/spa/api/sessions/1000/draft', body],
      ['xhr.open', 'POST', '/spa/api/sessions/1000/draft'],
      ['xhr.send', body],
    ]);
  });

  it('reports a fetch to a named address once the server answered, as confirmed or failed', async () => {
    let ok = true;
    const { win, seen } = watched(async () => ({ ok }));
    const send = win.fetch as (...args: unknown[]) => Promise<unknown>;
    await send('/spa/api/sessions/1000/draft', { method: 'PUT' });
    ok = false;
    await send(new win.Request('https://portal.example.org/spa/api/sessions/1000/draft', { method: 'POST' }));
    await eventually(() =>
      expect(seen).toEqual([
        ['fetch', 'confirmed'],
        ['fetch', 'failed'],
      ]),
    );
  });

  it('ignores reads, other addresses, and a rejected fetch’s error reaches the page as before', async () => {
    const { win, seen } = watched(async () => {
      throw new TypeError('offline');
    });
    const send = win.fetch as (...args: unknown[]) => Promise<unknown>;
    await expect(send('/spa/api/sessions/1000/draft')).rejects.toThrow('offline');
    await expect(send('/spa/api/sessions/1000', { method: 'PUT' })).rejects.toThrow('offline');
    await expect(send('/spa/api/sessions/1000/draft', { method: 'PUT' })).rejects.toThrow('offline');
    await eventually(() => expect(seen).toEqual([['fetch', 'failed']]));
  });

  it('reports an XMLHttpRequest when it ends, by its status', () => {
    const { win, seen } = watched();
    const ok = new win.XMLHttpRequest();
    ok.open('PUT', '/spa/api/sessions/1000/draft');
    ok.send('{}');
    expect(seen).toEqual([]);
    ok.finish(200);
    const refused = new win.XMLHttpRequest();
    refused.open('PUT', '/spa/api/sessions/1000/draft');
    refused.send('{}');
    refused.finish(400);
    // The pattern is matched against the path and query: another query is another address.
    const elsewhere = new win.XMLHttpRequest();
    elsewhere.open('PUT', '/spa/api/sessions/1000/draft?copy=1');
    elsewhere.send('{}');
    elsewhere.finish(200);
    expect(seen).toEqual([
      ['xhr', 'confirmed'],
      ['xhr', 'failed'],
    ]);
  });

  it('reports a queued beacon as sent (it never gets an answer), and follows the patterns it is given', () => {
    const { navigator, seen, watch } = watched();
    navigator.sendBeacon('/spa/api/sessions/1000/draft', '{}');
    navigator.sendBeacon('/analytics', '{}');
    watch.setPatterns([]);
    navigator.sendBeacon('/spa/api/sessions/1000/draft', '{}');
    expect(seen).toEqual([['beacon', 'sent']]);
  });

  it('a report that throws never reaches the page', async () => {
    const page = fakePage(async () => ({ ok: true }));
    watchSaveRequests(page.win as unknown as Window & typeof globalThis, () => {
      throw new Error('content script gone');
    }).setPatterns(['/draft$']);
    expect(page.navigator.sendBeacon('/x/draft', '{}')).toBe(true);
  });
});
