// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
// The Save guard against a portal's own handlers: whatever the portal hangs
// on the button, the document or the form, a held Save never reaches it, an
// allowed one does, and a failure of ours never costs the user their save.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installSaveGuard, type GuardDecision, type SaveGuard } from '../../entrypoints/portal.content/features/save-guard/save-guard';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/mpb');
const sessionHtml = fs.readFileSync(path.join(FIXTURES, 'session.html'), 'utf8');
const SAVE_SELECTOR = 'button#save-session, button#save-close, button#submit-save';

let removers: (() => void)[] = [];
/** Registers like the page would, and is removed after the test. */
function on(target: EventTarget, type: string, handler: (event: Event) => void, capture = false) {
  target.addEventListener(type, handler, capture);
  removers.push(() => target.removeEventListener(type, handler, capture));
}

interface Harness {
  guard: SaveGuard;
  decide: ReturnType<typeof vi.fn<(control: Element) => GuardDecision>>;
  onError: ReturnType<typeof vi.fn<(error: unknown) => void>>;
  /** What the portal's own handlers saw, in order. */
  portal: string[];
}

function install(decide: (control: Element) => GuardDecision): Harness {
  const harness = { portal: [] as string[], decide: vi.fn(decide), onError: vi.fn() } as Omit<Harness, 'guard'>;
  const guard = installSaveGuard({
    saveControlFor: (target) => (target instanceof Element ? target.closest(SAVE_SELECTOR) : null),
    decide: harness.decide,
    onError: harness.onError,
    // As the content script does: capture listeners on window, added before the portal's.
    listen: (target, type, handler) => on(target, type, handler, true),
  });
  // The portal's own Save handling, registered after the guard (document_start runs first).
  const save = document.querySelector('#save-session')!;
  on(save, 'click', () => harness.portal.push('button click'));
  on(document, 'click', (event) => (event.target as Element).closest?.(SAVE_SELECTOR) && harness.portal.push('document click'));
  on(
    document,
    'click',
    (event) => (event.target as Element).closest?.(SAVE_SELECTOR) && harness.portal.push('document capture click'),
    true,
  );
  const form = document.querySelector('form#session-form')!;
  on(form, 'submit', (event) => {
    event.preventDefault();
    harness.portal.push('form submit');
  });
  return { ...harness, guard } as Harness;
}

beforeEach(() => {
  document.body.innerHTML = new DOMParser().parseFromString(sessionHtml, 'text/html').body.innerHTML;
  // A submit button too, as many portals have, so the guard's submit path is exercised.
  document
    .querySelector('.button-row')!
    .insertAdjacentHTML('beforeend', '<button type="submit" id="submit-save"><span class="icon">💾</span> Save (submit)</button>');
});
afterEach(() => {
  for (const remove of removers) remove();
  removers = [];
  document.body.innerHTML = '';
});

const click = (selector: string) => (document.querySelector(selector) as HTMLElement).click();

describe('installSaveGuard', () => {
  it('hold: the portal’s click handlers, on the button and on the document (capture too), never run', () => {
    const h = install(() => 'hold');
    const event = new MouseEvent('click', { bubbles: true, cancelable: true });
    const dispatched = document.querySelector('#save-session')!.dispatchEvent(event);
    expect(h.decide).toHaveBeenCalledWith(document.querySelector('#save-session'));
    expect(h.portal).toEqual([]);
    expect(dispatched).toBe(false);
    expect(event.defaultPrevented).toBe(true);
  });

  it('hold: a click on a submit button neither runs the click handlers nor submits the form', () => {
    const h = install(() => 'hold');
    click('#submit-save .icon');
    expect(h.decide).toHaveBeenCalledTimes(1);
    expect(h.decide.mock.calls[0]![0]).toBe(document.querySelector('#submit-save'));
    expect(h.portal).toEqual([]);
  });

  it('hold: a submit from the keyboard (requestSubmit, no click) is stopped before the portal’s submit handler', () => {
    const h = install(() => 'hold');
    const form = document.querySelector('form#session-form') as HTMLFormElement;
    form.requestSubmit(document.querySelector<HTMLButtonElement>('#submit-save'));
    expect(h.decide).toHaveBeenCalledWith(document.querySelector('#submit-save'));
    expect(h.portal).toEqual([]);
    // With no submitter (a script's requestSubmit()), the form's first Save control stands in for it.
    form.requestSubmit();
    expect(h.decide).toHaveBeenCalledTimes(2);
    expect(h.decide.mock.calls[1]![0]).toBe(form.querySelector(SAVE_SELECTOR));
    expect(h.portal).toEqual([]);
  });

  it('allow: every portal handler runs as if the guard were not there', () => {
    const h = install(() => 'allow');
    click('#save-session');
    expect(h.portal).toEqual(['document capture click', 'button click', 'document click']);
    h.portal.length = 0;
    click('#submit-save');
    expect(h.portal).toEqual(['document capture click', 'document click', 'form submit']);
    // The click on the submit button and the submit it causes are each checked.
    expect(h.decide).toHaveBeenCalledTimes(3);
  });

  it('ignores clicks and submits that are not a Save', () => {
    const h = install(() => 'hold');
    click('#attendance');
    click('#client-name');
    expect(h.decide).not.toHaveBeenCalled();
  });

  it('an exception in decide lets the save through and reports it', () => {
    const failure = new Error('checklist exploded');
    const h = install(() => {
      throw failure;
    });
    click('#save-session');
    expect(h.onError).toHaveBeenCalledWith(failure);
    expect(h.portal).toEqual(['document capture click', 'button click', 'document click']);
  });

  it('release() replays the held click past the guard exactly once', () => {
    const h = install(() => 'hold');
    const save = document.querySelector('#save-session')!;
    click('#save-session');
    expect(h.portal).toEqual([]);
    expect(h.decide).toHaveBeenCalledTimes(1);

    h.guard.release(save);
    expect(h.portal).toEqual(['document capture click', 'button click', 'document click']);
    // The replay is not judged again.
    expect(h.decide).toHaveBeenCalledTimes(1);

    // The next Save is guarded as before.
    h.portal.length = 0;
    click('#save-session');
    expect(h.decide).toHaveBeenCalledTimes(2);
    expect(h.portal).toEqual([]);
  });

  it('release() of a submit button submits the form once', () => {
    const h = install(() => 'hold');
    click('#submit-save');
    expect(h.portal).toEqual([]);
    h.guard.release(document.querySelector('#submit-save')!);
    expect(h.portal.filter((entry) => entry === 'form submit')).toEqual(['form submit']);
  });

  it('release() re-arms the guard even when the portal’s handler throws', () => {
    const h = install(() => 'hold');
    const save = document.querySelector('#save-session')!;
    // A click handler that throws during dispatch is reported, not rethrown, by the DOM; a control whose click() itself throws is the harder case.
    const broken = {
      click: () => {
        throw new Error('portal bug');
      },
    } as unknown as Element;
    expect(() => h.guard.release(broken)).toThrow('portal bug');
    click('#save-session');
    expect(h.decide).toHaveBeenCalledWith(save);
    expect(h.portal).toEqual([]);
  });
});
