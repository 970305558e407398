// Two DOM questions the content script asks (is a selector on the page, the
// always-on part's too; is this a child frame, the feature scripts'), kept
// apart from the record page's modules so the router and the Save guard need
// none of their imports.

/** The first element any of the selectors finds, in order; an invalid selector is skipped. */
export function findElement(selectors: readonly string[], root: ParentNode = document): Element | null {
  for (const selector of selectors) {
    try {
      const element = root.querySelector(selector);
      if (element) return element;
    } catch {
      // An invalid selector in an imported adapter must not stop the others.
    }
  }
  return null;
}

/** This frame is a child of the tab (a portal's work frame); a cross-origin parent counts as one too. */
export function inChildFrame(): boolean {
  try {
    return window.top !== window;
  } catch {
    return true;
  }
}
