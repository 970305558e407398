#!/usr/bin/env node
// `chartguard audit`: grades an export of records from the command line, for
// supervisors (a table) and for pipelines (NDJSON and an exit code).
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import { AUDIT_BADGES, AuditInputError, AuditSummary, auditRecords, type AuditFormat, type AuditResult } from './audit.js';
import type { OrganisationSettings } from './evaluate.js';
import { message } from './locales/index.js';
import { CHECKLIST_FORMAT, ChecklistError, parseChecklist, type Checklist } from './model.js';
import { parseLocalDateTime } from './record.js';
import { isLocale, LOCALES, type Locale } from './text.js';

const USAGE = `Usage: chartguard audit <file|-> [options]

Grades every record of an export (JSON array, NDJSON or CSV) against the
checklist named in its note's header.

Options:
  --format table|json     table for people (default), json for NDJSON per record and a summary
  --now <ISO date-time>   the clock for deadlines (default: now); local time unless a zone is given
  --checklists <dir>      load checklists from this folder instead of the built-in ones
  --locale en|zh-CN       language of labels and messages (default: en)
  --settings <file>       organisation settings as JSON, e.g. {"deadlineHours": {"SNC-08": 48}}
  --input json|ndjson|csv input format, when the file name and content do not tell
  -h, --help              show this help
  (chartguard --version prints the package version)

Exit codes: 0 every record complete, 1 some record is not (or could not be read), 2 usage error.`;

/** The CLI's own words; the SDK's messages cover badges and issues. */
const WORDS: Record<Locale, Record<string, string>> = {
  en: {
    line: 'LINE',
    record: 'RECORD',
    checklist: 'CHECKLIST',
    badge: 'BADGE',
    failing: 'FAILING RULES',
    summary: 'Summary',
    records: 'records',
    malformed: 'malformed (see stderr)',
    rules: 'Failing rules',
    noHeader: 'no Chartguard header',
    unknownChecklist: 'checklist not loaded',
    cannotRead: 'cannot be read',
    colon: ': ',
  },
  'zh-CN': {
    line: '行',
    record: '记录',
    checklist: '清单',
    badge: '状态',
    failing: '未通过的规则',
    summary: '汇总',
    records: '条记录',
    malformed: '条无法读取（见标准错误输出）',
    rules: '未通过的规则',
    noHeader: '没有 Chartguard 标头',
    unknownChecklist: '未加载该清单',
    cannotRead: '无法读取',
    colon: '：',
  },
};

class UsageError extends Error {}

/** Terminal width of text: CJK characters take two columns. */
function width(text: string): number {
  let n = 0;
  for (const char of text) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char) ? 2 : 1;
  return n;
}
function cell(text: string, size: number): string {
  let out = text;
  if (width(out) > size) {
    while (width(out) > size - 1) out = out.slice(0, -1);
    out += '…';
  }
  return out + ' '.repeat(Math.max(0, size - width(out)));
}

/** Buffered output that waits for the pipe to drain, so a slow reader cannot make memory grow. */
class Output {
  private buffer = '';
  constructor(private readonly stream: Writable) {}
  async write(text: string): Promise<void> {
    this.buffer += text;
    if (this.buffer.length >= 64 * 1024) await this.flush();
  }
  async flush(): Promise<void> {
    if (!this.buffer) return;
    const ok = this.stream.write(this.buffer);
    this.buffer = '';
    if (!ok) await once(this.stream, 'drain');
  }
}

function loadChecklists(dir: string): Checklist[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.json')).sort();
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
    typeof settings === 'object' && settings !== null &&
    (hours === undefined || (typeof hours === 'object' && hours !== null && Object.values(hours).every((h) => typeof h === 'number' && h > 0)));
  if (!valid) throw new UsageError(`settings ${file} must look like {"deadlineHours": {"SNC-08": 48}}`);
  return settings as OrganisationSettings;
}

async function audit(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'table' },
        now: { type: 'string' },
        checklists: { type: 'string' },
        locale: { type: 'string', default: 'en' },
        settings: { type: 'string' },
        input: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length ? 'give exactly one file' : 'which file? give a file name, or - for standard input');
  const format = values.format;
  if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json, not “${format}”`);
  if (!isLocale(values.locale)) throw new UsageError(`--locale must be one of ${LOCALES.join(', ')}`);
  const locale = values.locale;
  if (values.input !== undefined && !['json', 'ndjson', 'csv'].includes(values.input)) throw new UsageError('--input must be json, ndjson or csv');
  const now = parseNow(values.now) ?? new Date();
  const settings = parseSettings(values.settings);
  const dir = values.checklists ? resolve(values.checklists) : fileURLToPath(new URL('../checklists/', import.meta.url));
  const checklists = new Map(loadChecklists(dir).map((checklist) => [checklist.id, checklist]));

  const file = positionals[0]!;
  const source = file === '-' ? process.stdin : createReadStream(file);
  const opened = new Promise<void>((ok, fail) => {
    if (file === '-') return ok();
    source.once('open', () => ok());
    source.once('error', fail);
  });
  try {
    await opened;
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }

  const words = WORDS[locale];
  const out = new Output(process.stdout);
  const summary = new AuditSummary();
  const columns = [7, 14, 10, 16];
  if (format === 'table') {
    await out.write(`${cell(words.line!, columns[0]!)}${cell(words.record!, columns[1]!)}${cell(words.checklist!, columns[2]!)}${cell(words.badge!, columns[3]!)}${words.failing}\n`);
  }
  const describe = (result: AuditResult) =>
    result.reason === 'no-header' ? `(${words.noHeader})` : result.reason === 'unknown-checklist' ? `(${words.unknownChecklist})` : result.failing.join(' ');

  let stopped: AuditInputError | undefined;
  try {
    for await (const item of auditRecords(source, { checklists, now, locale, settings, name: file === '-' ? undefined : file, format: values.input as AuditFormat | undefined })) {
      summary.add(item);
      if ('error' in item) {
        process.stderr.write(`${file}:${item.line}: ${words.cannotRead}${words.colon}${item.error}\n`);
        if (format === 'json') await out.write(`${JSON.stringify({ type: 'malformed', line: item.line, error: item.error })}\n`);
        continue;
      }
      if (format === 'json') await out.write(`${JSON.stringify({ type: 'record', ...item })}\n`);
      else {
        const badge = message(locale, `badge.${item.badge}`);
        await out.write(`${cell(String(item.line), columns[0]!)}${cell(item.id ?? '-', columns[1]!)}${cell(item.checklist ?? '-', columns[2]!)}${cell(badge, columns[3]!)}${describe(item)}\n`);
      }
    }
  } catch (error) {
    if (!(error instanceof AuditInputError)) throw error;
    stopped = error;
  }

  const totals = summary.toJSON();
  if (format === 'json') {
    await out.write(`${JSON.stringify({ type: 'summary', ...totals, ...(stopped && { stopped: stopped.message }) })}\n`);
  } else {
    const lines = [``, `${words.summary}${words.colon}${totals.records} ${words.records}${totals.malformed ? `, ${totals.malformed} ${words.malformed}` : ''}`];
    for (const badge of AUDIT_BADGES) lines.push(`  ${cell(message(locale, `badge.${badge}`), 18)}${totals.badges[badge]}`);
    const rules = Object.entries(totals.failingRules);
    if (rules.length) {
      lines.push(`${words.rules}${words.colon!.trimEnd()}`);
      for (const [rule, count] of rules) lines.push(`  ${cell(rule, 18)}${count}`);
    }
    await out.write(`${lines.join('\n')}\n`);
  }
  await out.flush();
  if (stopped) {
    process.stderr.write(`${file}: ${stopped.message}\n`);
    return 2;
  }
  return summary.allComplete ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError('give a command: audit');
  if (command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    // The package's own manifest, beside dist/ in the repository and in the installed package alike.
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(`${version}\n`);
    return 0;
  }
  if (command !== 'audit') throw new UsageError(`unknown command “${command}”`);
  return audit(rest);
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // A reader that stops early (`| head`) is not an error of the audit.
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`chartguard: ${error.message}\n\n${USAGE}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`chartguard: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 2;
    }
  },
);
