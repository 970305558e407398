// The list script's requests to the background (badges-grade.ts): an answer
// that never comes, an error or a malformed reply all come back as "no
// grades", so the rows get no badge; grades answered are reused for the same
// row content, and only while they are valid.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GRADE_TIMEOUT_MS, GradeClient } from '../../entrypoints/portal.content/features/list-badges/badges-grade';
import { builtInChecklists } from '../../lib/catalog/built-in';
import { backgroundStandIn } from './badges-fixtures';

const OPTIONS = { locale: 'en' as const, deadlineHours: {} };
const row = { note: 'Phoned the client.', answers: {} };

afterEach(() => vi.useRealTimers());

describe('GradeClient', () => {
  it('gives up on a background that does not answer', async () => {
    vi.useFakeTimers();
    const client = new GradeClient(() => new Promise(() => undefined), OPTIONS);
    const graded = client.grade([row]);
    await vi.advanceTimersByTimeAsync(GRADE_TIMEOUT_MS);
    await expect(graded).resolves.toBeUndefined();
    expect(client.known(row, Date.now())).toBeUndefined();
  });

  it('reads an error or a reply that is not grades as none', async () => {
    await expect(new GradeClient(() => Promise.reject(new Error('worker stopped')), OPTIONS).grade([row])).resolves.toBeUndefined();
    await expect(new GradeClient(async () => undefined, OPTIONS).grade([row])).resolves.toBeUndefined();
    await expect(new GradeClient(async () => ({ ok: false, error: 'x' }), OPTIONS).grade([row])).resolves.toBeUndefined();
  });

  it('remembers what the background answered for the same content, until it expires', async () => {
    const background = backgroundStandIn(builtInChecklists());
    const client = new GradeClient(background.send, OPTIONS);
    const [grade] = (await client.grade([row]))!;
    expect(grade!.badge).toBe('unstructured');
    expect(client.known({ ...row, answers: {} }, Date.now())).toEqual(grade);
    expect(client.known({ ...row, note: 'Another note.' }, Date.now())).toBeUndefined();
    expect(client.known(row, grade!.validUntil + 1)).toBeUndefined();
    expect(client.evaluations).toBe(1);
  });
});
