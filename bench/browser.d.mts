// Types for bench/browser.mjs, so the TypeScript tests can import it.
import type { Figure } from './results.mjs';
export interface TraceFigures {
  evaluateMs: number;
  compileMs: number;
  mainThreadMs: number;
  longestTaskMs: number;
  longestAnyTaskMs: number;
}
export function analyseTrace(events: object[], scriptPattern?: RegExp): TraceFigures | null;
export function run(options?: {
  extensionDir?: string;
  runs?: number;
  traceRuns?: number;
  keystrokes?: number;
  keyGapMs?: number;
  log?: (line: string) => void;
}): Promise<Figure[]>;
