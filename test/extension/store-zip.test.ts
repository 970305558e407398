// What goes to the stores: a store zip is the build's folder zipped whole
// (`npm run zip` is `wxt build` then a zip of `.output/<target>`), so the zips
// of the build `npm test` has just made must hold the icons and both locales
// the manifest points at, and the Firefox one must pass Mozilla's linter (the
// one addons.mozilla.org runs) with no errors and no warnings of our own.
// Zipped into a directory of its own; the build is read, never touched.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const zipDir = mkdtempSync(join(tmpdir(), 'chartguard-zip-'));
const ICONS = ['icon/16.png', 'icon/32.png', 'icon/48.png', 'icon/128.png'];
const TARGETS = { chrome: 'chrome-mv3', firefox: 'firefox-mv2' } as const;
const zipOf = (browser: keyof typeof TARGETS) => join(zipDir, `chartguard-${browser}.zip`);

function zipEntries(zip: string): string[] {
  return execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n').filter(Boolean);
}
function zipText(zip: string, entry: string): string {
  return execFileSync('unzip', ['-p', zip, entry], { encoding: 'utf8' });
}

beforeAll(() => {
  // As WXT zips a target: every file below the folder but dot files, paths relative to it (no zip.exclude is configured).
  for (const [browser, target] of Object.entries(TARGETS) as [keyof typeof TARGETS, string][]) {
    execFileSync('zip', ['-q', '-r', '-X', zipOf(browser), '.', '-x', '.*', '*/.*'], { cwd: join(root, '.output', target), stdio: 'pipe' });
  }
}, 60_000);
afterAll(() => rmSync(zipDir, { recursive: true, force: true }));

describe.each(Object.keys(TARGETS) as (keyof typeof TARGETS)[])('the %s store zip', (browser) => {
  it('holds every icon the manifest names, and both locales', () => {
    const zip = zipOf(browser);
    const entries = zipEntries(zip);
    const manifest = JSON.parse(zipText(zip, 'manifest.json'));
    const button = manifest.action ?? manifest.browser_action;
    expect(Object.values(manifest.icons)).toEqual(ICONS);
    expect(Object.values(button.default_icon)).toEqual(ICONS);
    for (const icon of ICONS) expect(entries).toContain(icon);
    expect(manifest.default_locale).toBe('en');
    for (const locale of ['en', 'zh_CN']) {
      const messages = JSON.parse(zipText(zip, `_locales/${locale}/messages.json`));
      // Every __MSG_ the manifest uses resolves in each locale.
      for (const text of [manifest.name, manifest.description, button.default_title]) {
        const key = /^__MSG_(\w+)__$/.exec(text)?.[1];
        expect(key, `${text} is not localised`).toBeDefined();
        expect(messages[key!]?.message, `${locale} lacks ${key}`).toBeTruthy();
      }
      // Chrome Web Store and AMO cut the summary at 132 characters.
      expect(messages.extDescription.message.length).toBeLessThanOrEqual(132);
    }
  });
});

describe('the Firefox store zip', () => {
  // One run of Mozilla's linter on what is uploaded: web-ext lint on the build folder finds the same (it runs
  // this linter), so the folder is not linted a second time (docs/performance.md, "The test suite's time").
  it('passes addons-linter with no errors, and no warnings but those of React DOM', () => {
    const linter = join(root, 'node_modules', 'addons-linter', 'bin', 'addons-linter');
    let output: string;
    try {
      output = execFileSync(process.execPath, [linter, '--output', 'json', zipOf('firefox')], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      // The linter exits non-zero when it finds errors; the report is still on stdout.
      output = (error as { stdout?: string }).stdout ?? '';
    }
    const report = JSON.parse(output) as {
      errors: { code: string; message: string; file?: string }[];
      warnings: { code: string; file?: string }[];
    };
    expect(report.errors.map((error) => `${error.code} ${error.file ?? ''}: ${error.message}`)).toEqual([]);
    // Our own code never assigns HTML; the only tolerated warnings come from React DOM's bundled internals.
    expect(report.warnings.filter((warning) => warning.code !== 'UNSAFE_VAR_ASSIGNMENT')).toEqual([]);
  }, 120_000);
});
