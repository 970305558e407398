// Format 2 is the one adapter format; format-1 adapters must run exactly as
// they did, through the upgrade, and format-2 mistakes must be named by path.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ChecklistError,
  adapterSchemaV1,
  formatPortalDate,
  fromPortalValue,
  pagesForUrl,
  parseAdapter,
  parseAdapterV2,
  parsePortalDate,
  recordIdFromUrl,
  upgradeAdapter,
} from '../../sdk/src/index.js';
import { readAdapterData } from '../../sdk/src/runtime.js';

const root = join(import.meta.dirname, '..', '..');
const adapterFiles = readdirSync(join(root, 'adapters')).filter((name) => name.endsWith('.json'));
const readJson = (file: string) => JSON.parse(readFileSync(join(root, 'adapters', file), 'utf8')) as Record<string, unknown>;
const v1Files = adapterFiles.filter((file) => readJson(file).format === 'chartguard-adapter/1');

function problemPaths(input: unknown): string[] {
  try {
    parseAdapter(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ChecklistError);
    return (error as ChecklistError).problems.map((problem) => problem.path);
  }
  throw new Error('adapter was accepted');
}

const v2 = (): any => ({
  format: 'chartguard-adapter/2',
  id: 'legacy-test',
  name: 'Legacy test portal',
  matches: ['http://127.0.0.1/*'],
  values: {
    attendance: {
      attended: ['Attended', 'Seen'],
      'did-not-attend': 'DNA',
      'cancelled-by-provider': ['Cancelled by clinic', 'Clinic cancelled'],
    },
  },
  pages: [
    {
      kind: 'encounter',
      path: '^/legacy/encounter$',
      search: '[?&]eid=\\d+',
      frame: 'iframe[name=main]',
      recordId: { from: 'query', param: 'eid' },
      checklists: ['snc'],
      fields: [
        { name: 'Attendance', selector: ['#attendance'], kind: 'select', widget: 'select2', answers: ['attendance'], values: 'attendance' },
        { name: 'Note', selector: 'textarea#note', kind: 'richtext', widget: 'tinymce', note: true, html: true },
        {
          name: 'Next session',
          selector: '#next',
          kind: 'datetime',
          widget: 'flatpickr',
          format: 'DD/MM/YYYY HH:mm',
          answers: ['nextSessionInPortal'],
          write: ['rebookedAt', 'nextSessionAt'],
        },
        {
          name: 'Client informed',
          selector: 'input[name=informed]',
          kind: 'radio',
          answers: ['clientInformed'],
          values: { yes: 'Y', no: 'N' },
        },
      ],
      save: ['button#save', 'a.save-link', '[role=button][data-save]'],
      shortcuts: ['Ctrl+S', 'Alt+Shift+S'],
      formSubmit: true,
      saved: { url: '[?&]saved=1' },
    },
    {
      kind: 'caseload',
      path: '^/spa/caseload$',
      list: {
        rows: '.ag-center-cols-container [row-id]',
        recordIdAttribute: 'row-id',
        viewport: '.ag-body-viewport',
        total: { selector: '[data-total]', attribute: 'data-total' },
        cells: [
          { name: 'Attendance', selector: '[col-id=attendance]', answers: ['attendance'], values: 'attendance' },
          { name: 'When', selector: '[col-id=when]', format: 'DD/MM/YYYY HH:mm', answers: ['sessionAt', 'assessmentAt'] },
          { name: 'Note', selector: '[col-id=note]', note: true },
        ],
      },
    },
  ],
});

describe('format 1 through the upgrade', () => {
  it.each(v1Files)('%s runs exactly the fields and cells it ran before the upgrade', (file) => {
    const data = readJson(file);
    const before = adapterSchemaV1.parse(data);
    const after = parseAdapter(data);
    expect(after.upgradedFrom).toBe('chartguard-adapter/1');
    expect(after.pages).toEqual(before.pages);
    // The zod-free reader the content script uses agrees.
    expect(readAdapterData(data)).toEqual(after);
  });

  it.each(v1Files)('%s upgraded is a valid format-2 adapter that runs the same', (file) => {
    const upgraded = parseAdapterV2(readJson(file));
    expect(upgraded.format).toBe('chartguard-adapter/2');
    const { upgradedFrom, format, ...fromV1 } = parseAdapter(readJson(file));
    expect([upgradedFrom, format]).toEqual(['chartguard-adapter/1', 'chartguard-adapter/1']);
    const { format: upgradedFormat, ...fromV2 } = parseAdapter(upgraded);
    expect(upgradedFormat).toBe('chartguard-adapter/2');
    expect(fromV2).toEqual(fromV1);
  });

  it('lists each portal element once, with every answer it carries, and names value maps used twice', () => {
    const upgraded = upgradeAdapter(adapterSchemaV1.parse(readJson('mpb-demo.json')));
    const session = upgraded.pages[0]!;
    const next = session.fields!.filter((element) => element.name === 'Add next session');
    expect(next).toEqual([
      {
        name: 'Add next session',
        selector: ['input#next-session', "input[name='nextSession']"],
        kind: 'datetime',
        answers: ['nextSessionInPortal'],
        write: ['rebookedAt', 'nextAppointmentAt', 'nextSessionAt'],
      },
    ]);
    const start = session.fields!.filter((element) => element.name === 'Session date and time');
    expect(start).toEqual([
      {
        name: 'Session date and time',
        selector: '#session-start',
        kind: 'static',
        attribute: 'data-iso',
        answers: ['sessionAt', 'assessmentAt'],
      },
    ]);
    // The attendance labels are written once and shared by the session field and the caseload cell.
    expect(Object.keys(upgraded.values ?? {})).toContain('attendance');
    expect(session.fields!.find((element) => element.name === 'Attendance')!.values).toBe('attendance');
    expect(upgraded.pages[1]!.list!.cells.find((cell) => cell.name === 'Attendance')!.values).toBe('attendance');
    // Two different maps on one element stay two entries: each answer keeps its own labels.
    expect(session.fields!.filter((element) => element.name === 'Preferred contact method')).toHaveLength(2);
  });
});

describe('format 2', () => {
  it('compiles elements to one field per answer, pairing what is read with what is written', () => {
    const adapter = parseAdapter(v2());
    const next = adapter.pages[0]!.fields.filter((field) => field.name === 'Next session');
    expect(next).toEqual([
      expect.objectContaining({
        answer: 'nextSessionInPortal',
        writeFrom: 'rebookedAt',
        direction: 'both',
        widget: 'flatpickr',
        format: 'DD/MM/YYYY HH:mm',
      }),
      expect.objectContaining({ answer: 'nextSessionAt', direction: 'write' }),
    ]);
    const attendance = adapter.pages[0]!.fields.find((field) => field.name === 'Attendance')!;
    expect(attendance.valueMap).toEqual({ attended: 'Attended', 'did-not-attend': 'DNA', 'cancelled-by-provider': 'Cancelled by clinic' });
    expect(attendance.aliases).toEqual({ Seen: 'attended', 'Clinic cancelled': 'cancelled-by-provider' });
    expect(adapter.pages[0]).toMatchObject({
      savedUrl: '[?&]saved=1',
      shortcuts: ['Ctrl+S', 'Alt+Shift+S'],
      formSubmit: true,
      frame: 'iframe[name=main]',
    });
    expect(adapter.pages[0]!.saved).toBeUndefined();
    expect(adapter.pages[1]!.list!.cells.map((cell) => `${cell.role}:${cell.answer ?? ''}`)).toEqual([
      'answer:attendance',
      'answer:sessionAt',
      'answer:assessmentAt',
      'note:',
    ]);
    expect(adapter.pages[1]!.list).toMatchObject({
      viewport: '.ag-body-viewport',
      total: { selector: '[data-total]', attribute: 'data-total' },
    });
    expect(adapter.upgradedFrom).toBeUndefined();
    expect(readAdapterData(v2())).toEqual(adapter);
  });

  it('several portal labels read back as one code; the first is the one written', () => {
    const attendance = parseAdapter(v2()).pages[0]!.fields[0]!;
    for (const label of ['Attended', 'seen ', 'SEEN'])
      expect(fromPortalValue(attendance.valueMap, label, attendance.aliases)).toBe('attended');
    expect(fromPortalValue(attendance.valueMap, 'Clinic cancelled', attendance.aliases)).toBe('cancelled-by-provider');
    expect(fromPortalValue(attendance.valueMap, 'Unknown', attendance.aliases)).toBe('Unknown');
  });

  const broken: [string, (adapter: any) => void, string[]][] = [
    ['unknown shared map', (a) => (a.pages[0].fields[0].values = 'attendence'), ['pages[0].fields[0].values']],
    ['unknown shared map on a cell', (a) => (a.pages[1].list.cells[0].values = 'nope'), ['pages[1].list.cells[0].values']],
    ['widget of another kind', (a) => (a.pages[0].fields[0].widget = 'flatpickr'), ['pages[0].fields[0].widget']],
    ['rich text without its editor', (a) => delete a.pages[0].fields[1].widget, ['pages[0].fields[1].widget']],
    ['element carrying nothing', (a) => delete a.pages[0].fields[3].answers, ['pages[0].fields[3].answers']],
    ['two note elements', (a) => (a.pages[0].fields[0].note = true), ['pages[0].fields']],
    ['date format without a year', (a) => (a.pages[0].fields[2].format = 'DD/MM HH:mm'), ['pages[0].fields[2].format']],
    ['date format with letters', (a) => (a.pages[0].fields[2].format = 'D MMM YYYY'), ['pages[0].fields[2].format']],
    ['shortcut not a key', (a) => (a.pages[0].shortcuts = ['Control S']), ['pages[0].shortcuts[0]']],
    ['query group on a path id', (a) => (a.pages[0].recordId = { from: 'path', group: 'eid' }), ['pages[0].recordId.group']],
    ['bad saved URL pattern', (a) => (a.pages[0].saved = { url: '(' }), ['pages[0].saved.url']],
    [
      'format-1 fields under format 2',
      (a) => (a.pages[0].fields[0] = { name: 'x', selectors: ['#x'], kind: 'text', role: 'answer', answer: 'x', direction: 'both' }),
      ['format'],
    ],
  ];
  it.each(broken)('%s is refused at its path', (_name, change, paths) => {
    const adapter = v2();
    change(adapter);
    expect(problemPaths(adapter).sort()).toEqual([...paths].sort());
  });
});

describe('frames: page kinds match the frame’s own URL, query string included', () => {
  const adapter = parseAdapter(v2());
  it('matches the query string and takes the record id from it', () => {
    const url = new URL('http://127.0.0.1/legacy/encounter?eid=123&tab=2');
    expect(pagesForUrl(adapter, url).map((page) => page.kind)).toEqual(['encounter']);
    expect(recordIdFromUrl(adapter.pages[0]!, url)).toBe('123');
    expect(pagesForUrl(adapter, new URL('http://127.0.0.1/legacy/encounter?tab=2'))).toEqual([]);
  });
});

describe('portal date formats', () => {
  it.each([
    ['05/12/2026 14:30', 'DD/MM/YYYY HH:mm', '2026-12-05T14:30'],
    ['2026-12-05 14:30:00', 'YYYY-MM-DD HH:mm:ss', '2026-12-05T14:30'],
    ['05.12.2026', 'DD.MM.YYYY', '2026-12-05'],
    ['12/05/2026', 'MM/DD/YYYY', '2026-12-05'],
  ])('%s in %s reads as %s', (text, format, iso) => {
    expect(parsePortalDate(text, format)).toBe(iso);
  });

  it.each([
    ['5/12/2026 14:30', 'DD/MM/YYYY HH:mm'],
    ['05/12/2026', 'DD/MM/YYYY HH:mm'],
    ['2026-12-05T14:30', 'DD/MM/YYYY HH:mm'],
  ])('%s does not fit %s and is left for the checklist to report', (text, format) => {
    expect(parsePortalDate(text, format)).toBe(text);
  });

  it('writes what it reads, for any moment and any of the formats', () => {
    const formats = ['DD/MM/YYYY HH:mm', 'YYYY-MM-DD HH:mm:ss', 'MM/DD/YYYY HH:mm', 'DD.MM.YYYY HH:mm'];
    fc.assert(
      fc.property(
        fc.date({ min: new Date(1990, 0, 1), max: new Date(2090, 0, 1), noInvalidDate: true }),
        fc.constantFrom(...formats),
        (date, format) => {
          const pad = (n: number) => String(n).padStart(2, '0');
          const iso = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
          expect(parsePortalDate(formatPortalDate(iso, format), format)).toBe(iso);
        },
      ),
      { numRuns: 300, seed: 14 },
    );
    expect(formatPortalDate('2026-12-05T09:05', 'DD/MM/YYYY HH:mm')).toBe('05/12/2026 09:05');
    expect(formatPortalDate('2026-12-05', 'DD/MM/YYYY')).toBe('05/12/2026');
  });
});
