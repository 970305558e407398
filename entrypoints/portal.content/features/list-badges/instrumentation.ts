// The badges' timing, kept apart from the badge code: what each grading pass
// cost (CPU, layout it brought forward, its longest task), published as
// performance marks on the page's timeline for the benchmark
// (bench/badges.mjs) and for anyone profiling the portal. Nothing here changes
// what is badged.

/** What grading has cost so far: rows sent to the background, and its time grading them. */
interface GradeCounts {
  evaluations: number;
  evaluationMs: number;
}

/** Performance marks, on the page's timeline, for the benchmark and for anyone profiling the portal. */
export const MARK_VISIBLE = 'chartguard:badges:visible';
export const MARK_GRADED = 'chartguard:badges:graded';
/** With this attribute on <html> (a benchmark sets it), each task of ours is also a performance measure, so a trace can tell its CPU time. */
export const PROFILE_ATTRIBUTE = 'data-chartguard-profile';
export const MEASURE_TASK = 'chartguard:badges:task';

interface PassStats {
  rows: number;
  evaluationsAtStart: number;
  evaluationMsAtStart: number;
  cpuMs: number;
  layoutMs: number;
  /** Longest task of ours, not counting the page's own pending layout it brought forward. */
  maxTaskMs: number;
  /** Which of our tasks was the longest: the animation frame, a grading slice, the placement check. */
  maxTaskKind: string;
  maxTaskWithLayoutMs: number;
  tasks: number;
  startedAt: number;
}

/** What the first frame of a list cost, by step, for MARK_VISIBLE. */
export interface VisibleFrame {
  rows: number;
  badged: number;
  taskMs: number;
  layoutMs: number;
  findRowsMs: number;
  geometryMs: number;
  gradeMs: number;
  drawMs: number;
}

function mark(name: string, detail: Record<string, unknown>) {
  try {
    performance.mark(name, { detail });
  } catch {
    // A page that replaced `performance` loses the marks, nothing else.
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;

export class BadgeTiming {
  private profiling = false;
  private pass: PassStats | undefined;

  /** A list (re)starts: profiling follows the page's attribute. */
  restart() {
    this.profiling = document.documentElement.hasAttribute(PROFILE_ATTRIBUTE);
    this.pass = undefined;
  }

  /** Starts counting the cost of grading what is now queued (a new list, or changed rows). */
  beginPass(rows: number, grader: GradeCounts | undefined) {
    this.pass ??= {
      rows,
      evaluationsAtStart: grader?.evaluations ?? 0,
      evaluationMsAtStart: grader?.evaluationMs ?? 0,
      cpuMs: 0,
      layoutMs: 0,
      maxTaskMs: 0,
      maxTaskKind: '',
      maxTaskWithLayoutMs: 0,
      tasks: 0,
      startedAt: performance.now(),
    };
  }

  account(ms: number, layoutMs: number, kind: string) {
    if (!this.pass) return;
    this.pass.cpuMs += ms;
    this.pass.layoutMs += layoutMs;
    this.pass.tasks++;
    if (ms - layoutMs > this.pass.maxTaskMs) this.pass.maxTaskKind = kind;
    if (this.profiling) {
      try {
        performance.measure(MEASURE_TASK, { start: performance.now() - ms, duration: ms, detail: { kind, layoutMs } });
      } catch {
        // Profiling only.
      }
    }
    this.pass.maxTaskMs = Math.max(this.pass.maxTaskMs, ms - layoutMs);
    this.pass.maxTaskWithLayoutMs = Math.max(this.pass.maxTaskWithLayoutMs, ms);
  }

  /** The first frame of a list was drawn with every row in view badged. */
  visible(frame: VisibleFrame) {
    mark(MARK_VISIBLE, {
      rows: frame.rows,
      badged: frame.badged,
      taskMs: round(frame.taskMs),
      layoutMs: round(frame.layoutMs),
      findRowsMs: round(frame.findRowsMs),
      geometryMs: round(frame.geometryMs),
      gradeMs: round(frame.gradeMs),
      drawMs: round(frame.drawMs),
    });
  }

  /** Every queued row is graded: the pass's cost goes on the timeline. */
  endPass(rows: number, grader: GradeCounts | undefined) {
    const pass = this.pass;
    this.pass = undefined;
    if (!pass || !grader) return;
    mark(MARK_GRADED, {
      rows,
      evaluations: grader.evaluations - pass.evaluationsAtStart,
      evaluationMs: round(grader.evaluationMs - pass.evaluationMsAtStart),
      cpuMs: round(pass.cpuMs),
      layoutMs: round(pass.layoutMs),
      maxTaskMs: round(pass.maxTaskMs),
      maxTaskKind: pass.maxTaskKind,
      maxTaskWithLayoutMs: round(pass.maxTaskWithLayoutMs),
      tasks: pass.tasks,
      wallMs: round(performance.now() - pass.startedAt),
    });
  }
}
