// Types for the plain-JS Chromium command line so the TypeScript e2e harness can import it.
export interface ChromiumFlagOptions {
  /** An unpacked extension to load; without it, every extension is off. */
  extensionDir?: string;
  /** The browser's language, such as zh-CN. */
  locale?: string;
  /** Keep the GPU (a window someone looks at); headless runs leave it off. */
  gpu?: boolean;
}

export function chromiumFlags(options?: ChromiumFlagOptions): string[];
