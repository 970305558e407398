// The list script's half of grading (issue 18): rows are graded by the
// background (lib/list-grading.ts), so the portal's page carries none of the
// SDK's note reader or rules. Here: which cells a note's grade reads, the
// requests to the background, and its answers kept by row content.
import { allFields, noteChecklistId, type Checklist } from '@chartguard/sdk/runtime';
import { browser } from '../../../../lib/lean-browser';
import {
  LIST_GRADE_MESSAGE,
  MAX_WARM_CHECKLISTS,
  readGradeReply,
  sameContent,
  type ListGradeRequest,
  type RowGrade,
  type RowValues,
} from '../../../../lib/list-grade-protocol';
import type { AnswersFor } from './badges-read';

export type { RowGrade, RowMarkers } from '../../../../lib/list-grade-protocol';

/** Delivers a request to the background and gives back its answer as it came (checked here, not there). */
export type SendGradeRequest = (request: ListGradeRequest) => Promise<unknown>;
export const sendToBackground: SendGradeRequest = (request) => browser.runtime.sendMessage(request);

/** A request the background has not answered in this long has failed: its rows stay unbadged until a retry. */
export const GRADE_TIMEOUT_MS = 10_000;

/**
 * The page answers a note's grade can use (see rowReader): the fields of the checklist its header names, and
 * attendance when it has an attendance question; none for a note without a header or naming an unknown checklist.
 */
export function noteAnswers(checklists: ReadonlyMap<string, Checklist>): AnswersFor {
  const byChecklist = new WeakMap<Checklist, Set<string>>();
  let missingNote: Set<string> | undefined;
  return (note) => {
    // No note at all: attendance and the deadlines' start times, so a missing note (G-03) is told apart and turns overdue on time.
    if (note.trim() === '') {
      if (!missingNote) {
        missingNote = new Set(['attendance']);
        for (const checklist of checklists.values()) for (const id of checklist.deadline?.from ?? []) missingNote.add(id);
      }
      return missingNote;
    }
    const id = noteChecklistId(note);
    const checklist = id === undefined ? undefined : checklists.get(id);
    if (!checklist) return null;
    let answers = byChecklist.get(checklist);
    if (!answers) {
      const fields = allFields(checklist);
      answers = new Set(fields.map((field) => field.id));
      if (fields.some((field) => field.type === 'attendance')) answers.add('attendance');
      byChecklist.set(checklist, answers);
    }
    return answers;
  };
}

const MAX_CACHE = 50_000;

interface CacheEntry {
  values: RowValues;
  grade: RowGrade;
  next: CacheEntry | undefined;
}

/** Grades asked of the background for one language and set of deadline hours, each distinct row content once. */
export class GradeClient {
  /** Rows sent to be graded: the "no observer storm" check counts these. */
  evaluations = 0;
  /** The background's time grading them, as it reports it. */
  evaluationMs = 0;
  private cache = new Map<string, CacheEntry>();
  private cached = 0;

  constructor(
    private readonly send: SendGradeRequest,
    readonly options: { locale: 'en' | 'zh-CN'; deadlineHours: Record<string, number>; catalog?: string },
  ) {}

  /** The grade of a row's content already answered and still valid, if any. */
  known(values: RowValues, now: number): RowGrade | undefined {
    let entry = this.cache.get(values.note);
    while (entry && !sameContent(entry.values, values)) entry = entry.next;
    return entry && entry.grade.validUntil > now ? entry.grade : undefined;
  }

  /** Asks the background to get these checklists ready, before the list's first rows. */
  warm(checklists: string[]): void {
    void this.ask([], checklists.slice(0, MAX_WARM_CHECKLISTS));
  }

  /** The rows' grades, in order; undefined when the background did not answer (restarting, failed, too slow). */
  async grade(rows: RowValues[]): Promise<RowGrade[] | undefined> {
    this.evaluations += rows.length;
    const reply = readGradeReply(await this.ask(rows), rows.length);
    if (!reply) return undefined;
    this.evaluationMs += reply.ms;
    for (let i = 0; i < rows.length; i++) this.remember(rows[i]!, reply.grades[i]!);
    return reply.grades;
  }

  private async ask(rows: RowValues[], warm?: string[]): Promise<unknown> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const request: ListGradeRequest = { type: LIST_GRADE_MESSAGE, ...this.options, rows, ...(warm ? { warm } : {}) };
    try {
      return await Promise.race([
        this.send(request),
        new Promise<undefined>((resolve) => (timer = setTimeout(resolve, GRADE_TIMEOUT_MS, undefined))),
      ]);
    } catch {
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  private remember(values: RowValues, grade: RowGrade): void {
    let entry = this.cache.get(values.note);
    while (entry && !sameContent(entry.values, values)) entry = entry.next;
    if (entry) {
      entry.grade = grade;
      return;
    }
    if (this.cached >= MAX_CACHE) {
      this.cache.clear();
      this.cached = 0;
    }
    this.cache.set(values.note, { values, grade, next: this.cache.get(values.note) });
    this.cached++;
  }
}
