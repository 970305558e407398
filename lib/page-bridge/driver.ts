// What a page-world widget driver offers the bridge: is the widget running on
// this element, and write a portal value through it. One file per library, so
// each driver is exactly the operations allowed for its widget and no more.
import type { WidgetState } from '../bridge-protocol';

/** The page's globals and objects as a driver reads them: every one may be missing or not what it claims. */
export type Loose = Record<string, unknown> & { [key: string]: any };

export interface PageWorld {
  win: Window & typeof globalThis;
  /** The page's jQuery, when it has one. */
  jq(): ((element: Element) => Loose) | undefined;
}

export interface WidgetDriver {
  state(element: HTMLElement, world: PageWorld): WidgetState;
  /** Writes the value; an error message when the widget refused it. */
  write(element: HTMLElement, value: string, world: PageWorld): string | undefined;
  /** Why the widget will not take a write now (the portal made it read-only or disabled); the control's own state when absent. */
  locked?(element: HTMLElement, world: PageWorld): string | undefined;
  /** Pushes the widget's content into the control the form submits (editors that keep it elsewhere). */
  sync?(element: HTMLElement, world: PageWorld): void;
}

/** The note's lines as paragraphs of the editor's own document: text nodes, never markup. */
export function paragraphs(doc: Document, value: string): HTMLElement[] {
  return value.split(/\r?\n/).map((line) => {
    const paragraph = doc.createElement('p');
    if (line) paragraph.textContent = line;
    else paragraph.append(doc.createElement('br'));
    return paragraph;
  });
}

export function hasOption(element: HTMLElement, value: string, world: PageWorld): boolean {
  return element instanceof world.win.HTMLSelectElement && [...element.options].some((option) => option.value === value);
}

const meaningful = (line: string) => line.replace(/\u00a0/g, ' ').trim();

/**
 * The lines a write adds after what the editor already shows, when the new
 * note is the old one with lines added (an append-only entry always is):
 * then only those are written, and the note's own formatting (lists, bold,
 * links) stays as it was. `undefined` when the new note does not simply add to
 * what is there; blank lines are not compared, as editors show them variously.
 */
export function addedLines(shown: string, value: string): string[] | undefined {
  const before = shown.split('\n').map(meaningful).filter(Boolean);
  // An empty editor is written whole: its placeholder paragraph goes.
  if (!before.length) return undefined;
  const next = value.split(/\r?\n/);
  let matched = 0;
  let cut = 0;
  for (let i = 0; i < next.length && matched < before.length; i++) {
    const line = meaningful(next[i]!);
    if (!line) continue;
    if (line !== before[matched]) return undefined;
    matched += 1;
    cut = i + 1;
  }
  return matched === before.length ? next.slice(cut) : undefined;
}

/** Writes the note into an editable element: only the added lines when it adds to what is there, else the whole note. */
export function writeEditable(editable: HTMLElement, value: string): void {
  const added = addedLines(editable.innerText, value);
  if (added) editable.append(...paragraphs(editable.ownerDocument, added.join('\n')));
  else editable.replaceChildren(...paragraphs(editable.ownerDocument, value));
}
