// validate is the verdict-only peer of evaluate: it must list exactly the issues evaluate lists, in the same
// order, for any record, so a caller may switch to it without a change in what users are told. Checked over
// generated records of every shipped checklist, valid and invalid, across clocks, languages and options.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ATTENDANCE_CODES } from '../../sdk/src/attendance.js';
import {
  evaluate,
  validate,
  type Checklist,
  type ChecklistField,
  type Condition,
  type EvaluateOptions,
  type Evaluation,
} from '../../sdk/src/index.js';
import { evaluateRead } from '../../sdk/src/evaluate.js';
import { FIELD_READERS } from '../../sdk/src/field-readers.js';
import { usesGeneratedCheck } from '../../sdk/src/validate.js';
import { allFields } from '../../sdk/src/model-utils.js';
import { shippedChecklists } from './fhir-support';

const dir = join(__dirname, '..', '..', 'checklists');
/** Every shipped checklist, as the other SDK tests read them. */
const checklists: Checklist[] = shippedChecklists;

function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
}

/** Values the checklist's conditions compare against, by field, so generated records land on both sides of them. */
function hintsOf(checklist: Checklist): Map<string, unknown[]> {
  const hints = new Map<string, unknown[]>();
  const visit = (c: Condition): void => {
    if ('all' in c) c.all.forEach(visit);
    else if ('any' in c) c.any.forEach(visit);
    else if ('not' in c) visit(c.not);
    else addHints(c);
  };
  const addHints = (c: Extract<Condition, { field: string }>): void => {
    const list = hints.get(c.field) ?? [];
    if ('value' in c) list.push(c.value);
    if ('values' in c) list.push(...c.values);
    if ('min' in c) list.push(c.min, c.max);
    hints.set(c.field, list);
  };
  for (const field of allFields(checklist)) if (field.enableWhen) visit(field.enableWhen);
  for (const rule of checklist.rules) for (const c of [rule.when, rule.expect]) if (c) visit(c);
  if (checklist.deadline?.expect) visit(checklist.deadline.expect);
  for (const item of checklist.attention ?? []) visit(item.when);
  return hints;
}

/** A plausible answer for the field (often one its conditions name), or, one time in `wrongOdds`, a wrong one. */
function answer(field: ChecklistField, hints: unknown[], random: () => number, wrongOdds: number): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  if (random() < wrongOdds)
    return pick<unknown>([42, 'not an option', '   ', '2026-02-30', '2026-03-01T25:00', [], ['', ' '], null, true, -1, 1e9, 'x\r\ny ']);
  if (hints.length && random() < 0.6) {
    const value = pick(hints);
    return field.type === 'multichoice' ? [String(value)] : value;
  }
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  switch (field.type) {
    case 'choice':
      return pick(field.options!).value;
    case 'multichoice':
      return field.options!.filter(() => random() < 0.4).map((option) => (random() < 0.1 ? ` ${option.value} ` : option.value));
    case 'attendance':
      return pick(ATTENDANCE_CODES);
    case 'boolean':
      return random() < 0.5;
    case 'number':
      return Math.round((field.min ?? 0) + random() * ((field.max ?? 40) - (field.min ?? 0)));
    case 'date':
      return `2026-03-${day}`;
    case 'datetime':
      return `2026-03-${day}T${String(Math.floor(random() * 24)).padStart(2, '0')}:${random() < 0.5 ? '00' : '30'}`;
    default:
      return pick(['Client informed.', ' Discussed by phone. ', 'Line one\r\nline two']);
  }
}

/**
 * Records of the checklist: random ones, then each repaired a few rounds toward what evaluate accepts (every
 * issue's field given a fresh answer, unknown keys dropped), so valid records occur beside invalid ones.
 */
function* records(checklist: Checklist, seed: number, count: number): Generator<Record<string, unknown>> {
  const random = seeded(seed);
  const hints = hintsOf(checklist);
  const fields = allFields(checklist);
  const byId = new Map(fields.map((field) => [field.id, field]));
  for (let n = 0; n < count; n++) {
    const record: Record<string, unknown> = {};
    for (const field of fields) if (random() < 0.8) record[field.id] = answer(field, hints.get(field.id) ?? [], random, 0.1);
    if (random() < 0.2) record[random() < 0.5 ? 'informedAT' : 'extra'] = 'typo';
    yield { ...record };
    for (let round = 0; round < 10; round++) {
      const { issues } = evaluate(checklist, record, { now: '2026-03-02T00:00' });
      if (!issues.length) break;
      for (const issue of issues) {
        const id = issue.path[0];
        if (id === undefined) continue;
        const field = byId.get(id);
        if (field) record[id] = answer(field, hints.get(id) ?? [], random, 0);
        else delete record[id];
      }
      yield { ...record };
    }
  }
}

const NOWS = ['2026-03-02T00:00', '2026-03-10T12:00', '2026-04-30T09:15', new Date(2026, 2, 5, 8, 0), Date.UTC(2026, 2, 3)];

describe('validate lists exactly the issues evaluate lists', () => {
  for (const checklist of checklists) {
    it(`${checklist.id}: over generated records, valid and invalid, every clock and option`, () => {
      const random = seeded(7);
      let valid = 0;
      let invalid = 0;
      const codes = new Set<string>();
      for (const record of records(checklist, checklist.id.length * 101, 120)) {
        const options: EvaluateOptions = {
          now: NOWS[Math.floor(random() * NOWS.length)],
          locale: random() < 0.3 ? 'zh-CN' : 'en',
          ...(random() < 0.2 && { unknownFields: 'ignore' as const }),
          ...(random() < 0.2 && checklist.deadline && { settings: { deadlineHours: { [checklist.deadline.rule]: 1 } } }),
        };
        const expected = evaluate(checklist, record, options).issues;
        const issues = validate(checklist, record, options);
        expect(issues).toEqual(expected);
        // The messages too, the deadline's included.
        expect(issues.map((issue) => issue.message)).toEqual(expected.map((issue) => issue.message));
        if (issues.length) invalid++;
        else valid++;
        for (const issue of issues) codes.add(issue.code);
      }
      expect(valid).toBeGreaterThan(5);
      expect(invalid).toBeGreaterThan(10);
      expect([...codes].sort()).toEqual(expect.arrayContaining(['failed', 'invalid', 'missing', 'unknown']));
    });
  }

  it('reports a passed deadline, late and overdue, as evaluate does', () => {
    const codes = new Set<string>();
    for (const checklist of checklists) {
      if (!checklist.deadline) continue;
      for (const record of records(checklist, 3, 40)) {
        for (const now of ['2026-03-01T00:00', '2027-01-01T00:00']) {
          const issues = validate(checklist, record, { now });
          expect(issues).toEqual(evaluate(checklist, record, { now }).issues);
          for (const issue of issues) codes.add(issue.code);
        }
      }
    }
    expect(codes).toContain('overdue');
    expect(codes).toContain('late');
  });

  it('has a build-time reader for every shipped checklist, reading each field by its id', () => {
    for (const checklist of checklists) {
      const ids = allFields(checklist).map((field) => field.id);
      const reader = FIELD_READERS.find((r) => r.ids.join() === ids.join());
      expect(reader, checklist.id).toBeDefined();
      const record = Object.fromEntries(ids.map((id) => [id, `answer to ${id}`]));
      expect(reader!.read(record)).toEqual(ids.map((id) => `answer to ${id}`));
    }
  });

  it('reads a checklist given at run time that no reader matches by id, with the same verdicts', () => {
    for (const original of checklists) {
      // Sections in reverse: the same fields in another order, so no build-time reader fits.
      const checklist: Checklist = { ...original, sections: [...original.sections].reverse() };
      const ids = allFields(checklist)
        .map((field) => field.id)
        .join();
      expect(FIELD_READERS.some((r) => r.ids.join() === ids)).toBe(false);
      for (const record of records(original, 11, 30)) {
        const options = { now: '2026-03-10T12:00' };
        expect(validate(checklist, record, options)).toEqual(evaluate(checklist, record, options).issues);
      }
    }
  });

  it('runs the build-time check of a shipped checklist only for that checklist, read or parsed', () => {
    let differs = 0;
    for (const parsed of checklists) {
      const raw = JSON.parse(readFileSync(join(dir, `${parsed.id}.json`), 'utf8')) as Checklist;
      // One rule asks for one field fewer: the build's check of the shipped checklist would still ask for it.
      const r = parsed.rules.findIndex((rule) => (rule.requires?.length ?? 0) > 0);
      const changed: Checklist = {
        ...parsed,
        rules: parsed.rules.map((rule, i) => (i === r ? { ...rule, requires: rule.requires!.slice(1) } : rule)),
      };
      for (const record of records(parsed, 13, 30)) {
        const options = { now: '2026-03-10T12:00' };
        expect(validate(raw, record, options)).toEqual(evaluate(raw, record, options).issues);
        const expected = evaluate(changed, record, options).issues;
        expect(validate(changed, record, options)).toEqual(expected);
        if (expected.length !== evaluate(parsed, record, options).issues.length) differs++;
      }
    }
    // The change shows in some records, so a check run for the changed checklist would have been caught.
    expect(differs).toBeGreaterThan(3);
  });

  it('normalises answers as evaluate does: spaces and line ends of any kind at the edges, booleans, numbers', () => {
    let trimmed = 0;
    for (const checklist of checklists) {
      const choices = allFields(checklist).filter((field) => field.type === 'choice' && field.options?.length);
      for (const field of choices) {
        const value = field.options![0]!.value;
        for (const edge of ['\u00a0', '\t', '\u2028', '\r\n', '\u3000', ' ', '']) {
          for (const text of [`${edge}${value}`, `${value}${edge}`, `${value}\r`, edge]) {
            const record = { [field.id]: text, returning: true, attended: false, sessionLengthMinutes: -0 };
            const options = { now: '2026-03-10T12:00', unknownFields: 'ignore' as const };
            const expected = evaluate(checklist, record, options).issues;
            expect(validate(checklist, record, options)).toEqual(expected);
            if (text !== value && text.trim() === value && !expected.some((issue) => issue.path[0] === field.id)) trimmed++;
          }
        }
      }
    }
    // Answers that only trimming makes valid occurred, so keeping one untrimmed would have been caught.
    expect(trimmed).toBeGreaterThan(20);
  });

  it('runs the build-time check for every shipped checklist, and the engine for an edited one', () => {
    // The fingerprint is computed twice, by the generator at build time and by validate at run time: were they ever to
    // differ, validate would quietly fall back to the engine (right, but slower); this says so at once.
    for (const checklist of checklists) expect(usesGeneratedCheck(checklist), checklist.id).toBe(true);
    const edited = structuredClone(checklists[0]!);
    (edited as { id: string }).id = `${edited.id}-edited`;
    expect(usesGeneratedCheck(edited)).toBe(false);
  });

  it('has the build-time checks the generator writes from the checklists today', () => {
    // Exits non-zero, naming the file, when sdk/src/checklist-checks.ts is stale.
    execFileSync(process.execPath, [join(__dirname, '..', '..', 'sdk', 'scripts', 'checklist-checks.mjs'), '--check'], { stdio: 'pipe' });
  });

  it('takes what evaluate takes: no record, a wrong clock', () => {
    const [checklist] = checklists;
    expect(validate(checklist!, undefined as never)).toEqual(evaluate(checklist!, undefined as never).issues);
    expect(() => validate(checklist!, {}, { now: 'soon' })).toThrow(TypeError);
  });
});

describe('evaluate through the build-time check gives the engine’s whole Evaluation', () => {
  /** Everything an Evaluation holds, as JSON: key order included (answers in reading order), and the deadline's message read. */
  const whole = (evaluation: Evaluation) => JSON.stringify({ ...evaluation, messages: evaluation.issues.map((issue) => issue.message) });

  for (const checklist of checklists) {
    it(`${checklist.id}: over generated records, every clock, language and setting`, () => {
      expect(usesGeneratedCheck(checklist)).toBe(true);
      const random = seeded(31);
      let complete = 0;
      let incomplete = 0;
      let followUps = 0;
      let attention = 0;
      for (const record of records(checklist, checklist.id.length * 211, 120)) {
        const options: EvaluateOptions = {
          now: NOWS[Math.floor(random() * NOWS.length)],
          locale: random() < 0.3 ? 'zh-CN' : 'en',
          ...(random() < 0.3 && {
            settings: {
              ...(checklist.deadline && { deadlineHours: { [checklist.deadline.rule]: 1 } }),
              followUpHours: Object.fromEntries(checklist.rules.map((rule) => [rule.id, 3])),
            },
          }),
        };
        // evaluateRead without a note's reading is the engine alone; evaluate adds the unknown-field issues after.
        const engine = evaluateRead(checklist, record, options);
        const generated = evaluate(checklist, record, { ...options, unknownFields: 'ignore' });
        expect(whole(generated)).toBe(whole(engine));
        if (engine.status === 'complete') complete++;
        else incomplete++;
        if (engine.followUps.length) followUps++;
        if (engine.attention.length) attention++;
      }
      // Both verdicts occur, and the follow-ups and attention items are exercised where the checklist has them.
      expect(complete).toBeGreaterThan(5);
      expect(incomplete).toBeGreaterThan(5);
      if (checklist.rules.some((rule) => rule.severity === 'follow-up')) expect(followUps).toBeGreaterThan(5);
      if (checklist.attention?.length) expect(attention).toBeGreaterThan(0);
    });
  }

  it('takes an answer as given only when it is already normal: -0 is read as 0, NaN as no answer, a list as a copy', () => {
    const ia = checklists.find((checklist) => checklist.id === 'ia')!;
    // A score with a range (0 to 27) and one without, both shown once their measure is ticked.
    const ticked = ['phq-9', 'other'];
    for (const [value, expected] of [
      [-0, 0],
      [0, 0],
      [Number.NaN, undefined],
    ] as const) {
      const record = { measuresUsed: ticked, phq9Score: value, otherMeasureScore: value };
      const generated = evaluate(ia, record, { now: NOWS[1] });
      expect(Object.is(generated.answers.phq9Score, expected)).toBe(true);
      expect(Object.is(generated.answers.otherMeasureScore, expected)).toBe(true);
      expect(whole(generated)).toBe(whole(evaluateRead(ia, record, { now: NOWS[1] })));
      expect(generated.answers.measuresUsed).toEqual(ticked);
      expect(generated.answers.measuresUsed).not.toBe(ticked);
    }
  });

  it('runs the engine for an edited checklist, with the edit’s verdicts', () => {
    const parsed = checklists.find((checklist) => checklist.id === 'mv')!;
    const r = parsed.rules.findIndex((rule) => rule.severity === 'required' && (rule.requires?.length ?? 0) > 0);
    const changed: Checklist = {
      ...parsed,
      rules: parsed.rules.map((rule, i) => (i === r ? { ...rule, requires: rule.requires!.slice(1) } : rule)),
    };
    expect(usesGeneratedCheck(changed)).toBe(false);
    let differs = 0;
    for (const record of records(parsed, 17, 40)) {
      const options = { now: '2026-03-10T12:00' };
      expect(whole(evaluate(changed, record, { ...options, unknownFields: 'ignore' }))).toBe(whole(evaluateRead(changed, record, options)));
      if (evaluate(changed, record, options).progress.total !== evaluate(parsed, record, options).progress.total) differs++;
    }
    expect(differs).toBeGreaterThan(3);
  });
});
