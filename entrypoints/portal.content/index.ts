// The content script's composition root: where it runs (every frame of a
// portal a built-in adapter names, from document_start) and which features
// the router may start there. What each feature does lives in features/.
import { config as zodConfig } from 'zod/mini';
import { defineContentScript } from 'wxt/utils/define-content-script';
import mpbDemo from '../../adapters/mpb-demo.json';
import rosterDemo from '../../adapters/roster-demo.json';
import casenotesDemo from '../../adapters/casenotes-demo.json';
import legacyDemo from '../../adapters/legacy.json';
import bridgeClient from './features/bridge-client';
import framePanels from './features/frame-panels';
import listBadges from './features/list-badges';
import recordPage from './features/record-page';
import saveGuard from './features/save-guard';
import type { Feature } from './feature';
import { startRouter } from './router';

/**
 * In the order the router runs them on each page change: the record page before the feature that asks it
 * (the bridge client) and before the guard, which watches the new record's editor frames.
 */
export const FEATURES: readonly Feature[] = [framePanels, listBadges, recordPage, bridgeClient, saveGuard] as readonly Feature[];

export default defineContentScript({
  // Host access only where a built-in adapter says a portal lives.
  matches: [...new Set([mpbDemo, rosterDemo, casenotesDemo, legacyDemo].flatMap((adapter) => adapter.matches))],
  runAt: 'document_start',
  // A portal's record page may live in a work frame of its shell (#14 part 1); frames with no address of
  // their own (an editor's about:blank iframe) count as their parent's origin.
  allFrames: true,
  matchOriginAsFallback: true,
  main(ctx) {
    // Content scripts forbid eval; skip Zod's probe for its compiled fast path.
    zodConfig({ jitless: true });
    startRouter(ctx, FEATURES);
  },
});
