// Compliance badges on a portal's record lists, for supervisors: every row the
// adapter's `list` describes is read here and graded by the background
// (lib/list-grading.ts) from what the row shows, and badged on an overlay that
// never re-lays out the portal's table. Rows in view are asked for first, as
// the list appears; the rest are read in slices of a few milliseconds and sent
// in batches, each distinct row content once.
import type { AdapterList, Checklist, NoteBadge } from '@chartguard/sdk/runtime';
import { GradeClient, noteAnswers, sendToBackground, type RowGrade, type SendGradeRequest } from './badges-grade';
import { recordIdOf, rowReader, sameContent, type RowReader, type RowValues } from './badges-read';
import { catalogGeneration, fitRow, MAX_REQUEST_CHARS, MAX_ROWS_PER_REQUEST } from '../../../../lib/list-grade-protocol';
import { storageSettings, type BadgeSettings, type SettingsSource } from './badges-settings';
import { browserLocale } from '../../../../i18n';
import { badgeText, type BadgeText } from '../../../../i18n/badges';
import { BADGE_SIZE, BadgeOverlay, BAR_HEIGHT, BAR_MAX_WIDTH, LABELLED_WIDTH, SummaryBar, type PlacedBadge } from './badges-view';
import type { PageMatch } from '../../detect';
import { BadgeTiming } from './instrumentation';

/** Set on each graded row: page-visible on purpose, it is what the badge shows (and what tests read). */
export const BADGE_ATTRIBUTE = 'data-chartguard-badge';
/**
 * Set on the list's element (a virtualised grid's scroll area, else the rows'
 * table or container) after each frame in which every row shown was graded
 * and its badge drawn: a count, so a test waits for the next one instead of sleeping.
 */
export const PASS_ATTRIBUTE = 'data-chartguard-badge-pass';
/** Set on <html> while the list shows only the records that need action. */
export const FILTER_ATTRIBUTE = 'data-chartguard-filter';

/** Longest stretch of reading rows before giving the page the main thread back. */
const SLICE_MS = 8;
const DEADLINE_CHECK_MS = 60_000;
/** Rows this far outside the viewport (in viewport heights) are badged too, so scrolling shows no gaps. */
const OVERSCAN = 1;
const MAX_DRAWN = 600;
const TRANSITION_EVENTS = ['transitionrun', 'transitionend', 'transitioncancel'] as const;
/** A row whose transition never reported its end (removed mid-way, say) stops being followed after this long. */
const MAX_TRANSITION_MS = 2_000;
/** After the background failed to answer, rows are asked for again this much later. */
export const GRADE_RETRY_MS = 2_000;
/** Requests sent and not answered yet, at most: the background answers them in order, so more would only queue there. */
const MAX_IN_FLIGHT = 2;

export interface ListBadgesDeps {
  checklists: Map<string, Checklist>;
  settings?: SettingsSource;
  /** Delivers grade requests; the background through runtime messaging unless a test stands in for it. */
  send?: SendGradeRequest;
}

interface RowState {
  /** What the grade was made from. */
  values: RowValues;
  grade: RowGrade;
}

type Scheduler = { yield?: () => Promise<void> };

/** Gives the main thread back: scheduler.yield where there is one, else a message-channel task. */
function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

const emptyCounts = (): Record<NoteBadge, number> => ({
  attention: 0,
  overdue: 0,
  missing: 0,
  incomplete: 0,
  check: 0,
  complete: 0,
  unstructured: 0,
});

export class ListBadges {
  private readonly list: AdapterList;
  /** The page's other lists, each badged on its own (a caseload grid and a handover list, say). */
  private readonly siblings: ListBadges[] = [];
  /** A virtualised grid's scroll area (the adapter's `viewport`), found with the rows. */
  private viewport: Element | null = null;
  /** Its sticky header and footer rows, which the grid's rows scroll under. */
  private stickies: Element[] = [];
  /** Rows a virtualised grid shows, by badge (scope `shown` of the summary). */
  private shownCounts: Record<NoteBadge, number> | undefined;
  private shown = 0;
  private passes = 0;
  /** Reads rows for the current grader: only the cells a row's note makes its grade depend on. */
  private readRow: RowReader | undefined;
  private readonly unwatch: () => void;
  private settings: BadgeSettings | undefined;
  private client: GradeClient | undefined;
  /** Rows sent to be graded and not answered yet, with what was sent. */
  private asked = new WeakMap<Element, RowValues>();
  /** Rows read and not sent yet: the next request. */
  private batch: { row: Element; values: RowValues }[] = [];
  /** Its size in characters (fitRow). */
  private batchChars = 0;
  private inFlight = new Set<Promise<void>>();
  /** The background did not answer: the summary says so until it does. */
  private unavailable = false;
  /** Rows whose request failed, or that came up while waiting for the retry: asked for again at retryAt. */
  private failed = new Set<Element>();
  private retryAt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private text: BadgeText | undefined;
  private overlay: BadgeOverlay | undefined;
  private bar: SummaryBar | undefined;
  private filterStyle: HTMLStyleElement | undefined;

  private running = false;
  private destroyed = false;
  private rows: Element[] = [];
  private rowsStale = true;
  private anchor: Element | null = null;
  /** Where the summary was drawn on the overlay, and whether that strip was seen to be free. */
  private barSpot: { list: string; checked: boolean; width: number } | undefined;
  /** The list whose summary had to go into the page's flow. */
  private barInline: Element | undefined;
  /** Whether badges beside this list have room for their labels (decided after a paint). */
  private labelled = false;
  private labelledFor: Element | undefined;
  private placementCheck = false;
  private state = new WeakMap<Element, RowState>();
  /** Whether any row has a state in `state`. */
  private everGraded = false;
  private dirty = new Set<Element>();
  private queue: Element[] = [];
  private queueIndex = 0;
  /** Rows near the viewport not graded yet: the pass takes these first. */
  private priority: Element[] = [];
  private passRunning = false;
  /** What each grading pass costs, for the benchmark's marks (instrumentation.ts). */
  private readonly timing = new BadgeTiming();
  private epoch = 0;
  private frame = 0;
  private filtering = false;
  private countsStale = true;
  private counts: Record<NoteBadge, number> = emptyCounts();
  private graded = 0;
  private announceVisible = false;
  private barUpdatedAt = 0;

  private observer: MutationObserver | undefined;
  private resizeObserver: ResizeObserver | undefined;
  private deadlineTimer: ReturnType<typeof setInterval> | undefined;
  /** The earliest validUntil of the grades given since the last full check: counts must not outlive it. */
  private nextExpiry = Number.POSITIVE_INFINITY;
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly onViewportChange = () => this.schedule();
  /** Rows moving by a CSS transition (AG Grid animates rows to their places after a sort), since when. */
  private moving = new Map<EventTarget, number>();
  private readonly onTransition = (event: Event) => {
    const row = event.target instanceof Element ? this.rowOf(event.target) : null;
    if (!row) return;
    if (event.type === 'transitionrun') this.moving.set(event.target!, performance.now());
    else this.moving.delete(event.target!);
    this.schedule();
  };

  constructor(
    readonly match: PageMatch,
    readonly deps: ListBadgesDeps,
    list?: AdapterList,
  ) {
    this.list = list ?? match.page.list!;
    if (!list) for (const other of match.page.lists?.slice(1) ?? []) this.siblings.push(new ListBadges(match, deps, other));
    const source = deps.settings ?? storageSettings;
    this.unwatch = source.watch((settings) => this.apply(settings));
    source.load().then(
      (settings) => {
        if (!this.settings) this.apply(settings);
      },
      (error: unknown) => console.warn('Chartguard: badge settings could not be read', error),
    );
  }

  get key(): string {
    return `${this.match.adapter.id}|${this.match.page.kind}|list`;
  }

  /** The page's DOM changed (re-render, pagination, filter); our own observer sees the details. */
  pageChanged(): void {
    for (const sibling of this.siblings) sibling.pageChanged();
    if (!this.running) return;
    if (!this.anchor?.isConnected) {
      this.rowsStale = true;
      this.schedule();
    }
  }

  destroy(): void {
    for (const sibling of this.siblings) sibling.destroy();
    this.destroyed = true;
    this.unwatch();
    this.stop();
  }

  /** Counts of the current list by badge (graded rows only). */
  /** The badges' settings have been read, so the list shows (or, switched off, hides) what it will. */
  get settingsRead(): boolean {
    return this.settings !== undefined;
  }

  summary(): { total: number; graded: number; counts: Record<NoteBadge, number> } {
    this.expireDue();
    this.recount();
    const own = { total: this.rows.length, graded: this.graded, counts: { ...this.counts } };
    // The page's lists together, for the toolbar popup.
    for (const sibling of this.siblings) {
      const other = sibling.summary();
      own.total += other.total;
      own.graded += other.graded;
      for (const badge of Object.keys(own.counts) as NoteBadge[]) own.counts[badge] += other.counts[badge];
    }
    return own;
  }

  /** Shows only the records that need action, or all of them again. */
  setFilter(on: boolean): void {
    if (!this.running || on === this.filtering || this.list.viewport) return;
    this.filtering = on;
    const root = document.documentElement;
    if (on) {
      if (!this.filterStyle) {
        this.filterStyle = document.createElement('style');
        this.filterStyle.setAttribute('data-chartguard', '');
        const keep = ['attention', 'overdue', 'incomplete'].map((badge) => `[${BADGE_ATTRIBUTE}="${badge}"]`).join(', ');
        this.filterStyle.textContent = `html[${FILTER_ATTRIBUTE}] [${BADGE_ATTRIBUTE}]:not(${keep}) { display: none !important; }`;
      }
      (document.head ?? root).append(this.filterStyle);
      root.setAttribute(FILTER_ATTRIBUTE, '');
    } else {
      root.removeAttribute(FILTER_ATTRIBUTE);
      this.filterStyle?.remove();
    }
    this.updateBar(true);
    this.schedule();
  }

  // ------------------------------------------------------------ settings

  private apply(settings: BadgeSettings): void {
    if (this.destroyed) return;
    const previous = this.settings;
    this.settings = settings;
    if (!settings.badges) {
      this.stop();
      return;
    }
    const locale = browserLocale(settings.locale);
    const deadlines = JSON.stringify(settings.deadlineHours ?? {});
    const changed =
      !previous || !this.client || this.client.options.locale !== locale || JSON.stringify(this.client.options.deadlineHours) !== deadlines;
    if (changed) {
      const restart = this.running;
      if (restart) this.stop();
      this.text = badgeText(locale);
      this.client = new GradeClient(this.deps.send ?? sendToBackground, {
        locale,
        deadlineHours: settings.deadlineHours ?? {},
        catalog: catalogGeneration(this.deps.checklists.values()),
      });
      this.readRow ??= rowReader(this.list, noteAnswers(this.deps.checklists));
      // The background compiles the list's checklists while the page is still drawing it.
      this.client.warm(this.list.checklists ?? [...this.deps.checklists.keys()]);
    }
    if (!this.running) this.start();
  }

  // ------------------------------------------------------------ lifecycle

  private start(): void {
    if (this.running || !this.client || !this.text) return;
    this.running = true;
    this.epoch++;
    this.timing.restart();
    this.overlay = new BadgeOverlay(this.text);
    this.bar = new SummaryBar(this.text, () => this.setFilter(!this.filtering), { name: this.list.name, filterable: !this.list.viewport });
    this.state = new WeakMap();
    this.everGraded = false;
    this.rowsStale = true;
    this.countsStale = true;

    const attributes = new Set(['hidden', 'style', 'class', 'open']);
    if (this.list.recordIdAttribute) attributes.add(this.list.recordIdAttribute);
    for (const cell of this.list.cells) if (cell.attribute) attributes.add(cell.attribute);
    this.observer = new MutationObserver((records) => this.onMutations(records));
    this.observer.observe(document.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: [...attributes],
    });
    this.resizeObserver = new ResizeObserver(this.onViewportChange);
    this.resizeObserver.observe(document.documentElement);
    window.addEventListener('scroll', this.onViewportChange, { capture: true, passive: true });
    window.addEventListener('resize', this.onViewportChange, { passive: true });
    for (const type of TRANSITION_EVENTS) window.addEventListener(type, this.onTransition, { capture: true, passive: true });
    document.fonts?.addEventListener?.('loadingdone', this.onViewportChange);
    this.deadlineTimer = setInterval(() => this.expireGrades(), DEADLINE_CHECK_MS);
    this.schedule();
  }

  private stop(): void {
    if (!this.running) return;
    this.running = false;
    this.epoch++;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.observer?.disconnect();
    this.resizeObserver?.disconnect();
    window.removeEventListener('scroll', this.onViewportChange, { capture: true });
    window.removeEventListener('resize', this.onViewportChange);
    for (const type of TRANSITION_EVENTS) window.removeEventListener(type, this.onTransition, { capture: true });
    this.moving.clear();
    document.fonts?.removeEventListener?.('loadingdone', this.onViewportChange);
    clearInterval(this.deadlineTimer);
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    this.nextExpiry = Number.POSITIVE_INFINITY;
    if (this.filtering) this.setFilterOff();
    this.overlay?.remove();
    this.bar?.remove();
    this.overlay = undefined;
    this.bar = undefined;
    for (const row of this.rows) row.removeAttribute(BADGE_ATTRIBUTE);
    this.rows = [];
    this.anchor = null;
    this.viewport = null;
    this.stickies = [];
    this.stickiesOf = undefined;
    this.shownCounts = undefined;
    this.barSpot = undefined;
    this.barInline = undefined;
    this.labelledFor = undefined;
    this.dirty.clear();
    this.queue = [];
    this.queueIndex = 0;
    this.priority = [];
    this.state = new WeakMap();
    this.everGraded = false;
    this.asked = new WeakMap();
    this.batch = [];
    this.batchChars = 0;
    this.inFlight.clear();
    this.unavailable = false;
    this.failed.clear();
    this.retryAt = 0;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private setFilterOff() {
    this.filtering = false;
    document.documentElement.removeAttribute(FILTER_ATTRIBUTE);
    this.filterStyle?.remove();
  }

  // ------------------------------------------------------------ change tracking

  private isOurs(node: Node | null): boolean {
    return node !== null && (node === this.overlay?.host || node === this.bar?.host || node === this.filterStyle);
  }

  private rowOf(node: Node | null): Element | null {
    const element = node && (node.nodeType === 1 ? (node as Element) : node.parentElement);
    if (!element) return null;
    try {
      return element.closest(this.list.rows);
    } catch {
      return null;
    }
  }

  private containsRows(node: Node): boolean {
    if (node.nodeType !== 1) return false;
    try {
      return (node as Element).matches(this.list.rows) || (node as Element).querySelector(this.list.rows) !== null;
    } catch {
      return false;
    }
  }

  /** One pass over the records: which rows changed, and whether the set of rows did. */
  private onMutations(records: MutationRecord[]): void {
    if (!this.running) return;
    let relevant = false;
    for (const record of records) {
      if (this.isOurs(record.target)) continue;
      if (record.type === 'childList') {
        const added = [...record.addedNodes].filter((node) => !this.isOurs(node));
        const removed = [...record.removedNodes].filter((node) => !this.isOurs(node));
        if (!added.length && !removed.length) continue;
        relevant = true;
        const row = this.rowOf(record.target);
        if (row) {
          this.markDirty(row);
          continue;
        }
        if (
          this.rowsStale ||
          added.some((node) => this.containsRows(node)) ||
          removed.some(
            (node) =>
              node.nodeType === 1 &&
              (this.state.has(node as Element) ||
                (this.anchor !== null && (node.contains(this.anchor) || (node as Element).querySelector?.(this.list.rows) != null))),
          ) ||
          (this.anchor !== null && this.anchor.contains(record.target))
        ) {
          this.rowsStale = true;
        }
      } else {
        relevant = true;
        const row = this.rowOf(record.target);
        if (row) this.markDirty(row);
      }
    }
    if (relevant) this.schedule();
  }

  private markDirty(row: Element) {
    this.beginPass();
    if (!this.dirty.has(row)) {
      this.dirty.add(row);
      this.queue.push(row);
    }
  }

  /**
   * Open records whose deadline has passed since they were graded become overdue: their old grade is taken away
   * at once, so a row shows no badge and is not counted until the background grades it again.
   */
  private expireGrades(): void {
    const now = Date.now();
    let any = false;
    let next = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.rows.length; i++) {
      const row = this.rows[i]!;
      const state = this.state.get(row);
      if (!state) continue;
      if (state.grade.validUntil <= now) {
        this.expire(row, state);
        any = true;
      } else if (state.grade.validUntil < next) next = state.grade.validUntil;
    }
    this.nextExpiry = Number.POSITIVE_INFINITY;
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    this.expiresBy(next);
    if (any) {
      this.updateBar(true);
      this.schedule();
    }
  }

  /**
   * A grade anywhere in the list (far off screen too) may have expired: if so, every expired one is taken away
   * before anything counts them. Checked wherever counts are read and at the earliest expiry, not only once a
   * minute (a background tab's timers run late).
   */
  private expireDue(): void {
    if (Date.now() >= this.nextExpiry) this.expireGrades();
  }

  /** A grade valid until `at` is held: the earliest such time is watched for. */
  private expiresBy(at: number): void {
    if (at >= this.nextExpiry) return;
    this.nextExpiry = at;
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    const delay = at - Date.now();
    // Beyond what a timer takes (about 24.8 days; NEVER_EXPIRES): the checks where counts are read suffice.
    if (!this.running || delay > 0x7fffffff) return;
    this.expiryTimer = setTimeout(
      () => {
        this.expiryTimer = undefined;
        this.expireDue();
      },
      Math.max(0, delay),
    );
  }

  private expire(row: Element, state: RowState): void {
    this.dropGrade(row, state);
    this.markDirty(row);
  }

  // ------------------------------------------------------------ drawing

  private schedule(): void {
    if (!this.running || this.frame) return;
    this.frame = requestAnimationFrame(() => this.flush());
  }

  private refreshRows(): void {
    let rows: Element[] = [];
    try {
      const found = document.querySelectorAll(this.list.rows);
      rows = new Array<Element>(found.length);
      for (let i = 0; i < found.length; i++) rows[i] = found[i]!;
    } catch (error) {
      console.warn('Chartguard: the adapter’s list selector is invalid', error);
    }
    this.rows = rows;
    this.rowsStale = false;
    this.countsStale = true;
    const first = rows[0];
    this.viewport = first && this.list.viewport ? this.findViewport(first) : null;
    this.stickies = this.viewport ? this.stickyParts(this.viewport) : [];
    // A virtualised grid is summarised above its scroll area, which holds its header too.
    this.anchor = this.viewport ?? (first ? (first.closest('table') ?? first.parentElement) : null);
    if (this.anchor) this.resizeObserver?.observe(this.anchor);
    // Everything is checked again; rows whose content did not change cost a read, not an evaluation.
    this.queue = rows.slice();
    this.queueIndex = 0;
    this.priority = [];
    this.beginPass();
    this.announceVisible = rows.length > 0;
  }

  /**
   * Runs in an animation frame, so the layout it reads is the one the frame
   * needs anyway. Rows in the viewport are read here and sent to be graded at
   * once, so they are badged in the first frame after the background answers;
   * rows just outside it go first in the reading pass.
   */
  private flush(): void {
    this.frame = 0;
    if (!this.running || !this.overlay || !this.bar) return;
    const started = performance.now();
    this.overlay.attach();
    // Our layers go in together, before the first layout read: each insert at the
    // root costs a pass over the page's whole layout tree (docs/performance.md).
    if (!this.bar.host.isConnected && !this.barInline) this.bar.float(0, 0, BAR_MAX_WIDTH, false);
    // The first layout read brings forward the layout this frame would run
    // anyway after its callbacks (a freshly rendered list's, say): the page's
    // cost, timed apart from ours.
    const origin = this.overlay.origin();
    const laidOut = performance.now();
    if (this.rowsStale) this.refreshRows();
    this.placeBar(origin);
    const refreshed = performance.now();
    // A virtualised grid: only what its scroll area shows, past its sticky header, counts and is badged.
    const clip = this.viewport?.isConnected ? this.clipRect(this.viewport) : undefined;
    const visible = clip ? this.rowsNear(clip) : this.visibleRows();
    const measured = performance.now();
    const now = Date.now();
    const placed: PlacedBadge[] = [];
    if (this.labelledFor !== this.anchor) this.checkPlacementSoon();
    const height = window.innerHeight || document.documentElement.clientHeight;
    const shownCounts = clip ? emptyCounts() : undefined;
    let settled = !this.rowsStale;
    let inViewBadged = true;
    for (const { row, rect } of visible) {
      const inView = clip
        ? rect.bottom > clip.top && rect.top < clip.bottom && rect.right > clip.left && rect.left < clip.right
        : rect.bottom >= 0 && rect.top <= height;
      let state = this.state.get(row);
      if (state && state.grade.validUntil <= now) {
        this.expire(row, state);
        state = undefined;
      }
      if (inView || !state || this.dirty.has(row)) {
        if (inView) state = this.process(row, now);
        else {
          if (!this.priority.includes(row)) this.priority.push(row);
          if (!state) continue;
        }
      }
      if (!state) {
        if (inView) settled = inViewBadged = false;
        continue;
      }
      if (clip) {
        // Inside the row's right end, centred: a grid's rows fill its scroll area, so there is no gutter beside them.
        const x = Math.min(rect.right, clip.right) - BADGE_SIZE - 4;
        const y = rect.top + (rect.height - BADGE_SIZE) / 2;
        // The whole badge inside the scroll area or none: never over the grid's header, its scrollbar or the page around it.
        if (y < clip.top || y + BADGE_SIZE > clip.bottom || x < clip.left) continue;
        shownCounts![state.grade.badge]++;
        placed.push({ row, grade: state.grade, recordId: recordIdOf(this.list, row), x: x - origin.x, y: y - origin.y, compact: true });
        continue;
      }
      const y = rect.top + Math.max(0, Math.min(3, rect.height - BADGE_SIZE));
      const labelled = this.labelledFor === this.anchor && this.labelled;
      let x: number;
      if (labelled) x = rect.left - LABELLED_WIDTH - 4;
      else if (rect.left >= BADGE_SIZE + 4) x = rect.left - BADGE_SIZE - 3;
      else x = rect.right - BADGE_SIZE - 3;
      placed.push({ row, grade: state.grade, recordId: recordIdOf(this.list, row), x: x - origin.x, y: y - origin.y, compact: !labelled });
    }
    // The rows in view not graded yet go to the background now, ahead of the reading pass.
    this.sendBatch();
    const graded = performance.now();
    this.overlay.render(placed);
    if (shownCounts) {
      this.shownCounts = shownCounts;
      this.shown = placed.length;
    }
    this.updateBar(this.announceVisible || Boolean(clip));
    // Rows moving by a transition fire no event while they move: follow them frame by frame until they stop.
    if (this.moving.size) {
      const now = performance.now();
      // A row removed mid-move reports no end.
      for (const [target, since] of this.moving)
        if (now - since > MAX_TRANSITION_MS || !(target as Element).isConnected) this.moving.delete(target);
      if (this.moving.size) {
        settled = false;
        this.schedule();
      }
    }
    if (settled) this.anchor?.setAttribute(PASS_ATTRIBUTE, String(++this.passes));
    const ms = performance.now() - started;
    const layoutMs = laidOut - started;
    this.timing.account(ms, layoutMs, 'frame');
    // "Visible" once every row in view has its badge: the first frame after the background answered for them.
    if (this.announceVisible && inViewBadged) {
      this.announceVisible = false;
      this.timing.visible({
        rows: this.rows.length,
        badged: placed.length,
        taskMs: ms,
        layoutMs,
        findRowsMs: refreshed - laidOut,
        geometryMs: measured - refreshed,
        gradeMs: graded - measured,
        drawMs: performance.now() - graded,
      });
    }
    if (this.priority.length || this.queueIndex < this.queue.length) void this.runPass();
  }

  /**
   * The summary goes right-aligned just above the list, on the overlay, when
   * that strip is free (the empty side of a heading, say); where it is not,
   * it goes into the page's flow above the list, at the cost of one re-layout.
   * Whether it is free is found by hit tests, which make Chromium bring the
   * whole page's paint state up to date: they run after the frame has been
   * painted (see checkPlacement), and the bar stays hidden until then.
   */
  private placeBar(origin: { x: number; y: number }): void {
    const bar = this.bar!;
    const anchor = this.anchor;
    if (!anchor?.isConnected) {
      bar.remove();
      return;
    }
    if (this.barInline === anchor) {
      bar.inline(anchor);
      return;
    }
    const rect = anchor.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) {
      bar.remove();
      return;
    }
    const y = rect.top - BAR_HEIGHT - 4;
    const list = `${Math.round(rect.right - origin.x)}|${Math.round(y - origin.y)}|${Math.round(rect.width)}`;
    if (this.barSpot?.list !== list) this.barSpot = { list, checked: false, width: Math.min(BAR_MAX_WIDTH, rect.width) };
    if (!this.barSpot.checked) this.checkPlacementSoon();
    const { width, checked } = this.barSpot;
    bar.float(rect.right - width - origin.x, y - origin.y, width, checked);
  }

  private checkPlacementSoon(): void {
    if (this.placementCheck) return;
    this.placementCheck = true;
    const epoch = this.epoch;
    // Called while a frame is drawn: the check runs in the next frame, after this one is painted.
    requestAnimationFrame(() => {
      this.placementCheck = false;
      if (this.running && epoch === this.epoch) this.checkPlacement();
    });
  }

  /**
   * After a paint, in an animation frame: where the summary fits, and whether
   * the badges have room for their labels. Hit tests need the page's paint
   * state up to date; the first brings forward the update this frame runs
   * anyway after its callbacks (the page's own work, docs/performance.md),
   * timed apart from ours as in flush.
   */
  private checkPlacement(): void {
    const started = performance.now();
    document.elementFromPoint(0, 0);
    const laidOut = performance.now();
    const anchor = this.anchor;
    const spot = this.barSpot;
    let changed = false;
    if (anchor?.isConnected && spot && !spot.checked && this.barInline !== anchor) {
      const rect = anchor.getBoundingClientRect();
      const y = rect.top - BAR_HEIGHT - 4;
      const height = window.innerHeight || document.documentElement.clientHeight;
      if (y + window.scrollY < 0) {
        this.barInline = anchor;
        changed = true;
      } else if (y >= 0 && y + BAR_HEIGHT <= height) {
        // Narrower when the widest would reach the text of a heading beside it.
        const widths = [BAR_MAX_WIDTH, 600, 480].map((width) => Math.min(width, rect.width));
        const width = widths.find(
          (candidate) => rect.right - candidate >= 0 && this.stripIsFree(anchor, rect.right - candidate, y, candidate),
        );
        if (width === undefined) this.barInline = anchor;
        else Object.assign(spot, { checked: true, width });
        changed = true;
      }
      // Off screen: checked when it comes into view (the next flush asks again).
    }
    const row = this.rows.find((candidate) => candidate.isConnected && this.state.has(candidate));
    if (row && this.labelledFor !== this.anchor) {
      const rect = row.getBoundingClientRect();
      const height = window.innerHeight || document.documentElement.clientHeight;
      if (rect.bottom > 0 && rect.top < height && rect.width > 0) {
        this.labelled = this.roomForLabels(row, rect.left, rect.top + Math.max(0, Math.min(3, rect.height - BADGE_SIZE)));
        this.labelledFor = this.anchor ?? undefined;
        changed ||= this.labelled;
      }
    }
    this.timing.account(performance.now() - started, laidOut - started, 'placement');
    if (changed) this.schedule();
  }

  /** No portal content under the strip: only the list's own containers (or us). A few hit tests on a clean layout. */
  private stripIsFree(list: Element, x: number, y: number, width: number): boolean {
    const range = document.createRange();
    const inside = (rect: DOMRect, px: number, py: number) =>
      px >= rect.left - 2 && px <= rect.right + 2 && py >= rect.top - 2 && py <= rect.bottom + 2;
    for (const px of [x + 4, x + width / 2, x + width - 4]) {
      for (const py of [y + 3, y + BAR_HEIGHT / 2, y + BAR_HEIGHT - 3]) {
        const hit = document.elementFromPoint(px, py);
        if (!hit) return false;
        if (hit === this.overlay?.host || hit === this.bar?.host || hit.contains(list)) continue;
        if (hit.closest('a, button, input, select, textarea, label, img, svg, video, canvas, iframe, object, embed, [contenteditable]'))
          return false;
        // A block whose own content stops short of the point, like the empty end of a heading.
        for (let child = hit.firstChild; child; child = child.nextSibling) {
          let rects: ArrayLike<DOMRect>;
          if (child.nodeType === 3) {
            range.selectNodeContents(child);
            rects = range.getClientRects();
          } else if (child.nodeType === 1) rects = (child as Element).getClientRects();
          else continue;
          for (let i = 0; i < rects.length; i++) if (inside(rects[i]!, px, py)) return false;
        }
      }
    }
    return true;
  }

  /**
   * Labelled badges need a free gutter left of the list: not just pixels, but
   * pixels that belong to the list's own containers (not a sidebar beside it).
   * Two hit tests on a layout that is already clean.
   */
  private roomForLabels(row: Element, left: number, top: number): boolean {
    if (left < LABELLED_WIDTH + 8) return false;
    const free = (x: number) => {
      const hit = document.elementFromPoint(x, top + BADGE_SIZE / 2);
      return hit !== null && (hit === this.overlay?.host || hit.contains(row));
    };
    return free(left - LABELLED_WIDTH - 2) && free(left - 6);
  }

  /** Rows within the viewport (plus overscan), found by binary search over the rows in document order. */
  private visibleRows(): { row: Element; rect: DOMRect }[] {
    const rows = this.rows;
    const n = rows.length;
    if (!n) return [];
    const height = window.innerHeight || document.documentElement.clientHeight;
    const top = -OVERSCAN * height;
    const bottom = height + OVERSCAN * height;
    const rectOf = (i: number) => {
      const rect = rows[i]!.getBoundingClientRect();
      return rect.width === 0 && rect.height === 0 ? null : rect;
    };
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      let j = mid;
      let rect: DOMRect | null = null;
      while (j < hi && !(rect = rectOf(j))) j++;
      if (!rect) hi = mid;
      else if (rect.bottom < top) lo = j + 1;
      else hi = mid;
    }
    const out: { row: Element; rect: DOMRect }[] = [];
    for (let i = lo; i < n && out.length < MAX_DRAWN; i++) {
      const rect = rectOf(i);
      if (!rect) continue;
      if (rect.top > bottom) break;
      if (rect.bottom >= top) out.push({ row: rows[i]!, rect });
    }
    return out;
  }

  private updateBar(force = false): void {
    if (!this.bar) return;
    const now = performance.now();
    if (!force && now - this.barUpdatedAt < 250 && this.queueIndex < this.queue.length) return;
    this.barUpdatedAt = now;
    this.expireDue();
    this.recount();
    const listTotal = this.listTotal();
    // A virtualised grid holds only some of its rows: the summary counts the rows it shows, and says so,
    // unless the grid's own total says every row is here.
    if (this.viewport && this.shownCounts && listTotal !== this.rows.length) {
      const unavailable = this.unavailable;
      this.bar.update({
        total: this.shown,
        graded: this.shown,
        counts: this.shownCounts,
        filtering: false,
        scope: 'shown',
        listTotal,
        unavailable,
      });
      return;
    }
    this.bar.update({
      total: this.rows.length,
      graded: this.graded,
      counts: this.counts,
      filtering: this.filtering,
      unavailable: this.unavailable,
    });
  }

  /** The grid's own count of its rows, where the adapter names the element that shows it ("400", "41 records"). */
  private listTotal(): number | undefined {
    const total = this.list.total;
    if (!total) return undefined;
    try {
      const element = document.querySelector(total.selector);
      const text = element ? (total.attribute ? element.getAttribute(total.attribute) : element.textContent) : null;
      const digits = /\d[\d,.\s\u00a0\u202f]*/.exec(text ?? '')?.[0].replace(/\D/g, '');
      return digits ? Number(digits) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The adapter's scroll area around the list's rows. */
  private findViewport(row: Element): Element | null {
    const selector = this.list.viewport!;
    try {
      return row.closest(selector) ?? document.querySelector(selector);
    } catch (error) {
      console.warn('Chartguard: the adapter’s list viewport selector is invalid', error);
      return null;
    }
  }

  /** Sticky parts of a grid's scroll area (its header, pinned rows), found once per scroll area: rows scroll under them. */
  private stickyParts(viewport: Element): Element[] {
    if (viewport === this.stickiesOf) return this.stickies;
    this.stickiesOf = viewport;
    const found: Element[] = [];
    const visit = (element: Element, depth: number) => {
      for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
        const position = getComputedStyle(child).position;
        if (position === 'sticky' || position === 'fixed') found.push(child);
        else if (depth < 3) visit(child, depth + 1);
      }
    };
    visit(viewport, 1);
    return found;
  }

  private stickiesOf: Element | undefined;

  /**
   * What a grid's scroll area shows, in viewport coordinates: its client box
   * (no border, no scrollbar), less the sticky header and footer its rows
   * scroll under, within the window.
   */
  private clipRect(viewport: Element): { left: number; top: number; right: number; bottom: number; height: number } {
    const rect = viewport.getBoundingClientRect();
    const box = viewport as HTMLElement;
    let left = rect.left + (box.clientLeft ?? 0);
    let top = rect.top + (box.clientTop ?? 0);
    let right = left + (box.clientWidth || rect.width);
    let bottom = top + (box.clientHeight || rect.height);
    const height = bottom - top;
    for (const sticky of this.stickies) {
      const part = sticky.getBoundingClientRect();
      if (part.width === 0 || part.height === 0) continue;
      if (part.top <= top + 1 && part.bottom > top) top = Math.max(top, part.bottom);
      else if (part.bottom >= bottom - 1 && part.top < bottom) bottom = Math.min(bottom, part.top);
    }
    left = Math.max(left, 0);
    top = Math.max(top, 0);
    right = Math.min(right, window.innerWidth || document.documentElement.clientWidth);
    bottom = Math.min(bottom, window.innerHeight || document.documentElement.clientHeight);
    return { left, top, right, bottom, height };
  }

  /**
   * The rows in and near a grid's scroll area. A virtualised grid keeps few
   * rows and orders them as it likes (AG Grid leaves recycled rows where they
   * were in the document and moves them with transforms): every one is measured.
   */
  private rowsNear(clip: { top: number; bottom: number; height: number }): { row: Element; rect: DOMRect }[] {
    const out: { row: Element; rect: DOMRect }[] = [];
    const top = clip.top - OVERSCAN * clip.height;
    const bottom = clip.bottom + OVERSCAN * clip.height;
    for (let i = 0; i < this.rows.length && out.length < MAX_DRAWN; i++) {
      const row = this.rows[i]!;
      const rect = row.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      if (rect.bottom >= top && rect.top <= bottom) out.push({ row, rect });
    }
    return out;
  }

  /** Counts from scratch: only after the set of rows changed; grading keeps them up to date otherwise. */
  private recount(): void {
    if (!this.countsStale) return;
    const counts: Record<NoteBadge, number> = {
      attention: 0,
      overdue: 0,
      missing: 0,
      incomplete: 0,
      check: 0,
      complete: 0,
      unstructured: 0,
    };
    let graded = 0;
    const now = Date.now();
    // A list just found holds no graded row yet: nothing to look up.
    for (let i = 0; this.everGraded && i < this.rows.length; i++) {
      const row = this.rows[i]!;
      const state = this.state.get(row);
      if (!state) continue;
      // Counts are stale here, so taking an expired grade away does not touch them.
      if (state.grade.validUntil <= now) {
        this.expire(row, state);
        this.schedule();
        continue;
      }
      graded++;
      counts[state.grade.badge]++;
    }
    this.countsStale = false;
    this.counts = counts;
    this.graded = graded;
  }

  // ------------------------------------------------------------ grading

  /**
   * Reads a row if it is new or changed: its grade at once when that content was graded before, else the row
   * goes into the next request to the background (and has no state until it answers).
   */
  private process(row: Element, now: number): RowState | undefined {
    let state = this.state.get(row);
    const dirty = this.dirty.size > 0 && this.dirty.delete(row);
    // A grade past its validUntil may be wrong now (an open record turned overdue): like changed content, the row
    // shows no badge and is not counted until the background grades it again, even if it does not answer.
    if (state && state.grade.validUntil <= now) {
      this.dropGrade(row, state);
      state = undefined;
    }
    if (!dirty && (state || this.asked.has(row))) return state;
    if (!row.isConnected || !this.client || !this.readRow) return state;
    const values = this.readRow(row);
    const chars = fitRow(values);
    if (state && sameContent(state.values, values)) return state;
    const asked = this.asked.get(row);
    if (asked && sameContent(asked, values)) return state;
    const known = this.client.known(values, now);
    if (known) {
      // An answer still out for what the row showed in between must not land on it.
      this.asked.delete(row);
      return this.setGrade(row, values, known);
    }
    // Changed content: its old badge would be wrong, so the row shows none until the new grade comes.
    if (state) this.dropGrade(row, state);
    this.asked.delete(row);
    // The background just failed to answer: the row waits for the retry.
    if (now < this.retryAt) {
      this.failed.add(row);
      return undefined;
    }
    this.asked.set(row, values);
    // Long notes fill a request before its row count does: it goes before it would be too big to deliver.
    if (this.batchChars + chars > MAX_REQUEST_CHARS) this.sendBatch();
    this.batch.push({ row, values });
    this.batchChars += chars;
    if (this.batch.length >= MAX_ROWS_PER_REQUEST) this.sendBatch();
    return undefined;
  }

  private setGrade(row: Element, values: RowValues, grade: RowGrade): RowState {
    const state = this.state.get(row);
    const next: RowState = { values, grade };
    this.state.set(row, next);
    this.everGraded = true;
    if (grade.validUntil < this.nextExpiry) this.expiresBy(grade.validUntil);
    if (state?.grade.badge !== grade.badge) row.setAttribute(BADGE_ATTRIBUTE, grade.badge);
    if (!this.countsStale) {
      if (state) this.counts[state.grade.badge]--;
      else this.graded++;
      this.counts[grade.badge]++;
    }
    return next;
  }

  private dropGrade(row: Element, state: RowState): void {
    this.state.delete(row);
    row.removeAttribute(BADGE_ATTRIBUTE);
    if (!this.countsStale) {
      this.counts[state.grade.badge]--;
      this.graded--;
    }
  }

  /** Sends the rows read since the last request; their badges are drawn on the frame after the answer. */
  private sendBatch(): void {
    if (!this.batch.length || !this.client) return;
    const batch = this.batch;
    this.batch = [];
    this.batchChars = 0;
    const epoch = this.epoch;
    const answered = this.client
      .grade(batch.map((item) => item.values))
      .then((grades) => {
        if (!this.running || epoch !== this.epoch) return;
        if (!grades) {
          this.gradingFailed(batch);
          return;
        }
        this.unavailable = false;
        let any = false;
        for (let i = 0; i < batch.length; i++) {
          const { row, values } = batch[i]!;
          // A row read again since (its content changed) waits for that newer request.
          if (this.asked.get(row) !== values) continue;
          this.asked.delete(row);
          // Changed since it was read (a grid recycled the element): it is read and asked for again.
          if (!row.isConnected || this.dirty.has(row)) continue;
          this.setGrade(row, values, grades[i]!);
          any = true;
        }
        this.updateBar();
        if (any) this.schedule();
      })
      .catch((error: unknown) => console.warn('Chartguard:', error));
    this.inFlight.add(answered);
    void answered.finally(() => this.inFlight.delete(answered));
  }

  /**
   * The background did not answer (its worker restarting, an error, too slow): the rows get no badge, never a
   * guessed one, the summary says the list could not be checked, and they are asked for again a little later.
   */
  private gradingFailed(batch: { row: Element; values: RowValues }[]): void {
    for (const { row, values } of batch) {
      if (this.asked.get(row) !== values) continue;
      this.asked.delete(row);
      this.failed.add(row);
    }
    this.unavailable = true;
    this.retryAt = Date.now() + GRADE_RETRY_MS;
    this.updateBar(true);
    this.retryTimer ??= setTimeout(() => {
      this.retryTimer = undefined;
      this.retryAt = 0;
      const failed = [...this.failed];
      this.failed.clear();
      for (const row of failed) if (row.isConnected) this.markDirty(row);
      this.schedule();
    }, GRADE_RETRY_MS);
  }

  /** Starts counting the cost of grading what is now queued (a new list, or changed rows). */
  private beginPass() {
    this.timing.beginPass(this.rows.length, this.client);
  }

  /** Grades the queued rows in slices of at most SLICE_MS, yielding to the page between them. */
  private async runPass(): Promise<void> {
    if (this.passRunning) return;
    this.passRunning = true;
    const epoch = this.epoch;
    try {
      await yieldToMain();
      const clock = () => performance.now();
      let sliceStart = clock();
      let now = Date.now();
      let drawn = false;
      let rowsSinceClock = 0;
      while (this.running && epoch === this.epoch && (this.priority.length || this.queueIndex < this.queue.length)) {
        const first = this.priority.length > 0;
        const row = first ? this.priority.shift()! : this.queue[this.queueIndex++]!;
        if (this.rowsStale) continue;
        this.process(row, now);
        drawn ||= first;
        // A clock read costs a good part of a row's grading: look every few rows (docs/performance.md).
        if ((++rowsSinceClock & 3) === 0 || (first && !this.priority.length)) {
          if (clock() - sliceStart >= SLICE_MS || (first && !this.priority.length)) {
            // What was read goes to the background, which grades it while the next slice reads.
            this.sendBatch();
            this.timing.account(clock() - sliceStart, 0, 'slice');
            this.updateBar();
            // Rows just outside the viewport were graded: draw them on the next frame.
            if (drawn) this.schedule();
            drawn = false;
            await yieldToMain();
            while (this.inFlight.size >= MAX_IN_FLIGHT) await Promise.race(this.inFlight);
            if (!this.running || epoch !== this.epoch) return;
            sliceStart = clock();
            now = Date.now();
          }
        }
      }
      if (!this.running || epoch !== this.epoch) return;
      this.sendBatch();
      this.timing.account(clock() - sliceStart, 0, 'slice');
      if (drawn) this.schedule();
      // The pass is over when the background has answered for every row it read.
      while (this.inFlight.size) await Promise.all(this.inFlight);
      if (!this.running || epoch !== this.epoch) return;
      // Rows that changed while the pass ran are read on the next one, not skipped.
      this.queue = this.queue.slice(this.queueIndex);
      this.queueIndex = 0;
      if (this.rowsStale) {
        this.schedule();
        return;
      }
      this.updateBar(true);
      this.schedule();
      this.timing.endPass(this.rows.length, this.client);
    } finally {
      this.passRunning = false;
      if (this.running && (this.priority.length || this.queueIndex < this.queue.length) && !this.rowsStale) void this.runPass();
    }
  }
}
