// The portal builder's draft → adapter conversion: page patterns from the
// address part the user clicked, value maps inverted and shared when used
// twice, and the result accepted by the SDK's own adapter parser.
import { parseAdapter } from '@chartguard/sdk';
import { describe, expect, it } from 'vitest';
import { draftToAdapter, pagePattern, suggestPageKind, valueMapOf, type AdapterDraft } from '../../lib/adapter-draft';

describe('pagePattern', () => {
  it('turns the clicked path part into a named group that keeps its letter prefix', () => {
    const pattern = pagePattern('http://127.0.0.1:5710/clinic/appointments/RC-1043', { from: 'path', segment: 2 });
    expect(pattern).toEqual({
      path: '^/clinic/appointments/(?<appointmentId>RC-\\d+)$',
      recordId: { from: 'path', group: 'appointmentId' },
    });
    expect(new RegExp(pattern.path).exec('/clinic/appointments/RC-7')?.groups?.appointmentId).toBe('RC-7');
    expect(new RegExp(pattern.path).test('/clinic/appointments/XY-7')).toBe(false);
  });
  it('takes a query parameter as the record id, with the path as it is', () => {
    expect(pagePattern('http://127.0.0.1/legacy/encounter.php?eid=1001', { from: 'query', param: 'eid' })).toEqual({
      path: '^/legacy/encounter\\.php/?$',
      search: '[?&]eid=[0-9]+',
      recordId: { from: 'query', param: 'eid' },
    });
  });
  it('suggests page kinds from the address', () => {
    expect(suggestPageKind('http://h/clinic/appointments/RC-1', { from: 'path', segment: 2 })).toBe('appointment');
    expect(suggestPageKind('http://h/legacy/caseload.php')).toBe('caseload');
  });
});

describe('draftToAdapter', () => {
  const choices = { Seen: 'attended', DNA: 'did-not-attend', 'DNA (no contact)': 'did-not-attend' };
  const draft: AdapterDraft = {
    id: 'riverside',
    name: 'Riverside',
    matches: ['http://127.0.0.1/*'],
    pages: [
      {
        kind: 'appointment',
        url: 'http://127.0.0.1/clinic/appointments/RC-1',
        idPart: { from: 'path', segment: 2 },
        checklists: ['fus'],
        suggest: [],
        fields: [
          { name: 'Outcome', selector: "select[name='outcome']", kind: 'select', answers: ['attendance'], choices },
          { name: 'Notes', selector: "textarea[name='notes']", kind: 'textarea', note: true, answers: [] },
        ],
        save: ['button#save'],
      },
      {
        kind: 'day-sheet',
        url: 'http://127.0.0.1/clinic/appointments',
        checklists: ['fus'],
        suggest: [],
        fields: [],
        save: [],
        list: {
          rows: 'li.rc-slot',
          recordIdAttribute: 'data-ref',
          cells: [{ name: 'Outcome', selector: '.outcome', attribute: 'data-outcome', answers: ['attendance'], choices }],
        },
      },
    ],
  };

  it('inverts value maps (several portal labels for one value) and shares a map used twice', () => {
    expect(valueMapOf(choices)).toEqual({ attended: 'Seen', 'did-not-attend': ['DNA', 'DNA (no contact)'] });
    const adapter = draftToAdapter(draft);
    expect(adapter.values).toEqual({ attendance: { attended: 'Seen', 'did-not-attend': ['DNA', 'DNA (no contact)'] } });
    expect(adapter.pages[0]!.fields![0]!.values).toBe('attendance');
    expect(adapter.pages[1]!.list!.cells[0]!.values).toBe('attendance');
  });

  it('is an adapter the SDK accepts', () => {
    const parsed = parseAdapter(draftToAdapter(draft));
    expect(parsed.pages.map((page) => page.kind)).toEqual(['appointment', 'day-sheet']);
  });

  it('writes suggestions built from the condition menus (all / not) as they are, and reads an older draft’s equals suggestion', () => {
    const when = {
      all: [
        { field: 'sessionType', op: 'equals' as const, value: 'initial-assessment' },
        { not: { field: 'attendance', op: 'oneOf' as const, values: ['did-not-attend', 'cancelled-by-client'] } },
      ],
    };
    const page = draft.pages[0]!;
    const adapter = draftToAdapter({
      ...draft,
      pages: [
        {
          ...page,
          checklists: ['snc', 'ia'],
          suggest: [
            { checklist: 'ia', when },
            { checklist: 'snc', field: 'attendance', value: 'cancelled-by-provider' },
          ],
        },
      ],
    });
    expect(adapter.pages[0]!.suggest).toEqual([
      { checklist: 'ia', when },
      { checklist: 'snc', when: { field: 'attendance', op: 'equals', value: 'cancelled-by-provider' } },
    ]);
    parseAdapter(adapter);
  });
});
