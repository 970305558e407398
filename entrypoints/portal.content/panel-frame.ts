// Docks the panel beside the record: an extension page in an iframe inside a
// closed shadow root, so the portal can neither read what is typed in it nor
// restyle it, and the portal's content is narrowed so nothing is covered.
export const PANEL_WIDTH = 380;
const COLLAPSED_WIDTH = 44;

export interface PanelFrame {
  setCollapsed(collapsed: boolean): void;
  notice(text: string | null): void;
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

export function mountPanelFrame(src: string): PanelFrame {
  const host = document.createElement('chartguard-panel');
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = `
    .notice { display: none; position: absolute; left: 0; right: 0; bottom: 0; padding: 8px 10px;
      background: #7a2e00; color: #fff; font: 13px/1.4 system-ui, sans-serif; }
    .notice.shown { display: block; }
    iframe { border: 0; width: 100%; height: 100%; display: block; background: #fff;
      box-shadow: -2px 0 8px rgba(0, 0, 0, 0.25); color-scheme: light; }
  `;
  const iframe = document.createElement('iframe');
  iframe.src = src;
  iframe.title = 'Chartguard';
  const notice = document.createElement('div');
  notice.className = 'notice';
  notice.setAttribute('role', 'alert');
  shadow.append(style, iframe, notice);

  const root = document.documentElement;
  const previousMargin = root.style.getPropertyValue('margin-right');
  const previousPriority = root.style.getPropertyPriority('margin-right');
  const dock = (width: number) => {
    host.setAttribute('style', HOST_STYLE(width));
    root.style.setProperty('margin-right', `${width}px`, 'important');
  };
  dock(PANEL_WIDTH);
  root.append(host);

  return {
    setCollapsed(collapsed) {
      dock(collapsed ? COLLAPSED_WIDTH : PANEL_WIDTH);
    },
    notice(text) {
      notice.textContent = text ?? '';
      notice.classList.toggle('shown', Boolean(text));
    },
    remove() {
      host.remove();
      if (previousMargin) root.style.setProperty('margin-right', previousMargin, previousPriority);
      else root.style.removeProperty('margin-right');
    },
  };
}
