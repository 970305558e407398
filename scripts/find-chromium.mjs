// Finds the Chromium that the end-to-end tests drive. Those tests load the built
// extension into a real browser, so a missing browser must be installed or
// reported loudly, never turned into skipped tests (the search: find-browser.mjs).
// Node built-ins only: this runs before (and without) the project's dependencies.

import { aptInstall, findBrowser, runAsScript } from './find-browser.mjs';

export const ENV_VAR = 'CHROMIUM_PATH';

// Debian/Ubuntu package paths first; Google Chrome last because branded Chrome
// (137+) ignores --load-extension, which the tests depend on.
export const DEFAULT_CANDIDATES = Object.freeze([
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
]);

export const INSTALL_COMMAND = 'sudo apt-get update && sudo apt-get install -y chromium';

export class ChromiumNotFoundError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ChromiumNotFoundError';
  }
}

export function aptInstallChromium() {
  return aptInstall('chromium');
}

/** Returns the absolute path of a Chromium executable. */
export function findChromium(options = {}) {
  const chromium = {
    name: 'Chromium',
    envVar: ENV_VAR,
    candidates: DEFAULT_CANDIDATES,
    debianPackage: 'chromium',
    installer: aptInstallChromium,
    installCommand: INSTALL_COMMAND,
    needIt: 'the end-to-end tests',
    NotFound: ChromiumNotFoundError,
    accept: async (executable) => executable,
  };
  return findBrowser(chromium, options);
}

await runAsScript(import.meta.url, findChromium);
