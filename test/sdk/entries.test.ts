// The SDK's two public entries: `@chartguard/sdk/runtime` (no Zod, for content
// scripts) and `@chartguard/sdk`, which is built from it, so an integrator who
// moves an import from one to the other gets the very same function.
import { describe, expect, it } from 'vitest';
import * as main from '../../sdk/src/index.js';
import * as runtime from '../../sdk/src/runtime.js';

describe('the SDK entries', () => {
  it('the main entry offers every runtime export, the same value, and more', () => {
    const mainExports = main as Record<string, unknown>;
    for (const [name, value] of Object.entries(runtime)) expect(mainExports[name], name).toBe(value);
    // The main entry adds what a page that only runs checklists does without: Zod schemas and parsers, among others.
    expect(Object.keys(main)).toEqual(expect.arrayContaining(['parseChecklist', 'parseAdapter', 'toZod', 'auditRecords']));
    expect(Object.keys(runtime)).not.toContain('parseChecklist');
  });
});
