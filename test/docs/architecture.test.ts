// docs/architecture.md and docs/performance.md point at files by path; a file moved or renamed must
// take the docs with it, or this fails naming the stale path.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Repository paths written in backticks, e.g. `lib/protocol.ts` or `checklists/catalogue/rules.json`. */
function namedPaths(doc: string): string[] {
  const text = fs.readFileSync(path.join(root, doc), 'utf8');
  const found = [...text.matchAll(/`([a-z][\w.-]*\/[\w./-]+\.(?:ts|tsx|mts|mjs|json|md))`/g)].map((match) => match[1]!);
  return [...new Set(found)].filter((name) => !name.includes('<'));
}

describe.each(['docs/architecture.md', 'docs/performance.md'])('%s', (doc) => {
  it('names only files that exist', () => {
    const named = namedPaths(doc);
    const missing = named.filter((name) => !fs.existsSync(path.join(root, name)) && !fs.existsSync(path.join(root, 'sdk', name)));
    expect(missing).toEqual([]);
  });
});

it('finds the paths it checks (the check is not blind)', () => {
  expect(namedPaths('docs/architecture.md')).toContain('lib/protocol.ts');
  expect(namedPaths('docs/architecture.md').length).toBeGreaterThan(20);
});
