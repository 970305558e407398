// Saves that reload the page (#14 part 5): a portal that POSTs and redirects
// confirms the save on the next page load (`?saved=1`), where the record page
// that was judged no longer exists. The Save the guard let through is
// remembered by the background; this load, when its address is the adapter's
// saved confirmation, asks the background to match it, which retires that
// record's draft. Only ids travel.
import { extensionApi } from '../../extension-api';
import type { PageInfo } from '../../page-kind';

export interface SaveOutcome {
  checklistId: string;
  overridden: boolean;
}

/** The background's answer, checked by hand: the always-on script carries no Zod (issue 18). */
export function readSaveOutcome(reply: unknown): SaveOutcome | undefined {
  if (typeof reply !== 'object' || reply === null) return undefined;
  const { checklistId, overridden } = reply as Record<string, unknown>;
  return typeof checklistId === 'string' && typeof overridden === 'boolean' ? { checklistId, overridden } : undefined;
}

let notedUrl: string | undefined;

/** Once per address: when it is the page's saved confirmation, the matched Save (if any) goes to `confirmed`. */
export function noteSaveLanding(match: PageInfo, confirmed: (outcome: SaveOutcome) => void) {
  const pattern = match.page.savedUrl;
  if (!pattern || notedUrl === location.href) return;
  let landed = false;
  try {
    landed = new RegExp(pattern).test(location.pathname + location.search);
  } catch {
    return;
  }
  if (!landed) return;
  notedUrl = location.href;
  void extensionApi()
    .runtime.sendMessage({ type: 'save.landed', portal: match.adapter.id, ...(match.recordId ? { record: match.recordId } : {}) })
    .then((reply: unknown) => {
      const outcome = readSaveOutcome(reply);
      if (outcome) confirmed(outcome);
    })
    .catch(() => undefined);
}
