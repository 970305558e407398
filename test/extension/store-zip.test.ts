// What goes to the stores: the zips `npm run zip` makes hold the icons and
// both locales the manifest points at, and the Firefox zip passes Mozilla's
// linter (the one addons.mozilla.org runs) with no errors. Packaged into a
// directory of its own, so the build other tests read is never touched.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const outDir = mkdtempSync(join(tmpdir(), 'chartguard-zip-'));
const wxt = join(root, 'node_modules', 'wxt', 'bin', 'wxt.mjs');
const ICONS = ['icon/16.png', 'icon/32.png', 'icon/48.png', 'icon/128.png'];

function zipEntries(zip: string): string[] {
  return execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n').filter(Boolean);
}
function zipText(zip: string, entry: string): string {
  return execFileSync('unzip', ['-p', zip, entry], { encoding: 'utf8' });
}
const zipFor = (pattern: RegExp) => {
  const name = readdirSync(outDir).find((file) => pattern.test(file));
  if (!name) throw new Error(`no zip matching ${pattern} in ${readdirSync(outDir).join(', ')}`);
  return join(outDir, name);
};

beforeAll(() => {
  const env = { ...process.env, CHARTGUARD_OUT_DIR: outDir };
  execFileSync(process.execPath, [wxt, 'zip'], { cwd: root, env, stdio: 'pipe' });
  execFileSync(process.execPath, [wxt, 'zip', '-b', 'firefox'], { cwd: root, env, stdio: 'pipe' });
}, 300_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe.each([
  ['chrome', /-chrome\.zip$/],
  ['firefox', /-firefox\.zip$/],
])('the %s store zip', (_browser, pattern) => {
  it('holds every icon the manifest names, and both locales', () => {
    const zip = zipFor(pattern);
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
  it('passes addons-linter with no errors', () => {
    const linter = join(root, 'node_modules', 'addons-linter', 'bin', 'addons-linter');
    let output: string;
    try {
      output = execFileSync(process.execPath, [linter, '--output', 'json', zipFor(/-firefox\.zip$/)], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      // The linter exits non-zero when it finds errors; the report is still on stdout.
      output = (error as { stdout?: string }).stdout ?? '';
    }
    const report = JSON.parse(output) as { errors: { code: string; message: string; file?: string }[] };
    expect(report.errors.map((error) => `${error.code} ${error.file ?? ''}: ${error.message}`)).toEqual([]);
  }, 120_000);
});
