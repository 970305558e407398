// The rule engine reads answers by field place (compileAt, runRules) while the
// public `holds` reads them by field id: both must decide every condition of
// every shipped checklist alike, and evaluate's answers must keep their order.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ATTENDANCE_CODES } from '../../sdk/src/attendance.js';
import { compileAt } from '../../sdk/src/conditions.js';
import { evaluate, holds, parseChecklist, type Checklist, type ChecklistRecord, type Condition } from '../../sdk/src/index.js';
import { allFields } from '../../sdk/src/model-utils.js';
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

  it("keeps evaluate's answers in reading order, without hidden or invalid ones", () => {
    const random = seeded(checklist.id.length * 104_729);
    for (let n = 0; n < 200; n++) {
      const record = randomRecord(checklist, hints, random);
      const evaluation = evaluate(checklist, record);
      const order = fields.map((field) => field.id).filter((id) => id in evaluation.answers);
      expect(Object.keys(evaluation.answers)).toEqual(order);
      for (const id of order) expect(evaluation.visible).toContain(id);
    }
  });
});
