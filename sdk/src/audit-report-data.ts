// What a supervisor's report shows, gathered while records are graded: counts
// by week and by author, failing and advisory rules, the most overdue records
// and the records that need action. Each part is bounded, so a report over a
// million records holds the same memory as one over a hundred.
import type { AuditResult } from './audit.js';

export interface ReportRow {
  line: number;
  id?: string;
  checklist?: string;
  badge: string;
  date?: string;
  author?: string;
  failing: string[];
  warnings: string[];
  attention: string[];
  deadline?: AuditResult['deadline'];
}

export interface ReportPart {
  weeks: Record<string, Record<string, number>>;
  authors: Record<string, Record<string, number>>;
  warnings: Record<string, number>;
  attention: Record<string, number>;
  overdue: ReportRow[];
  overdueCount: number;
  action: ReportRow[];
  actionCount: number;
  undated: number;
}

/** Rows kept for the table of records needing action, and for the overdue list; the NDJSON output holds them all. */
export const REPORT_ACTION_ROWS = 2000;
export const REPORT_OVERDUE_ROWS = 200;
/** Authors beyond this many are counted together, so an id column mistaken for an author cannot grow the report without end. */
export const REPORT_AUTHORS = 500;
export const OTHER_AUTHORS = '…';

/** Monday of the record's week, `YYYY-MM-DD`; weeks are calendar weeks of the record's own date. */
export function weekOf(date: string): string | undefined {
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  if (!Number.isFinite(ms)) return undefined;
  const day = new Date(ms).getUTCDay();
  return new Date(ms - ((day + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
}

const bump = (counts: Record<string, number>, key: string, by = 1) => {
  counts[key] = (counts[key] ?? 0) + by;
};

/** Records that need someone to act: anything but complete. */
export const needsAction = (badge: string) => badge !== 'complete';

function row(result: AuditResult): ReportRow {
  return {
    line: result.line,
    ...(result.id !== undefined && { id: result.id }),
    ...(result.checklist !== undefined && { checklist: result.checklist }),
    badge: result.badge,
    ...(result.date !== undefined && { date: result.date }),
    ...(result.author !== undefined && { author: result.author }),
    failing: result.failing,
    warnings: result.warnings,
    attention: result.attention,
    ...(result.deadline && { deadline: result.deadline }),
  };
}

const byLateness = (a: ReportRow, b: ReportRow) => b.deadline!.lateByMinutes - a.deadline!.lateByMinutes || a.line - b.line;

export class ReportCollector implements ReportPart {
  weeks: Record<string, Record<string, number>> = {};
  authors: Record<string, Record<string, number>> = {};
  warnings: Record<string, number> = {};
  attention: Record<string, number> = {};
  overdue: ReportRow[] = [];
  overdueCount = 0;
  action: ReportRow[] = [];
  actionCount = 0;
  undated = 0;
  private authorCount = 0;

  add(result: AuditResult): void {
    const week = result.date ? weekOf(result.date) : undefined;
    if (week) bump((this.weeks[week] ??= {}), result.badge);
    else this.undated++;
    if (result.author !== undefined) this.addAuthor(result.author, { [result.badge]: 1 });
    for (const rule of result.warnings) bump(this.warnings, rule);
    for (const rule of result.attention) bump(this.attention, rule);
    if (result.deadline && result.status === 'incomplete') {
      this.overdueCount++;
      this.overdue.push(row(result));
      if (this.overdue.length > REPORT_OVERDUE_ROWS * 2) this.trimOverdue();
    }
    if (needsAction(result.badge)) {
      this.actionCount++;
      if (this.action.length < REPORT_ACTION_ROWS) this.action.push(row(result));
    }
  }

  private addAuthor(author: string, counts: Record<string, number>): void {
    let name = author;
    if (!this.authors[name]) {
      if (this.authorCount >= REPORT_AUTHORS) name = OTHER_AUTHORS;
      else this.authorCount++;
    }
    const into = (this.authors[name] ??= {});
    for (const badge in counts) bump(into, badge, counts[badge]);
  }

  private trimOverdue(): void {
    this.overdue.sort(byLateness);
    this.overdue.length = Math.min(this.overdue.length, REPORT_OVERDUE_ROWS);
  }

  /** Adds a part gathered from later records (parts must be merged in file order, so the action table keeps the file's order). */
  merge(part: ReportPart): void {
    for (const week in part.weeks) {
      const into = (this.weeks[week] ??= {});
      for (const badge in part.weeks[week]) bump(into, badge, part.weeks[week]![badge]);
    }
    for (const author in part.authors) this.addAuthor(author, part.authors[author]!);
    for (const rule in part.warnings) bump(this.warnings, rule, part.warnings[rule]);
    for (const rule in part.attention) bump(this.attention, rule, part.attention[rule]);
    this.overdue.push(...part.overdue);
    this.overdueCount += part.overdueCount;
    this.trimOverdue();
    for (const item of part.action) if (this.action.length < REPORT_ACTION_ROWS) this.action.push(item);
    this.actionCount += part.actionCount;
    this.undated += part.undated;
  }

  toJSON(): ReportPart {
    this.trimOverdue();
    const sortedKeys = <T>(record: Record<string, T>) => Object.fromEntries(Object.keys(record).sort().map((key) => [key, record[key]!]));
    return {
      weeks: sortedKeys(this.weeks),
      authors: sortedKeys(this.authors),
      warnings: this.warnings,
      attention: this.attention,
      overdue: this.overdue,
      overdueCount: this.overdueCount,
      action: this.action,
      actionCount: this.actionCount,
      undated: this.undated,
    };
  }
}
