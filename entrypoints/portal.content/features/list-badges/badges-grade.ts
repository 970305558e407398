// Turns what a row shows into a badge through the SDK's gradeNote, once per
// distinct row content: grades are cached by the row's note, attendance and
// answers, and only a deadline passing makes a cached grade stale.
import {
  allFields,
  gradeNote,
  localize,
  noteChecklistId,
  noteHeader,
  normalizeRecord,
  parseLocalDateTime,
  renderBody,
  type Checklist,
  type ChecklistField,
  type Locale,
  type NoteBadge,
  type OrganisationSettings,
} from '@chartguard/sdk/runtime';
import { sameContent, type RowValues } from './badges-read';

/** Markers shown beside a badge (catalogue v2), never instead of it. */
export interface RowMarkers {
  late: boolean;
  riskRecorded: boolean;
  overridden: boolean;
  open: number;
}
const NO_MARKERS: RowMarkers = Object.freeze({ late: false, riskRecorded: false, overridden: false, open: 0 });

export interface RowGrade {
  badge: NoteBadge;
  checklistId?: string;
  checklistTitle?: string;
  /** Why there is no grade against a checklist; `no-note`: none where the attendance needs one (G-03). */
  reason?: 'no-header' | 'unknown-checklist' | 'empty' | 'no-note';
  /** Failing rules, required first, then open follow-ups: rule id and plain message. The deadline is in `deadline`. */
  issues: { ruleId: string; message: string; advisory: boolean; followUp?: boolean }[];
  markers: RowMarkers;
  attention: { ruleId: string; message: string }[];
  /** A passed deadline: `recorded` notes were written late, others are still open and growing later. */
  deadline?: { ruleId: string; hours: number; dueAt: string; dueMs: number; recorded: boolean; lateByMinutes: number };
  unread: number;
  /** Epoch ms after which the grade may differ (an open record's deadline passing). */
  validUntil: number;
}

export interface GraderOptions {
  locale: Locale;
  settings: OrganisationSettings;
}

const MAX_CACHE = 50_000;

interface CacheEntry {
  values: RowValues;
  grade: RowGrade;
  /** Another row with this note, and other answers. */
  next: CacheEntry | undefined;
}
/** Most rows have no issues or attention items: they share one empty list. */
const NONE: never[] = Object.freeze([]) as unknown as never[];

function sampleAnswer(field: ChecklistField): unknown {
  switch (field.type) {
    case 'choice':
      return field.options?.[0]?.value;
    case 'multichoice':
      return field.options?.[0] ? [field.options[0].value] : undefined;
    case 'boolean':
      return true;
    case 'number':
      return 1;
    case 'date':
      return '2026-01-05';
    case 'datetime':
      return '2026-01-05T10:00';
    case 'attendance':
      return 'attended';
    default:
      return 'Sample answer.';
  }
}

/**
 * A note answering every question once, so every reader and rule runs before it matters; under the checklist's
 * title rather than a summary line, so the list script need not carry the summary's writer.
 */
export function warmingNote(checklist: Checklist, locale: Locale): string {
  const answers = normalizeRecord(checklist, Object.fromEntries(allFields(checklist).map((field) => [field.id, sampleAnswer(field)])));
  return [noteHeader(checklist, locale), ...renderBody(checklist, answers, locale)].join('\n');
}

export class Grader {
  /** How many times gradeNote ran: the "no observer storm" check counts these. */
  evaluations = 0;
  /** Time spent inside gradeNote, to tell the SDK's cost from the page work around it; kept only when profiling (a clock read is not free next to a grade: docs/performance.md). */
  evaluationMs = 0;
  profile = false;
  /** By note text, then by the other answers: notes are mostly distinct, so the chains are one long. */
  private cache = new Map<string, CacheEntry>();
  private cached = 0;
  private answerIds = new WeakMap<Checklist, Set<string>>();
  private lastNow = Number.NaN;
  private lastDate = new Date(0);

  /** A pass grades thousands of rows against one clock reading: one Date for all of them. */
  private clock(now: number): Date {
    if (now !== this.lastNow) {
      this.lastNow = now;
      this.lastDate = new Date(now);
    }
    return this.lastDate;
  }

  constructor(
    private readonly checklists: ReadonlyMap<string, Checklist>,
    readonly options: GraderOptions,
  ) {}

  /** The grade of a row's content, from the cache while it is still valid. */
  grade(values: RowValues, now = Date.now()): RowGrade {
    let entry = this.cache.get(values.note);
    while (entry && !sameContent(entry.values, values)) entry = entry.next;
    if (entry && entry.grade.validUntil > now) return entry.grade;
    const grade = this.evaluate(values, now);
    if (entry) entry.grade = grade;
    else {
      if (this.cached >= MAX_CACHE) {
        this.cache.clear();
        this.cached = 0;
      }
      this.cache.set(values.note, { values, grade, next: this.cache.get(values.note) });
      this.cached++;
    }
    return grade;
  }

  /**
   * Compiles each checklist and warms the note reader before the list is
   * drawn, so the first frame's badges do not pay for it.
   */
  warm(ids: readonly string[] = [...this.checklists.keys()]): void {
    for (const checklist of ids.map((id) => this.checklists.get(id)).filter((found): found is Checklist => Boolean(found))) {
      try {
        const { locale, settings } = this.options;
        const text = warmingNote(checklist, locale);
        for (let i = 0; i < 3; i++) gradeNote({ checklists: this.checklists, text, locale, settings });
      } catch {
        // A checklist that cannot be graded shows up on its rows, not here.
      }
    }
  }

  /**
   * The page answers a note's grade can use (see rowReader): the fields of
   * the checklist its header names, and attendance when it has an attendance
   * question; none for a note without a header or naming an unknown checklist.
   */
  answersFor(note: string): ReadonlySet<string> | null {
    // No note at all: attendance and the deadlines' start times, so a missing note (G-03) is told apart and turns overdue on time.
    if (note.trim() === '') return (this.emptyNoteAnswers ??= this.answersForMissingNote());
    const id = noteChecklistId(note);
    const checklist = id === undefined ? undefined : this.checklists.get(id);
    if (!checklist) return null;
    let answers = this.answerIds.get(checklist);
    if (!answers) {
      const fields = allFields(checklist);
      answers = new Set(fields.map((field) => field.id));
      if (fields.some((field) => field.type === 'attendance')) answers.add('attendance');
      this.answerIds.set(checklist, answers);
    }
    return answers;
  }

  private emptyNoteAnswers: ReadonlySet<string> | undefined;

  private answersForMissingNote(): ReadonlySet<string> {
    const answers = new Set<string>(['attendance']);
    for (const checklist of this.checklists.values()) for (const id of checklist.deadline?.from ?? []) answers.add(id);
    return answers;
  }

  private evaluate(values: RowValues, now: number): RowGrade {
    this.evaluations++;
    const { locale, settings } = this.options;
    const started = this.profile ? performance.now() : 0;
    const result = gradeNote({
      checklists: this.checklists,
      text: values.note,
      attendance: values.attendance,
      answers: values.answers,
      now: this.clock(now),
      locale,
      settings,
    });
    if (this.profile) this.evaluationMs += performance.now() - started;
    const evaluation = result.evaluation;
    if (!evaluation) {
      const reason = result.reason === 'no-header' && values.note.trim() === '' ? 'empty' : result.reason;
      const grade: RowGrade = {
        badge: result.badge,
        checklistId: result.checklistId,
        reason,
        issues: NONE,
        attention: NONE,
        unread: result.unread.length,
        markers: result.markers ?? NO_MARKERS,
        validUntil: Number.POSITIVE_INFINITY,
      };
      // A missing note (G-03) turns overdue when the checklist's deadline passes.
      if (result.due) {
        const dueMs = parseLocalDateTime(result.due.dueAt)?.getTime() ?? Number.NaN;
        if (result.due.lateByMinutes > 0)
          grade.deadline = {
            ruleId: result.due.ruleId,
            hours: 0,
            dueAt: result.due.dueAt,
            dueMs,
            recorded: false,
            lateByMinutes: result.due.lateByMinutes,
          };
        else if (dueMs > now) grade.validUntil = dueMs;
      }
      if (result.checklistId)
        grade.checklistTitle = localize(
          this.checklists.get(result.checklistId)?.title ?? { en: result.checklistId, 'zh-CN': result.checklistId },
          locale,
        );
      return grade;
    }
    const checklist = this.checklists.get(evaluation.checklistId)!;
    const recordedAt = checklist.deadline?.recordedAt;
    const recorded = Boolean(recordedAt && evaluation.answers[recordedAt] !== undefined);
    let deadline: RowGrade['deadline'];
    let validUntil = Number.POSITIVE_INFINITY;
    // Only a late record, or an open one that will be, needs its due time as a number.
    if (evaluation.deadline && (evaluation.deadline.lateByMinutes > 0 || evaluation.status === 'incomplete')) {
      const dueMs = parseLocalDateTime(evaluation.deadline.dueAt)?.getTime() ?? Number.NaN;
      // v2: `recorded` says a complete record was written late (history); an open one is overdue, saved or not.
      if (evaluation.deadline.lateByMinutes > 0)
        deadline = { ...evaluation.deadline, dueMs, recorded: recorded && evaluation.status === 'complete' };
      // An open record turns overdue when its deadline passes.
      else if (dueMs > now) validUntil = dueMs;
    }
    // So does an open follow-up at its due time.
    for (let i = 0; i < evaluation.followUps.length; i++) {
      const followUp = evaluation.followUps[i]!;
      if (followUp.state !== 'open' || followUp.overdue || !followUp.dueAt) continue;
      const dueMs = parseLocalDateTime(followUp.dueAt)?.getTime() ?? Number.NaN;
      if (dueMs > now && dueMs < validUntil) validUntil = dueMs;
    }
    // The deadline's own issue is shown from `deadline`, with how late.
    let issues: RowGrade['issues'] = NONE;
    for (let i = 0; i < evaluation.issues.length; i++) {
      const issue = evaluation.issues[i]!;
      if (issue.code === 'overdue' || issue.code === 'late') continue;
      if (issues === NONE) issues = [];
      issues.push(
        issue.severity === 'follow-up'
          ? { ruleId: issue.ruleId, message: issue.message, advisory: false, followUp: true }
          : { ruleId: issue.ruleId, message: issue.message, advisory: issue.severity === 'advisory' },
      );
    }
    return {
      badge: result.badge,
      checklistId: evaluation.checklistId,
      checklistTitle: localize(checklist.title, locale),
      issues,
      attention: evaluation.attention.length ? evaluation.attention : NONE,
      deadline,
      unread: result.unread.length,
      markers: result.markers,
      validUntil,
    };
  }
}
