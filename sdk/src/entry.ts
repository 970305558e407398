// Append-only entries (catalogue v2, G-01 G-02 G-04): what Apply writes into a
// portal's note. The note already there, whoever wrote it, is kept byte for
// byte; Chartguard only ever adds an entry after it, naming its author and
// time, and an edit of an earlier entry becomes a dated amendment. Pure
// functions, so the panel, the content script and the tests share them.
import { message } from './locales/index.js';
import type { Checklist } from './model.js';
import { noteChecklistId, noteHeader, parseNote, renderBody } from './note.js';
import { noteSummary, type ClientTerm } from './note-summary.js';
import { normalizeRecord, type Answer, type ChecklistRecord } from './record.js';
import type { EntryOverride } from './entry-lines.js';

export { isEntryMetaLine, noteOverrides, noteDeclinedChecklists, noteDeclines } from './entry-lines.js';
export type { EntryOverride };
export type { EntryDeclined } from './entry-lines.js';
import { format, type Locale } from './text.js';

export interface EntryAuthor {
  /** Who writes the entry, as the portal shows the signed-in user or as entered once. */
  name: string;
}

export interface ComposeEntryInput {
  checklist: Checklist;
  /** The answers as the panel holds them. */
  record: Record<string, unknown>;
  /** The portal's note as it is now: kept as it is, whatever it holds. */
  existing: string;
  author: EntryAuthor;
  /** Local wall-clock time of writing, `YYYY-MM-DDTHH:mm`. */
  at: string;
  locale?: Locale;
  override?: EntryOverride;
  /** How a Chinese entry names the client, `客户` (default) or `来访者` (organisation setting). */
  clientTerm?: ClientTerm;
}

export interface ComposedEntry {
  /** The whole note to write: `existing`, unchanged, then the new entry (or `existing` alone when there is nothing new to say). */
  note: string;
  /** What was added after `existing` ('' when nothing). */
  added: string;
  kind: 'new' | 'amendment' | 'unchanged';
  /** Field ids the amendment restates. */
  changed: string[];
}

const when = (at: string) => at.replace('T', ' ');

/** `Entry by Liz Smith, 2026-06-10 09:00`: the author line right under an entry's header (G-01). */
export function authorLine(author: EntryAuthor, at: string, locale: Locale): string {
  return message(locale, 'entry.author', { author: oneLine(author.name), at: when(at) });
}

/** The override line (G-04): pending rule ids and the reason, so a supervisor sees them in the record. */
export function overrideLine(override: EntryOverride, locale: Locale): string {
  const separator = locale === 'zh-CN' ? '、' : ', ';
  return message(locale, 'entry.override', { rules: override.ruleIds.join(separator), reason: oneLine(override.reason) });
}

/** An entry's meta lines are one line each: a newline in a name or reason would start a line the reader cannot place. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** The time of the last Chartguard entry or amendment in a note, as its author line gives it. */
function lastEntryTime(note: string): string | undefined {
  let found: string | undefined;
  for (const line of note.split(/\r\n?|\n/)) {
    const match = /^\s*(?:Entry by .*, |记录人：.*，)(\d{4}-\d{2}-\d{2} \d{2}:\d{2})\s*$/.exec(line);
    if (match) found = match[1];
  }
  return found;
}

function same(a: Answer | undefined, b: Answer | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => item === b[i]);
  return a === b;
}

/**
 * What Apply writes. The existing note is never rewritten (G-02): with no
 * Chartguard entry of this checklist in it, a new entry is added after it;
 * with one, the answers that differ from what the note already says are
 * added as an amendment to the entry of its time. An override is written
 * into the entry it came with (G-04).
 */
export function composeEntry(input: ComposeEntryInput): ComposedEntry {
  const locale = input.locale ?? 'en';
  const { checklist, existing } = input;
  const answers = normalizeRecord(checklist, input.record);
  const hasEntry = noteChecklistId(existing) === checklist.id || containsHeaderOf(existing, checklist.id);
  const lines: string[] = [];
  let kind: ComposedEntry['kind'];
  let changed: string[] = [];
  if (!hasEntry) {
    kind = 'new';
    // A new entry opens with its one-line summary, the entry's tag at its end; an amendment names the entry it amends.
    lines.push(
      noteHeader(checklist, locale, noteSummary(checklist, answers, locale, input.clientTerm)),
      authorLine(input.author, input.at, locale),
      ...renderBody(checklist, answers, locale, undefined, input.clientTerm),
    );
  } else {
    const before: ChecklistRecord = parseNote(checklist, existing, { locale }).answers;
    changed = Object.keys(answers).filter((id) => !same(before[id], answers[id]));
    if (changed.length === 0 && !input.override) return { note: existing, added: '', kind: 'unchanged', changed };
    kind = 'amendment';
    const of = lastEntryTime(existing);
    lines.push(
      message(locale, of ? 'entry.amendment' : 'entry.amendmentUndated', { of: of ?? '', header: noteHeader(checklist, locale) }),
      authorLine(input.author, input.at, locale),
      ...renderBody(checklist, answers, locale, new Set(changed), input.clientTerm),
    );
  }
  if (input.override && input.override.ruleIds.length) lines.push('', overrideLine(input.override, locale));
  const added = lines.join('\n');
  // Kept byte for byte; one blank line apart from what came before, unless the note is empty.
  const gap = existing === '' ? '' : existing.endsWith('\n\n') ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
  return { note: existing + gap + added, added, kind, changed };
}

export interface NoChecklistEntryInput {
  /** The portal's note as it is now: kept as it is, whatever it holds. */
  existing: string;
  author: EntryAuthor;
  /** Local wall-clock time of writing, `YYYY-MM-DDTHH:mm`. */
  at: string;
  /** The checklist the page suggested, as the user saw it (its title, with its id). */
  suggested: string;
  reason: string;
  locale?: Locale;
}

/**
 * The "no checklist used" line in each language. Kept here rather than in the
 * locale tables: the badge reader (and its bundle budget) needs only to
 * recognise the line (entry-lines.ts), never to write it.
 */
const NO_CHECKLIST_LINE: Record<Locale, string> = {
  en: 'No checklist used; suggested: {checklist}; reason: {reason}',
  'zh-CN': '未使用清单；建议的清单：{checklist}；原因：{reason}',
};

/**
 * What is written when the user chooses no checklist on a page that suggested
 * one (#15 part 7, read like G-04): an entry with its author and time (G-01)
 * naming the suggested checklist and the reason, after the note as it is (G-02).
 */
export function composeNoChecklistEntry(input: NoChecklistEntryInput): { note: string; added: string } {
  const locale = input.locale ?? 'en';
  const added = [
    authorLine(input.author, input.at, locale),
    format(NO_CHECKLIST_LINE[locale], { checklist: oneLine(input.suggested), reason: oneLine(input.reason) }),
  ].join('\n');
  const existing = input.existing;
  const gap = existing === '' ? '' : existing.endsWith('\n\n') ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
  return { note: existing + gap + added, added };
}

/** Whether any line of the note is a Chartguard header of this checklist (an amendment below hand-written text still counts). */
function containsHeaderOf(note: string, checklistId: string): boolean {
  return note.includes(`[Chartguard ${checklistId}/`);
}
