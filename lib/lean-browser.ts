// The extension API for the always-on content script, without the
// webextension polyfill: about a third of that script's size (issue 18). Both
// browsers' own APIs return promises for what it calls (runtime.sendMessage,
// storage.local.get); a message it answers is answered through sendResponse,
// which both support natively. The feature scripts and pages keep wxt/browser.
export { browser } from '@wxt-dev/browser';
