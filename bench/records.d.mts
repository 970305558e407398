// Types for bench/records.mjs, so the TypeScript tests can import it.
import type { Checklist } from '../sdk/dist/index.js';
export const ROOT: string;
export const NOW_TEXT: string;
export const NOW: Date;
export function loadChecklists(dir?: string): Checklist[];
export function seededRandom(seed: number): () => number;
export function mentionedValues(checklist: Checklist): Map<string, unknown[]>;
export function candidate(checklist: Checklist, mentioned: Map<string, unknown[]>, random: () => number): Record<string, unknown>;
export function validRecord(checklist: Checklist, options?: { seed?: number; tries?: number }): Record<string, unknown>;
export function invalidRecord(checklist: Checklist, valid: Record<string, unknown>, options?: { errors?: number }): Record<string, unknown>;
export function benchRecords(): { checklist: Checklist; valid: Record<string, unknown>; invalid: Record<string, unknown> }[];
