// The background owns the extension's IndexedDB (drafts and the audit log)
// and answers only the extension's own pages. It keeps no state in memory,
// so being stopped and restarted loses nothing.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { z } from 'zod';
import { toBackgroundSchema, type ToBackground } from '../lib/protocol';
import { DAY_MS, readSettings, SETTINGS_KEY } from '../lib/settings';
import { auditLog, deleteDraft, loadDraft, logEvent, purgeDrafts, saveDraft } from '../lib/store';

async function settings() {
  return readSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
}

/** Unsaved drafts older than the organisation's retention period are deleted (and the deletion logged). */
async function purgeExpired() {
  const { draftRetentionDays } = await settings();
  return purgeDrafts(Date.now() - draftRetentionDays * DAY_MS);
}

async function handle(message: ToBackground, tabId: number | undefined): Promise<unknown> {
  switch (message.type) {
    case 'whoami':
      return { tabId };
    case 'draft.save': {
      const current = await loadDraft(message.key);
      const newerElsewhere = current && current.writer !== message.writer && (message.baseUpdatedAt === null || current.updatedAt > message.baseUpdatedAt);
      if (newerElsewhere && !message.force) return { conflict: true, theirs: current };
      if (!current) await logEvent({ type: 'create', ...message.key });
      await saveDraft({ ...message.key, answers: message.answers, updatedAt: message.updatedAt, writer: message.writer });
      return { conflict: false };
    }
    case 'draft.load': {
      await purgeExpired();
      const draft = await loadDraft(message.key);
      const { draftRetentionDays } = await settings();
      return draft ? { draft, purgeAt: draft.updatedAt + draftRetentionDays * DAY_MS } : undefined;
    }
    case 'draft.delete':
      return deleteDraft(message.key);
    case 'audit.log':
      return logEvent(message.event);
    case 'audit.list':
      return auditLog();
    case 'settings.get':
      return settings();
  }
}

export default defineBackground(() => {
  z.config({ jitless: true });
  const extensionOrigin = browser.runtime.getURL('/');
  browser.runtime.onStartup.addListener(() => void purgeExpired());
  browser.runtime.onInstalled.addListener(() => void purgeExpired());
  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    // Only our own extension pages may ask; content scripts and anything malformed are ignored.
    if (sender.id !== browser.runtime.id || !sender.url?.startsWith(extensionOrigin)) return undefined;
    const parsed = toBackgroundSchema.safeParse(raw);
    if (!parsed.success) return undefined;
    return handle(parsed.data, sender.tab?.id).then(
      (value) => (parsed.data.type === 'whoami' ? value : { ok: true, value }),
      (error: unknown) => ({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
});
