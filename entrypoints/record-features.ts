// The record page's feature script (issue 18): injected by the background into
// the one frame whose always-on router found a record page (or, for the
// frame panels, into the top document a work frame docks its panel in), never
// exposed to the page. The record page before the feature that asks it (the
// bridge client).
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import bridgeClient from './portal.content/features/bridge-client';
import framePanels from './portal.content/features/frame-panels';
import recordPage from './portal.content/features/record-page';
import { registerFeatures } from './portal.content/bundle';
import type { Feature } from './portal.content/feature';

export const FEATURES: readonly Feature[] = [framePanels, recordPage, bridgeClient] as readonly Feature[];

export default defineUnlistedScript({
  globalName: false,
  main() {
    registerFeatures('record', FEATURES);
  },
});
