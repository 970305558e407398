// `chartguard audit --report`: the HTML page a supervisor opens. Its figures
// must be the audit's own (checked against the NDJSON the same run writes),
// it must load nothing from anywhere, export text must stay text, and it must
// render and filter in a real browser opened from a file.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AxeResults } from 'axe-core';
import { Window } from 'happy-dom';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/find-chromium.mjs';
import { ensureBuilt, repoRoot } from '../fixtures/audit/ensure-built.js';
import { runAuditCli as run } from '../fixtures/audit/run-cli.js';

const NOW = '2026-03-10T12:00';
const RECORDS = 3000;
const dir = mkdtempSync(join(tmpdir(), 'chartguard-report-'));
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** Authors as an export may hold them, one of them markup that must stay text. */
const AUTHORS = ['Ana Silva', '李明', '<img src=x onerror="document.title=1">', 'Bob "B" O\'Neil'];
const HOSTILE_ID = 'R-<script>document.title="x"</script>';

interface RecordLine {
  type: 'record';
  line: number;
  id?: string;
  badge: string;
  failing: string[];
  date?: string;
  author?: string;
  open?: { rule: string; dueAt?: string; overdue: boolean }[];
  deadline?: { rule: string; dueAt: string };
}
interface Summary {
  records: number;
  malformed: number;
  badges: Record<string, number>;
  failingRules: Record<string, number>;
}

/** The Monday of a day's week, worked out here independently of the CLI. */
function monday(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

const parse = (html: string) => new new Window().DOMParser().parseFromString(html, 'text/html');
/** The report parsed once: the tests below only read it, and parsing 3,000 records' page in happy-dom took seconds each time. */
let parsedReport: ReturnType<typeof parse> | undefined;
const reportDoc = () => (parsedReport ??= parse(html));
const digits = (text: string | null | undefined) => Number((text ?? '').replace(/[^\d]/g, ''));

let exportFile: string;
let reportFile: string;
let html: string;
let records: RecordLine[];
let summary: Summary;

beforeAll(async () => {
  await ensureBuilt();
  const generated = join(dir, 'generated.ndjson');
  const gen = spawnSync(
    process.execPath,
    [join(repoRoot, 'scripts', 'gen-audit-records.mjs'), String(RECORDS), generated, '--seed', '11', '--now', NOW],
    { encoding: 'utf8' },
  );
  expect(gen.status).toBe(0);
  // The generator writes no author column; add a `worker` column as a rota export has, and one hostile id.
  const lines = readFileSync(generated, 'utf8').trim().split('\n');
  exportFile = join(dir, 'export.ndjson');
  writeFileSync(
    exportFile,
    `${lines
      .map((line, i) => {
        const row = JSON.parse(line) as Record<string, unknown>;
        // A hand-written note (no header) always needs a person, so this record is in the table of records needing action.
        if (i === 4) Object.assign(row, { id: HOSTILE_ID, note: 'Saw the client at home; all fine.' });
        return JSON.stringify({ ...row, worker: AUTHORS[i % AUTHORS.length] });
      })
      .join('\n')}\n`,
  );
  reportFile = join(dir, 'report.html');
  const audit = await run(['audit', exportFile, '--format', 'json', '--now', NOW, '--report', reportFile, '--jobs', '2']);
  expect(audit.stderr).toBe('');
  expect(audit.code).toBe(1);
  const out = audit.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string });
  records = out.filter((item): item is RecordLine => item.type === 'record');
  summary = out.at(-1) as unknown as Summary;
  html = readFileSync(reportFile, 'utf8');
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the audit report (HTML)', { timeout: 120_000 }, () => {
  it('shows the badge counts of the audit’s own summary', () => {
    const doc = reportDoc();
    expect(summary.records).toBe(RECORDS);
    expect(digits(doc.querySelector('#records')?.textContent)).toBe(RECORDS);
    const tiles = [...doc.querySelectorAll('#badges .tile')];
    expect(tiles.map((tile) => tile.getAttribute('data-badge'))).toEqual(Object.keys(summary.badges));
    for (const tile of tiles) {
      const badge = tile.getAttribute('data-badge')!;
      expect(digits(tile.querySelector('.count')?.textContent), badge).toBe(summary.badges[badge]);
    }
    // Enough of each kind that the figures say something.
    expect(summary.badges.attention).toBeGreaterThan(0);
    expect(summary.badges.overdue).toBeGreaterThan(0);
  });

  it('counts every record in its week, by badge, as the NDJSON dates say', () => {
    const doc = reportDoc();
    const expected = new Map<string, Record<string, number>>();
    for (const record of records) {
      const key = record.date ? monday(record.date) : 'undated';
      const counts = expected.get(key) ?? {};
      counts[record.badge] = (counts[record.badge] ?? 0) + 1;
      expected.set(key, counts);
    }
    const rows = [...doc.querySelectorAll('#weeks tbody tr')];
    expect(rows.map((row) => row.getAttribute('data-week')).sort()).toEqual([...expected.keys()].sort());
    expect(expected.size).toBeGreaterThan(1);
    for (const row of rows) {
      const counts = expected.get(row.getAttribute('data-week')!)!;
      for (const cell of row.querySelectorAll('td[data-badge]'))
        expect(digits(cell.textContent)).toBe(counts[cell.getAttribute('data-badge')!] ?? 0);
    }
    // The chart draws the same figures: its data, series by badge, adds up week by week to the table's.
    const data = JSON.parse(doc.querySelector('#trend-data')!.textContent!) as {
      weeks: string[];
      series: { badge: string; counts: number[] }[];
    };
    expect(data.weeks.length).toBeGreaterThan(1);
    data.weeks.forEach((week, i) => {
      const counts = expected.get(week)!;
      for (const series of data.series) expect(series.counts[i], `${week} ${series.badge}`).toBe(counts[series.badge] ?? 0);
    });
  });

  it('lists the rules most often failing with the summary’s counts, most first', () => {
    const doc = reportDoc();
    const rows = [...doc.querySelectorAll('#rules tbody tr')];
    const expected = Object.entries(summary.failingRules).slice(0, rows.length);
    expect(rows.length).toBe(Math.min(15, Object.keys(summary.failingRules).length));
    expect(rows.map((row) => [row.getAttribute('data-rule'), digits(row.querySelector('td.n')?.textContent)])).toEqual(expected);
    // Each rule says what it asks, from the checklist (deadline rules included).
    for (const row of rows) expect(row.querySelectorAll('td')[0]!.textContent!.length, row.getAttribute('data-rule')!).toBeGreaterThan(10);
  });

  it('lists overdue follow-ups and passed deadlines, oldest due first', () => {
    const doc = reportDoc();
    const expected = records.flatMap((record) => [
      ...(record.open ?? [])
        .filter((item) => item.overdue && item.dueAt)
        .map((item) => ({ id: record.id, rule: item.rule, dueAt: item.dueAt! })),
      ...(record.deadline ? [{ id: record.id, rule: record.deadline.rule, dueAt: record.deadline.dueAt }] : []),
    ]);
    expect(expected.length).toBeGreaterThan(0);
    expect(Number(doc.querySelector('#overdue-count')?.getAttribute('data-count'))).toBe(expected.length);
    const rows = [...doc.querySelectorAll('#overdue tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent),
    );
    expect(rows.length).toBe(Math.min(500, expected.length));
    const dues = rows.map((row) => row[0]!);
    expect(dues).toEqual([...dues].sort());
    expect(dues[0]).toBe(
      expected
        .map((item) => item.dueAt)
        .sort()[0]!
        .replace('T', ' '),
    );
  });

  it('has a row per author with that author’s records, and keeps markup in an author or id as text', () => {
    const doc = reportDoc();
    for (const author of AUTHORS) {
      const row = [...doc.querySelectorAll('#authors tbody tr')].find((candidate) => candidate.getAttribute('data-author') === author);
      expect(row, author).toBeDefined();
      expect(row!.querySelector('th')!.textContent).toBe(author);
      const mine = records.filter((record) => record.author === author);
      expect(Number(row!.querySelector('td')!.getAttribute('data-count'))).toBe(mine.length);
      expect(Number(row!.querySelector('td[data-need]')!.getAttribute('data-need'))).toBe(
        mine.filter((record) => record.badge !== 'complete').length,
      );
    }
    // No element came from export text: the only scripts are the page's own (the chart library, its start-up, the filter, and the chart's figures as JSON), and nothing carries an event handler.
    expect(doc.querySelectorAll('img').length).toBe(0);
    expect(doc.querySelectorAll('script').length).toBe(4);
    expect(
      [...doc.querySelectorAll('*')].flatMap((element) => element.getAttributeNames().filter((name) => name.startsWith('on'))),
    ).toEqual([]);
    expect(html).toContain('&#60;img src=x onerror=&#34;document.title=1&#34;&#62;');
    expect([...doc.querySelectorAll('#action td.id')].some((cell) => cell.textContent === HOSTILE_ID)).toBe(true);
  });

  it('puts the records needing action in its table, most urgent badges first', () => {
    const doc = reportDoc();
    const needing = records.filter((record) => record.badge !== 'complete');
    expect(Number(doc.querySelector('#action-count')?.getAttribute('data-count'))).toBe(needing.length);
    const rows = [...doc.querySelectorAll('#action tbody tr')];
    expect(rows.length).toBe(Math.min(2000, needing.length));
    const order = Object.keys(summary.badges);
    const ranks = rows.map((row) => order.indexOf(row.getAttribute('data-badge')!));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // Within a badge, file order; and each row is that record's.
    const first = rows[0]!;
    const firstRecord = needing.find((record) => record.badge === first.getAttribute('data-badge'))!;
    expect(Number(first.querySelector('td')!.textContent)).toBe(firstRecord.line);
    expect(first.querySelectorAll('td')[4]!.textContent).toBe(firstRecord.failing.join(' ') || '–');
  });

  it('can load nothing: no URL to fetch, and a policy that forbids every source but its own hashed scripts', () => {
    const doc = reportDoc();
    // The charting library is Chart.js exactly as published (its licence banner names its site, which is never fetched).
    const library = doc.querySelector('script#chart-library')!.textContent!;
    expect(library).toBe(readFileSync(join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js'), 'utf8'));
    expect(library).toMatch(/^\/\*!\n \* Chart\.js v4\./);
    const ours = html.replace(library, '');
    expect(ours).not.toMatch(/https?:|\/\/[a-z]|url\(|@import/i);
    expect([...doc.querySelectorAll('[src], [href], link, iframe, object, embed, img, base')]).toEqual([]);
    const policy = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
    expect(policy).toContain("default-src 'none'");
    const scripts = [...doc.querySelectorAll('script:not([type])')].map((script) => script.textContent!);
    expect(scripts).toHaveLength(3);
    const allowed = policy
      .match(/script-src ([^;]+)/)![1]!
      .trim()
      .split(/\s+/);
    expect(allowed).toEqual(scripts.map((script) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`));
  });

  it('is the same page whether one thread or several graded, in table or json mode', async () => {
    const other = join(dir, 'report-one.html');
    const one = await run(['audit', exportFile, '--now', NOW, '--report', other, '--jobs', '1']);
    expect(one.code).toBe(1);
    expect(readFileSync(other, 'utf8')).toBe(html);
  });

  it('speaks the chosen locale and says when deadlines were judged at the time of the run', async () => {
    const file = join(dir, 'report-zh.html');
    // The words and the clock do not depend on how many records there are: the first 300 of the export, which hold
    // records needing attention, spare grading the 3,000 a third time.
    const some = join(dir, 'export-300.ndjson');
    writeFileSync(some, `${readFileSync(exportFile, 'utf8').split('\n').slice(0, 300).join('\n')}\n`);
    expect((await run(['audit', some, '--format', 'json', '--report', file, '--locale', 'zh-CN'])).code).toBe(1);
    const doc = parse(readFileSync(file, 'utf8'));
    expect(doc.documentElement.getAttribute('lang')).toBe('zh-CN');
    expect(doc.querySelector('h1')?.textContent).toBe('记录规范审核');
    expect(doc.querySelector('#clock')?.getAttribute('data-given')).toBe('false');
    expect(doc.querySelector('#clock')?.textContent).toMatch(/本次运行时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(doc.querySelector('#badges .tile[data-badge="attention"] .label')?.textContent).toBe('需要关注');
  });

  it('refuses a report it could not write before grading anything', async () => {
    const { code, stderr, stdout } = await run(['audit', exportFile, '--report', join(dir, 'missing-folder', 'report.html')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot write the report .*missing-folder.*ENOENT/);
    expect(stdout).toBe('');
  });
});

describe('the audit report in Chromium, opened from a file', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: await findChromium({ install: false }) });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('renders its figures, filters its table, requests nothing else, and axe finds no serious or critical violation', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    const url = pathToFileURL(reportFile).href;
    await page.goto(url);

    // The figures a supervisor sees.
    for (const [badge, count] of Object.entries(summary.badges)) {
      const tile = page.locator(`#badges .tile[data-badge="${badge}"]`);
      await expect.poll(() => tile.locator('.count').innerText()).toBe(count.toLocaleString('en-US'));
      expect(await tile.isVisible()).toBe(true);
    }
    // Chart.js drew the chart (the policy let the library and its start-up script through), from the page's figures.
    const chart = page.locator('#trend-canvas[data-drawn="1"]');
    await chart.waitFor({ state: 'visible' });
    expect((await chart.boundingBox())!.height).toBeGreaterThan(100);
    const drawn = await page.evaluate(() => {
      const canvas = document.getElementById('trend-canvas') as HTMLCanvasElement;
      const instance = (
        window as unknown as {
          Chart: { getChart(c: HTMLCanvasElement): { data: { labels: string[]; datasets: { data: number[] }[] } } | undefined };
        }
      ).Chart.getChart(canvas)!;
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted += 1;
      return {
        weeks: instance.data.labels.length,
        total: instance.data.datasets.reduce((sum, set) => sum + set.data.reduce((a, b) => a + b, 0), 0),
        painted,
      };
    });
    expect(drawn.weeks).toBeGreaterThan(1);
    expect(drawn.total).toBeGreaterThan(0);
    expect(drawn.painted).toBeGreaterThan(1000);

    // The filter script ran (the policy let its hash through): the count is live.
    const needing = records.filter((record) => record.badge !== 'complete');
    const shownRows = Math.min(2000, needing.length);
    await expect.poll(() => page.locator('#filter-count').innerText()).toBe(String(shownRows));
    await page.locator('#filter-badge').selectOption('overdue');
    const overdueRows = Math.min(shownRows, needing.filter((record) => record.badge === 'overdue').length);
    await expect.poll(() => page.locator('#filter-count').innerText()).toBe(String(overdueRows));
    expect(await page.locator('#action tbody tr:visible').count()).toBe(overdueRows);
    expect(
      new Set(await page.locator('#action tbody tr:visible').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-badge')))),
    ).toEqual(new Set(['overdue']));
    await page.locator('#filter-badge').selectOption('');
    await page.locator('#filter-text').fill(AUTHORS[1]!);
    const byAuthor = await page.locator('#action tbody tr:visible').count();
    expect(byAuthor).toBeGreaterThan(0);
    expect(byAuthor).toBeLessThan(shownRows);
    expect(await page.locator('#filter-count').innerText()).toBe(String(byAuthor));

    // Nothing but the page itself was requested, and nothing was refused or failed.
    expect(requests).toEqual([url]);
    expect(problems).toEqual([]);
    expect(await page.title()).not.toBe('1');

    await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
      const results = await axe.run(document, { resultTypes: ['violations'] });
      return results.violations.map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.length }));
    });
    expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([]);
    await page.close();
  });
});
