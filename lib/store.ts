// The extension's own IndexedDB (never the portal's), owned by the background:
// drafts of what the user typed, encrypted at rest, and a local audit log of
// what Chartguard did, which never holds note text.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export interface DraftKey {
  portal: string;
  record: string;
  checklist: string;
}

export interface Draft extends DraftKey {
  answers: Record<string, unknown>;
  updatedAt: number;
  /** Which panel wrote it last, so two tabs on one record notice each other. */
  writer?: string;
}

/** What lands on disk: the answers only as AES-GCM ciphertext. */
interface StoredDraft extends DraftKey {
  iv: Uint8Array;
  ciphertext: ArrayBuffer;
  updatedAt: number;
  writer?: string;
  /** When the portal confirmed the save: kept (never restored on its own) until the retention purge. */
  retiredAt?: number;
}

/** `unconfirmed`: an override released Save but the portal never confirmed a save. */
export type AuditEventType = 'create' | 'restore' | 'apply' | 'save' | 'override' | 'unconfirmed' | 'purge';

export interface AuditEvent {
  id?: number;
  at: string;
  type: AuditEventType;
  portal: string;
  record: string;
  checklist: string;
  /** Rule ids involved (e.g. those overridden); never answers or note text. */
  ruleIds?: string[];
  /** The user's override reason: the one free text the log keeps, because policy asks for it. */
  reason?: string;
}

interface ChartguardDb extends DBSchema {
  drafts: { key: [string, string, string]; value: StoredDraft; indexes: { byUpdatedAt: number } };
  audit: { key: number; value: AuditEvent; indexes: { byRecord: [string, string] } };
  keys: { key: string; value: CryptoKey };
}

let database: Promise<IDBPDatabase<ChartguardDb>> | undefined;

function db(): Promise<IDBPDatabase<ChartguardDb>> {
  database ??= openDB<ChartguardDb>('chartguard', 2, {
    upgrade(upgrade, oldVersion) {
      if (oldVersion < 1) {
        const audit = upgrade.createObjectStore('audit', { keyPath: 'id', autoIncrement: true });
        audit.createIndex('byRecord', ['portal', 'record']);
      }
      // Version 1 kept drafts in plaintext: they are dropped rather than carried over.
      if (upgrade.objectStoreNames.contains('drafts')) upgrade.deleteObjectStore('drafts');
      const drafts = upgrade.createObjectStore('drafts', { keyPath: ['portal', 'record', 'checklist'] });
      drafts.createIndex('byUpdatedAt', 'updatedAt');
      if (!upgrade.objectStoreNames.contains('keys')) upgrade.createObjectStore('keys');
    },
  });
  return database;
}

let draftKeyPromise: Promise<CryptoKey> | undefined;

/** A non-extractable AES-GCM key: stored as a CryptoKey object, its bytes never reachable by script. */
function encryptionKey(): Promise<CryptoKey> {
  draftKeyPromise ??= (async () => {
    const store = await db();
    const existing = await store.get('keys', 'drafts');
    if (existing) return existing;
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    await store.put('keys', key, 'drafts');
    return key;
  })();
  // A failed first write (a full disk) must not poison every later draft: the next call tries again.
  draftKeyPromise.catch(() => (draftKeyPromise = undefined));
  return draftKeyPromise;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function saveDraft(draft: Draft): Promise<void> {
  const key = await encryptionKey();
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, encoder.encode(JSON.stringify(draft.answers)));
  const stored: StoredDraft = { portal: draft.portal, record: draft.record, checklist: draft.checklist, iv, ciphertext, updatedAt: draft.updatedAt, writer: draft.writer };
  await (await db()).put('drafts', stored);
}

async function decrypt(stored: StoredDraft): Promise<Draft> {
  const key = await encryptionKey();
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: new Uint8Array(stored.iv) }, key, stored.ciphertext);
  return { portal: stored.portal, record: stored.record, checklist: stored.checklist, answers: JSON.parse(decoder.decode(plain)) as Record<string, unknown>, updatedAt: stored.updatedAt, writer: stored.writer };
}

/** The live draft for a record; a retired one (its record was saved) only when asked for. */
export async function loadDraft(key: DraftKey, options: { retired?: boolean } = {}): Promise<Draft | undefined> {
  const stored = await (await db()).get('drafts', [key.portal, key.record, key.checklist]);
  if (!stored || (stored.retiredAt !== undefined && !options.retired)) return undefined;
  return decrypt(stored);
}

/** The portal confirmed the save: the draft stops being offered, but stays (encrypted) until the retention purge. */
export async function retireDraft(key: DraftKey): Promise<void> {
  const store = await db();
  const stored = await store.get('drafts', [key.portal, key.record, key.checklist]);
  if (stored && stored.retiredAt === undefined) await store.put('drafts', { ...stored, retiredAt: Date.now() });
}

export async function deleteDraft(key: DraftKey): Promise<void> {
  await (await db()).delete('drafts', [key.portal, key.record, key.checklist]);
}

/** Deletes drafts untouched for longer than the retention period; returns what was purged. */
export async function purgeDrafts(olderThan: number): Promise<DraftKey[]> {
  const store = await db();
  const stale = await store.getAllFromIndex('drafts', 'byUpdatedAt', IDBKeyRange.upperBound(olderThan, true));
  for (const draft of stale) {
    await store.delete('drafts', [draft.portal, draft.record, draft.checklist]);
    await logEvent({ type: 'purge', portal: draft.portal, record: draft.record, checklist: draft.checklist });
  }
  return stale.map(({ portal, record, checklist }) => ({ portal, record, checklist }));
}

export async function logEvent(event: Omit<AuditEvent, 'id' | 'at'>): Promise<void> {
  await (await db()).add('audit', { ...event, at: new Date().toISOString() });
}

export async function auditLog(): Promise<AuditEvent[]> {
  return (await db()).getAll('audit');
}
