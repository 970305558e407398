// The build-time check of a shipped checklist (sdk/scripts/checklist-checks.mjs), found for a checklist object and
// wrapped with the callbacks that turn its findings into the engine's issues: shared by validate and evaluate, so
// both run the generated code under the same conditions and report in the same words.
import { CHECKLIST_CHECKS, type ChecklistCheck, type Emit } from './checklist-checks.js';
import { message, type MessageKey } from './locales/index.js';
import type { Checklist } from './model.js';
import { invalidAnswer, issue, missingText, typeKey, type CompiledChecklist, type Issue } from './rules.js';
import { localize, type Locale } from './text.js';

/** A build-time check with the engine's plans its issues are built from. */
export class Shipped implements Emit {
  locale: Locale = 'en';
  issues: Issue[] = [];
  constructor(
    readonly compiled: CompiledChecklist,
    readonly run: ChecklistCheck['check'],
    /** Its place in CHECKLIST_CHECKS (and CHECKLIST_ANSWERS). */
    readonly index: number,
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
// The checklist last asked about, answered first: calls come for one checklist after another.
let lastChecklist: Checklist | undefined;
let lastFound: Shipped | null = null;

/**
 * The build's check of this checklist when it is the shipped one: the same JSON (by fingerprint), and the engine runs the same
 * rules in the same order (the check's rule indexes are places in that order). Judged once per checklist object
 * (checklists are treated as immutable once loaded); for any other checklist, null: the caller runs the engine.
 */
export function shippedCheck(checklist: Checklist, compiled: CompiledChecklist): Shipped | null {
  if (checklist === lastChecklist) return lastFound;
  let found = shipped.get(checklist);
  if (found === undefined) {
    found = null;
    const key = fingerprint(canonical(checklist));
    const index = CHECKLIST_CHECKS.findIndex((c) => c.key === key);
    const check = CHECKLIST_CHECKS[index];
    const { rulePlans } = compiled;
    if (check && check.rules.length === rulePlans.length && check.rules.every((id, r) => id === rulePlans[r]!.rule.id))
      found = new Shipped(compiled, check.check, index);
    shipped.set(checklist, found);
  }
  lastChecklist = checklist;
  lastFound = found;
  return found;
}
