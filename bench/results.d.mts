// Types for bench/results.mjs, so the TypeScript tests (and bench/badges.mjs authors) know a figure's shape.
export interface Figure {
  name: string;
  value: number | null;
  unit: string;
  peer?: string;
  peerValue?: number | null;
  ratio?: number | null;
  budget?: string;
  ok?: boolean;
  note?: string;
}
export interface FigureOptions {
  peer?: string;
  peerValue?: number;
  budget?: { max: number } | { maxRatio: number };
  note?: string;
}
export function figure(name: string, value: number, unit: string, options?: FigureOptions): Figure;
export function round(value: number): number;
export function formatTable(results: Figure[]): string;
export function mergeResults(previous: Figure[], current: Figure[]): Figure[];
export function writeResults(file: string, results: unknown): void;
