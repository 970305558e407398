// Types for the plain-JS Chromium finder so TypeScript tests and the e2e setup can import it.
import type { BrowserSearchOptions } from './find-browser.mjs';

export const ENV_VAR: 'CHROMIUM_PATH';
export const DEFAULT_CANDIDATES: readonly string[];
export const INSTALL_COMMAND: string;

export class ChromiumNotFoundError extends Error {}

export type FindChromiumOptions = BrowserSearchOptions;

export function aptInstallChromium(): Promise<void>;
export function findChromium(options?: FindChromiumOptions): Promise<string>;
