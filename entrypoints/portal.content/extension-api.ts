// The extension API for the always-on script, looked up only when a call needs
// it. Chrome builds an API namespace (runtime, storage) the first time a script
// touches it, and lib/lean-browser.ts touches `browser.runtime` as it is
// imported: at document_start that is most of what every portal page pays for
// the script (measured in docs/performance.md, "The always-on script's
// evaluation"), so only what must run then (the stored adapters' read) does.
// The feature scripts keep lean-browser.
import type { browser } from '../../lib/lean-browser';

type Api = typeof browser;

/** The browser's own API (`browser` where it is the extension's, as in Firefox, else `chrome`), read at call time. */
export function extensionApi(): Api {
  const scope = globalThis as unknown as { browser?: Api; chrome?: Api };
  return (scope.browser?.runtime?.id ? scope.browser : scope.chrome) as Api;
}
