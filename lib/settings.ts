// Organisation and user settings, kept in the extension's storage.local under
// one key and validated on every read, so a corrupt value falls back to safe defaults.
import { z } from 'zod';

export const SETTINGS_KEY = 'settings';

export const settingsSchema = z.object({
  /** Compliance badges on record lists (therapists may prefer them off). */
  badges: z.boolean().default(true),
  /** Deadline hours by rule id, overriding the checklists' defaults (e.g. { "SNC-08": 48 }). */
  deadlineHours: z.record(z.string().regex(/^[A-Z]{2,5}-\d{2}$/), z.number().positive().max(24 * 365)).default({}),
  /** Unsaved drafts are deleted after this many days. */
  draftRetentionDays: z.number().positive().max(365).default(7),
  /** Panel language; undefined follows the browser. */
  locale: z.enum(['en', 'zh-CN']).optional(),
});
export type Settings = z.infer<typeof settingsSchema>;

export function readSettings(stored: unknown): Settings {
  const parsed = settingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : settingsSchema.parse({});
}

export const DAY_MS = 24 * 3_600_000;
