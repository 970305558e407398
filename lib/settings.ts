// Organisation and user settings, kept in the extension's storage.local under
// one key and validated on every read, so a corrupt value falls back to safe
// defaults. Zod's mini build, because the content script reads them too.
import * as z from 'zod/mini';

export const SETTINGS_KEY = 'settings';

export const settingsSchema = z.object({
  /** Compliance badges on record lists (therapists may prefer them off). */
  badges: z._default(z.boolean(), true),
  /** Deadline hours by rule id, overriding the checklists' defaults (e.g. { "SNC-08": 48 }). */
  deadlineHours: z._default(z.record(z.string().check(z.regex(/^[A-Z]{2,5}-\d{2}$/)), z.number().check(z.positive(), z.maximum(24 * 365))), {}),
  /** Unsaved drafts are deleted after this many days. */
  draftRetentionDays: z._default(z.number().check(z.positive(), z.maximum(365)), 7),
  /** Panel language; undefined follows the browser. */
  locale: z.optional(z.enum(['en', 'zh-CN'])),
});
export type Settings = z.infer<typeof settingsSchema>;

export function readSettings(stored: unknown): Settings {
  const parsed = settingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : settingsSchema.parse({});
}

export const DAY_MS = 24 * 3_600_000;
