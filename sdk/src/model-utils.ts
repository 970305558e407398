// Walking a checklist's structure without its meta-schema, so code that only
// runs checklists (a content script) never loads Zod.
import type { Checklist, ChecklistField, Condition } from './model.js';

export function conditionFields(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(conditionFields);
  if ('any' in condition) return condition.any.flatMap(conditionFields);
  if ('not' in condition) return conditionFields(condition.not);
  return 'otherField' in condition ? [condition.field, condition.otherField] : [condition.field];
}

const flattened = new WeakMap<Checklist, ChecklistField[]>();

/** Every field in reading order. Cached per checklist (checklists are treated as immutable): it runs on every keystroke. */
export function allFields(checklist: Checklist): ChecklistField[] {
  let fields = flattened.get(checklist);
  if (!fields) {
    fields = checklist.sections.flatMap((section) => section.fields);
    flattened.set(checklist, fields);
  }
  return fields;
}
