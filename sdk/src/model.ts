// The checklist model: a declarative, JSON-serialisable description of what a
// record must contain, validated by a Zod meta-schema so that an organisation
// can write a checklist as data and get validation, notes and exports for free.
import { z } from 'zod';
import { ATTENDANCE_CODES } from './attendance.js';
import { LOCALES, type LocalizedText } from './text.js';
import { allFields, conditionFields } from './model-utils.js';

export { allFields, conditionFields };

export const localizedTextSchema = z
  .object({
    en: z.string().trim().min(1, 'English text is missing'),
    'zh-CN': z.string().trim().min(1, 'Simplified Chinese text is missing'),
  })
  .strict();

export const CHECKLIST_FORMAT = 'chartguard-checklist/1';

export const FIELD_TYPES = ['text', 'longtext', 'choice', 'multichoice', 'boolean', 'number', 'date', 'datetime', 'attendance'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export type ConditionValue = string | number | boolean;

/**
 * Modelled on FHIR Questionnaire `enableWhen`: a test on one answer, or a
 * combination. Missing answers never satisfy a comparison.
 */
export type Condition =
  | { field: string; op: 'equals' | 'notEquals'; value: ConditionValue }
  | { field: string; op: 'exists' | 'notExists' }
  | { field: string; op: 'oneOf' | 'noneOf'; values: ConditionValue[] }
  | { field: string; op: 'before' | 'after' | 'sameAs' | 'differentFrom'; otherField: string }
  | { field: string; op: 'between'; min: number; max: number }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

const fieldId = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'field ids are camelCase, starting with a lower-case letter');
const conditionValue = z.union([z.string(), z.number(), z.boolean()]);

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ field: fieldId, op: z.enum(['equals', 'notEquals']), value: conditionValue }).strict(),
    z.object({ field: fieldId, op: z.enum(['exists', 'notExists']) }).strict(),
    z.object({ field: fieldId, op: z.enum(['oneOf', 'noneOf']), values: z.array(conditionValue).min(1) }).strict(),
    z.object({ field: fieldId, op: z.enum(['before', 'after', 'sameAs', 'differentFrom']), otherField: fieldId }).strict(),
    z.object({ field: fieldId, op: z.literal('between'), min: z.number(), max: z.number() }).strict(),
    z.object({ all: z.array(conditionSchema).min(1) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1) }).strict(),
    z.object({ not: conditionSchema }).strict(),
  ]),
);

export const ruleIdSchema = z.string().regex(/^[A-Z]{1,5}-\d{2}$/, 'rule ids look like SNC-01 (or G-01 for the general rules)');

const optionSchema = z
  .object({
    value: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'option values are lower-case kebab-case'),
    label: localizedTextSchema,
  })
  .strict();

export const fieldSchema = z
  .object({
    id: fieldId,
    type: z.enum(FIELD_TYPES),
    label: localizedTextSchema,
    help: localizedTextSchema.optional(),
    options: z.array(optionSchema).min(1).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    enableWhen: conditionSchema.optional(),
    /** The value comes from the record system (or the clock), not from typing. */
    readOnly: z.boolean().optional(),
  })
  .strict();

export const sectionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    title: localizedTextSchema,
    fields: z.array(fieldSchema).min(1),
  })
  .strict();

/**
 * `required` holds Save; `follow-up` is a duty done after the first save
 * (catalogue v2: a risk-duty call, a safeguarding alert), never holding Save
 * but shown as an open action with a due time; `advisory` is a suggestion.
 */
export const SEVERITIES = ['required', 'follow-up', 'advisory'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ruleSchema = z
  .object({
    id: ruleIdSchema,
    severity: z.enum(SEVERITIES),
    /** The rule in plain words, as a supervisor would read it in the policy. */
    summary: localizedTextSchema,
    /** The rule applies only while this holds. */
    when: conditionSchema.optional(),
    /** Fields that must be answered (fields hidden by their `enableWhen` are skipped). */
    requires: z.array(fieldId).optional(),
    /**
     * Fields the policy suggests rather than requires: shown and unanswered, each is an
     * advisory issue under this rule (never holding Save), e.g. CX-05's decisional balance.
     */
    suggests: z.array(fieldId).optional(),
    /** Must hold whenever the rule applies and the fields it names are answered. */
    expect: conditionSchema.optional(),
    /**
     * Judge `expect` even while some answers it compares are missing (a missing
     * answer satisfies no comparison; write `not equals` to accept one). By
     * default a check waits until every compared answer is given, which lets a
     * check that spans optional branches (MV-03) never run.
     */
    judgeUnanswered: z.boolean().optional(),
    /** Where an `expect` failure is shown; defaults to the first field the condition names. */
    expectField: fieldId.optional(),
    /** What the user is told when `expect` fails; defaults to the summary. */
    message: localizedTextSchema.optional(),
    /** A follow-up's due time, an organisation setting with this default. */
    due: z
      .object({
        /** Date or datetime fields the due time runs from; the first answered one counts. */
        from: z.array(fieldId).min(1),
        /** 0: due when `from` is reached (SNC-02: before the cancelled session starts). */
        hours: z.number().min(0).optional(),
        /** Due at the end of the day of `from` ("the same day"). */
        endOfDay: z.boolean().optional(),
        /** Due this many working days (Monday to Friday) after `from`. */
        workingDays: z.number().int().positive().optional(),
      })
      .strict()
      .refine((due) => [due.hours, due.endOfDay, due.workingDays].filter((x) => x !== undefined).length === 1, {
        message: 'a due time is one of `hours`, `endOfDay` or `workingDays`',
      })
      .optional(),
  })
  .strict()
  .refine((rule) => rule.requires?.length || rule.expect, {
    message: 'a rule needs `requires`, `expect` or both',
  })
  .refine((rule) => rule.severity === 'follow-up' || rule.due === undefined, {
    message: 'only a follow-up rule has a due time',
    path: ['due'],
  })
  // A follow-up is a duty that arises from something recorded: without a trigger it would be open on every record.
  .refine((rule) => rule.severity !== 'follow-up' || rule.when !== undefined, {
    message: 'a follow-up rule needs `when`: the answer that makes it a duty',
    path: ['when'],
  });

export const deadlineSchema = z
  .object({
    rule: ruleIdSchema,
    summary: localizedTextSchema,
    /** Default number of hours; organisations override it in settings. */
    hours: z.number().positive(),
    /** Date or datetime fields the deadline runs from; the first answered one counts. */
    from: z.array(fieldId).min(1),
    /** The datetime field holding when the record was written, if the checklist keeps one. */
    recordedAt: fieldId.optional(),
    /**
     * What the deadline's rule asks besides timeliness (e.g. FUS-04: the outcome is recorded,
     * within 24 h), judged like a required rule with the deadline's id, since that id cannot
     * also name a rule.
     */
    requires: z.array(fieldId).optional(),
    expect: conditionSchema.optional(),
    expectField: fieldId.optional(),
    message: localizedTextSchema.optional(),
  })
  .strict();

export const attentionSchema = z
  .object({
    rule: ruleIdSchema,
    when: conditionSchema,
    summary: localizedTextSchema,
  })
  .strict();

const checklistObjectSchema = z
  .object({
    $schema: z.string().optional(),
    format: z.literal(CHECKLIST_FORMAT),
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'checklist ids are lower-case kebab-case'),
    version: z.number().int().min(1),
    title: localizedTextSchema,
    description: localizedTextSchema.optional(),
    policy: z.object({ source: z.string().min(1), title: z.string().min(1) }).strict(),
    sections: z.array(sectionSchema).min(1),
    rules: z.array(ruleSchema).min(1),
    deadline: deadlineSchema.optional(),
    attention: z.array(attentionSchema).optional(),
  })
  .strict();

export type ChecklistOption = z.infer<typeof optionSchema>;
export type ChecklistField = z.infer<typeof fieldSchema>;
export type ChecklistSection = z.infer<typeof sectionSchema>;
export type ChecklistRule = z.infer<typeof ruleSchema>;
export type ChecklistDeadline = z.infer<typeof deadlineSchema>;
export type ChecklistAttention = z.infer<typeof attentionSchema>;
export type Checklist = z.infer<typeof checklistObjectSchema>;

type LeafCondition = Exclude<Condition, { all: Condition[] } | { any: Condition[] } | { not: Condition }>;

function conditionLeaves(condition: Condition): LeafCondition[] {
  if ('all' in condition) return condition.all.flatMap(conditionLeaves);
  if ('any' in condition) return condition.any.flatMap(conditionLeaves);
  if ('not' in condition) return conditionLeaves(condition.not);
  return [condition];
}

/** Why a field can never hold `value`, or undefined when it can. */
function valueProblem(field: ChecklistField, value: ConditionValue): string | undefined {
  switch (field.type) {
    case 'choice':
    case 'multichoice':
      return field.options && !field.options.some((option) => option.value === value) ? `has no option “${String(value)}”` : undefined;
    case 'attendance':
      return (ATTENDANCE_CODES as readonly unknown[]).includes(value) ? undefined : `has no attendance code “${String(value)}”`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `is a yes/no question: compare it with true or false, not ${JSON.stringify(value)}`;
    case 'number':
      return typeof value === 'number' ? undefined : `is a number field: compare it with a number, not ${JSON.stringify(value)}`;
    default:
      return typeof value === 'string' ? undefined : `holds text: compare it with a string, not ${JSON.stringify(value)}`;
  }
}

/** Cross-references the meta-schema cannot express field by field. */
export const checklistSchema = checklistObjectSchema.superRefine((checklist, ctx) => {
  const fields = new Map<string, ChecklistField>();
  const sectionIds = new Set<string>();
  checklist.sections.forEach((section, s) => {
    if (sectionIds.has(section.id))
      ctx.addIssue({ code: 'custom', path: ['sections', s, 'id'], message: `section id “${section.id}” is used twice` });
    sectionIds.add(section.id);
    section.fields.forEach((field, f) => {
      const path = ['sections', s, 'fields', f];
      if (fields.has(field.id)) ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `field id “${field.id}” is used twice` });
      fields.set(field.id, field);
      const needsOptions = field.type === 'choice' || field.type === 'multichoice';
      if (needsOptions && !field.options)
        ctx.addIssue({ code: 'custom', path: [...path, 'options'], message: `a ${field.type} field needs options` });
      if (!needsOptions && field.options)
        ctx.addIssue({ code: 'custom', path: [...path, 'options'], message: `a ${field.type} field takes no options` });
      const values = field.options?.map((option) => option.value) ?? [];
      if (new Set(values).size !== values.length)
        ctx.addIssue({ code: 'custom', path: [...path, 'options'], message: 'option values must be unique' });
      if ((field.min !== undefined || field.max !== undefined) && field.type !== 'number') {
        ctx.addIssue({ code: 'custom', path: [...path, 'min'], message: 'only number fields take min and max' });
      }
    });
  });

  const checkField = (id: string, path: (string | number)[], expectType?: FieldType[]) => {
    const field = fields.get(id);
    if (!field) ctx.addIssue({ code: 'custom', path, message: `unknown field “${id}”` });
    else if (expectType && !expectType.includes(field.type)) {
      ctx.addIssue({ code: 'custom', path, message: `field “${id}” must be of type ${expectType.join(' or ')}` });
    }
  };
  const checkCondition = (condition: Condition, path: (string | number)[]) => {
    for (const id of conditionFields(condition)) checkField(id, path);
    for (const leaf of conditionLeaves(condition)) {
      const field = fields.get(leaf.field);
      if (!field) continue;
      // A value the field can never hold makes the condition silently never
      // (or always) hold, e.g. `"value": "true"` on a yes/no question.
      const values = 'value' in leaf ? [leaf.value] : 'values' in leaf ? leaf.values : [];
      for (const value of values) {
        const problem = valueProblem(field, value);
        if (problem) ctx.addIssue({ code: 'custom', path, message: `“${field.id}” ${problem}` });
      }
      if (leaf.op === 'between' && field.type !== 'number')
        ctx.addIssue({ code: 'custom', path, message: `“between” needs a number field, and “${field.id}” is ${field.type}` });
      if (leaf.op === 'between' && leaf.min > leaf.max) ctx.addIssue({ code: 'custom', path, message: '“between” needs min ≤ max' });
    }
  };
  // Visibility is decided in reading order, so a field may only depend on fields above it.
  const above = new Set<string>();
  checklist.sections.forEach((section, s) =>
    section.fields.forEach((field, f) => {
      const path = ['sections', s, 'fields', f, 'enableWhen'];
      if (field.enableWhen) {
        checkCondition(field.enableWhen, path);
        for (const id of conditionFields(field.enableWhen)) {
          if (fields.has(id) && !above.has(id))
            ctx.addIssue({ code: 'custom', path, message: `“${field.id}” depends on “${id}”, which comes after it` });
        }
      }
      above.add(field.id);
    }),
  );

  // Notes are read back by label (in either language) and by line, so two
  // questions sharing a label, or a label or heading spanning lines, would be misread.
  const labelOwners = new Map<string, string>();
  checklist.sections.forEach((section, s) => {
    for (const locale of LOCALES) {
      if (/[\r\n]/.test(section.title[locale]))
        ctx.addIssue({ code: 'custom', path: ['sections', s, 'title', locale], message: 'a section title must fit on one line' });
    }
    section.fields.forEach((field, f) => {
      for (const locale of LOCALES) {
        const label = field.label[locale];
        if (/[\r\n]/.test(label))
          ctx.addIssue({ code: 'custom', path: ['sections', s, 'fields', f, 'label', locale], message: 'a label must fit on one line' });
        const owner = labelOwners.get(label);
        if (owner !== undefined && owner !== field.id) {
          ctx.addIssue({
            code: 'custom',
            path: ['sections', s, 'fields', f, 'label', locale],
            message: `label “${label}” is also the label of “${owner}”, so notes could not tell them apart`,
          });
        }
        labelOwners.set(label, owner ?? field.id);
      }
    });
  });
  for (const locale of LOCALES) {
    if (/[\r\n]/.test(checklist.title[locale]))
      ctx.addIssue({ code: 'custom', path: ['title', locale], message: 'the title must fit on one line' });
  }

  // One policy sentence may carry a duty now and a follow-up later (FUS-09: the
  // missed session is noted; rescheduling is followed up), so an id may appear
  // once as a follow-up besides once as a required or advisory rule.
  const ruleIds = new Set<string>();
  const ruleParts = new Set<string>();
  checklist.rules.forEach((rule, r) => {
    const part = rule.severity === 'follow-up' ? `${rule.id} follow-up` : rule.id;
    if (ruleParts.has(part)) ctx.addIssue({ code: 'custom', path: ['rules', r, 'id'], message: `rule id “${rule.id}” is used twice` });
    ruleParts.add(part);
    ruleIds.add(rule.id);
    rule.due?.from.forEach((id, i) => checkField(id, ['rules', r, 'due', 'from', i], ['datetime', 'date']));
    rule.requires?.forEach((id, i) => checkField(id, ['rules', r, 'requires', i]));
    rule.suggests?.forEach((id, i) => checkField(id, ['rules', r, 'suggests', i]));
    if (rule.when) checkCondition(rule.when, ['rules', r, 'when']);
    if (rule.expect) checkCondition(rule.expect, ['rules', r, 'expect']);
    if (rule.expectField) checkField(rule.expectField, ['rules', r, 'expectField']);
  });
  if (checklist.deadline) {
    if (ruleIds.has(checklist.deadline.rule)) {
      ctx.addIssue({
        code: 'custom',
        path: ['deadline', 'rule'],
        message: `rule id “${checklist.deadline.rule}” is already used by a rule`,
      });
    }
    checklist.deadline.from.forEach((id, i) => checkField(id, ['deadline', 'from', i], ['datetime', 'date']));
    if (checklist.deadline.recordedAt) checkField(checklist.deadline.recordedAt, ['deadline', 'recordedAt'], ['datetime']);
    checklist.deadline.requires?.forEach((id, i) => checkField(id, ['deadline', 'requires', i]));
    if (checklist.deadline.expect) checkCondition(checklist.deadline.expect, ['deadline', 'expect']);
    if (checklist.deadline.expectField) checkField(checklist.deadline.expectField, ['deadline', 'expectField']);
  }
  checklist.attention?.forEach((attention, a) => checkCondition(attention.when, ['attention', a, 'when']));

  // Every question serves a rule, so every verdict about it can name one.
  const used = new Set<string>();
  for (const rule of checklist.rules) {
    rule.requires?.forEach((id) => used.add(id));
    rule.suggests?.forEach((id) => used.add(id));
    if (rule.expect) conditionFields(rule.expect).forEach((id) => used.add(id));
    if (rule.when) conditionFields(rule.when).forEach((id) => used.add(id));
    rule.due?.from.forEach((id) => used.add(id));
  }
  if (checklist.deadline) {
    checklist.deadline.from.forEach((id) => used.add(id));
    if (checklist.deadline.recordedAt) used.add(checklist.deadline.recordedAt);
    checklist.deadline.requires?.forEach((id) => used.add(id));
    if (checklist.deadline.expect) conditionFields(checklist.deadline.expect).forEach((id) => used.add(id));
  }
  checklist.attention?.forEach((attention) => conditionFields(attention.when).forEach((id) => used.add(id)));
  checklist.sections.forEach((section, s) =>
    section.fields.forEach((field, f) => {
      if (!used.has(field.id))
        ctx.addIssue({ code: 'custom', path: ['sections', s, 'fields', f, 'id'], message: `field “${field.id}” is not used by any rule` });
    }),
  );
});

export class ChecklistError extends Error {
  constructor(
    readonly problems: { path: string; message: string }[],
    source = 'checklist',
  ) {
    super(`Invalid ${source}:\n${problems.map((p) => `  ${p.path || '(root)'}: ${p.message}`).join('\n')}`);
    this.name = 'ChecklistError';
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${String(part)}`)).join('');
}

export function problemsOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/** Validates checklist data; throws a ChecklistError naming every problem by path. */
export function parseChecklist(input: unknown): Checklist {
  const result = checklistSchema.safeParse(input);
  if (!result.success) throw new ChecklistError(problemsOf(result.error));
  return result.data;
}

export type { LocalizedText };
