// Portal adapters are data written per portal; a broken one must be refused
// whole, with every problem named, and the helpers must map paths and values.
import { describe, it, expect } from 'vitest';
import { ChecklistError, fromPortalValue, pagesForPath, parseAdapter, recordIdFromPath, toPortalValue } from '../../sdk/src/index.js';

const ATTENDANCE_MAP = {
  attended: 'Attended',
  'did-not-attend': 'Did Not Attend',
  'cancelled-by-provider': 'Appointment Cancelled by Therapist/VHG',
};

// Built fresh per test and then broken on purpose, so it is loosely typed.
const valid = (): any => ({
  format: 'chartguard-adapter/1',
  id: 'test-portal',
  name: 'Test portal',
  matches: ['https://portal.example.org/*', 'http://127.0.0.1/*'],
  pages: [
    {
      kind: 'session',
      path: '^/clients/(?<clientId>\\d+)/sessions/(?<sessionId>[a-z0-9-]+)$',
      present: ['form#session'],
      recordId: { from: 'path', group: 'sessionId' },
      checklists: ['snc'],
      suggest: [{ checklist: 'snc', when: { field: 'attendance', op: 'equals', value: 'cancelled-by-provider' } }],
      fields: [
        {
          name: 'Attendance',
          selectors: ['select#attendance'],
          kind: 'select',
          role: 'answer',
          answer: 'attendance',
          direction: 'both',
          valueMap: ATTENDANCE_MAP,
        },
        { name: 'Clinical note', selectors: ['textarea#note', 'textarea[name=note]'], kind: 'textarea', role: 'note', direction: 'both' },
        {
          name: 'Session time',
          selectors: ['#when'],
          kind: 'static',
          attribute: 'data-at',
          role: 'answer',
          answer: 'sessionAt',
          direction: 'read',
        },
      ],
      save: ['button#save'],
    },
    {
      kind: 'caseload',
      path: '^/clients/?$',
      recordId: { from: 'attribute', selector: 'body', attribute: 'data-caseload' },
      list: {
        rows: 'tr.session',
        recordIdAttribute: 'data-id',
        cells: [{ name: 'Note', selector: 'td.note', role: 'note' }],
        checklists: ['snc'],
      },
    },
    {
      kind: 'any-session',
      path: '/sessions/',
    },
  ],
});

/** Paths of the problems an adapter is refused with; fails the test if it is accepted. */
function problemPaths(input: unknown): string[] {
  try {
    parseAdapter(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ChecklistError);
    expect((error as Error).message).toMatch(/^Invalid portal adapter/);
    return (error as ChecklistError).problems.map((problem) => problem.path);
  }
  throw new Error('adapter was accepted');
}

describe('parseAdapter', () => {
  it('accepts a valid adapter and fills defaults', () => {
    const adapter = parseAdapter(valid());
    expect(adapter.id).toBe('test-portal');
    expect(adapter.pages[1]).toMatchObject({ checklists: [], suggest: [], fields: [], save: [] });
  });

  it('rejects an invalid adapter naming every problem by path, not just the first', () => {
    const adapter = valid();
    adapter.matches = ['portal.example.org'];
    const session = adapter.pages[0]!;
    session.fields[0]!.selectors = [];
    session.fields[0]!.answer = undefined;
    session.fields[1]!.direction = 'sideways';
    session.recordId = { from: 'path', group: 'visitId' };
    session.suggest[0]!.checklist = 'fus';
    const paths = problemPaths(adapter);
    expect(paths.sort()).toEqual(
      [
        'matches[0]',
        'pages[0].fields[0].selectors',
        'pages[0].fields[0].answer',
        'pages[0].fields[1].direction',
        'pages[0].recordId.group',
        'pages[0].suggest[0].checklist',
      ].sort(),
    );
  });

  it('names every cross-reference problem together', () => {
    const adapter = valid();
    const session = adapter.pages[0]!;
    session.recordId = { from: 'path', group: 'visitId' };
    session.suggest[0]!.checklist = 'fus';
    session.fields.push({ ...session.fields[1]!, name: 'Second note' });
    expect(problemPaths(adapter).sort()).toEqual(['pages[0].fields', 'pages[0].recordId.group', 'pages[0].suggest[0].checklist']);
  });

  it('an invalid path regular expression is a problem, not a crash', () => {
    const adapter = valid();
    adapter.pages[0]!.path = '^/clients/(?<sessionId>\\d+$';
    expect(problemPaths(adapter)).toEqual(['pages[0].path']);
  });

  const broken: [string, (adapter: Record<string, unknown>) => void, string][] = [
    [
      'wrong format',
      (a) => {
        a.format = 'chartguard-adapter/2';
      },
      'format',
    ],
    [
      'no pages',
      (a) => {
        a.pages = [];
      },
      'pages',
    ],
    [
      'unknown key',
      (a) => {
        a.portal = 'x';
      },
      '',
    ],
    [
      'bad id',
      (a) => {
        a.id = 'Test Portal';
      },
      'id',
    ],
  ];

  it.each(broken)('%s → problem at "%s"', (_name, mutate, path) => {
    const adapter = valid();
    mutate(adapter);
    expect(problemPaths(adapter)).toEqual([path]);
  });

  it('malformed pages are reported, not crashed on', () => {
    const adapter = {
      ...valid(),
      pages: [
        null,
        5,
        { kind: 'x', path: 7, recordId: 'x', suggest: 'y', fields: 'z', checklists: 3 },
        { kind: 'y', path: '(', recordId: { from: 'path', group: 'id' } },
      ],
    };
    const paths = problemPaths(adapter);
    expect(paths).toEqual(expect.arrayContaining(['pages[0]', 'pages[1]', 'pages[2].path', 'pages[3].path']));
    expect(paths.some((path) => path.includes('recordId.group'))).toBe(false);
  });

  it.each([null, undefined, 'adapter', []])('refuses %o', (input) => {
    expect(problemPaths(input).length).toBeGreaterThan(0);
  });
});

describe('portal values', () => {
  it('toPortalValue maps checklist values to the portal’s, passing unknown ones through', () => {
    expect(toPortalValue(ATTENDANCE_MAP, 'cancelled-by-provider')).toBe('Appointment Cancelled by Therapist/VHG');
    expect(toPortalValue(ATTENDANCE_MAP, 'late-call')).toBe('late-call');
    expect(toPortalValue(undefined, 'attended')).toBe('attended');
  });

  it('fromPortalValue maps back, ignoring case and surrounding blanks', () => {
    expect(fromPortalValue(ATTENDANCE_MAP, 'Appointment Cancelled by Therapist/VHG')).toBe('cancelled-by-provider');
    expect(fromPortalValue(ATTENDANCE_MAP, '  did not attend ')).toBe('did-not-attend');
    expect(fromPortalValue(ATTENDANCE_MAP, 'Something else')).toBe('Something else');
    expect(fromPortalValue(undefined, 'Attended')).toBe('Attended');
  });

  it('the two are inverse over the map', () => {
    for (const value of Object.keys(ATTENDANCE_MAP)) {
      expect(fromPortalValue(ATTENDANCE_MAP, toPortalValue(ATTENDANCE_MAP, value))).toBe(value);
    }
  });
});

describe('pages and record ids', () => {
  const adapter = parseAdapter(valid());
  const session = adapter.pages[0]!;
  const caseload = adapter.pages[1]!;

  it('pagesForPath finds every page whose path matches', () => {
    expect(pagesForPath(adapter, '/clients/12/sessions/s-9').map((page) => page.kind)).toEqual(['session', 'any-session']);
    expect(pagesForPath(adapter, '/clients/').map((page) => page.kind)).toEqual(['caseload']);
    expect(pagesForPath(adapter, '/clients/12/sessions/S-9').map((page) => page.kind)).toEqual(['any-session']);
    expect(pagesForPath(adapter, '/settings')).toEqual([]);
  });

  it('recordIdFromPath reads the named group', () => {
    expect(recordIdFromPath(session, '/clients/12/sessions/s-9')).toBe('s-9');
    expect(recordIdFromPath(session, '/clients/12/sessions/')).toBeUndefined();
  });

  it('recordIdFromPath gives nothing for ids taken from the page', () => {
    expect(recordIdFromPath(caseload, '/clients/')).toBeUndefined();
  });
});
