// The checklist editor's state: every edit is a pure function, and the only
// judge of a draft is the SDK's meta-schema, whose problems are named by path.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate, parseChecklist, type Checklist, type Condition } from '@chartguard/sdk';
import { describe, expect, it } from 'vitest';
import {
  addAttention,
  addField,
  addOption,
  addRule,
  addSection,
  dueKind,
  dueTime,
  fieldsBefore,
  fieldsOf,
  leafCondition,
  moveField,
  moveItem,
  moveOption,
  moveRule,
  moveSection,
  newDeadline,
  newDraft,
  operatorsFor,
  readablePath,
  readDraftFile,
  removeAttention,
  removeField,
  removeOption,
  removeRule,
  removeSection,
  renameField,
  setDeadline,
  setFieldType,
  toChecklistData,
  unwrapCondition,
  updateField,
  updateOption,
  updateRule,
  updateSection,
  validateDraft,
  valuesFor,
  wrapCondition,
  type Draft,
} from '../../lib/checklist-draft';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const snc = JSON.parse(fs.readFileSync(path.join(ROOT, 'checklists/snc.json'), 'utf8')) as Checklist;

/** The small checklist the e2e test builds by clicks: a choice, a text shown only for one option, a required rule. */
function smallChecklist(): Draft {
  let draft = addSection(newDraft());
  draft = {
    ...draft,
    id: 'phone-contact',
    title: { en: 'Phone contact', 'zh-CN': '电话联系' },
    policy: { source: 'policy.md', title: 'Contact policy' },
  };
  draft = updateSection(draft, 0, { title: { en: 'Contact', 'zh-CN': '联系' } });
  draft = addField(draft, 0, 'choice');
  draft = updateField(draft, 0, 0, { label: { en: 'Outcome', 'zh-CN': '结果' } });
  draft = updateOption(draft, 0, 0, 0, { label: { en: 'Reached', 'zh-CN': '已联系上' } });
  draft = addOption(draft, 0, 0);
  draft = updateOption(draft, 0, 0, 1, { label: { en: 'No answer', 'zh-CN': '无人接听' } });
  draft = addField(draft, 0, 'text');
  draft = updateField(draft, 0, 1, { label: { en: 'Voicemail left', 'zh-CN': '留言内容' } });
  const [choice] = fieldsOf(draft);
  draft = updateField(draft, 0, 1, { enableWhen: { ...leafCondition(choice!, 'equals'), value: 'option-2' } as Condition });
  draft = addRule(draft);
  draft = updateRule(draft, 0, { id: 'PC-01', summary: { en: 'Record the outcome', 'zh-CN': '记录结果' }, requires: ['field1', 'field2'] });
  return draft;
}

describe('lists', () => {
  it('move an item by a delta and refuse a move past either end', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, -2)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});

describe('sections, fields and options', () => {
  it('add sections and fields with fresh ids, leaving the input draft unchanged', () => {
    const empty = newDraft();
    const one = addSection(empty);
    const two = addField(addField(addSection(one), 0, 'choice'), 1, 'date');
    expect(empty.sections).toEqual([]);
    expect(two.sections.map((section) => section.id)).toEqual(['section-1', 'section-2']);
    expect(fieldsOf(two).map((field) => [field.id, field.type])).toEqual([
      ['field1', 'choice'],
      ['field2', 'date'],
    ]);
    // A choice comes with one option to fill in; a date with none.
    expect(fieldsOf(two)[0]!.options).toEqual([{ value: 'option-1', label: { en: '', 'zh-CN': '' } }]);
    expect(fieldsOf(two)[1]!.options).toBeUndefined();
  });

  it('move and remove sections and fields', () => {
    let draft = addField(addField(addSection(addSection(newDraft())), 0), 0);
    draft = moveField(draft, 0, 0, 1);
    expect(draft.sections[0]!.fields.map((field) => field.id)).toEqual(['field2', 'field1']);
    draft = moveSection(draft, 0, 1);
    expect(draft.sections.map((section) => section.id)).toEqual(['section-2', 'section-1']);
    draft = removeField(draft, 1, 0);
    expect(fieldsOf(draft).map((field) => field.id)).toEqual(['field1']);
    draft = removeSection(draft, 0);
    expect(draft.sections.map((section) => section.id)).toEqual(['section-1']);
  });

  it('add, move, update and remove options with unique values', () => {
    let draft = addField(addSection(newDraft()), 0, 'multichoice');
    draft = addOption(addOption(draft, 0, 0), 0, 0);
    expect(draft.sections[0]!.fields[0]!.options!.map((option) => option.value)).toEqual(['option-1', 'option-2', 'option-3']);
    draft = removeOption(draft, 0, 0, 1);
    draft = addOption(draft, 0, 0);
    expect(draft.sections[0]!.fields[0]!.options!.map((option) => option.value)).toEqual(['option-1', 'option-3', 'option-2']);
    draft = moveOption(draft, 0, 0, 2, -2);
    draft = updateOption(draft, 0, 0, 0, { value: 'first' });
    expect(draft.sections[0]!.fields[0]!.options!.map((option) => option.value)).toEqual(['first', 'option-1', 'option-3']);
  });

  it('keep options only on choices and min/max only on numbers when the type changes', () => {
    let draft = addField(addSection(newDraft()), 0, 'number');
    draft = updateField(draft, 0, 0, { min: 0, max: 5 });
    draft = setFieldType(draft, 0, 0, 'choice');
    expect(draft.sections[0]!.fields[0]).not.toHaveProperty('min');
    expect(draft.sections[0]!.fields[0]!.options).toHaveLength(1);
    draft = setFieldType(draft, 0, 0, 'boolean');
    expect(draft.sections[0]!.fields[0]).not.toHaveProperty('options');
  });

  it('offer only the fields above a field for its condition', () => {
    const draft = addField(addSection(addField(addField(addSection(newDraft()), 0), 0)), 1);
    expect(fieldsBefore(draft, 0, 0)).toEqual([]);
    expect(fieldsBefore(draft, 0, 1).map((field) => field.id)).toEqual(['field1']);
    expect(fieldsBefore(draft, 1, 0).map((field) => field.id)).toEqual(['field1', 'field2']);
  });

  it('rename a field everywhere it is referenced', () => {
    const renamed = renameField(smallChecklist(), 'field1', 'outcome');
    expect(fieldsOf(renamed)[0]!.id).toBe('outcome');
    expect(fieldsOf(renamed)[1]!.enableWhen).toEqual({ field: 'outcome', op: 'equals', value: 'option-2' });
    expect(renamed.rules[0]!.requires).toEqual(['outcome', 'field2']);
    expect(validateDraft(renamed).problems).toEqual([]);
  });
});

describe('conditions from menus', () => {
  const draft = addField(addField(addField(addField(addSection(newDraft()), 0, 'choice'), 0, 'boolean'), 0, 'number'), 0, 'datetime');
  const [choice, yesNo, number, when] = fieldsOf(draft);

  it('offer tests that suit the field type', () => {
    expect(operatorsFor('choice')).toContain('oneOf');
    expect(operatorsFor('number')).toContain('between');
    expect(operatorsFor('datetime')).toContain('before');
    expect(operatorsFor('boolean')).not.toContain('between');
  });

  it('fill a new test with a value the field can hold', () => {
    expect(leafCondition(choice!, 'equals')).toEqual({ field: 'field1', op: 'equals', value: 'option-1' });
    expect(leafCondition(yesNo!, 'equals')).toEqual({ field: 'field2', op: 'equals', value: true });
    expect(leafCondition(number!, 'between')).toEqual({ field: 'field3', op: 'between', min: 0, max: 10 });
    expect(leafCondition(choice!, 'oneOf')).toEqual({ field: 'field1', op: 'oneOf', values: ['option-1'] });
    expect(leafCondition(when!, 'before', fieldsOf(draft))).toEqual({ field: 'field4', op: 'before', otherField: '' });
    expect(valuesFor(yesNo!)).toEqual([true, false]);
    expect(valuesFor(number!)).toBeUndefined();
  });

  it('wrap a test in a group and unwrap it again', () => {
    const leaf = leafCondition(choice!, 'exists');
    expect(wrapCondition(leaf, 'all')).toEqual({ all: [leaf] });
    expect(wrapCondition(leaf, 'not')).toEqual({ not: leaf });
    expect(unwrapCondition(wrapCondition(leaf, 'any'))).toEqual(leaf);
    expect(unwrapCondition(leaf)).toBe(leaf);
  });
});

describe('rules, deadline and attention', () => {
  it('add, update, move and remove rules; only a follow-up keeps a due time', () => {
    let draft = addRule(addRule(smallChecklist()));
    draft = updateRule(draft, 1, { id: 'PC-02', severity: 'follow-up', due: dueTime(['x'], 'workingDays', 2.4) });
    expect(draft.rules[1]!.due).toEqual({ from: ['x'], workingDays: 2 });
    expect(dueKind(draft.rules[1]!.due!)).toBe('workingDays');
    draft = updateRule(draft, 1, { severity: 'advisory' });
    expect(draft.rules[1]).not.toHaveProperty('due');
    draft = moveRule(draft, 1, -1);
    expect(draft.rules.map((rule) => rule.id)).toEqual(['PC-02', 'PC-01', '']);
    draft = removeRule(draft, 2);
    expect(draft.rules).toHaveLength(2);
    expect(dueTime(['a'], 'endOfDay', 3)).toEqual({ from: ['a'], endOfDay: true });
  });

  it('set and clear a deadline, add and remove attention triggers', () => {
    const base = smallChecklist();
    const withDeadline = setDeadline(base, newDeadline());
    expect(withDeadline.deadline?.hours).toBe(24);
    expect(setDeadline(withDeadline, undefined)).not.toHaveProperty('deadline');
    const withAttention = addAttention(base, fieldsOf(base)[0]!);
    expect(withAttention.attention).toHaveLength(1);
    expect(removeAttention(withAttention, 0)).not.toHaveProperty('attention');
  });
});

describe('validation through the SDK', () => {
  it('accepts the small checklist, and the SDK evaluates it', () => {
    const verdict = validateDraft(smallChecklist());
    expect(verdict.problems).toEqual([]);
    const checklist = verdict.checklist!;
    expect(evaluate(checklist, { field1: 'option-1' }).visible).toEqual(['field1']);
    expect(evaluate(checklist, { field1: 'option-2' }).visible).toEqual(['field1', 'field2']);
    expect(evaluate(checklist, { field1: 'option-2' }).blocking.map((issue) => [issue.ruleId, issue.path[0]])).toEqual([
      ['PC-01', 'field2'],
    ]);
  });

  it('names a missing Chinese label by its path, counted as the editor counts', () => {
    const draft = updateField(smallChecklist(), 0, 1, { label: { en: 'Voicemail left', 'zh-CN': '' } });
    const { problems } = validateDraft(draft);
    expect(problems).toContainEqual({
      path: ['sections', 0, 'fields', 1, 'label', 'zh-CN'],
      where: 'sections › 1 › fields › 2 › label › zh-CN',
      message: 'Simplified Chinese text is missing',
    });
  });

  it('names a condition on a field below, and a rule with neither requires nor expect', () => {
    let draft = smallChecklist();
    draft = moveField(draft, 0, 1, -1);
    draft = updateRule(draft, 0, { requires: [] });
    const wheres = validateDraft(draft).problems.map((problem) => `${problem.where}: ${problem.message}`);
    expect(wheres).toContain('sections › 1 › fields › 1 › enableWhen: “field2” depends on “field1”, which comes after it');
    expect(wheres.some((line) => line.startsWith('rules › 1: a rule needs `requires`'))).toBe(true);
  });

  it('drops blank optional texts and empty lists before validating', () => {
    let draft = updateField(smallChecklist(), 0, 0, { help: { en: '', 'zh-CN': '' } });
    draft = { ...draft, description: { en: ' ', 'zh-CN': '' } };
    draft = updateRule(draft, 0, { suggests: [] });
    const data = toChecklistData(draft);
    expect(data).not.toHaveProperty('description');
    expect(data.sections[0]!.fields[0]).not.toHaveProperty('help');
    expect(data.rules[0]).not.toHaveProperty('suggests');
    expect(validateDraft(draft).problems).toEqual([]);
  });

  it('round-trips a built-in checklist unchanged', () => {
    const read = readDraftFile(JSON.stringify(snc));
    expect('draft' in read).toBe(true);
    const draft = (read as { draft: Draft }).draft;
    expect(validateDraft(draft).checklist).toEqual(parseChecklist(snc));
    expect(toChecklistData(draft)).toEqual(snc);
  });

  it('refuses a file that is not a checklist, saying why, and loads an invalid checklist to fix', () => {
    expect(readDraftFile('{')).toMatchObject({ error: expect.stringContaining('not valid JSON') });
    expect(readDraftFile('{"format":"chartguard-adapter/2","pages":[]}')).toMatchObject({
      error: expect.stringContaining('format is "chartguard-adapter/2"'),
    });
    const broken = readDraftFile(JSON.stringify({ ...snc, rules: [] }));
    expect('draft' in broken && validateDraft(broken.draft).problems.some((problem) => problem.where === 'rules')).toBe(true);
  });

  it('reads paths as people count', () => {
    expect(readablePath(['sections', 2, 'fields', 1, 'label', 'zh-CN'])).toBe('sections › 3 › fields › 2 › label › zh-CN');
    expect(readablePath([])).toBe('');
  });
});
