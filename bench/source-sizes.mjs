// Where the bytes of a content script come from (issue 18): bundles an entry
// the way the extension's build does (minified, the built-in adapters
// compacted, WXT's context swapped for the quiet one) with a sourcemap, and
// gives each source file's share of the output, raw and gzipped alone, so a
// cut can be aimed at what costs most. Sizes only; the built files in .output
// stay the measure the ratchets hold (test/extension/split-bundles.test.ts).
//
//   node bench/source-sizes.mjs [entry]   (default entrypoints/portal.content/index.ts)
import { build } from 'esbuild';
import { eachMapping, TraceMap } from '@jridgewell/trace-mapping';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = process.argv[2] ?? 'entrypoints/portal.content/index.ts';
const work = mkdtempSync(join(tmpdir(), 'chartguard-sizes-'));

/** The compact built-in adapters exactly as wxt.config.ts writes them, worked out by running its own code. */
async function compactBuiltIns() {
  const out = join(work, 'compact.mjs');
  await build({
    stdin: {
      contents: `import { readAdapterData } from '@chartguard/sdk/runtime';
        import { builtInAdapterData } from './lib/catalog/built-in-adapters-data';
        import { compactAdapter } from './lib/catalog/compact';
        const adapters = builtInAdapterData.map((data) => readAdapterData(data));
        export default { adapters: adapters.map(compactAdapter), matches: [...new Set(adapters.flatMap((adapter) => adapter.matches))] };`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: out,
    logLevel: 'error',
  });
  const { adapters, matches } = (await import(out)).default;
  return `export default ${JSON.stringify(adapters)}; export const portalMatches = ${JSON.stringify(matches)};`;
}

const compact = await compactBuiltIns();
const outfile = join(work, 'entry.js');
await build({
  // WXT's wrapper calls main(); so does this, so nothing is shaken out that the built script keeps.
  stdin: { contents: `import script from './${entry}'; script.main();`, resolveDir: root, loader: 'ts' },
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2022',
  sourcemap: 'external',
  outfile,
  logLevel: 'error',
  alias: { 'wxt/utils/content-script-context': './lib/quiet-context.ts' },
  plugins: [
    {
      name: 'compact-adapters',
      setup(builder) {
        builder.onResolve({ filter: /^virtual:chartguard\/compact-adapters$/ }, (args) => ({ path: args.path, namespace: 'compact' }));
        builder.onLoad({ filter: /.*/, namespace: 'compact' }, () => ({ contents: compact, loader: 'js' }));
      },
    },
  ],
});

const code = readFileSync(outfile, 'utf8');
const map = new TraceMap(readFileSync(`${outfile}.map`, 'utf8'));
const lines = code.split('\n');
const offsets = [];
for (let line = 0, at = 0; line < lines.length; at += lines[line].length + 1, line++) offsets.push(at);

// Every generated character belongs to the source of the mapping that starts its run.
const runs = [];
eachMapping(map, (mapping) => runs.push({ at: offsets[mapping.generatedLine - 1] + mapping.generatedColumn, source: mapping.source }));
runs.sort((a, b) => a.at - b.at);
const bySource = new Map();
runs.forEach((run, index) => {
  const end = runs[index + 1]?.at ?? code.length;
  const source = run.source ?? '(wrapper)';
  const name = source.includes('compact-adapters')
    ? 'built-in adapters, compacted (virtual module)'
    : relative(root, join(work, source)).replace(/^.*node_modules\//, 'node_modules/');
  bySource.set(name, (bySource.get(name) ?? '') + code.slice(run.at, end));
});

const rows = [...bySource].map(([source, text]) => ({ source, raw: text.length, gzip: gzipSync(text, { level: 6 }).length }));
rows.sort((a, b) => b.gzip - a.gzip);
console.log(
  `${entry}: ${code.length} bytes raw, ${gzipSync(code, { level: 6 }).length} bytes gzip (esbuild; each source below gzipped alone)`,
);
for (const row of rows) console.log(`${String(row.gzip).padStart(6)} gzip ${String(row.raw).padStart(7)} raw  ${row.source}`);
rmSync(work, { recursive: true, force: true });
