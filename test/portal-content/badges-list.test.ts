// @vitest-environment happy-dom
// The list's badges as a whole, on a generated MPB caseload: the right badge on
// every row, rows in view first, one evaluation per changed row, reasons as
// text only, the filter, and the on/off switch. happy-dom has no layout, so
// rows are given a simple stacked geometry; closed shadow roots are reached
// by keeping what attachShadow returns.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AdapterPage, NoteBadge } from '@chartguard/sdk';
import { BADGE_ATTRIBUTE, FILTER_ATTRIBUTE, ListBadges } from '../../entrypoints/portal.content/features/list-badges/badges';
import { MARK_GRADED } from '../../entrypoints/portal.content/features/list-badges/instrumentation';
import type { BadgeSettings, SettingsSource } from '../../entrypoints/portal.content/features/list-badges/badges-settings';
import { builtInAdapters, builtInChecklists } from '../../lib/catalog/built-in';
import { NOTE_LIMIT } from '../../lib/protocol-names';
import { ALL_KINDS, backgroundStandIn, CHROME_MESSAGE_LIMIT, generatedCaseload } from './badges-fixtures';
import { eventually } from '../wait';

const adapter = builtInAdapters().find((candidate) => candidate.id === 'mpb-demo')!;
const page: AdapterPage = adapter.pages.find((candidate) => candidate.kind === 'caseload')!;
const ROWS = page.list!.rows;
const ROW_HEIGHT = 20;
const LIST_TOP = 100;
const VIEWPORT = 400;

// ---------------------------------------------------------------- closed shadow roots

const shadows = new Map<Element, ShadowRoot>();
const attachShadow = Element.prototype.attachShadow;
// ---------------------------------------------------------------- geometry
const realRect = Element.prototype.getBoundingClientRect;
let rectReads = 0;

function isShown(row: Element): boolean {
  if ((row as HTMLElement).hidden) return false;
  if (!document.documentElement.hasAttribute(FILTER_ATTRIBUTE)) return true;
  return ['attention', 'overdue', 'incomplete'].includes(row.getAttribute(BADGE_ATTRIBUTE) ?? '');
}

beforeAll(() => {
  Element.prototype.attachShadow = function (init: ShadowRootInit) {
    const root = attachShadow.call(this, init);
    shadows.set(this, root);
    return root;
  };
  // Rows stack from LIST_TOP in document order; hidden rows take no space.
  Element.prototype.getBoundingClientRect = function (this: Element) {
    if (this.matches('table#caseload')) {
      const shown = [...document.querySelectorAll(ROWS)].filter(isShown).length;
      return new DOMRect(30, LIST_TOP - ROW_HEIGHT - window.scrollY, 800, (shown + 1) * ROW_HEIGHT);
    }
    if (!this.matches('tr.caseload-row')) return realRect.call(this);
    rectReads++;
    if (!this.isConnected || !isShown(this)) return new DOMRect(0, 0, 0, 0);
    let index = 0;
    for (const row of document.querySelectorAll(ROWS)) {
      if (row === this) break;
      if (isShown(row)) index++;
    }
    return new DOMRect(30, LIST_TOP + index * ROW_HEIGHT - window.scrollY, 800, ROW_HEIGHT);
  };
  Object.defineProperty(window, 'innerHeight', { configurable: true, value: VIEWPORT });
});

// What lies above the list: nothing the portal drew (its containers) unless a test says otherwise.
let hitAboveList: () => Element | null = () => document.querySelector('main');
const realElementFromPoint = document.elementFromPoint;
beforeAll(() => {
  document.elementFromPoint = (x: number, y: number) => (y < LIST_TOP - ROW_HEIGHT ? hitAboveList() : null);
});

afterAll(() => {
  document.elementFromPoint = realElementFromPoint;
  Element.prototype.attachShadow = attachShadow;
  Element.prototype.getBoundingClientRect = realRect;
});

// ---------------------------------------------------------------- fixtures

function fakeSettings(initial: Partial<BadgeSettings> = {}) {
  let current: BadgeSettings = { badges: true, deadlineHours: {}, ...initial };
  const listeners = new Set<(settings: BadgeSettings) => void>();
  const source: SettingsSource = {
    load: async () => current,
    watch(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    source,
    set(next: Partial<BadgeSettings>) {
      current = { ...current, ...next };
      for (const listener of listeners) listener(current);
    },
  };
}

let badges: ListBadges | undefined;
let background = backgroundStandIn(builtInChecklists());

function mount(params: Record<string, string>, settings = fakeSettings()) {
  const { html, rows } = generatedCaseload(params);
  document.body.innerHTML = `<main id="content">${html}</main>`;
  performance.clearMarks();
  badges = new ListBadges({ adapter, page }, { checklists: builtInChecklists(), settings: settings.source, send: background.send });
  return { rows, settings };
}

afterEach(() => {
  background = backgroundStandIn(builtInChecklists());
  badges?.destroy();
  badges = undefined;
  document.body.innerHTML = '';
  document.documentElement.removeAttribute(FILTER_ATTRIBUTE);
  shadows.clear();
  window.scrollTo(0, 0);
});

const rowElements = () => [...document.querySelectorAll(ROWS)];
const badgesOnRows = () => rowElements().map((row) => row.getAttribute(BADGE_ATTRIBUTE));
/** The summary's text; empty before it is drawn. */
const barText = () => {
  const bar = document.querySelector('chartguard-summary');
  return (bar && shadows.get(bar)?.querySelector('.bar')?.textContent) ?? '';
};
/**
 * Every row has its grade and the summary has caught up with them. A row's attribute is set when the answer
 * arrives, the summary on the next frame or at the pass's end: a test that acts on the summary (the filter
 * button, disabled while it counts nothing to act on) waits for both, not for the rows alone.
 */
const allGraded = () =>
  eventually(
    () => {
      expect(badgesOnRows().every(Boolean)).toBe(true);
      expect(barText()).not.toBe('');
      expect(barText()).not.toContain('Checking');
    },
    { timeout: 10_000, interval: 20 },
  );
const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const gradedMarks = () => performance.getEntriesByName(MARK_GRADED) as PerformanceMark[];
const evaluations = () => gradedMarks().reduce((sum, entry) => sum + (entry.detail as { evaluations: number }).evaluations, 0);

function host(tag: string): { host: Element; root: ShadowRoot } {
  const element = document.querySelector(tag);
  expect(element, tag).not.toBeNull();
  const root = shadows.get(element!);
  expect(root, `${tag} has a shadow root`).toBeDefined();
  return { host: element!, root: root! };
}
const overlayButtons = () => [...host('chartguard-badges').root.querySelectorAll('button')];

// ---------------------------------------------------------------- tests

describe('ListBadges on the MPB caseload', () => {
  it('badges every row with the badge its content earns, and says so on the row', async () => {
    const { rows } = mount({ rows: '48', seed: '5' });
    await allGraded();
    expect(badgesOnRows()).toEqual(rows.map((row) => row.expected));
    const counts = badges!.summary().counts;
    for (const badge of ['complete', 'incomplete', 'overdue', 'attention', 'unstructured'] as NoteBadge[]) {
      expect(counts[badge], badge).toBe(rows.filter((row) => row.expected === badge).length);
    }
    // Drawn in closed shadow roots: the portal's scripts see hosts without content.
    for (const tag of ['chartguard-badges', 'chartguard-summary'])
      expect((document.querySelector(tag) as HTMLElement).shadowRoot).toBeNull();
    // The summary floats just above the list, so the portal's layout does not move.
    const summary = document.querySelector('chartguard-summary')!;
    expect(summary.parentElement).toBe(document.documentElement);
    const bar = host('chartguard-summary').root.querySelector<HTMLElement>('.bar')!;
    // Right-aligned with the list (830 px) and 720 px wide, 34 px above its top edge.
    expect(bar.style.transform).toBe(`translate(${830 - 720}px, ${LIST_TOP - ROW_HEIGHT - 34}px)`);
    expect(bar.style.width).toBe(`720px`);
    const action = rows.filter((row) => ['attention', 'overdue', 'incomplete'].includes(row.expected)).length;
    expect(host('chartguard-summary').root.textContent).toContain(`${action} of 48 records need action`);
  });

  it('badges the rows in view first, before grading the rest, and draws only rows near the viewport', async () => {
    mount({ rows: '400', seed: '2' });
    await eventually(() => expect(document.querySelector('chartguard-badges')).not.toBeNull(), { interval: 1 });
    const inView = Math.ceil((VIEWPORT - LIST_TOP) / ROW_HEIGHT);
    await eventually(() => expect(rowElements()[0]!.getAttribute(BADGE_ATTRIBUTE)).not.toBeNull(), { interval: 1 });
    const first = badgesOnRows();
    expect(first.slice(0, inView).every(Boolean)).toBe(true);
    expect(first.slice(200).some(Boolean)).toBe(false);
    await allGraded();
    await frame();
    // The viewport plus one viewport of overscan each way, not 400 badges.
    const drawn = overlayButtons().length;
    expect(drawn).toBeGreaterThanOrEqual(inView);
    expect(drawn).toBeLessThanOrEqual(Math.ceil((2 * VIEWPORT) / ROW_HEIGHT) + 1);
    // Geometry is found by binary search, not by reading every row.
    rectReads = 0;
    window.dispatchEvent(new Event('resize'));
    await frame();
    expect(rectReads).toBeLessThan(120);
    expect(rectReads).toBeGreaterThan(0);
  });

  it('evaluates each changed row once, and rows whose content did not change not at all', async () => {
    mount({ rows: '30', seed: '3' });
    await allGraded();
    await eventually(() => expect(gradedMarks().length).toBe(1));
    const afterFirst = evaluations();
    expect(afterFirst).toBeGreaterThan(0);
    expect(afterFirst).toBeLessThanOrEqual(30);

    // The portal re-renders the whole list with the same content: new elements, no evaluation.
    const tbody = document.querySelector('#caseload tbody')!;
    tbody.innerHTML = tbody.innerHTML.replaceAll(` ${BADGE_ATTRIBUTE}="`, ' data-was="');
    await allGraded();
    await eventually(() => expect(gradedMarks().length).toBeGreaterThan(1));
    expect(evaluations()).toBe(afterFirst);

    // One note edited (in several mutations): one evaluation.
    const note = rowElements()[4]!.querySelector('.note-full')!;
    const marks = gradedMarks().length;
    note.textContent = 'Phoned the client; nothing structured here.';
    note.append(' More text.');
    await eventually(() => expect(gradedMarks().length).toBeGreaterThan(marks));
    await frame();
    expect(evaluations()).toBe(afterFirst + 1);
    expect(rowElements()[4]!.getAttribute(BADGE_ATTRIBUTE)).toBe('unstructured');

    // Hiding rows (a client-side filter) changes no content.
    const before = evaluations();
    rowElements().forEach((row, i) => ((row as HTMLElement).hidden = i % 2 === 0));
    await frame();
    await frame();
    expect(evaluations()).toBe(before);
  });

  it('follows rows added and removed without a page load', async () => {
    const { html } = generatedCaseload({ rows: '12', seed: '8' });
    mount({ rows: '6', seed: '8' });
    await allGraded();
    // The portal paginates: the table is replaced by one with twice the rows.
    document.querySelector('#content')!.innerHTML = html;
    await eventually(() => expect(rowElements()).toHaveLength(12));
    await allGraded();
    expect(badges!.summary().total).toBe(12);
    expect(document.querySelector('chartguard-summary')!.parentElement).toBe(document.documentElement);
    rowElements()
      .slice(6)
      .forEach((row) => row.remove());
    await frame();
    await eventually(() => expect(badges!.summary().total).toBe(6));
  });

  it('opens the reasons on hover or keyboard focus, as text only', async () => {
    mount({ rows: '6', seed: '11', kinds: ALL_KINDS.join(',') });
    await allGraded();
    await frame();
    const { root } = host('chartguard-badges');
    const button = (badge: string) => overlayButtons().find((candidate) => candidate.dataset.badge === badge)!;
    const popover = () => root.querySelector<HTMLElement>('.pop')!;

    button('overdue').focus();
    expect(popover().hidden).toBe(false);
    expect(button('overdue').getAttribute('aria-describedby')).toBe(popover().id);
    const overdueText = popover().textContent!;
    expect(overdueText).toContain('SNC-08');
    expect(overdueText).toMatch(/Overdue by \d+ d/);
    expect(overdueText).toContain('SNC-06');
    button('overdue').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(popover().hidden).toBe(true);

    button('attention').dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(popover().textContent).toContain('A welfare, safeguarding or risk concern is recorded.');
    button('unstructured').dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(popover().textContent).toMatch(/Written outside Chartguard|No note has been written/);

    // A record id and a note full of markup stay text.
    const row = rowElements()[0]!;
    row.setAttribute('data-session-id', '<img src=x onerror="window.__pwned=1">');
    row.querySelector('.note-full')!.textContent = '<b>bold</b><script>window.__pwned=1</script>';
    await eventually(() => expect(row.getAttribute(BADGE_ATTRIBUTE)).toBe('unstructured'));
    await frame();
    const rowButton = overlayButtons().find((candidate) => candidate.getAttribute('aria-label')?.includes('<img'))!;
    rowButton.focus();
    expect(popover().textContent).toContain('<img src=x');
    expect(root.querySelector('img, b, script')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('filters the list to the records that need action, and back', async () => {
    const { rows } = mount({ rows: '24', seed: '6' });
    await allGraded();
    const toggle = host('chartguard-summary').root.querySelector('button')!;
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    toggle.click();
    expect(document.documentElement.hasAttribute(FILTER_ATTRIBUTE)).toBe(true);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    const style = [...document.querySelectorAll('style[data-chartguard]')];
    expect(style).toHaveLength(1);
    const shown = rowElements()
      .filter(isShown)
      .map((row) => row.getAttribute('data-session-id'));
    expect(shown).toEqual(rows.filter((row) => ['attention', 'overdue', 'incomplete'].includes(row.expected)).map((row) => row.session.id));
    await frame();
    expect(overlayButtons().every((button) => ['attention', 'overdue', 'incomplete'].includes(button.dataset.badge!))).toBe(true);
    toggle.click();
    expect(document.documentElement.hasAttribute(FILTER_ATTRIBUTE)).toBe(false);
    expect(document.querySelector('style[data-chartguard]')).toBeNull();
  });

  it('can be switched off and on, and regrades when the deadline hours change', async () => {
    const { rows, settings } = mount({ rows: '18', seed: '4' });
    await allGraded();
    settings.set({ badges: false });
    expect(badgesOnRows().some(Boolean)).toBe(false);
    expect(document.querySelector('chartguard-badges, chartguard-summary')).toBeNull();
    settings.set({ badges: true });
    await allGraded();
    expect(badgesOnRows()).toEqual(rows.map((row) => row.expected));
    settings.set({ deadlineHours: { 'SNC-08': 24 * 90 } });
    await eventually(() => expect(badgesOnRows()).toEqual(rows.map((row) => (row.expected === 'overdue' ? 'incomplete' : row.expected))));
  });

  it('leaves rows unbadged and says so while the background does not answer, and badges them once it does', async () => {
    background.down = true;
    const { rows } = mount({ rows: '12', seed: '5' });
    const summaryText = () => host('chartguard-summary').root.textContent ?? '';
    await eventually(() => expect(summaryText()).toContain('Some records could not be checked'), { timeout: 10_000, interval: 20 });
    // Never a guessed badge: no row has one, and none is drawn.
    expect(badgesOnRows().some(Boolean)).toBe(false);
    expect(document.querySelector('chartguard-badges') ? overlayButtons() : []).toEqual([]);
    const failedRequests = background.requests;
    background.down = false;
    // A later pass asks again, without the page changing.
    await allGraded();
    expect(background.requests).toBeGreaterThan(failedRequests);
    expect(badgesOnRows()).toEqual(rows.map((row) => row.expected));
    await eventually(() => expect(summaryText()).not.toContain('could not be checked'));
  });

  it('takes a row’s badge away when its content changes while the background is down', async () => {
    mount({ rows: '6', seed: '5' });
    await allGraded();
    background.down = true;
    const row = rowElements()[2]!;
    row.querySelector('.note-full')!.textContent = 'Phoned the client; nothing structured here.';
    await eventually(() => expect(row.getAttribute(BADGE_ATTRIBUTE)).toBeNull());
    // The other rows keep the badges their unchanged content earned.
    expect(badgesOnRows().filter(Boolean)).toHaveLength(5);
    background.down = false;
    await eventually(() => expect(row.getAttribute(BADGE_ATTRIBUTE)).toBe('unstructured'), { timeout: 10_000, interval: 20 });
  });

  it('takes an open record’s grade away when its deadline passes while the background is down, and badges it overdue once it answers', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const { rows } = mount({ rows: '4', seed: '5', kinds: 'incomplete,complete' });
      await allGraded();
      expect(badgesOnRows()).toEqual(rows.map((row) => row.expected));
      const summaryText = () => host('chartguard-summary').root.textContent ?? '';
      background.down = true;
      // Two days later every open record is past its 24-hour deadline.
      const later = Date.now() + 48 * 3_600_000;
      vi.spyOn(Date, 'now').mockImplementation(() => later);
      vi.advanceTimersByTime(60_000);
      await eventually(() => expect(summaryText()).toContain('could not be checked'), { timeout: 10_000, interval: 20 });
      // The open records show no badge and are not counted as incomplete; the complete ones keep theirs.
      expect(badgesOnRows()).toEqual(rows.map((row) => (row.expected === 'incomplete' ? null : row.expected)));
      expect(badges!.summary().counts.incomplete).toBe(0);
      expect(overlayButtons().map((button) => button.dataset.badge)).not.toContain('incomplete');
      background.down = false;
      await eventually(
        () => expect(badgesOnRows()).toEqual(rows.map((row) => (row.expected === 'incomplete' ? 'overdue' : row.expected))),
        {
          timeout: 10_000,
          interval: 20,
        },
      );
      expect(badges!.summary().counts.overdue).toBe(2);
    } finally {
      vi.restoreAllMocks();
      vi.useRealTimers();
    }
  });

  it('never counts or keeps in the filter an expired grade, however far off screen its row is', async () => {
    const { rows } = mount({ rows: '300', seed: '7', kinds: 'incomplete,complete' });
    await allGraded();
    const open = rows.filter((row) => row.expected === 'incomplete').length;
    expect(badges!.summary().counts.incomplete).toBe(open);
    badges!.setFilter(true);
    // Two days later every open record is past its 24-hour deadline, rows far below the viewport too.
    const later = Date.now() + 48 * 3_600_000;
    try {
      background.down = true;
      vi.spyOn(Date, 'now').mockImplementation(() => later);
      expect(badges!.summary().counts.incomplete).toBe(0);
      const far = rowElements().slice(100);
      expect(far.filter((row) => row.getAttribute(BADGE_ATTRIBUTE) === 'incomplete')).toEqual([]);
      // The summary the page shows is drawn from the same counts.
      window.dispatchEvent(new Event('scroll'));
      await frame();
      expect(barText()).not.toMatch(/[1-9]\d* incomplete/);
      background.down = false;
      await eventually(() => expect(badges!.summary().counts.overdue).toBe(open), { timeout: 20_000, interval: 50 });
    } finally {
      vi.restoreAllMocks();
    }
  }, 30_000);

  it('badges a row too long to check for a person to read, grades the rows beside it, and does not ask again', async () => {
    const { rows } = mount({ rows: '6', seed: '5' });
    await allGraded();
    const row = rowElements()[2]!;
    row.querySelector('.note-full')!.textContent = 'x'.repeat(NOTE_LIMIT + 1);
    await eventually(() => expect(row.getAttribute(BADGE_ATTRIBUTE)).toBe('check'), { timeout: 10_000, interval: 20 });
    expect(badgesOnRows()).toEqual(rows.map((expected, i) => (i === 2 ? 'check' : expected.expected)));
    expect(host('chartguard-summary').root.textContent).not.toContain('could not be checked');
    const requests = background.requests;
    await frame();
    await frame();
    expect(background.requests).toBe(requests);
  });

  it('sends long notes in requests small enough to deliver, and badges a note far too long "check" without holding up the rest', async () => {
    const { rows } = mount({ rows: '16', seed: '5' });
    await allGraded();
    // Twelve notes just under the limit, in Chinese (3 bytes a character in the message's JSON): 68 MB together.
    const long = '随访记录。'.repeat(Math.floor(NOTE_LIMIT / 5) - 2);
    const elements = rowElements();
    for (let i = 0; i < 12; i++) elements[i]!.querySelector('.note-full')!.textContent = `${long}${i}`;
    // And one 15 times the limit: 90 MB on its own.
    elements[12]!.querySelector('.note-full')!.textContent = '随'.repeat(15 * NOTE_LIMIT);
    const expected = rows.map((row, i) => (i < 12 ? 'unstructured' : i === 12 ? 'check' : row.expected));
    await eventually(() => expect(badgesOnRows()).toEqual(expected), { timeout: 20_000, interval: 50 });
    expect(background.largestRequest).toBeGreaterThan(0);
    expect(background.largestRequest).toBeLessThan(CHROME_MESSAGE_LIMIT);
    expect(barText()).not.toContain('could not be checked');
  }, 30_000);

  it('never gives a row the answer for content it stopped showing while the request was out', async () => {
    let release!: () => void;
    background.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    mount({ rows: '6', seed: '5', kinds: 'complete' });
    await eventually(() => expect(background.requests).toBeGreaterThan(0), { timeout: 10_000, interval: 5 });
    const row = rowElements()[2]!;
    const badgesSet: (string | null)[] = [];
    new MutationObserver(() => badgesSet.push(row.getAttribute(BADGE_ATTRIBUTE))).observe(row, {
      attributes: true,
      attributeFilter: [BADGE_ATTRIBUTE],
    });
    // A virtualised grid reuses the element for another record while the request is out.
    row.querySelector('.note-full')!.textContent = 'Phoned the client; nothing structured here.';
    await Promise.resolve();
    background.gate = undefined;
    release();
    await allGraded();
    expect(row.getAttribute(BADGE_ATTRIBUTE)).toBe('unstructured');
    expect(badgesSet).not.toContain('complete');
  });

  it('keeps the grade of content seen before when a row shows it again while a request for other content is out', async () => {
    mount({ rows: '6', seed: '5', kinds: 'complete' });
    await allGraded();
    const row = rowElements()[2]!;
    expect(row.getAttribute(BADGE_ATTRIBUTE)).toBe('complete');
    const note = row.querySelector('.note-full')!;
    const original = note.textContent;
    let release!: () => void;
    background.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const before = background.requests;
    // A grid recycles the element for another record, and the request for it goes out...
    note.textContent = 'Phoned the client; nothing structured here.';
    await eventually(() => expect(background.requests).toBeGreaterThan(before), { timeout: 10_000, interval: 5 });
    // ...then scrolls back: the element shows the first record again, whose grade the list already knows.
    note.textContent = original;
    await eventually(() => expect(row.getAttribute(BADGE_ATTRIBUTE)).toBe('complete'), { timeout: 10_000, interval: 5 });
    background.gate = undefined;
    release();
    await eventually(() => expect(background.answered).toBe(background.requests), { timeout: 10_000, interval: 5 });
    await frame();
    // The late answer was for content the row no longer shows.
    expect(row.getAttribute(BADGE_ATTRIBUTE)).toBe('complete');
  });

  it('starts switched off when the settings say so', async () => {
    mount({ rows: '5', seed: '1' }, fakeSettings({ badges: false }));
    await frame();
    await frame();
    expect(badgesOnRows().some(Boolean)).toBe(false);
    expect(document.querySelector('chartguard-badges')).toBeNull();
  });

  it('puts the summary into the page’s flow above the list when portal content fills the strip above it', async () => {
    hitAboveList = () => document.querySelector('#caseload-filter');
    try {
      mount({ rows: '8', seed: '2' });
      await allGraded();
      // The strip is checked after a paint, on a timer: on a busy machine that can be a few frames later.
      await eventually(
        () => expect(document.querySelector('chartguard-summary')?.nextElementSibling).toBe(document.querySelector('table#caseload')),
        { timeout: 5_000, interval: 20 },
      );
      expect(host('chartguard-summary').root.textContent).toContain('of 8 records');
    } finally {
      hitAboveList = () => document.querySelector('main');
    }
  });
});
