// `chartguard audit --report report.html`: a page a supervisor would rather
// look at than read. Worker threads collect each batch's share (counts by week
// and by author, the records needing action, overdue items) in bounded memory;
// the main thread adds the shares up in file order and writes one
// self-contained HTML file: inline CSS, the weekly chart drawn by Chart.js
// (inlined, unmodified) from numbers only, inline scripts allowed by their
// hashes, and a Content-Security-Policy that lets the page load nothing at all. Every text that came from the export
// is escaped here, as a string, before it reaches the page.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuditResult } from './audit.js';
import { AUDIT_BADGES } from './audit.js';
import { badgeLabel, followUpItems } from './audit-format.js';
import type { Checklist } from './model.js';
import { localize, type Locale } from './text.js';

/** Rows of the filterable table the page holds at most: a whole year's backlog would make a page no browser opens quickly. */
export const REPORT_ACTION_ROWS = 2000;
/** Overdue items the page lists at most, oldest due first. */
export const REPORT_OVERDUE_ROWS = 500;
/** Authors the page lists at most, those with most records needing action first. */
export const REPORT_AUTHOR_ROWS = 200;
/** Weeks the chart draws at most (the latest ones); the table of figures by week holds them all. */
export const REPORT_CHART_WEEKS = 53;

/** A record that needs a person: any badge but complete. */
export interface ReportRow {
  line: number;
  id?: string;
  checklist?: string;
  badge: string;
  failing: string[];
  followUp: string[];
  author?: string;
  date?: string;
}

export interface OverdueRow {
  line: number;
  id?: string;
  checklist?: string;
  author?: string;
  rule: string;
  dueAt: string;
  kind: 'follow-up' | 'deadline';
}

/** One batch's share of the report, or the sum of several; plain data, so it crosses between threads. */
export interface ReportPart {
  /** Monday (`YYYY-MM-DD`) of each record's week → badge → records. */
  weeks: Record<string, Record<string, number>>;
  /** Records with no dated answer, by badge. */
  undated: Record<string, number>;
  authors: Record<string, Record<string, number>>;
  /** Records needing action by badge, each list in file order and at most REPORT_ACTION_ROWS long. */
  action: Record<string, ReportRow[]>;
  actionCount: number;
  /** Oldest due first, at most REPORT_OVERDUE_ROWS. */
  overdue: OverdueRow[];
  overdueCount: number;
}

export const emptyReportPart = (): ReportPart => ({
  weeks: {},
  undated: {},
  authors: {},
  action: {},
  actionCount: 0,
  overdue: [],
  overdueCount: 0,
});

const DAY_MS = 86_400_000;

/** The Monday of a `YYYY-MM-DD` day's week, or undefined for a day that is not one. */
export function weekOf(day: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(ms)) return undefined;
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  return new Date(ms - weekday * DAY_MS).toISOString().slice(0, 10);
}

const bump = (counts: Record<string, number>, key: string, by = 1) => {
  counts[key] = (counts[key] ?? 0) + by;
};

const byDueThenLine = (a: OverdueRow, b: OverdueRow) =>
  a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.line - b.line || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);

function keepOldestDue(rows: OverdueRow[]): OverdueRow[] {
  return rows.length > REPORT_OVERDUE_ROWS ? rows.sort(byDueThenLine).slice(0, REPORT_OVERDUE_ROWS) : rows;
}

/** Adds one graded record to a part. */
export function addToReport(part: ReportPart, result: AuditResult, locale: Locale): void {
  const week = result.date ? weekOf(result.date) : undefined;
  if (week) bump((part.weeks[week] ??= {}), result.badge);
  else bump(part.undated, result.badge);
  if (result.author !== undefined) bump((part.authors[result.author] ??= {}), result.badge);
  if (result.badge !== 'complete') {
    part.actionCount++;
    const list = (part.action[result.badge] ??= []);
    if (list.length < REPORT_ACTION_ROWS) {
      list.push({
        line: result.line,
        ...(result.id !== undefined && { id: result.id }),
        ...(result.checklist !== undefined && { checklist: result.checklist }),
        badge: result.badge,
        failing: result.failing,
        followUp: followUpItems(result, locale),
        ...(result.author !== undefined && { author: result.author }),
        ...(result.date !== undefined && { date: result.date }),
      });
    }
  }
  const common = {
    line: result.line,
    ...(result.id !== undefined && { id: result.id }),
    ...(result.checklist !== undefined && { checklist: result.checklist }),
    ...(result.author !== undefined && { author: result.author }),
  };
  for (const item of result.open ?? []) {
    if (!item.overdue || !item.dueAt) continue;
    part.overdueCount++;
    part.overdue.push({ ...common, rule: item.rule, dueAt: item.dueAt, kind: 'follow-up' });
  }
  if (result.deadline) {
    part.overdueCount++;
    part.overdue.push({ ...common, rule: result.deadline.rule, dueAt: result.deadline.dueAt, kind: 'deadline' });
  }
  if (part.overdue.length > 2 * REPORT_OVERDUE_ROWS) part.overdue = keepOldestDue(part.overdue);
}

/** Adds a later batch's part to the running total; called in file order, so the rows kept are the same with any number of threads. */
export function mergeReport(total: ReportPart, part: ReportPart): void {
  for (const week in part.weeks) for (const badge in part.weeks[week]) bump((total.weeks[week] ??= {}), badge, part.weeks[week]![badge]);
  for (const badge in part.undated) bump(total.undated, badge, part.undated[badge]);
  for (const author in part.authors)
    for (const badge in part.authors[author]) bump((total.authors[author] ??= {}), badge, part.authors[author]![badge]);
  for (const badge in part.action) {
    const list = (total.action[badge] ??= []);
    for (const row of part.action[badge]!) {
      if (list.length >= REPORT_ACTION_ROWS) break;
      list.push(row);
    }
  }
  total.actionCount += part.actionCount;
  total.overdueCount += part.overdueCount;
  total.overdue = keepOldestDue(total.overdue.concat(part.overdue));
}

interface ReportWords {
  title: string;
  source: string;
  clockGiven: string;
  clockNow: string;
  records: string;
  recordsHeading: string;
  malformed: string;
  badges: string;
  share: string;
  trend: string;
  trendLabel: string;
  weekOf: string;
  undated: string;
  byWeek: string;
  week: string;
  total: string;
  lastWeeks: string;
  rules: string;
  rule: string;
  ruleText: string;
  failingRecords: string;
  compared: string;
  noFailing: string;
  overdue: string;
  overdueNone: string;
  overdueShown: string;
  dueAt: string;
  kind: string;
  kindFollowUp: string;
  kindDeadline: string;
  authors: string;
  author: string;
  needAction: string;
  completeShare: string;
  authorsShown: string;
  action: string;
  actionShown: string;
  actionNone: string;
  filterBadge: string;
  filterAll: string;
  filterText: string;
  filterCount: string;
  line: string;
  record: string;
  checklist: string;
  badge: string;
  failing: string;
  followUp: string;
  date: string;
  stopped: string;
}

const WORDS: Record<Locale, ReportWords> = {
  en: {
    title: 'Record-keeping audit',
    source: 'Export',
    clockGiven: 'Deadlines judged at {at} (--now).',
    clockNow: 'Deadlines judged at {at}, the time of this run (no --now was given).',
    records: 'records',
    recordsHeading: 'Records',
    malformed: 'could not be read',
    badges: 'Records by badge',
    share: 'of records',
    trend: 'Badges by week',
    trendLabel: 'Records per week by badge, stacked',
    weekOf: 'Week of {week}',
    undated: 'no date',
    byWeek: 'Figures by week',
    week: 'Week of',
    total: 'Total',
    lastWeeks: 'The chart shows the latest {n} weeks; the figures below hold every week.',
    rules: 'Rules most often failing',
    rule: 'Rule',
    ruleText: 'What it asks',
    failingRecords: 'Records failing',
    compared: 'Compared with the most failing',
    noFailing: 'No record fails a required rule.',
    overdue: 'Overdue',
    overdueNone: 'Nothing is overdue.',
    overdueShown: 'Showing the {shown} due longest ago of {n}.',
    dueAt: 'Due',
    kind: 'What',
    kindFollowUp: 'follow-up',
    kindDeadline: 'record deadline',
    authors: 'By author',
    author: 'Author',
    needAction: 'Needing action',
    completeShare: 'Complete',
    authorsShown: 'Showing {shown} of {n} authors, most needing action first.',
    action: 'Records needing action',
    actionShown:
      'The table holds {shown} of {n} records needing action, the most urgent badges first; the NDJSON output (--format json) has every one.',
    actionNone: 'Every record is complete.',
    filterBadge: 'Badge',
    filterAll: 'All badges',
    filterText: 'Search (record, rule, author, checklist)',
    filterCount: 'rows shown',
    line: 'Line',
    record: 'Record',
    checklist: 'Checklist',
    badge: 'Badge',
    failing: 'Failing rules',
    followUp: 'Follow-up',
    date: 'Date',
    stopped: 'The audit stopped early: {reason}. The figures cover the records read before that.',
  },
  'zh-CN': {
    title: '记录规范审核',
    source: '导出文件',
    clockGiven: '期限按 {at} 判断（--now）。',
    clockNow: '期限按本次运行时间 {at} 判断（未指定 --now）。',
    records: '条记录',
    recordsHeading: '记录数',
    malformed: '条无法读取',
    badges: '各状态的记录数',
    share: '占全部记录',
    trend: '每周状态',
    trendLabel: '每周记录数，按状态堆叠',
    weekOf: '{week} 当周',
    undated: '无日期',
    byWeek: '每周数据',
    week: '周起始日',
    total: '合计',
    lastWeeks: '图中显示最近 {n} 周；下方数据包含每一周。',
    rules: '最常未通过的规则',
    rule: '规则',
    ruleText: '要求',
    failingRecords: '未通过的记录数',
    compared: '与最常未通过的规则相比',
    noFailing: '没有记录未通过必填规则。',
    overdue: '逾期事项',
    overdueNone: '没有逾期事项。',
    overdueShown: '显示 {n} 项中到期最早的 {shown} 项。',
    dueAt: '到期时间',
    kind: '类型',
    kindFollowUp: '跟进',
    kindDeadline: '记录期限',
    authors: '按作者',
    author: '作者',
    needAction: '需处理',
    completeShare: '完整',
    authorsShown: '显示 {n} 位作者中的 {shown} 位，需处理最多的在前。',
    action: '需处理的记录',
    actionShown: '表中列出 {n} 条需处理记录中的 {shown} 条，最紧急的状态在前；NDJSON 输出（--format json）包含全部记录。',
    actionNone: '所有记录均完整。',
    filterBadge: '状态',
    filterAll: '全部状态',
    filterText: '搜索（记录、规则、作者、清单）',
    filterCount: '行显示中',
    line: '行',
    record: '记录',
    checklist: '清单',
    badge: '状态',
    failing: '未通过的规则',
    followUp: '跟进',
    date: '日期',
    stopped: '审核提前停止：{reason}。以上数据只包含此前读取的记录。',
  },
};

/** Text for HTML: the only way export text reaches the page. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));

/** Badge colours chosen to stay apart for the common colour-vision deficiencies, each with its text on the legend. */
const BADGE_COLOURS: Record<string, string> = {
  attention: '#b3261e',
  overdue: '#e8710a',
  missing: '#7b1fa2',
  incomplete: '#c99a00',
  check: '#1a73e8',
  complete: '#188038',
  unstructured: '#80868b',
};
const colourOf = (badge: string) => BADGE_COLOURS[badge] ?? '#5f6368';

/** The filter script: hides rows that do not match, by `hidden`; it never writes markup. */
const FILTER_SCRIPT = `(() => {
  const rows = Array.from(document.querySelectorAll('#action tbody tr'));
  const badge = document.getElementById('filter-badge');
  const text = document.getElementById('filter-text');
  const count = document.getElementById('filter-count');
  if (!badge || !text || !count) return;
  const apply = () => {
    const wanted = badge.value;
    const query = text.value.trim().toLowerCase();
    let shown = 0;
    for (const row of rows) {
      const match = (!wanted || row.dataset.badge === wanted) && (!query || (row.dataset.search || '').includes(query));
      row.hidden = !match;
      if (match) shown++;
    }
    count.textContent = String(shown);
  };
  badge.addEventListener('change', apply);
  text.addEventListener('input', apply);
  apply();
})();`;

const STYLE = `
:root { color-scheme: light; --ink: #202124; --muted: #5f6368; --line: #dadce0; --panel: #f8f9fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: #fff; }
header { padding: 20px 28px 12px; border-bottom: 1px solid var(--line); }
h1 { margin: 0 0 6px; font-size: 24px; }
h2 { font-size: 18px; margin: 0 0 12px; }
main { padding: 8px 28px 40px; max-width: 1200px; }
section { margin: 24px 0; }
.meta { margin: 2px 0; color: var(--muted); }
.stopped { color: #b3261e; font-weight: 600; }
.tiles { display: flex; flex-wrap: wrap; gap: 12px; list-style: none; margin: 0; padding: 0; }
.tile { min-width: 150px; padding: 12px 14px; border: 1px solid var(--line); border-left: 6px solid var(--badge); border-radius: 8px; background: var(--panel); }
.tile .count { display: block; font-size: 28px; font-weight: 700; font-variant-numeric: tabular-nums; }
.tile .label { display: block; font-weight: 600; }
.tile .share { display: block; color: var(--muted); font-size: 13px; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; list-style: none; padding: 0; margin: 8px 0; font-size: 13px; }
.legend li::before { content: ""; display: inline-block; width: 12px; height: 12px; margin-right: 6px; vertical-align: -1px; background: var(--badge); border-radius: 2px; }
.chart { overflow-x: auto; }
.chart canvas { display: block; max-width: none; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.id { overflow-wrap: anywhere; min-width: 10ch; }
td.date { white-space: nowrap; }
#rules th[scope=row], #overdue td:first-child { white-space: nowrap; }
.bar { display: block; height: 10px; background: #b3261e; border-radius: 2px; min-width: 2px; }
.pill { display: inline-block; padding: 0 8px; border-radius: 10px; color: var(--ink); background: #fff; border: 2px solid var(--badge); font-size: 13px; white-space: nowrap; }
.filters { display: flex; flex-wrap: wrap; gap: 16px; align-items: end; margin: 8px 0 12px; }
.filters label { display: flex; flex-direction: column; font-size: 13px; color: var(--muted); gap: 4px; }
.filters input, .filters select { font: inherit; padding: 4px 8px; min-width: 240px; }
details summary { cursor: pointer; color: var(--muted); margin: 8px 0; }
tr[hidden] { display: none; }
`;

export interface ReportInput {
  part: ReportPart;
  totals: { records: number; malformed: number; badges: Record<string, number>; failingRules: Record<string, number> };
  clock: { at: string; given: boolean };
  locale: Locale;
  /** The export's name, as given on the command line. */
  file: string;
  checklists: readonly Checklist[];
  stopped?: string;
}

/** Rule id → what it asks, in the locale, from the checklists the audit used (the first checklist naming a rule wins). */
function ruleTexts(checklists: readonly Checklist[], locale: Locale): Map<string, string> {
  const texts = new Map<string, string>();
  const add = (id: string, summary: Checklist['rules'][number]['summary']) => {
    if (!texts.has(id)) texts.set(id, localize(summary, locale));
  };
  for (const checklist of checklists) {
    for (const rule of checklist.rules) add(rule.id, rule.summary);
    if (checklist.deadline) add(checklist.deadline.rule, checklist.deadline.summary);
    for (const attention of checklist.attention ?? []) add(attention.rule, attention.summary);
  }
  return texts;
}

/** A badge as dark text in a coloured outline: readable whatever the badge's colour. */
function pill(badge: string, locale: Locale): string {
  return `<span class="pill" style="--badge:${colourOf(badge)}">${escapeHtml(badgeLabel(locale, badge))}</span>`;
}

/**
 * Chart.js, the charting library the weekly chart is drawn with, as its
 * maintainers publish it (MIT): the SDK's build copies it beside the CLI
 * (`dist/vendor/`), and a run from the sources reads the installed package.
 * It is inlined into the page, unmodified, and allowed by its hash.
 */
let chartLibrary: string | undefined;
export function chartLibrarySource(): string {
  if (chartLibrary === undefined) {
    const beside = fileURLToPath(new URL('./vendor/chart.umd.min.js', import.meta.url));
    const file = existsSync(beside) ? beside : join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');
    chartLibrary = readFileSync(file, 'utf8');
  }
  return chartLibrary;
}

/** Draws the stacked weekly chart from the page's own figures (`#trend-data`); it reads nothing else and sends nothing. */
const CHART_SCRIPT = `(function(){var d=document.getElementById('trend-data'),c=document.getElementById('trend-canvas');if(!d||!c||!window.Chart)return;var f=JSON.parse(d.textContent);new window.Chart(c,{type:'bar',data:{labels:f.weeks,datasets:f.series.map(function(s){return{label:s.label,data:s.counts,backgroundColor:s.colour,stack:'badges'};})},options:{animation:false,responsive:false,plugins:{legend:{display:false}},scales:{x:{stacked:true},y:{stacked:true,beginAtZero:true,ticks:{precision:0}}}}});c.setAttribute('data-drawn','1');})();`;

/** The figures the chart draws: counts and dates only, never text from the export, in JSON safe inside a script element. */
function weekChartData(weeks: string[], counts: Record<string, Record<string, number>>, badges: readonly string[], locale: Locale): string {
  const series = [...badges].map((badge) => ({
    badge,
    label: badgeLabel(locale, badge),
    colour: colourOf(badge),
    counts: weeks.map((week) => counts[week]![badge] ?? 0),
  }));
  return JSON.stringify({ weeks, series }).replace(/</g, '\\u003c');
}

/** The whole page, as one string of HTML. */
export function renderAuditReport(input: ReportInput): string {
  const { part, totals, locale } = input;
  const words = WORDS[locale];
  const number = new Intl.NumberFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-US');
  const percent = new Intl.NumberFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-US', { style: 'percent', maximumFractionDigits: 1 });
  const share = (n: number, of: number) => (of ? percent.format(n / of) : '–');
  const badges = [...AUDIT_BADGES, ...Object.keys(totals.badges).filter((badge) => !AUDIT_BADGES.includes(badge as never))];
  const hash = (script: string) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
  const library = chartLibrarySource();
  const scriptHashes = [library, CHART_SCRIPT, FILTER_SCRIPT].map(hash).join(' ');
  const html: string[] = [];
  const clock = fill(input.clock.given ? words.clockGiven : words.clockNow, { at: input.clock.at.replace('T', ' ') });

  html.push(
    '<!doctype html>',
    `<html lang="${locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    // Nothing may load: no network, no file beside the page; only this page's own style and its three inline scripts.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src ${scriptHashes}; img-src data:; base-uri 'none'; form-action 'none'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(words.title)} · ${escapeHtml(input.file)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(words.title)}</h1>`,
    `<p class="meta">${escapeHtml(words.source)}: <span id="source">${escapeHtml(input.file)}</span> · <span id="records" data-count="${totals.records}">${escapeHtml(number.format(totals.records))}</span> ${escapeHtml(words.records)}${
      totals.malformed
        ? ` · <span id="malformed" data-count="${totals.malformed}">${escapeHtml(number.format(totals.malformed))}</span> ${escapeHtml(words.malformed)}`
        : ''
    }</p>`,
    `<p class="meta" id="clock" data-given="${input.clock.given}">${escapeHtml(clock)}</p>`,
    ...(input.stopped ? [`<p class="stopped" id="stopped">${escapeHtml(fill(words.stopped, { reason: input.stopped }))}</p>`] : []),
    '</header>',
    '<main>',
  );

  // Badge counts.
  html.push(`<section aria-labelledby="badges-title"><h2 id="badges-title">${escapeHtml(words.badges)}</h2><ul class="tiles" id="badges">`);
  for (const badge of badges) {
    const n = totals.badges[badge] ?? 0;
    html.push(
      `<li class="tile" data-badge="${escapeHtml(badge)}" style="--badge:${colourOf(badge)}"><span class="count" data-count="${n}">${escapeHtml(number.format(n))}</span><span class="label">${escapeHtml(badgeLabel(locale, badge))}</span><span class="share">${escapeHtml(share(n, totals.records))} ${escapeHtml(words.share)}</span></li>`,
    );
  }
  html.push('</ul></section>');

  // Trend by week.
  const weeks = Object.keys(part.weeks).sort();
  if (weeks.length) {
    const shown = weeks.slice(-REPORT_CHART_WEEKS);
    html.push(`<section aria-labelledby="trend-heading"><h2 id="trend-heading">${escapeHtml(words.trend)}</h2>`);
    html.push(
      `<ul class="legend">${badges.map((badge) => `<li style="--badge:${colourOf(badge)}">${escapeHtml(badgeLabel(locale, badge))}</li>`).join('')}</ul>`,
    );
    if (shown.length < weeks.length) html.push(`<p class="meta">${escapeHtml(fill(words.lastWeeks, { n: shown.length }))}</p>`);
    const chartWidth = 64 + shown.length * (shown.length <= 16 ? 56 : 26);
    html.push(
      `<div class="chart" id="trend"><canvas id="trend-canvas" width="${Math.max(320, chartWidth)}" height="280" role="img" aria-label="${escapeHtml(words.trendLabel)}"></canvas></div>`,
      `<script type="application/json" id="trend-data">${weekChartData(shown, part.weeks, badges, locale)}</script>`,
    );
    html.push(
      `<details><summary>${escapeHtml(words.byWeek)}</summary><table id="weeks"><thead><tr><th scope="col">${escapeHtml(words.week)}</th>`,
    );
    for (const badge of badges) html.push(`<th scope="col" class="n">${escapeHtml(badgeLabel(locale, badge))}</th>`);
    html.push(`<th scope="col" class="n">${escapeHtml(words.total)}</th></tr></thead><tbody>`);
    const weekRow = (label: string, key: string, counts: Record<string, number>) => {
      const cells = badges
        .map((badge) => `<td class="n" data-badge="${escapeHtml(badge)}">${escapeHtml(number.format(counts[badge] ?? 0))}</td>`)
        .join('');
      const total = badges.reduce((sum, badge) => sum + (counts[badge] ?? 0), 0);
      return `<tr data-week="${escapeHtml(key)}"><th scope="row">${escapeHtml(label)}</th>${cells}<td class="n">${escapeHtml(number.format(total))}</td></tr>`;
    };
    for (const week of weeks) html.push(weekRow(week, week, part.weeks[week]!));
    if (Object.keys(part.undated).length) html.push(weekRow(words.undated, 'undated', part.undated));
    html.push('</tbody></table></details></section>');
  }

  // Rules most often failing.
  const texts = ruleTexts(input.checklists, locale);
  const rules = Object.entries(totals.failingRules)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 15);
  html.push(`<section aria-labelledby="rules-title"><h2 id="rules-title">${escapeHtml(words.rules)}</h2>`);
  if (!rules.length) html.push(`<p>${escapeHtml(words.noFailing)}</p>`);
  else {
    const most = rules[0]![1];
    html.push(
      `<table id="rules"><thead><tr><th scope="col">${escapeHtml(words.rule)}</th><th scope="col">${escapeHtml(words.ruleText)}</th><th scope="col" class="n">${escapeHtml(words.failingRecords)}</th><th scope="col" style="width:24%">${escapeHtml(words.compared)}</th></tr></thead><tbody>`,
    );
    for (const [rule, n] of rules) {
      html.push(
        `<tr data-rule="${escapeHtml(rule)}"><th scope="row">${escapeHtml(rule)}</th><td>${escapeHtml(texts.get(rule) ?? '')}</td><td class="n" data-count="${n}">${escapeHtml(number.format(n))}</td><td><span class="bar" style="width:${((n / most) * 100).toFixed(1)}%"></span></td></tr>`,
      );
    }
    html.push('</tbody></table>');
  }
  html.push('</section>');

  // Overdue follow-ups and deadlines.
  html.push(
    `<section aria-labelledby="overdue-title"><h2 id="overdue-title">${escapeHtml(words.overdue)} <span id="overdue-count" data-count="${part.overdueCount}">(${escapeHtml(number.format(part.overdueCount))})</span></h2>`,
  );
  if (!part.overdue.length) html.push(`<p>${escapeHtml(words.overdueNone)}</p>`);
  else {
    if (part.overdue.length < part.overdueCount)
      html.push(
        `<p class="meta">${escapeHtml(fill(words.overdueShown, { shown: number.format(part.overdue.length), n: number.format(part.overdueCount) }))}</p>`,
      );
    html.push(
      `<table id="overdue"><thead><tr><th scope="col">${escapeHtml(words.dueAt)}</th><th scope="col">${escapeHtml(words.record)}</th><th scope="col">${escapeHtml(words.checklist)}</th><th scope="col">${escapeHtml(words.rule)}</th><th scope="col">${escapeHtml(words.kind)}</th><th scope="col">${escapeHtml(words.author)}</th><th scope="col" class="n">${escapeHtml(words.line)}</th></tr></thead><tbody>`,
    );
    for (const row of [...part.overdue].sort(byDueThenLine)) {
      html.push(
        `<tr><td>${escapeHtml(row.dueAt.replace('T', ' '))}</td><td class="id">${escapeHtml(row.id ?? '–')}</td><td>${escapeHtml(row.checklist ?? '–')}</td><td>${escapeHtml(row.rule)}</td><td>${escapeHtml(row.kind === 'deadline' ? words.kindDeadline : words.kindFollowUp)}</td><td>${escapeHtml(row.author ?? '–')}</td><td class="n">${row.line}</td></tr>`,
      );
    }
    html.push('</tbody></table>');
  }
  html.push('</section>');

  // Per author, when the export names one.
  const authors = Object.entries(part.authors);
  if (authors.length) {
    const needing = (counts: Record<string, number>) =>
      Object.entries(counts).reduce((sum, [badge, n]) => sum + (badge === 'complete' ? 0 : n), 0);
    const all = (counts: Record<string, number>) => Object.values(counts).reduce((sum, n) => sum + n, 0);
    authors.sort((a, b) => needing(b[1]) - needing(a[1]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const shown = authors.slice(0, REPORT_AUTHOR_ROWS);
    html.push(`<section aria-labelledby="authors-title"><h2 id="authors-title">${escapeHtml(words.authors)}</h2>`);
    if (shown.length < authors.length)
      html.push(`<p class="meta">${escapeHtml(fill(words.authorsShown, { shown: shown.length, n: authors.length }))}</p>`);
    html.push(
      `<table id="authors"><thead><tr><th scope="col">${escapeHtml(words.author)}</th><th scope="col" class="n">${escapeHtml(words.recordsHeading)}</th><th scope="col" class="n">${escapeHtml(words.needAction)}</th><th scope="col" class="n">${escapeHtml(words.completeShare)}</th>${badges
        .filter((badge) => badge !== 'complete')
        .map((badge) => `<th scope="col" class="n">${escapeHtml(badgeLabel(locale, badge))}</th>`)
        .join('')}</tr></thead><tbody>`,
    );
    for (const [author, counts] of shown) {
      const n = all(counts);
      html.push(
        `<tr data-author="${escapeHtml(author)}"><th scope="row">${escapeHtml(author)}</th><td class="n" data-count="${n}">${escapeHtml(number.format(n))}</td><td class="n" data-need="${needing(counts)}">${escapeHtml(number.format(needing(counts)))}</td><td class="n">${escapeHtml(share(counts.complete ?? 0, n))}</td>${badges
          .filter((badge) => badge !== 'complete')
          .map((badge) => `<td class="n" data-badge="${escapeHtml(badge)}">${escapeHtml(number.format(counts[badge] ?? 0))}</td>`)
          .join('')}</tr>`,
      );
    }
    html.push('</tbody></table></section>');
  }

  // Records needing action, most urgent badges first, filterable.
  const rows = badges
    .filter((badge) => badge !== 'complete')
    .flatMap((badge) => part.action[badge] ?? [])
    .slice(0, REPORT_ACTION_ROWS);
  html.push(
    `<section aria-labelledby="action-title"><h2 id="action-title">${escapeHtml(words.action)} <span id="action-count" data-count="${part.actionCount}">(${escapeHtml(number.format(part.actionCount))})</span></h2>`,
  );
  if (!rows.length) html.push(`<p>${escapeHtml(words.actionNone)}</p>`);
  else {
    if (rows.length < part.actionCount)
      html.push(
        `<p class="meta">${escapeHtml(fill(words.actionShown, { shown: number.format(rows.length), n: number.format(part.actionCount) }))}</p>`,
      );
    const present = badges.filter((badge) => badge !== 'complete' && (part.action[badge]?.length ?? 0) > 0);
    html.push(
      `<div class="filters"><label for="filter-badge">${escapeHtml(words.filterBadge)}<select id="filter-badge"><option value="">${escapeHtml(words.filterAll)}</option>${present
        .map((badge) => `<option value="${escapeHtml(badge)}">${escapeHtml(badgeLabel(locale, badge))}</option>`)
        .join(
          '',
        )}</select></label><label for="filter-text">${escapeHtml(words.filterText)}<input id="filter-text" type="search" autocomplete="off"></label><p class="meta" aria-live="polite"><span id="filter-count">${rows.length}</span> ${escapeHtml(words.filterCount)}</p></div>`,
    );
    html.push(
      `<table id="action"><thead><tr><th scope="col" class="n">${escapeHtml(words.line)}</th><th scope="col">${escapeHtml(words.record)}</th><th scope="col">${escapeHtml(words.checklist)}</th><th scope="col">${escapeHtml(words.badge)}</th><th scope="col">${escapeHtml(words.failing)}</th><th scope="col">${escapeHtml(words.followUp)}</th><th scope="col">${escapeHtml(words.author)}</th><th scope="col">${escapeHtml(words.date)}</th></tr></thead><tbody>`,
    );
    for (const row of rows) {
      const search = [row.id, row.checklist, row.author, ...row.failing, ...row.followUp].filter(Boolean).join(' ').toLowerCase();
      html.push(
        `<tr data-badge="${escapeHtml(row.badge)}" data-search="${escapeHtml(search)}"><td class="n">${row.line}</td><td class="id">${escapeHtml(row.id ?? '–')}</td><td>${escapeHtml(row.checklist ?? '–')}</td><td>${pill(row.badge, locale)}</td><td>${escapeHtml(row.failing.join(' ') || '–')}</td><td>${escapeHtml(row.followUp.join('; ') || '–')}</td><td>${escapeHtml(row.author ?? '–')}</td><td class="date">${escapeHtml(row.date ?? '–')}</td></tr>`,
      );
    }
    html.push('</tbody></table>');
  }
  html.push(
    '</section>',
    '</main>',
    `<script id="chart-library">${library}</script>`,
    `<script>${CHART_SCRIPT}</script>`,
    `<script>${FILTER_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  );
  return html.join('\n');
}
