// The Firefox build must pass Mozilla's own linter (the one addons.mozilla.org runs) with no errors.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const webExt = join(root, 'node_modules', 'web-ext', 'bin', 'web-ext.js');

describe('the Firefox build', () => {
  it('passes web-ext lint with no errors', () => {
    let output: string;
    try {
      output = execFileSync(
        process.execPath,
        [webExt, 'lint', '--source-dir', join(root, '.output', 'firefox-mv2'), '--output', 'json', '--no-input'],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
    } catch (error) {
      // web-ext exits non-zero when it finds errors; the report is still on stdout.
      output = (error as { stdout?: string }).stdout ?? '';
    }
    const report = JSON.parse(output) as {
      summary: { errors: number };
      errors: { code: string; message: string; file?: string }[];
      warnings: { code: string; file?: string }[];
    };
    expect(report.errors.map((error) => `${error.code} ${error.file ?? ''}: ${error.message}`)).toEqual([]);
    // Our own code never assigns HTML; the only tolerated warnings come from React DOM's bundled internals.
    const ownWarnings = report.warnings.filter((warning) => warning.code !== 'UNSAFE_VAR_ASSIGNMENT');
    expect(ownWarnings).toEqual([]);
  }, 120_000);
});
