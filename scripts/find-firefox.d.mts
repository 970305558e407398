// Types for the plain-JS Firefox finder so the Firefox smoke test and its setup can import it.

export const ENV_VAR: 'FIREFOX_PATH';
export const DEFAULT_CANDIDATES: readonly string[];
export const INSTALL_COMMAND: string;
export const MIN_MAJOR_VERSION: number;

export class FirefoxNotFoundError extends Error {}

export interface FindFirefoxOptions {
  /** Install firefox-esr with apt-get when nothing is found (only as root on Debian-like systems). Default true. */
  install?: boolean;
  env?: Record<string, string | undefined>;
  candidates?: readonly string[];
  isExecutable?: (file: string) => boolean | Promise<boolean>;
  fileExists?: (file: string) => boolean | Promise<boolean>;
  root?: () => boolean;
  debianLike?: () => boolean;
  installer?: () => void | Promise<void>;
  /** The executable's `--version` output. */
  version?: (executable: string) => string | Promise<string>;
  log?: (line: string) => void;
}

export function aptInstallFirefox(): Promise<void>;
export function parseMajorVersion(output: string): number | null;
export function firefoxVersion(executable: string): Promise<string>;
export function findFirefox(options?: FindFirefoxOptions): Promise<string>;
