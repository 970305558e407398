// The built-in adapters' data, apart from the SDK, so the build can compact
// them for the always-on content script (wxt.config.ts) from the same list.
import mpbDemoData from '../../adapters/mpb-demo.json';
import rosterDemoData from '../../adapters/roster-demo.json';
import casenotesDemoData from '../../adapters/casenotes-demo.json';
import legacyDemoData from '../../adapters/legacy.json';
import spaDemoData from '../../adapters/spa.json';

export const builtInAdapterData: readonly unknown[] = [mpbDemoData, rosterDemoData, casenotesDemoData, legacyDemoData, spaDemoData];
