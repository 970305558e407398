// Builds the SDK package: ESM + declarations through tsc, bundles the
// repository's checklists so `@chartguard/sdk/checklists/<id>.json` resolves,
// and writes the JSON Schemas of the checklist and adapter formats.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const sdkDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');

// validate's field readers and whole checks are written from the checklists first (see the scripts; not committed), so they never go stale.
execFileSync(process.execPath, [join(sdkDir, 'scripts', 'field-readers.mjs')], { stdio: 'inherit' });
execFileSync(process.execPath, [join(sdkDir, 'scripts', 'checklist-checks.mjs')], { stdio: 'inherit' });

// Compile beside dist and swap it in, so tests and dev servers reading dist never see it half-built.
const dist = join(sdkDir, 'dist');
const fresh = join(sdkDir, `.dist-${process.pid}`);
rmSync(fresh, { recursive: true, force: true });
try {
  execFileSync(process.execPath, [tsc, '-p', join(sdkDir, 'tsconfig.json'), '--outDir', fresh], { stdio: 'inherit' });
} catch (error) {
  rmSync(fresh, { recursive: true, force: true });
  throw error;
}
if (existsSync(join(fresh, 'cli.js'))) chmodSync(join(fresh, 'cli.js'), 0o755);
const old = join(sdkDir, `.dist-old-${process.pid}`);
if (existsSync(dist)) renameSync(dist, old);
renameSync(fresh, dist);
rmSync(old, { recursive: true, force: true });

// The audit report's chart is drawn by Chart.js, inlined into the page: the CLI reads it from here.
const chartJs = dirname(require.resolve('chart.js'));
mkdirSync(join(dist, 'vendor'), { recursive: true });
writeFileSync(join(dist, 'vendor', 'chart.umd.min.js'), readFileSync(join(chartJs, 'chart.umd.min.js')));
writeFileSync(join(dist, 'vendor', 'chart.js-LICENSE.md'), readFileSync(join(chartJs, '..', 'LICENSE.md')));

// In the repository a checklist points at `../sdk/schema/`; inside the package the schema is a sibling folder.
// Only files that say they are checklists are shipped; an invalid one is shipped with a warning, so the
// checklist tests (not the build) are where it fails.
const sdk = await import(pathToFileURL(join(sdkDir, 'dist', 'index.js')).href);
const source = join(sdkDir, '..', 'checklists');
const target = join(sdkDir, 'checklists');
const staged = join(sdkDir, `.checklists-${process.pid}`);
rmSync(staged, { recursive: true, force: true });
mkdirSync(staged, { recursive: true });
for (const file of readdirSync(source)) {
  if (!file.endsWith('.json')) continue;
  const checklist = JSON.parse(readFileSync(join(source, file), 'utf8'));
  if (checklist?.format !== sdk.CHECKLIST_FORMAT) continue;
  try {
    sdk.parseChecklist(checklist);
  } catch (error) {
    process.stderr.write(`warning: checklists/${file}: ${error.message}\n`);
  }
  if (checklist.$schema) checklist.$schema = '../schema/checklist.schema.json';
  writeFileSync(join(staged, file), `${JSON.stringify(checklist, null, 2)}\n`);
  // The same checklist as a typed ES module (`@chartguard/sdk/checklists/snc`): JSON imports type `format` as a
  // plain string and need import attributes that not every module setting allows.
  const base = file.slice(0, -'.json'.length);
  writeFileSync(
    join(staged, `${base}.js`),
    `// Generated from ${file} by the SDK's build.\nexport default ${JSON.stringify(checklist, null, 2)};\n`,
  );
  writeFileSync(
    join(staged, `${base}.d.ts`),
    `// Generated from ${file} by the SDK's build.\nimport type { Checklist } from '../dist/index.js';\ndeclare const checklist: Checklist;\nexport default checklist;\n`,
  );
}
const previous = join(sdkDir, `.checklists-old-${process.pid}`);
if (existsSync(target)) renameSync(target, previous);
renameSync(staged, target);
rmSync(previous, { recursive: true, force: true });

// Committed and shipped, so editors validate checklists without running anything.
const schemaDir = join(sdkDir, 'schema');
mkdirSync(schemaDir, { recursive: true });
const write = (name, schema) => {
  const file = join(schemaDir, name);
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) writeFileSync(file, text);
};
write('checklist.schema.json', sdk.checklistJSONSchema());
write('adapter.schema.json', sdk.adapterJSONSchema());
