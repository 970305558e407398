// Several lists on one page (adapter format 2 `lists`): a caseload grid and a
// handover list side by side, each with its own rows, cells, scroll area and total.
import { describe, expect, it } from 'vitest';
import { ChecklistError, parseAdapter } from '@chartguard/sdk';
import { adapterReading } from '../../sdk/src/audit-adapter';

const list = (name: string, rows: string) => ({
  name,
  rows,
  recordIdAttribute: 'data-id',
  viewport: `${rows}-scroller`,
  total: { selector: `${rows}-total` },
  cells: [{ name: 'Note', selector: '.note', note: true }],
});
const adapter = (page: Record<string, unknown>) => ({
  format: 'chartguard-adapter/2',
  id: 'two-lists',
  name: 'Two lists',
  matches: ['https://portal.example.org/*'],
  pages: [{ kind: 'caseload', path: '^/caseload$', ...page }],
});

describe('adapter format 2: several lists on a page', () => {
  it('compiles every list, and keeps the first as the page’s `list`', () => {
    const page = parseAdapter(adapter({ lists: [list('Sessions', '.a'), list('Handovers', '.b')] })).pages[0]!;
    expect(page.lists?.map((entry) => [entry.name, entry.rows, entry.viewport, entry.total?.selector])).toEqual([
      ['Sessions', '.a', '.a-scroller', '.a-total'],
      ['Handovers', '.b', '.b-scroller', '.b-total'],
    ]);
    expect(page.list).toBe(page.lists![0]);
    expect(page.lists![1]!.cells).toEqual([{ name: 'Note', selector: '.note', role: 'note' }]);
  });

  it('a page with one `list` compiles as before, without `lists`', () => {
    const page = parseAdapter(adapter({ list: list('Sessions', '.a') })).pages[0]!;
    expect(page.list?.rows).toBe('.a');
    expect(page.lists).toBeUndefined();
  });

  it('refuses `list` and `lists` together, and names an unknown value map in any list', () => {
    expect(() => parseAdapter(adapter({ list: list('A', '.a'), lists: [list('B', '.b')] }))).toThrow(/list` or `lists`, not both/);
    const unknownMap = { ...list('B', '.b'), cells: [{ name: 'Code', selector: '.code', answers: ['attendance'], values: 'nope' }] };
    try {
      parseAdapter(adapter({ lists: [list('A', '.a'), unknownMap] }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ChecklistError);
      expect(String((error as Error).message)).toMatch(/pages\[0\]\.lists\[1\]\.cells\[0\]\.values.*no value map “nope”/s);
    }
  });

  it('the audit reads the columns of every list, not only the first', () => {
    const handovers = {
      ...list('Handovers', '.b'),
      cells: [
        { name: 'Handover status', selector: '.status', answers: ['attendance'] },
        { name: 'Handover note', selector: '.note', note: true },
      ],
    };
    const reading = adapterReading(parseAdapter(adapter({ lists: [list('Sessions', '.a'), handovers] })));
    expect(reading.columns.get('handover status')?.answer).toBe('attendance');
    expect(reading.noteColumns.has('handover note')).toBe(true);
  });
});
