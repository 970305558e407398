// `npm test`: the one command that checks everything, locally and in CI.
// Lint (Biome) and the type check come first: a red one stops the run before
// the slow part. The e2e tests drive the built extension in a real Chromium and the Firefox
// smoke drives the Firefox build in a real Firefox, so the build and both
// browsers are made ready first; vitest then runs every project (unit, e2e, firefox).
// Extra arguments go to vitest: `npm test -- test/e2e/harness.test.ts`.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './find-chromium.mjs';
import { findFirefox } from './find-firefox.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const isWindows = process.platform === 'win32';

function phase(step, text) {
  console.log(`\n[test] ${step}/4 ${text}`);
}

function seconds(since) {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

function run(command, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env, shell: isWindows });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1)));
  });
}

// Vitest's own summary is not one CI recognises, so a plain
// "Tests: N passed, N failed" line closes the run, read from its JSON report.
function summaryLine(reportFile) {
  let report;
  try {
    report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
  } catch {
    return null;
  }
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  return `Tests: ${report.numPassedTests ?? 0} passed, ${report.numFailedTests ?? 0} failed` + (skipped ? `, ${skipped} skipped` : '');
}

async function main() {
  let started = performance.now();
  phase(1, 'checks: npm run lint (Biome), npm run typecheck (tsc)');
  // The test run prints lint errors only; `npm run lint` alone also lists the warnings still to work through.
  for (const [script, ...args] of [['lint', '--', '--diagnostic-level=error'], ['typecheck']]) {
    const code = await run('npm', ['run', script, ...args]);
    if (code !== 0) {
      console.error(`[test] npm run ${script} failed (exit code ${code}); no tests were run.`);
      return code;
    }
  }
  console.log(`[test] checks done in ${seconds(started)}`);

  started = performance.now();
  phase(2, 'build: npm run build (SDK, Chrome MV3, Firefox)');
  const buildCode = await run('npm', ['run', 'build']);
  if (buildCode !== 0) {
    console.error(`[test] build failed (exit code ${buildCode}); no tests were run.`);
    return buildCode;
  }
  console.log(`[test] build done in ${seconds(started)}`);

  started = performance.now();
  phase(3, 'browsers: looking for Chromium for the e2e tests and Firefox for the Firefox smoke');
  let chromiumPath;
  try {
    chromiumPath = await findChromium();
  } catch (err) {
    console.error(`[test] ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  console.log(`[test] Chromium: ${chromiumPath} (${seconds(started)})`);

  started = performance.now();
  console.log('[test] browser: looking for Firefox for the Firefox smoke (test/firefox)');
  let firefoxPath;
  try {
    firefoxPath = await findFirefox();
  } catch (err) {
    console.error(`[test] ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  console.log(`[test] Firefox: ${firefoxPath} (${seconds(started)})`);

  started = performance.now();
  phase(4, 'vitest run (projects unit, e2e and firefox)');
  const sharedCatalogue = path.join(ROOT, '..', 'shared', 'POLICIES.md');
  if (!fs.existsSync(sharedCatalogue)) {
    console.log(
      `[test] ${sharedCatalogue} is not there (a clone without ../shared): the cross-check of ` +
        "checklists/catalogue/rules.json against the shared rule catalogue and its seeds is skipped; the project's own rule list is still checked.",
    );
  }
  const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartguard-vitest-'));
  const reportFile = path.join(reportDir, 'report.json');
  try {
    const code = await run(
      'npx',
      ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...process.argv.slice(2)],
      { ...process.env, CHROMIUM_PATH: chromiumPath, FIREFOX_PATH: firefoxPath },
    );
    console.log(`[test] vitest finished in ${seconds(started)} with exit code ${code}`);
    const line = summaryLine(reportFile);
    if (line) console.log(line);
    return code;
  } finally {
    fs.rmSync(reportDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
