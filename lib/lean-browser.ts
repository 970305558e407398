// The extension API for the content scripts, without the webextension
// polyfill, whose weight every portal page would carry (issue 18; the sizes are
// in docs/performance.md). Both browsers' own APIs return
// promises for what they call (runtime.sendMessage, storage.local.get); a
// message they answer is answered through sendResponse, which both support
// natively (a listener's returned promise is the polyfill's, not Chrome's).
// The extension's pages and background keep wxt/browser.
export { browser, type Browser } from '@wxt-dev/browser';
