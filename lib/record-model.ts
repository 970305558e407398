// The record rules, decided once (issue 19 part 1): which checklist a record is
// held to, how the portal's note and fields merge into the record, which
// answers Apply writes where, how the entry is composed, and what holds Save.
// Framework-free and browser-free, so the panel's React view and its Save judge
// (entrypoints/panel/save-judge.ts, which answers the content script's guard)
// ask the same questions of the same code. Built on the SDK's Zod-free runtime:
// the content script loads only what it uses in the portal's page (the facts
// of the portal's fields, what Apply writes), never the rule engine (issue 18).
import {
  compileChecklist,
  composeEntry,
  composeNoChecklistEntry,
  evaluate,
  formatLocalDateTime,
  noteChecklistId,
  noteDeclines,
  parseNote,
  type Checklist,
  type ComposedEntry,
  type Evaluation,
  type Issue,
  type Locale,
  type PortalField,
} from '@chartguard/sdk/runtime';
import type { PageSnapshot } from './protocol';

/** What the record page offers and says about checklists: the parts of a snapshot the choice depends on. */
export type ChecklistContext = Pick<PageSnapshot, 'note' | 'checklists' | 'suggested'>;

/**
 * The user's choice of checklist: an id, `null` for "no checklist", or `undefined` while nobody has chosen
 * and the record decides (see automaticChecklist). The panel makes it, and judges Save by it.
 */
export type ChecklistChoice = string | null | undefined;

/** The record's own checklist, with no choice made: the note's header, else the page's suggestion (unless the note set it aside). */
export function automaticChecklist(page: ChecklistContext): string | null {
  // A suggestion the record itself says was set aside, with its reason ("no checklist used", #15 part 7), is not offered again.
  const suggested = page.suggested && !noteDeclines(page.note, page.suggested) ? page.suggested : undefined;
  return [noteChecklistId(page.note), suggested].find((id): id is string => Boolean(id) && page.checklists.includes(id!)) ?? null;
}

/** The checklist the record is held to, by the guard and in the panel alike: the user's choice, else the record's own. */
export function activeChecklistId(page: ChecklistContext, choice: ChecklistChoice): string | null {
  if (choice === null) return null;
  if (choice !== undefined && page.checklists.includes(choice)) return choice;
  return automaticChecklist(page);
}

/**
 * The choice a restored draft stands for. A draft kept for the checklist the record would pick anyway, or for the
 * page's own suggestion, is not a choice: a later suggestion (the attendance recoded) replaces it, as it does for the
 * Save guard. A draft for another checklist is the user's earlier choice and stays.
 */
export function choiceFromDraft(page: ChecklistContext, draftChecklistId: string | null | undefined): ChecklistChoice {
  if (!draftChecklistId || draftChecklistId === page.suggested || draftChecklistId === automaticChecklist(page)) return undefined;
  return draftChecklistId;
}

type Answers = Record<string, unknown>;

/**
 * The record Chartguard judges and opens with. The portal saves its own fields, so the page's answers win over
 * anything else; a draft's answers win over the note's (they are newer than what was applied).
 */
export function pageOverNote(layers: { note?: Answers; draft?: Answers; page: Answers }): Answers {
  return { ...layers.note, ...layers.draft, ...layers.page };
}

/** The answers a record page holds for a checklist: its note read back, under its own fields (and a draft between). */
export function recordOnPage(checklist: Checklist | undefined, page: Pick<PageSnapshot, 'note' | 'answers'>, draft?: Answers): Answers {
  return pageOverNote({ note: checklist ? parseNote(checklist, page.note).answers : undefined, draft, page: page.answers });
}

/**
 * The page's answers that go into the panel's form when the portal changes: a changed or read-only one always, an
 * unchanged one only where the panel holds nothing, so what the user typed is never clobbered. Read-only answers the
 * page no longer has are cleared (`undefined`).
 */
export function pageAnswersToShow(input: { before: Answers; now: Answers; current: Answers; readOnly(id: string): boolean }): Answers {
  const updates: Answers = {};
  for (const [id, value] of Object.entries(input.now)) {
    const current = input.current[id];
    const take = input.readOnly(id) || input.before[id] !== value || current === undefined || current === '';
    if (take && current !== value) updates[id] = value;
  }
  for (const id of Object.keys(input.before))
    if (!(id in input.now) && input.readOnly(id) && input.current[id] !== undefined) updates[id] = undefined;
  return updates;
}

/** What a record page tells the panel about its fields, derived from the adapter's page in one place. */
export interface PortalFieldFacts {
  /** Answers Apply sets from another answer (`writeFrom`): target answer id → source answer id. */
  mirrors: Record<string, string>;
  /** Answers the portal owns (shown, never typed). */
  pageOwned: string[];
  /** The values the portal can hold, by the answer written there. */
  portalValues: Record<string, string[]>;
}

type FieldFacts = Pick<PortalField, 'answer' | 'writeFrom' | 'direction' | 'kind' | 'valueMap'>;

export function portalFieldFacts(fields: readonly FieldFacts[]): PortalFieldFacts {
  const facts: PortalFieldFacts = { mirrors: {}, pageOwned: [], portalValues: {} };
  for (const field of fields) {
    if (field.answer && field.writeFrom) facts.mirrors[field.answer] = field.writeFrom;
    if (field.answer && field.direction === 'read' && field.kind === 'static') facts.pageOwned.push(field.answer);
    const written = answerWrittenTo(field);
    if (written && field.direction !== 'read' && field.valueMap) facts.portalValues[written] = Object.keys(field.valueMap);
  }
  return facts;
}

/** The answer a portal field is written from: its `writeFrom`, else the answer it reads into. */
function answerWrittenTo(field: Pick<PortalField, 'answer' | 'writeFrom'>): string | undefined {
  return field.writeFrom ?? field.answer;
}

/**
 * What Apply writes into one portal field, or undefined for nothing: the composed note into the note field, the
 * answer it is written from into any other; read-only fields and empty answers are left alone.
 */
export function valueForPortalField(
  field: Pick<PortalField, 'role' | 'direction' | 'answer' | 'writeFrom'>,
  note: string,
  answers: Answers,
): string | undefined {
  if (field.direction === 'read') return undefined;
  const value = field.role === 'note' ? note : answers[answerWrittenTo(field) ?? ''];
  return value === undefined || value === null || value === '' ? undefined : String(value);
}

/**
 * The answers Apply sends: only the open checklist's (answers kept from another checklist stay in the panel), a
 * read-only "recorded at" field stamped with the clock, each mirror copied from its source, nothing empty.
 */
export function answersToApply(checklist: Checklist, values: Answers, mirrors: Readonly<Record<string, string>>, now: Date): Answers {
  const fields = compileChecklist(checklist).fieldsById;
  const answers: Answers = {};
  for (const [id, value] of Object.entries(values)) if (fields.has(id) && value !== undefined && value !== null) answers[id] = value;
  const recordedAt = checklist.deadline?.recordedAt;
  if (recordedAt && fields.get(recordedAt)?.readOnly) answers[recordedAt] = formatLocalDateTime(now);
  for (const [target, source] of Object.entries(mirrors)) if (answers[source] !== undefined) answers[target] = answers[source];
  return answers;
}

/** Who writes the entry (G-01): the portal's signed-in user where the page shows one, else the name typed in the panel. */
export function entryAuthor(page: Pick<PageSnapshot, 'signedInUser'>, typed: string): { name: string; from: 'portal' | 'typed' } {
  const signedIn = page.signedInUser?.trim();
  return signedIn ? { name: signedIn, from: 'portal' } : { name: typed.trim(), from: 'typed' };
}

export interface EntryInput {
  checklist: Checklist;
  answers: Answers;
  /** The portal's note as it stands: the entry goes after it, which is kept byte for byte (G-02). */
  existing: string;
  author: string;
  now: Date;
  locale: Locale;
  /** A held Save overridden: its rule ids and reason go into the entry (G-04). */
  override?: { ruleIds: string[]; reason: string };
}

/** The whole note Apply writes, or null while no author is known: an entry is never written without one (G-01). */
export function composeRecordEntry(input: EntryInput): ComposedEntry | null {
  const author = input.author.trim();
  if (!author) return null;
  return composeEntry({
    checklist: input.checklist,
    record: input.answers,
    existing: input.existing,
    author: { name: author },
    at: formatLocalDateTime(input.now),
    locale: input.locale,
    ...(input.override ? { override: input.override } : {}),
  });
}

/** The note with a "no checklist used" line (#15 part 7), or null while no author is known. */
export function composeDeclineEntry(input: {
  existing: string;
  author: string;
  now: Date;
  suggestedTitle: string;
  reason: string;
  locale: Locale;
}): string | null {
  const author = input.author.trim();
  if (!author) return null;
  const at = formatLocalDateTime(input.now);
  return composeNoChecklistEntry({
    existing: input.existing,
    author: { name: author },
    at,
    suggested: input.suggestedTitle,
    reason: input.reason,
    locale: input.locale,
  }).note;
}

/** Whether an issue holds Save: it is among the evaluation's blocking ones (a passed deadline is reported, never blocking). */
export function holdsSave(evaluation: Pick<Evaluation, 'blocking'>, issue: Issue): boolean {
  return evaluation.blocking.includes(issue);
}

/** The portal fields the Save guard needs to know about: which is the note, which answer each reads into. */
export type JudgedField = Pick<PortalField, 'name' | 'role' | 'answer'>;

export type SaveVerdict =
  | { kind: 'allow' }
  /** Chartguard cannot judge this record; Save goes through and the user is told why. */
  | { kind: 'unchecked'; reason: string }
  | { kind: 'hold'; blocking: Issue[] };

/**
 * The Save guard's judgement of what the portal will actually receive: its note, read back, under its own fields.
 * Chartguard never holds Save because of its own blindness: without the note field there is nothing to judge, a
 * note too long is not read, and rules about fields it cannot find on the page are not held.
 */
export function judgeSave(input: {
  checklist: Checklist;
  page: PageSnapshot;
  fields: readonly JudgedField[];
  noteLimit: number;
  now: Date;
  locale: Locale;
}): SaveVerdict {
  const { page, fields } = input;
  if (page.noteLength !== undefined) {
    const length = page.noteLength.toLocaleString('en');
    return {
      kind: 'unchecked',
      reason: `the portal’s note is ${length} characters, more than the ${input.noteLimit.toLocaleString('en')} Chartguard checks`,
    };
  }
  const noteField = fields.find((field) => field.role === 'note');
  if (noteField && page.missingFields.includes(noteField.name))
    return { kind: 'unchecked', reason: `the portal field “${noteField.name}” cannot be found on this page` };
  const unseen = new Set(fields.filter((field) => field.answer && page.missingFields.includes(field.name)).map((field) => field.answer!));
  const evaluation = evaluate(input.checklist, recordOnPage(input.checklist, page), {
    now: input.now,
    locale: input.locale,
    unknownFields: 'ignore',
  });
  const blocking = evaluation.blocking.filter((issue) => !unseen.has(issue.path[0] ?? ''));
  return blocking.length ? { kind: 'hold', blocking } : { kind: 'allow' };
}
