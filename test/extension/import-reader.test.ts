// The import reader (readImport in lib/catalog/config.ts, issue 19, part 4): what a file dropped on the options page
// is taken for, by its format, and every problem in it named by path, so the user can fix the file. The
// adapter safety checks it runs first are tested in test/extension/config-safety.test.ts.
import { ChecklistError, parseChecklist } from '@chartguard/sdk';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readImport } from '../../lib/catalog/config';

const read = (file: string) => JSON.parse(fs.readFileSync(new URL(file, import.meta.url), 'utf8')) as Record<string, unknown>;
const mpb = read('../../adapters/mpb-demo.json');
const roster = read('../../adapters/roster-demo.json');
const snc = read('../../checklists/snc.json');
const mv = read('../../checklists/mv.json');

function problemsOf(data: unknown): { path: string; message: string }[] {
  try {
    readImport(data);
  } catch (error) {
    if (error instanceof ChecklistError) return error.problems;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('readImport', () => {
  it('reads a checklist as the SDK parses it', () => {
    const file = readImport(snc);
    expect(file.kind).toBe('checklist');
    expect(file.kind === 'checklist' && file.checklist).toEqual(parseChecklist(snc));
  });

  it('reads an adapter of either format version', () => {
    expect(readImport(mpb)).toMatchObject({ kind: 'adapter', adapter: { id: mpb.id } });
    expect(['chartguard-adapter/1', 'chartguard-adapter/2']).toContain(mpb.format);
  });

  it('reads a pack of adapters and checklists, keeping their order', () => {
    const file = readImport({ format: 'chartguard-pack/1', adapters: [mpb, roster], checklists: [snc, mv] });
    expect(file.kind).toBe('pack');
    if (file.kind !== 'pack') return;
    expect(file.adapters.map((adapter) => adapter.id)).toEqual([mpb.id, roster.id]);
    expect(file.checklists.map((checklist) => checklist.id)).toEqual([snc.id, mv.id]);
    expect(readImport({ format: 'chartguard-pack/1', checklists: [snc] })).toMatchObject({ kind: 'pack', adapters: [] });
  });

  it('names every problem of a pack by its place in the pack, adapters and checklists alike', () => {
    const badChecklist = { ...snc, id: 'Not An Id' };
    const badAdapter = { ...mpb, pages: 'none' };
    const problems = problemsOf({ format: 'chartguard-pack/1', adapters: [mpb, badAdapter], checklists: [badChecklist, snc] });
    expect(problems.some((problem) => problem.path.startsWith('adapters[1].pages'))).toBe(true);
    expect(problems.some((problem) => problem.path.startsWith('checklists[0].id'))).toBe(true);
    expect(problems.every((problem) => /^(adapters\[1\]|checklists\[0\])/.test(problem.path))).toBe(true);
  });

  it('says a pack’s lists must be lists', () => {
    expect(problemsOf({ format: 'chartguard-pack/1', adapters: mpb })).toEqual([{ path: 'adapters', message: 'must be a list' }]);
  });

  it('refuses a file of no known format, naming the formats it reads', () => {
    for (const data of [{ format: 'chartguard-checklist/9' }, { id: 'x' }, [], 'text', 42, null]) {
      const [problem] = problemsOf(data);
      expect(problem, JSON.stringify(data)).toMatchObject({ path: expect.stringMatching(/^(format)?$/) });
    }
    expect(problemsOf({ format: 'chartguard-pack/2' })).toEqual([
      { path: 'format', message: expect.stringContaining('chartguard-pack/1') },
    ]);
  });
});
