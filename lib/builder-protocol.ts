// Messages between the portal builder (an extension page framed in the
// portal) and its picker (a script injected into each of the portal's frames
// on the user's request). Both sides validate what they receive: the picker
// takes orders only from the extension, and the builder takes picks only from
// the tab it is setting up.
import { z } from 'zod';

export const PICKER_FILE = '/portal-picker.js';
export const PROBE_FILE = '/widget-probe.js';
export { PROBE_ATTRIBUTE } from './probe-attribute';
/** Where the builder keeps the adapter being built, between page loads. */
export const BUILDER_DRAFT_KEY = 'chartguard.builderDraft';

export const pickModeSchema = z.enum(['element', 'row', 'cell', 'saved', 'frame']);
export type PickMode = z.infer<typeof pickModeSchema>;

const candidateSchema = z.object({ selector: z.string(), basis: z.string(), count: z.number(), hidden: z.boolean().optional() });
export type Candidate = z.infer<typeof candidateSchema>;

export const pickSchema = z.object({
  mode: pickModeSchema,
  /** The address of the frame the element is in. */
  url: z.string(),
  /** The iframe that frame is, as a selector in its parent document (same-origin frames). */
  frame: z.string().optional(),
  kind: z.string(),
  widget: z.string().optional(),
  group: z.boolean().optional(),
  label: z.string(),
  candidates: z.array(candidateSchema),
  /** A stable ancestor (the form, the list's container): the page's DOM check. */
  ancestor: z.string().optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() })),
  attributes: z.array(z.object({ name: z.string(), value: z.string() })),
  text: z.string(),
  /** Set while the control carries the probe attribute, for the page-world widget probe. */
  probe: z.boolean().optional(),
  /** The element sits in an open shadow root (under this host tag): its selectors are matched inside that root. */
  shadowHost: z.string().optional(),
  row: z.object({ idAttributes: z.array(z.object({ name: z.string(), sample: z.string() })) }).optional(),
  error: z.string().optional(),
});
export type Pick = z.infer<typeof pickSchema>;

/** Only the frame whose address matches answers (a page in a portal's work frame); the top frame when absent. */
const pageFilterSchema = z.object({ path: z.string(), search: z.string().optional() });
export type PageFilter = z.infer<typeof pageFilterSchema>;

export const toPickerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('builder.arm'), mode: pickModeSchema, row: z.string().optional() }),
  z.object({ type: z.literal('builder.disarm') }),
  z.object({ type: z.literal('builder.unmark') }),
  z.object({
    type: z.literal('builder.highlight'),
    selector: z.string().nullable(),
    within: z.string().optional(),
    page: pageFilterSchema.optional(),
  }),
  z.object({
    type: z.literal('builder.count'),
    probes: z.array(z.object({ selector: z.string(), within: z.string().optional() })),
    page: pageFilterSchema.optional(),
  }),
  z.object({ type: z.literal('builder.where') }),
  /**
   * Keyboard picking. With `at`, the builder walks several frames' lists (a cross-origin frame keeps its own): the
   * frame puts its cursor on its `at`-th match, or with -1 reads its matches afresh, outlines none and answers their count.
   */
  z.object({
    type: z.literal('builder.cursor'),
    move: z.enum(['first', 'next', 'previous']),
    query: z.string().max(200),
    at: z.number().int().min(-1).optional(),
  }),
  /** Keyboard picking: pick the element under the cursor. */
  z.object({ type: z.literal('builder.take') }),
  z.object({ type: z.literal('builder.close') }),
]);
export type ToPicker = z.infer<typeof toPickerSchema>;

export const fromPickerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('builder.picked'), pick: pickSchema }),
  z.object({ type: z.literal('builder.cancelled') }),
]);
export type FromPicker = z.infer<typeof fromPickerSchema>;

/** What a frame answers to `builder.count`: per probe, matches in this frame (-1 for an invalid selector). */
export const countReplySchema = z.object({ counts: z.array(z.number()) });
export const whereReplySchema = z.object({ url: z.string() });
/** What the top frame answers to `builder.cursor`: the element under the cursor, for the builder to announce. */
export const cursorReplySchema = z.object({
  position: z.number(),
  total: z.number(),
  label: z.string(),
  kind: z.string(),
  widget: z.string().optional(),
});
export type CursorReply = z.infer<typeof cursorReplySchema>;
