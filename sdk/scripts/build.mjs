// Builds the SDK package: ESM + declarations through tsc, and bundles the
// repository's checklists so `@chartguard/sdk/checklists/<id>.json` resolves.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const sdkDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');

rmSync(join(sdkDir, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(sdkDir, 'tsconfig.json')], { stdio: 'inherit' });
if (existsSync(join(sdkDir, 'dist', 'cli.js'))) chmodSync(join(sdkDir, 'dist', 'cli.js'), 0o755);

const source = join(sdkDir, '..', 'checklists');
const target = join(sdkDir, 'checklists');
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
for (const file of readdirSync(source)) {
  if (file.endsWith('.json')) cpSync(join(source, file), join(target, file));
}
