#!/usr/bin/env node
// `chartguard audit`: grades an export of records from the command line, for
// supervisors (a table) and for pipelines (NDJSON and an exit code).
import { closeSync, openSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Readable, Writable } from 'node:stream';
import { AUDIT_BADGES, AuditInputError, AuditSummary, type AuditFormat } from './audit.js';
import { adapterReading, type AdapterReading } from './audit-adapter.js';
import { AUDIT_WORDS, badgeLabel, cell, tableHeader } from './audit-format.js';
import { auditInParallel, defaultJobs, startAuditWorkers } from './audit-parallel.js';
import { emptyReportPart, mergeReport, renderAuditReport } from './audit-report.js';
import type { OrganisationSettings } from './evaluate.js';
import type { Checklist } from './model.js';
import { formatLocalDateTime, parseLocalDateTime } from './record.js';
import { isLocale, LOCALES } from './text.js';

const USAGE = `Usage: chartguard audit <file|-> [options]

Grades every record of an export (JSON array, NDJSON or CSV) against the
checklist named in its note's header.

Options:
  --format table|json     table for people (default), json for NDJSON per record and a summary
  --now <ISO date-time>   the clock for deadlines (default: the time of the run, said in the summary);
                          local time unless a zone is given
  --checklists <dir>      load checklists from this folder instead of the built-in ones
  --adapter <file>        read the export in a portal's words: column names and value labels
                          through this portal adapter's fields and value maps
  --locale en|zh-CN       language of labels and messages (default: en)
  --settings <file>       organisation settings as JSON, e.g. {"deadlineHours": {"SNC-08": 48}}
  --input json|ndjson|csv input format, when the file name and content do not tell
  --report <file.html>    also write a self-contained HTML report for supervisors: badge counts and
                          their trend by week, rules most often failing, overdue items, authors,
                          and a filterable table of the records needing action
  --jobs <n>              grading threads (default: one per core, here ${defaultJobs()})
  -v, --version           print the version
  -h, --help              show this help

Exit codes: 0 every record complete, 1 some record is not (or could not be read), 2 usage error.`;

class UsageError extends Error {}

/**
 * Where the CLI reads and writes: the process's own streams when it runs as a program, streams of their own when
 * a test runs it in its process (test/sdk/audit-cli.test.ts), so a case costs no Node start-up.
 */
export interface CliStreams {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean; columns?: number };
}

/**
 * Output that waits for the pipe to drain, so a slow reader cannot make memory
 * grow. The workers' batches arrive as UTF-8 bytes and are written as they are;
 * the CLI's own text (header, summary) is encoded here.
 */
class Output {
  private pending: Uint8Array[] = [];
  private size = 0;
  constructor(private readonly stream: Writable) {}
  async write(data: string | Uint8Array): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (!bytes.length) return;
    this.pending.push(bytes);
    this.size += bytes.length;
    if (this.size >= 64 * 1024) await this.flush();
  }
  async flush(): Promise<void> {
    if (!this.size) return;
    const ok = this.stream.write(this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.size));
    this.pending = [];
    this.size = 0;
    if (!ok) await once(this.stream, 'drain');
  }
}

/** A progress bar on standard error, drawn only when it is a terminal and at most ten times a second. */
class Progress {
  private last = 0;
  private drawn = false;
  constructor(
    private readonly stderr: CliStreams['stderr'],
    private readonly total: number | undefined,
  ) {}
  update(bytes: number, records: number): void {
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    const columns = Math.max(10, Math.min(40, (this.stderr.columns ?? 80) - 40));
    const share = this.total ? Math.min(1, bytes / this.total) : undefined;
    const bar = share === undefined ? '' : `[${'#'.repeat(Math.round(share * columns)).padEnd(columns, '-')}] ${Math.floor(share * 100)}% `;
    this.stderr.write(`\r${bar}${records.toLocaleString('en-US')} records\x1b[K`);
    this.drawn = true;
  }
  clear(): void {
    if (this.drawn) this.stderr.write('\r\x1b[K');
  }
}

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * The schema library behind checklist and adapter checks, loaded once the
 * grading threads are starting: its load and the checklists' checks then run
 * while the threads load the grading code (docs/performance.md).
 */
type Schemas = typeof import('./model.js') & Pick<typeof import('./adapter.js'), 'parseAdapter'>;

async function loadSchemas(): Promise<Schemas> {
  const [model, adapter] = await Promise.all([import('./model.js'), import('./adapter.js')]);
  return { ...model, parseAdapter: adapter.parseAdapter };
}

function loadChecklists(dir: string, { CHECKLIST_FORMAT, ChecklistError, parseChecklist }: Schemas): Checklist[] {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((file) => file.endsWith('.json'))
      .sort();
  } catch {
    throw new UsageError(`cannot read the checklists folder ${dir}`);
  }
  if (!files.length) throw new UsageError(`no checklists (*.json) in ${dir}`);
  // Other JSON files (settings, adapters) may sit beside checklists; only files that say they are checklists are loaded.
  const checklists: Checklist[] = [];
  for (const file of files) {
    const path = join(dir, file);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new UsageError(`cannot read checklist ${path}: ${(error as Error).message}`);
    }
    if ((data as { format?: unknown } | null)?.format !== CHECKLIST_FORMAT) continue;
    try {
      checklists.push(parseChecklist(data));
    } catch (error) {
      throw new UsageError(`invalid checklist ${path}: ${error instanceof ChecklistError ? error.message : String(error)}`);
    }
  }
  if (!checklists.length) throw new UsageError(`no checklists (files with "format": "${CHECKLIST_FORMAT}") in ${dir}`);
  return checklists;
}

function parseNow(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const local = parseLocalDateTime(value);
  if (local) return local;
  const date = /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : new Date(NaN);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--now must be an ISO date-time such as 2026-03-02T12:00, not “${value}”`);
  return date;
}

function loadAdapter(file: string | undefined, { ChecklistError, parseAdapter }: Schemas): AdapterReading | undefined {
  if (!file) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read adapter ${file}: ${(error as Error).message}`);
  }
  try {
    return adapterReading(parseAdapter(data));
  } catch (error) {
    throw new UsageError(`invalid adapter ${file}: ${error instanceof ChecklistError ? error.message : String(error)}`);
  }
}

function parseSettings(file: string | undefined): OrganisationSettings | undefined {
  if (!file) return undefined;
  let settings: unknown;
  try {
    settings = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read settings ${file}: ${(error as Error).message}`);
  }
  const hours = (settings as OrganisationSettings | null)?.deadlineHours;
  const valid =
    typeof settings === 'object' &&
    settings !== null &&
    (hours === undefined ||
      (typeof hours === 'object' && hours !== null && Object.values(hours).every((h) => typeof h === 'number' && h > 0)));
  if (!valid) throw new UsageError(`settings ${file} must look like {"deadlineHours": {"SNC-08": 48}}`);
  return settings as OrganisationSettings;
}

/** What an audit reads before grading, each with its usage error: the adapter, the checklists, the export and the report's file. */
async function prepare(values: { adapter?: string; checklists?: string; report?: string }, file: string, streams: CliStreams) {
  const schemas = await loadSchemas();
  const adapter = loadAdapter(values.adapter, schemas);
  const dir = values.checklists ? resolve(values.checklists) : fileURLToPath(new URL('../checklists/', import.meta.url));
  const checklists = loadChecklists(dir, schemas);
  if (file !== '-') {
    try {
      closeSync(openSync(file, 'r'));
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  const source = file === '-' ? streams.stdin : { path: file };
  const reportFile = values.report;
  if (reportFile !== undefined) {
    if (!reportFile || reportFile === '-') throw new UsageError('--report needs a file name, such as report.html');
    // Fail before grading a large export, not after, when the report cannot be written.
    try {
      closeSync(openSync(reportFile, 'a'));
    } catch (error) {
      throw new UsageError(`cannot write the report ${reportFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  return { adapter, checklists, file, source, reportFile };
}

async function audit(argv: string[], streams: CliStreams): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'table' },
        now: { type: 'string' },
        checklists: { type: 'string' },
        adapter: { type: 'string' },
        locale: { type: 'string', default: 'en' },
        settings: { type: 'string' },
        input: { type: 'string' },
        jobs: { type: 'string' },
        report: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    streams.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.version) {
    streams.stdout.write(`${readVersion()}\n`);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError(positionals.length ? 'give exactly one file' : 'which file? give a file name, or - for standard input');
  const format = values.format;
  if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json, not “${format}”`);
  if (!isLocale(values.locale)) throw new UsageError(`--locale must be one of ${LOCALES.join(', ')}`);
  const locale = values.locale;
  if (values.input !== undefined && !['json', 'ndjson', 'csv'].includes(values.input))
    throw new UsageError('--input must be json, ndjson or csv');
  const jobs = values.jobs === undefined ? defaultJobs() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256)
    throw new UsageError(`--jobs must be a whole number from 1 to 256, not “${values.jobs}”`);
  const given = parseNow(values.now);
  const now = given ?? new Date();
  const settings = parseSettings(values.settings);
  // The grading threads boot while this thread loads the schema library and checks the checklists.
  const workers = startAuditWorkers(jobs);
  const { adapter, checklists, file, source, reportFile } = await prepare(values, positionals[0]!, streams).catch(async (error) => {
    await workers.close();
    throw error;
  });
  const report = reportFile !== undefined ? emptyReportPart() : undefined;

  const words = AUDIT_WORDS[locale];
  const out = new Output(streams.stdout);
  const summary = new AuditSummary();
  let bytesRead = 0;
  let progress: Progress | undefined;
  // Until the parallel audit owns the threads, a failure here must stop them, or the program would never exit.
  try {
    progress = streams.stderr.isTTY ? new Progress(streams.stderr, file === '-' ? undefined : statSync(file).size) : undefined;
    if (format === 'table') await out.write(tableHeader(locale));
  } catch (error) {
    await workers.close();
    throw error;
  }

  let stopped: AuditInputError | undefined;
  try {
    await auditInParallel(source, {
      setup: {
        checklists,
        ...(adapter && { adapter }),
        now: now.getTime(),
        locale,
        ...(settings && { settings }),
        output: format,
        file,
        ...(report && { report: true }),
      },
      format: values.input as AuditFormat | undefined,
      name: file === '-' ? undefined : file,
      workers,
      onProgress: (bytes) => {
        bytesRead = bytes;
      },
      onResult: async (result) => {
        summary.merge(result.counts);
        if (report && result.report) mergeReport(report, result.report);
        if (result.err) {
          progress?.clear();
          streams.stderr.write(result.err);
        }
        await out.write(result.out);
        progress?.update(bytesRead, summary.records + summary.malformed);
      },
    });
  } catch (error) {
    if (!(error instanceof AuditInputError)) throw error;
    stopped = error;
  }
  progress?.clear();

  const totals = summary.toJSON();
  const clock = { at: formatLocalDateTime(now), given: given !== undefined };
  const clockText = (clock.given ? words.clockGiven! : words.clockNow!).replace('{at}', clock.at.replace('T', ' '));
  if (format === 'json') {
    await out.write(`${JSON.stringify({ type: 'summary', ...totals, clock, ...(stopped && { stopped: stopped.message }) })}\n`);
  } else {
    const lines = [
      ``,
      `${words.summary}${words.colon}${totals.records} ${words.records}${totals.malformed ? `, ${totals.malformed} ${words.malformed}` : ''}; ${clockText}`,
    ];
    const badges = [...AUDIT_BADGES, ...Object.keys(totals.badges).filter((badge) => !AUDIT_BADGES.includes(badge as never))];
    for (const badge of badges) lines.push(`  ${cell(badgeLabel(locale, badge), 18)}${totals.badges[badge] ?? 0}`);
    const rules = Object.entries(totals.failingRules);
    if (rules.length) {
      lines.push(`${words.rules}${words.colon!.trimEnd()}`);
      for (const [rule, count] of rules) lines.push(`  ${cell(rule, 18)}${count}`);
    }
    await out.write(`${lines.join('\n')}\n`);
  }
  await out.flush();
  if (report && reportFile) {
    writeFileSync(
      reportFile,
      renderAuditReport({
        part: report,
        totals,
        clock,
        locale,
        file: file === '-' ? 'stdin' : file,
        checklists,
        ...(stopped && { stopped: stopped.message }),
      }),
    );
  }
  if (stopped) {
    streams.stderr.write(`${file}: ${stopped.message}\n`);
    return 2;
  }
  return summary.allComplete ? 0 : 1;
}

async function command(argv: string[], streams: CliStreams): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError('give a command: audit');
  if (name === '-h' || name === '--help' || name === 'help') {
    streams.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (name === '-v' || name === '--version' || name === 'version') {
    streams.stdout.write(`${readVersion()}\n`);
    return 0;
  }
  if (name !== 'audit') throw new UsageError(`unknown command “${name}”`);
  return audit(rest, streams);
}

/** Runs `chartguard <argv>` and resolves with its exit code; what it prints goes to `streams`. */
export async function runCli(argv: string[], streams: CliStreams = process): Promise<number> {
  try {
    return await command(argv, streams);
  } catch (error) {
    if (error instanceof UsageError) streams.stderr.write(`chartguard: ${error.message}\n\n${USAGE}\n`);
    else streams.stderr.write(`chartguard: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}

/** Whether this module is the program Node was started with (directly or through the package's bin link). */
function isProgram(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isProgram()) {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // A reader that stops early (`| head`) is not an error of the audit.
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
