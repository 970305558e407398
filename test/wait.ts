// One limit for the unit tests' waits on something asynchronous: `vi.waitFor`'s 1 s default fails a test that was
// only slow on a busy machine (two cores shared by the unit threads and the browsers of the e2e project), and a wait
// that holds returns at once, so a passing test pays nothing for the longer limit.
import { vi } from 'vitest';

export const EVENTUALLY_MS = 10_000;

/** Retries `callback` until it stops throwing (or its promise resolves), for up to EVENTUALLY_MS unless told otherwise. */
export function eventually<T>(callback: () => T | Promise<T>, options: { interval?: number; timeout?: number } = {}): Promise<T> {
  return vi.waitFor(callback, { timeout: EVENTUALLY_MS, ...options });
}
