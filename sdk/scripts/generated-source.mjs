// The one way the SDK's build-time generators (field-readers.mjs, checklist-checks.mjs) write their TypeScript, and
// with `--check` compare instead, so a test can tell a stale file. The files are not committed (nor linted): the
// SDK's build, which `npm install` runs, writes them from checklists/.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Writes `text` to `target`, or with `--check` on the command line exits non-zero if `target` differs from it. */
export function writeGenerated(sdkDir, target, text, generator) {
  if (!process.argv.includes('--check')) return writeFileSync(target, text);
  if (!existsSync(target) || readFileSync(target, 'utf8') !== text) {
    const root = join(sdkDir, '..');
    process.stderr.write(`${relative(root, target)} is out of date: run node ${relative(root, generator)}\n`);
    process.exit(1);
  }
}
