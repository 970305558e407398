// The audit's streaming readers: however the input is cut into chunks, they
// must read the same records, report a bad record with its line and go on.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AuditInputError,
  AuditSummary,
  detectAuditFormat,
  readAuditRecords,
  type AuditChunk,
  type AuditFormat,
  type AuditItem,
} from '../../sdk/src/index.js';

async function* chunked(text: string, sizes: number[] = [], bytes = false): AsyncGenerator<AuditChunk> {
  const data: string | Uint8Array = bytes ? new TextEncoder().encode(text) : text;
  let at = 0;
  let i = 0;
  while (at < data.length) {
    const size = Math.max(1, sizes.length ? sizes[i++ % sizes.length]! : data.length);
    yield data.slice(at, at + size);
    at += size;
  }
}

async function read(text: string, format?: AuditFormat, sizes: number[] = [], bytes = false, name?: string): Promise<AuditItem[]> {
  const items: AuditItem[] = [];
  for await (const item of readAuditRecords(chunked(text, sizes, bytes), { format, name })) items.push(item);
  return items;
}

const records = (items: AuditItem[]) => items.map((item) => ('record' in item ? item.record : item));

const tricky = [
  {
    id: 'A1',
    checklist: 'snc',
    attendance: 'attended',
    note: 'Line one, with a comma\nand "quotes" ] } [ {',
    sessionAt: '2026-06-10T10:00',
  },
  { id: 2, note: 'Ünïcödé 中文 \\ backslash', answers: { agreed: 'yes' } },
  { recordId: 'A3', note: '' },
];

describe('JSON arrays', () => {
  it('reads element by element, whatever the chunk boundaries (characters or bytes)', async () => {
    const text = JSON.stringify(tricky, null, 2);
    const whole = records(await read(text, 'json'));
    expect(whole).toEqual([
      { line: 2, id: 'A1', checklist: 'snc', attendance: 'attended', note: tricky[0]!.note, answers: { sessionAt: '2026-06-10T10:00' } },
      { line: 9, id: '2', note: tricky[1]!.note, answers: { agreed: 'yes' } },
      { line: 16, id: 'A3', note: '', answers: {} },
    ]);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }), fc.boolean(), async (sizes, bytes) => {
        expect(records(await read(text, 'json', sizes, bytes))).toEqual(whole);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('reports a malformed element with its line and reads the rest', async () => {
    const text = '[\n  {"id": "a", "note": "x"},\n  {"id": "b", "note": },\n  "just text",\n  {"id": "c", "note": "y"}\n]\n';
    const items = await read(text, 'json', [3]);
    expect(items.map((item) => ('error' in item ? `error@${item.line}` : item.record.id))).toEqual(['a', 'error@3', 'error@4', 'c']);
  });

  it('refuses input that is not one array, saying where', async () => {
    await expect(read('{"id": 1}', 'json')).rejects.toThrow(AuditInputError);
    await expect(read('[\n{"id": "a", "note": "x"}\n', 'json')).rejects.toThrow(/not closed/);
    await expect(read('[]\n[]', 'json')).rejects.toThrow(/line 2/);
    expect(await read('  [ ]  ', 'json')).toEqual([]);
    expect(await read('', 'json')).toEqual([]);
  });
});

describe('NDJSON', () => {
  it('reads a record per line, skipping blank lines and reporting bad ones', async () => {
    const text = `${JSON.stringify(tricky[0])}\r\n\n{broken\n${JSON.stringify(tricky[2])}\n[1,2]\n{"id": "x", "note": 5}`;
    const items = await read(text, 'ndjson', [5]);
    expect(items.map((item) => ('error' in item ? `error@${item.line}` : `${item.record.id}@${item.line}`))).toEqual([
      'A1@1',
      'error@3',
      'A3@4',
      'error@5',
      'error@6',
    ]);
  });
});

describe('bounded memory', { timeout: 60_000 }, () => {
  it('stops on a line or a record too long to be one, instead of holding the file', async () => {
    const huge = 'x'.repeat(9 * 1024 * 1024);
    await expect(read(`{"note": "ok"}\n{"note": "${huge}`, 'ndjson', [64 * 1024])).rejects.toThrow(/line 2: a line is longer than/);
    await expect(read(`[{"note": "ok"},\n{"note": "${huge}`, 'json', [64 * 1024])).rejects.toThrow(/line 2: a record is larger than/);
  });
});

describe('CSV', () => {
  const csv = [
    'id,checklist,attendance,note,sessionAt',
    'C1,snc,attended,"Multi-line note,',
    'with a comma and ""quotes""',
    '',
    'and a blank line",2026-06-10T10:00',
    'C2,snc,,plain note,',
    'C3,snc,attended',
    'C4,snc,attended,bad"quote,',
    'C5,snc,attended,"closed"then text,',
    'C6,snc,,"last",2026-06-11 09:00',
  ].join('\r\n');

  it('reads quoted fields across lines, reporting short rows and quoting errors by the line they start on', async () => {
    const items = await read(csv, 'csv');
    expect(items).toEqual([
      {
        line: 2,
        record: {
          line: 2,
          id: 'C1',
          checklist: 'snc',
          attendance: 'attended',
          note: 'Multi-line note,\nwith a comma and "quotes"\n\nand a blank line',
          answers: { sessionAt: '2026-06-10T10:00' },
        },
      },
      { line: 6, record: { line: 6, id: 'C2', checklist: 'snc', note: 'plain note', answers: {} } },
      { line: 7, error: 'expected 5 fields, found 3' },
      { line: 8, error: 'unexpected quote in field 4' },
      { line: 9, error: 'text after a closing quote in field 4' },
      { line: 10, record: { line: 10, id: 'C6', checklist: 'snc', note: 'last', answers: { sessionAt: '2026-06-11 09:00' } } },
    ]);
  });

  it('reads the same records whatever the chunk boundaries', async () => {
    const whole = await read(csv, 'csv');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }), fc.boolean(), async (sizes, bytes) => {
        expect(await read(csv, 'csv', sizes, bytes)).toEqual(whole);
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('reports a quote left open at the end of the file', async () => {
    expect(await read('id,note\nX,"never closed\nstill open', 'csv')).toEqual([
      { line: 2, error: 'a quoted field is not closed at the end of the file' },
    ]);
  });

  it('needs a note column', async () => {
    await expect(read('id,text\n1,hello\n', 'csv')).rejects.toThrow(/no “note” column/);
  });
});

describe('format detection', () => {
  it('goes by the extension, then by the first character', async () => {
    expect(detectAuditFormat('export.csv', '[')).toBe('csv');
    expect(detectAuditFormat('export.ndjson', '[')).toBe('ndjson');
    expect(detectAuditFormat('export.jsonl', '')).toBe('ndjson');
    expect(detectAuditFormat('export.json', '  [')).toBe('json');
    expect(detectAuditFormat('export.json', '{"id":1}')).toBe('ndjson');
    expect(detectAuditFormat(undefined, '\n\n [')).toBe('json');
    expect(detectAuditFormat('records.txt', '{')).toBe('ndjson');
    expect(detectAuditFormat(undefined, 'id,note')).toBe('csv');
    // Detection waits past leading blank chunks.
    expect(records(await read('\n\n[{"note": "x"}]', undefined, [1]))).toEqual([{ line: 3, note: 'x', answers: {} }]);
    expect(records(await read('\uFEFFid,note\n1,x\n', undefined, [2], true))).toEqual([{ line: 2, id: '1', note: 'x', answers: {} }]);
  });
});

describe('AuditSummary', () => {
  it('counts badges, failing rules and malformed records, and is complete only when all are', () => {
    const summary = new AuditSummary();
    const base = { warnings: [], attention: [], issues: [], unread: 0 };
    summary.add({ ...base, line: 1, badge: 'complete', failing: [] });
    expect(summary.allComplete).toBe(true);
    summary.add({ ...base, line: 2, badge: 'incomplete', failing: ['SNC-02', 'SNC-06'] });
    summary.add({ ...base, line: 3, badge: 'overdue', failing: ['SNC-06', 'SNC-08'] });
    summary.add({ line: 4, error: 'bad' });
    expect(summary.toJSON()).toEqual({
      records: 3,
      malformed: 1,
      badges: { attention: 0, overdue: 1, missing: 0, incomplete: 1, check: 0, complete: 1, unstructured: 0 },
      failingRules: { 'SNC-06': 2, 'SNC-02': 1, 'SNC-08': 1 },
      allComplete: false,
    });
    const onlyMalformed = new AuditSummary();
    onlyMalformed.add({ line: 1, error: 'bad' });
    expect(onlyMalformed.allComplete).toBe(false);
  });
});
