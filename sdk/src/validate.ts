// The verdict alone: a record's issues against a checklist, exactly those
// evaluate lists, without the rest of an Evaluation (answers object, visible
// fields, follow-ups, badge, progress). The peer of a JSON Schema validator's
// `validate`, for callers that only need to know what is wrong.
import { judgeDeadline, type EvaluateOptions } from './evaluate.js';
import { FIELD_READERS } from './field-readers.js';
import { readLocale, readNow, unknownFieldIssues } from './inputs.js';
import type { Checklist } from './model.js';
import type { Answer } from './record.js';
import { compileChecklist, runRules, type CompiledChecklist, type Issue } from './rules.js';
import { shippedCheck } from './shipped-check.js';

/** What validate reads of evaluate's options; `settings` only for the deadline's hours. */
export type ValidateOptions = Pick<EvaluateOptions, 'now' | 'locale' | 'settings' | 'unknownFields'>;

const NONE: readonly Issue[] = Object.freeze([]);

type Reader = (record: Record<string, unknown>) => unknown[];
const readers = new WeakMap<CompiledChecklist, Reader | null>();

/**
 * The build's reader of this checklist's answers (sdk/scripts/field-readers.mjs), when its fields are exactly
 * the reader's in the same order: a shipped checklist, or a copy of one. Any other checklist's answers are read
 * by id, as evaluate reads them; both read `record[id]`, so the verdict is the same either way.
 */
function readerOf(compiled: CompiledChecklist): Reader | null {
  let reader = readers.get(compiled);
  if (reader === undefined) {
    const { fields } = compiled;
    const match = FIELD_READERS.find((r) => r.ids.length === fields.length && r.ids.every((id, i) => id === fields[i]!.id));
    readers.set(compiled, (reader = match ? match.read : null));
  }
  return reader;
}

/** Whether `validate` runs the build's generated check for this checklist (a test holds the build's fingerprint and this one level). */
export function usesGeneratedCheck(checklist: Checklist): boolean {
  return shippedCheck(checklist, compileChecklist(checklist)) !== null;
}

/**
 * The issues `evaluate(checklist, record, options).issues` lists, in the same order and equal field by field
 * (required first, the passed deadline's last among them, then follow-ups, then advisory, then unknown fields),
 * and an empty list when there are none. Readonly: the empty list is shared between calls.
 */
export function validate(checklist: Checklist, record: Record<string, unknown>, options: ValidateOptions = {}): readonly Issue[] {
  const locale = readLocale(options.locale);
  const nowMs = readNow(options.now);
  const compiled = compileChecklist(checklist);
  const isObject = record !== null && typeof record === 'object';
  const check = isObject ? shippedCheck(checklist, compiled) : null;
  let issues: Issue[];
  let values: (Answer | undefined)[];
  if (check) {
    values = new Array(compiled.fields.length);
    check.locale = locale;
    issues = check.issues = [];
    check.run(record, values, check);
  } else {
    const reader = isObject ? readerOf(compiled) : null;
    const outcome = runRules(compiled, record, locale, undefined, true, reader ? reader(record) : undefined);
    issues = outcome.issues;
    values = outcome.values as (Answer | undefined)[];
  }
  let required = 0;
  let other = 0;
  for (let i = 0; i < issues.length; i++) issues[i]!.severity === 'required' ? required++ : other++;
  if (compiled.checklist.deadline)
    judgeDeadline(compiled, values, required ? 'incomplete' : 'complete', nowMs, options.settings, locale, issues);
  // evaluate's order: required (the deadline's among them, pushed last), then follow-ups, then advisory.
  if (other) {
    const ordered: Issue[] = [];
    for (let i = 0; i < issues.length; i++) if (issues[i]!.severity === 'required') ordered.push(issues[i]!);
    for (let i = 0; i < issues.length; i++) if (issues[i]!.severity === 'follow-up') ordered.push(issues[i]!);
    for (let i = 0; i < issues.length; i++) if (issues[i]!.severity === 'advisory') ordered.push(issues[i]!);
    issues = ordered;
  }
  if (options.unknownFields !== 'ignore') {
    const unknown = unknownFieldIssues(checklist, record, locale);
    for (let i = 0; i < unknown.length; i++) issues.push(unknown[i]!);
  }
  return issues.length ? issues : NONE;
}
