// The extension API for the always-on script, looked up only when a call needs
// it. Chrome builds an API namespace (runtime, storage) the first time a script
// touches it, and lib/lean-browser.ts touches `browser.runtime` as it is
// imported: at document_start that is most of what every portal page pays for
// the script (measured in docs/performance.md, "The always-on script's
// evaluation"), so only what must run then (the stored adapters' read) does.
// The feature scripts keep lean-browser.
import type { browser as leanBrowser } from '../../lib/lean-browser';

type Api = typeof leanBrowser;
/** Chrome's content-script global, named as it is: the same lookup as through globalThis, in fewer bytes. */
declare const chrome: Api;

/**
 * The browser's own API, read at call time: `browser` in the Firefox build, `chrome` in Chrome's, chosen when the
 * script is built. Telling them apart in the page (`browser.runtime.id`, as lean-browser does) would build Chrome's
 * `runtime` namespace, which Chrome now also offers as `browser`, at document_start (docs/performance.md, "The
 * always-on script under 5 KB"). Both are the content scripts' own globals, which an element's id cannot shadow.
 */
export function extensionApi(): Api {
  // Firefox's through globalThis: the bare name would pull in the webextension polyfill WXT adds where it sees it.
  return import.meta.env.FIREFOX ? (globalThis as unknown as { browser: Api }).browser : chrome;
}
