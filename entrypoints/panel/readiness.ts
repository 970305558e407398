// The panel says when it has caught up, so a test can wait for that instead of
// sleeping: each kind of update it renders bumps a counter on its own <html>.
// The panel is an extension page in a closed shadow root, so the portal's
// scripts cannot read these attributes; only the extension's pages and a test
// driving the browser can.

/** What the panel has rendered: a page snapshot, a held Save, the result of an Apply. */
export type RenderedKind = 'page' | 'held' | 'applied';

/** After a render showing `kind`: `data-cg-<kind>` counts up by one (never down, never skipped). */
export function markRendered(kind: RenderedKind, root: HTMLElement = document.documentElement): void {
  const attribute = `data-cg-${kind}`;
  root.setAttribute(attribute, String(Number(root.getAttribute(attribute) ?? '0') + 1));
}

/** Once the record is on screen and the panel can answer a held Save. */
export function markReady(root: HTMLElement = document.documentElement): void {
  root.setAttribute('data-cg-ready', 'true');
}
