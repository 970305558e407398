// Docks the panel beside the record: an extension page in an iframe inside a
// closed shadow root, so the portal can neither read what is typed in it nor
// restyle it, and the portal's content is narrowed so nothing is covered.
export const PANEL_WIDTH = 380;
const COLLAPSED_WIDTH = 44;
/**
 * The longest a panel mounted while the page loads waits for the page's load event: a portal whose load never ends
 * (a frame that streams, an image that hangs) still gets its panel. Longer than the Save guard's wait for a starting
 * page, so that a held Save is never left to this timer: the record page loads the panel at once for it (loadNow).
 */
const LOAD_WAIT_MS = 15_000;

export interface PanelFrame {
  setCollapsed(collapsed: boolean): void;
  notice(text: string | null): void;
  /** Whether the panel's frame is in the page now: a detached frame's panel is gone, whatever its port says. */
  attached(): boolean;
  /** Loads the panel page now if it is waiting for the page's load: a Save is waiting on the panel. */
  loadNow(): void;
  /** The extension went away under the page: drop the dead panel, keep a notice. */
  orphan(text: string): void;
  remove(): void;
}

const HOST_STYLE = (width: number) =>
  [
    'all: initial',
    'position: fixed',
    'top: 0',
    'right: 0',
    `width: ${width}px`,
    'height: 100vh',
    'z-index: 2147483647',
    'display: block',
    'visibility: visible',
    'opacity: 1',
    'pointer-events: auto',
    'transform: none',
    'filter: none',
  ]
    .map((rule) => `${rule} !important`)
    .join('; ');

/**
 * The host element with our closed shadow root. A page may define a custom element under our usual
 * tag name (with its own shadow root, shadow disabled, or a constructor that throws); then a fresh
 * random name per load is used, which no page can have defined in advance.
 */
function createHost(): { host: HTMLElement; shadow: ShadowRoot } {
  const usual = document.createElement('chartguard-panel');
  if (!usual.matches(':defined')) {
    try {
      return { host: usual, shadow: usual.attachShadow({ mode: 'closed' }) };
    } catch {
      // Fall through to a name the page cannot know.
    }
  }
  const letters = Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => String.fromCharCode(97 + (byte % 26))).join('');
  const host = document.createElement(`chartguard-${letters}`);
  return { host, shadow: host.attachShadow({ mode: 'closed' }) };
}

export function mountPanelFrame(src: string): PanelFrame {
  const { host, shadow } = createHost();
  const style = document.createElement('style');
  style.textContent = `
    .notice { display: none; position: absolute; left: 0; right: 0; bottom: 0; padding: 8px 10px;
      background: #7a2e00; color: #fff; font: 13px/1.4 system-ui, sans-serif; }
    .notice.shown { display: block; }
    iframe { border: 0; width: 100%; height: 100%; display: block; background: #fff;
      box-shadow: -2px 0 8px rgba(0, 0, 0, 0.25); color-scheme: light; }
  `;
  const iframe = document.createElement('iframe');
  iframe.title = 'Chartguard';
  // A frame that starts loading while the page loads holds the page's load event back until it has loaded too (a
  // frameset portal's shell, docs/performance.md): the panel page loads once the page has, or as soon as it is needed.
  let removed = false;
  const loadTimer = document.readyState === 'complete' ? undefined : setTimeout(() => load(), LOAD_WAIT_MS);
  const load = () => {
    clearTimeout(loadTimer);
    removeEventListener('load', load);
    if (!removed && !iframe.src) iframe.src = src;
  };
  if (loadTimer === undefined) load();
  else addEventListener('load', load);
  const notice = document.createElement('div');
  notice.className = 'notice';
  notice.setAttribute('role', 'alert');
  shadow.append(style, iframe, notice);

  const root = document.documentElement;
  const previousMargin = root.style.getPropertyValue('margin-right');
  const previousPriority = root.style.getPropertyPriority('margin-right');
  let width = PANEL_WIDTH;
  const dock = () => {
    host.setAttribute('style', HOST_STYLE(width));
    root.style.setProperty('margin-right', `${width}px`, 'important');
  };
  // The top layer paints above any z-index the page can use.
  host.setAttribute('popover', 'manual');
  const raise = () => {
    try {
      if (host.matches(':popover-open')) host.hidePopover();
      host.showPopover();
    } catch {
      // Without popover support the inline z-index still applies.
    }
  };
  dock();
  root.append(host);
  raise();

  // The portal may remove or restyle the panel; put it back as it was.
  let restoring = false;
  const guard = new MutationObserver(() => {
    if (restoring) return;
    restoring = true;
    // Moved elsewhere counts as removed: the host belongs directly under <html>.
    if (host.parentNode !== root) {
      root.append(host);
      raise();
    }
    if (host.getAttribute('style') !== HOST_STYLE(width) || host.getAttribute('popover') !== 'manual' || host.attributes.length !== 2) {
      for (const attribute of [...host.attributes])
        if (attribute.name !== 'style' && attribute.name !== 'popover') host.removeAttribute(attribute.name);
      host.setAttribute('popover', 'manual');
      dock();
      raise();
    }
    if (root.style.getPropertyValue('margin-right') !== `${width}px`) dock();
    queueMicrotask(() => (restoring = false));
  });
  // One observe() call per node: a second call on the same node replaces the first's options.
  guard.observe(root, { childList: true, attributes: true, attributeFilter: ['style'] });
  guard.observe(host, { attributes: true });
  // hidePopover() from the page changes no attribute; the toggle event tells us.
  host.addEventListener('toggle', (event) => {
    if ((event as ToggleEvent).newState === 'closed' && host.isConnected && !removed) queueMicrotask(raise);
  });

  return {
    setCollapsed(collapsed) {
      width = collapsed ? COLLAPSED_WIDTH : PANEL_WIDTH;
      dock();
    },
    notice(text) {
      notice.textContent = text ?? '';
      notice.classList.toggle('shown', Boolean(text));
    },
    attached() {
      return iframe.isConnected;
    },
    loadNow: load,
    orphan(text) {
      iframe.remove();
      width = COLLAPSED_WIDTH * 6;
      dock();
      notice.textContent = text;
      notice.classList.add('shown');
      notice.style.top = '0';
    },
    remove() {
      removed = true;
      clearTimeout(loadTimer);
      removeEventListener('load', load);
      guard.disconnect();
      host.remove();
      if (previousMargin) root.style.setProperty('margin-right', previousMargin, previousPriority);
      else root.style.removeProperty('margin-right');
    },
  };
}
