// The extension's own IndexedDB (never the portal's): drafts of what the user
// typed, and a local audit log of what Chartguard did, without note text.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export interface DraftKey {
  portal: string;
  record: string;
  checklist: string;
}

export interface Draft extends DraftKey {
  answers: Record<string, unknown>;
  updatedAt: number;
}

export type AuditEventType = 'create' | 'restore' | 'apply' | 'save' | 'override' | 'purge';

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
  drafts: { key: [string, string, string]; value: Draft };
  audit: { key: number; value: AuditEvent; indexes: { byRecord: [string, string] } };
}

let database: Promise<IDBPDatabase<ChartguardDb>> | undefined;

function db(): Promise<IDBPDatabase<ChartguardDb>> {
  database ??= openDB<ChartguardDb>('chartguard', 1, {
    upgrade(upgrade) {
      upgrade.createObjectStore('drafts', { keyPath: ['portal', 'record', 'checklist'] });
      const audit = upgrade.createObjectStore('audit', { keyPath: 'id', autoIncrement: true });
      audit.createIndex('byRecord', ['portal', 'record']);
    },
  });
  return database;
}

export async function saveDraft(draft: Draft): Promise<void> {
  await (await db()).put('drafts', draft);
}

export async function loadDraft(key: DraftKey): Promise<Draft | undefined> {
  return (await db()).get('drafts', [key.portal, key.record, key.checklist]);
}

export async function deleteDraft(key: DraftKey): Promise<void> {
  await (await db()).delete('drafts', [key.portal, key.record, key.checklist]);
}

export async function logEvent(event: Omit<AuditEvent, 'id' | 'at'>): Promise<void> {
  await (await db()).add('audit', { ...event, at: new Date().toISOString() });
}

export async function auditLog(): Promise<AuditEvent[]> {
  return (await db()).getAll('audit');
}
