// The extension API for the content scripts, without the webextension
// polyfill: about a third of the always-on script's size, and about 2.8 KiB
// gzip of each feature script (issue 18). Both browsers' own APIs return
// promises for what they call (runtime.sendMessage, storage.local.get); a
// message they answer is answered through sendResponse, which both support
// natively (a listener's returned promise is the polyfill's, not Chrome's).
// The extension's pages and background keep wxt/browser.
export { browser, type Browser } from '@wxt-dev/browser';
