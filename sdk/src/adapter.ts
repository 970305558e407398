// A portal adapter says, as data, how Chartguard reads one records portal:
// which pages are which, where each field and Save control is, and how the
// portal's own values map to checklist answers. The content script knows
// nothing about a portal beyond its adapter.
import { z } from 'zod';
import { conditionSchema } from './model.js';
import { ChecklistError, problemsOf } from './model.js';

export const ADAPTER_FORMAT = 'chartguard-adapter/1';

const selectorList = z.array(z.string().min(1)).min(1);

export const portalFieldSchema = z
  .object({
    /** Name used in messages when the field cannot be found, e.g. "Clinical note". */
    name: z.string().min(1),
    /** Tried in order; the first that matches wins. */
    selectors: selectorList,
    kind: z.enum(['select', 'text', 'textarea', 'date', 'datetime', 'contenteditable', 'static']),
    /** Read the value from this attribute instead of the element's value or text. */
    attribute: z.string().optional(),
    /** `note` holds the rendered note; `answer` is one checklist answer. */
    role: z.enum(['note', 'answer']),
    /** The checklist field this portal field reads into or is written from (role `answer`). */
    answer: z.string().optional(),
    /** Apply writes this checklist answer instead of `answer` (e.g. the rebooked time into "next session"). */
    writeFrom: z.string().optional(),
    /** `read`: prefills the panel; `write`: Apply writes it; `both`. */
    direction: z.enum(['read', 'write', 'both']),
    /** Checklist value → portal value (e.g. attendance codes to the portal's option labels). */
    valueMap: z.record(z.string(), z.string()).optional(),
  })
  .strict()
  .refine((field) => field.role === 'note' || field.answer, { message: 'an `answer` field must name the checklist field', path: ['answer'] });

function compiles(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

export const listSchema = z
  .object({
    rows: z.string().min(1),
    /** Attribute of the row holding the record id. */
    recordIdAttribute: z.string().optional(),
    cells: z.array(
      z
        .object({
          name: z.string().min(1),
          selector: z.string().min(1),
          attribute: z.string().optional(),
          role: z.enum(['note', 'answer']),
          answer: z.string().optional(),
          valueMap: z.record(z.string(), z.string()).optional(),
        })
        .strict(),
    ),
    /** Checklists a row may be graded against, when its note has no Chartguard header. */
    checklists: z.array(z.string()).optional(),
  })
  .strict();

export const pageSchema = z
  .object({
    kind: z.string().regex(/^[a-z][a-z0-9-]*$/),
    /** Regular expression matched against the page's path (location.pathname). */
    path: z.string().min(1).refine((source) => compiles(source), 'not a valid regular expression'),
    /** Selectors that must all be present for the page to count (DOM predicate). */
    present: z.array(z.string().min(1)).optional(),
    /** Where the record id comes from: a named group of `path`, or an element attribute. */
    recordId: z
      .union([
        z.object({ from: z.literal('path'), group: z.string().min(1) }).strict(),
        z.object({ from: z.literal('attribute'), selector: z.string().min(1), attribute: z.string().min(1) }).strict(),
      ])
      .optional(),
    /** Checklists the user may pick on this page. */
    checklists: z.array(z.string()).default([]),
    /** Checklists suggested by the page state, first match wins; conditions are over answers read from the page. */
    suggest: z.array(z.object({ checklist: z.string(), when: conditionSchema }).strict()).default([]),
    fields: z.array(portalFieldSchema).default([]),
    /** The portal's Save controls; the guard holds them. */
    save: z.array(z.string().min(1)).default([]),
    /** What the portal shows once it has confirmed a save; drafts are deleted only then. */
    saved: z.object({ selector: z.string().min(1), text: z.string().optional() }).strict().optional(),
    list: listSchema.optional(),
  })
  .strict();

export const adapterSchema = z
  .object({
    $schema: z.string().optional(),
    format: z.literal(ADAPTER_FORMAT),
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    name: z.string().min(1),
    /** Match patterns of the portal's origins, e.g. `http://127.0.0.1/*`. */
    matches: z.array(z.string().regex(/^(https?|\*):\/\/[^/]+\/.*$/, 'a match pattern like https://portal.example.org/*')).min(1),
    pages: z.array(pageSchema).min(1),
  })
  .strict()
  // Cross-references run even when other parts are malformed, so one pass
  // names every problem; they therefore read the value defensively.
  .superRefine(
    (adapter, ctx) => {
      const pages: unknown = (adapter as unknown as { pages?: unknown } | null)?.pages;
      if (!Array.isArray(pages)) return;
      pages.forEach((raw: unknown, p) => {
        if (!raw || typeof raw !== 'object') return;
        const page = raw as { path?: unknown; recordId?: { from?: unknown; group?: unknown }; checklists?: unknown; suggest?: unknown; fields?: unknown };
        const group = page.recordId?.from === 'path' ? page.recordId.group : undefined;
        if (typeof group === 'string' && typeof page.path === 'string' && compiles(page.path) && !new RegExp(page.path).source.includes(`(?<${group}>`)) {
          ctx.addIssue({ code: 'custom', path: ['pages', p, 'recordId', 'group'], message: `path has no named group “${group}”` });
        }
        const checklists = Array.isArray(page.checklists) ? page.checklists : page.checklists === undefined ? [] : undefined;
        if (checklists && Array.isArray(page.suggest)) {
          page.suggest.forEach((suggestion: unknown, s) => {
            const checklist = (suggestion as { checklist?: unknown } | null)?.checklist;
            if (typeof checklist === 'string' && !checklists.includes(checklist)) {
              ctx.addIssue({ code: 'custom', path: ['pages', p, 'suggest', s, 'checklist'], message: `“${checklist}” is not among the page's checklists` });
            }
          });
        }
        if (Array.isArray(page.fields) && page.fields.filter((field: unknown) => (field as { role?: unknown } | null)?.role === 'note').length > 1) {
          ctx.addIssue({ code: 'custom', path: ['pages', p, 'fields'], message: 'a page has at most one note field' });
        }
      });
    },
    { when: () => true },
  );

export type PortalAdapter = z.infer<typeof adapterSchema>;
export type AdapterPage = z.infer<typeof pageSchema>;
export type PortalField = z.infer<typeof portalFieldSchema>;
export type AdapterList = z.infer<typeof listSchema>;

/** Validates an adapter as a whole; an invalid adapter is never half-loaded. */
export function parseAdapter(input: unknown): PortalAdapter {
  const result = adapterSchema.safeParse(input);
  if (!result.success) throw new ChecklistError(problemsOf(result.error), 'portal adapter');
  return result.data;
}

export { fromPortalValue, toPortalValue, pagesForPath, recordIdFromPath } from './adapter-utils.js';
