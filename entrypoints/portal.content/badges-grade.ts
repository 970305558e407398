// Turns what a row shows into a badge through the SDK's gradeNote, once per
// distinct row content: grades are cached by the row's content hash, and
// only a deadline passing makes a cached grade stale.
import { allFields, gradeNote, localize, parseLocalDateTime, renderNote, type Checklist, type ChecklistField, type Locale, type NoteBadge, type OrganisationSettings } from '@chartguard/sdk/runtime';
import type { RowValues } from './badges-read';

/** Badges that ask the supervisor to act, most urgent first. */
export const ACTION_BADGES = ['attention', 'overdue', 'incomplete'] as const;
export const ALL_BADGES: readonly NoteBadge[] = ['attention', 'overdue', 'incomplete', 'complete', 'unstructured'];

export const needsAction = (badge: NoteBadge | undefined) => badge === 'attention' || badge === 'overdue' || badge === 'incomplete';

export interface RowGrade {
  badge: NoteBadge;
  checklistId?: string;
  checklistTitle?: string;
  /** Why there is no grade against a checklist. */
  reason?: 'no-header' | 'unknown-checklist' | 'empty';
  /** Failing rules, required first: rule id and plain message. The deadline is in `deadline`. */
  issues: { ruleId: string; message: string; advisory: boolean }[];
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

export class Grader {
  /** How many times gradeNote ran: the "no observer storm" check counts these. */
  evaluations = 0;
  /** Time spent inside gradeNote, to tell the SDK's cost from the page work around it; kept only when profiling (a clock read costs as much as a tenth of a grade). */
  evaluationMs = 0;
  profile = false;
  private cache = new Map<number, RowGrade>();
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
    const cached = this.cache.get(values.key);
    if (cached && cached.validUntil > now) return cached;
    const grade = this.evaluate(values, now);
    if (this.cache.size >= MAX_CACHE) this.cache.clear();
    this.cache.set(values.key, grade);
    return grade;
  }

  /**
   * Compiles each checklist and warms the note reader before the list is
   * drawn, so the first frame's badges do not pay for it.
   */
  warm(ids: readonly string[] = [...this.checklists.keys()]): void {
    for (const checklist of ids.map((id) => this.checklists.get(id)).filter((found): found is Checklist => Boolean(found))) {
      try {
        // A note answering every question once, so every reader and rule runs before it matters.
        const text = renderNote(checklist, Object.fromEntries(allFields(checklist).map((field) => [field.id, sampleAnswer(field)])));
        for (let i = 0; i < 3; i++) gradeNote({ checklists: this.checklists, text, locale: this.options.locale, settings: this.options.settings });
      } catch {
        // A checklist that cannot be graded shows up on its rows, not here.
      }
    }
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
    const base = { issues: [], attention: [], unread: result.unread.length, validUntil: Number.POSITIVE_INFINITY };
    const evaluation = result.evaluation;
    if (!evaluation) {
      const reason = result.reason === 'no-header' && values.note.trim() === '' ? 'empty' : result.reason;
      return { ...base, badge: result.badge, checklistId: result.checklistId, reason };
    }
    const checklist = this.checklists.get(evaluation.checklistId)!;
    const recordedAt = checklist.deadline?.recordedAt;
    const recorded = Boolean(recordedAt && evaluation.answers[recordedAt] !== undefined);
    let deadline: RowGrade['deadline'];
    let validUntil = Number.POSITIVE_INFINITY;
    if (evaluation.deadline) {
      const dueMs = parseLocalDateTime(evaluation.deadline.dueAt)?.getTime() ?? Number.NaN;
      if (evaluation.deadline.lateByMinutes > 0) deadline = { ...evaluation.deadline, dueMs, recorded };
      // An open, unrecorded record turns overdue when its deadline passes.
      else if (evaluation.status === 'incomplete' && !recorded && dueMs > now) validUntil = dueMs;
    }
    return {
      ...base,
      badge: evaluation.badge,
      checklistId: evaluation.checklistId,
      checklistTitle: localize(checklist.title, locale),
      issues: evaluation.issues
        .filter((issue) => issue.code !== 'overdue' && issue.code !== 'late')
        .map((issue) => ({ ruleId: issue.ruleId, message: issue.message, advisory: issue.severity === 'advisory' })),
      attention: evaluation.attention,
      deadline,
      validUntil,
    };
  }
}
