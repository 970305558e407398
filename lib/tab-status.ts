// What the toolbar popup may ask the content script in the active tab, and
// what it answers: whether Chartguard recognised the page and what it is doing
// there. Both directions are parsed, so neither side trusts the other's shape.
import * as z from 'zod/mini';

const text = (max: number) => z.string().check(z.maxLength(max));

export const tabRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('tab.status') }),
  /** Opens (un-collapses) the docked panel on a record page. */
  z.object({ type: z.literal('tab.showPanel') }),
]);
export type TabRequest = z.infer<typeof tabRequestSchema>;

const badgeCounts = z.object({
  attention: z.number(),
  overdue: z.number(),
  incomplete: z.number(),
  complete: z.number(),
  unstructured: z.number(),
});

export const tabStatusSchema = z.object({
  /**
   * An adapter's addresses cover this page. The page answers with the id only (its compact adapters carry no
   * names, issue 18); the popup names the portal from the adapters in effect.
   */
  portal: z.nullable(z.object({ id: text(64), name: z.optional(text(200)) })),
  /** The adapter page that matched (record, list…), or null when none of its pages did. */
  pageKind: z.nullable(text(64)),
  recordId: z.optional(text(200)),
  // The four below are said only by the page's features (absent: no panel, no checklist, no held Save, no list), so
  // the always-on script carries no defaults for them (issue 18).
  /** The panel is docked here (a record page with the adapter's fields found). */
  panel: z.optional(z.boolean()),
  /** The checklist the record is held to, by id and title in English and Chinese. */
  checklist: z.optional(z.nullable(z.object({ id: text(64), title: z.object({ en: text(400), 'zh-CN': text(400) }) }))),
  saveHeld: z.optional(z.boolean()),
  /** On a list page: records graded so far by badge; the ones needing action are the open follow-ups. */
  list: z.optional(z.nullable(z.object({ total: z.number(), graded: z.number(), counts: badgeCounts }))),
  /**
   * The content script has read its configuration and settings and has no page change waiting: what it shows
   * now is its answer for this page. The end-to-end tests wait on it before asserting that nothing is shown.
   */
  settled: z.optional(z.boolean()),
  /** A record page on which Chartguard could not start (its features did not load): Save is not checked there. */
  unchecked: z.optional(z.boolean()),
  /** The page's address, so an extension page asking several tabs can tell which one answered. */
  address: z.optional(text(4000)),
});
export type TabStatus = z.infer<typeof tabStatusSchema>;

/** The page names its portal by id only: the popup names it from the adapters in effect (the id where none is). */
export function withPortalName(status: TabStatus | null, adapters: readonly { id: string; name: string }[]): TabStatus | null {
  if (!status?.portal || status.portal.name) return status;
  const { id } = status.portal;
  return { ...status, portal: { id, name: adapters.find((adapter) => adapter.id === id)?.name ?? id } };
}
