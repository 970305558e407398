// The list badges' grading, run by the background (issue 18): a list script
// sends the values its rows show, and each is graded here through the SDK's
// gradeNote against the same checklists the panel uses, so a portal page no
// longer carries the SDK's note reader and rules. Grades are cached by row
// content per language and deadline settings; only a deadline passing makes a
// cached grade stale.
import {
  allFields,
  gradeNote,
  localize,
  normalizeRecord,
  noteHeader,
  parseLocalDateTime,
  renderBody,
  type Checklist,
  type ChecklistField,
  type Locale,
  type OrganisationSettings,
} from '@chartguard/sdk/runtime';
import {
  catalogGeneration,
  LIST_GRADE_MESSAGE,
  NEVER_EXPIRES,
  sameContent,
  type ListGradeReply,
  type ValidListGradeRequest,
  type RowGrade,
  type RowMarkers,
  type RowValues,
} from './list-grade-protocol';
import { listGradeRequestSchema, listRowSchema } from './protocol';

const NO_MARKERS: RowMarkers = Object.freeze({ late: false, riskRecorded: false, overridden: false, open: 0 });

export interface GraderOptions {
  locale: Locale;
  settings: OrganisationSettings;
}

/**
 * What the cache may hold, in characters of note text and answers (and a fixed share per row): a 50,000-row list
 * of typical notes fits; above it the cache starts afresh. Bounded by text, not rows, because the text is the memory.
 */
export const MAX_HELD_CHARS = 40_000_000;
const ROW_OVERHEAD_CHARS = 64;
/** The graders (and the note text they hold) are dropped after this long without a request. */
export const IDLE_MS = 60_000;

function rowChars(values: RowValues): number {
  let chars = ROW_OVERHEAD_CHARS + values.note.length + (values.attendance?.length ?? 0);
  for (const id in values.answers) chars += id.length + values.answers[id]!.length;
  return chars;
}

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

/** A note answering every question once, so every reader and rule runs before the first row is graded. */
export function warmingNote(checklist: Checklist, locale: Locale): string {
  const answers = normalizeRecord(checklist, Object.fromEntries(allFields(checklist).map((field) => [field.id, sampleAnswer(field)])));
  return [noteHeader(checklist, locale), ...renderBody(checklist, answers, locale)].join('\n');
}

export class Grader {
  /** How many times gradeNote ran. */
  evaluations = 0;
  /** How many checklists were warmed. */
  warmings = 0;
  /** By note text, then by the other answers: notes are mostly distinct, so the chains are one long. */
  private cache = new Map<string, CacheEntry>();
  /** Characters the cache holds (rowChars). */
  heldChars = 0;
  /** Checklists compiled and warmed already: each is warmed once per grader. */
  private warmed = new Set<string>();
  private lastNow = Number.NaN;
  private lastDate = new Date(0);

  /** A batch grades many rows against one clock reading: one Date for all of them. */
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
      const chars = rowChars(values);
      if (this.heldChars + chars > MAX_HELD_CHARS) {
        this.cache.clear();
        this.heldChars = 0;
      }
      this.cache.set(values.note, { values, grade, next: this.cache.get(values.note) });
      this.heldChars += chars;
    }
    return grade;
  }

  /** Compiles each checklist and warms the note reader, so the first rows graded do not pay for it. */
  warm(ids: readonly string[] = [...this.checklists.keys()]): void {
    for (const id of ids) {
      const checklist = this.checklists.get(id);
      if (!checklist || this.warmed.has(id)) continue;
      this.warmed.add(id);
      this.warmings++;
      try {
        const { locale, settings } = this.options;
        const text = warmingNote(checklist, locale);
        for (let i = 0; i < 3; i++) gradeNote({ checklists: this.checklists, text, locale, settings });
      } catch {
        // A checklist that cannot be graded shows up on its rows, not here.
      }
    }
  }

  private evaluate(values: RowValues, now: number): RowGrade {
    this.evaluations++;
    const { locale, settings } = this.options;
    const result = gradeNote({
      checklists: this.checklists,
      text: values.note,
      attendance: values.attendance,
      answers: values.answers,
      now: this.clock(now),
      locale,
      settings,
    });
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
        validUntil: NEVER_EXPIRES,
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
    let validUntil = NEVER_EXPIRES;
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

/**
 * A row the background cannot read (a note longer than NOTE_LIMIT, an over-long cell): a person must read it. It
 * never expires, so the list does not ask again in a loop, and it is never "complete".
 */
export const UNREADABLE_ROW: RowGrade = Object.freeze({
  badge: 'check',
  reason: 'unreadable',
  issues: NONE,
  attention: NONE,
  unread: 0,
  markers: NO_MARKERS,
  validUntil: NEVER_EXPIRES,
});

/**
 * A list grade request from one of our own content scripts in a web page, validated; undefined for anything else.
 * Its envelope must be valid; each row is checked alone, and one that is not valid is null.
 */
export function listGradeRequest(
  raw: unknown,
  sender: { id?: string; tab?: { id?: number }; url?: string },
  extensionId: string,
): ValidListGradeRequest | undefined {
  if (typeof raw !== 'object' || raw === null || (raw as { type?: unknown }).type !== LIST_GRADE_MESSAGE) return undefined;
  if (sender.id !== extensionId || sender.tab?.id === undefined || !sender.url) return undefined;
  try {
    if (!/^https?:$/.test(new URL(sender.url).protocol)) return undefined;
  } catch {
    return undefined;
  }
  const parsed = listGradeRequestSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const rows = parsed.data.rows.map((row) => {
    const checked = listRowSchema.safeParse(row);
    return checked.success ? (checked.data as RowValues) : null;
  });
  return { ...parsed.data, type: LIST_GRADE_MESSAGE, rows };
}

/** How many graders (language × deadline settings) are kept: a browser rarely has more than one or two. */
const MAX_GRADERS = 4;

/**
 * Grades the list scripts' requests. Graders are kept per language and deadline settings, for the checklists the
 * loader gives: a new catalog (the loader answers another Map) starts them afresh.
 */
export class ListGrading {
  private graders = new Map<string, Grader>();
  private checklistsOf: ReadonlyMap<string, Checklist> | undefined;
  /** Tabs whose lists were graded since the graders were last dropped. */
  private askingTabs = new Set<number>();
  /** Requests being answered, by tab: a tab that closes meanwhile must not leave its notes behind. */
  private waiting = new Map<number, number>();
  /** Tabs that closed while a request of theirs was being answered: what they asked is not graded. */
  private closedWhileWaiting = new Set<number>();
  private lastRequestAt = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  /** The generation a request named that made the checklists be reloaded: each is reloaded for once, not in a loop. */
  private reloadedFor: string | undefined;
  private generationOf: { checklists: ReadonlyMap<string, Checklist>; generation: string } | undefined;

  constructor(
    private readonly loadChecklists: () => Promise<ReadonlyMap<string, Checklist>>,
    private readonly clock: () => number = Date.now,
    /** Makes the next loadChecklists read the checklists afresh. */
    private readonly reloadChecklists?: () => void,
    /**
     * Whether a tab is still open. Asked once per tab that starts asking: it may have closed before the
     * background listened for tab closes (that listener is added only when a list first asks).
     */
    private readonly tabExists?: (tabId: number) => Promise<boolean>,
  ) {}

  /** The checklists for a request: read again first when the list loaded others (a change not reloaded here yet). */
  private async checklistsFor(request: ValidListGradeRequest): Promise<ReadonlyMap<string, Checklist>> {
    const checklists = await this.loadChecklists();
    if (!request.catalog || !this.reloadChecklists || request.catalog === this.reloadedFor) return checklists;
    if (this.generationOf?.checklists !== checklists)
      this.generationOf = { checklists, generation: catalogGeneration(checklists.values()) };
    if (request.catalog === this.generationOf.generation) return checklists;
    this.reloadedFor = request.catalog;
    this.reloadChecklists();
    return this.loadChecklists();
  }

  /**
   * Reads the checklists and runs the grading code once, while a list's feature script is still on its way: its
   * first rows then meet warm code (the list asks for its own language and checklists to be warmed as well).
   */
  async prepare(): Promise<void> {
    const checklists = await this.loadChecklists();
    // The grader is kept (until idle), so a list in English without deadline settings reuses this work.
    this.graderFor(checklists, 'en', {}).warm();
    this.touch();
  }

  async grade(request: ValidListGradeRequest, tabId?: number): Promise<ListGradeReply> {
    if (tabId === undefined) return this.gradeRows(request, await this.checklistsFor(request));
    const first = !this.askingTabs.has(tabId) && !this.waiting.has(tabId);
    this.waiting.set(tabId, (this.waiting.get(tabId) ?? 0) + 1);
    if (first && this.tabExists)
      void this.tabExists(tabId).then(
        (open) => {
          if (!open) this.tabClosed(tabId);
        },
        () => undefined,
      );
    try {
      const checklists = await this.checklistsFor(request);
      // Nobody reads the answer of a closed tab: its notes are not graded, so not held.
      if (this.closedWhileWaiting.has(tabId)) return { grades: [], ms: 0 };
      this.askingTabs.add(tabId);
      return this.gradeRows(request, checklists);
    } finally {
      const left = this.waiting.get(tabId)! - 1;
      if (left > 0) this.waiting.set(tabId, left);
      else {
        this.waiting.delete(tabId);
        this.closedWhileWaiting.delete(tabId);
      }
    }
  }

  private gradeRows(request: ValidListGradeRequest, checklists: ReadonlyMap<string, Checklist>): ListGradeReply {
    const started = performance.now();
    const grader = this.graderFor(checklists, request.locale, request.deadlineHours);
    if (request.warm) grader.warm(request.warm);
    const now = this.clock();
    const grades = request.rows.map((values) => (values ? grader.grade(values, now) : UNREADABLE_ROW));
    // The other graders' text goes first when together they hold too much.
    let held = 0;
    for (const other of this.graders.values()) held += other.heldChars;
    if (held > MAX_HELD_CHARS) for (const [key, other] of this.graders) if (other !== grader) this.graders.delete(key);
    this.touch();
    return { grades, ms: performance.now() - started };
  }

  /** How many checklists the graders warmed. */
  get warmings(): number {
    let warmings = 0;
    for (const grader of this.graders.values()) warmings += grader.warmings;
    return warmings;
  }

  /** Characters of note text and answers the graders hold. */
  get heldChars(): number {
    let held = 0;
    for (const grader of this.graders.values()) held += grader.heldChars;
    return held;
  }

  /**
   * A tab closed: if it asked for grades, the notes it sent are forgotten (other tabs' lists are graded afresh),
   * and a request of its still being answered is not graded.
   */
  tabClosed(tabId: number): void {
    if (this.waiting.has(tabId)) this.closedWhileWaiting.add(tabId);
    if (this.askingTabs.delete(tabId)) this.forget();
  }

  /** Drops the graders, and with them every note and answer they hold, when no list has asked for IDLE_MS. */
  dropIfIdle(): void {
    const idle = this.clock() - this.lastRequestAt;
    if (idle >= IDLE_MS) this.forget();
    else this.scheduleIdleCheck(IDLE_MS - idle);
  }

  private forget(): void {
    this.graders.clear();
    this.askingTabs.clear();
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private touch(): void {
    this.lastRequestAt = this.clock();
    this.scheduleIdleCheck();
  }

  private scheduleIdleCheck(delay = IDLE_MS): void {
    if (this.idleTimer !== undefined) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      this.dropIfIdle();
    }, delay);
  }

  private graderFor(checklists: ReadonlyMap<string, Checklist>, locale: Locale, hours: Record<string, number>): Grader {
    if (checklists !== this.checklistsOf) {
      this.checklistsOf = checklists;
      this.graders.clear();
    }
    const deadlineHours = Object.fromEntries(Object.entries(hours).sort(([a], [b]) => a.localeCompare(b)));
    const key = `${locale}|${JSON.stringify(deadlineHours)}`;
    let grader = this.graders.get(key);
    if (!grader) {
      if (this.graders.size >= MAX_GRADERS) this.graders.clear();
      grader = new Grader(checklists, { locale, settings: { deadlineHours } });
      this.graders.set(key, grader);
    }
    return grader;
  }
}
