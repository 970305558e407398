// Decides FHIR-style conditions against a record's answers; shared by field
// visibility (`enableWhen`), rule applicability (`when`) and checks (`expect`).
// Each condition is turned into a predicate once: a supervisor's list grades
// thousands of records (docs/performance.md, "SDK: grading thousands of records").
import type { Condition, ConditionValue } from './model.js';
import type { Answer, ChecklistRecord } from './record.js';
import { isAnswered } from './record.js';

export type Predicate = (record: ChecklistRecord) => boolean;

/**
 * Answers by field place (the rule engine's, see runRules) or by field id: a
 * predicate built with `placeOf` reads `values[place]`, an array index, where
 * one built by id reads `record[id]` through a lookup keyed by every field's name.
 */
export type Values = ChecklistRecord | readonly (Answer | undefined)[];
export type PlacePredicate = (values: Values) => boolean;
type Keyed = Readonly<Record<string | number, Answer | undefined>>;

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

// Predicates run for every row of a long list, mostly before they are
// optimised: their loops are indexed, as for-of allocates per step until then.
/**
 * The condition as a predicate reading each field's answer at `key(id)`: its place, for the rule engine's
 * predicates, which compileChecklist builds once per checklist; its id, for compileCondition's.
 * `isList`, given when every answer it will see is normal (normalAnswer's, as the rule engine keeps them): then
 * "answered" is "defined", text need not be trimmed again on every test, and an answer to a field that is not a
 * list is compared with `===` alone (what sameValue does for it).
 */
export function compileAt(condition: Condition, key: (id: string) => string | number, isList?: (id: string) => boolean): PlacePredicate {
  const sub = (part: Condition) => compileAt(part, key, isList);
  const normal = isList !== undefined;
  const single = normal && 'field' in condition && !isList(condition.field);
  if ('all' in condition) {
    const parts = condition.all.map(sub);
    return (record) => {
      for (let i = 0; i < parts.length; i++) if (!parts[i]!(record)) return false;
      return true;
    };
  }
  if ('any' in condition) {
    const parts = condition.any.map(sub);
    return (record) => {
      for (let i = 0; i < parts.length; i++) if (parts[i]!(record)) return true;
      return false;
    };
  }
  if ('not' in condition) {
    const inner = sub(condition.not);
    return (record) => !inner(record);
  }
  const field = key(condition.field);
  switch (condition.op) {
    case 'exists':
      return (record) => (normal ? (record as Keyed)[field] !== undefined : isAnswered((record as Keyed)[field]));
    case 'notExists':
      return (record) => !(normal ? (record as Keyed)[field] !== undefined : isAnswered((record as Keyed)[field]));
    case 'equals': {
      const { value } = condition;
      // A condition's value is never undefined, so an unanswered field never equals it.
      if (single) return (record) => (record as Keyed)[field] === value;
      return (record) => {
        const answer = (record as Keyed)[field];
        return (normal ? answer !== undefined : isAnswered(answer)) && sameValue(answer!, value);
      };
    }
    case 'notEquals': {
      const { value } = condition;
      if (single)
        return (record) => {
          const answer = (record as Keyed)[field];
          return answer !== undefined && answer !== value;
        };
      return (record) => {
        const answer = (record as Keyed)[field];
        return (normal ? answer !== undefined : isAnswered(answer)) && !sameValue(answer!, value);
      };
    }
    case 'oneOf':
    case 'noneOf': {
      const { values } = condition;
      const wanted = condition.op === 'oneOf';
      if (single)
        return (record) => {
          const answer = (record as Keyed)[field];
          if (answer === undefined) return false;
          for (let i = 0; i < values.length; i++) if (answer === values[i]) return wanted;
          return !wanted;
        };
      return (record) => {
        const answer = (record as Keyed)[field];
        if (!(normal ? answer !== undefined : isAnswered(answer))) return false;
        for (let i = 0; i < values.length; i++) if (sameValue(answer!, values[i]!)) return wanted;
        return !wanted;
      };
    }
    case 'between': {
      const { min, max } = condition;
      return (record) => {
        const answer = (record as Keyed)[field];
        return typeof answer === 'number' && answer >= min && answer <= max;
      };
    }
    default: {
      const { op } = condition;
      const otherField = key(condition.otherField);
      return (record) => {
        const answer = (record as Keyed)[field];
        const other = (record as Keyed)[otherField];
        if (!(normal ? answer !== undefined : isAnswered(answer)) || !(normal ? other !== undefined : isAnswered(other))) return false;
        if (op === 'sameAs') return equalAnswers(answer!, other!);
        if (op === 'differentFrom') return !equalAnswers(answer!, other!);
        const order = compare(answer!, other!);
        return op === 'before' ? order < 0 : order > 0;
      };
    }
  }
}

// Checklists are treated as immutable once loaded, so a condition object always means the same predicate.
const compiled = new WeakMap<Condition, Predicate>();

/** The condition as a predicate, built once per condition object. */
export function compileCondition(condition: Condition): Predicate {
  let predicate = compiled.get(condition);
  if (!predicate) {
    predicate = compileAt(condition, String);
    compiled.set(condition, predicate);
  }
  return predicate;
}

export function holds(condition: Condition, record: ChecklistRecord): boolean {
  return compileCondition(condition)(record);
}

/** Fields whose values a condition compares; a check is only judged once they are all answered. */
export function comparedFields(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(comparedFields);
  if ('any' in condition) return condition.any.flatMap(comparedFields);
  if ('not' in condition) return comparedFields(condition.not);
  if (condition.op === 'exists' || condition.op === 'notExists') return [];
  return 'otherField' in condition ? [condition.field, condition.otherField] : [condition.field];
}
