// What "Apply to record" writes into the portal's note, composed in the panel
// over the note the portal holds now (catalogue v2, G-01 G-02): the SDK's
// append-only composer keeps that text byte for byte and adds a dated entry
// with its author, so the content script only writes the final text.
import { composeEntry, formatLocalDateTime, type Checklist, type ComposedEntry, type Locale } from '@chartguard/sdk';

export interface PanelNoteInput {
  checklist: Checklist;
  answers: Record<string, unknown>;
  /** The portal's note as the latest page snapshot holds it. */
  existing: string;
  /** The entry's author; empty when not yet known (the panel asks once). */
  author: string;
  now: Date;
  locale: Locale;
  /** A held Save overridden: its rule ids and reason go into the entry (G-04). */
  override?: { ruleIds: string[]; reason: string };
}

/** The whole note to write, or null when no author is known yet (an entry is never written without one, G-01). */
export function panelNote(input: PanelNoteInput): ComposedEntry | null {
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
