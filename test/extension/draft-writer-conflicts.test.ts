// The draft writer's side of two panels on one record (issue 19, part 4): each write carries the version
// this panel last saw, a conflict stops the writes without losing the answers, and only the user's
// "keep mine" overwrites the other tab's draft. One write is in flight at a time; changes made meanwhile
// go out as one write with the newest answers.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DraftWriter } from '../../entrypoints/panel/draft-writer';
import type { Draft, DraftKey } from '../../lib/store';
import type { DraftSaveResult } from '../../lib/store-client';
import { eventually } from '../wait';

const KEY: DraftKey = { portal: 'mpb-demo', record: 's-1', checklist: 'snc' };
const OTHER: DraftKey = { ...KEY, checklist: 'fus' };

type Version = { writer: string; baseUpdatedAt: number | null; updatedAt: number; force?: boolean };
interface Write {
  key: DraftKey;
  answers: Record<string, unknown>;
  version: Version;
}

/** A save that records each write and answers what the test tells it to (a conflict, or success), when told. */
function fakeStore() {
  const writes: Write[] = [];
  const answers: ((result: DraftSaveResult) => void)[] = [];
  return {
    writes,
    save(key: DraftKey, written: Record<string, unknown>, version: Version): Promise<DraftSaveResult> {
      writes.push({ key, answers: written, version });
      return new Promise((resolve) => answers.push(resolve));
    },
    /** Answers the oldest unanswered write. */
    answer(result: DraftSaveResult = { conflict: false }) {
      const next = answers.shift();
      if (!next) throw new Error('no write is waiting for an answer');
      next(result);
    },
    get waiting() {
      return answers.length;
    },
  };
}

const theirs: Draft = { ...KEY, answers: { agreed: 'typed in the other tab' }, updatedAt: 1_000, writer: 'other-tab' };

afterEach(() => vi.useRealTimers());

describe('DraftWriter with another tab on the same record', () => {
  it('sends no known version on a first write, then the version of its own last write', async () => {
    vi.useFakeTimers({ now: 5_000 });
    const store = fakeStore();
    const writer = new DraftWriter({ save: store.save, onConflict: () => undefined });
    writer.change(KEY, { agreed: 'a' });
    expect(store.writes.at(-1)!.version).toMatchObject({ baseUpdatedAt: null, updatedAt: 5_000, writer: writer.id, force: false });
    store.answer();
    await vi.advanceTimersByTimeAsync(10);
    writer.change(KEY, { agreed: 'ab' });
    expect(store.writes.at(-1)!.version.baseUpdatedAt).toBe(5_000);
  });

  it('writes against the version it found on load (seen), and keeps one version per draft key', async () => {
    const store = fakeStore();
    const writer = new DraftWriter({ save: store.save, onConflict: () => undefined });
    writer.seen(KEY, 1_234);
    writer.change(KEY, { agreed: 'a' });
    expect(store.writes[0]!.version.baseUpdatedAt).toBe(1_234);
    store.answer();
    await eventually(() => expect(store.waiting).toBe(0));
    writer.change(OTHER, { agreed: 'b' });
    await eventually(() => expect(store.writes).toHaveLength(2));
    expect(store.writes[1]!.version.baseUpdatedAt).toBeNull();
  });

  it('on a conflict: tells the panel with their draft, writes nothing more, and keeps the newest answers', async () => {
    const store = fakeStore();
    const conflicts: Draft[] = [];
    const writer = new DraftWriter({ save: store.save, onConflict: (draft) => conflicts.push(draft) });
    writer.change(KEY, { agreed: 'mine' });
    store.answer({ conflict: true, theirs });
    await eventually(() => expect(conflicts).toEqual([theirs]));
    writer.change(KEY, { agreed: 'mine, typed on' });
    writer.flush();
    await Promise.resolve();
    expect(store.writes).toHaveLength(1);

    // "Keep mine": the newest answers replace theirs, forced past the check once.
    writer.overwrite();
    await eventually(() => expect(store.writes).toHaveLength(2));
    expect(store.writes[1]).toMatchObject({ key: KEY, answers: { agreed: 'mine, typed on' }, version: { force: true } });
    store.answer();
    await eventually(() => expect(store.waiting).toBe(0));
    writer.change(KEY, { agreed: 'mine, later' });
    await eventually(() => expect(store.writes).toHaveLength(3));
    expect(store.writes[2]!.version.force).toBe(false);
    expect(store.writes[2]!.version.baseUpdatedAt).toBe(store.writes[1]!.version.updatedAt);
  });

  it('"keep theirs": their version becomes the base, the answers kept from before are dropped, writes resume', async () => {
    const store = fakeStore();
    const writer = new DraftWriter({ save: store.save, onConflict: () => undefined });
    writer.change(KEY, { agreed: 'mine' });
    store.answer({ conflict: true, theirs });
    await eventually(() => expect(store.waiting).toBe(0));
    // What the panel does on "keep theirs" (entrypoints/panel/main.tsx).
    writer.takeTheirs(KEY, theirs.updatedAt);
    // A flush (the panel hidden) must not write this tab's old answers over theirs.
    writer.flush();
    await Promise.resolve();
    expect(store.writes).toHaveLength(1);
    writer.change(KEY, { agreed: 'typed in the other tab, then here' });
    await eventually(() => expect(store.writes).toHaveLength(2));
    expect(store.writes[1]).toMatchObject({
      answers: { agreed: 'typed in the other tab, then here' },
      version: { baseUpdatedAt: theirs.updatedAt, force: false },
    });
  });

  it('keeps one write in flight: changes made meanwhile go out once, with the newest answers', async () => {
    const store = fakeStore();
    const writer = new DraftWriter({ save: store.save, onConflict: () => undefined });
    writer.change(KEY, { agreed: 'a' });
    writer.change(KEY, { agreed: 'ab' });
    writer.change(KEY, { agreed: 'abc' });
    expect(store.writes.map((write) => write.answers)).toEqual([{ agreed: 'a' }]);
    store.answer();
    await eventually(() => expect(store.writes).toHaveLength(2));
    expect(store.writes[1]!.answers).toEqual({ agreed: 'abc' });
    store.answer();
    await eventually(() => expect(store.waiting).toBe(0));
    expect(store.writes).toHaveLength(2);
  });

  it('writes nothing after stop() (the portal confirmed the save)', async () => {
    const store = fakeStore();
    const writer = new DraftWriter({ save: store.save, onConflict: () => undefined });
    writer.change(KEY, { agreed: 'a' });
    writer.change(KEY, { agreed: 'ab' });
    writer.stop();
    store.answer();
    await eventually(() => expect(store.waiting).toBe(0));
    writer.change(KEY, { agreed: 'abc' });
    writer.flush();
    await Promise.resolve();
    expect(store.writes.map((write) => write.answers)).toEqual([{ agreed: 'a' }]);
  });
});
