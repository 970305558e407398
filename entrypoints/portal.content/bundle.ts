// The feature scripts' half of the split (issue 18): a script the background
// injected into this frame reads the full adapters and the checklists from
// storage (the background wrote them before injecting it), and registers its
// features with the always-on router already running in the same isolated
// world. A script injected where no router runs does nothing.
import type { PortalAdapter } from '@chartguard/sdk/runtime';
import {
  ADAPTERS_KEY,
  BUILTIN_CHECKLISTS_KEY,
  CONFIG_KEY,
  loadRuntimeCatalog,
  MANAGED_KEY,
  type RuntimeCatalog,
} from '../../lib/catalog/runtime';
import { browser } from '../../lib/lean-browser';
import { detectPage, documentProbe, type PageMatch } from './detect';
import { findElement, inChildFrame } from './dom';
import { FEATURES_UNREADABLE_MESSAGE } from '../../lib/feature-message';
import { REGISTER_KEY, type BundleName, type Feature, type FeatureBundle, type FrameState, type RegisterFeatures } from './feature';

/** A record page is one whose adapter fields are in the DOM: only then is there something to dock a panel beside. */
function recordOf(match: PageMatch | undefined): PageMatch | undefined {
  return match && match.page.fields.length > 0 && findElement(match.page.fields.flatMap((field) => field.selectors)) ? match : undefined;
}

export function registerFeatures(name: BundleName, features: readonly Feature[]) {
  const register = (globalThis as Record<string, unknown>)[REGISTER_KEY] as RegisterFeatures | undefined;
  if (typeof register !== 'function') return;
  let adapters: PortalAdapter[] = [];
  let catalogLoaded = false;
  const checklists = new Map() as RuntimeCatalog['checklists'];
  /** Where the panel comes from and where it docks: the feature scripts' own questions, not asked at document_start. */
  let place: Pick<FrameState, 'panelUrl' | 'childFrame'> | undefined;
  const bundle: FeatureBundle = {
    name,
    features,
    frame(base): FrameState {
      place ??= { panelUrl: browser.runtime.getURL('/panel.html'), childFrame: inChildFrame() };
      if (!base.ready) return { ...base, ...place, match: undefined, record: undefined, list: undefined, catalogLoaded, checklists };
      let match: PageMatch | undefined;
      try {
        match = detectPage(adapters, location.href, documentProbe());
      } catch (error) {
        console.warn('Chartguard: page detection failed', error);
        match = undefined;
      }
      // Badges wait for the checklists, so no list is graded twice; a record page waits for the portal's imported
      // adapter, so its panel is never built from the built-in one and then replaced.
      return {
        ...base,
        ...place,
        match,
        record: catalogLoaded ? recordOf(match) : undefined,
        list: catalogLoaded && match?.page.list ? match : undefined,
        catalogLoaded,
        checklists,
      };
    },
    start(changed, signal) {
      const reload = () =>
        loadRuntimeCatalog().then(
          (catalog) => {
            const first = !catalogLoaded;
            catalogLoaded = true;
            const adaptersChanged = JSON.stringify(catalog.adapters) !== JSON.stringify(adapters);
            const checklistsChanged = JSON.stringify([...catalog.checklists.values()]) !== JSON.stringify([...checklists.values()]);
            // The same adapters keep their identity, and with it what detection cached for them.
            if (adaptersChanged) adapters = catalog.adapters;
            checklists.clear();
            for (const [id, checklist] of catalog.checklists) checklists.set(id, checklist);
            if (first) changed([]);
            // A record page keeps its panel (and what is typed in it) unless the portal's adapter itself changed;
            // features that hold no user state start again from scratch.
            else if (adaptersChanged || checklistsChanged)
              changed(
                features.filter(
                  (feature) => feature.restartWhen === 'catalog-changes' || (feature.restartWhen === 'adapters-change' && adaptersChanged),
                ),
              );
          },
          (error: unknown) => {
            console.warn('Chartguard: the configuration could not be read; this page works as without Chartguard', error);
            // Once read, what was read stays; never read, this script has no adapter to work from: the router treats
            // it as not loaded (the page works as without Chartguard, and says so), rather than waiting for it forever.
            if (catalogLoaded) return;
            catalogLoaded = true;
            // The background tells the page (a record page's Save is not checked), as when a script cannot be loaded.
            browser.runtime.sendMessage({ type: FEATURES_UNREADABLE_MESSAGE, bundle: name }).catch(() => undefined);
            changed('failed');
          },
        );
      const onChanged = (changes: Record<string, unknown>, area: string) => {
        if (
          area === 'local' &&
          (ADAPTERS_KEY in changes || CONFIG_KEY in changes || BUILTIN_CHECKLISTS_KEY in changes || MANAGED_KEY in changes) &&
          !signal.aborted
        )
          void reload();
      };
      browser.storage.onChanged.addListener(onChanged);
      signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChanged), { once: true });
      void reload();
    },
  };
  for (const feature of features) feature.prepare?.();
  register(bundle);
}
