// Holds the portal's Save while the record breaks a required rule. A capture
// listener on window runs before the portal's own handlers, and
// stopImmediatePropagation keeps the click from ever reaching them. Every
// way a portal saves that raises an event is caught here (#14 part 4): a click
// (also the one a browser makes for Enter or Space on a button, and for Enter
// in a text input), a press on a Save that acts on pointerdown or mousedown, a
// submit without a submitter (requestSubmit), the portal's own save shortcut,
// declared in its adapter, and a Save inside an open shadow root (found through
// the event's composed path, since the target seen from window is its host).
export type GuardDecision = 'allow' | 'hold';
export type GuardedEvent = 'click' | 'submit' | 'keydown' | 'pointerdown' | 'mousedown';

export interface SaveGuardOptions {
  /** The Save control the event came from, or null when it is not a Save. */
  saveControlFor(target: EventTarget | null): Element | null;
  decide(control: Element): GuardDecision;
  /** Called when our own check failed: the portal's Save proceeds unchecked. */
  onError(error: unknown): void;
  listen(target: Window, type: GuardedEvent, handler: (event: Event) => void): void;
  /** Whether the panel can offer the override right now (mounted, connected, rendered). */
  panelCanAnswer?(): boolean;
  /** Save went through unchecked because the panel could not answer: tell the user outside the panel. */
  onFailOpen?(control: Element): void;
  /** The Save control a key press stands for when it is one of the portal's save shortcuts, else null. */
  shortcutFor?(event: KeyboardEvent): Element | null;
  /**
   * The record page is still starting (its features loading, its panel not yet up): a Save now is held
   * without a verdict and judged by `rejudge()` once the page can answer.
   */
  starting?(control: Element): boolean;
}

export interface SaveGuard {
  /** Lets one held Save through (an override) and replays it the way the portal started it. */
  release(control: Element): void;
  /**
   * For a save no event announces (page script calling form.submit(), seen by the page-world bridge): the
   * guard's verdict, and when held, `replay` is kept so release() can submit the form after an override.
   */
  judge(control: Element, replay: () => void): GuardDecision;
  /** Also hears the save shortcut inside a same-origin child frame of the record (a rich-text editor's iframe); throws for another origin's. */
  watchFrame(frameWindow: Window): void;
  /** The Save held while the record page was starting, if any. */
  heldEarly(): Element | undefined;
  /**
   * The record page can answer now (or never will): the Save held while it was starting is judged, and let
   * through at once unless the verdict is to hold it.
   */
  rejudge(): void;
}

export function installSaveGuard(options: SaveGuardOptions): SaveGuard {
  let bypass = false;
  /** How the last held Save is replayed on release, when not by clicking its control. */
  let held: { control: Element; replay: () => void } | undefined;

  /**
   * A Save let through in this task: the form.submit() its portal handler makes next is that same Save,
   * not a second one to judge (and announce) again.
   */
  let allowedThisTask = false;
  /** A Save held while the record page was starting, judged by rejudge(). */
  let early: Element | undefined;
  /** `again`: the Save held while the record page started, judged now that it can answer (rejudge). */
  const verdict = (control: Element, again?: boolean): GuardDecision => {
    if (early === undefined && !again && options.starting?.(control)) {
      early = control;
      return 'hold';
    }
    // One Save waits for the record page at a time; another press while it waits is the same Save.
    if (early !== undefined) return 'hold';
    let decision: GuardDecision;
    try {
      decision = options.decide(control);
    } catch (error) {
      options.onError(error);
      decision = 'allow';
    }
    decision = failOpenWhenPanelCannotAnswer(decision, control, options);
    if (decision === 'allow' && !allowedThisTask) {
      allowedThisTask = true;
      setTimeout(() => (allowedThisTask = false));
    }
    return decision;
  };

  const check = (event: Event, control: Element | null, replay?: () => void) => {
    if (bypass || !control) return;
    if (verdict(control) === 'hold') {
      event.preventDefault();
      event.stopImmediatePropagation();
      held = replay ? { control, replay } : undefined;
    }
  };

  /**
   * One press of the pointer is one Save, whichever of its events the portal acts on: the verdict is
   * reached once at pointerdown and stands for that press's mousedown and click, and a hold replays
   * the whole press so a portal that saves on mousedown gets its mousedown back.
   */
  let press: { control: Element; decision: GuardDecision } | undefined;
  const onPress = (event: Event) => {
    if (bypass || (event as MouseEvent).button !== 0) return;
    const control = options.saveControlFor(origin(event));
    if (!control) {
      press = undefined;
      return;
    }
    if (event.type === 'pointerdown' || press?.control !== control) {
      const decision = verdict(control);
      press = { control, decision };
      if (decision === 'hold') held = { control, replay: () => replayPress(control) };
    }
    if (press.decision === 'hold') {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  };
  options.listen(window, 'pointerdown', onPress);
  options.listen(window, 'mousedown', onPress);
  options.listen(window, 'click', (event) => {
    const control = options.saveControlFor(origin(event));
    // A click ending a press already judged (detail > 0: from the pointer, not from Enter or Space) keeps its verdict.
    const judged = press && press.control === control && (event as MouseEvent).detail > 0 ? press : undefined;
    press = undefined;
    if (bypass || !control) return;
    if (!judged) {
      check(event, control);
      return;
    }
    if (judged.decision === 'hold') {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  });
  options.listen(window, 'submit', (event) => {
    const form = event.target instanceof HTMLFormElement ? event.target : null;
    const control = options.saveControlFor((event as SubmitEvent).submitter ?? null);
    if (control || !form) {
      check(event, control);
      return;
    }
    // requestSubmit() with no submitter: replayed as it came, so the portal gets the same body.
    check(event, firstSaveControlIn(form, options), () => form.requestSubmit());
  });
  // An editor's iframe is another realm: its events are no `instanceof KeyboardEvent` here.
  const onKeydown = (raw: Event) => {
    const shortcutFor = options.shortcutFor;
    if (!shortcutFor || bypass || !('key' in raw)) return;
    const event = raw as KeyboardEvent;
    if (event.repeat) return;
    const control = shortcutFor(event);
    if (!control) return;
    const target = event.target as Node | null;
    // Replayed as it came: the press is its own init dictionary (key, code, modifiers, keyCode, bubbles, composed).
    check(event, control, () => (target ?? document).dispatchEvent(new KeyboardEvent('keydown', event)));
  };
  if (options.shortcutFor) options.listen(window, 'keydown', onKeydown);
  const watched = new WeakSet<Document>();

  /** A press replayed as it came: pointerdown and mousedown for a portal that saves on them, then the click. */
  const replayPress = (control: Element) => {
    const view = control.ownerDocument.defaultView ?? window;
    const init = { bubbles: true, cancelable: true, composed: true, button: 0, view };
    control.dispatchEvent(new view.PointerEvent('pointerdown', { ...init, isPrimary: true, pointerType: 'mouse' }));
    control.dispatchEvent(new view.MouseEvent('mousedown', init));
    control.dispatchEvent(new view.MouseEvent('mouseup', init));
    (control as HTMLElement).click();
  };

  const replay = (run: () => void) => {
    bypass = true;
    try {
      run();
    } finally {
      bypass = false;
    }
  };

  const guard: SaveGuard = {
    release(control) {
      const pending = held?.control === control ? held.replay : undefined;
      held = undefined;
      replay(pending ?? (() => (control as HTMLElement).click()));
    },
    watchFrame(frameWindow) {
      if (!options.shortcutFor) return;
      // Throws for another origin (the caller's to catch): its keys never reach the record's page script either.
      const frameDocument = frameWindow.document;
      if (watched.has(frameDocument)) return;
      watched.add(frameDocument);
      options.listen(frameWindow, 'keydown', onKeydown);
    },
    heldEarly: () => early,
    rejudge() {
      const control = early;
      early = undefined;
      // A Save whose button the portal replaced meanwhile (before the verdict, or as it was judged) is neither judged
      // nor replayed: its caller says it was not sent. A hold keeps the press's replay (`held`) for the override; a
      // Save let through is replayed the way it came.
      if (control?.isConnected && verdict(control, true) === 'allow' && control.isConnected) guard.release(control);
    },
    judge(control, replayWith) {
      if (bypass || allowedThisTask) return 'allow';
      const decision = verdict(control);
      held = decision === 'hold' ? { control, replay: replayWith } : undefined;
      return decision;
    },
  };
  return guard;
}

/** Parses an adapter shortcut such as `Alt+S`, `Ctrl+Enter` or `Alt+Shift+S` into a matcher of key presses. */
export function shortcutMatcher(shortcut: string): (event: KeyboardEvent) => boolean {
  const parts = shortcut.toLowerCase().split('+');
  const key = parts.pop() ?? '';
  const wants = (modifier: string) => parts.includes(modifier);
  const meta = wants('meta') || wants('cmd');
  // Alt+letter types another character on many layouts (Alt+S is “ß” on a Mac): the physical key decides.
  const code = /^[a-z]$/.test(key) ? `Key${key.toUpperCase()}` : /^\d$/.test(key) ? `Digit${key}` : undefined;
  return (event) =>
    event.altKey === wants('alt') &&
    event.ctrlKey === wants('ctrl') &&
    event.metaKey === meta &&
    event.shiftKey === wants('shift') &&
    (event.code === code || event.key.toLowerCase() === key);
}

/**
 * A hold with no panel to offer the override would trap the user: whenever the
 * panel cannot answer at the moment Save is pressed (not mounted, not
 * connected, crashed, replaced), Save goes through and the user is told.
 */
export function failOpenWhenPanelCannotAnswer(
  decision: GuardDecision,
  control: Element,
  options: Pick<SaveGuardOptions, 'panelCanAnswer' | 'onFailOpen' | 'onError'>,
): GuardDecision {
  if (decision !== 'hold' || !options.panelCanAnswer || options.panelCanAnswer()) return decision;
  try {
    options.onFailOpen?.(control);
  } catch (error) {
    options.onError(error);
  }
  return 'allow';
}

function firstSaveControlIn(form: HTMLFormElement, options: SaveGuardOptions): Element | null {
  for (const element of form.querySelectorAll('button, input[type="submit"]')) {
    const control = options.saveControlFor(element);
    if (control) return control;
  }
  return null;
}

/** Where the event began: inside an open shadow root, the element there, not the host window sees as its target. */
function origin(event: Event): EventTarget | null {
  return event.composedPath?.()[0] ?? event.target;
}
