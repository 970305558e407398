// How the audit writes a graded record, as a table line for people or an
// NDJSON line for engines; shared by the CLI and its worker threads, so the
// output is the same whichever thread graded the record.
import type { AuditMalformed, AuditResult } from './audit.js';
import { message, messages, type MessageKey } from './locales/index.js';
import type { Locale } from './text.js';

export type AuditOutputFormat = 'table' | 'json';

/** The CLI's own words; the SDK's messages cover badges and issues. */
export const AUDIT_WORDS: Record<Locale, Record<string, string>> = {
  en: {
    line: 'LINE',
    record: 'RECORD',
    checklist: 'CHECKLIST',
    badge: 'BADGE',
    failing: 'FAILING RULES',
    warnings: 'WARNINGS',
    followUp: 'FOLLOW-UP',
    summary: 'Summary',
    records: 'records',
    malformed: 'malformed (see stderr)',
    rules: 'Failing rules',
    noHeader: 'no Chartguard header',
    unknownChecklist: 'checklist not loaded',
    cannotRead: 'cannot be read',
    colon: ': ',
    clockNow: 'deadlines judged at {at}, the time of this run (give --now to audit as of another time)',
    clockGiven: 'deadlines judged at {at} (--now)',
    due: 'due {at}',
  },
  'zh-CN': {
    line: '行',
    record: '记录',
    checklist: '清单',
    badge: '状态',
    failing: '未通过的规则',
    warnings: '提醒',
    followUp: '跟进',
    summary: '汇总',
    records: '条记录',
    malformed: '条无法读取（见标准错误输出）',
    rules: '未通过的规则',
    noHeader: '没有 Chartguard 标头',
    unknownChecklist: '未加载该清单',
    cannotRead: '无法读取',
    colon: '：',
    clockNow: '期限按本次运行时间 {at} 判断（用 --now 指定其他时间）',
    clockGiven: '期限按 {at} 判断（--now）',
    due: '应于 {at} 前完成',
  },
};

/** A badge's label; a badge the locale files do not name yet shows as its code rather than failing. */
export function badgeLabel(locale: Locale, badge: string): string {
  const key = `badge.${badge}` as MessageKey;
  return Object.hasOwn(messages[locale], key) || Object.hasOwn(messages.en, key) ? message(locale, key) : badge;
}

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Terminal width of text: CJK characters take two columns. */
export function textWidth(text: string): number {
  let n = 0;
  for (const char of text) n += WIDE.test(char) ? 2 : 1;
  return n;
}

/** Pads text to a column; text wider than the column is never cut, it pushes the next column right by at least two spaces. */
export function cell(text: string, size: number): string {
  return text + ' '.repeat(Math.max(2, size - textWidth(text)));
}

export const TABLE_COLUMNS = [7, 14, 11, 17, 24, 14] as const;

export function tableHeader(locale: Locale): string {
  const words = AUDIT_WORDS[locale];
  const [line, record, checklist, badge, failing, warnings] = TABLE_COLUMNS;
  return `${cell(words.line!, line)}${cell(words.record!, record)}${cell(words.checklist!, checklist)}${cell(words.badge!, badge)}${cell(words.failing!, failing)}${cell(words.warnings!, warnings)}${words.followUp}\n`;
}

/** What a record still asks of someone: attention items, open follow-ups and a passed deadline, each with its due time. */
export function followUpItems(result: AuditResult, locale: Locale = 'en'): string[] {
  const parts = [...result.attention];
  for (const item of result.open ?? []) {
    if (parts.includes(item.rule)) continue;
    parts.push(item.dueAt ? `${item.rule} ${AUDIT_WORDS[locale].due!.replace('{at}', item.dueAt.replace('T', ' '))}` : item.rule);
  }
  if (result.deadline)
    parts.push(`${result.deadline.rule} ${AUDIT_WORDS[locale].due!.replace('{at}', result.deadline.dueAt.replace('T', ' '))}`);
  return parts;
}

function followUp(result: AuditResult, locale: Locale): string {
  return followUpItems(result, locale).join(' ');
}

/** One graded record as a table line: nothing is cut, every required, advisory and follow-up item shows. */
export function tableLine(result: AuditResult, locale: Locale): string {
  const words = AUDIT_WORDS[locale];
  const [line, record, checklist, badge, failing, warnings] = TABLE_COLUMNS;
  const failingText =
    result.reason === 'no-header'
      ? `(${words.noHeader})`
      : result.reason === 'unknown-checklist'
        ? `(${words.unknownChecklist})`
        : result.failing.join(' ') || '-';
  const row =
    cell(String(result.line), line) +
    cell(result.id ?? '-', record) +
    cell(result.checklist ?? '-', checklist) +
    cell(badgeLabel(locale, result.badge), badge) +
    cell(failingText, failing) +
    cell(result.warnings.join(' ') || '-', warnings) +
    (followUp(result, locale) || '-');
  return `${row.trimEnd()}\n`;
}

/** `{"type":"record", ...result}` written without copying the result into a new object first (docs/performance.md). */
export function jsonLine(result: AuditResult): string {
  return `{"type":"record",${JSON.stringify(result).slice(1)}\n`;
}

export function malformedJsonLine(item: AuditMalformed): string {
  return `${JSON.stringify({ type: 'malformed', line: item.line, error: item.error })}\n`;
}

export function malformedMessage(file: string, item: AuditMalformed, locale: Locale): string {
  const words = AUDIT_WORDS[locale];
  return `${file}:${item.line}: ${words.cannotRead}${words.colon}${item.error}\n`;
}
