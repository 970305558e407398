// Saves that reload the page (#14 part 5): a portal that POSTs and redirects
// confirms the save on the next page load (`?saved=1`), where the record page
// that was judged no longer exists. The Save the guard let through is
// remembered by the background; this load, when its address is the adapter's
// saved confirmation, asks the background to match it, which retires that
// record's draft. Only ids travel.
import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import type { PageMatch } from '../../detect';

const outcomeSchema = z.nullable(z.object({ checklistId: z.string(), overridden: z.boolean() }));
export type SaveOutcome = NonNullable<z.infer<typeof outcomeSchema>>;

let notedUrl: string | undefined;

/** Once per address: when it is the page's saved confirmation, the matched Save (if any) goes to `confirmed`. */
export function noteSaveLanding(match: PageMatch, confirmed: (outcome: SaveOutcome) => void) {
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
  void browser.runtime
    .sendMessage({ type: 'save.landed', portal: match.adapter.id, ...(match.recordId ? { record: match.recordId } : {}) })
    .then((reply: unknown) => {
      const outcome = outcomeSchema.safeParse(reply);
      if (outcome.success && outcome.data) confirmed(outcome.data);
    })
    .catch(() => undefined);
}
