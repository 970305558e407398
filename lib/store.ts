// The extension's own IndexedDB (never the portal's), owned by the background:
// drafts of what the user typed, encrypted at rest, and a local audit log of
// what Chartguard did, which never holds note text.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { browser } from 'wxt/browser';
import { loadEffectiveSettings, pinRequired as settingsRequirePin } from './managed';
import { SETTINGS_KEY } from './settings';
import {
  createPinRecord,
  openWithPin,
  PinLockedError,
  sealForPin,
  unlockedPrivateKey,
  unlockPin,
  type PinRecord,
  type PinSealed,
  PIN_PROBLEMS,
} from './store-pin';

export { PinLockedError };

/** The organisation requires a drafts PIN and none is set yet: a draft is not written under the device key alone. */
export class PinRequiredError extends Error {
  constructor() {
    super('your organisation requires a drafts PIN and none is set yet; set it in the panel or on Chartguard’s options page');
    this.name = 'PinRequiredError';
  }
}

/** Whether the organisation's policy (mirrored into storage.local by lib/managed-sync.ts) requires PIN mode. */
async function organisationRequiresPin(): Promise<boolean> {
  try {
    return settingsRequirePin((await loadEffectiveSettings(browser.storage.local, SETTINGS_KEY)).settings);
  } catch {
    return false;
  }
}

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

/** What lands on disk: the answers only as AES-GCM ciphertext, under the device key or sealed for the PIN key. */
interface StoredDraft extends DraftKey {
  iv: Uint8Array;
  ciphertext: ArrayBuffer;
  /** Present in PIN mode: the draft's own AES key, wrapped for the PIN key pair. */
  wrappedKey?: ArrayBuffer;
  updatedAt: number;
  writer?: string;
  /** When the portal confirmed the save: kept (never restored on its own) until the retention purge. */
  retiredAt?: number;
}

/** `unconfirmed`: an override released Save but the portal never confirmed a save. `no-checklist`: the user chose no checklist on a page that suggested one (#15 part 7; `checklist` is the suggested one, with the reason). */
export type AuditEventType = 'create' | 'restore' | 'apply' | 'save' | 'override' | 'no-checklist' | 'unconfirmed' | 'purge';

export interface AuditEvent {
  id?: number;
  at: string;
  type: AuditEventType;
  portal: string;
  record: string;
  checklist: string;
  /** Rule ids involved (e.g. those overridden); never answers or note text. */
  ruleIds?: string[];
  /** The user's override reason: the one free text the log keeps, because policy asks for it. Encrypted at rest. */
  reason?: string;
  /** Set when the reason is sealed with a PIN that was not entered in this browser session. */
  reasonLocked?: boolean;
}

/** An audit event as stored: the reason only as ciphertext, under the same protection as drafts. */
interface StoredAuditEvent extends Omit<AuditEvent, 'reason' | 'reasonLocked'> {
  sealedReason?: { iv: Uint8Array; ciphertext: ArrayBuffer; wrappedKey?: ArrayBuffer };
}

interface ChartguardDb extends DBSchema {
  drafts: { key: [string, string, string]; value: StoredDraft; indexes: { byUpdatedAt: number } };
  audit: { key: number; value: StoredAuditEvent; indexes: { byRecord: [string, string] } };
  keys: { key: string; value: CryptoKey | PinRecord };
}

let database: Promise<IDBPDatabase<ChartguardDb>> | undefined;

function db(): Promise<IDBPDatabase<ChartguardDb>> {
  database ??= openDB<ChartguardDb>('chartguard', 2, {
    upgrade(upgrade, oldVersion) {
      // By what exists, not only the old version: a database created empty (at version 1) by another opener still gets its stores.
      if (oldVersion < 1 || !upgrade.objectStoreNames.contains('audit')) {
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
    if (existing instanceof CryptoKey) return existing;
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

/** The PIN record when drafts are PIN-protected (PIN mode), else undefined (device mode). */
async function pinRecord(): Promise<PinRecord | undefined> {
  const record = await (await db()).get('keys', 'pin');
  return record && !(record instanceof CryptoKey) && record.kind === 'pin' ? record : undefined;
}

/** Encrypts under the active protection: sealed for the PIN key pair in PIN mode, the device key otherwise. */
async function seal(plain: Uint8Array): Promise<{ iv: Uint8Array; ciphertext: ArrayBuffer; wrappedKey?: ArrayBuffer }> {
  const pin = await pinRecord();
  if (pin) return sealForPin(pin, plain);
  const key = await encryptionKey();
  const iv = crypto.getRandomValues(new Uint8Array(12));
  return { iv, ciphertext: await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain as BufferSource) };
}

/** Decrypts whatever protection a value was written under; PIN-sealed values throw PinLockedError until the PIN is entered. */
async function open(sealed: { iv: Uint8Array; ciphertext: ArrayBuffer; wrappedKey?: ArrayBuffer }): Promise<ArrayBuffer> {
  if (sealed.wrappedKey) return openWithPin(sealed as PinSealed);
  return crypto.subtle.decrypt({ name: 'AES-GCM', iv: new Uint8Array(sealed.iv) }, await encryptionKey(), sealed.ciphertext);
}

export async function saveDraft(draft: Draft): Promise<void> {
  // Refused, not written under the device key, when the organisation requires a PIN that is not set yet: the
  // panel says so and keeps the answers on screen. Drafts written before the policy arrived stay readable and
  // are sealed again under the PIN when it is set (setUpPin).
  if (!(await pinRecord()) && (await organisationRequiresPin())) throw new PinRequiredError();
  const sealed = await seal(encoder.encode(JSON.stringify(draft.answers)));
  const stored: StoredDraft = {
    portal: draft.portal,
    record: draft.record,
    checklist: draft.checklist,
    ...sealed,
    updatedAt: draft.updatedAt,
    writer: draft.writer,
  };
  await (await db()).put('drafts', stored);
}

/** `required`: the organisation requires PIN mode, so a user in device mode must set a PIN before drafts are kept. */
export type DraftProtection = { mode: 'device'; required: boolean; drafts: number } | { mode: 'pin'; unlocked: boolean; required: boolean };

export async function draftProtection(): Promise<DraftProtection> {
  const pin = await pinRecord();
  const required = await organisationRequiresPin();
  if (!pin)
    return {
      mode: 'device',
      required,
      drafts: (await (await db()).getAll('drafts')).filter((draft) => draft.retiredAt === undefined).length,
    };
  return { mode: 'pin', unlocked: (await unlockedPrivateKey()) !== undefined, required };
}

/**
 * Switches to PIN mode: drafts and override reasons already stored under the device key are sealed
 * again for the PIN, so none is left readable from a copied profile.
 */
export async function setUpPin(pin: string): Promise<void> {
  if (await pinRecord()) throw new Error(PIN_PROBLEMS.pinAlreadySet);
  const record = await createPinRecord(pin);
  const store = await db();
  const drafts = await store.getAll('drafts');
  const events = await store.getAll('audit');
  await store.put('keys', record, 'pin');
  for (const draft of drafts) {
    if (draft.wrappedKey) continue;
    const plain = new Uint8Array(await open(draft));
    await store.put('drafts', { ...draft, ...(await sealForPin(record, plain)) });
  }
  for (const event of events) {
    if (!event.sealedReason || event.sealedReason.wrappedKey) continue;
    const plain = new Uint8Array(await open(event.sealedReason));
    await store.put('audit', { ...event, sealedReason: await sealForPin(record, plain) });
  }
}

export async function enterPin(pin: string): Promise<void> {
  const record = await pinRecord();
  if (!record) throw new Error(PIN_PROBLEMS.pinNotSet);
  await unlockPin(record, pin);
}

async function decrypt(stored: StoredDraft): Promise<Draft> {
  const plain = await open(stored);
  return {
    portal: stored.portal,
    record: stored.record,
    checklist: stored.checklist,
    answers: JSON.parse(decoder.decode(plain)) as Record<string, unknown>,
    updatedAt: stored.updatedAt,
    writer: stored.writer,
  };
}

/** The live draft for a record; a retired one (its record was saved) only when asked for. */
export async function loadDraft(key: DraftKey, options: { retired?: boolean } = {}): Promise<Draft | undefined> {
  const stored = await (await db()).get('drafts', [key.portal, key.record, key.checklist]);
  if (!stored || (stored.retiredAt !== undefined && !options.retired)) return undefined;
  return decrypt(stored);
}

/** A stored draft's version and writer, without decrypting it (works while a PIN is not entered). */
export async function draftVersion(key: DraftKey): Promise<{ updatedAt: number; writer?: string; retired: boolean } | undefined> {
  const stored = await (await db()).get('drafts', [key.portal, key.record, key.checklist]);
  return stored ? { updatedAt: stored.updatedAt, writer: stored.writer, retired: stored.retiredAt !== undefined } : undefined;
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
  const { reason, reasonLocked: _ignored, ...rest } = event;
  const stored: StoredAuditEvent = { ...rest, at: new Date().toISOString() };
  if (reason !== undefined) stored.sealedReason = await seal(encoder.encode(reason));
  await (await db()).add('audit', stored);
}

/** The log with reasons decrypted; in PIN mode before the PIN is entered, reasons are marked locked. */
export async function auditLog(): Promise<AuditEvent[]> {
  const events = await (await db()).getAll('audit');
  return Promise.all(
    events.map(async ({ sealedReason, ...event }) => {
      if (!sealedReason) return event;
      try {
        return { ...event, reason: decoder.decode(await open(sealedReason)) };
      } catch (error) {
        if (error instanceof PinLockedError) return { ...event, reasonLocked: true };
        throw error;
      }
    }),
  );
}
