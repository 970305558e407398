// lib/store.ts on its own (issue 19, part 4), against an in-memory IndexedDB: drafts round-trip but are
// ciphertext at rest, a retired draft is kept but not offered, the purge deletes only stale drafts and
// logs it, the audit log keeps a reason encrypted, and in PIN mode a new browser session cannot read a
// draft until the PIN is entered.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Store = typeof import('../../lib/store');

const KEY = { portal: 'mpb-demo', record: 's-2003', checklist: 'snc' };
const SECRET = 'CANARY-4f1c9e told the client by voicemail';

/** A fresh module (its own open database and key caches) over whatever IndexedDB is installed. */
async function freshStore(): Promise<Store> {
  vi.resetModules();
  return import('../../lib/store');
}

/** Every value in every object store of the `chartguard` database, as stored. */
async function rawValues(): Promise<unknown[]> {
  const request = indexedDB.open('chartguard');
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    const names = [...db.objectStoreNames];
    const transaction = db.transaction(names, 'readonly');
    const all = await Promise.all(
      names.map(
        (name) =>
          new Promise<unknown[]>((resolve, reject) => {
            const read = transaction.objectStore(name).getAll();
            read.onsuccess = () => resolve(read.result);
            read.onerror = () => reject(read.error);
          }),
      ),
    );
    return all.flat();
  } finally {
    db.close();
  }
}

/** Whether `text` appears anywhere in a stored value, its binary parts decoded as UTF-8 too. */
function holdsText(values: unknown[], text: string): boolean {
  const decoder = new TextDecoder();
  const visit = (value: unknown): boolean => {
    if (typeof value === 'string') return value.includes(text);
    if (value instanceof ArrayBuffer) return decoder.decode(value).includes(text);
    if (ArrayBuffer.isView(value)) return decoder.decode(value).includes(text);
    if (Array.isArray(value)) return value.some(visit);
    if (value && typeof value === 'object' && !(value instanceof CryptoKey)) return Object.values(value).some(visit);
    return false;
  };
  return values.some(visit);
}

beforeEach(() => {
  fakeBrowser.reset();
  // A new, empty IndexedDB per test (the other IDB globals come from fake-indexeddb/auto).
  vi.stubGlobal('indexedDB', new IDBFactory());
});

vi.setConfig({ testTimeout: 30_000 });

describe('drafts', () => {
  it('round-trip, and lie on disk only as ciphertext', async () => {
    const store = await freshStore();
    await store.saveDraft({ ...KEY, answers: { agreed: SECRET }, updatedAt: 1_000, writer: 'tab-a' });
    expect(await store.loadDraft(KEY)).toEqual({ ...KEY, answers: { agreed: SECRET }, updatedAt: 1_000, writer: 'tab-a' });
    const raw = await rawValues();
    expect(holdsText(raw, 'CANARY-4f1c9e')).toBe(false);
    // The check can see plaintext when it is there: the record id is stored in the clear, as the key.
    expect(holdsText(raw, 's-2003')).toBe(true);
  });

  it('say their version and writer without being decrypted', async () => {
    const store = await freshStore();
    expect(await store.draftVersion(KEY)).toBeUndefined();
    await store.saveDraft({ ...KEY, answers: {}, updatedAt: 2_000, writer: 'tab-b' });
    expect(await store.draftVersion(KEY)).toEqual({ updatedAt: 2_000, writer: 'tab-b', retired: false });
  });

  it('once retired (the portal confirmed the save) are not offered, but kept until the purge', async () => {
    const store = await freshStore();
    await store.saveDraft({ ...KEY, answers: { agreed: 'x' }, updatedAt: 1_000 });
    await store.retireDraft(KEY);
    expect(await store.loadDraft(KEY)).toBeUndefined();
    expect((await store.loadDraft(KEY, { retired: true }))?.answers).toEqual({ agreed: 'x' });
    expect((await store.draftVersion(KEY))?.retired).toBe(true);
  });

  it('older than the retention period are purged, each purge logged; newer ones stay', async () => {
    const store = await freshStore();
    const stale = { ...KEY, record: 's-old' };
    await store.saveDraft({ ...stale, answers: { agreed: 'old' }, updatedAt: 1_000 });
    await store.saveDraft({ ...KEY, answers: { agreed: 'new' }, updatedAt: 5_000 });
    expect(await store.purgeDrafts(5_000)).toEqual([stale]);
    expect(await store.loadDraft(stale)).toBeUndefined();
    expect((await store.loadDraft(KEY))?.answers).toEqual({ agreed: 'new' });
    expect((await store.auditLog()).map(({ type, record }) => ({ type, record }))).toEqual([{ type: 'purge', record: 's-old' }]);
  });

  it('delete', async () => {
    const store = await freshStore();
    await store.saveDraft({ ...KEY, answers: {}, updatedAt: 1 });
    await store.deleteDraft(KEY);
    expect(await store.draftVersion(KEY)).toBeUndefined();
  });
});

describe('the audit log', () => {
  it('keeps events in order with their rule ids, and an override reason only as ciphertext', async () => {
    const store = await freshStore();
    await store.logEvent({ type: 'apply', ...KEY });
    await store.logEvent({ type: 'override', ...KEY, ruleIds: ['SNC-03'], reason: SECRET });
    const log = await store.auditLog();
    expect(log.map(({ type, ruleIds, reason }) => ({ type, ruleIds, reason }))).toEqual([
      { type: 'apply', ruleIds: undefined, reason: undefined },
      { type: 'override', ruleIds: ['SNC-03'], reason: SECRET },
    ]);
    for (const event of log) expect(Number.isNaN(Date.parse(event.at))).toBe(false);
    expect(holdsText(await rawValues(), 'CANARY-4f1c9e')).toBe(false);
  });
});

describe('PIN mode', () => {
  it('reseals what was stored, and a new browser session reads nothing until the PIN is entered', async () => {
    let store = await freshStore();
    await store.saveDraft({ ...KEY, answers: { agreed: SECRET }, updatedAt: 1_000 });
    await store.logEvent({ type: 'override', ...KEY, ruleIds: ['SNC-03'], reason: SECRET });
    expect(await store.draftProtection()).toEqual({ mode: 'device' });
    await store.setUpPin('246810');
    expect(await store.draftProtection()).toEqual({ mode: 'pin', unlocked: true });
    expect((await store.loadDraft(KEY))?.answers).toEqual({ agreed: SECRET });

    // The browser restarts: session storage is gone, the database stays.
    await fakeBrowser.storage.session.clear();
    store = await freshStore();
    expect(await store.draftProtection()).toEqual({ mode: 'pin', unlocked: false });
    await expect(store.loadDraft(KEY)).rejects.toBeInstanceOf(store.PinLockedError);
    const locked = (await store.auditLog()).find((event) => event.type === 'override');
    expect(locked?.reasonLocked).toBe(true);
    expect(locked?.reason).toBeUndefined();
    // The version is still readable, so another tab's conflict can be reported.
    expect((await store.draftVersion(KEY))?.updatedAt).toBe(1_000);

    await expect(store.enterPin('135791')).rejects.toThrow();
    await store.enterPin('246810');
    expect((await store.loadDraft(KEY))?.answers).toEqual({ agreed: SECRET });
    expect((await store.auditLog()).find((event) => event.type === 'override')?.reason).toBe(SECRET);
    await expect(store.setUpPin('999999')).rejects.toThrow('already');
  }, 30_000);
});
