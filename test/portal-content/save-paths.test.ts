// @vitest-environment happy-dom
// The Save guard on the ways a portal saves beyond a click (#14 part 4): the
// portal's own keyboard shortcut, requestSubmit() with no submitter, and a
// save no event announces (form.submit() seen by the page-world bridge), each
// held before the portal's handlers and replayed as it came on release.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  installSaveGuard,
  shortcutMatcher,
  type GuardDecision,
  type SaveGuard,
} from '../../entrypoints/portal.content/features/save-guard/save-guard';

const key = (init: KeyboardEventInit) => new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });

describe('shortcutMatcher', () => {
  it.each<[string, KeyboardEventInit, boolean]>([
    ['Alt+S', { key: 's', code: 'KeyS', altKey: true }, true],
    // Alt+S types “ß” on a Mac keyboard: the physical key decides.
    ['Alt+S', { key: 'ß', code: 'KeyS', altKey: true }, true],
    ['Alt+S', { key: 's', code: 'KeyS' }, false],
    ['Alt+S', { key: 's', code: 'KeyS', altKey: true, ctrlKey: true }, false],
    ['Alt+S', { key: 'S', code: 'KeyS', altKey: true, shiftKey: true }, false],
    ['Ctrl+Enter', { key: 'Enter', code: 'Enter', ctrlKey: true }, true],
    ['Ctrl+Enter', { key: 'Enter', code: 'Enter', metaKey: true }, false],
    ['Meta+Enter', { key: 'Enter', code: 'NumpadEnter', metaKey: true }, true],
    ['Ctrl+S', { key: 'd', code: 'KeyD', ctrlKey: true }, false],
    ['Alt+Shift+S', { key: 'S', code: 'KeyS', altKey: true, shiftKey: true }, true],
    ['Ctrl+1', { key: '1', code: 'Digit1', ctrlKey: true }, true],
    ['F2', { key: 'F2', code: 'F2' }, true],
  ])('%s against %o is %s', (shortcut, init, expected) => {
    expect(shortcutMatcher(shortcut)(key(init))).toBe(expected);
  });
});

describe('installSaveGuard on keyboard shortcuts and programmatic submits', () => {
  let guard: SaveGuard;
  let decision: GuardDecision;
  let portal: string[];
  let aborters: AbortController[] = [];

  beforeEach(() => {
    document.body.innerHTML = `<form id="f" action="/save" method="post"><input id="t" name="t"><input type="hidden" id="next" name="next" value="">
      <button type="submit" id="save" name="action" value="save">Save</button><a id="save-return" href="#" role="button">Save and return</a></form>`;
    decision = 'hold';
    portal = [];
    const signal = new AbortController();
    aborters.push(signal);
    const decide = vi.fn(() => decision);
    const isSave = (target: EventTarget | null) => (target instanceof Element ? target.closest('#save, #save-return') : null);
    guard = installSaveGuard({
      saveControlFor: isSave,
      decide,
      onError: (error) => {
        throw error;
      },
      shortcutFor: (event) => (shortcutMatcher('Alt+S')(event) ? document.getElementById('save') : null),
      listen: (target, type, handler) => target.addEventListener(type, handler, { capture: true, signal: signal.signal }),
    });
    // The portal, as the legacy demo is written: its shortcut saves, and its submit handler records what it got.
    const form = document.getElementById('f') as HTMLFormElement;
    document.addEventListener(
      'keydown',
      (event) => {
        if (event.altKey && event.code === 'KeyS') portal.push('shortcut save');
      },
      { signal: signal.signal },
    );
    form.addEventListener(
      'submit',
      (event) => {
        event.preventDefault();
        // happy-dom reports the form itself as the submitter of requestSubmit(); a browser reports none.
        const submitter = (event as SubmitEvent).submitter;
        portal.push(`submit by ${submitter instanceof HTMLButtonElement ? submitter.id : 'none'}`);
      },
      { signal: signal.signal },
    );
  });
  afterEach(() => {
    for (const aborter of aborters) aborter.abort();
    aborters = [];
  });

  it('holds the portal’s shortcut before its own keydown handler, and a release replays the key press to it once', () => {
    document.getElementById('t')!.dispatchEvent(key({ key: 's', code: 'KeyS', altKey: true }));
    expect(portal).toEqual([]);
    guard.release(document.getElementById('save')!);
    expect(portal).toEqual(['shortcut save']);
  });

  it('lets the shortcut through when the record passes, and ignores other keys', () => {
    document.getElementById('t')!.dispatchEvent(key({ key: 'd', code: 'KeyD', altKey: true }));
    decision = 'allow';
    document.getElementById('t')!.dispatchEvent(key({ key: 's', code: 'KeyS', altKey: true }));
    expect(portal).toEqual(['shortcut save']);
  });

  it('holds requestSubmit() with no submitter, and the release submits again without one (the portal gets the same body)', () => {
    const form = document.getElementById('f') as HTMLFormElement;
    form.requestSubmit();
    expect(portal).toEqual([]);
    guard.release(document.getElementById('save')!);
    expect(portal).toEqual(['submit by none']);
  });

  it('judge(): a save no event announces is held with its own replay, run once on release', () => {
    const replay = vi.fn();
    expect(guard.judge(document.getElementById('save')!, replay)).toBe('hold');
    expect(replay).not.toHaveBeenCalled();
    guard.release(document.getElementById('save')!);
    expect(replay).toHaveBeenCalledTimes(1);
    decision = 'allow';
    expect(guard.judge(document.getElementById('save')!, replay)).toBe('allow');
  });

  it('judge(): the form.submit() a portal makes inside a Save just let through is that same Save, not judged again', async () => {
    decision = 'allow';
    const replay = vi.fn();
    const judged: string[] = [];
    // The portal's click handler submits; by then the record would be held, so only the click's verdict lets it through.
    document.addEventListener(
      'click',
      () => {
        decision = 'hold';
        judged.push(guard.judge(document.getElementById('save')!, replay));
      },
      { once: true },
    );
    document.getElementById('save-return')!.click();
    expect(judged).toEqual(['allow']);
    // A later task's form.submit() is judged afresh.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(guard.judge(document.getElementById('save')!, replay)).toBe('hold');
  });
});

describe('installSaveGuard on presses and shadow roots', () => {
  let decision: GuardDecision;
  let decide: ReturnType<typeof vi.fn<(control: Element) => GuardDecision>>;
  let portal: string[];
  let guard: SaveGuard;
  let aborter: AbortController;

  beforeEach(() => {
    document.body.innerHTML = `<form id="f"><button type="button" id="quick">Quick save</button><sign-bar id="bar"></sign-bar><button type="button" id="other">Other</button></form>`;
    const root = document.getElementById('bar')!.attachShadow({ mode: 'open' });
    const inner = document.createElement('button');
    inner.id = 'sign';
    inner.textContent = 'Sign and save';
    root.append(inner);
    decision = 'hold';
    portal = [];
    aborter = new AbortController();
    decide = vi.fn((_control: Element) => decision);
    guard = installSaveGuard({
      saveControlFor: (target) => (target instanceof Element ? target.closest('#quick, #sign') : null),
      decide,
      onError: (error) => {
        throw error;
      },
      listen: (target, type, handler) => target.addEventListener(type, handler, { capture: true, signal: aborter.signal }),
    });
    document.getElementById('quick')!.addEventListener('mousedown', () => portal.push('mousedown save'), { signal: aborter.signal });
    inner.addEventListener('click', () => portal.push('shadow click save'), { signal: aborter.signal });
  });
  afterEach(() => aborter.abort());

  const press = (element: Element) => {
    const init = { bubbles: true, cancelable: true, composed: true, button: 0 };
    element.dispatchEvent(new PointerEvent('pointerdown', init));
    element.dispatchEvent(new MouseEvent('mousedown', init));
    element.dispatchEvent(new MouseEvent('mouseup', init));
    element.dispatchEvent(new MouseEvent('click', { ...init, detail: 1 }));
  };

  it('judges a pointer press once, holds a save made on mousedown, and the release replays the press so the portal saves once', () => {
    const quick = document.getElementById('quick')!;
    press(quick);
    expect(portal).toEqual([]);
    expect(decide).toHaveBeenCalledTimes(1);
    guard.release(quick);
    expect(portal).toEqual(['mousedown save']);
  });

  it('a press on a passing record reaches the portal untouched, judged once', () => {
    decision = 'allow';
    press(document.getElementById('quick')!);
    expect(portal).toEqual(['mousedown save']);
    expect(decide).toHaveBeenCalledTimes(1);
  });

  it('finds a Save inside an open shadow root through the composed path (window sees only the host)', () => {
    const inner = document.getElementById('bar')!.shadowRoot!.getElementById('sign')!;
    inner.click();
    expect(portal).toEqual([]);
    expect(decide).toHaveBeenCalledWith(inner);
    guard.release(inner);
    expect(portal).toEqual(['shadow click save']);
  });

  it('leaves presses on other controls alone', () => {
    press(document.getElementById('other')!);
    expect(decide).not.toHaveBeenCalled();
  });
});
