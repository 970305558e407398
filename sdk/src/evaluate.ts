// Grades one record against one checklist: what is missing, what is wrong,
// whether it is late, and the single badge a supervisor sees.
import { compileChecklist, runRules, type Issue } from './compile.js';
import { compileCondition } from './conditions.js';
import { readLocale, readNow, unknownFieldIssues, type Instant, type LocaleTag } from './inputs.js';
import { message } from './locales/index.js';
import type { Checklist } from './model.js';
import { localDateTimeMs, localDateTimeText, type ChecklistRecord } from './record.js';
import { localize, type Locale } from './text.js';

export type Badge = 'complete' | 'incomplete' | 'overdue' | 'attention';

/**
 * Badge precedence, most urgent first: a recorded risk (`attention`) outranks
 * a passed deadline (`overdue`), which outranks missing items (`incomplete`).
 */
export const BADGE_PRECEDENCE: readonly Badge[] = ['attention', 'overdue', 'incomplete', 'complete'];

export interface OrganisationSettings {
  /** Deadline hours by rule id, e.g. `{ 'SNC-08': 48 }`, overriding the checklist defaults. */
  deadlineHours?: Record<string, number>;
}

export interface EvaluateOptions {
  /** The clock; deadlines are judged against it. Defaults to the current time. */
  now?: Instant;
  /** A language tag; read by readLocale (`zh`, `zh-Hans` → zh-CN; unsupported → en). */
  locale?: LocaleTag;
  settings?: OrganisationSettings;
}

export interface DeadlineStatus {
  ruleId: string;
  hours: number;
  /** Local wall-clock time the record is due, `YYYY-MM-DDTHH:mm`. */
  dueAt: string;
  /** Minutes past due: of an unfinished record now, or of a finished one when it was recorded. */
  lateByMinutes: number;
}

export interface Evaluation {
  checklistId: string;
  /** `complete` when no required rule fails (a passed deadline alone does not make a record incomplete). */
  status: 'complete' | 'incomplete';
  badge: Badge;
  /** Every issue, required first, in checklist order. */
  issues: Issue[];
  /** Required issues that hold the portal's Save. */
  blocking: Issue[];
  /** Advisory issues: shown, never holding Save. */
  warnings: Issue[];
  attention: { ruleId: string; message: string }[];
  deadline?: DeadlineStatus;
  progress: { done: number; total: number };
  /** Answers that count: hidden fields and invalid answers removed. */
  answers: ChecklistRecord;
  /** Field ids currently shown. */
  visible: string[];
}

export function formatDuration(minutes: number, locale: Locale): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return message(locale, 'duration.minutes', { n: m });
  if (m < 48 * 60) {
    const hours = message(locale, 'duration.hours', { n: Math.floor(m / 60) });
    return m % 60 ? `${hours} ${message(locale, 'duration.minutes', { n: m % 60 })}` : hours;
  }
  return message(locale, 'duration.days', { n: Math.floor(m / 1440) });
}

/**
 * A passed deadline's issue, its message written when first read: a
 * supervisor's list shows the deadline from `deadline` and reads few of them,
 * while formatting one for every late row showed in profiles. An own
 * accessor, so spreading, JSON and structured cloning see a plain string.
 */
function deadlineIssue(ruleId: string, rule: string, code: 'late' | 'overdue', path: string[], locale: Locale, key: 'issue.recordedLate' | 'issue.overdue', hours: number, dueAt: string, lateMinutes: number): Issue {
  let text: string | undefined;
  return {
    ruleId,
    severity: 'required',
    rule,
    code,
    path,
    get message() {
      return (text ??= message(locale, key, { hours, due: dueAt.replace('T', ' '), late: formatDuration(lateMinutes, locale) }));
    },
    set message(value: string) {
      text = value;
    },
  };
}

function isBlocked(blocking: readonly Issue[], fieldId: string): boolean {
  for (let i = 0; i < blocking.length; i++) if (blocking[i]!.path[0] === fieldId) return true;
  return false;
}

export function evaluate(checklist: Checklist, record: Record<string, unknown>, options: EvaluateOptions = {}): Evaluation {
  const evaluation = evaluateRead(checklist, record, options);
  const unknown = unknownFieldIssues(checklist, record, readLocale(options.locale));
  if (unknown.length) evaluation.issues.push(...unknown), evaluation.warnings.push(...unknown);
  return evaluation;
}

/**
 * evaluate of `record` laid over what the note reader produced (see runRules'
 * `read`): gradeNote's way in, so a supervisor's list neither copies every
 * note's answers nor checks every date twice.
 */
export function evaluateRead(checklist: Checklist, record: Record<string, unknown> | undefined, options: EvaluateOptions, read?: ChecklistRecord): Evaluation {
  const locale = readLocale(options.locale);
  const nowMs = readNow(options.now);
  const compiled = compileChecklist(checklist);
  const outcome = runRules(compiled, record, locale, read);
  const issues = outcome.issues;
  const blocking: Issue[] = [];
  const warnings: Issue[] = [];
  // Indexed loops here: this runs for every row of a long list, mostly before it is optimised, when for-of allocates per step.
  for (let i = 0; i < issues.length; i++) (issues[i]!.severity === 'required' ? blocking : warnings).push(issues[i]!);
  const status = blocking.length ? 'incomplete' : 'complete';

  let deadline: DeadlineStatus | undefined;
  const rule = checklist.deadline;
  let from: unknown;
  for (let i = 0; rule && i < rule.from.length; i++) if ((from = outcome.effective[rule.from[i]!]) !== undefined) break;
  // Deadlines are reckoned in epoch milliseconds: a Date per date answer showed on long lists.
  const startMs = typeof from === 'string' ? localDateTimeMs(from) : undefined;
  if (rule && startMs !== undefined) {
    // Settings come from an options page; a blank or nonsensical override falls back to the checklist's hours.
    const override = options.settings?.deadlineHours?.[rule.rule];
    const hours = typeof override === 'number' && Number.isFinite(override) && override > 0 ? override : rule.hours;
    const dueMs = startMs + hours * 3_600_000;
    const dueAt = localDateTimeText(dueMs);
    const recordedValue = rule.recordedAt ? outcome.effective[rule.recordedAt] : undefined;
    const recordedMs = typeof recordedValue === 'string' ? localDateTimeMs(recordedValue) : undefined;
    const summary = localize(rule.summary, locale);
    if (recordedMs !== undefined && recordedMs > dueMs) {
      const late = (recordedMs - dueMs) / 60_000;
      deadline = { ruleId: rule.rule, hours, dueAt, lateByMinutes: late };
      issues.push(deadlineIssue(rule.rule, summary, 'late', rule.recordedAt ? [rule.recordedAt] : [], locale, 'issue.recordedLate', hours, dueAt, late));
    } else if (status === 'incomplete' && recordedMs === undefined && nowMs > dueMs) {
      const late = (nowMs - dueMs) / 60_000;
      deadline = { ruleId: rule.rule, hours, dueAt, lateByMinutes: late };
      issues.push(deadlineIssue(rule.rule, summary, 'overdue', [], locale, 'issue.overdue', hours, dueAt, late));
    } else {
      deadline = { ruleId: rule.rule, hours, dueAt, lateByMinutes: 0 };
    }
  }

  const attention: Evaluation['attention'] = [];
  const items = checklist.attention ?? [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (compileCondition(item.when)(outcome.effective)) attention.push({ ruleId: item.rule, message: localize(item.summary, locale) });
  }

  const badge: Badge = attention.length
    ? 'attention'
    : deadline && deadline.lateByMinutes > 0
      ? 'overdue'
      : status === 'incomplete'
        ? 'incomplete'
        : 'complete';

  let done = 0;
  for (let i = 0; i < outcome.requiredFields.length; i++) {
    const id = outcome.requiredFields[i]!;
    if (outcome.effective[id] !== undefined && !isBlocked(blocking, id)) done++;
  }

  return {
    checklistId: checklist.id,
    status,
    badge,
    // Required first (the deadline's issue, never in `blocking`, last among them), then advisory.
    issues: warnings.length ? [...issues.filter((i) => i.severity === 'required'), ...warnings] : issues,
    blocking,
    warnings,
    attention,
    deadline,
    progress: { done, total: outcome.requiredFields.length },
    answers: outcome.effective,
    visible: outcome.enabled,
  };
}
