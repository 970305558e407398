// The rule engine reads answers by field place (compileChecklist's `at`, `place` and `compared`, runRules' stores),
// while a checklist names fields by id: evaluate must keep, show and judge exactly what a by-id reading of the
// record does, so a place off by one or a swapped field fails here rather than on a supervisor's list.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ATTENDANCE_CODES } from '../../sdk/src/attendance.js';
import { compileAt } from '../../sdk/src/conditions.js';
import {
  evaluate,
  holds,
  parseChecklist,
  type Checklist,
  type ChecklistField,
  type ChecklistRecord,
  type ChecklistRule,
  type Condition,
} from '../../sdk/src/index.js';
import { allFields, conditionFields } from '../../sdk/src/model-utils.js';
import { isAnswered } from '../../sdk/src/record.js';
import { compileChecklist } from '../../sdk/src/rules.js';

const dir = join(__dirname, '..', '..', 'checklists');
const checklists: Checklist[] = ['cx', 'fus', 'ia', 'mv', 'snc'].map((id) =>
  parseChecklist(JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8'))),
);

/** Every condition a checklist holds: visibility, rules' triggers and checks, its deadline's check, attention items. */
function conditionsOf(checklist: Checklist): Condition[] {
  const out: Condition[] = [];
  for (const field of allFields(checklist)) if (field.enableWhen) out.push(field.enableWhen);
  for (const rule of checklist.rules) for (const c of [rule.when, rule.expect]) if (c) out.push(c);
  if (checklist.deadline?.expect) out.push(checklist.deadline.expect);
  for (const item of checklist.attention ?? []) out.push(item.when);
  return out;
}

/** Values conditions compare against, by field, so random records meet both sides of each condition. */
function mentioned(conditions: readonly Condition[]): Map<string, unknown[]> {
  const values = new Map<string, unknown[]>();
  const visit = (c: Condition): void => {
    if ('all' in c) c.all.forEach(visit);
    else if ('any' in c) c.any.forEach(visit);
    else if ('not' in c) visit(c.not);
    else addValues(c);
  };
  const addValues = (c: Extract<Condition, { field: string }>): void => {
    const list = values.get(c.field) ?? [];
    if ('value' in c) list.push(c.value);
    if ('values' in c) list.push(...c.values);
    if ('min' in c) list.push(c.min, c.max, (c.min + c.max) / 2);
    values.set(c.field, list);
  };
  conditions.forEach(visit);
  return values;
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
}

function randomRecord(checklist: Checklist, hints: Map<string, unknown[]>, random: () => number): ChecklistRecord {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const record: ChecklistRecord = {};
  for (const field of allFields(checklist)) {
    if (random() < 0.3) continue;
    const hint = hints.get(field.id) ?? [];
    if (hint.length && random() < 0.6) {
      const value = pick(hint);
      record[field.id] = field.type === 'multichoice' ? [String(value)] : (value as string);
      continue;
    }
    switch (field.type) {
      case 'choice':
        record[field.id] = pick(field.options!).value;
        break;
      case 'multichoice':
        record[field.id] = field.options!.filter(() => random() < 0.4).map((option) => option.value);
        break;
      case 'attendance':
        record[field.id] = pick(ATTENDANCE_CODES);
        break;
      case 'boolean':
        record[field.id] = random() < 0.5;
        break;
      case 'number':
        record[field.id] = Math.round(random() * 40);
        break;
      case 'date':
        record[field.id] = `2026-03-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
        break;
      case 'datetime':
        record[field.id] = `2026-03-0${1 + Math.floor(random() * 9)}T${String(Math.floor(random() * 24)).padStart(2, '0')}:00`;
        break;
      default:
        record[field.id] = pick(['yes', 'Client informed.', '  ']);
    }
  }
  return record;
}

/**
 * The rules as the engine runs them, written out from the checklist schema rather than taken from compileChecklist:
 * a deadline that also asks for answers (FUS-04) is judged as a required rule under the deadline's id.
 */
function rulesOf(checklist: Checklist): ChecklistRule[] {
  const { deadline } = checklist;
  if (!deadline || (!deadline.requires?.length && !deadline.expect)) return checklist.rules;
  const rule: ChecklistRule = { id: deadline.rule, severity: 'required', summary: deadline.summary };
  if (deadline.requires) rule.requires = deadline.requires;
  if (deadline.expect) rule.expect = deadline.expect;
  if (deadline.expectField) rule.expectField = deadline.expectField;
  return [...checklist.rules, rule];
}

/** Fields a check compares, so it waits for their answers: presence tests (exists, notExists) compare nothing. */
function comparedIds(c: Condition): string[] {
  if ('all' in c) return c.all.flatMap(comparedIds);
  if ('any' in c) return c.any.flatMap(comparedIds);
  if ('not' in c) return comparedIds(c.not);
  if (c.op === 'exists' || c.op === 'notExists') return [];
  return 'otherField' in c ? [c.field, c.otherField] : [c.field];
}

/** Whether an answer from randomRecord (already trimmed and non-blank) has its field's type, options and range. */
function validAnswer(field: ChecklistField, value: unknown): boolean {
  const options = (field.options ?? []).map((option) => option.value);
  switch (field.type) {
    case 'text':
    case 'longtext':
      return typeof value === 'string';
    case 'choice':
      return typeof value === 'string' && options.includes(value);
    case 'attendance':
      return typeof value === 'string' && (ATTENDANCE_CODES as readonly string[]).includes(value);
    case 'multichoice':
      return Array.isArray(value) && value.every((item) => options.includes(item));
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return (
        typeof value === 'number' && (field.min === undefined || value >= field.min) && (field.max === undefined || value <= field.max)
      );
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d\d-\d\d$/.test(value);
    case 'datetime':
      return typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(value);
  }
}

interface ByIdOutcome {
  answers: ChecklistRecord;
  visible: string[];
  invalid: string[];
  /** Per rule of rulesOf, by index: its missing and failed issues as `severity code field`. */
  issues: string[][];
  /** Per rule, whether its `expect` was judged (it applied and its compared fields were answered, or it judges unanswered). */
  judged: boolean[];
  followUps: string[];
  required: string[];
}

/**
 * The engine's semantics read by field id only, from the schema's words: a hidden field is neither read nor
 * required; a rule applies while `when` holds; each shown, unanswered, not wrongly answered field it requires or
 * suggests is missing; its `expect` is judged once every compared field is answered (or always, with
 * judgeUnanswered) and fails where it does not hold, shown on `expectField` or the first field it names.
 */
function byId(checklist: Checklist, rules: readonly ChecklistRule[], record: ChecklistRecord): ByIdOutcome {
  const answers: ChecklistRecord = {};
  const visible: string[] = [];
  const invalid: string[] = [];
  for (const field of allFields(checklist)) {
    if (field.enableWhen && !holds(field.enableWhen, answers)) continue;
    visible.push(field.id);
    const value = record[field.id];
    if (!isAnswered(value)) continue;
    if (validAnswer(field, value)) answers[field.id] = value;
    else invalid.push(field.id);
  }
  const missing = (id: string) => visible.includes(id) && answers[id] === undefined && !invalid.includes(id);
  const followUps: string[] = [];
  const required = new Set<string>();
  const judged: boolean[] = [];
  const issues = rules.map((rule) => {
    const out: string[] = [];
    judged.push(false);
    if (rule.when && !holds(rule.when, answers)) return out;
    if (rule.severity === 'follow-up') followUps.push(rule.id);
    for (const id of rule.requires ?? []) {
      if (rule.severity === 'required' && visible.includes(id)) required.add(id);
      if (missing(id)) out.push(`${rule.severity} missing ${id}`);
    }
    for (const id of rule.suggests ?? []) if (missing(id)) out.push(`advisory missing ${id}`);
    const { expect: check } = rule;
    if (check && (rule.judgeUnanswered || comparedIds(check).every((id) => answers[id] !== undefined))) {
      judged[judged.length - 1] = true;
      if (!holds(check, answers)) out.push(`${rule.severity} failed ${rule.expectField ?? conditionFields(check)[0]}`);
    }
    return out;
  });
  return { answers, visible, invalid, issues, judged, followUps, required: visible.filter((id) => required.has(id)) };
}

describe.each(checklists.map((checklist) => [checklist.id, checklist] as const))('%s', (_, checklist) => {
  const conditions = conditionsOf(checklist);
  const { fields } = compileChecklist(checklist);
  const byPlace = conditions.map((condition) => compileAt(condition, (id) => fields.findIndex((field) => field.id === id)));
  const hints = mentioned(conditions);

  it('decides every condition by place as by id, over 500 random records', () => {
    expect(conditions.length).toBeGreaterThan(0);
    const random = seeded(checklist.id.length * 7919);
    let held = 0;
    for (let n = 0; n < 500; n++) {
      const record = randomRecord(checklist, hints, random);
      const values = fields.map((field) => record[field.id]);
      for (let c = 0; c < conditions.length; c++) {
        const expected = holds(conditions[c]!, record);
        if (byPlace[c]!(values) !== expected) expect.fail(`${JSON.stringify(conditions[c])} on ${JSON.stringify(record)}`);
        if (expected) held++;
      }
    }
    // Both outcomes occur, so agreement is not agreement on `false` alone.
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(500 * conditions.length);
  });

  it('evaluates 500 random records as the by-id reading does: answers, visibility and every rule', () => {
    const rules = rulesOf(checklist);
    const random = seeded(checklist.id.length * 104_729);
    const ids = fields.map((field) => field.id);
    // Per rule: records on which it raised issues, stayed quiet, had its check judged and failing, judged and holding.
    const fired = rules.map(() => 0);
    const quiet = rules.map(() => 0);
    const failed = rules.map(() => 0);
    const passed = rules.map(() => 0);
    for (let n = 0; n < 500; n++) {
      const record = randomRecord(checklist, hints, random);
      const evaluation = evaluate(checklist, record, { now: '2026-03-01T00:00' });
      const expected = byId(checklist, rules, record);
      const on = JSON.stringify(record);

      // (a) The answers kept are the record's own, for the fields the by-id reading keeps, in reading order.
      expect(Object.keys(evaluation.answers), on).toEqual(Object.keys(expected.answers));
      expect(Object.keys(evaluation.answers), on).toEqual(ids.filter((id) => id in evaluation.answers));
      for (const [id, value] of Object.entries(evaluation.answers)) expect(value, `${id} on ${on}`).toEqual(record[id]);
      expect(evaluation.visible, on).toEqual(expected.visible);
      const invalid = evaluation.issues.filter((issue) => issue.code === 'invalid').map((issue) => issue.path[0]);
      expect(invalid.sort(), on).toEqual([...expected.invalid].sort());

      // (b) Each rule raises exactly the issues the by-id reading gives it. Rules sharing an id (a rule and its
      // follow-up) are told apart by severity, which is part of each issue's key.
      const raised = new Map<string, string[]>();
      for (const issue of evaluation.issues) {
        if (issue.code !== 'missing' && issue.code !== 'failed') continue;
        raised.set(issue.ruleId, [...(raised.get(issue.ruleId) ?? []), `${issue.severity} ${issue.code} ${issue.path[0]}`]);
      }
      for (const id of new Set(rules.map((rule) => rule.id))) {
        const want = rules.flatMap((rule, r) => (rule.id === id ? expected.issues[r]! : []));
        expect((raised.get(id) ?? []).sort(), `${id} on ${on}`).toEqual(want.sort());
      }
      expect(
        evaluation.followUps.map((followUp) => followUp.ruleId),
        on,
      ).toEqual(expected.followUps);
      expect(evaluation.progress.total, on).toBe(expected.required.length);

      rules.forEach((_rule, r) => {
        if (expected.issues[r]!.length) fired[r]!++;
        else quiet[r]!++;
        if (expected.judged[r]) (expected.issues[r]!.some((key) => key.includes(' failed ')) ? failed : passed)[r]!++;
      });
    }
    // Agreement means something only where a rule both fires and stays quiet, and where a check is both failed
    // and met: counted per rule, so one busy rule cannot hide others that never fired.
    const oneSided = rules.filter((_rule, r) => !fired[r] || !quiet[r]).map((rule) => `${rule.id} ${rule.severity}`);
    const unchecked = rules.filter((rule, r) => rule.expect && (!failed[r] || !passed[r])).map((rule) => `${rule.id} ${rule.severity}`);
    // A few rules cannot fire by construction (FUS-09's required part asks for the very answer its `when` tests).
    expect(oneSided.length, `rules seen one way only: ${oneSided.join(', ')}`).toBeLessThanOrEqual(rules.length / 10);
    expect(unchecked, 'checks never both failed and met').toEqual([]);
  });
});
