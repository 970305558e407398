// The checklist editor's state, kept free of React so every edit is a pure
// function that a unit test can run: a draft is checklist data that may not
// validate yet, and only the SDK's own meta-schema decides whether it does.
import {
  ATTENDANCE_CODES,
  CHECKLIST_FORMAT,
  checklistSchema,
  conditionFields,
  type Checklist,
  type ChecklistAttention,
  type ChecklistDeadline,
  type ChecklistField,
  type ChecklistOption,
  type ChecklistRule,
  type ChecklistSection,
  type Condition,
  type FieldType,
  type LocalizedText,
} from '@chartguard/sdk';

/** Checklist data under construction: the SDK's shape, with texts possibly blank and references possibly dangling. */
export type Draft = Checklist;

export const emptyText = (): LocalizedText => ({ en: '', 'zh-CN': '' });

export function newDraft(): Draft {
  return {
    format: CHECKLIST_FORMAT,
    id: 'my-checklist',
    version: 1,
    title: emptyText(),
    policy: { source: '', title: '' },
    sections: [],
    rules: [],
  };
}

/** Replaces one item of a list, leaving the list and the other items as they were. */
const replaceAt = <T>(list: readonly T[], index: number, item: T): T[] => list.map((current, i) => (i === index ? item : current));
const removeAt = <T>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index);
/** Moves an item by `delta` places; a move past either end leaves the list unchanged. */
export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(target, 0, item!);
  return next;
}

/** The first id `prefix` + n not in `taken`. */
function freshId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

export const fieldsOf = (draft: Draft): ChecklistField[] => draft.sections.flatMap((section) => section.fields);

/** The fields above field `f` of section `s` in reading order: the only ones its visibility may depend on. */
export function fieldsBefore(draft: Draft, s: number, f: number): ChecklistField[] {
  return draft.sections.flatMap((section, i) => (i < s ? section.fields : i === s ? section.fields.slice(0, f) : []));
}

// Sections

export function addSection(draft: Draft): Draft {
  const id = freshId(
    'section-',
    draft.sections.map((section) => section.id),
  );
  return { ...draft, sections: [...draft.sections, { id, title: emptyText(), fields: [] }] };
}
export const removeSection = (draft: Draft, s: number): Draft => ({ ...draft, sections: removeAt(draft.sections, s) });
export const moveSection = (draft: Draft, s: number, delta: number): Draft => ({ ...draft, sections: moveItem(draft.sections, s, delta) });
export const updateSection = (draft: Draft, s: number, patch: Partial<ChecklistSection>): Draft => ({
  ...draft,
  sections: replaceAt(draft.sections, s, { ...draft.sections[s]!, ...patch }),
});

// Fields

const withOptions = (type: FieldType) => type === 'choice' || type === 'multichoice';

export function addField(draft: Draft, s: number, type: FieldType = 'text'): Draft {
  const id = freshId(
    'field',
    fieldsOf(draft).map((field) => field.id),
  );
  const field: ChecklistField = { id, type, label: emptyText(), ...(withOptions(type) ? { options: [newOption([])] } : {}) };
  const section = draft.sections[s]!;
  return updateSection(draft, s, { fields: [...section.fields, field] });
}
export const removeField = (draft: Draft, s: number, f: number): Draft =>
  updateSection(draft, s, { fields: removeAt(draft.sections[s]!.fields, f) });

/**
 * Moves a field within its section. A condition on a field that would end up
 * below the field it shows is left in place for validation to name, rather
 * than silently dropped.
 */
export const moveField = (draft: Draft, s: number, f: number, delta: number): Draft =>
  updateSection(draft, s, { fields: moveItem(draft.sections[s]!.fields, f, delta) });

export function updateField(draft: Draft, s: number, f: number, patch: Partial<ChecklistField>): Draft {
  const field = { ...draft.sections[s]!.fields[f]!, ...patch };
  for (const key of Object.keys(patch) as (keyof ChecklistField)[]) if (patch[key] === undefined) delete field[key];
  return updateSection(draft, s, { fields: replaceAt(draft.sections[s]!.fields, f, field) });
}

/** Changes a field's type, keeping what still fits it: options only for choices, min and max only for numbers. */
export function setFieldType(draft: Draft, s: number, f: number, type: FieldType): Draft {
  const field = draft.sections[s]!.fields[f]!;
  return updateField(draft, s, f, {
    type,
    options: withOptions(type) ? (field.options ?? [newOption([])]) : undefined,
    min: type === 'number' ? field.min : undefined,
    max: type === 'number' ? field.max : undefined,
  });
}

/** Renames a field and every reference to it (conditions, rules, deadline, attention), so a rename never breaks a rule. */
export function renameField(draft: Draft, from: string, to: string): Draft {
  if (from === to) return draft;
  const id = (value: string) => (value === from ? to : value);
  const ids = (list: string[] | undefined) => list?.map(id);
  const cond = (condition: Condition | undefined) => (condition ? renameInCondition(condition, from, to) : undefined);
  const strip = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
  return {
    ...draft,
    sections: draft.sections.map((section) => ({
      ...section,
      fields: section.fields.map((field) => strip({ ...field, id: id(field.id), enableWhen: cond(field.enableWhen) })),
    })),
    rules: draft.rules.map((rule) =>
      strip({
        ...rule,
        when: cond(rule.when),
        expect: cond(rule.expect),
        requires: ids(rule.requires),
        suggests: ids(rule.suggests),
        expectField: rule.expectField === undefined ? undefined : id(rule.expectField),
        due: rule.due ? { ...rule.due, from: rule.due.from.map(id) } : undefined,
      }),
    ),
    ...(draft.deadline
      ? {
          deadline: strip({
            ...draft.deadline,
            from: draft.deadline.from.map(id),
            recordedAt: draft.deadline.recordedAt === undefined ? undefined : id(draft.deadline.recordedAt),
            requires: ids(draft.deadline.requires),
            expect: cond(draft.deadline.expect),
            expectField: draft.deadline.expectField === undefined ? undefined : id(draft.deadline.expectField),
          }),
        }
      : {}),
    ...(draft.attention ? { attention: draft.attention.map((item) => ({ ...item, when: renameInCondition(item.when, from, to) })) } : {}),
  };
}

function renameInCondition(condition: Condition, from: string, to: string): Condition {
  if ('all' in condition) return { all: condition.all.map((c) => renameInCondition(c, from, to)) };
  if ('any' in condition) return { any: condition.any.map((c) => renameInCondition(c, from, to)) };
  if ('not' in condition) return { not: renameInCondition(condition.not, from, to) };
  const renamed = { ...condition, field: condition.field === from ? to : condition.field };
  if ('otherField' in renamed && renamed.otherField === from) return { ...renamed, otherField: to };
  return renamed;
}

// Options

function newOption(existing: readonly ChecklistOption[]): ChecklistOption {
  return {
    value: freshId(
      'option-',
      existing.map((option) => option.value),
    ),
    label: emptyText(),
  };
}
const optionsAt = (draft: Draft, s: number, f: number) => draft.sections[s]!.fields[f]!.options ?? [];
export const addOption = (draft: Draft, s: number, f: number): Draft =>
  updateField(draft, s, f, { options: [...optionsAt(draft, s, f), newOption(optionsAt(draft, s, f))] });
export const removeOption = (draft: Draft, s: number, f: number, o: number): Draft =>
  updateField(draft, s, f, { options: removeAt(optionsAt(draft, s, f), o) });
export const moveOption = (draft: Draft, s: number, f: number, o: number, delta: number): Draft =>
  updateField(draft, s, f, { options: moveItem(optionsAt(draft, s, f), o, delta) });
export const updateOption = (draft: Draft, s: number, f: number, o: number, patch: Partial<ChecklistOption>): Draft =>
  updateField(draft, s, f, { options: replaceAt(optionsAt(draft, s, f), o, { ...optionsAt(draft, s, f)[o]!, ...patch }) });

// Conditions: built from menus, so every leaf is made here from a field and an operator.

export type LeafOp =
  | 'equals'
  | 'notEquals'
  | 'exists'
  | 'notExists'
  | 'oneOf'
  | 'noneOf'
  | 'between'
  | 'before'
  | 'after'
  | 'sameAs'
  | 'differentFrom';
export type GroupKind = 'all' | 'any' | 'not';

/** The comparisons that make sense for a field of this type. */
export function operatorsFor(type: FieldType): LeafOp[] {
  switch (type) {
    case 'choice':
    case 'attendance':
      return ['equals', 'notEquals', 'oneOf', 'noneOf', 'exists', 'notExists'];
    case 'multichoice':
      return ['equals', 'notEquals', 'exists', 'notExists'];
    case 'boolean':
      return ['equals', 'notEquals', 'exists', 'notExists'];
    case 'number':
      return ['equals', 'notEquals', 'between', 'exists', 'notExists'];
    case 'date':
    case 'datetime':
      return ['exists', 'notExists', 'before', 'after', 'sameAs', 'differentFrom'];
    default:
      return ['exists', 'notExists', 'equals', 'notEquals'];
  }
}

/** The values a field can be compared with, when it has a fixed set (choices, attendance codes, yes/no). */
export function valuesFor(field: ChecklistField): (string | boolean)[] | undefined {
  if (field.type === 'choice' || field.type === 'multichoice') return (field.options ?? []).map((option) => option.value);
  if (field.type === 'attendance') return [...ATTENDANCE_CODES];
  if (field.type === 'boolean') return [true, false];
  return undefined;
}

/** A test on `field` with `op`, filled with the first sensible value, so a condition is complete as soon as it is chosen. */
export function leafCondition(field: ChecklistField, op: LeafOp, others: readonly ChecklistField[] = []): Condition {
  const first = valuesFor(field)?.[0] ?? (field.type === 'number' ? 0 : '');
  switch (op) {
    case 'equals':
    case 'notEquals':
      return { field: field.id, op, value: first };
    case 'exists':
    case 'notExists':
      return { field: field.id, op };
    case 'oneOf':
    case 'noneOf':
      return { field: field.id, op, values: [first] };
    case 'between':
      return { field: field.id, op, min: field.min ?? 0, max: field.max ?? 10 };
    default: {
      const other = others.find((candidate) => candidate.id !== field.id && (candidate.type === 'date' || candidate.type === 'datetime'));
      return { field: field.id, op, otherField: other?.id ?? '' };
    }
  }
}

/** Puts a condition inside a group (all / any of several, or its negation). */
export function wrapCondition(condition: Condition, kind: GroupKind): Condition {
  return kind === 'not' ? { not: condition } : kind === 'all' ? { all: [condition] } : { any: [condition] };
}

/** Removes the outer group of a condition, keeping its first part (or the condition itself when it is a single test). */
export function unwrapCondition(condition: Condition): Condition {
  if ('not' in condition) return condition.not;
  if ('all' in condition) return condition.all[0]!;
  if ('any' in condition) return condition.any[0]!;
  return condition;
}

/** The fields a condition names, for showing which answers it depends on. */
export const conditionFieldIds = (condition: Condition): string[] => [...conditionFields(condition)];

// Rules

export function addRule(draft: Draft): Draft {
  return { ...draft, rules: [...draft.rules, { id: '', severity: 'required', summary: emptyText(), requires: [] }] };
}
export const removeRule = (draft: Draft, r: number): Draft => ({ ...draft, rules: removeAt(draft.rules, r) });
export const moveRule = (draft: Draft, r: number, delta: number): Draft => ({ ...draft, rules: moveItem(draft.rules, r, delta) });

/** Updates a rule; an `undefined` in the patch removes that key. Only a follow-up keeps a due time. */
export function updateRule(draft: Draft, r: number, patch: Partial<ChecklistRule>): Draft {
  const rule: ChecklistRule = { ...draft.rules[r]!, ...patch };
  for (const key of Object.keys(patch) as (keyof ChecklistRule)[]) if (patch[key] === undefined) delete rule[key];
  if (rule.severity !== 'follow-up') delete rule.due;
  return { ...draft, rules: replaceAt(draft.rules, r, rule) };
}

export type DueKind = 'hours' | 'endOfDay' | 'workingDays';
/** A follow-up's due time of one kind, from the given date fields. */
export function dueTime(from: string[], kind: DueKind, amount: number): NonNullable<ChecklistRule['due']> {
  if (kind === 'endOfDay') return { from, endOfDay: true };
  return kind === 'hours' ? { from, hours: amount } : { from, workingDays: Math.max(1, Math.round(amount)) };
}
export const dueKind = (due: NonNullable<ChecklistRule['due']>): DueKind =>
  due.endOfDay ? 'endOfDay' : due.workingDays !== undefined ? 'workingDays' : 'hours';

// Deadline and attention triggers

export function setDeadline(draft: Draft, deadline: ChecklistDeadline | undefined): Draft {
  const next: Draft = { ...draft, deadline };
  if (!deadline) delete next.deadline;
  return next;
}
export const newDeadline = (): ChecklistDeadline => ({ rule: '', summary: emptyText(), hours: 24, from: [] });

export function addAttention(draft: Draft, field: ChecklistField): Draft {
  return {
    ...draft,
    attention: [...(draft.attention ?? []), { rule: '', when: leafCondition(field, operatorsFor(field.type)[0]!), summary: emptyText() }],
  };
}
export function removeAttention(draft: Draft, a: number): Draft {
  const attention = removeAt(draft.attention ?? [], a);
  const next: Draft = { ...draft, attention };
  if (!attention.length) delete next.attention;
  return next;
}
export const updateAttention = (draft: Draft, a: number, patch: Partial<ChecklistAttention>): Draft => ({
  ...draft,
  attention: replaceAt(draft.attention ?? [], a, { ...draft.attention![a]!, ...patch }),
});

// From draft to checklist

const blank = (text: LocalizedText | undefined) => !text || (!text.en.trim() && !text['zh-CN'].trim());

/**
 * The draft as checklist data: optional texts left blank in both languages and
 * empty optional lists are dropped, since the editor shows them as empty boxes
 * while the schema wants them absent.
 */
export function toChecklistData(draft: Draft): Draft {
  const data: Draft = { ...draft };
  if (blank(data.description)) delete data.description;
  data.sections = draft.sections.map((section) => ({
    ...section,
    fields: section.fields.map((field) => {
      const next = { ...field };
      if (blank(next.help)) delete next.help;
      if (!next.readOnly) delete next.readOnly;
      return next;
    }),
  }));
  data.rules = draft.rules.map((rule) => {
    const next = { ...rule };
    if (blank(next.message)) delete next.message;
    if (!next.requires?.length) delete next.requires;
    if (!next.suggests?.length) delete next.suggests;
    if (!next.judgeUnanswered) delete next.judgeUnanswered;
    return next;
  });
  if (draft.deadline) {
    const deadline = { ...draft.deadline };
    if (blank(deadline.message)) delete deadline.message;
    if (!deadline.requires?.length) delete deadline.requires;
    data.deadline = deadline;
  }
  if (draft.attention && !draft.attention.length) delete data.attention;
  return data;
}

export interface DraftProblem {
  /** The SDK's path, e.g. ['sections', 1, 'fields', 0, 'label', 'zh-CN']. */
  path: (string | number)[];
  /** The path as people read it: numbers counted from 1, as the editor numbers sections, fields and rules. */
  where: string;
  message: string;
}

/** Reads a path the way the editor shows it: "sections › 2 › fields › 1 › label › zh-CN". */
export const readablePath = (path: readonly (string | number)[]): string =>
  path.map((part) => (typeof part === 'number' ? String(part + 1) : part)).join(' › ');

/** Validates the draft with the SDK's own meta-schema: the checklist when it is valid, else every problem by path. */
export function validateDraft(draft: Draft): { checklist: Checklist; problems: [] } | { checklist: undefined; problems: DraftProblem[] } {
  const result = checklistSchema.safeParse(toChecklistData(draft));
  if (result.success) return { checklist: result.data, problems: [] };
  return {
    checklist: undefined,
    problems: result.error.issues.map((issue) => {
      const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
      return { path, where: readablePath(path), message: issue.message };
    }),
  };
}

/** Reads a file's text into a draft: any checklist-shaped object loads (so its problems can be fixed here); anything else is refused with why. */
export function readDraftFile(text: string): { draft: Draft } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { error: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { error: 'not a checklist: the file holds no JSON object' };
  const record = data as Record<string, unknown>;
  if (record.format !== CHECKLIST_FORMAT)
    return { error: `not a checklist: format is ${JSON.stringify(record.format)}, not "${CHECKLIST_FORMAT}"` };
  if (!Array.isArray(record.sections) || !Array.isArray(record.rules))
    return { error: 'not a checklist: it has no list of sections and rules' };
  const sections = record.sections.map((section) => {
    const s = (typeof section === 'object' && section !== null ? section : {}) as Record<string, unknown>;
    return { ...s, fields: Array.isArray(s.fields) ? s.fields : [] };
  });
  return { draft: { ...newDraft(), ...(record as Partial<Draft>), sections } as Draft };
}
