// Holds the portal's Save while the record breaks a required rule. A capture
// listener on window runs before the portal's own handlers, and
// stopImmediatePropagation keeps the click from ever reaching them.
export type GuardDecision = 'allow' | 'hold';

export interface SaveGuardOptions {
  /** The Save control the event came from, or null when it is not a Save. */
  saveControlFor(target: EventTarget | null): Element | null;
  decide(control: Element): GuardDecision;
  /** Called when our own check failed: the portal's Save proceeds unchecked. */
  onError(error: unknown): void;
  listen(target: Window, type: 'click' | 'submit' | 'keydown', handler: (event: Event) => void): void;
  /** Whether the panel can offer the override right now (mounted, connected, rendered). */
  panelCanAnswer?(): boolean;
  /** Save went through unchecked because the panel could not answer: tell the user outside the panel. */
  onFailOpen?(control: Element): void;
}

export interface SaveGuard {
  /** Lets one click through (an override) and replays it on the control. */
  release(control: Element): void;
}

export function installSaveGuard(options: SaveGuardOptions): SaveGuard {
  let bypass = false;

  const check = (event: Event, control: Element | null) => {
    if (bypass || !control) return;
    let decision: GuardDecision;
    try {
      decision = options.decide(control);
    } catch (error) {
      options.onError(error);
      return;
    }
    if (failOpenWhenPanelCannotAnswer(decision, control, options) === 'hold') {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  };

  options.listen(window, 'click', (event) => check(event, options.saveControlFor(event.target)));
  options.listen(window, 'submit', (event) => {
    const form = event.target instanceof HTMLFormElement ? event.target : null;
    const control = (event as SubmitEvent).submitter ?? null;
    check(event, options.saveControlFor(control) ?? (form ? firstSaveControlIn(form, options) : null));
  });

  return {
    release(control) {
      bypass = true;
      try {
        (control as HTMLElement).click();
      } finally {
        bypass = false;
      }
    },
  };
}

/**
 * A hold with no panel to offer the override would trap the user: whenever the
 * panel cannot answer at the moment Save is pressed (not mounted, not
 * connected, crashed, replaced), Save goes through and the user is told.
 */
export function failOpenWhenPanelCannotAnswer(decision: GuardDecision, control: Element, options: Pick<SaveGuardOptions, 'panelCanAnswer' | 'onFailOpen' | 'onError'>): GuardDecision {
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
