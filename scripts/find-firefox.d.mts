// Types for the plain-JS Firefox finder so the Firefox smoke test and its setup can import it.
import type { BrowserSearchOptions } from './find-browser.mjs';

export const ENV_VAR: 'FIREFOX_PATH';
export const DEFAULT_CANDIDATES: readonly string[];
export const INSTALL_COMMAND: string;
export const MIN_MAJOR_VERSION: number;

export class FirefoxNotFoundError extends Error {}

export interface FindFirefoxOptions extends BrowserSearchOptions {
  /** The executable's `--version` output. */
  version?: (executable: string) => string | Promise<string>;
}

export function aptInstallFirefox(): Promise<void>;
export function parseMajorVersion(output: string): number | null;
export function firefoxVersion(executable: string): Promise<string>;
export function findFirefox(options?: FindFirefoxOptions): Promise<string>;
