// The record page's feature script reads the panel's and the background's
// messages with plain guards (issue 18: no Zod in that script); they must
// accept exactly what lib/protocol.ts's schemas accept, and keep the same.
import { describe, expect, it } from 'vitest';
import { readDocked, readToContent, readToDock } from '../../entrypoints/portal.content/features/record-page/messages';
import { dockedSchema, NOTE_LIMIT, toContentSchema, toDockSchema } from '../../lib/protocol';

const long = (length: number) => 'x'.repeat(length);
const weird = [undefined, null, 0, 'hello', [], [{ type: 'hello' }], {}, { type: 'nope' }, { type: 1 }, Object.create(null)];

const toContent: unknown[] = [
  ...weird,
  { type: 'hello' },
  { type: 'hello', extra: 'kept out' },
  { type: 'ready' },
  { type: 'heldShown' },
  { type: 'select', checklistId: null },
  { type: 'select', checklistId: 'snc' },
  { type: 'select', checklistId: long(64) },
  { type: 'select', checklistId: long(65) },
  { type: 'select' },
  { type: 'select', checklistId: 3 },
  { type: 'apply', note: 'n', answers: {} },
  { type: 'apply', note: long(NOTE_LIMIT + 200_000), answers: {} },
  { type: 'apply', note: long(NOTE_LIMIT + 200_001), answers: {} },
  { type: 'apply', note: 'n', answers: { a: 'x', b: 2, c: true, d: ['p', 'q'], e: [] } },
  { type: 'apply', note: 'n', answers: { a: Number.NaN } },
  { type: 'apply', note: 'n', answers: { a: Number.POSITIVE_INFINITY } },
  { type: 'apply', note: 'n', answers: { a: null } },
  { type: 'apply', note: 'n', answers: { a: {} } },
  { type: 'apply', note: 'n', answers: { a: [1] } },
  { type: 'apply', note: 'n', answers: { a: Array.from({ length: 100 }, () => 'v') } },
  { type: 'apply', note: 'n', answers: { a: Array.from({ length: 101 }, () => 'v') } },
  { type: 'apply', note: 'n', answers: { a: [long(1000)] } },
  { type: 'apply', note: 'n', answers: { a: [long(1001)] } },
  { type: 'apply', note: 'n', answers: { [long(64)]: 'x' } },
  { type: 'apply', note: 'n', answers: { [long(65)]: 'x' } },
  { type: 'apply', note: 'n', answers: [] },
  { type: 'apply', note: 'n', answers: new Date(0) },
  { type: 'apply', note: 'n', answers: Object.assign(Object.create(null), { a: 'x' }) },
  JSON.parse('{"type":"apply","note":"n","answers":{"__proto__":["x"],"a":"y"}}'),
  { type: 'apply', answers: {} },
  { type: 'overrideSave', reason: 'because' },
  { type: 'overrideSave', reason: '' },
  { type: 'overrideSave', reason: long(2000) },
  { type: 'overrideSave', reason: long(2001) },
  { type: 'layout', collapsed: true },
  { type: 'layout', collapsed: 'yes' },
  { type: 'locale', locale: 'en' },
  { type: 'locale', locale: 'zh-CN' },
  { type: 'locale', locale: 'fr' },
  { type: 'verdict', seq: 3, checklist: null, verdict: { kind: 'allow' } },
  { type: 'verdict', seq: 3, checklist: null, verdict: { kind: 'allow', extra: 1 }, extra: 2 },
  { type: 'verdict', seq: 0, checklist: { id: 'snc', title: { en: 'SNC', 'zh-CN': '取消', fr: 'x' } }, verdict: { kind: 'allow' } },
  { type: 'verdict', seq: 3, checklist: { id: 'snc', title: { en: 'SNC' } }, verdict: { kind: 'allow' } },
  { type: 'verdict', seq: 3, checklist: { id: long(65), title: { en: 'a', 'zh-CN': 'b' } }, verdict: { kind: 'allow' } },
  { type: 'verdict', seq: 3, checklist: { id: 'snc', title: { en: long(401), 'zh-CN': 'b' } }, verdict: { kind: 'allow' } },
  { type: 'verdict', seq: 3, checklist: [], verdict: { kind: 'allow' } },
  { type: 'verdict', seq: -1, checklist: null, verdict: { kind: 'allow' } },
  { type: 'verdict', seq: 1.5, checklist: null, verdict: { kind: 'allow' } },
  { type: 'verdict', seq: 2 ** 60, checklist: null, verdict: { kind: 'allow' } },
  { type: 'verdict', seq: '3', checklist: null, verdict: { kind: 'allow' } },
  { type: 'verdict', checklist: null, verdict: { kind: 'allow' } },
  { type: 'verdict', seq: 3, verdict: { kind: 'allow' } },
  { type: 'verdict', seq: 3, checklist: null },
  { type: 'verdict', seq: 3, checklist: null, verdict: { kind: 'maybe' } },
  { type: 'verdict', seq: 3, checklist: null, verdict: { kind: 'unchecked', reason: 'no note field' } },
  { type: 'verdict', seq: 3, checklist: null, verdict: { kind: 'unchecked', reason: long(2001) } },
  { type: 'verdict', seq: 3, checklist: null, verdict: { kind: 'unchecked' } },
  {
    type: 'verdict',
    seq: 3,
    checklist: null,
    verdict: { kind: 'hold', blocking: [{ ruleId: 'SNC-01', message: 'Say why', path: ['reason'], extra: 1 }] },
  },
  { type: 'verdict', seq: 3, checklist: null, verdict: { kind: 'hold', blocking: [] } },
  { type: 'verdict', seq: 3, checklist: null, verdict: { kind: 'hold', blocking: [{ ruleId: long(33), message: 'm', path: [] }] } },
  { type: 'verdict', seq: 3, checklist: null, verdict: { kind: 'hold', blocking: [{ ruleId: 'r', message: long(2001), path: [] }] } },
  {
    type: 'verdict',
    seq: 3,
    checklist: null,
    verdict: { kind: 'hold', blocking: [{ ruleId: 'r', message: 'm', path: ['a', 'b', 'c', 'd', 'e'] }] },
  },
  { type: 'verdict', seq: 3, checklist: null, verdict: { kind: 'hold', blocking: [{ ruleId: 'r', message: 'm', path: [1] }] } },
  { type: 'verdict', seq: 3, checklist: null, verdict: { kind: 'hold', blocking: [{ ruleId: 'r', message: 'm' }] } },
  {
    type: 'verdict',
    seq: 3,
    checklist: null,
    verdict: { kind: 'hold', blocking: Array.from({ length: 201 }, () => ({ ruleId: 'r', message: 'm', path: [] })) },
  },
  { type: 'verdict', seq: 3, checklist: null, verdict: { kind: 'hold', blocking: {} } },
];

const toDock: unknown[] = [
  ...weird,
  { type: 'dock.mount', frameId: 3, token: 'aaaa' },
  { type: 'dock.mount', frameId: 3, token: 'aaaa', extra: 1 },
  { type: 'dock.mount', frameId: 0, token: 'aaaa' },
  { type: 'dock.mount', frameId: 1.5, token: 'aaaa' },
  { type: 'dock.mount', frameId: 2 ** 60, token: 'aaaa' },
  { type: 'dock.mount', frameId: 3, token: '' },
  { type: 'dock.mount', frameId: 3, token: long(64) },
  { type: 'dock.mount', frameId: 3, token: long(65) },
  { type: 'dock.mount', frameId: '3', token: 'aaaa' },
  { type: 'dock.collapse', frameId: 3, token: 't', collapsed: false },
  { type: 'dock.collapse', frameId: -1.5, token: 't', collapsed: true },
  { type: 'dock.collapse', frameId: 3, token: 't' },
  { type: 'dock.collapse', frameId: Number.NaN, token: 't', collapsed: true },
  { type: 'dock.notice', frameId: 3, token: 't', text: null },
  { type: 'dock.notice', frameId: 3, token: 't', text: 'saving' },
  { type: 'dock.notice', frameId: 3, token: 't', text: long(2001) },
  { type: 'dock.notice', frameId: 3, token: 't' },
  { type: 'dock.orphan', frameId: 3, token: 't', text: 'gone' },
  { type: 'dock.orphan', frameId: 3, token: 't', text: null },
  { type: 'dock.unmount', frameId: 3, token: 't' },
  { type: 'dock.unmount', frameId: 0, token: 't' },
  { type: 'dock.unmount', frameId: 3 },
  { type: 'dock.load', frameId: 3, token: 't' },
  { type: 'dock.load', frameId: 3, token: '' },
  { type: 'dock.load', frameId: 3 },
  { type: 'dock.load', frameId: 3, token: 't', extra: true },
];

const docked: unknown[] = [
  ...weird,
  { type: 'docked', docked: true, frameId: 0 },
  { type: 'docked', docked: false, frameId: 4, extra: 1 },
  { type: 'docked', docked: false, frameId: -1 },
  { type: 'docked', docked: false, frameId: 1.5 },
  { type: 'docked', docked: 'no', frameId: 4 },
  { type: 'dock', docked: false, frameId: 4 },
  { type: 'docked', docked: false },
];

const zodReading = (schema: { safeParse(raw: unknown): { success: boolean; data?: unknown } }) => (raw: unknown) => {
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
};

describe.each([
  ['the panel’s messages', toContent, readToContent, zodReading(toContentSchema)],
  ['the background’s dock messages', toDock, readToDock, zodReading(toDockSchema)],
  ['the background’s dock answer', docked, readDocked, zodReading(dockedSchema)],
] as const)('%s', (_name, cases, guard, schema) => {
  it.each(cases.map((raw, index) => [index, raw] as const))('case %i reads as lib/protocol.ts reads it', (_index, raw) => {
    expect(guard(raw)).toEqual(schema(raw));
  });
});

describe('an answer keyed "__proto__" (a JSON-decoded message can carry one)', () => {
  it('is dropped, as Zod drops it, and never becomes the answers’ prototype', () => {
    const raw = JSON.parse('{"type":"apply","note":"n","answers":{"__proto__":["x"],"a":"y"}}') as unknown;
    const read = readToContent(raw) as { answers: Record<string, unknown> };
    expect(Object.getPrototypeOf(read.answers)).toBe(Object.prototype);
    expect(Object.keys(read.answers)).toEqual(['a']);
    expect(read).toEqual(zodReading(toContentSchema)(raw));
  });
});
