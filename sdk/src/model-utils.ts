// Walking a checklist's structure without its meta-schema, so code that only
// runs checklists (a content script) never loads Zod.
import type { Checklist, ChecklistField, Condition } from './model.js';

export function conditionFields(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(conditionFields);
  if ('any' in condition) return condition.any.flatMap(conditionFields);
  if ('not' in condition) return conditionFields(condition.not);
  return 'otherField' in condition ? [condition.field, condition.otherField] : [condition.field];
}

export function allFields(checklist: Checklist): ChecklistField[] {
  return checklist.sections.flatMap((section) => section.fields);
}
