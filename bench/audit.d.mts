// Types for bench/audit.mjs, so the TypeScript tests can import it.
import type { Figure } from './results.mjs';
export function parseTimeVerbose(text: string): { maxRssKiB: number | undefined; wallSeconds: number | undefined };
export function parseCpuSeconds(text: string): number | undefined;
export function parseVmHWM(text: string): number | undefined;
export function auditFile(count: number, log?: (line: string) => void): Promise<{ file: string; generator: string }>;
export function runAudit(
  file: string,
  options?: { time?: string; jobs?: number; oneCore?: boolean; report?: string },
): Promise<{
  summary: { records: number; malformed?: number };
  lines: number;
  wallSeconds: number;
  maxRssKiB: number | undefined;
  cpuSeconds: number | undefined;
  method: string;
}>;
export function gradingCost(file: string, count?: number): Promise<{ records: number; cpuUs: number; wallUs: number }>;
export function run(options?: { sizes?: number[]; log?: (line: string) => void }): Promise<Figure[]>;
