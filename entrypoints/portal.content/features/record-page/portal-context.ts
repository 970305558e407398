// What a record page shows around the record itself, read (never written)
// where the adapter says: who is signed in, so an entry names its author as
// the portal knows them (G-01), and the client's previous consultation, so
// the next worker starts from its handover (#15 part 6, seed 003).
import type { AdapterPage, PortalAdapter } from '@chartguard/sdk/runtime';
import type { PreviousOnPage } from '../../../../lib/protocol';
import { NOTE_LIMIT } from '../../../../lib/protocol-names';
import { findElement } from '../bridge-client/portal-fields';

const NAME_LIMIT = 200;

function readText(element: Element, attribute?: string): string {
  return attribute ? (element.getAttribute(attribute) ?? '') : (element.textContent ?? '');
}

/** The signed-in user's name as the page shows it, or undefined when the adapter names no place or the page shows none. */
export function readSignedInUser(adapter: Pick<PortalAdapter, 'signedInUser'>, root: ParentNode = document): string | undefined {
  const where = adapter.signedInUser;
  if (!where) return undefined;
  const element = findElement([where.selector], root);
  const name = element ? readText(element, where.attribute).replace(/\s+/g, ' ').trim() : '';
  return name ? name.slice(0, NAME_LIMIT) : undefined;
}

/**
 * The previous consultation as the page shows it. `unseen`: the adapter names
 * a history block the page does not have (Chartguard cannot tell, and says
 * so); `none`: the block is there with no consultation in it; `found`: its
 * note (possibly empty), when and by whom.
 */
export function readPrevious(page: Pick<AdapterPage, 'previous'>, root: ParentNode = document): PreviousOnPage | undefined {
  const where = page.previous;
  if (!where) return undefined;
  const section = findElement([where.section], root);
  if (!section) return { state: 'unseen' };
  const noteElement = findElement([where.note], section);
  if (!noteElement) return { state: 'none' };
  const note =
    noteElement instanceof HTMLTextAreaElement || noteElement instanceof HTMLInputElement
      ? noteElement.value
      : readText(noteElement, where.noteAttribute);
  if (note.length > NOTE_LIMIT) return { state: 'unseen' };
  const atElement = where.at ? findElement([where.at], section) : null;
  const authorElement = where.author ? findElement([where.author], section) : null;
  const at = atElement ? readText(atElement, where.atAttribute).trim().slice(0, 100) : '';
  const author = authorElement ? readText(authorElement).replace(/\s+/g, ' ').trim().slice(0, NAME_LIMIT) : '';
  return { state: 'found', note, ...(at ? { at } : {}), ...(author ? { author } : {}) };
}
