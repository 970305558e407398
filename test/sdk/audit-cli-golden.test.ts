// Pins the bytes `chartguard audit` writes, in every output it has, over a few
// thousand generated records: changes to how the CLI moves output between its
// threads must not change one byte of it. The golden digests were taken with
// the CLI before such a change (CHARTGUARD_WRITE_GOLDEN=1 writes them again).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, ensureBuilt, repoRoot } from '../fixtures/audit/ensure-built.js';

const NOW = '2026-03-10T12:00';
const RECORDS = 3000;
const goldenPath = join(repoRoot, 'test', 'fixtures', 'audit', 'cli-golden.json');
const writing = process.env.CHARTGUARD_WRITE_GOLDEN === '1';
const dir = mkdtempSync(join(tmpdir(), 'chartguard-golden-'));
// Deadlines and due times are local wall-clock times, and the records straddle a DST change in some zones: the
// golden bytes are those of a run in UTC, whatever zone the test runs in.
const env = { ...process.env, TZ: 'UTC' };

interface Digest {
  bytes: number;
  sha256: string;
}
interface RunDigest {
  code: number | null;
  stdout: Digest;
  stderr: Digest;
  report?: Digest;
}

const digest = (data: Buffer): Digest => ({ bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') });

function generate(file: string): void {
  const made = spawnSync(
    process.execPath,
    [join(repoRoot, 'scripts', 'gen-audit-records.mjs'), String(RECORDS), file, '--seed', '1', '--now', NOW],
    {
      cwd: dir,
      env,
      encoding: 'utf8',
    },
  );
  if (made.status !== 0) throw new Error(`the generator failed: ${made.stderr}`);
}

beforeAll(async () => {
  await ensureBuilt();
  generate('records.ndjson');
  generate('records.csv');
  generate('records.json');
  // Lines the reader must report or skip, deep in a later batch and early: broken JSON, a blank line, a CRLF ending,
  // a value that is not a record, text that is not UTF-8-clean.
  const lines = readFileSync(join(dir, 'records.ndjson'), 'utf8').split('\n');
  lines.splice(5, 0, '{"id": "broken", "note": ');
  lines.splice(400, 0, '   ');
  lines[900] = `${lines[900]}\r`;
  lines.splice(1700, 0, '[1, 2, 3]');
  lines.splice(2600, 0, '"just text \u00e9\u4e2d"');
  writeFileSync(join(dir, 'mixed.ndjson'), lines.join('\n'));
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CASES: Record<string, { args: string[]; stdin?: string; report?: boolean }> = {
  'ndjson table': { args: ['mixed.ndjson'] },
  'ndjson table, one thread': { args: ['mixed.ndjson', '--jobs', '1'] },
  'ndjson json': { args: ['mixed.ndjson', '--format', 'json'] },
  'ndjson table zh-CN': { args: ['mixed.ndjson', '--locale', 'zh-CN'] },
  'ndjson json zh-CN': { args: ['mixed.ndjson', '--format', 'json', '--locale', 'zh-CN'] },
  'ndjson json --report': { args: ['mixed.ndjson', '--format', 'json', '--report', 'report.html'], report: true },
  'ndjson table --report zh-CN': { args: ['mixed.ndjson', '--locale', 'zh-CN', '--report', 'report.html'], report: true },
  'ndjson from stdin, json': { args: ['-', '--format', 'json', '--input', 'ndjson'], stdin: 'mixed.ndjson' },
  'csv table': { args: ['records.csv'] },
  'csv json': { args: ['records.csv', '--format', 'json'] },
  'json array json --report': { args: ['records.json', '--format', 'json', '--report', 'report.html'], report: true },
};

function runCase(name: string): RunDigest {
  const { args, stdin, report } = CASES[name]!;
  const reportFile = join(dir, 'report.html');
  rmSync(reportFile, { force: true });
  const result = spawnSync(process.execPath, [cliPath, 'audit', ...args, '--now', NOW], {
    cwd: dir,
    env,
    input: stdin ? readFileSync(join(dir, stdin)) : undefined,
    maxBuffer: 256 * 1024 * 1024,
  });
  const run: RunDigest = { code: result.status, stdout: digest(result.stdout), stderr: digest(result.stderr) };
  if (report) run.report = digest(existsSync(reportFile) ? readFileSync(reportFile) : Buffer.alloc(0));
  return run;
}

describe('chartguard audit writes the same bytes as the golden run', { timeout: 300_000 }, () => {
  if (writing) {
    it('writes the golden digests', () => {
      const golden: Record<string, RunDigest> = {};
      for (const name of Object.keys(CASES)) golden[name] = runCase(name);
      writeFileSync(goldenPath, `${JSON.stringify(golden, null, 2)}\n`);
    });
    return;
  }
  const golden = JSON.parse(readFileSync(goldenPath, 'utf8')) as Record<string, RunDigest>;
  for (const name of Object.keys(CASES)) {
    it(name, () => {
      const run = runCase(name);
      // Something was written: a digest of empty output would pin nothing.
      expect(run.stdout.bytes).toBeGreaterThan(100_000);
      expect(run).toEqual(golden[name]);
    });
  }
});
