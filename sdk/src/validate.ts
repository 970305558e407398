// The verdict alone: a record's issues against a checklist, exactly those
// evaluate lists, without the rest of an Evaluation (answers object, visible
// fields, follow-ups, badge, progress). The peer of a JSON Schema validator's
// `validate`, for callers that only need to know what is wrong.
import { CHECKLIST_CHECKS, type ChecklistCheck, type Emit } from './checklist-checks.js';
import { judgeDeadline, type EvaluateOptions } from './evaluate.js';
import { FIELD_READERS } from './field-readers.js';
import { readLocale, readNow, unknownFieldIssues } from './inputs.js';
import { message, type MessageKey } from './locales/index.js';
import type { Checklist } from './model.js';
import type { Answer } from './record.js';
import { compileChecklist, invalidAnswer, issue, missingText, runRules, typeKey, type CompiledChecklist, type Issue } from './rules.js';
import { localize, type Locale } from './text.js';

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

/** A build-time check (sdk/scripts/checklist-checks.mjs) with the engine's plans its issues are built from. */
class Shipped implements Emit {
  locale: Locale = 'en';
  issues: Issue[] = [];
  constructor(
    readonly compiled: CompiledChecklist,
    readonly run: ChecklistCheck['check'],
  ) {}
  // The engine's issues for the same findings (runRules in rules.ts), so the words and fields cannot differ.
  invalid(place: number): void {
    const { field, rule } = this.compiled.fieldPlans[place]!;
    const key: MessageKey = field.options || field.type === 'attendance' ? 'issue.invalidOption' : 'issue.invalidType';
    this.issues.push(invalidAnswer(rule, field, this.locale, key, { type: message(this.locale, typeKey(field)) }));
  }
  range(place: number): void {
    const { field, rule } = this.compiled.fieldPlans[place]!;
    this.issues.push(invalidAnswer(rule, field, this.locale, 'issue.outOfRange', { min: field.min ?? '−∞', max: field.max ?? '∞' }));
  }
  missing(r: number, place: number, advisory: boolean): void {
    const { rule } = this.compiled.rulePlans[r]!;
    const plan = this.compiled.fieldPlans[place]!;
    this.issues.push(
      issue(rule, advisory ? 'advisory' : rule.severity, 'missing', plan.field.id, missingText(plan, this.locale), this.locale),
    );
  }
  failed(r: number): void {
    const { rule, at } = this.compiled.rulePlans[r]!;
    this.issues.push(issue(rule, rule.severity, 'failed', at!, localize(rule.message ?? rule.summary, this.locale), this.locale));
  }
}

/** JSON with every object's keys sorted, as sdk/scripts/checklist-checks.mjs writes it: a parsed checklist's keys may be in another order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return String(JSON.stringify(value));
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object)
    .filter((key) => object[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(object[key])}`).join(',')}}`;
}

/** As sdk/scripts/checklist-checks.mjs writes it: the canonical JSON's length and two independent 32-bit hashes of it (FNV-1a, and a multiply-rotate one): 64 bits against an accidental match. */
function fingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b = (b << 13) | (b >>> 19);
  }
  return `${text.length}:${(a >>> 0).toString(16)}:${(b >>> 0).toString(16)}`;
}

const shipped = new WeakMap<Checklist, Shipped | null>();

/**
 * The build's check of this checklist when it is the shipped one: the same JSON (by fingerprint), and the engine runs the same
 * rules in the same order (the check's rule indexes are places in that order). Judged once per checklist object
 * (checklists are treated as immutable once loaded); any other checklist goes through the engine.
 */
function shippedCheck(checklist: Checklist, compiled: CompiledChecklist): Shipped | null {
  let found = shipped.get(checklist);
  if (found === undefined) {
    found = null;
    const key = fingerprint(canonical(checklist));
    const check = CHECKLIST_CHECKS.find((c) => c.key === key);
    const { rulePlans } = compiled;
    if (check && check.rules.length === rulePlans.length && check.rules.every((id, r) => id === rulePlans[r]!.rule.id))
      found = new Shipped(compiled, check.check);
    shipped.set(checklist, found);
  }
  return found;
}

/**
 * The issues `evaluate(checklist, record, options).issues` lists, in the same order and equal field by field
 * (required first, the passed deadline's last among them, then follow-ups, then advisory, then unknown fields),
 * and an empty list when there are none. Readonly: the empty list is shared between calls.
 */
/** Whether `validate` runs the build's generated check for this checklist (a test holds the build's fingerprint and this one level). */
export function usesGeneratedCheck(checklist: Checklist): boolean {
  return shippedCheck(checklist, compileChecklist(checklist)) !== null;
}

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
