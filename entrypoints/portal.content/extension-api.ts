// The extension API for the always-on script, looked up only when a call needs
// it. Chrome builds an API namespace (runtime, storage) the first time a script
// touches it, about 1 ms each on the demo machine, and lib/lean-browser.ts
// touches `browser.runtime` as it is imported: at document_start that would be
// most of what every portal page pays for the script (docs/performance.md,
// "The always-on script's evaluation"). The feature scripts keep lean-browser.
import type { browser } from '../../lib/lean-browser';

type Api = typeof browser;

/** The browser's own API (`browser` where it is the extension's, as in Firefox, else `chrome`), read at call time. */
export function extensionApi(): Api {
  const scope = globalThis as unknown as { browser?: Api; chrome?: Api };
  return (scope.browser?.runtime?.id ? scope.browser : scope.chrome) as Api;
}
