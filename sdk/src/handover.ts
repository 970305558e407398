// The last consultation's handover as the next worker needs it (#15 part 6;
// seed 003: "Can they clearly explain their plan to the next worker they see,
// next visit?"). Read with the SDK's own note reader, never a second parser;
// a risk answered anywhere in it is read the way that records it (G-06), so
// the prompt built from it can never hide a risk.
import { riskiestReading } from './grade.js';
import { holds } from './conditions.js';
import type { Checklist } from './model.js';
import { noteChecklistId, parseNote, type UnreadLine } from './note.js';
import type { ChecklistRecord } from './record.js';
import { localize, type Locale } from './text.js';

export interface PreviousHandover {
  /**
   * `structured`: a Chartguard entry of this checklist, read into answers;
   * `unstructured`: text Chartguard does not read (hand-written, or another
   * checklist's), to be shown as written; `empty`: the consultation has no note.
   */
  kind: 'structured' | 'unstructured' | 'empty';
  /** The answers, each question answered twice read the way that records more risk. */
  answers: ChecklistRecord;
  /** The checklist's risks (attention items) the note records, with their rule ids. */
  risks: { ruleId: string; message: string }[];
  /** Lines of a structured note the reader could not place: shown, never dropped. */
  unread: UnreadLine[];
  /** The note as the portal holds it. */
  text: string;
}

/** Reads the previous consultation's note for the prompts of this one. Never throws. */
export function readPreviousHandover(checklist: Checklist, text: unknown, options: { locale?: Locale } = {}): PreviousHandover {
  const note = typeof text === 'string' ? text : '';
  if (note.trim() === '') return { kind: 'empty', answers: {}, risks: [], unread: [], text: note };
  if (noteChecklistId(note) !== checklist.id && !note.includes(`[Chartguard ${checklist.id}/`))
    return { kind: 'unstructured', answers: {}, risks: [], unread: [], text: note };
  const parsed = parseNote(checklist, note, { locale: options.locale });
  const answers = parsed.alternatives ? riskiestReading(checklist, parsed.answers, parsed.alternatives) : parsed.answers;
  const locale = options.locale ?? 'en';
  const risks = (checklist.attention ?? [])
    .filter((item) => holds(item.when, answers))
    .map((item) => ({ ruleId: item.rule, message: localize(item.summary, locale) }));
  return { kind: 'structured', answers, risks, unread: parsed.unread, text: note };
}
