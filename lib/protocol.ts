// Every message between the content script and the panel has a schema; the
// receiver drops anything that does not parse, so a page cannot steer us by
// forging messages even if it found a way to deliver one.
import { z } from 'zod';

export const PANEL_PORT = 'chartguard-panel';

const answers = z.record(z.string().max(64), z.union([z.string().max(100_000), z.number(), z.boolean(), z.array(z.string().max(1000)).max(100)]));

const issue = z.object({ ruleId: z.string().max(32), message: z.string().max(2000), path: z.array(z.string().max(64)).max(4) });

export const pageSnapshotSchema = z.object({
  adapterId: z.string().max(64),
  adapterName: z.string().max(200),
  pageKind: z.string().max(64),
  recordId: z.string().max(200).optional(),
  /** Answers read from the portal's own fields, already mapped to checklist values. */
  answers,
  /** The portal's note field as it stands. */
  note: z.string().max(200_000),
  checklists: z.array(z.string().max(64)).max(50),
  suggested: z.string().max(64).optional(),
  /** Portal fields the adapter describes but the page no longer has. */
  missingFields: z.array(z.string().max(200)).max(100),
  /** Answers Apply sets from another answer (e.g. the portal's next session from the rebooked time). */
  mirrors: z.record(z.string().max(64), z.string().max(64)),
  /** Answers the portal owns (shown, never typed): read-only portal values such as the expected visit time. */
  pageOwned: z.array(z.string().max(64)).max(100).default([]),
  /** Answers the portal can only hold some values of (its select's options), by answer id. */
  portalValues: z.record(z.string().max(64), z.array(z.string().max(64)).max(100)).default({}),
});
export type PageSnapshot = z.infer<typeof pageSnapshotSchema>;

export const toPanelSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('page'), snapshot: pageSnapshotSchema }),
  z.object({ type: z.literal('saveHeld'), checklistId: z.string().max(64), issues: z.array(issue).max(200), control: z.string().max(200) }),
  z.object({ type: z.literal('saveUnchecked'), reason: z.string().max(2000) }),
  z.object({ type: z.literal('saveConfirmed'), checklistId: z.string().max(64).optional() }),
  z.object({ type: z.literal('orphaned') }),
  z.object({ type: z.literal('saveAllowed'), checklistId: z.string().max(64).optional(), overridden: z.boolean() }),
  z.object({ type: z.literal('applied'), written: z.array(z.string().max(200)).max(50), problems: z.array(z.object({ field: z.string().max(200), reason: z.string().max(500) })).max(50) }),
]);
export type ToPanel = z.infer<typeof toPanelSchema>;

export const toContentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello') }),
  z.object({ type: z.literal('select'), checklistId: z.string().max(64).nullable() }),
  z.object({ type: z.literal('apply'), note: z.string().max(200_000), answers }),
  z.object({ type: z.literal('overrideSave'), reason: z.string().min(1).max(2000) }),
  z.object({ type: z.literal('layout'), collapsed: z.boolean() }),
  /** The panel's language, so held-Save messages reach the user (and screen readers) in it. */
  z.object({ type: z.literal('locale'), locale: z.enum(['en', 'zh-CN']) }),
]);
export type ToContent = z.infer<typeof toContentSchema>;

const draftKey = z.object({ portal: z.string().min(1).max(64), record: z.string().min(1).max(200), checklist: z.string().min(1).max(64) });

/** What extension pages may ask the background, which owns the extension's IndexedDB. */
export const toBackgroundSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('whoami') }),
  z.object({
    type: z.literal('draft.save'),
    key: draftKey,
    answers: z.record(z.string().max(64), z.unknown()),
    updatedAt: z.number(),
    /** The panel instance writing, and the version it last saw: a newer write by another panel is a conflict, never overwritten silently. */
    writer: z.string().min(1).max(64),
    baseUpdatedAt: z.number().nullable(),
    force: z.boolean().default(false),
  }),
  z.object({ type: z.literal('draft.load'), key: draftKey }),
  z.object({ type: z.literal('draft.delete'), key: draftKey }),
  z.object({
    type: z.literal('audit.log'),
    event: draftKey.extend({
      type: z.enum(['create', 'restore', 'apply', 'save', 'override', 'purge']),
      ruleIds: z.array(z.string().max(32)).max(200).optional(),
      reason: z.string().max(2000).optional(),
    }),
  }),
  z.object({ type: z.literal('audit.list') }),
  z.object({ type: z.literal('settings.get') }),
]);
export type ToBackground = z.infer<typeof toBackgroundSchema>;
