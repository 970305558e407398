// Part 3: the `chartguard audit` command on large exports — records per second
// on every core and on one, and peak memory (RSS) of the real CLI process, so
// streaming and threading regressions show (issue 18's targets).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import os from 'node:os';
import { auditRecord, renderNote, toAuditRecord } from '../sdk/dist/index.js';
import { OUT_DIR } from './ajv-standalone.mjs';
import { NOW, NOW_TEXT, ROOT, benchRecords, loadChecklists } from './records.mjs';
import { figure } from './results.mjs';

const CLI = join(ROOT, 'sdk', 'dist', 'cli.js');
const GENERATOR = join(ROOT, 'scripts', 'gen-audit-records.mjs');
const TIME = '/usr/bin/time';
const SEED = '1';
const TASKSET = '/usr/bin/taskset';
/** Issue 18's targets; `gradeUs` is what they leave for grading once reading, parsing and formatting are paid (docs/performance.md). */
const TARGET = { allCores: 100_000, oneCore: 60_000, millionSeconds: 15, millionRssMiB: 200, gradeUs: 8 };

/** Reads `/usr/bin/time -v` output: peak RSS in KiB and elapsed wall-clock seconds. */
export function parseTimeVerbose(text) {
  const rss = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(text);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\):\s*(?:(\d+):)?(\d+):(\d+(?:\.\d+)?)/.exec(text);
  return {
    maxRssKiB: rss ? Number(rss[1]) : undefined,
    wallSeconds: wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : undefined,
  };
}

/**
 * CPU seconds (user + system, every thread) from `/usr/bin/time -v`: on a
 * shared machine wall time grows with the neighbours' load, CPU time much less,
 * so it is the figure that shows whether the audit itself got cheaper.
 */
export function parseCpuSeconds(text) {
  const user = /User time \(seconds\):\s*(\d+(?:\.\d+)?)/.exec(text);
  const system = /System time \(seconds\):\s*(\d+(?:\.\d+)?)/.exec(text);
  return user && system ? Number(user[1]) + Number(system[1]) : undefined;
}

/** Reads VmHWM (peak resident set) in KiB from a /proc/<pid>/status text. */
export function parseVmHWM(text) {
  const match = /^VmHWM:\s*(\d+)\s*kB/m.exec(text);
  return match ? Number(match[1]) : undefined;
}

function sourceStamp(count) {
  const hash = createHash('sha256').update(`${count}|${SEED}|${NOW_TEXT}`);
  if (existsSync(GENERATOR)) hash.update(readFileSync(GENERATOR));
  const dir = join(ROOT, 'checklists');
  // Only the checklists themselves: the folder also holds sub-folders (packs) the audit does not load.
  for (const file of readdirSync(dir).sort()) if (file.endsWith('.json')) hash.update(file).update(readFileSync(join(dir, file)));
  return hash.digest('hex');
}

/** Rows rendered from the bench records, used only when scripts/gen-audit-records.mjs is missing or fails. */
async function generateOwn(count, file) {
  const pool = benchRecords().flatMap(({ checklist, valid, invalid }) =>
    [valid, invalid].map((record) => ({ checklist: checklist.id, note: renderNote(checklist, record) })),
  );
  const out = createWriteStream(file);
  for (let i = 0; i < count; i++) {
    const row = pool[i % pool.length];
    if (!out.write(`${JSON.stringify({ id: `R${String(i + 1).padStart(7, '0')}`, ...row })}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const BLOCK = 100_000;

/**
 * A large export as copies of the 100,000-record one with fresh ids: the
 * generator draws every record from a few hundred templates anyway, so this
 * changes nothing the audit sees, and saves minutes of generating.
 */
async function replicate(source, count, file) {
  const out = createWriteStream(file);
  let written = 0;
  try {
    while (written < count) {
      const before = written;
      const lines = createInterface({ input: createReadStream(source), crlfDelay: Infinity });
      for await (const line of lines) {
        if (written >= count) break;
        const id = /^\{"id":"R\d+"/;
        if (!id.test(line)) throw new Error('a row does not start with its id');
        const renumbered = line.replace(id, `{"id":"R${String(written + 1).padStart(7, '0')}"`);
        written++;
        if (!out.write(`${renumbered}\n`)) await once(out, 'drain');
      }
      if (written === before) throw new Error('the export to copy is empty');
    }
  } catch (error) {
    out.destroy();
    throw error;
  }
  out.end();
  await once(out, 'finish');
}

/** The export of `count` records in bench/out, regenerated only when the generator or the checklists changed. */
export async function auditFile(count, log = () => {}) {
  mkdirSync(OUT_DIR, { recursive: true });
  const file = join(OUT_DIR, `audit-${count}.ndjson`);
  const stampFile = `${file}.stamp`;
  const stamp = sourceStamp(count);
  if (existsSync(file) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return { file, generator: 'cached' };
  rmSync(stampFile, { force: true });
  const partial = `${file}.partial`;
  let generator = 'scripts/gen-audit-records.mjs';
  const started = performance.now();
  if (count > BLOCK && existsSync(GENERATOR)) {
    const { file: block } = await auditFile(BLOCK, log);
    try {
      await replicate(block, count, partial);
      renameSync(partial, file);
      writeFileSync(stampFile, stamp);
      log(
        `built ${count.toLocaleString('en-US')} records from copies of the ${BLOCK.toLocaleString('en-US')}-record export in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      return { file, generator: 'scripts/gen-audit-records.mjs, copied' };
    } catch (error) {
      log(`could not copy the ${BLOCK.toLocaleString('en-US')}-record export (${error.message}); generating in full`);
      rmSync(partial, { force: true });
    }
  }
  const result = existsSync(GENERATOR)
    ? spawnSync(process.execPath, [GENERATOR, String(count), partial, '--seed', SEED, '--now', NOW_TEXT], {
        stdio: ['ignore', 'ignore', 'pipe'],
        encoding: 'utf8',
      })
    : { status: null, stderr: 'missing' };
  if (result.status !== 0) {
    log(`gen-audit-records failed (${(result.stderr || '').trim().split('\n').at(-1)}); generating from the bench records instead`);
    generator = 'bench records';
    rmSync(partial, { force: true });
    await generateOwn(count, partial);
  }
  renameSync(partial, file);
  writeFileSync(stampFile, stamp);
  log(`generated ${count.toLocaleString('en-US')} records with ${generator} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { file, generator };
}

/** Runs the CLI on a file; peak RSS from /usr/bin/time -v, else from sampling /proc/<pid>/status. */
export async function runAudit(file, { time = TIME, jobs, oneCore = false, report } = {}) {
  const args = [
    CLI,
    'audit',
    file,
    '--format',
    'json',
    '--now',
    NOW_TEXT,
    ...(jobs ? ['--jobs', String(jobs)] : []),
    ...(report ? ['--report', report] : []),
  ];
  const useTime = existsSync(time);
  // One core means the whole process pinned to one CPU (main thread and its grading thread share it), not just one worker.
  const pin = oneCore && existsSync(TASKSET) ? [TASKSET, '-c', '0'] : [];
  const command = [...pin, ...(useTime ? [time, '-v'] : []), process.execPath, ...args];
  const started = performance.now();
  const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  let lines = 0;
  let tail = '';
  child.stdout.on('data', (chunk) => {
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
    tail = (tail + chunk.toString('utf8')).slice(-65_536);
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-65_536);
  });
  let peakKiB = 0;
  const sampler = useTime
    ? undefined
    : setInterval(() => {
        try {
          peakKiB = Math.max(peakKiB, parseVmHWM(readFileSync(`/proc/${child.pid}/status`, 'utf8')) ?? 0);
        } catch {
          // The process has just exited.
        }
      }, 10);
  const [code] = await once(child, 'close');
  const wallSeconds = (performance.now() - started) / 1000;
  if (sampler) clearInterval(sampler);
  // Exit 1 means some record is not complete, which a realistic export always has.
  if (code !== 0 && code !== 1) throw new Error(`chartguard audit exited with ${code}: ${stderr.trim().split('\n').slice(-5).join('\n')}`);
  const summaryLine = tail.trimEnd().split('\n').at(-1);
  const summary = JSON.parse(summaryLine);
  const measured = useTime ? parseTimeVerbose(stderr) : { maxRssKiB: peakKiB };
  return {
    summary,
    lines,
    wallSeconds,
    maxRssKiB: measured.maxRssKiB,
    cpuSeconds: useTime ? parseCpuSeconds(stderr) : undefined,
    method: useTime ? `${time} -v` : '/proc VmHWM sampling',
  };
}

/**
 * Grading alone (auditRecord: note reader, rule engine, badge) on this thread,
 * over the first `count` records of an export after one warm-up pass: the
 * SDK's share of an audit, in CPU and wall time per record.
 */
export async function gradingCost(file, count = 20_000) {
  const records = [];
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    const item = toAuditRecord(JSON.parse(line), records.length + 1);
    if ('record' in item) records.push(item.record);
    if (records.length >= count) break;
  }
  lines.close();
  const options = { checklists: new Map(loadChecklists().map((checklist) => [checklist.id, checklist])), now: NOW, locale: 'en' };
  for (const record of records) auditRecord(record, options);
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const record of records) auditRecord(record, options);
  const wallUs = ((performance.now() - started) * 1000) / records.length;
  const used = process.cpuUsage(cpu);
  return { records: records.length, cpuUs: (used.user + used.system) / records.length, wallUs };
}

const label = (n) => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n));

const load = () => os.loadavg()[0].toFixed(2);

export async function run({ sizes = [10_000, 100_000, 1_000_000], log = () => {} } = {}) {
  const results = [];
  for (const count of sizes) {
    const { file } = await auditFile(count, log);
    const size = statSync(file).size;
    // Every core and one core, alternated so a neighbour's load falls on both alike; the one-core run is skipped for 1M (half a minute of a pinned core).
    const loadBefore = load();
    const audit = await runAudit(file);
    const single = count <= 100_000 ? await runAudit(file, { jobs: 1, oneCore: true }) : undefined;
    const loadAfter = load();
    const seen = audit.summary.records + (audit.summary.malformed ?? 0);
    const note = `${(size / 1e6).toFixed(0)} MB NDJSON; ${audit.summary.records} records graded; ${os.availableParallelism()} grading threads; load average ${loadBefore} → ${loadAfter}; RSS via ${audit.method}`;
    if (audit.summary.records !== count) log(`warning: the audit graded ${audit.summary.records} of ${count} records (${seen} seen)`);
    const rate = count / audit.wallSeconds;
    const big = count >= 100_000;
    results.push(
      figure(`audit.${label(count)}.throughput`, rate, 'records/s', {
        note,
        ...(single && { peer: 'one core', peerValue: count / single.wallSeconds }),
      }),
      // Budgets are on time per record, so "at least N records/s" reads as "at most 1e6/N µs".
      figure(
        `audit.${label(count)}.us-per-record`,
        1e6 / rate,
        'µs',
        big
          ? { budget: { max: 1e6 / TARGET.allCores }, note: `target ≥ ${TARGET.allCores.toLocaleString('en-US')} records/s on every core` }
          : {},
      ),
      figure(
        `audit.${label(count)}.peak-rss`,
        audit.maxRssKiB / 1024,
        'MiB',
        count === 1_000_000 ? { budget: { max: TARGET.millionRssMiB } } : {},
      ),
      figure(`audit.${label(count)}.wall`, audit.wallSeconds, 's', {
        note: 'whole process, node start-up included',
        ...(count === 1_000_000 && { budget: { max: TARGET.millionSeconds } }),
      }),
    );
    if (audit.cpuSeconds !== undefined) {
      results.push(
        figure(`audit.${label(count)}.cpu-us-per-record`, (audit.cpuSeconds * 1e6) / count, 'µs', {
          note: `CPU (user + system, every thread) per record; ${os.availableParallelism()} cores at 100 % would give ${Math.round((os.availableParallelism() * count) / audit.cpuSeconds)} records/s; load ${loadBefore} → ${loadAfter}`,
          ...(single?.cpuSeconds !== undefined && { peer: 'one core', peerValue: (single.cpuSeconds * 1e6) / count }),
        }),
      );
    }
    if (single) {
      const singleRate = count / single.wallSeconds;
      results.push(
        figure(
          `audit.${label(count)}.one-core.us-per-record`,
          1e6 / singleRate,
          'µs',
          big
            ? {
                budget: { max: Number((1e6 / TARGET.oneCore).toFixed(1)) },
                note: `${Math.round(singleRate)} records/s pinned to one CPU (taskset -c 0, --jobs 1); target ≥ ${TARGET.oneCore.toLocaleString('en-US')}`,
              }
            : { note: `${Math.round(singleRate)} records/s pinned to one CPU` },
        ),
        figure(`audit.${label(count)}.one-core.peak-rss`, single.maxRssKiB / 1024, 'MiB'),
      );
    }
    if (count === 100_000) {
      const loadBefore = load();
      const grading = await gradingCost(file);
      results.push(
        figure('audit.grade.cpu-us-per-record', grading.cpuUs, 'µs', {
          budget: { max: TARGET.gradeUs },
          note: `auditRecord alone, one thread, ${grading.records} records after a warm-up pass; wall ${grading.wallUs.toFixed(1)} µs; load ${loadBefore} → ${load()}`,
        }),
      );
      log(`audit grading: ${grading.cpuUs.toFixed(1)} µs CPU a record (budget ${TARGET.gradeUs}), wall ${grading.wallUs.toFixed(1)} µs`);
    }
    if (count === 100_000) {
      // The supervisor's page (--report) on the same export: what it adds to time and memory.
      const page = join(OUT_DIR, `audit-${count}.report.html`);
      const withReport = await runAudit(file, { report: page });
      results.push(
        figure(`audit.${label(count)}.report.wall`, withReport.wallSeconds, 's', {
          peer: 'without --report',
          peerValue: audit.wallSeconds,
          note: `--report writes ${(statSync(page).size / 1024).toFixed(0)} KB of HTML; load ${load()}`,
        }),
        figure(`audit.${label(count)}.report.peak-rss`, withReport.maxRssKiB / 1024, 'MiB', {
          peer: 'without --report',
          peerValue: audit.maxRssKiB / 1024,
          budget: { max: TARGET.millionRssMiB },
        }),
      );
    }
    log(
      `audit ${label(count)}: ${Math.round(rate)} records/s${single ? ` (one core ${Math.round(count / single.wallSeconds)})` : ''}, peak RSS ${(audit.maxRssKiB / 1024).toFixed(0)} MiB, ${audit.wallSeconds.toFixed(1)} s, load ${loadBefore} → ${loadAfter}`,
    );
  }
  return results;
}
