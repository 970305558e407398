// The lines an append-only entry adds besides its answers (G-01 author, G-04
// override), recognised on their own so the note reader can skip them without
// depending on the entry composer.

export interface EntryOverride {
  /** Rule ids still failing when Save went through. */
  ruleIds: readonly string[];
  reason: string;
}

const OVERRIDE_PATTERN = /^\s*(?:Override \(G-04\): |覆盖（G-04）：)(.*?)(?:\. Reason: |。原因：)(.*)$/;
const AUTHOR_PATTERN = /^\s*(?:Entry by |记录人：)/;
/** Only the start of the line: enough for the note reader to skip it, and small, since the badge reader's bundle carries it. */
const NO_CHECKLIST_START = /^\s*(?:No checklist used; |未使用清单；)/;

/** "No checklist used" written into the record (#15 part 7): the checklist the page suggested and the reason it was not used. */
export interface EntryDeclined {
  /** The suggested checklist as the line names it. */
  suggested: string;
  /** Its id, when the line names it as the panel writes it (`Title (id)`). */
  checklistId?: string;
  reason: string;
}

/** Whether a line is one of an entry's own meta lines (author, override, no checklist used), which the note reader skips rather than calling unread. */
export function isEntryMetaLine(line: string): boolean {
  return AUTHOR_PATTERN.test(line) || OVERRIDE_PATTERN.test(line) || NO_CHECKLIST_START.test(line);
}

/** Overrides written into a note (G-04), oldest first. */
export function noteOverrides(text: string): EntryOverride[] {
  if (typeof text !== 'string' || !text.includes('G-04')) return [];
  const out: EntryOverride[] = [];
  for (const line of text.split(/\r\n?|\n/)) {
    const match = OVERRIDE_PATTERN.exec(line);
    if (match) out.push({ ruleIds: match[1]!.split(/,\s*|、/).filter(Boolean), reason: match[2]! });
  }
  return out;
}

/** Every "no checklist used" line in a note (#15 part 7), oldest first: a bypass of a suggested checklist is never silent. */
export function noteDeclinedChecklists(text: string): EntryDeclined[] {
  if (typeof text !== 'string' || !(text.includes('No checklist used') || text.includes('未使用清单'))) return [];
  const pattern = /^\s*(?:No checklist used; suggested: |未使用清单；建议的清单：)(.*?)(?:; reason: |；原因：)(.*)$/;
  const out: EntryDeclined[] = [];
  for (const line of text.split(/\r\n?|\n/)) {
    const match = pattern.exec(line);
    if (!match) continue;
    const id = /\(([a-z][a-z0-9-]*)\)$/.exec(match[1]!)?.[1];
    out.push(id ? { suggested: match[1]!, checklistId: id, reason: match[2]! } : { suggested: match[1]!, reason: match[2]! });
  }
  return out;
}

/**
 * Whether the note records that the suggested checklist was set aside ("no
 * checklist used", #15 part 7) and holds no Chartguard entry since: the record
 * is then not held to that checklist again, because the choice and its reason
 * are in the record itself.
 */
export function noteDeclines(text: string, checklistId: string): boolean {
  return noteDeclinedChecklists(text).some((declined) => declined.checklistId === checklistId);
}
