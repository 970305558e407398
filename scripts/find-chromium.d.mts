// Types for the plain-JS Chromium finder so TypeScript tests and the e2e setup can import it.

export const ENV_VAR: 'CHROMIUM_PATH';
export const DEFAULT_CANDIDATES: readonly string[];
export const INSTALL_COMMAND: string;

export class ChromiumNotFoundError extends Error {}

export interface FindChromiumOptions {
  /** Install with apt-get when nothing is found (only as root on Debian-like systems). Default true. */
  install?: boolean;
  env?: Record<string, string | undefined>;
  candidates?: readonly string[];
  isExecutable?: (file: string) => boolean | Promise<boolean>;
  fileExists?: (file: string) => boolean | Promise<boolean>;
  root?: () => boolean;
  debianLike?: () => boolean;
  installer?: () => void | Promise<void>;
  log?: (line: string) => void;
}

export function aptInstallChromium(): Promise<void>;
export function findChromium(options?: FindChromiumOptions): Promise<string>;
