// Keeps a keyboard user's place when the editor's lists change: after an item
// is added the focus moves to its first box, after one is removed to its
// neighbour (or the list's add button), and after a move it follows the item.
// Without this the focus falls back to the top of the page (a removed button)
// or stays on a button that now belongs to another item (lists are keyed by
// position).
import { flushSync } from 'react-dom';

/** Makes the change now, then focuses the first element that one of `selectors` (tried in order) finds under `root`. */
export function changeThenFocus(change: () => void, root: ParentNode | null | undefined, selectors: readonly string[]): void {
  flushSync(change);
  for (const selector of selectors) {
    const element = root?.querySelector<HTMLElement>(selector);
    if (element) {
      element.focus();
      return;
    }
  }
}
