// Saves every change as a draft as soon as the previous write is done (never
// more than one write in flight, never waiting on a timer), and refuses to
// overwrite a newer draft written by another tab's panel.
import type { Draft, DraftKey } from '../../lib/store';
import type { DraftSaveResult } from '../../lib/store-client';

export interface DraftWriterDeps {
  save(
    key: DraftKey,
    answers: Record<string, unknown>,
    version: { writer: string; baseUpdatedAt: number | null; updatedAt: number; force?: boolean },
  ): Promise<DraftSaveResult>;
  onConflict(theirs: Draft): void;
  /** A write failed (with why), or, with null, writes work again: the user must be told, not left believing it is kept. */
  onWriteFailed?(error: string | null): void;
}

const RETRY_AFTER_FAILURE_MS = 500;

const keyOf = (key: DraftKey) => `${key.portal}\u0000${key.record}\u0000${key.checklist}`;

export class DraftWriter {
  readonly id = crypto.randomUUID();
  /** Per draft key, the version this panel last saw or wrote. */
  private bases = new Map<string, number>();
  private pending: { key: DraftKey; answers: Record<string, unknown> } | null = null;
  private inFlight = false;
  private blocked = false;
  private stopped = false;
  private force = false;
  private failing = false;

  constructor(private readonly deps: DraftWriterDeps) {}

  /** The version this panel has seen (a draft found on load), so its own next write is not a conflict. */
  seen(key: DraftKey, updatedAt: number) {
    this.bases.set(keyOf(key), updatedAt);
  }

  change(key: DraftKey, answers: Record<string, unknown>) {
    if (this.stopped) return;
    this.pending = { key, answers };
    void this.pump();
  }

  flush() {
    void this.pump();
  }

  /**
   * The user chose the other tab's answers: they become this panel's base, the answers this panel kept from
   * before the conflict are dropped (never written over theirs), and writes resume with the next change.
   */
  takeTheirs(key: DraftKey, updatedAt: number) {
    this.bases.set(keyOf(key), updatedAt);
    if (this.pending && keyOf(this.pending.key) === keyOf(key)) this.pending = null;
    this.blocked = false;
  }

  /** The user chose this tab's answers over the other tab's. */
  overwrite() {
    this.blocked = false;
    this.force = true;
    void this.pump();
  }

  /** The record was saved: no more drafts for it from this panel. Resolves once a write already on its way has landed. */
  stop(): Promise<void> {
    this.stopped = true;
    this.pending = null;
    return this.writing ?? Promise.resolve();
  }

  private writing: Promise<void> | undefined;

  private async pump(): Promise<void> {
    if (this.inFlight || this.blocked || !this.pending) return;
    const { key, answers } = this.pending;
    this.pending = null;
    this.inFlight = true;
    const updatedAt = Date.now();
    let landed!: () => void;
    this.writing = new Promise((resolve) => (landed = resolve));
    try {
      const result = await this.deps.save(key, answers, {
        writer: this.id,
        baseUpdatedAt: this.bases.get(keyOf(key)) ?? null,
        updatedAt,
        force: this.force,
      });
      if (result.conflict) {
        this.blocked = true;
        this.pending ??= { key, answers };
        this.deps.onConflict(result.theirs);
      } else {
        this.bases.set(keyOf(key), updatedAt);
        this.force = false;
      }
      if (this.failing) {
        this.failing = false;
        this.deps.onWriteFailed?.(null);
      }
    } catch (error) {
      // The background may be restarting; keep the answers and try again with the next change.
      this.pending ??= { key, answers };
      this.failing = true;
      this.deps.onWriteFailed?.(error instanceof Error ? error.message : String(error));
    } finally {
      this.inFlight = false;
      landed();
    }
    // After a failure, wait a moment before trying again rather than hammering a background that cannot write.
    if (this.pending && !this.blocked && !this.stopped) setTimeout(() => void this.pump(), this.failing ? RETRY_AFTER_FAILURE_MS : 0);
  }
}
