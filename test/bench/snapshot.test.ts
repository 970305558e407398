// The benchmark measures a copy of the build so a rebuild mid-run cannot pull
// files from under it; it must never copy a half-written build.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotExtension } from '../../bench/bundles.mjs';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function fakeBuild(root: string, { withContentScript = true } = {}) {
  mkdirSync(join(root, 'content-scripts'), { recursive: true });
  mkdirSync(join(root, 'chunks'), { recursive: true });
  writeFileSync(
    join(root, 'manifest.json'),
    JSON.stringify({ background: { service_worker: 'background.js' }, content_scripts: [{ js: ['content-scripts/portal.js'] }] }),
  );
  writeFileSync(join(root, 'background.js'), '/* worker */');
  writeFileSync(join(root, 'panel.html'), '<script type="module" src="/chunks/panel.js"></script>');
  writeFileSync(join(root, 'chunks', 'panel.js'), '/* panel */');
  if (withContentScript) writeFileSync(join(root, 'content-scripts', 'portal.js'), '/* content */');
}

describe('snapshotExtension', () => {
  it('copies a complete build', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bench-snapshot-'));
    fakeBuild(join(dir, 'build'));
    const copy = await snapshotExtension({ from: join(dir, 'build'), to: join(dir, 'copy'), timeoutMs: 5_000 });
    expect(readFileSync(join(copy, 'content-scripts', 'portal.js'), 'utf8')).toBe('/* content */');
    expect(readFileSync(join(copy, 'chunks', 'panel.js'), 'utf8')).toBe('/* panel */');
  });

  it('waits for a build whose manifest names a file not yet written, and gives up with a clear error', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bench-snapshot-'));
    fakeBuild(join(dir, 'build'), { withContentScript: false });
    await expect(snapshotExtension({ from: join(dir, 'build'), to: join(dir, 'copy'), timeoutMs: 1_500 })).rejects.toThrow(
      /no complete extension build/,
    );
  });
});
