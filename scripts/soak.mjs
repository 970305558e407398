// `node scripts/soak.mjs`: the tests that try to break Chartguard
// (test/e2e/resilience.test.ts), run with many more iterations than `npm test`
// gives them, then one table of what each scenario did: iterations, characters
// typed and lost, leaks seen, messages sent and acted on, and the test's result.
//
//   node scripts/soak.mjs [--stops 20] [--reloads 10] [--reopens 10] [--kills 3]
//                         [--messages 1200] [--hostile] [--build]
//
// --messages is per channel and sender (the flood test sends on 18 of them, so
// the default is about 21,600 messages); its row's iterations column is that
// count. --hostile also runs test/e2e/hostile.test.ts.
// --build runs `npx wxt build` first (it is run anyway when no build exists).
//
// The faults of issue 16 run too, once each (test/e2e/fail-safe.test.ts in Chromium and the adapter
// checks of test/sdk/adapter-safety.test.ts): delayed load event, oversized note, renderer crash,
// panel replaced, pre-registered host tag, busy page, catastrophic page pattern, page-wide Save selector,
// a write into a hidden field, the copied-profile attack in both draft modes, and (test/portal-content/
// held-release.test.ts) a held Save whose panel goes away before it showed the hold.
// Each fault's row shows how many of its tests passed, failed or did not run, and what they measured.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const isWindows = process.platform === 'win32';

const { values: options } = parseArgs({
  options: {
    stops: { type: 'string', default: '20' },
    reloads: { type: 'string', default: '10' },
    reopens: { type: 'string', default: '10' },
    kills: { type: 'string', default: '3' },
    messages: { type: 'string', default: '1200' },
    hostile: { type: 'boolean', default: false },
    build: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (options.help) {
  console.log(
    fs
      .readFileSync(fileURLToPath(import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('//'))
      .map((line) => line.slice(3))
      .join('\n'),
  );
  process.exit(0);
}

function positive(name) {
  const value = Number(options[name]);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} must be a positive integer (got ${options[name]})`);
    process.exit(2);
  }
  return value;
}

const counts = {
  CHARTGUARD_SOAK_SW_STOPS: positive('stops'),
  CHARTGUARD_SOAK_RELOADS: positive('reloads'),
  CHARTGUARD_SOAK_REOPENS: positive('reopens'),
  CHARTGUARD_SOAK_KILLS: positive('kills'),
  CHARTGUARD_SOAK_MESSAGES: positive('messages'),
};

function run(command, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env, shell: isWindows });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1)));
  });
}

function table(rows, columns) {
  const cells = rows.map((row) => columns.map(([key]) => (row[key] === undefined || row[key] === null ? '' : String(row[key]))));
  const widths = columns.map(([, title], index) => Math.max(title.length, ...cells.map((line) => line[index].length)));
  const line = (values) =>
    values
      .map((value, index) => (index === 0 || index === values.length - 1 ? value.padEnd(widths[index]) : value.padStart(widths[index])))
      .join('  ')
      .trimEnd();
  return [line(columns.map(([, title]) => title)), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
}

async function main() {
  const manifest = path.join(ROOT, '.output', 'chrome-mv3', 'manifest.json');
  if (options.build || !fs.existsSync(manifest)) {
    console.log('[soak] building the extension (npx wxt build)');
    const code = await run('npx', ['wxt', 'build']);
    if (code !== 0) return code;
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartguard-soak-'));
  const rowsFile = path.join(dir, 'rows.jsonl');
  const resultFile = path.join(dir, 'vitest.json');
  const files = ['test/e2e/resilience.test.ts', ...(options.hostile ? ['test/e2e/hostile.test.ts'] : [])];
  console.log(
    `[soak] ${Object.entries(counts)
      .map(([key, value]) => `${key.replace('CHARTGUARD_SOAK_', '').toLowerCase()}=${value}`)
      .join(' ')}`,
  );
  const started = performance.now();
  try {
    const code = await run(
      'npx',
      ['vitest', 'run', ...files, '--project', 'e2e', '--reporter=default', '--reporter=json', `--outputFile.json=${resultFile}`],
      {
        ...process.env,
        ...Object.fromEntries(Object.entries(counts).map(([key, value]) => [key, String(value)])),
        CHARTGUARD_SOAK_REPORT: rowsFile,
      },
    );

    const faultsFile = path.join(dir, 'faults-e2e.json');
    const unitFile = path.join(dir, 'faults-unit.json');
    const faultRuns = [
      await run(
        'npx',
        [
          'vitest',
          'run',
          'test/e2e/fail-safe.test.ts',
          '--project',
          'e2e',
          '--reporter=default',
          '--reporter=json',
          `--outputFile.json=${faultsFile}`,
        ],
        { ...process.env, CHARTGUARD_SOAK_REPORT: rowsFile },
      ),
      await run('npx', [
        'vitest',
        'run',
        'test/sdk/adapter-safety.test.ts',
        'test/portal-content/held-release.test.ts',
        '--project',
        'unit',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${unitFile}`,
      ]),
    ];

    const rows = fs.existsSync(rowsFile)
      ? fs
          .readFileSync(rowsFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line))
      : [];
    const results = new Map();
    try {
      const json = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
      for (const file of json.testResults ?? []) for (const test of file.assertionResults ?? []) results.set(test.title, test.status);
    } catch {
      // No JSON report (vitest failed before running): the table still shows what was measured.
    }
    for (const row of rows) {
      const title = String(row.test ?? '')
        .split(' > ')
        .at(-1);
      row.result = results.get(title) ?? '?';
    }
    // Fault rows: their measurements (reported by the tests) are merged into one row per fault.
    const measured = rows.filter((row) => row.fault);
    for (const row of measured) rows.splice(rows.indexOf(row), 1);
    const faultResults = [];
    for (const file of [faultsFile, unitFile]) {
      try {
        const json = JSON.parse(fs.readFileSync(file, 'utf8'));
        for (const result of json.testResults ?? [])
          for (const test of result.assertionResults ?? [])
            faultResults.push({ title: [...(test.ancestorTitles ?? []), test.title].join(' > '), status: test.status });
      } catch {
        // That run wrote no report: its faults show "did not run".
      }
    }
    const FAULTS = [
      ['fault: delayed load event', /never traps Save > \(a\) /],
      ['fault: oversized note', /never traps Save > \(b2?\) /],
      ['fault: renderer crash', /never traps Save > \(c\) /],
      ['fault: panel replaced at Save', /never traps Save > \(c2\) /],
      ['fault: pre-registered host tag', /never traps Save > \(d\) /],
      ['fault: panel gone before it showed the hold', /^a held Save whose panel goes away > /],
      ['fault: busy page (node per frame)', /^a busy page > /],
      ['fault: write into a hidden field', /^what reached the portal > /],
      ['fault: copied profile (device, PIN)', /^a copied browser profile > /],
      ['fault: catastrophic page pattern', /^page patterns > /],
      ['fault: page-wide Save selector', /^Save selectors > /],
    ];
    for (const [scenario, pattern] of FAULTS) {
      const tests = faultResults.filter((test) => pattern.test(test.title));
      const passed = tests.filter((test) => test.status === 'passed').length;
      const notes = measured.filter((row) => row.scenario === scenario).map((row) => row.note);
      rows.push({
        scenario,
        iterations: tests.length,
        result: tests.length === 0 ? 'did not run' : passed === tests.length ? 'passed' : `${tests.length - passed}/${tests.length} failed`,
        note: notes.join('; ') || undefined,
      });
    }
    const total = (key) => rows.reduce((sum, row) => sum + (typeof row[key] === 'number' ? row[key] : 0), 0);
    rows.push({
      scenario: 'TOTAL',
      typed: total('typed'),
      lost: total('lost'),
      leaks: total('leaks'),
      messages: total('messages'),
      acted: total('acted'),
      result: `${rows.filter((row) => row.result === 'passed').length}/${rows.length} passed`,
    });
    console.log(
      `\n[soak] finished in ${((performance.now() - started) / 1000).toFixed(0)} s, vitest exit codes ${[code, ...faultRuns].join(', ')} (resilience, fail-safe, adapter and guard checks)\n`,
    );
    console.log(
      table(rows, [
        ['scenario', 'scenario'],
        ['iterations', 'iterations'],
        ['typed', 'chars typed'],
        ['lost', 'chars lost'],
        ['leaks', 'leaks'],
        ['messages', 'messages sent'],
        ['acted', 'acted on'],
        ['result', 'result'],
      ]),
    );
    const notes = rows.filter((row) => row.note);
    if (notes.length) console.log(`\n${notes.map((row) => `- ${row.scenario}: ${row.note}`).join('\n')}`);
    return code || faultRuns.find((faultCode) => faultCode !== 0) || 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
