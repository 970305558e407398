// The always-on content script's composition root (issue 18): where it runs
// (every frame of a portal a built-in adapter names, from document_start) and
// the one feature that must be there before the portal's own script, the Save
// guard. The router detects the page with the compact adapters and has the
// background inject the record page's or the list's features
// (entrypoints/record-features.ts, entrypoints/list-features.ts) only where
// the page needs them. What each feature does lives in features/.
import { defineContentScript } from 'wxt/utils/define-content-script';
import builtInCompact, { portalMatches } from 'virtual:chartguard/compact-adapters';
import saveGuard, { useRouterView } from './features/save-guard';
import type { Feature } from './feature';
import { startRouter } from './router';

export const FEATURES: readonly Feature[] = [saveGuard] as readonly Feature[];

/** What runs in the page: started by itself (wxt.config.ts, leanContentScriptStart), so the options below stay out of the script. */
export function main() {
  startRouter(FEATURES, builtInCompact, useRouterView);
}

export default defineContentScript({
  // Host access only where a built-in adapter says a portal lives.
  matches: portalMatches,
  runAt: 'document_start',
  // A portal's record page may live in a work frame of its shell (#14 part 1); frames with no address of
  // their own (an editor's about:blank iframe) count as their parent's origin.
  allFrames: true,
  matchOriginAsFallback: true,
  // Nothing reads what it returns (it is no executeScript): no global name for it in the content scripts' world.
  globalName: false,
  // WXT's context is not used (lib/quiet-context.ts): the router owns its listeners and sees the extension go.
  main,
});
