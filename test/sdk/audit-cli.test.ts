// `chartguard audit`, run as the built CLI on the fixtures in
// test/fixtures/audit: the same six records as JSON, NDJSON and CSV (each with
// one malformed record), graded against a frozen copy of the SNC checklist.
// Most cases run the CLI in this process; two start it as a program.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditRecords, parseChecklist, parseLocalDateTime, renderNote, type AuditResult } from '../../sdk/src/index.js';
import { cliPath, ensureBuilt, repoRoot } from '../fixtures/audit/ensure-built.js';
import { ndjson, runAuditCli as run, spawnAuditCli } from '../fixtures/audit/run-cli.js';

const fixtures = join(repoRoot, 'test', 'fixtures', 'audit');
const NOW = '2026-06-12T12:00';
const frozen = ['--checklists', join(fixtures, 'checklists'), '--now', NOW];

beforeAll(ensureBuilt, 180_000);

describe('chartguard audit', { timeout: 60_000 }, () => {
  const EXPECTED = [
    { id: 'R1', badge: 'complete', failing: [] },
    // v2: still missing required answers past its deadline, though saved on time: overdue (was: incomplete).
    { id: 'R2', badge: 'overdue', failing: ['SNC-03', 'SNC-04', 'SNC-06', 'SNC-08'] },
    { id: 'R3', badge: 'overdue', failing: ['SNC-05', 'SNC-08'] },
    { id: 'R4', badge: 'attention', failing: [] },
    { id: 'R5', badge: 'unstructured', failing: [] },
    { id: 'R6', badge: 'complete', failing: [] },
  ];
  const MALFORMED_LINE = { 'records.json': 27, 'records.ndjson': 3, 'records.csv': 67 } as const;

  it.each(Object.entries(MALFORMED_LINE))(
    'grades %s record by record, reports the malformed one by line and goes on',
    async (file, line) => {
      const { code, stdout, stderr } = await run(['audit', join(fixtures, file), '--format', 'json', ...frozen]);
      expect(code).toBe(1);
      const out = ndjson(stdout);
      const graded = out.filter((item) => item.type === 'record');
      expect(graded.map(({ id, badge, failing }) => ({ id, badge, failing }))).toEqual(EXPECTED);
      expect(out.filter((item) => item.type === 'malformed').map((item) => item.line)).toEqual([line]);
      expect(stderr).toContain(`${file}:${line}: cannot be read`);
      expect(out.at(-1)).toEqual({
        type: 'summary',
        records: 6,
        malformed: 1,
        badges: { attention: 1, overdue: 2, missing: 0, incomplete: 0, check: 0, complete: 2, unstructured: 1 },
        failingRules: { 'SNC-03': 1, 'SNC-04': 1, 'SNC-05': 1, 'SNC-06': 1, 'SNC-08': 2 },
        allComplete: false,
        clock: { at: NOW, given: true },
      });
      // The CLI adds nothing of its own: the engine, run in-process on the same file, says the same.
      const checklist = parseChecklist(JSON.parse(readFileSync(join(fixtures, 'checklists', 'snc.json'), 'utf8')));
      const inProcess: unknown[] = [];
      for await (const item of auditRecords(createReadStream(join(fixtures, file)), {
        checklists: [checklist],
        now: parseLocalDateTime(NOW),
        name: file,
      })) {
        inProcess.push('error' in item ? { type: 'malformed', ...item } : { type: 'record', ...item });
      }
      expect(out.slice(0, -1)).toEqual(inProcess);
    },
  );

  it('reads a multi-line quoted note from CSV whole', async () => {
    const out = ndjson(
      (await run(['audit', join(fixtures, 'records.csv'), '--format', 'json', ...frozen])).stdout,
    ) as unknown as AuditResult[];
    const r1 = out.find((item) => item.id === 'R1')!;
    expect(r1).toMatchObject({ line: 2, badge: 'complete', unread: 0 });
    // R1's note spans lines 2–19; the next record starts on the line after its closing quote.
    expect(out.find((item) => item.id === 'R2')!.line).toBe(20);
  });

  it('prints a table with line, record, checklist, badge and failing rules, then a summary', async () => {
    const { code, stdout } = await run(['audit', join(fixtures, 'records.ndjson'), ...frozen]);
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^LINE\s+RECORD\s+CHECKLIST\s+BADGE\s+FAILING RULES\s+WARNINGS\s+FOLLOW-UP$/);
    // Still missing required answers past the deadline: overdue, not merely incomplete.
    expect(lines[2]).toMatch(/^2\s+R2\s+snc\s+Overdue\s+SNC-03 SNC-04 SNC-06 SNC-08\s+-\s+SNC-08 due 2026-06-11 08:30$/);
    // A passed deadline and a recorded risk are follow-ups, shown on the record's line.
    expect(lines[3]).toMatch(/^4\s+R3\s+snc\s+Overdue\s+SNC-05 SNC-08\s+-\s+SNC-08 due 2026-06-11 08:30$/);
    expect(lines[4]).toMatch(/^5\s+R4\s+snc\s+Needs attention\s+-\s+-\s+SNC-09$/);
    expect(lines[5]).toMatch(/^6\s+R5\s+snc\s+Not structured\s+\(no Chartguard header\)\s+-\s+-$/);
    expect(stdout).toContain('Summary: 6 records, 1 malformed (see stderr); deadlines judged at 2026-06-12 12:00 (--now)');
    expect(stdout).toMatch(
      /Needs attention\s+1\n\s+Overdue\s+2\n\s+Missing\s+0\n\s+Incomplete\s+0\n\s+Check\s+0\n\s+Complete\s+2\n\s+Not structured\s+1/,
    );
    expect(stdout).toMatch(/Failing rules:\n\s+SNC-08\s+2\n\s+SNC-03\s+1/);
  });

  it('speaks Chinese with --locale zh-CN', async () => {
    const { stdout } = await run(['audit', join(fixtures, 'records.json'), '--locale', 'zh-CN', ...frozen]);
    expect(stdout.split('\n')[0]).toMatch(/^行\s+记录\s+清单\s+状态\s+未通过的规则\s+提醒\s+跟进$/);
    expect(stdout).toContain('需要关注');
    expect(stdout).toContain('汇总：6 条记录');
  });

  it('exits 0 when every record is complete', async () => {
    const { code, stdout } = await run(['audit', join(fixtures, 'complete.ndjson'), '--format', 'json', ...frozen]);
    expect(code).toBe(0);
    expect(ndjson(stdout).at(-1)).toMatchObject({ records: 2, allComplete: true });
  });

  it('applies organisation settings: a longer deadline turns the overdue record into an incomplete one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chartguard-settings-'));
    try {
      writeFileSync(join(dir, 'settings.json'), JSON.stringify({ deadlineHours: { 'SNC-08': 72 } }));
      const out = ndjson(
        (await run(['audit', join(fixtures, 'records.csv'), '--format', 'json', '--settings', join(dir, 'settings.json'), ...frozen]))
          .stdout,
      );
      expect(out.find((item) => item.id === 'R3')).toMatchObject({ badge: 'incomplete', failing: ['SNC-05'] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('as a program, uses the checklists built into the package by default, and reads standard input', () => {
    const snc = parseChecklist(JSON.parse(readFileSync(join(repoRoot, 'sdk', 'checklists', 'snc.json'), 'utf8')));
    const record = {
      attendance: 'cancelled-by-provider',
      sessionAt: '2026-06-10T10:00',
      informedAt: '2026-06-10T08:30',
      contactMethod: 'phone',
      preferredMethod: 'phone',
      rebookOutcome: 'client-declined',
      agreed: 'Client will call back.',
      riskConcern: false,
      recordedAt: '2026-06-10T09:00',
    };
    const input = `${JSON.stringify({ id: 'S1', note: renderNote(snc, record) })}\n`;
    const { code, stdout } = spawnAuditCli(['audit', '-', '--format', 'json', '--now', NOW], input);
    expect(ndjson(stdout)[0]).toMatchObject({ id: 'S1', checklist: 'snc', badge: 'complete' });
    expect(code).toBe(0);
  });

  it.each([
    ['no command', []],
    ['no file', ['audit']],
    ['two files', ['audit', 'a.json', 'b.json']],
    ['unknown command', ['grade', 'a.json']],
    ['unknown option', ['audit', 'a.json', '--colour']],
    ['bad format', ['audit', join(fixtures, 'complete.ndjson'), '--format', 'xml']],
    ['bad clock', ['audit', join(fixtures, 'complete.ndjson'), '--now', 'tomorrow']],
    ['bad locale', ['audit', join(fixtures, 'complete.ndjson'), '--locale', 'fr']],
    ['missing file', ['audit', join(fixtures, 'nope.ndjson')]],
    ['folder without checklists', ['audit', join(fixtures, 'complete.ndjson'), '--checklists', fixtures]],
  ])('exits 2 on a usage error: %s', async (_name, args) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^chartguard: /);
  });

  it('exits 2 on input it cannot read at all, saying why', async () => {
    const { code, stderr } = await run(['audit', '-', '--input', 'csv', ...frozen], 'id,text\n1,hello\n');
    expect(code).toBe(2);
    expect(stderr).toContain('no “note” column');
  });

  it('prints help and exits 0', async () => {
    const { code, stdout } = await run(['audit', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: chartguard audit');
  });

  it('as a program, stops its grading threads when a usage error comes after they started', () => {
    // The threads start before the checklists and the file are checked; left running, they would keep the program alive.
    const result = spawnSync(process.execPath, [cliPath, 'audit', join(fixtures, 'nope.ndjson'), '--jobs', '2'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^chartguard: cannot read .*nope\.ndjson: ENOENT/);
  });

  it('as a program, exits 2 on a usage error, saying why on stderr', () => {
    const { code, stdout, stderr } = spawnAuditCli(['grade', 'a.json']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^chartguard: unknown command “grade”\n\nUsage: chartguard audit/);
  });
});
