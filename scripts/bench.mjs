#!/usr/bin/env node
// `npm run bench`: every performance figure of issue 8 in one run — printed as
// a table and written to bench/results.json so runs can be compared.
//
//   npm run bench [-- --quick] [--only validation,notes,audit,bundles,browser,badges,bridge,split] [--build] [--strict]
//
// --quick  fewer iterations and page loads, and no 1,000,000-record audit
// --only   run some parts; their figures replace those of the same name in bench/results.json
// --build  rebuild the SDK and the extension first (done anyway when .output/chrome-mv3 is missing)
// --strict exit 1 when a budget is not met (a part that fails always exits 1)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCH = join(ROOT, 'bench');
const RESULTS_FILE = join(BENCH, 'results.json');
const ENV_FILE = join(BENCH, 'results.env.json');
const PARTS = ['validation', 'notes', 'audit', 'bundles', 'browser', 'badges', 'bridge', 'split'];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    build: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(
    readFileSync(fileURLToPath(import.meta.url), 'utf8')
      .split('\n')
      .slice(1, 10)
      .map((line) => line.replace(/^\/\/ ?/, ''))
      .join('\n') + '\n',
  );
  process.exit(0);
}
const selected = values.only
  ? values.only
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
  : PARTS;
const unknown = selected.filter((part) => !PARTS.includes(part));
if (unknown.length) {
  process.stderr.write(`unknown part(s): ${unknown.join(', ')}; parts are ${PARTS.join(', ')}\n`);
  process.exit(2);
}
const quick = values.quick;
const settings = {
  validation: quick ? { iterations: 10_000, warmup: 3_000 } : { iterations: 20_000, warmup: 5_000 },
  notes: { minMs: quick ? 200 : 500 },
  audit: { sizes: quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000] },
  browser: quick ? { runs: 5, traceRuns: 2, keystrokes: 40 } : { runs: 15, traceRuns: 5, keystrokes: 100 },
};

const log = (line) => process.stderr.write(`  ${line}\n`);
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

function run(command, args, { capture = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] });
    let out = '';
    child.stdout?.on('data', (chunk) => (out += chunk));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const needsExtension = selected.some((part) => part === 'bundles' || part === 'browser' || part === 'bridge' || part === 'split');
if (!existsSync(join(ROOT, 'sdk', 'dist', 'index.js')) || !existsSync(join(ROOT, 'sdk', 'dist', 'cli.js'))) {
  process.stderr.write('[bench] building the SDK (sdk/dist is missing)\n');
  await run(npm, ['run', 'build', '--workspace', '@chartguard/sdk']);
}
if (values.build || (needsExtension && !existsSync(join(ROOT, '.output', 'chrome-mv3', 'manifest.json')))) {
  process.stderr.write('[bench] building the SDK and the extension\n');
  await run(npm, ['run', 'build']);
}

const cpus = os.cpus();
const load = os.loadavg()[0];
process.stderr.write(
  `[bench] ${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, node ${process.version}, load average ${load.toFixed(2)}${quick ? ', --quick' : ''}\n`,
);
if (load > cpus.length * 0.75)
  process.stderr.write(`[bench] warning: the machine is busy (load ${load.toFixed(2)} on ${cpus.length} cores); timings will be noisy\n`);

const { figure, formatTable, mergeResults, writeResults } = await import(pathToFileURL(join(BENCH, 'results.mjs')).href);

/** The CPU parts run in a child set up as the extension runs: Zod JIT off, eval forbidden. */
async function inChild(part, options) {
  const out = await run(
    process.execPath,
    ['--disallow-code-generation-from-strings', join(BENCH, 'child.mjs'), part, JSON.stringify(options)],
    { capture: true },
  );
  const { evalAllowed, results } = JSON.parse(out.trim().split('\n').at(-1));
  if (evalAllowed) throw new Error('eval was allowed in the benchmark child; the figures would not be those of the extension');
  return results;
}

// One copy of the build for every part that loads it, taken when the build is complete.
let extensionDir;
async function builtExtension() {
  if (!extensionDir) {
    const { snapshotExtension } = await import(pathToFileURL(join(BENCH, 'bundles.mjs')).href);
    extensionDir = await snapshotExtension({ log });
    log(`measuring a copy of .output/chrome-mv3 in ${extensionDir.replace(ROOT, '')}`);
  }
  return extensionDir;
}

const partRunners = {
  async validation() {
    const { generateValidators } = await import(pathToFileURL(join(BENCH, 'ajv-standalone.mjs')).href);
    log(`Ajv standalone validators generated in bench/out/ for ${generateValidators().join(', ')}`);
    return inChild('validation', settings.validation);
  },
  notes: () => inChild('notes', settings.notes),
  async audit() {
    const { run: audit } = await import(pathToFileURL(join(BENCH, 'audit.mjs')).href);
    return audit({ ...settings.audit, log });
  },
  async bundles() {
    const { run: bundles } = await import(pathToFileURL(join(BENCH, 'bundles.mjs')).href);
    return bundles({ extensionDir: await builtExtension(), log });
  },
  async browser() {
    const { run: browser } = await import(pathToFileURL(join(BENCH, 'browser.mjs')).href);
    const results = await browser({ ...settings.browser, extensionDir: await builtExtension(), log });
    environment.chromium = results.version;
    return [...results];
  },
  // Badge figures come from bench/badges.mjs when it exists: `export async function run({ quick, log, extensionDir })` returning figures.
  async badges() {
    const file = join(BENCH, 'badges.mjs');
    if (!existsSync(file)) {
      log('bench/badges.mjs not present; no badge figures');
      return [];
    }
    const module = await import(pathToFileURL(file).href);
    const runBadges = module.run ?? module.default;
    if (typeof runBadges !== 'function') throw new Error('bench/badges.mjs must export run({ quick, log }) returning figures');
    return runBadges({ quick, log, figure, extensionDir: await builtExtension() });
  },
  // The page-world bridge's cost on the legacy portal (#14): page load with and without, and its own injection.
  async bridge() {
    const { run: bridge } = await import(pathToFileURL(join(BENCH, 'bridge.mjs')).href);
    return bridge({ quick, log, extensionDir: await builtExtension() });
  },
  // The content-script split (#18): the document_start scripts' size and page load with and without, per portal page.
  async split() {
    const { run: split } = await import(pathToFileURL(join(BENCH, 'split.mjs')).href);
    return split({ quick, log, extensionDir: await builtExtension() });
  },
};

// Where and when each part's figures were taken (a partial run updates only its parts).
const environment = {
  node: process.version,
  cpu: `${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
  platform: `${os.platform()} ${os.release()}`,
  parts: {},
};

const results = [];
const failures = [];
const started = performance.now();
for (const part of selected) {
  const since = performance.now();
  const loadAverage = Number(os.loadavg()[0].toFixed(2));
  process.stderr.write(`[bench] ${part}\n`);
  try {
    const figures = await partRunners[part]();
    results.push(...figures);
    environment.parts[part] = {
      date: new Date().toISOString(),
      quick,
      loadAverageAtStart: loadAverage,
      seconds: Number(((performance.now() - since) / 1000).toFixed(1)),
    };
    process.stderr.write(`[bench] ${part}: ${figures.length} figures in ${seconds(since)}\n`);
  } catch (error) {
    failures.push({ part, error });
    process.stderr.write(`[bench] ${part} FAILED after ${seconds(since)}: ${error?.stack ?? error}\n`);
  }
}

process.stdout.write(`\n${formatTable(results)}\n`);
const notes = results.filter((r) => r.note);
if (notes.length) process.stdout.write(`\nNotes\n${notes.map((r) => `  ${r.name}: ${r.note}`).join('\n')}\n`);
const missed = results.filter((r) => r.ok === false);
process.stdout.write(
  `\n${results.filter((r) => r.ok === true).length} budgets met, ${missed.length} not met${missed.length ? `: ${missed.map((r) => r.name).join(', ')}` : ''}.\n`,
);
if (failures.length) process.stdout.write(`Failed parts: ${failures.map((f) => f.part).join(', ')}\n`);

// A partial run (--only) updates its own figures and keeps the others; a full run replaces the file.
let previous = [];
if (values.only && existsSync(RESULTS_FILE)) {
  try {
    previous = JSON.parse(readFileSync(RESULTS_FILE, 'utf8'));
  } catch {
    previous = [];
  }
}
const written = values.only ? mergeResults(previous, results) : results;
writeResults(RESULTS_FILE, written);
let previousEnvironment = {};
if (values.only && existsSync(ENV_FILE)) {
  try {
    previousEnvironment = JSON.parse(readFileSync(ENV_FILE, 'utf8'));
  } catch {
    previousEnvironment = {};
  }
}
writeResults(ENV_FILE, { ...previousEnvironment, ...environment, parts: { ...previousEnvironment.parts, ...environment.parts } });
process.stdout.write(
  `Wrote ${RESULTS_FILE.replace(ROOT, '')} (${written.length} figures${values.only ? `, ${results.length} from this run` : ''}) in ${seconds(started)}.\n`,
);
process.exitCode = failures.length || (values.strict && missed.length) ? 1 : 0;
