// Grades one record against one checklist: what is missing, what is wrong,
// whether it is late, and the single badge a supervisor sees.
import { readLocale, readNow, unknownFieldIssues, type Instant, type LocaleTag } from './inputs.js';
import { message } from './locales/index.js';
import type { Checklist, ChecklistRule } from './model.js';
import { localDateTimeMs, localDateTimeText, type Answer, type ChecklistRecord } from './record.js';
import {
  answersOf,
  compileChecklist,
  runRules,
  type CompiledChecklist,
  type FieldValues,
  type Issue,
  type RuleOutcome,
  type RulePlan,
} from './rules.js';
import { CHECKLIST_ANSWERS, type EvaluateMarks } from './checklist-checks.js';
import { shippedCheck, type Shipped } from './shipped-check.js';
import { localize, type Locale } from './text.js';

/**
 * Badges of catalogue v2. `missing` (G-03: no note where the attendance code
 * needs one) and `check` (G-06: a note that cannot be fully read) come from
 * gradeNote, which reads the note; evaluate gives the other four.
 */
export type Badge = 'attention' | 'overdue' | 'missing' | 'incomplete' | 'check' | 'complete';

/**
 * Badge precedence, most urgent first: a recorded risk with an open follow-up
 * (`attention`) > still open past its deadline or due time (`overdue`) > no
 * note at all (`missing`) > a required rule failing or a follow-up open
 * (`incomplete`) > a note a person must read (`check`) > `complete`.
 */
export const BADGE_PRECEDENCE: readonly Badge[] = ['attention', 'overdue', 'missing', 'incomplete', 'check', 'complete'];

/** Shown beside the badge, never instead of it. */
export interface BadgeMarkers {
  /** Completed after its deadline: history, not an open action. */
  late: boolean;
  /** A risk is recorded; it stays after the follow-ups are done, so a supervisor can still filter risk records. */
  riskRecorded: boolean;
  /** Save went through with an override (read from the note, see gradeNote). */
  overridden: boolean;
  /** Open required rules and follow-ups. */
  open: number;
}

export interface OrganisationSettings {
  /** Deadline hours by rule id, e.g. `{ 'SNC-08': 48 }`, overriding the checklist defaults. */
  deadlineHours?: Record<string, number>;
  /** Follow-up due times in hours by rule id, e.g. `{ 'SNC-09': 2 }`, overriding the checklist's default due time. */
  followUpHours?: Record<string, number>;
}

/**
 * A duty done after the record is first saved (catalogue v2 `follow-up`): it
 * never holds Save, and is listed as open with its due time until recorded.
 */
export interface FollowUp {
  ruleId: string;
  /** The rule in plain words. */
  summary: string;
  state: 'open' | 'done';
  /** Local wall-clock due time, `YYYY-MM-DDTHH:mm`, when the answer it runs from is known. */
  dueAt?: string;
  /** Open and past its due time. */
  overdue: boolean;
  /** It belongs to a recorded risk: while open, the record is at attention. */
  attention: boolean;
  /** What is still to record (empty when done). */
  issues: Issue[];
}

export interface EvaluateOptions {
  /** The clock; deadlines are judged against it. Defaults to the current time. */
  now?: Instant;
  /** A language tag; read by readLocale (`zh`, `zh-Hans` → zh-CN; unsupported → en). */
  locale?: LocaleTag;
  settings?: OrganisationSettings;
  /** `report` (default): an answer keyed by no field of the checklist is an advisory issue with code `unknown`. `ignore`: for callers whose records deliberately carry answers for other checklists too (a portal page's). */
  unknownFields?: 'report' | 'ignore';
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
  /** Required issues that hold the portal's Save. Follow-ups never do. */
  blocking: Issue[];
  /** Advisory issues: shown, never holding Save. */
  warnings: Issue[];
  /** Follow-ups the record's answers call for, open or done, in checklist order. */
  followUps: FollowUp[];
  attention: { ruleId: string; message: string }[];
  /** A risk is recorded (an attention item's condition holds), whether or not its follow-ups are done. */
  riskRecorded: boolean;
  markers: BadgeMarkers;
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
 * A passed deadline's issue. For a supervisor's list (`lazy`) its message is written when first read: the list shows
 * the deadline from `deadline` and reads few of them (docs/performance.md); an own accessor, so spreading, JSON and
 * structured cloning see a plain string. A caller that shows the issues (evaluate, validate) gets it written at
 * once: an accessor's two closures cost twice the words (docs/performance.md, evalfast2). The same keys in the same order.
 */
function deadlineIssue(
  ruleId: string,
  rule: string,
  code: 'late' | 'overdue',
  path: string[],
  locale: Locale,
  key: 'issue.recordedLate' | 'issue.overdue',
  hours: number,
  dueAt: string,
  lateMinutes: number,
  lazy: boolean,
): Issue {
  const words = () => message(locale, key, { hours, due: dueAt.replace('T', ' '), late: formatDuration(lateMinutes, locale) });
  if (!lazy) return { ruleId, severity: 'required', rule, code, path, message: words() };
  let text: string | undefined;
  return {
    ruleId,
    severity: 'required',
    rule,
    code,
    path,
    get message() {
      return (text ??= words());
    },
    set message(value: string) {
      text = value;
    },
  };
}

// Follow-ups due at the end of the day run from a few distinct times on a long list or a form typed into: each
// day's end is reckoned once (a Date per follow-up showed in evaluate's profile). Bounded, as record.ts's memos are.
const endOfDayByMs = new Map<number, number>();

/** End of `ms`'s local day, or `days` working days (Monday to Friday) later at the same time. */
function endOfDayMs(ms: number): number {
  let end = endOfDayByMs.get(ms);
  if (end === undefined) {
    if (endOfDayByMs.size >= 4096) endOfDayByMs.clear();
    const date = new Date(ms);
    date.setHours(23, 59, 0, 0);
    endOfDayByMs.set(ms, (end = date.getTime()));
  }
  return end;
}
function addWorkingDaysMs(ms: number, days: number): number {
  const date = new Date(ms);
  let left = days;
  while (left > 0) {
    date.setDate(date.getDate() + 1);
    const day = date.getDay();
    if (day !== 0 && day !== 6) left--;
  }
  return date.getTime();
}

/** When a follow-up is due, from its start answer and the hours in force (undefined: the checklist's own rule of days). */
function dueOf(due: NonNullable<ChecklistRule['due']>, from: string, hours: number | undefined): number | undefined {
  const startMs = localDateTimeMs(from);
  if (startMs === undefined) return undefined;
  if (hours !== undefined) return startMs + hours * 3_600_000;
  if (due.endOfDay) return endOfDayMs(startMs);
  if (due.workingDays !== undefined) return addWorkingDaysMs(startMs, due.workingDays);
  return undefined;
}

/** Each triggered follow-up: open while any of its issues remains, with its due time from settings or the checklist's default. */
function followUpStates(
  rules: readonly RulePlan[],
  values: FieldValues,
  issues: readonly Issue[],
  nowMs: number,
  settings: OrganisationSettings | undefined,
  locale: Locale,
): FollowUp[] {
  const out: FollowUp[] = [];
  for (let r = 0; r < rules.length; r++) {
    const plan = rules[r]!;
    const { rule, dueFrom, attention } = plan;
    const own: Issue[] = [];
    for (let i = 0; i < issues.length; i++) if (issues[i]!.ruleId === rule.id) own.push(issues[i]!);
    let dueMs: number | undefined;
    let dueAt: string | undefined;
    const due = rule.due;
    if (due) {
      let from: unknown;
      for (let i = 0; i < dueFrom.length; i++) if ((from = values[dueFrom[i]!]) !== undefined) break;
      if (typeof from === 'string') {
        const override = settings?.followUpHours?.[rule.id];
        const hours = typeof override === 'number' && Number.isFinite(override) && override > 0 ? override : due.hours;
        // Re-evaluating a form asks for the same due time keystroke after keystroke: the last one is kept on the plan.
        let last = plan.lastDue;
        if (last === undefined || last.from !== from || last.hours !== hours) {
          const ms = dueOf(due, from, hours);
          plan.lastDue = last = { from, hours, dueMs: ms, dueAt: ms === undefined ? undefined : localDateTimeText(ms) };
        }
        dueMs = last.dueMs;
        dueAt = last.dueAt;
      }
    }
    const open = own.length > 0;
    const ruleId = rule.id;
    const summary = localize(rule.summary, locale);
    const state = open ? 'open' : 'done';
    // Two literals rather than a spread of the optional part: the same keys in the same order, without a copy per follow-up.
    out.push(
      dueMs === undefined
        ? { ruleId, summary, state, overdue: false, attention, issues: own }
        : { ruleId, summary, state, dueAt: dueAt!, overdue: open && nowMs > dueMs, attention, issues: own },
    );
  }
  return out;
}

/** Whether one of the follow-ups is the rule's, and whether one of those is open. */
function followUpOf(followUps: readonly FollowUp[], ruleId: string): 'none' | 'open' | 'done' {
  let found: 'none' | 'open' | 'done' = 'none';
  for (let i = 0; i < followUps.length; i++) {
    if (followUps[i]!.ruleId !== ruleId) continue;
    if (followUps[i]!.state === 'open') return 'open';
    found = 'done';
  }
  return found;
}

function isBlocked(blocking: readonly Issue[], fieldId: string): boolean {
  for (let i = 0; i < blocking.length; i++) if (blocking[i]!.path[0] === fieldId) return true;
  return false;
}

/**
 * The checklist's deadline against the answers by place (FieldValues): its status, and the `overdue` or `late`
 * issue pushed onto `issues` when there is one. Shared by evaluate and validate, so both judge it alike.
 */
export function judgeDeadline(
  compiled: CompiledChecklist,
  values: FieldValues,
  status: 'complete' | 'incomplete',
  nowMs: number,
  settings: OrganisationSettings | undefined,
  locale: Locale,
  issues: Issue[],
  lazyMessage = false,
): DeadlineStatus | undefined {
  const rule = compiled.checklist.deadline;
  if (!rule) return undefined;
  let from: unknown;
  const places = compiled.deadlineFrom;
  for (let i = 0; i < places.length; i++) if ((from = values[places[i]!]) !== undefined) break;
  if (typeof from !== 'string') return undefined;
  // Settings come from an options page; a blank or nonsensical override falls back to the checklist's hours.
  const override = settings?.deadlineHours?.[rule.rule];
  const hours = typeof override === 'number' && Number.isFinite(override) && override > 0 ? override : rule.hours;
  // Deadlines are reckoned in epoch milliseconds (a Date per date answer showed on long lists); the last one is kept, as a follow-up's.
  let last = compiled.lastDeadline;
  if (last === undefined || last.from !== from || last.hours !== hours) {
    const startMs = localDateTimeMs(from);
    const ms = startMs === undefined ? undefined : startMs + hours * 3_600_000;
    compiled.lastDeadline = last = { from, hours, dueMs: ms, dueAt: ms === undefined ? undefined : localDateTimeText(ms) };
  }
  if (last.dueMs === undefined) return undefined;
  const dueMs = last.dueMs;
  const dueAt = last.dueAt!;
  const recordedValue = compiled.deadlineRecordedAt >= 0 ? values[compiled.deadlineRecordedAt] : undefined;
  const recordedMs = typeof recordedValue === 'string' ? localDateTimeMs(recordedValue) : undefined;
  // v2: overdue is for what is still open past the deadline, saved or not; a record completed late is history (the `late` marker).
  if (status === 'incomplete' && nowMs > dueMs) {
    const late = (nowMs - dueMs) / 60_000;
    const summary = localize(rule.summary, locale);
    issues.push(deadlineIssue(rule.rule, summary, 'overdue', [], locale, 'issue.overdue', hours, dueAt, late, lazyMessage));
    return { ruleId: rule.rule, hours, dueAt, lateByMinutes: late };
  }
  if (recordedMs !== undefined && recordedMs > dueMs) {
    const late = (recordedMs - dueMs) / 60_000;
    const summary = localize(rule.summary, locale);
    const path = rule.recordedAt ? [rule.recordedAt] : [];
    issues.push(deadlineIssue(rule.rule, summary, 'late', path, locale, 'issue.recordedLate', hours, dueAt, late, lazyMessage));
    return { ruleId: rule.rule, hours, dueAt, lateByMinutes: late };
  }
  return { ruleId: rule.rule, hours, dueAt, lateByMinutes: 0 };
}

/** runRules' outcome from a shipped checklist's build-time check: the same answers, issues, visible fields and follow-ups, and the progress evaluationOf would count. */
function runShipped(check: Shipped, record: Record<string, unknown>, locale: Locale): ShippedOutcome {
  const { fields, rulePlans } = check.compiled;
  const values: (Answer | undefined)[] = new Array(fields.length);
  check.locale = locale;
  const issues: Issue[] = (check.issues = []);
  const marks: EvaluateMarks = { visible: [], required: 0, done: 0, followUps: [], risks: 0 };
  check.run(record, values, check, marks);
  const followUps: RulePlan[] = [];
  for (let i = 0; i < marks.followUps.length; i++) followUps.push(rulePlans[marks.followUps[i]!]!);
  return {
    values,
    enabled: marks.visible,
    issues,
    requiredFields: NO_PLACES,
    followUps,
    progress: { done: marks.done, total: marks.required },
    risks: marks.risks,
  };
}

/** runRules' outcome with the progress already counted (requiredFields then unused) and the attention items judged (bits by item). */
interface ShippedOutcome extends RuleOutcome {
  progress: { done: number; total: number };
  risks: number;
}

const NO_PLACES: number[] = [];
const NO_ISSUES: readonly Issue[] = [];

let lastChecklist: Checklist | undefined;
let lastCompiled: CompiledChecklist | undefined;
let lastShipped: Shipped | null = null;

export function evaluate(checklist: Checklist, record: Record<string, unknown>, options: EvaluateOptions = {}): Evaluation {
  const locale = readLocale(options.locale);
  const nowMs = readNow(options.now);
  // The checklist of the last call, asked first: a panel evaluates one checklist keystroke after keystroke.
  if (checklist !== lastChecklist) {
    lastCompiled = compileChecklist(checklist);
    lastShipped = shippedCheck(checklist, lastCompiled);
    lastChecklist = checklist;
  }
  const compiled = lastCompiled!;
  // A shipped checklist runs its build-time check (the peer of Ajv's generated code), any other the engine: the same outcome.
  const check = record !== null && typeof record === 'object' ? lastShipped : null;
  const evaluation = check
    ? evaluationOf(compiled, runShipped(check, record, locale), nowMs, options.settings, locale, CHECKLIST_ANSWERS[check.index])
    : evaluationOf(compiled, runRules(compiled, record, locale), nowMs, options.settings, locale);
  const unknown = options.unknownFields === 'ignore' ? [] : unknownFieldIssues(checklist, record, locale);
  if (unknown.length) evaluation.issues.push(...unknown), evaluation.warnings.push(...unknown);
  return evaluation;
}

/**
 * evaluate of `record` laid over what the note reader produced (see runRules'
 * `read`): gradeNote's way in, so a supervisor's list neither copies every
 * note's answers nor checks every date twice. Always the engine: a bundle that
 * grades notes only does not carry the build-time checks.
 */
export function evaluateRead(
  checklist: Checklist,
  record: Record<string, unknown> | undefined,
  options: EvaluateOptions,
  read?: FieldValues,
): Evaluation {
  const locale = readLocale(options.locale);
  const nowMs = readNow(options.now);
  const compiled = compileChecklist(checklist);
  return evaluationOf(compiled, runRules(compiled, record, locale, read), nowMs, options.settings, locale, undefined, true);
}

/** The whole Evaluation from the rules' outcome. */
function evaluationOf(
  compiled: CompiledChecklist,
  outcome: RuleOutcome | ShippedOutcome,
  nowMs: number,
  settings: OrganisationSettings | undefined,
  locale: Locale,
  answersByName?: (values: (Answer | undefined)[]) => ChecklistRecord,
  lazyDeadlineMessage = false,
): Evaluation {
  const { checklist } = compiled;
  // The answers by place as the object evaluate returns, built once, after the rules have run on them by place.
  const effective = answersByName ? answersByName(outcome.values as (Answer | undefined)[]) : answersOf(compiled.fields, outcome.values);
  const issues = outcome.issues;
  const blocking: Issue[] = [];
  const warnings: Issue[] = [];
  let followUpIssues: Issue[] | undefined;
  // Indexed loops here: this runs for every row of a long list, mostly before it is optimised, when for-of allocates per step.
  for (let i = 0; i < issues.length; i++) {
    const severity = issues[i]!.severity;
    if (severity === 'required') blocking.push(issues[i]!);
    else if (severity === 'advisory') warnings.push(issues[i]!);
    else (followUpIssues ??= []).push(issues[i]!);
  }
  const status = blocking.length ? 'incomplete' : 'complete';
  const followUps = outcome.followUps.length
    ? followUpStates(outcome.followUps, outcome.values, followUpIssues ?? NO_ISSUES, nowMs, settings, locale)
    : [];

  const deadline = judgeDeadline(compiled, outcome.values, status, nowMs, settings, locale, issues, lazyDeadlineMessage);

  const attention: Evaluation['attention'] = [];
  let riskRecorded = false;
  const items = compiled.attention;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (!('risks' in outcome ? (outcome.risks & (1 << i)) !== 0 : item.when(outcome.values))) continue;
    riskRecorded = true;
    // A risk whose duty is a follow-up is at attention while that follow-up is open (G-05): done, the risk stays recorded and attention clears.
    if (followUpOf(followUps, item.rule) === 'done') continue;
    attention.push({ ruleId: item.rule, message: localize(item.summary, locale) });
  }
  let openFollowUp = false;
  let overdueFollowUp = false;
  for (let i = 0; i < followUps.length; i++) {
    if (followUps[i]!.state === 'open') openFollowUp = true;
    if (followUps[i]!.overdue) overdueFollowUp = true;
  }

  const overdue = (status === 'incomplete' && deadline !== undefined && deadline.lateByMinutes > 0) || overdueFollowUp;
  const badge: Badge = attention.length
    ? 'attention'
    : overdue
      ? 'overdue'
      : status === 'incomplete' || openFollowUp
        ? 'incomplete'
        : 'complete';
  let open = 0;
  for (let i = 0; i < blocking.length; i++) if (i === 0 || blocking[i]!.ruleId !== blocking[i - 1]!.ruleId) open++;
  for (let i = 0; i < followUps.length; i++) if (followUps[i]!.state === 'open') open++;
  const markers: BadgeMarkers = {
    late: status === 'complete' && deadline !== undefined && deadline.lateByMinutes > 0,
    riskRecorded,
    overridden: false,
    open,
  };

  let progress: { done: number; total: number };
  if ('progress' in outcome) progress = outcome.progress;
  else {
    let done = 0;
    const { values, requiredFields } = outcome;
    for (let i = 0; i < requiredFields.length; i++) {
      const place = requiredFields[i]!;
      if (values[place] !== undefined && !isBlocked(blocking, compiled.ids[place]!)) done++;
    }
    progress = { done, total: requiredFields.length };
  }

  return {
    checklistId: checklist.id,
    status,
    badge,
    // Required first (the deadline's issue, never in `blocking`, last among them), then follow-ups, then advisory.
    issues:
      warnings.length || followUpIssues
        ? [...issues.filter((i) => i.severity === 'required'), ...(followUpIssues ?? []), ...warnings]
        : issues,
    blocking,
    warnings,
    followUps,
    attention,
    riskRecorded,
    markers,
    deadline,
    progress,
    answers: effective,
    visible: outcome.enabled,
  };
}
