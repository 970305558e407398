// @vitest-environment happy-dom
// The page can read and forge the bridge's events, so both sides must refuse
// anything but the fixed shapes, and the bridge must act only on its fixed
// operations. These tests send what a hostile page could send.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  BRIDGE_REQUEST,
  bridgeEvents,
  isBridgeSecret,
  readBridgeReply,
  readBridgeRequest,
  readSaveRequestSeen,
} from '../../lib/bridge-protocol';
import { newBridgeSecret, startBridge } from '../../lib/widget-bridge';

const SECRET = 'a'.repeat(32);
const { request: BRIDGE_SECRET_REQUEST, reply: BRIDGE_REPLY, formSubmit: BRIDGE_FORM_SUBMIT } = bridgeEvents(SECRET);

const request = (fields: Record<string, unknown>) => JSON.stringify({ id: 'abcdef12', ...fields });

describe('readBridgeRequest', () => {
  it('accepts each fixed operation in its own shape', () => {
    expect(readBridgeRequest(request({ op: 'state', widget: 'select2', selectors: ['#code'] }))).toEqual({
      id: 'abcdef12',
      op: 'state',
      widget: 'select2',
      selectors: ['#code'],
    });
    expect(readBridgeRequest(request({ op: 'write', widget: 'tinymce', selectors: ['#note'], value: 'Line' }))?.value).toBe('Line');
    expect(readBridgeRequest(request({ op: 'wrap-form-submit' }))).toEqual({ id: 'abcdef12', op: 'wrap-form-submit' });
    expect(readBridgeRequest(request({ op: 'watch-saves', patterns: ['/draft$'] }))).toEqual({
      id: 'abcdef12',
      op: 'watch-saves',
      patterns: ['/draft$'],
    });
  });

  it.each([
    ['not a string', { op: 'state' }],
    ['not JSON', '{op:'],
    ['an array', '[]'],
    ['null', 'null'],
  ])('refuses %s', (_name, raw) => {
    expect(readBridgeRequest(raw)).toBeUndefined();
  });

  it.each([
    ['an unknown operation', { op: 'eval', widget: 'select2', selectors: ['#a'] }],
    ['an unknown widget', { op: 'state', widget: 'evil', selectors: ['#a'] }],
    ['an extra field carrying code', { op: 'state', widget: 'select2', selectors: ['#a'], code: 'alert(1)' }],
    ['a prototype key', { op: 'state', widget: 'select2', selectors: ['#a'], __proto__x: 1 }],
    ['no selectors', { op: 'state', widget: 'select2' }],
    ['an empty selector', { op: 'state', widget: 'select2', selectors: [''] }],
    ['too many selectors', { op: 'state', widget: 'select2', selectors: Array.from({ length: 11 }, () => '#a') }],
    ['a selector that is not a string', { op: 'state', widget: 'select2', selectors: [{}] }],
    ['a write without a value', { op: 'write', widget: 'select2', selectors: ['#a'] }],
    ['a write with a number', { op: 'write', widget: 'select2', selectors: ['#a'], value: 3 }],
    ['a read carrying a value', { op: 'state', widget: 'select2', selectors: ['#a'], value: 'x' }],
    ['a form-submit wrap carrying a widget', { op: 'wrap-form-submit', widget: 'select2' }],
    ['a form-submit wrap carrying patterns', { op: 'wrap-form-submit', patterns: ['/draft$'] }],
    ['a save watch without patterns', { op: 'watch-saves' }],
    ['a save watch with an empty pattern', { op: 'watch-saves', patterns: [''] }],
    ['a save watch carrying a widget', { op: 'watch-saves', widget: 'select2', patterns: ['/draft$'] }],
    ['a widget read carrying patterns', { op: 'state', widget: 'select2', selectors: ['#a'], patterns: ['/x'] }],
  ])('refuses %s', (_name, fields) => {
    expect(readBridgeRequest(request(fields))).toBeUndefined();
  });

  it('refuses an id that is not the expected token', () => {
    expect(readBridgeRequest(JSON.stringify({ id: 'x', op: 'wrap-form-submit' }))).toBeUndefined();
    expect(readBridgeRequest(JSON.stringify({ id: 'ABCDEF12<', op: 'wrap-form-submit' }))).toBeUndefined();
  });

  it('refuses a value past the size limit', () => {
    expect(
      readBridgeRequest(request({ op: 'write', widget: 'contenteditable', selectors: ['#a'], value: 'x'.repeat(100_001) })),
    ).toBeUndefined();
  });
});

describe('the per-page secret', () => {
  it('is 32 lower-case hex characters, fresh each time, and nothing else is accepted as one', () => {
    const one = newBridgeSecret(window as unknown as Window & typeof globalThis);
    const two = newBridgeSecret(window as unknown as Window & typeof globalThis);
    expect(isBridgeSecret(one)).toBe(true);
    expect(one).not.toBe(two);
    for (const bad of ['', 'A'.repeat(32), 'a'.repeat(31), `${'a'.repeat(31)}-`, 42, null]) expect(isBridgeSecret(bad)).toBe(false);
    expect(() => bridgeEvents('short')).toThrow();
  });
});

describe('readBridgeReply', () => {
  it('accepts a reply to the request sent, and only that one', () => {
    expect(readBridgeReply(JSON.stringify({ id: 'abcdef12', ok: true, state: 'ready' }), 'abcdef12')).toEqual({
      id: 'abcdef12',
      ok: true,
      state: 'ready',
      error: undefined,
    });
    expect(readBridgeReply(JSON.stringify({ id: 'other123', ok: true }), 'abcdef12')).toBeUndefined();
  });

  it('refuses an unknown state, a missing ok, and an oversized reply', () => {
    expect(readBridgeReply(JSON.stringify({ id: 'abcdef12', ok: true, state: 'hacked' }), 'abcdef12')).toBeUndefined();
    expect(readBridgeReply(JSON.stringify({ id: 'abcdef12' }), 'abcdef12')).toBeUndefined();
    expect(readBridgeReply(JSON.stringify({ id: 'abcdef12', ok: true, error: 'x'.repeat(3_000) }), 'abcdef12')).toBeUndefined();
    expect(readBridgeReply({ id: 'abcdef12', ok: true }, 'abcdef12')).toBeUndefined();
  });

  it('cuts a long error short', () => {
    expect(readBridgeReply(JSON.stringify({ id: 'abcdef12', ok: false, error: 'e'.repeat(1_000) }), 'abcdef12')?.error).toHaveLength(300);
  });
});

describe('readSaveRequestSeen', () => {
  it('accepts how a save went, and nothing more', () => {
    expect(readSaveRequestSeen(JSON.stringify({ via: 'fetch', outcome: 'confirmed' }))).toEqual({ via: 'fetch', outcome: 'confirmed' });
    expect(readSaveRequestSeen(JSON.stringify({ via: 'beacon', outcome: 'sent' }))).toEqual({ via: 'beacon', outcome: 'sent' });
    // A beacon gets no answer, so it is never “confirmed”; a fetch is never merely “sent”.
    expect(readSaveRequestSeen(JSON.stringify({ via: 'beacon', outcome: 'confirmed' }))).toBeUndefined();
    expect(readSaveRequestSeen(JSON.stringify({ via: 'fetch', outcome: 'sent' }))).toBeUndefined();
    expect(readSaveRequestSeen(JSON.stringify({ via: 'xhr', outcome: 'confirmed', url: '/x' }))).toBeUndefined();
    expect(readSaveRequestSeen(JSON.stringify({ via: 'ws', outcome: 'confirmed' }))).toBeUndefined();
    expect(readSaveRequestSeen('{')).toBeUndefined();
    expect(readSaveRequestSeen({ via: 'fetch', outcome: 'confirmed' })).toBeUndefined();
  });
});

describe('the bridge on a page', () => {
  const replies: unknown[] = [];
  const onReply = (event: Event) => replies.push(JSON.parse((event as CustomEvent).detail));
  afterEach(() => {
    window.removeEventListener(BRIDGE_REPLY, onReply);
    replies.length = 0;
    document.body.replaceChildren();
  });

  // One bridge per page, as the page-world script starts it once.
  beforeAll(() => startBridge(window as unknown as Window & typeof globalThis, SECRET));
  const send = (detail: unknown) => window.dispatchEvent(new CustomEvent(BRIDGE_SECRET_REQUEST, { detail }));

  it('answers a valid request and ignores a forged one without replying', () => {
    window.addEventListener(BRIDGE_REPLY, onReply);
    send(request({ op: 'eval', widget: 'select2', selectors: ['#a'] }));
    expect(replies).toEqual([]);
    send(request({ op: 'state', widget: 'select2', selectors: ['#nowhere'] }));
    expect(replies).toEqual([{ id: 'abcdef12', ok: true, state: 'absent' }]);
  });

  it('does not hear a request on the unsecreted event name, nor under another secret', () => {
    window.addEventListener(BRIDGE_REPLY, onReply);
    const valid = request({ op: 'state', widget: 'select2', selectors: ['#nowhere'] });
    window.dispatchEvent(new CustomEvent(BRIDGE_REQUEST, { detail: valid }));
    window.dispatchEvent(new CustomEvent(bridgeEvents('b'.repeat(32)).request, { detail: valid }));
    expect(replies).toEqual([]);
  });

  it('tells an element whose widget has not started from one that is absent', () => {
    window.addEventListener(BRIDGE_REPLY, onReply);
    const select = document.createElement('select');
    select.id = 'code';
    document.body.append(select);
    send(request({ op: 'state', widget: 'select2', selectors: ['#code'] }));
    expect(replies).toEqual([{ id: 'abcdef12', ok: true, state: 'not-started' }]);
  });

  it('writes a contenteditable note as text paragraphs, never markup', () => {
    window.addEventListener(BRIDGE_REPLY, onReply);
    const note = document.createElement('div');
    note.id = 'note';
    note.contentEditable = 'true';
    document.body.append(note);
    send(request({ op: 'write', widget: 'contenteditable', selectors: ['#note'], value: 'Plan:\n<img src=x onerror=alert(1)>' }));
    expect(replies).toEqual([{ id: 'abcdef12', ok: true, state: 'ready' }]);
    expect([...note.children].map((p) => p.textContent)).toEqual(['Plan:', '<img src=x onerror=alert(1)>']);
    expect(note.querySelector('img')).toBeNull();
  });

  it('holds a page-script form.submit() when the guard cancels the announcement, and lets it through otherwise', () => {
    window.addEventListener(BRIDGE_REPLY, onReply);
    let submitted = 0;
    const original = HTMLFormElement.prototype.submit;
    HTMLFormElement.prototype.submit = function () {
      submitted += 1;
    };
    try {
      send(request({ op: 'wrap-form-submit' }));
      expect(replies).toEqual([{ id: 'abcdef12', ok: true }]);
      const form = document.createElement('form');
      document.body.append(form);
      const hold = (event: Event) => event.preventDefault();
      window.addEventListener(BRIDGE_FORM_SUBMIT, hold);
      form.submit();
      expect(submitted).toBe(0);
      window.removeEventListener(BRIDGE_FORM_SUBMIT, hold);
      form.submit();
      expect(submitted).toBe(1);
    } finally {
      HTMLFormElement.prototype.submit = original;
    }
  });

  it('also announces a form whose submit a library replaced on the form itself before the wrap (as TinyMCE does)', () => {
    let submitted = 0;
    const original = HTMLFormElement.prototype.submit;
    HTMLFormElement.prototype.submit = function () {
      submitted += 1;
    };
    const form = document.createElement('form');
    document.body.append(form);
    // The library's own submit, calling the browser's one it kept.
    const kept = HTMLFormElement.prototype.submit;
    let librarySaved = 0;
    form.submit = function () {
      librarySaved += 1;
      kept.call(this);
    };
    try {
      // A second bridge on this page (the first wrapped before this form existed), with its own secret.
      const secret = 'c'.repeat(32);
      const events = bridgeEvents(secret);
      startBridge(window as unknown as Window & typeof globalThis, secret);
      window.dispatchEvent(new CustomEvent(events.request, { detail: request({ op: 'wrap-form-submit' }) }));
      const hold = (event: Event) => event.preventDefault();
      window.addEventListener(events.formSubmit, hold);
      form.submit();
      expect([librarySaved, submitted]).toEqual([0, 0]);
      window.removeEventListener(events.formSubmit, hold);
      form.submit();
      expect([librarySaved, submitted]).toEqual([1, 1]);
    } finally {
      HTMLFormElement.prototype.submit = original;
    }
  });
});
