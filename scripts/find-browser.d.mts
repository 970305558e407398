// Types for the plain-JS browser search shared by the Chromium and Firefox finders.

/** Every system-facing piece of the search, so it can be tested without touching the machine. */
export interface BrowserSearchOptions {
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

export function aptInstall(debianPackage: string): Promise<void>;
