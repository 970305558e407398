// Saves that reload the page (#14 part 5): a portal that POSTs and redirects
// confirms the save on the next page load (`?saved=1`), where the record page
// that was judged no longer exists. The Save the guard let through is
// remembered by the background; this load, when its address is the adapter's
// saved confirmation, asks the background to match it, which retires that
// record's draft. Only ids travel.
import { extensionApi } from '../../extension-api';
import { matchesPattern, type PageInfo } from '../../page-kind';

let notedUrl: string | undefined;

/**
 * Once per address: when it is the page's saved confirmation, the background's answer goes to `answered`, unread
 * (the record page that shows it checks it, readSaveOutcome in record-page.ts).
 */
export function noteSaveLanding(match: PageInfo, answered: (reply: unknown) => void) {
  const pattern = match.page.savedUrl;
  if (!pattern || notedUrl === location.href || !matchesPattern(pattern, location.pathname + location.search)) return;
  notedUrl = location.href;
  void extensionApi()
    // (No record id is sent as undefined: JSON drops it in Chrome, and the background's schema allows it in Firefox.)
    .runtime.sendMessage({ type: 'save.landed', portal: match.adapter.id, record: match.recordId })
    .then(answered)
    .catch(() => undefined);
}
