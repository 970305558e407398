// A portal adapter says, as data, how Chartguard reads one records portal:
// which pages are which, where each field and Save control is, and how the
// portal's own values map to checklist answers. The content script knows
// nothing about a portal beyond its adapter.
import { z } from 'zod';
import { conditionSchema } from './model.js';
import { ChecklistError, problemsOf } from './model.js';
import { compileAdapter, upgradeAdapter } from './adapter-compile.js';

export const ADAPTER_FORMAT = 'chartguard-adapter/1';
/** The current format: one entry per portal element, shared value maps, frames, widgets, formats. */
export const ADAPTER_FORMAT_V2 = 'chartguard-adapter/2';

const selectorList = z.array(z.string().min(1)).min(1);

export const portalFieldSchemaV1 = z
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
  .refine((field) => field.role === 'note' || field.answer, {
    message: 'an `answer` field must name the checklist field',
    path: ['answer'],
  });

function compiles(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where the portal shows who is signed in (#15 part 6, G-01): read, never
 * written, so an entry names its author as the portal knows them.
 */
export const signedInUserSchema = z
  .object({
    selector: z.string().min(1),
    /** Read this attribute instead of the element's text. */
    attribute: z.string().min(1).optional(),
  })
  .strict();

/**
 * Where a record page shows the client's previous consultation (#15 part 6,
 * seed 003): the handover of the last visit, so the next worker sees its goal,
 * plan and risk. `section` is the history block: present with no note in it,
 * the portal says there was no previous consultation; absent, Chartguard
 * cannot tell and says so. The other selectors are looked up inside `section`.
 */
export const previousRecordSchema = z
  .object({
    section: z.string().min(1),
    /** The previous consultation's note (its text, or `noteAttribute`). */
    note: z.string().min(1),
    noteAttribute: z.string().min(1).optional(),
    /** When it took place: text, or `atAttribute` (e.g. an ISO date-time). */
    at: z.string().min(1).optional(),
    atAttribute: z.string().min(1).optional(),
    /** Who wrote it. */
    author: z.string().min(1).optional(),
  })
  .strict();

export const listSchemaV1 = z
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
    /** Checklists this list's notes are likely to name, prepared before the first row is graded. A row is always graded against the checklist its note's header names; a note without one is not structured. */
    checklists: z.array(z.string()).optional(),
  })
  .strict();

/** A regular expression's source, refused when it does not compile. */
const patternSource = z
  .string()
  .min(1)
  .refine((source) => compiles(source), 'not a valid regular expression');
/** The record id from a named group of the page's path, or from an element's attribute: both formats read it so. */
const recordIdFromPath = z.object({ from: z.literal('path'), group: z.string().min(1) }).strict();
const recordIdFromAttribute = z
  .object({ from: z.literal('attribute'), selector: z.string().min(1), attribute: z.string().min(1) })
  .strict();

export const pageSchemaV1 = z
  .object({
    kind: z.string().regex(/^[a-z][a-z0-9-]*$/),
    /** Regular expression matched against the page's path (location.pathname). */
    path: patternSource,
    /** Selectors that must all be present for the page to count (DOM predicate). */
    present: z.array(z.string().min(1)).optional(),
    /** Where the record id comes from: a named group of `path`, or an element attribute. */
    recordId: z.union([recordIdFromPath, recordIdFromAttribute]).optional(),
    /** Checklists the user may pick on this page. */
    checklists: z.array(z.string()).default([]),
    /** Checklists suggested by the page state, first match wins; conditions are over answers read from the page. */
    suggest: z.array(z.object({ checklist: z.string(), when: conditionSchema }).strict()).default([]),
    fields: z.array(portalFieldSchemaV1).default([]),
    /** The portal's Save controls; the guard holds them. */
    save: z.array(z.string().min(1)).default([]),
    /** What the portal shows once it has confirmed a save; drafts are deleted only then. */
    saved: z
      .object({ selector: z.string().min(1), text: z.string().optional() })
      .strict()
      .optional(),
    list: listSchemaV1.optional(),
    previous: previousRecordSchema.optional(),
  })
  .strict();

/** What a page says that other parts of it must agree with, read defensively (the page may be malformed). */
interface PageReferences {
  path?: unknown;
  recordId?: { from?: unknown; group?: unknown };
  checklists?: unknown;
  suggest?: unknown;
}

/** The cross-references both formats check on a page: the record id's named group, and suggestions among its checklists. */
function checkPageReferences(page: PageReferences, p: number, ctx: z.RefinementCtx) {
  const group = page.recordId?.from === 'path' ? page.recordId.group : undefined;
  if (
    typeof group === 'string' &&
    typeof page.path === 'string' &&
    compiles(page.path) &&
    !new RegExp(page.path).source.includes(`(?<${group}>`)
  ) {
    ctx.addIssue({ code: 'custom', path: ['pages', p, 'recordId', 'group'], message: `path has no named group “${group}”` });
  }
  const checklists = Array.isArray(page.checklists) ? page.checklists : page.checklists === undefined ? [] : undefined;
  if (!checklists || !Array.isArray(page.suggest)) return;
  page.suggest.forEach((suggestion: unknown, s) => {
    const checklist = (suggestion as { checklist?: unknown } | null)?.checklist;
    if (typeof checklist === 'string' && !checklists.includes(checklist)) {
      ctx.addIssue({
        code: 'custom',
        path: ['pages', p, 'suggest', s, 'checklist'],
        message: `“${checklist}” is not among the page's checklists`,
      });
    }
  });
}

export const adapterSchemaV1 = z
  .object({
    $schema: z.string().optional(),
    format: z.literal(ADAPTER_FORMAT),
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    name: z.string().min(1),
    /** Match patterns of the portal's origins, e.g. `http://127.0.0.1/*`. */
    matches: z.array(z.string().regex(/^(https?|\*):\/\/[^/]+\/.*$/, 'a match pattern like https://portal.example.org/*')).min(1),
    signedInUser: signedInUserSchema.optional(),
    pages: z.array(pageSchemaV1).min(1),
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
        const page = raw as PageReferences & { fields?: unknown };
        checkPageReferences(page, p, ctx);
        if (
          Array.isArray(page.fields) &&
          page.fields.filter((field: unknown) => (field as { role?: unknown } | null)?.role === 'note').length > 1
        ) {
          ctx.addIssue({ code: 'custom', path: ['pages', p, 'fields'], message: 'a page has at most one note field' });
        }
      });
    },
    { when: () => true },
  );

// ---------------------------------------------------------------------------
// Format 2. One entry per portal element, naming every answer it carries;
// value maps named once and shared; the same element vocabulary for a record
// page's fields and a list's cells; and what real portals need besides: the
// frame a page lives in, the widget library behind an element, the portal's
// own date format, save shortcuts, a grid's scroll area.

/** Widget libraries Chartguard drives through its page-world bridge, by element kind. */
export const WIDGETS = {
  richtext: ['tinymce', 'ckeditor5', 'quill'],
  select: ['select2', 'chosen', 'tom-select', 'aria-combobox'],
  date: ['flatpickr', 'jquery-ui-datepicker', 'mui-date-picker'],
  datetime: ['flatpickr', 'jquery-ui-datepicker', 'mui-date-picker'],
} as const;
export type Widget = (typeof WIDGETS)[keyof typeof WIDGETS][number];
const widgetNames = [...new Set(Object.values(WIDGETS).flat())] as [Widget, ...Widget[]];

export const ELEMENT_KINDS = [
  'select',
  'text',
  'textarea',
  'date',
  'datetime',
  'contenteditable',
  'static',
  'radio',
  'checkbox',
  'richtext',
] as const;
export type ElementKind = (typeof ELEMENT_KINDS)[number];

/** One selector or several tried in order; the first that matches wins. */
const selectorV2 = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** Checklist value → the portal's label, or several labels (the first is the one written). */
export const valueMapSchema = z.record(z.string().min(1), z.union([z.string(), z.array(z.string()).min(1)]));

/** Tokens YYYY MM DD HH mm ss and separators, e.g. `DD/MM/YYYY HH:mm`. */
export const DATE_FORMAT_PATTERN = /^(?:YYYY|MM|DD|HH|mm|ss|[^A-Za-z0-9])+$/;
const dateFormat = z
  .string()
  .regex(DATE_FORMAT_PATTERN, 'a date format of YYYY, MM, DD, HH, mm, ss and separators, e.g. “DD/MM/YYYY HH:mm”')
  .refine(
    (format) => !DATE_FORMAT_PATTERN.test(format) || (format.includes('YYYY') && format.includes('MM') && format.includes('DD')),
    'a date format needs YYYY, MM and DD',
  );

/** Shortcut like `Ctrl+S`, `Alt+Shift+S`, `Meta+Enter`. */
export const SHORTCUT_PATTERN = /^(?:(?:Ctrl|Alt|Shift|Meta)\+)*(?:[A-Za-z0-9]|Enter|F\d{1,2})$/;

const answerName = z.string().min(1);

export const elementSchema = z
  .object({
    /** Name used in messages, e.g. "Clinical note". */
    name: z.string().min(1),
    selector: selectorV2,
    kind: z.enum(ELEMENT_KINDS),
    /** The library that runs the element; Chartguard reads and writes it through that library. */
    widget: z.enum(widgetNames).optional(),
    /** Read the value from this attribute instead of the element's value or text. */
    attribute: z.string().min(1).optional(),
    /** The portal's own date or date-time format (kinds date, datetime, static). */
    format: dateFormat.optional(),
    /** The element holds the rendered note. */
    note: z.boolean().optional(),
    /** The note is stored as HTML (a rich-text editor): read as the structured note its text is. */
    html: z.boolean().optional(),
    /** Checklist answers this element's value is read into. */
    answers: z.array(answerName).optional(),
    /**
     * What Apply writes into the element: checklist answers, each in turn (the
     * last the record holds is what stays). Defaults to `answers` (to the note
     * for a note element); `[]` leaves the element as the portal has it.
     */
    write: z.array(answerName).optional(),
    /** The name of a shared map in the adapter's `values`, or a map of its own. */
    values: z.union([z.string().min(1), valueMapSchema]).optional(),
  })
  .strict();

export const listSchemaV2 = z
  .object({
    /** What the list holds, e.g. "Sessions": names its summary where a page has several lists. */
    name: z.string().min(1).optional(),
    rows: z.string().min(1),
    /** Attribute of the row holding the record id. */
    recordIdAttribute: z.string().optional(),
    cells: z.array(
      elementSchema
        .omit({ kind: true, widget: true, write: true })
        .extend({ kind: z.enum(ELEMENT_KINDS).optional() })
        .strict(),
    ),
    checklists: z.array(z.string()).optional(),
    /** The grid's own scroll area: badges are drawn only on rows inside it. */
    viewport: z.string().min(1).optional(),
    /** Where the grid shows its total number of rows (e.g. "41 records"), for an honest summary. */
    total: z
      .object({ selector: z.string().min(1), attribute: z.string().min(1).optional() })
      .strict()
      .optional(),
  })
  .strict();

export const pageSchemaV2 = z
  .object({
    kind: z.string().regex(/^[a-z][a-z0-9-]*$/),
    /** Regular expression matched against the frame's own path (location.pathname). */
    path: patternSource,
    /** Regular expression matched against the query string (location.search, with its “?”). */
    search: patternSource.optional(),
    /** The page lives in this frame of the portal's shell (a selector for the iframe or frame element in its parent). */
    frame: z.string().min(1).optional(),
    present: z.array(z.string().min(1)).optional(),
    recordId: z
      .union([recordIdFromPath, z.object({ from: z.literal('query'), param: z.string().min(1) }).strict(), recordIdFromAttribute])
      .optional(),
    checklists: z.array(z.string()).default([]),
    suggest: z.array(z.object({ checklist: z.string(), when: conditionSchema }).strict()).default([]),
    /** One entry per portal element. */
    fields: z.array(elementSchema).default([]),
    /** The portal's Save controls (buttons, links, role=button elements); the guard holds them. */
    save: z.array(z.string().min(1)).default([]),
    /** Keyboard shortcuts that save, e.g. `Ctrl+S`; held like Save, inside an editor's frame too. */
    shortcuts: z.array(z.string().regex(SHORTCUT_PATTERN, 'a shortcut like “Ctrl+S” or “Alt+Shift+S”')).optional(),
    /** The portal's own script calls form.submit(): wrap it in the page so the guard sees it. */
    formSubmit: z.boolean().optional(),
    /**
     * The portal also saves by itself (autosave, `navigator.sendBeacon`), which no event announces and
     * Chartguard cannot hold. `requests`: patterns of the address (path and query) such saves are sent to;
     * a request there that the guard did not judge is reported to the user as saved unchecked. `true`
     * only declares that the portal autosaves.
     */
    autosave: z
      .union([
        z.boolean(),
        z
          .object({
            requests: z.array(patternSource).min(1).max(10),
          })
          .strict(),
      ])
      .optional(),
    /** What the portal shows once it has confirmed a save: an element, or (for a save that reloads the page) a URL pattern. */
    saved: z
      .union([
        z.object({ selector: z.string().min(1), text: z.string().optional() }).strict(),
        z
          .object({
            url: patternSource,
          })
          .strict(),
      ])
      .optional(),
    list: listSchemaV2.optional(),
    /** Several lists on one page (a caseload grid and a handover list), each badged and summarised on its own. */
    lists: z.array(listSchemaV2).min(1).optional(),
    previous: previousRecordSchema.optional(),
  })
  .strict();

export const adapterSchemaV2 = z
  .object({
    $schema: z.string().optional(),
    format: z.literal(ADAPTER_FORMAT_V2),
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    name: z.string().min(1),
    matches: z.array(z.string().regex(/^(https?|\*):\/\/[^/]+\/.*$/, 'a match pattern like https://portal.example.org/*')).min(1),
    /** Named value maps shared by elements and cells, e.g. `attendance`. */
    values: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/), valueMapSchema).optional(),
    signedInUser: signedInUserSchema.optional(),
    pages: z.array(pageSchemaV2).min(1),
  })
  .strict()
  .superRefine(
    (adapter, ctx) => {
      const root = adapter as unknown as { values?: unknown; pages?: unknown } | null;
      const shared = root?.values && typeof root.values === 'object' ? Object.keys(root.values) : [];
      if (!Array.isArray(root?.pages)) return;
      const checkValues = (values: unknown, path: (string | number)[]) => {
        if (typeof values === 'string' && !shared.includes(values))
          ctx.addIssue({ code: 'custom', path, message: `no value map “${values}” in the adapter's values` });
      };
      root.pages.forEach((raw: unknown, p) => {
        if (!raw || typeof raw !== 'object') return;
        const page = raw as PageReferences & { fields?: unknown; list?: { cells?: unknown }; lists?: unknown };
        checkPageReferences(page, p, ctx);
        if (Array.isArray(page.fields)) {
          const elements = page.fields as ({
            note?: unknown;
            kind?: unknown;
            widget?: unknown;
            answers?: unknown;
            values?: unknown;
          } | null)[];
          if (elements.filter((element) => element?.note === true).length > 1) {
            ctx.addIssue({ code: 'custom', path: ['pages', p, 'fields'], message: 'a page has at most one note element' });
          }
          elements.forEach((element, e) => {
            if (!element) return;
            checkValues(element.values, ['pages', p, 'fields', e, 'values']);
            const allowed = WIDGETS[element.kind as keyof typeof WIDGETS] as readonly string[] | undefined;
            if (typeof element.widget === 'string' && !allowed?.includes(element.widget)) {
              ctx.addIssue({
                code: 'custom',
                path: ['pages', p, 'fields', e, 'widget'],
                message: `a ${String(element.kind)} element cannot be run by “${element.widget}”${allowed ? ` (one of ${allowed.join(', ')})` : ''}`,
              });
            }
            if (element.kind === 'richtext' && element.widget === undefined) {
              ctx.addIssue({
                code: 'custom',
                path: ['pages', p, 'fields', e, 'widget'],
                message: 'a richtext element names its editor: tinymce, ckeditor5 or quill',
              });
            }
            if (element.note !== true && (!Array.isArray(element.answers) || element.answers.length === 0)) {
              ctx.addIssue({
                code: 'custom',
                path: ['pages', p, 'fields', e, 'answers'],
                message: 'an element carries the note or at least one answer',
              });
            }
          });
        }
        if (Array.isArray(page.list?.cells)) {
          (page.list.cells as ({ values?: unknown } | null)[]).forEach((cell, c) =>
            checkValues(cell?.values, ['pages', p, 'list', 'cells', c, 'values']),
          );
        }
        if (Array.isArray(page.lists)) {
          if (page.list !== undefined)
            ctx.addIssue({ code: 'custom', path: ['pages', p, 'lists'], message: 'a page has `list` or `lists`, not both' });
          (page.lists as ({ cells?: unknown } | null)[]).forEach((list, l) => {
            if (Array.isArray(list?.cells))
              (list.cells as ({ values?: unknown } | null)[]).forEach((cell, c) =>
                checkValues(cell?.values, ['pages', p, 'lists', l, 'cells', c, 'values']),
              );
          });
        }
      });
    },
    { when: () => true },
  );

/** Either format, told apart by `format`; what editors validate files against. */
export const adapterSchema = z.discriminatedUnion('format', [adapterSchemaV1, adapterSchemaV2]);

export type AdapterV1 = z.infer<typeof adapterSchemaV1>;
export type AdapterV2 = z.input<typeof adapterSchemaV2>;
export type AdapterElement = z.infer<typeof elementSchema>;
export type ValueMap = z.infer<typeof valueMapSchema>;
export type SignedInUser = z.infer<typeof signedInUserSchema>;
export type PreviousRecord = z.infer<typeof previousRecordSchema>;

type V1Field = z.infer<typeof portalFieldSchemaV1>;
type V1Page = z.infer<typeof pageSchemaV1>;
type V1Cell = z.infer<typeof listSchemaV1>['cells'][number];

/** Extra portal labels read as a checklist value (label → value), beside the written label in `valueMap`. */
type Aliases = { aliases?: Record<string, string> };

/**
 * A field as the content script runs it: one per answer (the compiled form of
 * an element). Format-1 fields are exactly this; format-2 elements compile to it.
 */
export type PortalField = Omit<V1Field, 'kind'> & Aliases & { kind: ElementKind; widget?: Widget; format?: string; html?: boolean };
export type AdapterCell = V1Cell & Aliases & { format?: string; html?: boolean };
export type AdapterList = Omit<z.infer<typeof listSchemaV1>, 'cells'> & {
  name?: string;
  cells: AdapterCell[];
  viewport?: string;
  total?: { selector: string; attribute?: string };
};
export type AdapterPage = Omit<V1Page, 'fields' | 'list' | 'recordId'> & {
  fields: PortalField[];
  /** The page's first list; every list, this one included, is in `lists`. */
  list?: AdapterList;
  lists?: AdapterList[];
  recordId?: V1Page['recordId'] | { from: 'query'; param: string };
  search?: string;
  frame?: string;
  shortcuts?: string[];
  formSubmit?: boolean;
  autosave?: boolean | { requests: string[] };
  /** A save that reloads the page is confirmed when the next page's URL (path and query) matches. */
  savedUrl?: string;
};
export type PortalAdapter = Omit<AdapterV1, 'format' | 'pages'> & {
  format: typeof ADAPTER_FORMAT | typeof ADAPTER_FORMAT_V2;
  pages: AdapterPage[];
  /** Set when the adapter was written in format 1 and read through the upgrade. */
  upgradedFrom?: typeof ADAPTER_FORMAT;
};

/** Format 2, written in format 1: its fields have `selectors` and `role`. */
function looksLikeV1Body(input: unknown): boolean {
  const pages = (input as { pages?: unknown } | null)?.pages;
  return (
    Array.isArray(pages) &&
    pages.some(
      (page) =>
        Array.isArray(page?.fields) &&
        page.fields.some((field: unknown) => typeof field === 'object' && field !== null && ('selectors' in field || 'role' in field)),
    )
  );
}

/**
 * Validates an adapter of either format as a whole and returns it as the
 * content script runs it; a format-1 adapter is upgraded on the way (and says
 * so in `upgradedFrom`). An invalid adapter is never half-loaded.
 */
export function parseAdapter(input: unknown): PortalAdapter {
  const format = (input as { format?: unknown } | null)?.format;
  if (format === ADAPTER_FORMAT_V2) {
    if (looksLikeV1Body(input)) {
      throw new ChecklistError(
        [{ path: 'format', message: `fields are written in format 1 (selectors, role): the format is "${ADAPTER_FORMAT}"` }],
        'portal adapter',
      );
    }
    const result = adapterSchemaV2.safeParse(input);
    if (!result.success) throw new ChecklistError(problemsOf(result.error), 'portal adapter');
    return compileAdapter(result.data);
  }
  const result = adapterSchemaV1.safeParse(input);
  if (!result.success) throw new ChecklistError(problemsOf(result.error), 'portal adapter');
  return compileAdapter(upgradeAdapter(result.data), ADAPTER_FORMAT);
}

/** Validates an adapter and returns it in format 2, upgrading a format-1 adapter (for the options page's export and the integration guide). */
export function parseAdapterV2(input: unknown): AdapterV2 {
  const format = (input as { format?: unknown } | null)?.format;
  if (format === ADAPTER_FORMAT_V2) {
    parseAdapter(input);
    return input as AdapterV2;
  }
  const result = adapterSchemaV1.safeParse(input);
  if (!result.success) throw new ChecklistError(problemsOf(result.error), 'portal adapter');
  return upgradeAdapter(result.data);
}
