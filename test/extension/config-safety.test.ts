// Imported configuration cannot hurt the portal (issue 16, part 4): the import path refuses what the
// safety checks find, naming the path, and activation that cannot be stored says so instead of half-working.
import { ChecklistError } from '@chartguard/sdk';
import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { buildCatalog, readImport, saveStoredConfig } from '../../lib/catalog/config';

const mpb = JSON.parse(fs.readFileSync(new URL('../../adapters/mpb-demo.json', import.meta.url), 'utf8')) as {
  id: string;
  pages: { path: string; save?: string[] }[];
};

function problemsOf(data: unknown): { path: string; message: string }[] {
  try {
    readImport(data);
  } catch (error) {
    if (error instanceof ChecklistError) return error.problems;
    throw error;
  }
  return [];
}

afterEach(() => vi.restoreAllMocks());

describe('importing an adapter', () => {
  it('accepts the built-in MPB adapter as an import', () => {
    expect(readImport(mpb).kind).toBe('adapter');
  });

  it('refuses save: ["*"], naming the path', () => {
    const data = structuredClone(mpb);
    data.pages[0]!.save = ['*'];
    expect(problemsOf(data)).toEqual([{ path: 'pages[0].save[0]', message: expect.stringContaining('every click') }]);
  });

  it('refuses a catastrophic page pattern, in a pack too', () => {
    const data = structuredClone(mpb);
    data.pages[0]!.path = '^/mpb/sessions/(?<sessionId>([a-z0-9]+-?)+)$';
    expect(problemsOf(data)[0]).toMatchObject({ path: 'pages[0].path', message: expect.stringContaining('doubles') });
    expect(problemsOf({ format: 'chartguard-pack/1', adapters: [data] })[0]).toMatchObject({ path: 'adapters[0].pages[0].path' });
  });

  it('refuses a 13 MB adapter before reading it', () => {
    const data = { ...structuredClone(mpb), name: 'x'.repeat(13 * 1024 * 1024) };
    expect(problemsOf(data)).toEqual([{ path: '', message: expect.stringMatching(/at most 1,000,000/) }]);
  });

  it('skips an unsafe adapter already in storage instead of running it', () => {
    const data = structuredClone(mpb);
    data.id = 'stored-unsafe';
    data.pages[0]!.save = ['body'];
    const catalog = buildCatalog({ adapters: [data], checklists: [] });
    expect(catalog.importedAdapterIds.has('stored-unsafe')).toBe(false);
    expect(catalog.skipped[0]).toMatch(/pages\[0\]\.save\[0\]/);
  });
});

describe('activating', () => {
  it('says why when the browser refuses to store the configuration', async () => {
    vi.spyOn(browser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    await expect(saveStoredConfig({ adapters: [mpb], checklists: [] })).rejects.toThrow(
      /refused to store the configuration \(QUOTA_BYTES quota exceeded\); it was not activated/,
    );
  });

  it('refuses a configuration larger than the browser stores, before trying', async () => {
    const set = vi.spyOn(browser.storage.local, 'set');
    const many = Array.from({ length: 12 }, (_, index) => ({ ...mpb, id: `copy-${index}`, name: 'y'.repeat(800_000) }));
    await expect(saveStoredConfig({ adapters: many, checklists: [] })).rejects.toThrow(/more than the 9,000,000/);
    expect(set).not.toHaveBeenCalled();
  });
});
