// The background's grading of list rows (lib/list-grading.ts) and the message
// that asks for it: only our own content scripts in web pages are answered,
// anything malformed is dropped, the grades are the SDK's and survive Chrome's
// JSON messaging, and the list script reads an answer that is not one as none.
import { describe, expect, it, vi } from 'vitest';
import { gradeNote, renderNote, type Checklist } from '@chartguard/sdk';
import { builtInChecklists } from '../../lib/catalog/built-in';
import {
  catalogGeneration,
  fitRow,
  LIST_GRADE_MESSAGE,
  MAX_REQUEST_CHARS,
  NEVER_EXPIRES,
  readGradeReply,
  type ListGradeRequest,
  type RowValues,
} from '../../lib/list-grade-protocol';
import { Grader, listGradeRequest, ListGrading, MAX_HELD_CHARS } from '../../lib/list-grading';
import { NOTE_LIMIT } from '../../lib/protocol';
import { GradeClient } from '../../entrypoints/portal.content/features/list-badges/badges-grade';
import { eventually } from '../wait';

const checklists = builtInChecklists();
const snc = checklists.get('snc')!;
const SENDER = { id: 'ext', tab: { id: 3 }, url: 'https://portal.example/caseload' };
const cancellation = renderNote(snc, {
  attendance: 'cancelled-by-provider',
  sessionAt: '2026-06-10T10:00',
  informedAt: '2026-06-10T08:30',
  contactMethod: 'phone',
  preferredMethod: 'phone',
  rebookOutcome: 'rebooked',
  rebookedAt: '2026-06-17T10:00',
  riskConcern: false,
  recordedAt: '2026-06-10T09:00',
});
const request = (rows: ListGradeRequest['rows'], extra: Partial<ListGradeRequest> = {}): ListGradeRequest => ({
  type: LIST_GRADE_MESSAGE,
  locale: 'en',
  deadlineHours: {},
  rows,
  ...extra,
});
const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('listGradeRequest', () => {
  it('takes a well-formed request from our own content script in a web page', () => {
    const sent = request([{ note: 'Phoned.', attendance: 'attended', answers: { sessionAt: '2026-06-10T10:00' } }], { warm: ['snc'] });
    expect(listGradeRequest(viaJson(sent), SENDER, 'ext')).toEqual(sent);
  });

  it('drops other senders and anything malformed', () => {
    const sent = request([{ note: 'Phoned.', answers: {} }]);
    expect(listGradeRequest(sent, { ...SENDER, id: 'other' }, 'ext')).toBeUndefined();
    expect(listGradeRequest(sent, { ...SENDER, tab: undefined }, 'ext')).toBeUndefined();
    expect(listGradeRequest(sent, { ...SENDER, url: 'chrome-extension://ext/options.html' }, 'ext')).toBeUndefined();
    expect(listGradeRequest({ ...sent, type: 'draft.load' }, SENDER, 'ext')).toBeUndefined();
    expect(listGradeRequest({ ...sent, locale: 'fr' }, SENDER, 'ext')).toBeUndefined();
    expect(listGradeRequest({ ...sent, deadlineHours: { 'SNC-08': -1 } }, SENDER, 'ext')).toBeUndefined();
    const tooMany = Array.from({ length: 501 }, () => ({ note: '', answers: {} }));
    expect(listGradeRequest({ ...sent, rows: tooMany }, SENDER, 'ext')).toBeUndefined();
    expect(listGradeRequest(null, SENDER, 'ext')).toBeUndefined();
  });
});

describe('listGradeRequest, row by row', () => {
  it('keeps the valid rows of a request and marks each malformed or over-long one as unreadable', () => {
    const valid = { note: 'Phoned.', answers: {} };
    const rows = [
      valid,
      { note: 42, answers: {} },
      { note: '', answers: { a: 1 } },
      { note: 'x'.repeat(NOTE_LIMIT + 1), answers: {} },
      { note: 'Phoned.', answers: { agreed: 'y'.repeat(10_001) } },
      { note: 'Phoned.', attendance: 'z'.repeat(1_001), answers: {} },
      valid,
    ];
    const accepted = listGradeRequest({ ...request([]), rows }, SENDER, 'ext');
    expect(accepted?.rows).toEqual([valid, null, null, null, null, null, valid]);
  });

  it('answers the valid rows beside an over-long cell and an over-long note, and those two as for a person to read', async () => {
    const now = new Date(2026, 5, 10, 12, 0).getTime();
    const grading = new ListGrading(
      async () => checklists,
      () => now,
    );
    const good = { note: cancellation, attendance: 'cancelled-by-provider', answers: {} };
    const sent = request([
      good,
      { note: cancellation, attendance: 'cancelled-by-provider', answers: { agreed: 'y'.repeat(10_001) } },
      { note: `${cancellation}\n${'x'.repeat(NOTE_LIMIT)}`, answers: {} },
      good,
    ]);
    const accepted = listGradeRequest(viaJson(sent), SENDER, 'ext');
    expect(accepted).toBeDefined();
    const reply = readGradeReply(viaJson(await grading.grade(accepted!)), 4);
    expect(reply?.grades.map((grade) => grade.badge)).toEqual(['incomplete', 'check', 'check', 'incomplete']);
    expect(reply?.grades.map((grade) => grade.reason)).toEqual([undefined, 'unreadable', 'unreadable', undefined]);
    // It is a definite answer: it does not expire, so the list does not ask for it again.
    expect(reply!.grades[1]!.validUntil).toBe(NEVER_EXPIRES);
  });
});

describe('fitRow', () => {
  it('keeps a full request of the costliest characters under Chrome’s 64 MiB message limit', () => {
    // A control character is escaped as \u0001 in JSON: 6 bytes, the most any character costs.
    const rows: RowValues[] = [];
    let chars = 0;
    for (let i = 0; ; i++) {
      const row = { note: `${'\u0001'.repeat(100_000)}${i}`, attendance: 'attended', answers: { agreed: '\u0002'.repeat(500) } };
      const cost = fitRow(row);
      if (chars + cost > MAX_REQUEST_CHARS) break;
      rows.push(row);
      chars += cost;
    }
    expect(rows.length).toBeGreaterThan(50);
    expect(Buffer.byteLength(JSON.stringify(request(rows)))).toBeLessThan(64 * 1024 * 1024);
  });

  it('cuts an over-long row to just past what the background reads, so it is still answered as for a person to read', () => {
    const rows: RowValues[] = [
      { note: 'x'.repeat(3 * NOTE_LIMIT), answers: {} },
      { note: 'Phoned.', attendance: 'a'.repeat(5_000), answers: {} },
      { note: 'Phoned.', answers: { agreed: 'y'.repeat(50_000) } },
      { note: 'Phoned.', answers: { agreed: 'yes' } },
    ];
    for (const row of rows) expect(fitRow(row)).toBeLessThanOrEqual(NOTE_LIMIT + 100);
    expect(rows[0]!.note).toHaveLength(NOTE_LIMIT + 1);
    expect(rows[3]).toEqual({ note: 'Phoned.', answers: { agreed: 'yes' } });
    const accepted = listGradeRequest(viaJson(request(rows)), SENDER, 'ext');
    expect(accepted?.rows).toEqual([null, null, null, rows[3]]);
  });
});

describe('ListGrading', () => {
  it('answers each row with the badge the SDK gives it, in order, through JSON', async () => {
    const now = new Date(2026, 5, 10, 12, 0).getTime();
    const grading = new ListGrading(
      async () => checklists,
      () => now,
    );
    const rows: ListGradeRequest['rows'] = [
      { note: cancellation, attendance: 'cancelled-by-provider', answers: {} },
      { note: 'Phoned the client.', answers: {} },
      { note: '', attendance: 'cancelled-by-provider', answers: { sessionAt: '2026-06-10T10:00' } },
    ];
    const reply = readGradeReply(viaJson(await grading.grade(request(rows))), rows.length);
    expect(reply).toBeDefined();
    const expected = rows.map(
      (row) => gradeNote({ checklists, text: row.note, attendance: row.attendance, answers: row.answers, now: new Date(now) }).badge,
    );
    expect(reply!.grades.map((grade) => grade.badge)).toEqual(expected);
    expect(expected).toEqual(['incomplete', 'unstructured', 'missing']);
    expect(reply!.grades[0]!.checklistTitle).toBe(snc.title.en);
    expect(reply!.grades[1]).toMatchObject({ reason: 'no-header', validUntil: NEVER_EXPIRES });
    // A missing note turns overdue at its deadline: the time survives JSON as a number.
    expect(reply!.grades[2]!.validUntil).toBe(new Date(2026, 5, 11, 10, 0).getTime());
  });

  it('grades in the language and with the deadline hours asked for', async () => {
    const grading = new ListGrading(async () => checklists);
    const overdue = { note: '', attendance: 'cancelled-by-provider', answers: { sessionAt: '2020-01-06T09:00' } };
    expect((await grading.grade(request([overdue]))).grades[0]!.badge).toBe('overdue');
    const longer = await grading.grade(request([overdue], { deadlineHours: { 'SNC-08': 24 * 365 * 10 } }));
    expect(longer.grades[0]!.badge).toBe('missing');
    const chinese = await grading.grade(request([{ note: cancellation, answers: {} }], { locale: 'zh-CN' }));
    expect(chinese.grades[0]!.checklistTitle).toBe(snc.title['zh-CN']);
  });

  it('reads the checklists again when the catalog changes', async () => {
    let current: ReadonlyMap<string, typeof snc> = new Map();
    const grading = new ListGrading(async () => current);
    const row = { note: cancellation, answers: {} };
    expect((await grading.grade(request([row]))).grades[0]).toMatchObject({ badge: 'unstructured', reason: 'unknown-checklist' });
    current = checklists;
    expect((await grading.grade(request([row]))).grades[0]!.badge).not.toBe('unstructured');
  });
});

describe('readGradeReply', () => {
  it('reads no answer, an error or a reply of the wrong length as none, so rows get no badge', async () => {
    const grading = new ListGrading(async () => checklists);
    const good = viaJson(await grading.grade(request([{ note: cancellation, answers: {} }])));
    expect(readGradeReply(good, 1)).toBeDefined();
    expect(readGradeReply(undefined, 1)).toBeUndefined();
    expect(readGradeReply(null, 1)).toBeUndefined();
    expect(readGradeReply({ ok: false, error: 'x' }, 1)).toBeUndefined();
    expect(readGradeReply(good, 2)).toBeUndefined();
    expect(readGradeReply({ grades: [{ ...good.grades[0], badge: 'fine' }], ms: 1 }, 1)).toBeUndefined();
    expect(readGradeReply({ grades: [{ ...good.grades[0], issues: [{ ruleId: 1 }] }], ms: 1 }, 1)).toBeUndefined();
  });

  it('keeps a due time the background could not read as unknown, not as the epoch', () => {
    const grade = {
      badge: 'overdue',
      issues: [],
      attention: [],
      markers: { late: false, riskRecorded: false, overridden: false, open: 0 },
      unread: 0,
      validUntil: NEVER_EXPIRES,
      deadline: { ruleId: 'SNC-08', hours: 24, dueAt: '?', dueMs: null, recorded: false, lateByMinutes: 90 },
    };
    expect(readGradeReply({ grades: [grade], ms: 0 }, 1)!.grades[0]!.deadline!.dueMs).toBeNaN();
  });
});

describe('ListGrading.prepare', () => {
  it('reads the checklists before the first request, and grades the same afterwards', async () => {
    let reads = 0;
    const grading = new ListGrading(async () => {
      reads++;
      return checklists;
    });
    await grading.prepare();
    expect(reads).toBe(1);
    const reply = await grading.grade(request([{ note: 'Phoned the client.', answers: {} }]));
    expect(reply.grades[0]!.badge).toBe('unstructured');
  });
});

describe('ListGrading memory', () => {
  const row = { note: cancellation, attendance: 'cancelled-by-provider', answers: {} };

  it('forgets every note it holds after a minute without a request', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let now = new Date(2026, 5, 10, 12, 0).getTime();
      const grading = new ListGrading(
        async () => checklists,
        () => now,
      );
      await grading.grade(request([row]), 1);
      expect(grading.heldChars).toBeGreaterThan(cancellation.length);
      now += 30_000;
      vi.advanceTimersByTime(30_000);
      await grading.grade(request([{ ...row, note: `${cancellation}\nLater.` }]), 1);
      // A minute after the first request, but only half a minute after the last: still held.
      now += 30_000;
      vi.advanceTimersByTime(30_000);
      expect(grading.heldChars).toBeGreaterThan(cancellation.length);
      now += 30_000;
      vi.advanceTimersByTime(30_000);
      expect(grading.heldChars).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('forgets the notes when a tab that asked for grades closes', async () => {
    const grading = new ListGrading(async () => checklists);
    await grading.grade(request([row]), 7);
    grading.tabClosed(8);
    expect(grading.heldChars).toBeGreaterThan(0);
    grading.tabClosed(7);
    expect(grading.heldChars).toBe(0);
  });

  it('forgets the notes of a tab that closes while its first request waits for the checklists', async () => {
    let loaded!: () => void;
    const gate = new Promise<void>((resolve) => (loaded = resolve));
    const grading = new ListGrading(async () => {
      await gate;
      return checklists;
    });
    const answer = grading.grade(request([row]), 7);
    // The background now listens for tab closes (it started to when the request came): this one is heard.
    grading.tabClosed(7);
    loaded();
    await answer;
    expect(grading.heldChars).toBe(0);
    // Another tab's request afterwards is graded and held as before.
    await grading.grade(request([row]), 8);
    expect(grading.heldChars).toBeGreaterThan(0);
  });

  it('forgets the notes of a tab that closed before the background listened for tab closes', async () => {
    const asked: number[] = [];
    let open = false;
    const grading = new ListGrading(
      async () => checklists,
      Date.now,
      undefined,
      async (tabId) => {
        asked.push(tabId);
        return open;
      },
    );
    await grading.grade(request([row]), 7);
    await eventually(() => expect(grading.heldChars).toBe(0));
    // A tab still open keeps its notes, and is asked about once, not at every request.
    open = true;
    await grading.grade(request([row]), 9);
    await grading.grade(request([{ ...row, note: `${cancellation}\nLater.` }]), 9);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(grading.heldChars).toBeGreaterThan(0);
    expect(asked).toEqual([7, 9]);
  });

  it('bounds what it holds by the length of the text, not the number of rows', () => {
    const grader = new Grader(checklists, { locale: 'en', settings: {} });
    const long = 'Phoned the client. '.repeat(50_000);
    for (let i = 0; i < 50; i++) {
      grader.grade({ note: `${long}${i}`, answers: {} });
      expect(grader.heldChars).toBeLessThanOrEqual(MAX_HELD_CHARS);
    }
    expect(grader.heldChars).toBeGreaterThan(0);
  });
});

describe('ListGrading.prepare, kept', () => {
  it('warms each checklist once: a second list page load, and the list asking for its checklists, reuse the work', async () => {
    const grading = new ListGrading(async () => checklists);
    await grading.prepare();
    expect(grading.warmings).toBe(checklists.size);
    await grading.prepare();
    await grading.grade(request([{ note: 'Phoned the client.', answers: {} }], { warm: ['snc'] }));
    expect(grading.warmings).toBe(checklists.size);
  });
});

describe('GradeClient.warm', () => {
  it('asks for at most as many checklists as the background accepts, so a list with more still gets its warm-up', async () => {
    const sent: unknown[] = [];
    const client = new GradeClient(
      async (request) => {
        sent.push(listGradeRequest(viaJson(request), SENDER, 'ext'));
        return { grades: [], ms: 0 };
      },
      { locale: 'en', deadlineHours: {} },
    );
    client.warm(Array.from({ length: 60 }, (_, i) => `checklist-${i}`));
    await eventually(() => expect(sent).toHaveLength(1));
    expect((sent[0] as { warm?: string[] } | undefined)?.warm).toHaveLength(50);
  });
});

describe('ListGrading and a changed catalogue', () => {
  it('reads the checklists again when the list loaded others than it holds, once for each', async () => {
    // The background still holds the catalogue from before SNC was imported; the list already has it.
    const before = new Map([...checklists].filter(([id]) => id !== 'snc'));
    let stored: ReadonlyMap<string, Checklist> = checklists;
    let held: ReadonlyMap<string, Checklist> | undefined = before;
    let reads = 0;
    const grading = new ListGrading(
      async () => {
        held ??= stored;
        return held;
      },
      () => new Date(2026, 5, 10, 12, 0).getTime(),
      () => {
        reads++;
        held = undefined;
      },
    );
    const row = { note: cancellation, attendance: 'cancelled-by-provider', answers: {} };
    const asked = request([row], { catalog: catalogGeneration(checklists.values()) });
    const reply = await grading.grade(listGradeRequest(viaJson(asked), SENDER, 'ext')!);
    expect(reply.grades[0]!.checklistId).toBe('snc');
    expect(reply.grades[0]!.reason).toBeUndefined();
    expect(reads).toBe(1);
    // A list whose catalogue the background cannot match does not make it read again on every request.
    stored = before;
    const stale = request([row], { catalog: catalogGeneration(new Map([['x', { ...snc, id: 'x' }]]).values()) });
    await grading.grade(listGradeRequest(viaJson(stale), SENDER, 'ext')!);
    await grading.grade(listGradeRequest(viaJson(stale), SENDER, 'ext')!);
    expect(reads).toBe(2);
  });
});
