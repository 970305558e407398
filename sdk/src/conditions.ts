// Decides FHIR-style conditions against a record's answers; shared by field
// visibility (`enableWhen`), rule applicability (`when`) and checks (`expect`).
import type { Condition, ConditionValue } from './model.js';
import type { Answer, ChecklistRecord } from './record.js';
import { isAnswered } from './record.js';

function sameValue(answer: Answer, value: ConditionValue): boolean {
  return Array.isArray(answer) ? answer.includes(String(value)) : answer === value;
}

function compare(a: Answer, b: Answer): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // Dates and datetimes are ISO-like strings, so text order is time order.
  const left = String(a);
  const right = String(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

function equalAnswers(a: Answer, b: Answer): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return [a].flat().map(String).sort().join('\u0000') === [b].flat().map(String).sort().join('\u0000');
  }
  return a === b;
}

export function holds(condition: Condition, record: ChecklistRecord): boolean {
  if ('all' in condition) return condition.all.every((part) => holds(part, record));
  if ('any' in condition) return condition.any.some((part) => holds(part, record));
  if ('not' in condition) return !holds(condition.not, record);
  const answer = record[condition.field];
  const answered = isAnswered(answer);
  switch (condition.op) {
    case 'exists':
      return answered;
    case 'notExists':
      return !answered;
    case 'equals':
      return answered && sameValue(answer!, condition.value);
    case 'notEquals':
      return answered && !sameValue(answer!, condition.value);
    case 'oneOf':
      return answered && condition.values.some((value) => sameValue(answer!, value));
    case 'noneOf':
      return answered && !condition.values.some((value) => sameValue(answer!, value));
    case 'between':
      return typeof answer === 'number' && answer >= condition.min && answer <= condition.max;
    default: {
      const other = record[condition.otherField];
      if (!answered || !isAnswered(other)) return false;
      if (condition.op === 'sameAs') return equalAnswers(answer!, other!);
      if (condition.op === 'differentFrom') return !equalAnswers(answer!, other!);
      const order = compare(answer!, other!);
      return condition.op === 'before' ? order < 0 : order > 0;
    }
  }
}

/** Fields whose values a condition compares; a check is only judged once they are all answered. */
export function comparedFields(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(comparedFields);
  if ('any' in condition) return condition.any.flatMap(comparedFields);
  if ('not' in condition) return comparedFields(condition.not);
  if (condition.op === 'exists' || condition.op === 'notExists') return [];
  return 'otherField' in condition ? [condition.field, condition.otherField] : [condition.field];
}
