// The page-side visuals of the portal builder: the builder itself (an
// extension page in an iframe inside a closed shadow root, docked at the
// left so the portal stays usable beside it) and the outlines drawn over the
// elements a selector matches. Built from elements and text only.
export const BUILDER_WIDTH = 440;

const HOST_STYLE = [
  'all: initial',
  'position: fixed',
  'top: 0',
  'left: 0',
  `width: ${BUILDER_WIDTH}px`,
  'height: 100vh',
  'z-index: 2147483647',
  'display: block',
  'margin: 0',
  'padding: 0',
  'border: 0',
]
  .map((rule) => `${rule} !important`)
  .join('; ');

function randomTag(prefix: string): string {
  const letters = Array.from(crypto.getRandomValues(new Uint8Array(10)), (byte) => String.fromCharCode(97 + (byte % 26))).join('');
  return `${prefix}-${letters}`;
}

export interface BuilderFrame {
  remove(): void;
}

/** Docks the builder page at the left of the top document, narrowing the portal so nothing is covered. */
export function mountBuilderFrame(src: string): BuilderFrame {
  const host = document.createElement(randomTag('chartguard-builder'));
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent =
    'iframe { border: 0; width: 100%; height: 100%; display: block; background: #fff; box-shadow: 2px 0 8px rgba(0,0,0,.25); color-scheme: light; }';
  const iframe = document.createElement('iframe');
  iframe.src = src;
  iframe.title = 'Chartguard: set up this portal';
  shadow.append(style, iframe);
  host.setAttribute('style', HOST_STYLE);
  host.setAttribute('popover', 'manual');
  const root = document.documentElement;
  const previousMargin = root.style.getPropertyValue('margin-left');
  root.style.setProperty('margin-left', `${BUILDER_WIDTH}px`, 'important');
  root.append(host);
  try {
    host.showPopover();
  } catch {
    // Without popover support the inline z-index still applies.
  }
  // The user asked for the builder: a keyboard user starts in it, not where the popup left the focus.
  iframe.addEventListener('load', () => iframe.focus(), { once: true });
  return {
    remove() {
      host.remove();
      if (previousMargin) root.style.setProperty('margin-left', previousMargin);
      else root.style.removeProperty('margin-left');
    },
  };
}

export interface Outlines {
  /** Outlines these elements (the hover target, or every match of a selector); an empty list clears. */
  show(elements: Element[], tone: 'hover' | 'match'): void;
  remove(): void;
}

/** Where an element's frame sits in this document's viewport (0, 0 for this document's own elements). */
function frameOffset(element: Element): { x: number; y: number } {
  let x = 0;
  let y = 0;
  for (let doc = element.ownerDocument; doc !== document; ) {
    const frame = doc.defaultView?.frameElement;
    if (!frame) break;
    const rect = frame.getBoundingClientRect();
    x += rect.left + frame.clientLeft;
    y += rect.top + frame.clientTop;
    doc = frame.ownerDocument;
  }
  return { x, y };
}

/** Outlines drawn in a layer of their own that takes no clicks, kept in place through scrolling. */
export function createOutlines(signal: AbortSignal): Outlines {
  const host = document.createElement(randomTag('chartguard-outline'));
  const shadow = host.attachShadow({ mode: 'closed' });
  host.setAttribute(
    'style',
    'all: initial !important; position: fixed !important; inset: 0 !important; pointer-events: none !important; z-index: 2147483646 !important;',
  );
  let current: { elements: Element[]; tone: 'hover' | 'match' } = { elements: [], tone: 'match' };
  const draw = () => {
    shadow.replaceChildren();
    for (const element of current.elements) {
      const rect = element.getBoundingClientRect();
      // The keyboard cursor outlines elements of same-origin child frames from the top frame.
      const { x, y } = frameOffset(element);
      const box = document.createElement('div');
      const colour = current.tone === 'hover' ? '#0b57d0' : '#c2410c';
      box.setAttribute(
        'style',
        `position: fixed; left: ${x + rect.left - 2}px; top: ${y + rect.top - 2}px; width: ${rect.width + 4}px; height: ${rect.height + 4}px; outline: 3px solid ${colour}; background: ${colour}22; border-radius: 3px;`,
      );
      shadow.append(box);
    }
  };
  window.addEventListener('scroll', draw, { capture: true, passive: true, signal });
  window.addEventListener('resize', draw, { passive: true, signal });
  return {
    show(elements, tone) {
      current = { elements, tone };
      if (!host.isConnected) document.documentElement.append(host);
      draw();
    },
    remove() {
      host.remove();
    },
  };
}
