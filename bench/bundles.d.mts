// Types for bench/bundles.mjs, so the TypeScript tests can import it.
import type { Figure } from './results.mjs';
export const EXTENSION_DIR: string;
export function sizes(buffer: Uint8Array): { raw: number; gzip: number };
export function pageAssets(html: string): { scripts: string[]; styles: string[] };
export function staticImports(code: string): string[];
export function run(options?: { extensionDir?: string; log?: (line: string) => void }): Promise<Figure[]>;
export const SNAPSHOT_DIR: string;
export function snapshotExtension(options?: {
  from?: string;
  to?: string;
  timeoutMs?: number;
  log?: (line: string) => void;
}): Promise<string>;
