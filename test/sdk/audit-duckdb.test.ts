// The audit's NDJSON is meant for engines people already use: DuckDB reads it
// as it is, and the counts a query gives equal the audit's own summary.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, ensureBuilt, repoRoot } from '../fixtures/audit/ensure-built.js';

const NOW = '2026-06-12T12:00';
const dir = mkdtempSync(join(tmpdir(), 'chartguard-duckdb-'));
beforeAll(ensureBuilt, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('audit NDJSON in DuckDB', { timeout: 120_000 }, () => {
  it('loads directly, and the README query gives the summary’s badge and rule counts', async () => {
    const records = join(dir, 'records.ndjson');
    const gen = spawnSync(
      process.execPath,
      [join(repoRoot, 'scripts', 'gen-audit-records.mjs'), '1500', records, '--seed', '3', '--now', NOW],
      { encoding: 'utf8' },
    );
    expect(gen.status).toBe(0);
    const audit = spawnSync(process.execPath, [cliPath, 'audit', records, '--format', 'json', '--now', NOW], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(audit.status).toBe(1);
    const out = join(dir, 'audit.ndjson');
    writeFileSync(out, audit.stdout);
    const summary = JSON.parse(audit.stdout.trim().split('\n').at(-1)!);

    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson();
    const badges = await rows(`SELECT badge, count(*) AS n FROM read_json('${out}') WHERE type = 'record' GROUP BY badge`);
    expect(Object.fromEntries(badges.map((row) => [row.badge, Number(row.n)]))).toEqual(
      Object.fromEntries(Object.entries(summary.badges).filter(([, n]) => n)),
    );
    const rules = await rows(
      `SELECT rule, count(*) AS n FROM (SELECT unnest(failing) AS rule FROM read_json('${out}') WHERE type = 'record') GROUP BY rule`,
    );
    expect(Object.fromEntries(rules.map((row) => [row.rule, Number(row.n)]))).toEqual(summary.failingRules);
    // Nested fields are typed, not strings: the most overdue records by deadline.
    const late = await rows(
      `SELECT id, deadline.rule AS rule, deadline.lateByMinutes AS late FROM read_json('${out}') WHERE deadline IS NOT NULL ORDER BY late DESC LIMIT 3`,
    );
    expect(late.length).toBeGreaterThan(0);
    expect(Number(late[0]!.late)).toBeGreaterThanOrEqual(Number(late.at(-1)!.late));
  });
});
