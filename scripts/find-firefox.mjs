// Finds the Firefox that the Firefox smoke test (test/firefox/) drives over
// WebDriver BiDi. Like Chromium for the e2e tests, a missing Firefox is
// installed (as root on a Debian-like system) or reported with the exact
// command, never turned into a skipped test (the search: find-browser.mjs).
// Node built-ins only: this runs before (and without) the project's dependencies.

import { execFile } from 'node:child_process';
import { aptInstall, findBrowser, runAsScript } from './find-browser.mjs';

export const ENV_VAR = 'FIREFOX_PATH';

// Debian's ESR first: it is what the README installs and what CI runs.
export const DEFAULT_CANDIDATES = Object.freeze([
  '/usr/bin/firefox-esr',
  '/usr/lib/firefox-esr/firefox-esr',
  '/usr/bin/firefox',
  '/usr/lib/firefox/firefox',
]);

export const INSTALL_COMMAND = 'sudo apt-get update && sudo apt-get install -y firefox-esr';

/** The Firefox build declares strict_min_version 140.0 (wxt.config.ts); older ones refuse to install it. */
export const MIN_MAJOR_VERSION = 140;

export class FirefoxNotFoundError extends Error {
  constructor(message) {
    super(message);
    this.name = 'FirefoxNotFoundError';
  }
}

export function aptInstallFirefox() {
  return aptInstall('firefox-esr');
}

/** `Mozilla Firefox 140.5.0esr` → 140; null when the output names no version. */
export function parseMajorVersion(output) {
  const match = /Firefox\s+(\d+)\./.exec(String(output));
  return match ? Number(match[1]) : null;
}

export function firefoxVersion(executable) {
  return new Promise((resolve, reject) => {
    execFile(executable, ['--version'], { timeout: 30_000 }, (error, stdout) => (error ? reject(error) : resolve(String(stdout).trim())));
  });
}

/**
 * Returns the absolute path of a Firefox executable of at least MIN_MAJOR_VERSION.
 * Every system-facing piece is an option so the search can be tested without touching the machine.
 */
export async function findFirefox({ version = firefoxVersion, ...options } = {}) {
  const checked = async (executable) => {
    let output;
    try {
      output = await version(executable);
    } catch (err) {
      throw new FirefoxNotFoundError(
        `${executable} --version failed (${err instanceof Error ? err.message : String(err)}); is it a Firefox executable?`,
      );
    }
    const major = parseMajorVersion(output);
    if (major === null || major < MIN_MAJOR_VERSION) {
      throw new FirefoxNotFoundError(
        `${executable} is "${output}", but the Firefox build needs Firefox ${MIN_MAJOR_VERSION} or newer. ` +
          `Update it with \`${INSTALL_COMMAND}\`, or set ${ENV_VAR} to a newer Firefox.`,
      );
    }
    return executable;
  };

  const firefox = {
    name: 'Firefox',
    envVar: ENV_VAR,
    candidates: DEFAULT_CANDIDATES,
    debianPackage: 'firefox-esr',
    installer: aptInstallFirefox,
    installCommand: INSTALL_COMMAND,
    needIt: 'the Firefox smoke test',
    NotFound: FirefoxNotFoundError,
    accept: checked,
  };
  return findBrowser(firefox, options);
}

await runAsScript(import.meta.url, findFirefox);
