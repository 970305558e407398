// The panel's access to drafts and the audit log. The background owns the
// database: an extension frame inside a portal page may be denied storage of
// its own (third-party storage rules), and one owner keeps one truth.
import { browser } from 'wxt/browser';
import type { ToBackground } from './protocol';
import type { Settings } from './settings';
import type { AuditEvent, Draft, DraftKey, DraftProtection } from './store';

async function ask<T>(message: ToBackground): Promise<T> {
  const reply = (await browser.runtime.sendMessage(message)) as { ok: boolean; value?: T; error?: string } | undefined;
  if (!reply?.ok) throw new Error(reply?.error ?? 'The extension’s background did not answer.');
  return reply.value as T;
}

export type DraftSaveResult = { conflict: false } | { conflict: true; theirs: Draft };

export const storeClient = {
  saveDraft: (
    key: DraftKey,
    answers: Record<string, unknown>,
    version: { writer: string; baseUpdatedAt: number | null; updatedAt: number; force?: boolean },
  ) =>
    ask<DraftSaveResult>({
      type: 'draft.save',
      key,
      answers,
      updatedAt: version.updatedAt,
      writer: version.writer,
      baseUpdatedAt: version.baseUpdatedAt,
      force: version.force ?? false,
    }),
  loadDraft: (key: DraftKey) =>
    ask<{ draft: Draft; purgeAt: number } | { locked: true; updatedAt: number } | undefined>({ type: 'draft.load', key }),
  deleteDraft: (key: DraftKey) => ask<void>({ type: 'draft.delete', key }),
  retireDraft: (key: DraftKey) => ask<void>({ type: 'draft.retire', key }),
  log: (event: Omit<AuditEvent, 'id' | 'at'>) =>
    ask<void>({
      type: 'audit.log',
      event: { ...event, portal: event.portal || '-', record: event.record || '-', checklist: event.checklist || '-' },
    }),
  auditLog: () => ask<AuditEvent[]>({ type: 'audit.list' }),
  settings: () => ask<Settings>({ type: 'settings.get' }),
  pinStatus: () => ask<DraftProtection>({ type: 'pin.status' }),
  setUpPin: (pin: string) => ask<void>({ type: 'pin.setup', pin }),
  enterPin: (pin: string) => ask<void>({ type: 'pin.unlock', pin }),
};
