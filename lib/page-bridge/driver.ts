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
