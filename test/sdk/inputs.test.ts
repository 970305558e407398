// What callers hand the SDK: language tags, clocks and records with stray
// keys, read the same way by every entry point that takes them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  evaluate,
  gradeNote,
  parseChecklist,
  readLocale,
  readNow,
  renderNote,
  toJSONSchema,
  toQuestionnaire,
  toQuestionnaireResponse,
  toZod,
} from '@chartguard/sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';

const snc = parseChecklist(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'checklists', 'snc.json'), 'utf8')));
const record = { attendance: 'cancelled-by-provider', informedAt: '2026-06-10T08:30', contactMethod: 'phone' };

afterEach(() => vi.restoreAllMocks());

describe('readLocale', () => {
  it.each(['zh', 'zh-CN', 'zh-Hans', 'zh-hans-cn', 'zh_CN', 'ZH-cn', 'zh-SG'])('%s reads zh-CN', (tag) => {
    expect(readLocale(tag)).toBe('zh-CN');
  });

  it.each(['en', 'en-GB', 'en-US', undefined, ''])('%s reads en without a word', (tag) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(readLocale(tag)).toBe('en');
    expect(warn).not.toHaveBeenCalled();
  });

  it('anything else reads en, and says so once per tag', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(readLocale('fr-CA')).toBe('en');
    expect(readLocale('fr-CA')).toBe('en');
    expect(readLocale('zh-TW')).toBe('en');
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[0]![0]).toContain('“fr-CA” is not supported; using “en”');
  });

  it('every entry point takes a tag and writes the locale it used', () => {
    expect(evaluate(snc, {}, { locale: 'zh' }).blocking[0]!.message).toBe(evaluate(snc, {}, { locale: 'zh-CN' }).blocking[0]!.message);
    expect(renderNote(snc, record, { locale: 'zh-Hans' })).toBe(renderNote(snc, record, { locale: 'zh-CN' }));
    expect(toQuestionnaire(snc, { locale: 'zh-Hans' }).language).toBe('zh-CN');
    expect(toQuestionnaire(snc, { locale: 'en-GB' }).language).toBe('en');
    expect(toQuestionnaireResponse(snc, record, { locale: 'zh' })).toEqual(toQuestionnaireResponse(snc, record, { locale: 'zh-CN' }));
    expect(JSON.stringify(toJSONSchema(snc, { locale: 'zh' }))).toBe(JSON.stringify(toJSONSchema(snc, { locale: 'zh-CN' })));
    const zodIssue = toZod(snc, { locale: 'zh' }).safeParse({}).error!.issues[0]!;
    expect(zodIssue.message).toBe(toZod(snc, { locale: 'zh-CN' }).safeParse({}).error!.issues[0]!.message);
    expect(gradeNote({ checklists: [snc], text: renderNote(snc, record), locale: 'zh' }).evaluation!.blocking[0]!.message).toMatch(
      /[\u4e00-\u9fff]/,
    );
  });
});

describe('readNow', () => {
  const ms = Date.UTC(2026, 5, 10, 8, 30);
  it.each([
    ['a Date', new Date(ms)],
    ['epoch ms', ms],
    ['ISO with Z and milliseconds (what renderers write)', '2026-06-10T08:30:00.000Z'],
    ['ISO with an offset', '2026-06-10T09:30:00+01:00'],
  ])('takes %s', (_what, now) => {
    expect(readNow(now)).toBe(ms);
  });

  it('a local ISO date-time is read in the local time zone, as the SDK reads local answers', () => {
    expect(readNow('2026-06-10T08:30')).toBe(new Date(2026, 5, 10, 8, 30).getTime());
  });

  it.each([['yesterday'], ['10/06/2026'], [Number.NaN], [new Date('nope')], [{}], [true]])('refuses %s with an error naming now', (now) => {
    expect(() => evaluate(snc, record, { now: now as never })).toThrow(
      /^now: expected a Date, an ISO 8601 date-time .* or epoch milliseconds; got /,
    );
    expect(() => evaluate(snc, record, { now: now as never })).toThrow(TypeError);
  });

  it('a string now judges the deadline as the same Date does', () => {
    const at = '2026-06-12T12:00:00Z';
    expect(evaluate(snc, record, { now: at })).toEqual(evaluate(snc, record, { now: new Date(at) }));
    expect(gradeNote({ checklists: [snc], text: renderNote(snc, record), now: Date.parse(at) }).badge).toBe(
      gradeNote({ checklists: [snc], text: renderNote(snc, record), now: new Date(at) }).badge,
    );
  });
});

describe('unknown field ids', () => {
  it('are reported as advisory issues with code unknown, and do not change the verdict', () => {
    const withTypo = evaluate(snc, { ...record, informedAT: '2026-06-10T08:30', extra: 1 }, { now: '2026-06-10T12:00' });
    const clean = evaluate(snc, record, { now: '2026-06-10T12:00' });
    const unknown = withTypo.issues.filter((issue) => issue.code === 'unknown');
    expect(unknown.map((issue) => issue.path)).toEqual([['informedAT'], ['extra']]);
    expect(unknown[0]).toMatchObject({ severity: 'advisory', ruleId: '' });
    expect(unknown[0]!.message).toBe('“informedAT” is not a field of checklist snc; its answer was not read.');
    expect(withTypo.warnings).toEqual(expect.arrayContaining(unknown));
    expect(withTypo.status).toBe(clean.status);
    expect(withTypo.blocking).toEqual(clean.blocking);
    expect(withTypo.answers).toEqual(clean.answers);
  });

  it('are found after a clean record with the same keys, and only among the record’s own keys', () => {
    const unknownPaths = (answers: Record<string, unknown>) =>
      evaluate(snc, answers, { now: '2026-06-10T12:00' })
        .issues.filter((issue) => issue.code === 'unknown')
        .map((issue) => issue.path);
    expect(unknownPaths(record)).toEqual([]);
    expect(unknownPaths({ ...record, extra: 1 })).toEqual([['extra']]);
    const { contactMethod, ...firstTwo } = record;
    expect(unknownPaths({ ...firstTwo, contactMethd: contactMethod })).toEqual([['contactMethd']]);
    expect(unknownPaths(Object.assign(Object.create({ inherited: 1 }), record))).toEqual([]);
    expect(unknownPaths(Object.assign(Object.create({ contactMethod }), firstTwo))).toEqual([]);
    expect(unknownPaths(Object.assign(Object.create({ contactMethod }), { ...firstTwo, stray: 1 }))).toEqual([['stray']]);
  });

  it('in Chinese too', () => {
    expect(evaluate(snc, { nope: 1 }, { locale: 'zh-CN' }).warnings.find((issue) => issue.code === 'unknown')!.message).toBe(
      '“nope”不是清单 snc 中的字段；其回答未被读取。',
    );
  });
});

describe('unknownFields: ignore', () => {
  it('leaves out the unknown issues for callers whose records carry other checklists’ answers', () => {
    const evaluation = evaluate(snc, { ...record, sessionType: 'follow-up' }, { now: '2026-06-10T12:00', unknownFields: 'ignore' });
    expect(evaluation.issues.filter((issue) => issue.code === 'unknown')).toEqual([]);
    expect(evaluation).toEqual(evaluate(snc, record, { now: '2026-06-10T12:00' }));
  });
});
