// `chartguard audit` for supervisors and large exports: a portal's own labels
// read through its adapter, ids never cut, the clock said out loud, the same
// output in the same order whatever the number of grading threads. Run in
// this process, but for the progress bar, which needs the program on a terminal.
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRecords, parseChecklist, renderNote } from '../../sdk/src/index.js';
import { jsonLine, malformedJsonLine, tableHeader, tableLine } from '../../sdk/src/audit-format.js';
import { cliPath, ensureBuilt, repoRoot } from '../fixtures/audit/ensure-built.js';
import { ndjson, runAuditCli as run } from '../fixtures/audit/run-cli.js';

const NOW = '2026-06-12T12:00';
const dir = mkdtempSync(join(tmpdir(), 'chartguard-audit-'));
const snc = parseChecklist(JSON.parse(readFileSync(join(repoRoot, 'sdk', 'checklists', 'snc.json'), 'utf8')));
const COMPLETE = {
  sessionAt: '2026-06-10T10:00',
  informedAt: '2026-06-10T08:30',
  contactMethod: 'phone',
  preferredMethod: 'phone',
  rebookOutcome: 'client-declined',
  agreed: 'Client will call back.',
  riskConcern: false,
  recordedAt: '2026-06-10T09:00',
};

beforeAll(ensureBuilt, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('chartguard audit for supervisors', { timeout: 120_000 }, () => {
  it('reads an MPB export in the portal’s own words through --adapter, so its cancellation label passes SNC-01', async () => {
    const csvCell = (text: string) => `"${text.replace(/"/g, '""')}"`;
    const note = renderNote(snc, COMPLETE);
    const plain = join(dir, 'mpb-plain.csv');
    writeFileSync(plain, `id,attendance,note\nM1,Appointment Cancelled by Therapist/VHG,${csvCell(note)}\n`);
    const without = ndjson((await run(['audit', plain, '--format', 'json', '--now', NOW])).stdout);
    // Still failing a required rule after its deadline has passed: overdue (catalogue v2), not merely incomplete.
    expect(without[0]).toMatchObject({ id: 'M1', badge: 'overdue' });
    expect(without[0]!.failing).toContain('SNC-01');
    // The portal's own column names are read too: "Clinical Note" is the adapter's note field.
    const file = join(dir, 'mpb-export.csv');
    writeFileSync(file, `id,Attendance,Clinical Note\nM1,Appointment Cancelled by Therapist/VHG,${csvCell(note)}\n`);
    expect(
      (await run(['audit', plain, '--format', 'json', '--now', NOW, '--adapter', join(repoRoot, 'adapters', 'mpb-demo.json')])).code,
    ).toBe(0);
    const withAdapter = await run([
      'audit',
      file,
      '--format',
      'json',
      '--now',
      NOW,
      '--adapter',
      join(repoRoot, 'adapters', 'mpb-demo.json'),
    ]);
    expect(ndjson(withAdapter.stdout)[0]).toMatchObject({ id: 'M1', badge: 'complete', failing: [] });
    expect(withAdapter.code).toBe(0);
  });

  it('refuses an adapter that is not one, naming the problem', async () => {
    const bad = join(dir, 'bad-adapter.json');
    writeFileSync(bad, JSON.stringify({ format: 'chartguard-adapter/1', id: 'x' }));
    const { code, stderr } = await run(['audit', '-', '--adapter', bad], '');
    expect(code).toBe(2);
    expect(stderr).toMatch(/invalid adapter .*bad-adapter\.json/);
  });

  it('never cuts a record id in the table', async () => {
    const id = 'MPB-2026-06-10-SESSION-000123456789-CANCELLED';
    const { stdout } = await run(
      ['audit', '-', '--now', NOW, '--input', 'ndjson'],
      `${JSON.stringify({ id, attendance: 'cancelled-by-provider', note: renderNote(snc, COMPLETE) })}\n`,
    );
    expect(stdout.split('\n')[1]).toMatch(new RegExp(`^1\\s+${id}\\s+snc\\s+Complete`));
  });

  it('says when deadlines were judged at the time of the run because --now was not given', async () => {
    const input = `${JSON.stringify({ id: 'S1', attendance: 'cancelled-by-provider', note: renderNote(snc, COMPLETE) })}\n`;
    const before = Date.now();
    const table = (await run(['audit', '-', '--input', 'ndjson'], input)).stdout;
    expect(table).toMatch(/deadlines judged at \d{4}-\d{2}-\d{2} \d{2}:\d{2}, the time of this run \(give --now/);
    const summary = ndjson((await run(['audit', '-', '--input', 'ndjson', '--format', 'json'], input)).stdout).at(-1)!;
    const clock = summary.clock as { at: string; given: boolean };
    expect(clock.given).toBe(false);
    expect(new Date(clock.at).getTime()).toBeGreaterThanOrEqual(before - 60_000);
  });

  it('prints its version', async () => {
    const version = JSON.parse(readFileSync(join(repoRoot, 'sdk', 'package.json'), 'utf8')).version;
    for (const args of [['--version'], ['audit', '--version'], ['-v']]) {
      const { code, stdout } = await run(args);
      expect(code).toBe(0);
      expect(stdout.trim()).toBe(version);
    }
  });

  it('writes the same lines in file order with one grading thread or several, over many batches', async () => {
    const file = join(dir, 'many.ndjson');
    const gen = spawnSync(
      process.execPath,
      [join(repoRoot, 'scripts', 'gen-audit-records.mjs'), '4000', file, '--seed', '7', '--now', NOW],
      { encoding: 'utf8' },
    );
    expect(gen.status).toBe(0);
    const one = await run(['audit', file, '--format', 'json', '--now', NOW, '--jobs', '1']);
    const three = await run(['audit', file, '--format', 'json', '--now', NOW, '--jobs', '3']);
    expect(three.stdout).toBe(one.stdout);
    const out = ndjson(one.stdout);
    const lines = out.filter((item) => item.type === 'record').map((item) => item.line as number);
    expect(lines).toEqual(Array.from({ length: 4000 }, (_, i) => i + 1));
    // The generator's own count of badges, printed on stderr, is what the audit finds.
    const expected = JSON.parse(/expected badges: (\{.*\})/.exec(gen.stderr)![1]!);
    expect(out.at(-1)).toMatchObject({ records: 4000, badges: expected });
  });

  it('writes, on worker threads, exactly what the single-threaded engine in this process writes for the same export', async () => {
    const file = join(dir, 'reference.ndjson');
    expect(
      spawnSync(process.execPath, [join(repoRoot, 'scripts', 'gen-audit-records.mjs'), '2500', file, '--seed', '9', '--now', NOW]).status,
    ).toBe(0);
    const folder = join(repoRoot, 'sdk', 'checklists');
    const checklists = readdirSync(folder)
      .filter((name) => name.endsWith('.json'))
      .map((name) => parseChecklist(JSON.parse(readFileSync(join(folder, name), 'utf8'))));
    let json = '';
    let table = tableHeader('en');
    for await (const item of auditRecords(createReadStream(file), {
      checklists,
      now: new Date(2026, 5, 12, 12, 0),
      locale: 'en',
      name: file,
    })) {
      json += 'error' in item ? malformedJsonLine(item) : jsonLine(item);
      if (!('error' in item)) table += tableLine(item, 'en');
    }
    const threaded = (await run(['audit', file, '--format', 'json', '--now', NOW, '--jobs', '2'])).stdout;
    expect(threaded.slice(0, threaded.lastIndexOf('{"type":"summary"'))).toBe(json);
    const threadedTable = (await run(['audit', file, '--now', NOW, '--jobs', '2'])).stdout;
    expect(threadedTable.slice(0, threadedTable.indexOf('\n\n') + 1)).toBe(table);
    expect(json.split('\n').length).toBe(2501);
    expect(json.startsWith('{"type":"record","line":1,"id":"R0000001",')).toBe(true);
  });

  it('reports a malformed NDJSON line by its line number when it falls deep inside a later batch', async () => {
    const good = JSON.stringify({ id: 'G', attendance: 'cancelled-by-provider', note: renderNote(snc, COMPLETE) });
    const rows = Array.from({ length: 3000 }, (_, i) => (i === 2499 ? '{"id": "broken"' : good.replace('"G"', `"G${i + 1}"`)));
    const file = join(dir, 'broken.ndjson');
    writeFileSync(file, `\ufeff${rows.join('\r\n')}\r\n\r\n`);
    const { code, stdout, stderr } = await run(['audit', file, '--format', 'json', '--now', NOW, '--jobs', '2']);
    expect(code).toBe(1);
    const out = ndjson(stdout);
    expect(out.filter((item) => item.type === 'malformed').map((item) => item.line)).toEqual([2500]);
    expect(stderr).toContain(`${file}:2500: cannot be read`);
    expect(out.find((item) => item.id === 'G2501')).toMatchObject({ line: 2501, badge: 'complete' });
    expect(out.at(-1)).toMatchObject({ records: 2999, malformed: 1 });
  });

  it('draws a progress bar on stderr only when stderr is a terminal, and never on stdout', async () => {
    const file = join(dir, 'progress.ndjson');
    expect(
      spawnSync(process.execPath, [join(repoRoot, 'scripts', 'gen-audit-records.mjs'), '3000', file, '--seed', '5', '--now', NOW]).status,
    ).toBe(0);
    // On a pipe: no bar.
    const piped = await run(['audit', file, '--format', 'json', '--now', NOW]);
    expect(piped.stderr).toBe('');
    // On a terminal (util-linux `script` gives the command one): a bar that ends cleared, with stdout untouched.
    const out = join(dir, 'progress-out.ndjson');
    const log = join(dir, 'tty.log');
    const tty = spawnSync(
      'script',
      ['-qec', `"${process.execPath}" "${cliPath}" audit "${file}" --format json --now ${NOW} > "${out}"`, log],
      { encoding: 'utf8' },
    );
    expect(tty.status).toBe(1);
    const screen = readFileSync(log, 'utf8');
    expect(screen).toMatch(/\r\[[#-]+\] \d+% [\d,]+ records/);
    expect(screen).toContain('\r\x1b[K');
    expect(readFileSync(out, 'utf8')).toBe(piped.stdout);
  });
});
