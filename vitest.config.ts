import os from 'node:os';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Five projects: fast unit/component tests that need no build (`unit`, and
// `unit-process` for the few that change process-wide settings); tests of what
// the build produced (`.output/`), which `npm test` runs only after building;
// end-to-end tests that drive the built extension in a real Chromium against
// the demo portals; and a smoke of the Firefox build in a real Firefox
// (WebDriver BiDi). `--project 'unit*'` runs both unit projects.

/**
 * expect.poll's own default (1 s) is shorter than a panel render can take on a busy CI machine, and a poll that
 * runs out fails a test that was only slow. A poll returns as soon as it holds, so a longer limit costs a passing
 * test nothing; the browser projects wait as long as Playwright's own waits do.
 */
const BROWSER_POLL = { poll: { timeout: 10_000 } };

/**
 * Test files run side by side, on every machine at least two at a time: Vitest's default (one worker fewer than
 * the cores) is a single worker on a 2-core machine, and the end-to-end files spend much of their time waiting
 * on a browser rather than computing. Each e2e file has its own portal server on a free port, its own browser
 * profile and its own copy of the extension, so two of them never share state (docs/performance.md, "The test
 * suite's time").
 */
const WORKERS = Math.max(2, os.availableParallelism());

/** Tests that read the built extension in `.output/`: they belong after `npm run build`, never with the unit tests. */
const NEEDS_BUILD = ['test/extension/manifest.test.ts', 'test/extension/split-bundles.test.ts', 'test/extension/store-zip.test.ts'];

/**
 * Unit files that set `process.env.TZ` mid-test: a worker thread's environment is its own copy, and setting TZ
 * there does not change the time zone its dates use, so these run in a process of their own (`unit-process`).
 * Every other unit file runs in a worker thread, which costs less CPU than a process per file
 * (docs/performance.md, "Unit files in worker threads").
 */
const PROCESS_WIDE = ['test/sdk/exports-fhir.test.ts', 'test/sdk/fhir-round-trip.test.ts'];

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    maxWorkers: WORKERS,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/e2e/**', 'test/firefox/**', 'node_modules/**', ...NEEDS_BUILD, ...PROCESS_WIDE],
          environment: 'node',
          pool: 'threads',
          // Vitest's 5 s default fails tests that were only slow when the machine is busy (docs/performance.md,
          // "The test suite's time"); a test that finishes is not slowed by a longer limit.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'unit-process',
          include: PROCESS_WIDE,
          environment: 'node',
          pool: 'forks',
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'built',
          include: NEEDS_BUILD,
          environment: 'node',
          testTimeout: 120_000,
          globalSetup: ['test/extension/built-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          // One module graph per worker, not per file: every e2e file imports the same harness, demo portals and
          // SDK, and re-importing them cost each file seconds of CPU; the /spa portal's bundle is built once per
          // worker, not once per file. Each file still starts its own portal server and browser
          // (docs/performance.md, "The test suite's wall time").
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          expect: BROWSER_POLL,
          globalSetup: ['test/e2e/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'firefox',
          include: ['test/firefox/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          expect: BROWSER_POLL,
          globalSetup: ['test/firefox/global-setup.ts'],
        },
      },
    ],
  },
});
