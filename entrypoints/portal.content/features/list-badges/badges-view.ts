// What the supervisor sees: badges on one overlay layer that never touches the
// portal's table (an insert into a long auto-layout table re-lays out all of
// it: docs/performance.md), their reasons in a popover, and the summary bar above the
// list. All of it lives in closed shadow roots, so the portal's stylesheet can
// neither restyle nor read it, and page text only ever goes in as textContent.
import type { NoteBadge } from '@chartguard/sdk/runtime';
import type { BadgeText } from '../../../../i18n/badges';
import type { RowGrade } from './badges-grade';

const important = (rules: string[]) => rules.map((rule) => `${rule} !important`).join('; ');

const OVERLAY_HOST_STYLE = important([
  'all: initial',
  'display: block',
  'position: absolute',
  'top: 0',
  'left: 0',
  'width: 0',
  'height: 0',
  'overflow: visible',
  // Size and layout containment make the layer a relayout boundary: drawing badges re-lays out the layer, not the portal's page.
  'contain: size layout style',
  'z-index: 2147483646',
  'pointer-events: none',
  'visibility: visible',
  'opacity: 1',
  'transform: none',
  'filter: none',
]);

export const BAR_HEIGHT = 30;
export const BAR_MAX_WIDTH = 720;
/** Above the list on the overlay: nothing in the page moves. */
const BAR_FLOATING_STYLE = OVERLAY_HOST_STYLE;
/** In the page's flow above the list: only where the space above the list is taken. */
const BAR_HOST_STYLE = important([
  'all: initial',
  'display: block',
  'position: relative',
  'box-sizing: border-box',
  `height: ${BAR_HEIGHT}px`,
  'margin: 0 0 6px 0',
  // A fixed-size box: its text changing never moves the list.
  'contain: strict',
  'visibility: visible',
  'opacity: 1',
  'transform: none',
  'filter: none',
]);

const FONT = 'font: 12px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", sans-serif;';
const COLORS: Record<NoteBadge, string> = {
  complete: '#1a7f37',
  incomplete: '#a65300',
  overdue: '#c62828',
  attention: '#7b1fa2',
  missing: '#b71c1c',
  check: '#0b57d0',
  unstructured: '#5f6368',
};
const colorRules = Object.entries(COLORS)
  .map(([badge, color]) => `.s-${badge} { background: ${color}; } .k-${badge} { color: ${color}; }`)
  .join('\n');

const ICONS: Record<NoteBadge, string> = {
  complete: 'M3.5 8.5l3 3 6-7',
  incomplete: 'M8 3.5v5.5M8 12v.5',
  overdue: 'M8 2.5a5.5 5.5 0 1 0 0 11a5.5 5.5 0 1 0 0-11M8 5v3.3l2.3 1.5',
  attention: 'M8 2.2L14.3 13.3H1.7zM8 6.3v3.4M8 11.4v.3',
  missing: 'M4 2.5h8v11H4zM6 8h4',
  check: 'M7 3a4 4 0 1 0 0 8a4 4 0 1 0 0-8M10 10l3.5 3.5',
  unstructured: 'M3 5h10M3 8h10M3 11h6',
};

const SVG = 'http://www.w3.org/2000/svg';
function icon(badge: NoteBadge): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', ICONS[badge]);
  svg.append(path);
  return svg;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

export const BADGE_SIZE = 18;
export const LABELLED_WIDTH = 112;

const OVERLAY_CSS = `
:host { ${FONT} }
.b { position: absolute; left: 0; top: 0; box-sizing: border-box; height: ${BADGE_SIZE}px; min-width: ${BADGE_SIZE}px;
  margin: 0; padding: 0 3px; border: 0; border-radius: 9px; display: inline-flex; align-items: center; gap: 3px;
  color: #fff; ${FONT} font-size: 11px; font-weight: 600; cursor: help; pointer-events: auto; white-space: nowrap;
  box-shadow: 0 0 0 1px rgba(255,255,255,.9), 0 1px 2px rgba(0,0,0,.35); will-change: transform; }
.b.compact { width: ${BADGE_SIZE}px; padding: 0; justify-content: center; }
.b.compact .l { display: none; }
.b.labelled { width: ${LABELLED_WIDTH}px; overflow: hidden; }
.b .l { flex: none; }
.b .m { min-width: 0; overflow: hidden; text-overflow: ellipsis; font-weight: 400; }
.pop .markers { font-style: italic; }
.b svg { width: 12px; height: 12px; flex: none; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }
.b:focus-visible { outline: 2px solid #1a73e8; outline-offset: 2px; }
${colorRules}
.pop { position: absolute; left: 0; top: 0; box-sizing: border-box; width: max-content; max-width: 380px; padding: 8px 10px;
  background: #fff; color: #1f1f1f; border: 1px solid #9aa0a6; border-radius: 6px; box-shadow: 0 4px 14px rgba(0,0,0,.25);
  ${FONT} pointer-events: auto; white-space: normal; overflow-wrap: anywhere; }
.pop[hidden] { display: none; }
.pop h2 { margin: 0 0 2px; font-size: 13px; font-weight: 700; }
.pop .sub { margin: 0 0 6px; color: #5f6368; }
.pop p { margin: 4px 0; }
.pop ul { margin: 4px 0 0; padding: 0 0 0 16px; }
.pop li { margin: 2px 0; }
.pop .rule { font-weight: 700; font-variant-numeric: tabular-nums; }
.pop .adv { color: #5f6368; }
`;

export interface PlacedBadge {
  row: Element;
  grade: RowGrade;
  recordId?: string;
  /** Position in the overlay's coordinates. */
  x: number;
  y: number;
  /** Icon only (narrow gutter) or icon and label. */
  compact: boolean;
}

/** The badges of the rows near the viewport, on one absolutely positioned layer. */
export class BadgeOverlay {
  readonly host: HTMLElement;
  private readonly shadow: ShadowRoot;
  private readonly layer: HTMLDivElement;
  private readonly pop: HTMLDivElement;
  private readonly shown = new Map<Element, { button: HTMLButtonElement; placed: PlacedBadge; signature: string }>();
  private readonly byButton = new WeakMap<HTMLButtonElement, Element>();
  private popFor: HTMLButtonElement | undefined;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly text: BadgeText) {
    this.host = document.createElement('chartguard-badges');
    this.host.setAttribute('style', OVERLAY_HOST_STYLE);
    this.shadow = this.host.attachShadow({ mode: 'closed' });
    const style = el('style', undefined, OVERLAY_CSS);
    this.layer = el('div');
    this.pop = el('div', 'pop');
    this.pop.id = 'chartguard-reasons';
    this.pop.setAttribute('role', 'tooltip');
    this.pop.hidden = true;
    this.shadow.append(style, this.layer, this.pop);

    const hideSoon = () => {
      clearTimeout(this.hideTimer);
      this.hideTimer = setTimeout(() => this.hidePopover(), 120);
    };
    this.layer.addEventListener('mouseover', (event) => {
      const button = (event.target as Element).closest?.('button');
      if (button) this.showPopover(button as HTMLButtonElement);
    });
    this.layer.addEventListener('mouseout', hideSoon);
    this.layer.addEventListener('focusin', (event) => this.showPopover(event.target as HTMLButtonElement));
    this.layer.addEventListener('focusout', hideSoon);
    this.layer.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.hidePopover();
    });
    this.pop.addEventListener('mouseover', () => clearTimeout(this.hideTimer));
    this.pop.addEventListener('mouseout', hideSoon);
  }

  /** Puts the layer back if the portal removed it. */
  attach(): void {
    if (!this.host.isConnected) document.documentElement.append(this.host);
    if (this.host.getAttribute('style') !== OVERLAY_HOST_STYLE) this.host.setAttribute('style', OVERLAY_HOST_STYLE);
  }

  /** The layer's origin in viewport coordinates (one layout read). */
  origin(): { x: number; y: number } {
    const rect = this.host.getBoundingClientRect();
    return { x: rect.left, y: rect.top };
  }

  /** Shows exactly these badges, reusing the buttons of rows that stay. */
  render(badges: PlacedBadge[]): void {
    const keep = new Set<Element>();
    for (const placed of badges) {
      keep.add(placed.row);
      const markers = this.text.markers(placed.grade.markers);
      const signature = `${placed.grade.badge}|${placed.compact}|${placed.recordId ?? ''}|${markers.join('|')}`;
      let entry = this.shown.get(placed.row);
      if (!entry || entry.signature !== signature) {
        const button = entry?.button ?? el('button', 'b');
        button.type = 'button';
        button.className = `b s-${placed.grade.badge} ${placed.compact ? 'compact' : 'labelled'}`;
        // Markers (late, risk recorded, overridden, open count) beside the badge, never instead of it.
        const label = markers.length
          ? `${this.text.badge(placed.grade.badge)} (${markers.join(', ')})`
          : this.text.badge(placed.grade.badge);
        button.replaceChildren(icon(placed.grade.badge), el('span', 'l', this.text.badge(placed.grade.badge)));
        if (markers.length && !placed.compact) button.append(el('span', 'm', markers.join(' · ')));
        if (markers.length) button.dataset.markers = markers.join('|');
        else delete button.dataset.markers;
        button.setAttribute('aria-label', placed.recordId ? this.text.t('badgeFor', { badge: label, id: placed.recordId }) : label);
        button.dataset.badge = placed.grade.badge;
        if (!entry) this.layer.append(button);
        this.byButton.set(button, placed.row);
        entry = { button, placed, signature };
        this.shown.set(placed.row, entry);
      }
      entry.placed = placed;
      const transform = `translate(${Math.round(placed.x)}px, ${Math.round(placed.y)}px)`;
      if (entry.button.style.transform !== transform) entry.button.style.transform = transform;
      if (this.popFor === entry.button) this.fillPopover(entry.button, placed);
    }
    for (const [row, entry] of this.shown) {
      if (keep.has(row)) continue;
      // Keep the badge the keyboard is on, so focus is not lost while scrolling.
      if (this.shadow.activeElement === entry.button && row.isConnected) continue;
      if (this.popFor === entry.button) this.hidePopover();
      entry.button.remove();
      this.shown.delete(row);
    }
  }

  get count(): number {
    return this.shown.size;
  }

  showPopover(button: HTMLButtonElement): void {
    clearTimeout(this.hideTimer);
    const row = this.byButton.get(button);
    const entry = row && this.shown.get(row);
    if (!entry) return;
    this.popFor = button;
    this.fillPopover(button, entry.placed);
  }

  hidePopover(): void {
    clearTimeout(this.hideTimer);
    this.pop.hidden = true;
    this.popFor?.removeAttribute('aria-describedby');
    this.popFor = undefined;
  }

  /** The reasons, as text nodes only: messages and rule ids can contain anything. */
  private fillPopover(button: HTMLButtonElement, placed: PlacedBadge): void {
    const { text } = this;
    const { grade } = placed;
    const title = el('h2', `k-${grade.badge}`, text.badge(grade.badge));
    const sub = [grade.checklistTitle, placed.recordId ? text.t('record', { id: placed.recordId }) : undefined].filter(Boolean).join(' · ');
    const parts: Node[] = [title];
    if (sub) parts.push(el('p', 'sub', sub));
    const markers = text.markers(grade.markers);
    if (markers.length) parts.push(el('p', 'markers', markers.join(' · ')));
    if (grade.reason === 'no-note') parts.push(el('p', undefined, text.t('missingNote')));
    else if (grade.reason === 'empty') parts.push(el('p', undefined, text.t('emptyNote')));
    else if (grade.reason === 'no-header') parts.push(el('p', undefined, text.t('noHeader')));
    else if (grade.reason === 'unreadable') parts.push(el('p', undefined, text.t('unreadableRow')));
    else if (grade.reason === 'unknown-checklist')
      parts.push(el('p', undefined, text.t('unknownChecklist', { id: grade.checklistId ?? '' })));
    if (grade.deadline) {
      const { deadline } = grade;
      const late = deadline.recorded ? deadline.lateByMinutes : Math.max(deadline.lateByMinutes, (Date.now() - deadline.dueMs) / 60_000);
      const values = { late: text.duration(late), due: deadline.dueAt.replace('T', ' ') };
      const line = el('p');
      line.append(
        el('span', 'rule', `${deadline.ruleId} `),
        document.createTextNode(text.t(deadline.recorded ? 'recordedLate' : 'overdueBy', values)),
      );
      parts.push(line);
    }
    const items = [...grade.attention.map((item) => ({ ruleId: item.ruleId, message: item.message, advisory: false })), ...grade.issues];
    if (items.length) {
      const list = el('ul');
      for (const item of items) {
        const li = el('li', item.advisory ? 'adv' : undefined);
        const followUp = 'followUp' in item && item.followUp;
        li.append(
          el('span', 'rule', `${item.ruleId} `),
          document.createTextNode(
            item.advisory ? `${text.t('advisory')}: ${item.message}` : followUp ? `${text.t('followUp')}: ${item.message}` : item.message,
          ),
        );
        list.append(li);
      }
      parts.push(list);
    } else if (grade.badge === 'complete') {
      parts.push(el('p', undefined, text.t('allDone')));
    }
    if (grade.unread > 0) parts.push(el('p', 'adv', text.t(grade.badge === 'check' ? 'unreadCheck' : 'unreadLines', { n: grade.unread })));
    this.pop.replaceChildren(...parts);
    this.pop.hidden = false;
    button.setAttribute('aria-describedby', this.pop.id);
    // Below the badge, kept inside the viewport horizontally.
    const origin = this.origin();
    const viewportRight = document.documentElement.clientWidth - origin.x;
    const width = Math.min(380, Math.max(200, viewportRight - 16));
    const x = Math.max(-origin.x + 8, Math.min(placed.x, viewportRight - width - 8));
    this.pop.style.maxWidth = `${width}px`;
    this.pop.style.transform = `translate(${Math.round(x)}px, ${Math.round(placed.y + BADGE_SIZE + 4)}px)`;
  }

  remove(): void {
    this.hidePopover();
    this.shown.clear();
    this.layer.replaceChildren();
    this.host.remove();
  }
}

const BAR_CSS = `
:host { ${FONT} }
.bar.pending { visibility: hidden; }
.bar.floating { position: absolute; left: 0; top: 0; pointer-events: auto; box-shadow: 0 1px 3px rgba(0,0,0,.15); }
.bar { box-sizing: border-box; height: ${BAR_HEIGHT}px; display: flex; align-items: center; gap: 10px; padding: 0 8px;
  background: #f4f7fb; color: #1f1f1f; border: 1px solid #c3ccd8; border-radius: 4px; overflow: hidden; white-space: nowrap; ${FONT} }
.brand { font-weight: 700; color: #1f3a5f; }
.main { font-weight: 600; }
.main.action { color: #a12622; }
.muted { color: #5f6368; overflow: hidden; text-overflow: ellipsis; min-width: 0; }
.spacer { flex: 1; }
button { ${FONT} height: 22px; padding: 0 10px; border: 1px solid #8a99ad; border-radius: 4px; background: #fff; color: #1f3a5f; cursor: pointer; }
button[aria-pressed="true"] { background: #1f3a5f; color: #fff; border-color: #1f3a5f; }
button:disabled { opacity: .5; cursor: default; }
button:focus-visible { outline: 2px solid #1a73e8; outline-offset: 1px; }
`;

export interface BarState {
  total: number;
  graded: number;
  counts: Record<NoteBadge, number>;
  filtering: boolean;
  /** What was counted: every row of the list (`all`), or only the rows a virtualised grid shows (`shown`). */
  scope?: 'all' | 'shown';
  /** The grid's own total, where the adapter names it (scope `shown`). */
  listTotal?: number;
  /** The background did not answer: rows not graded stay unbadged, and the bar says so. */
  unavailable?: boolean;
}

/** The summary above the list: how many records need action, and a toggle that shows only them. */
export class SummaryBar {
  readonly host: HTMLElement;
  private readonly main: HTMLSpanElement;
  private readonly detail: HTMLSpanElement;
  private readonly progress: HTMLSpanElement;
  private readonly toggle: HTMLButtonElement;
  private readonly bar: HTMLDivElement;
  private last = '';

  constructor(
    private readonly text: BadgeText,
    onToggle: () => void,
    options: { name?: string; filterable?: boolean } = {},
  ) {
    this.host = document.createElement('chartguard-summary');
    this.host.setAttribute('style', BAR_HOST_STYLE);
    const shadow = this.host.attachShadow({ mode: 'closed' });
    const bar = (this.bar = el('div', 'bar'));
    bar.setAttribute('role', 'region');
    // Several lists on a page: each summary names its list.
    bar.setAttribute('aria-label', options.name ? text.t('brandFor', { name: options.name }) : text.t('brand'));
    this.main = el('span', 'main');
    this.main.setAttribute('role', 'status');
    this.detail = el('span', 'muted');
    this.progress = el('span', 'muted');
    this.toggle = el('button');
    this.toggle.type = 'button';
    this.toggle.addEventListener('click', onToggle);
    // Hiding rows of a virtualised grid would leave holes in it: no filter there.
    if (options.filterable === false) this.toggle.hidden = true;
    bar.append(el('span', 'brand', text.t('brand')), this.main, this.detail, el('span', 'spacer'), this.progress, this.toggle);
    shadow.append(el('style', undefined, BAR_CSS), bar);
  }

  /**
   * Draws the bar at (x, y) of the overlay's coordinates, `width` wide, so the
   * portal's layout is untouched (moving a long table down by a bar's height
   * costs the page dearly: docs/performance.md).
   */
  float(x: number, y: number, width: number, shown = true): void {
    if (this.host.parentNode !== document.documentElement) document.documentElement.append(this.host);
    if (this.host.getAttribute('style') !== BAR_FLOATING_STYLE) this.host.setAttribute('style', BAR_FLOATING_STYLE);
    this.bar.classList.add('floating');
    this.bar.classList.toggle('pending', !shown);
    const transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
    if (this.bar.style.transform !== transform) this.bar.style.transform = transform;
    if (this.bar.style.width !== `${Math.round(width)}px`) this.bar.style.width = `${Math.round(width)}px`;
  }

  /** Puts the bar in the page's flow, directly above the list: for pages with no free space there. */
  inline(anchor: Element): void {
    if (this.host.nextElementSibling !== anchor || !this.host.isConnected) anchor.before(this.host);
    if (this.host.getAttribute('style') !== BAR_HOST_STYLE) this.host.setAttribute('style', BAR_HOST_STYLE);
    this.bar.classList.remove('floating', 'pending');
    this.bar.style.transform = '';
    this.bar.style.width = '';
  }

  update(state: BarState): void {
    const { text } = this;
    const { counts, total, graded } = state;
    const action = counts.attention + counts.overdue + counts.missing + counts.incomplete + counts.check;
    const signature = JSON.stringify(state);
    if (signature === this.last) return;
    this.last = signature;
    const totalText = text.count(total);
    const shown = state.scope === 'shown';
    // A virtualised grid: only the rows it shows were counted, and the summary says so.
    const [none, one, many] = shown
      ? (['noneNeedActionShown', 'needActionShownOne', 'needActionShown'] as const)
      : (['noneNeedAction', 'needActionOne', 'needAction'] as const);
    this.main.textContent =
      action === 0
        ? text.t(none, { total: totalText })
        : action === 1
          ? text.t(one, { total: totalText })
          : text.t(many, { n: text.count(action), total: totalText });
    this.main.classList.toggle('action', action > 0);
    const detail = [];
    if (action > 0)
      detail.push(
        text.t('breakdown', {
          attention: text.count(counts.attention),
          overdue: text.count(counts.overdue),
          missing: text.count(counts.missing),
          incomplete: text.count(counts.incomplete),
          check: text.count(counts.check),
        }),
      );
    if (counts.unstructured > 0) detail.push(text.t('unstructuredCount', { n: text.count(counts.unstructured) }));
    if (shown)
      detail.push(state.listTotal !== undefined ? text.t('listTotal', { total: text.count(state.listTotal) }) : text.t('listMore'));
    this.detail.textContent = detail.join(' · ');
    // The bar may be too narrow for all of it: the full text on hover.
    this.detail.title = this.detail.textContent;
    this.progress.textContent = state.unavailable
      ? text.t('unavailable')
      : graded < total
        ? text.t('checking', { done: text.count(graded), total: totalText })
        : '';
    this.toggle.textContent = state.filtering ? text.t('showAll') : text.t('showOnly');
    this.toggle.setAttribute('aria-pressed', String(state.filtering));
    this.toggle.disabled = !state.filtering && action === 0;
  }

  remove(): void {
    this.host.remove();
    this.last = '';
  }
}
