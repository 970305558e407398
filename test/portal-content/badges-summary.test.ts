// @vitest-environment happy-dom
// The summary above a list says what it counted: every row of an ordinary
// list, or only the rows a virtualised grid shows, with the grid's own total
// where the adapter names it. Closed shadow roots are reached by keeping what
// attachShadow returns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NoteBadge } from '@chartguard/sdk';
import { badgeText } from '../../i18n/badges';
import { SummaryBar, type BarState } from '../../entrypoints/portal.content/features/list-badges/badges-view';

const shadows = new Map<Element, ShadowRoot>();
const attachShadow = Element.prototype.attachShadow;
beforeAll(() => {
  Element.prototype.attachShadow = function (init: ShadowRootInit) {
    const root = attachShadow.call(this, init);
    shadows.set(this, root);
    return root;
  };
});
afterAll(() => {
  Element.prototype.attachShadow = attachShadow;
});

const counts = (some: Partial<Record<NoteBadge, number>>): Record<NoteBadge, number> => ({
  attention: 0,
  overdue: 0,
  missing: 0,
  incomplete: 0,
  check: 0,
  complete: 0,
  unstructured: 0,
  ...some,
});

function bar(options: { name?: string; filterable?: boolean } = {}, locale: 'en' | 'zh-CN' = 'en') {
  const summary = new SummaryBar(badgeText(locale), () => {}, options);
  const root = shadows.get(summary.host)!;
  const read = () => ({
    label: root.querySelector('[role="region"]')!.getAttribute('aria-label'),
    main: root.querySelector('[role="status"]')!.textContent,
    detail: root.querySelector('.muted')!.textContent,
    toggleHidden: root.querySelector('button')!.hidden,
  });
  return { update: (state: BarState) => summary.update(state), read };
}

describe('the summary of a virtualised grid', () => {
  it('counts the rows shown, says so, and names the grid’s own total', () => {
    const { update, read } = bar({ name: 'Sessions', filterable: false });
    update({
      total: 9,
      graded: 9,
      counts: counts({ overdue: 2, missing: 1, unstructured: 6 }),
      filtering: false,
      scope: 'shown',
      listTotal: 400,
    });
    expect(read()).toEqual({
      label: 'Chartguard: Sessions',
      main: '3 of 9 rows shown need action',
      detail:
        '0 attention · 2 overdue · 1 missing · 0 incomplete · 0 to check · 6 not structured · 400 in the list; rows are checked as they are shown',
      toggleHidden: true,
    });
    update({ total: 9, graded: 9, counts: counts({ missing: 1, unstructured: 8 }), filtering: false, scope: 'shown', listTotal: 400 });
    expect(read().main).toBe('1 of 9 rows shown needs action');
    update({ total: 9, graded: 9, counts: counts({ unstructured: 9 }), filtering: false, scope: 'shown' });
    expect(read().main).toBe('No row shown needs action (9 shown)');
    // No total named: it does not pretend to know how many rows there are.
    expect(read().detail).toBe('9 not structured · The list may hold more rows; they are checked as they are shown');
  });

  it('an ordinary list still counts every record, and keeps its filter', () => {
    const { update, read } = bar();
    update({ total: 41, graded: 41, counts: counts({ incomplete: 12, complete: 29 }), filtering: false });
    expect(read()).toMatchObject({ label: 'Chartguard', main: '12 of 41 records need action', toggleHidden: false });
    expect(read().detail).not.toContain('in the list');
  });

  it('says the same in Chinese', () => {
    const { update, read } = bar({ name: '会谈' }, 'zh-CN');
    update({ total: 9, graded: 9, counts: counts({ overdue: 3 }), filtering: false, scope: 'shown', listTotal: 400 });
    expect(read()).toMatchObject({ label: 'Chartguard：会谈', main: '显示的 9 行中有 3 行需要处理' });
    expect(read().detail).toContain('列表共 400 行');
  });
});
