// Every message between the content script and the panel has a schema; the
// receiver drops anything that does not parse, so a page cannot steer us by
// forging messages even if it found a way to deliver one. Zod's mini build:
// the content script validates every message without loading classic Zod.
import * as z from 'zod/mini';
import { MAX_ANSWER_CHARS, MAX_ATTENDANCE_CHARS, MAX_WARM_CHECKLISTS } from './list-grade-protocol';
import { NOTE_LIMIT } from './protocol-names';

export { FRAME_PORT, NOTE_LIMIT, PANEL_PORT } from './protocol-names';

const text = (max: number) => z.string().check(z.maxLength(max));
const nonEmpty = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
const list = <T extends z.ZodMiniType>(item: T, max: number) => z.array(item).check(z.maxLength(max));

/** The panel's port to the background where the browser gives a framed extension page no `tabs` API (Firefox: lib/panel-relay.ts). */
export const PANEL_RELAY_PORT = 'chartguard-panel-relay';

const answers = z.record(text(64), z.union([text(NOTE_LIMIT), z.number(), z.boolean(), list(text(1000), 100)]));

const issue = z.object({ ruleId: text(32), message: text(2000), path: list(text(64), 4) });

/** The client's previous consultation as the record page shows it (#15 part 6): see readPrevious in the content script. */
export const previousOnPageSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('unseen') }),
  z.object({ state: z.literal('none') }),
  z.object({ state: z.literal('found'), note: text(NOTE_LIMIT), at: z.optional(text(100)), author: z.optional(text(200)) }),
]);
export type PreviousOnPage = z.infer<typeof previousOnPageSchema>;

export const pageSnapshotSchema = z.object({
  adapterId: text(64),
  adapterName: text(200),
  pageKind: text(64),
  recordId: z.optional(text(200)),
  /** Answers read from the portal's own fields, already mapped to checklist values. */
  answers,
  /** The portal's note field as it stands. */
  note: text(NOTE_LIMIT),
  /** Set only when the note is longer than NOTE_LIMIT (and `note` is then empty). */
  noteLength: z.optional(z.number()),
  checklists: list(text(64), 50),
  suggested: z.optional(text(64)),
  /** Portal fields the adapter describes but the page no longer has. */
  missingFields: list(text(200), 100),
  /** Fields there on the page whose widget library has not started yet (issue 14 part 7): not missing. */
  notStarted: z.optional(list(text(200), 100)),
  /** Answers Apply sets from another answer (e.g. the portal's next session from the rebooked time). */
  mirrors: z.record(text(64), text(64)),
  /** Answers the portal owns (shown, never typed): read-only portal values such as the expected visit time. */
  pageOwned: z._default(list(text(64), 100), []),
  /** Answers the portal can only hold some values of (its select's options), by answer id. */
  portalValues: z._default(z.record(text(64), list(text(64), 100)), {}),
  /** This page load is the portal's confirmation of a save that reloaded the page (`?saved=1`): no draft is restored over it. */
  savedOnLoad: z.optional(z.boolean()),
  /** The portal's signed-in user, where the adapter says the page shows it (G-01): the entry's author. */
  signedInUser: z.optional(text(200)),
  /** The client's previous consultation, where the adapter says the page shows it. */
  previous: z.optional(previousOnPageSchema),
});
export type PageSnapshot = z.infer<typeof pageSnapshotSchema>;

/** The portal fields the panel needs to judge a Save (lib/record-model.ts: judgeSave): which is the note, which answer each reads into. */
// Bounds far above any adapter's (a snapshot the panel refused would leave every Save waiting out its verdict).
const judgedField = z.object({ name: text(1000), role: z.enum(['note', 'answer']), answer: z.optional(text(200)) });

export const toPanelSchema = z.discriminatedUnion('type', [
  /**
   * `seq` numbers the snapshot, so the panel's verdict on it can be matched (issue 18: the panel judges Save for
   * the content script); `fields` are the page's portal fields as judgeSave reads them.
   */
  z.object({
    type: z.literal('page'),
    snapshot: pageSnapshotSchema,
    seq: z.optional(z.number().check(z.int(), z.gte(0))),
    fields: z.optional(list(judgedField, 2000)),
  }),
  z.object({ type: z.literal('saveHeld'), checklistId: text(64), issues: list(issue, 200), control: text(200) }),
  z.object({ type: z.literal('saveUnchecked'), reason: text(2000) }),
  /** The held press was dropped (the portal replaced its Save button): the hold it shows, if any, is no longer one. */
  z.object({ type: z.literal('saveDropped') }),
  /** `recorded`: the background already retired the draft and logged the save (a save that reloaded the page). */
  z.object({
    type: z.literal('saveConfirmed'),
    checklistId: z.optional(text(64)),
    overridden: z._default(z.boolean(), false),
    recorded: z.optional(z.boolean()),
  }),
  /** Save was let through (allowed or overridden) but the portal did not confirm it: nothing is claimed saved. */
  z.object({ type: z.literal('saveNotConfirmed'), checklistId: z.optional(text(64)), overridden: z.boolean(), reason: text(500) }),
  z.object({ type: z.literal('saveAllowed'), checklistId: z.optional(text(64)), overridden: z.boolean() }),
  z.object({
    type: z.literal('applied'),
    written: list(text(200), 50),
    problems: list(z.object({ field: text(200), reason: text(500) }), 50),
  }),
]);
export type ToPanel = z.infer<typeof toPanelSchema>;

export const toContentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello') }),
  /** The panel shows the record and can offer an override: only now may Save be held. */
  z.object({ type: z.literal('ready') }),
  /** The panel shows the held Save with its override. */
  z.object({ type: z.literal('heldShown') }),
  z.object({ type: z.literal('select'), checklistId: z.nullable(text(64)) }),
  z.object({ type: z.literal('apply'), note: text(NOTE_LIMIT + 200_000), answers }),
  z.object({ type: z.literal('overrideSave'), reason: nonEmpty(2000) }),
  z.object({ type: z.literal('layout'), collapsed: z.boolean() }),
  /** The panel's language, so held-Save messages reach the user (and screen readers) in it. */
  z.object({ type: z.literal('locale'), locale: z.enum(['en', 'zh-CN']) }),
  /**
   * The panel's judgement of snapshot `seq` (issue 18: the content script carries no rule engine): the checklist
   * the record is held to, and whether a Save of it now goes through, is held on these rules, or cannot be checked.
   */
  z.object({
    type: z.literal('verdict'),
    seq: z.number().check(z.int(), z.gte(0)),
    checklist: z.nullable(z.object({ id: text(64), title: z.object({ en: text(400), 'zh-CN': text(400) }) })),
    verdict: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('allow') }),
      z.object({ kind: z.literal('unchecked'), reason: text(2000) }),
      z.object({ kind: z.literal('hold'), blocking: list(issue, 200) }),
    ]),
  }),
]);
export type ToContent = z.infer<typeof toContentSchema>;

const draftKey = z.object({ portal: nonEmpty(64), record: nonEmpty(200), checklist: nonEmpty(64) });

/** What extension pages may ask the background, which owns the extension's IndexedDB. */
export const toBackgroundSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('whoami') }),
  z.object({
    type: z.literal('draft.save'),
    key: draftKey,
    answers: z.record(text(64), z.unknown()),
    updatedAt: z.number(),
    /** The panel instance writing, and the version it last saw: a newer write by another panel is a conflict, never overwritten silently. */
    writer: nonEmpty(64),
    baseUpdatedAt: z.nullable(z.number()),
    force: z._default(z.boolean(), false),
  }),
  z.object({ type: z.literal('draft.load'), key: draftKey }),
  z.object({ type: z.literal('draft.delete'), key: draftKey }),
  /** The portal confirmed the save: the draft is kept (retired) until the retention purge, never restored on its own. */
  z.object({ type: z.literal('draft.retire'), key: draftKey }),
  z.object({
    type: z.literal('audit.log'),
    event: z.extend(draftKey, {
      type: z.enum(['create', 'restore', 'apply', 'save', 'override', 'no-checklist', 'unconfirmed', 'purge']),
      ruleIds: z.optional(list(text(32), 200)),
      reason: z.optional(text(2000)),
    }),
  }),
  z.object({ type: z.literal('audit.list') }),
  z.object({ type: z.literal('settings.get') }),
  /** Draft protection: device key, or PIN (and whether the PIN was entered in this browser session). */
  z.object({ type: z.literal('pin.status') }),
  z.object({ type: z.literal('pin.setup'), pin: nonEmpty(200) }),
  z.object({ type: z.literal('pin.unlock'), pin: nonEmpty(200) }),
]);
export type ToBackground = z.infer<typeof toBackgroundSchema>;

/** From a record page in a child frame to the background, over FRAME_PORT. */
export const frameToBackgroundSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('dock'), token: nonEmpty(64) }),
  z.object({ type: z.literal('collapse'), collapsed: z.boolean() }),
  z.object({ type: z.literal('notice'), text: z.nullable(text(2000)) }),
  z.object({ type: z.literal('orphan'), text: text(2000) }),
  z.object({ type: z.literal('load') }),
]);
export type FrameToBackground = z.infer<typeof frameToBackgroundSchema>;

/** From the background to the top document's content script: the panel of the record in frame `frameId`. */
export const toDockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('dock.mount'), frameId: z.number().check(z.int(), z.gte(1)), token: nonEmpty(64) }),
  z.object({ type: z.literal('dock.collapse'), frameId: z.number(), token: nonEmpty(64), collapsed: z.boolean() }),
  z.object({ type: z.literal('dock.notice'), frameId: z.number(), token: nonEmpty(64), text: z.nullable(text(2000)) }),
  z.object({ type: z.literal('dock.orphan'), frameId: z.number(), token: nonEmpty(64), text: text(2000) }),
  z.object({ type: z.literal('dock.unmount'), frameId: z.number(), token: nonEmpty(64) }),
  z.object({ type: z.literal('dock.load'), frameId: z.number(), token: nonEmpty(64) }),
]);
export type ToDock = z.infer<typeof toDockSchema>;

/** What the top document answers a dock request: whether the panel is docked there. */
export const dockReplySchema = z.object({ docked: z.boolean() });

/** From the background to the record's frame over FRAME_PORT: docked in the top document, or not (then the frame docks it itself). */
export const dockedSchema = z.object({ type: z.literal('docked'), docked: z.boolean(), frameId: z.number().check(z.int(), z.gte(0)) });

/**
 * From a content script to the background about saves that reload the page (#14 part 5): a Save the guard let
 * through is remembered for the tab, and the next page load that shows the adapter's saved confirmation retires
 * that record's draft. Only ids travel, never answers or note text.
 */
export const saveTrailSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('save.pending'), key: draftKey, overridden: z.boolean() }),
  z.object({ type: z.literal('save.landed'), portal: nonEmpty(64), record: z.optional(nonEmpty(200)) }),
  // The always-on script let a Save through unchecked: the next page in the frame is told (lib/saved-unchecked.ts).
  z.object({ type: z.literal('save.unchecked') }),
]);
export type SaveTrail = z.infer<typeof saveTrailSchema>;

/**
 * From the list badges to the background (issue 18, lib/list-grading.ts): the values rows show, to be graded there;
 * `warm` names checklists to compile before the list's first rows arrive. Bounds far above any list's, below what
 * would let a page's script (were it to reach us) make the background hold more than a few megabytes.
 */
export const listRowSchema = z.object({
  note: text(NOTE_LIMIT),
  attendance: z.optional(text(MAX_ATTENDANCE_CHARS)),
  answers: z.record(text(64), text(MAX_ANSWER_CHARS)),
});
/** The request's envelope; its rows are checked one by one (listRowSchema), so one bad row cannot block the rest. */
export const listGradeRequestSchema = z.object({
  type: z.literal('list.grade'),
  locale: z.enum(['en', 'zh-CN']),
  deadlineHours: z.record(text(16), z.number().check(z.gt(0), z.lte(24 * 365))),
  rows: list(z.unknown(), 500),
  warm: z.optional(list(text(64), MAX_WARM_CHECKLISTS)),
  catalog: z.optional(text(32)),
});
