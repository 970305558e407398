// The background owns the extension's IndexedDB (drafts and the audit log)
// and answers only the extension's own pages. It keeps no state in memory,
// so being stopped and restarted loses nothing.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { z } from 'zod';
import { toBackgroundSchema, type ToBackground } from '../lib/protocol';
import { auditLog, deleteDraft, loadDraft, logEvent, saveDraft } from '../lib/store';

async function handle(message: ToBackground, tabId: number | undefined): Promise<unknown> {
  switch (message.type) {
    case 'whoami':
      return { tabId };
    case 'draft.save':
      return saveDraft({ ...message.key, answers: message.answers, updatedAt: message.updatedAt });
    case 'draft.load':
      return loadDraft(message.key);
    case 'draft.delete':
      return deleteDraft(message.key);
    case 'audit.log':
      return logEvent(message.event);
    case 'audit.list':
      return auditLog();
  }
}

export default defineBackground(() => {
  z.config({ jitless: true });
  const extensionOrigin = browser.runtime.getURL('/');
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
