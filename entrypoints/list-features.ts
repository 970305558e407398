// The list badges' feature script (issue 18): injected by the background into
// the one frame whose always-on router found a list page, never exposed to the
// page; no record-page code comes with it.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import listBadges from './portal.content/features/list-badges';
import { registerFeatures } from './portal.content/bundle';
import type { Feature } from './portal.content/feature';

export const FEATURES: readonly Feature[] = [listBadges] as readonly Feature[];

export default defineUnlistedScript({
  globalName: false,
  main() {
    registerFeatures('list', FEATURES);
  },
});
