// Organisation and user settings, kept in the extension's storage.local under
// one key and validated on every read, so a corrupt value falls back to safe
// defaults. Zod's mini build, because the content script reads them too.
import * as z from 'zod/mini';

export { SETTINGS_KEY } from './settings-names';

const deadlineHoursSchema = z.record(z.string().check(z.regex(/^[A-Z]{2,5}-\d{2}$/)), z.number().check(z.positive(), z.maximum(24 * 365)));
const retentionSchema = z.number().check(z.positive(), z.maximum(365));
const localeSchema = z.enum(['en', 'zh-CN']);
/** `device`: drafts under a key the browser keeps (each user may still add a PIN); `pin`: every user must set a drafts PIN. */
const draftProtectionSchema = z.enum(['device', 'pin']);

export const settingsSchema = z.object({
  /** Compliance badges on record lists (therapists may prefer them off). */
  badges: z._default(z.boolean(), true),
  /** Deadline hours by rule id, overriding the checklists' defaults (e.g. { "SNC-08": 48 }). */
  deadlineHours: z._default(deadlineHoursSchema, {}),
  /** Unsaved drafts are deleted after this many days. */
  draftRetentionDays: z._default(retentionSchema, 7),
  /** Panel language; undefined follows the browser. */
  locale: z.optional(localeSchema),
  /** Only the organisation sets this (lib/managed.ts): a user's own protection is the PIN they set, not a setting. */
  draftProtection: z._default(draftProtectionSchema, 'device'),
});

/** The same settings with no defaults: what an organisation's policy sets (lib/managed.ts). */
export const partialSettingsSchema = z.object({
  badges: z.optional(z.boolean()),
  deadlineHours: z.optional(deadlineHoursSchema),
  draftRetentionDays: z.optional(retentionSchema),
  locale: z.optional(localeSchema),
  draftProtection: z.optional(draftProtectionSchema),
});
export type Settings = z.infer<typeof settingsSchema>;

export function readSettings(stored: unknown): Settings {
  const parsed = settingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : settingsSchema.parse({});
}

export const DAY_MS = 24 * 3_600_000;
