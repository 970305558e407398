// Writes sdk/src/checklist-checks.ts from the repository's checklists: per
// shipped checklist, its whole check (types, option sets, ranges, visibility,
// rules) as straight-line code over the record's answers, what Ajv's
// standalone code is to a JSON Schema. Extension pages forbid eval, so it is
// written here, at build time. validate and evaluate run one only for a
// checklist that is the shipped one (same JSON, same rules in the same order;
// sdk/src/shipped-check.ts); any other goes through the rule engine. Messages
// are built by callbacks from the engine's own plans, so only the decisions
// live here. For evaluate it also marks the fields shown and those required
// rules ask for, and the follow-ups triggered, and builds the answers object.
//   node sdk/scripts/checklist-checks.mjs [--check]
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeGenerated } from './generated-source.mjs';

const sdkDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(sdkDir, '..', 'checklists');
const target = join(sdkDir, 'src', 'checklist-checks.ts');

// The engine's rule order (rules.ts, compareRuleIds and rulesToRun); validate compares the rule ids it yields
// with the engine's before using a check, so a drift here means the engine, never a wrong verdict.
function compareRuleIds(a, b) {
  const [, prefixA = a, numberA] = /^(.*?)(\d+)$/.exec(a) ?? [];
  const [, prefixB = b, numberB] = /^(.*?)(\d+)$/.exec(b) ?? [];
  if (prefixA !== prefixB) return prefixA < prefixB ? -1 : 1;
  if (numberA === undefined || numberB === undefined) return numberA === numberB ? 0 : numberA === undefined ? -1 : 1;
  return Number(numberA) - Number(numberB);
}

function rulesToRun(checklist) {
  const { deadline } = checklist;
  if (!deadline || (!deadline.requires?.length && !deadline.expect)) return checklist.rules;
  const rule = { id: deadline.rule, severity: 'required', requires: deadline.requires, expect: deadline.expect };
  if (deadline.expectField) rule.expectField = deadline.expectField;
  const at = checklist.rules.findIndex((other) => compareRuleIds(other.id, rule.id) > 0);
  return at < 0 ? [...checklist.rules, rule] : [...checklist.rules.slice(0, at), rule, ...checklist.rules.slice(at)];
}

function comparedFields(condition) {
  if ('all' in condition) return condition.all.flatMap(comparedFields);
  if ('any' in condition) return condition.any.flatMap(comparedFields);
  if ('not' in condition) return comparedFields(condition.not);
  if (condition.op === 'exists' || condition.op === 'notExists') return [];
  return 'otherField' in condition ? [condition.field, condition.otherField] : [condition.field];
}

/** The canonical JSON's length and two independent 32-bit hashes of it (FNV-1a, and a multiply-rotate one): 64 bits against an accidental match. */
function fingerprint(text) {
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

const literal = (value) => JSON.stringify(value);

/** JSON with every object's keys sorted: the checklist as parsed (parseChecklist may reorder keys) or as read. sdk/src/shipped-check.ts has its twin, and fingerprint's (run at build time, before the SDK is compiled, so they cannot share one). */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return String(JSON.stringify(value));
  const keys = Object.keys(value)
    .filter((key) => value[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
}

function checkSource(checklist) {
  const fields = checklist.sections.flatMap((section) => section.fields ?? []);
  const placeOf = new Map(fields.map((field, place) => [field.id, place]));
  const isList = (id) => fields[placeOf.get(id)]?.type === 'multichoice';
  // An unknown id is never answered (the engine reads values[-1]).
  const read = (id) => (placeOf.has(id) ? `v[${placeOf.get(id)}]` : 'undefined');
  const constants = [];

  // compileAt's semantics on normal answers: "answered" is "defined", a single answer compares with ===.
  function condition(c) {
    if ('all' in c) return c.all.length ? `(${c.all.map(condition).join(' && ')})` : 'true';
    if ('any' in c) return c.any.length ? `(${c.any.map(condition).join(' || ')})` : 'false';
    if ('not' in c) return `!(${condition(c.not)})`;
    const a = read(c.field);
    const list = isList(c.field);
    const same = (value) => (list ? `same(${a}, ${literal(value)})` : `(${a} === ${literal(value)})`);
    switch (c.op) {
      case 'exists':
        return `(${a} !== undefined)`;
      case 'notExists':
        return `(${a} === undefined)`;
      case 'equals':
        return list ? `(${a} !== undefined && ${same(c.value)})` : same(c.value);
      case 'notEquals':
        return `(${a} !== undefined && !(${same(c.value)}))`;
      case 'oneOf':
      case 'noneOf': {
        const any = c.values.length ? c.values.map(same).join(' || ') : 'false';
        return `(${a} !== undefined && ${c.op === 'oneOf' ? '' : '!'}(${any}))`;
      }
      case 'between':
        return `(typeof ${a} === 'number' && ${a} >= ${literal(c.min)} && ${a} <= ${literal(c.max)})`;
      case 'sameAs':
      case 'differentFrom':
      case 'before':
      case 'after':
        return `pair(${literal(c.op)}, ${a}, ${read(c.otherField)})`;
      default:
        throw new Error(`${checklist.id}: unknown condition ${JSON.stringify(c)}`);
    }
  }

  function valid(field, place) {
    const options = () => {
      const name = `O${place}`;
      constants.push(`const ${name} = new Set<unknown>(${literal((field.options ?? []).map((option) => option.value))});`);
      return name;
    };
    switch (field.type) {
      case 'text':
      case 'longtext':
        return `typeof a === 'string' && a.length > 0`;
      case 'choice':
        return `typeof a === 'string' && ${options()}.has(a)`;
      case 'attendance':
        return `typeof a === 'string' && ATTENDANCE.has(a)`;
      case 'multichoice': {
        const set = options();
        return `Array.isArray(a) && a.length > 0 && a.every((item) => typeof item === 'string' && ${set}.has(item))`;
      }
      case 'boolean':
        return `typeof a === 'boolean'`;
      case 'number':
        return `typeof a === 'number' && Number.isFinite(a)`;
      case 'date':
        return `typeof a === 'string' && a.length === 10 && isLocalDateTime(a)`;
      case 'datetime':
        return `typeof a === 'string' && a.length === 16 && isLocalDateTime(a)`;
      default:
        throw new Error(`${checklist.id}: field ${field.id} has unknown type ${field.type}`);
    }
  }

  const named = (object, id) => (/^[A-Za-z_$][\w$]*$/.test(id) ? `${object}.${id}` : `${object}[${literal(id)}]`);
  const lines = [];
  fields.forEach((field, place) => {
    const load = named('r', field.id);
    // normalAnswer's own fast paths written in line (a call per field, in a function this long, is not inlined):
    // text already normal (printable ASCII at both ends, no carriage return) and a boolean are taken as they are.
    const normal =
      field.type === 'boolean'
        ? `if (typeof a !== 'boolean') a = normalAnswer(a);`
        : field.type === 'number' || field.type === 'multichoice'
          ? `a = normalAnswer(a);`
          : `if (!(typeof a === 'string' && a.length > 0 && (c = a.charCodeAt(0)) > 32 && c < 127 && (c = a.charCodeAt(a.length - 1)) > 32 && c < 127 && a.indexOf('\\r') < 0)) a = normalAnswer(a);`;
    const body = [`a = ${load} as Answer | undefined;`, normal, `if (a !== undefined) {`];
    body.push(`  if (!(${valid(field, place)})) { x.invalid(${place}); b${place} = true; }`);
    const range = [];
    if (field.type === 'number' && field.min !== undefined) range.push(`(a as number) < ${literal(field.min)}`);
    if (field.type === 'number' && field.max !== undefined) range.push(`(a as number) > ${literal(field.max)}`);
    if (range.length) body.push(`  else if (${range.join(' || ')}) { x.range(${place}); b${place} = true; }`);
    body.push(`  else v[${place}] = a;`, `}`);
    lines.push(`let s${place} = false, b${place} = false;`);
    if (field.enableWhen) lines.push(`if (${condition(field.enableWhen)}) {`, `s${place} = true;`, ...body, `}`);
    else lines.push(`s${place} = true;`, ...body);
  });
  const rules = rulesToRun(checklist);
  // evaluate's marks (runRules' shownIn and requiredIn, and its follow-ups): which fields a required rule asked for, and
  // which follow-up rules were triggered. Kept in locals, written to `m` once at the end and only when evaluate asks.
  const askedByRequired = new Set();
  const triggered = new Map();
  rules.forEach((rule, r) => {
    const body = [];
    const asks = (ids, advisory) => {
      for (const id of ids ?? []) {
        if (!placeOf.has(id)) continue;
        const p = placeOf.get(id);
        const report = `if (v[${p}] === undefined && !b${p}) x.missing(${r}, ${p}, ${advisory});`;
        if (!advisory && rule.severity === 'required') {
          askedByRequired.add(p);
          body.push(`if (s${p}) { q${p} = true; ${report} }`);
        } else body.push(`if (s${p} && ${report.slice(4)}`);
      }
    };
    if (rule.severity === 'follow-up') {
      triggered.set(r, rule.when ? `u${r}` : '1');
      if (rule.when) body.push(`u${r} = 1;`);
    }
    asks(rule.requires, false);
    asks(rule.suggests, true);
    if (rule.expect) {
      const compared = comparedFields(rule.expect).map(read);
      const answered = rule.judgeUnanswered || !compared.length ? '' : `${compared.map((a) => `${a} !== undefined`).join(' && ')} && `;
      body.push(`if (${answered}!(${condition(rule.expect)})) x.failed(${r});`);
    }
    if (!body.length) return;
    lines.push(`// ${rule.id}`);
    if (rule.when) lines.push(`if (${condition(rule.when)}) {`, ...body, `}`);
    else lines.push(...body);
  });
  const marks = fields.map((field, p) => {
    const shown = field.enableWhen ? `(s${p} ? 1 : 0)` : '1';
    return `m[${p}] = ${askedByRequired.has(p) ? `${shown} | (q${p} ? 2 : 0)` : shown};`;
  });
  for (const [r, flag] of triggered) marks.push(`m[${fields.length + r}] = ${flag};`);
  const declared = [
    ...[...askedByRequired].map((p) => `let q${p} = false;`),
    ...[...triggered].filter(([, flag]) => flag !== '1').map(([r]) => `let u${r} = 0;`),
  ];
  // evaluate's answers object, by named stores in reading order: a property added by name keeps the object in V8's
  // fast mode, where one added by a key held in a variable (answersOf in rules.ts) turns it into a hash table past a dozen.
  const stores = fields.map((field, p) => `if ((a = v[${p}]) !== undefined) ${named('o', field.id)} = a;`);
  const prefix = `${checklist.id.replace(/\W/g, '_')}_`;
  const prefixed = (text) => text.replace(/\bO(\d+)\b/g, `${prefix}O$1`);
  return {
    constants: constants.map(prefixed),
    text: prefixed(`  // ${checklist.id}
  {
    key: ${literal(fingerprint(canonical(checklist)))},
    rules: ${literal(rules.map((rule) => rule.id))},
    check: (r: Answers, v: Values, x: Emit, m?: Marks) => {
      let a: Answer | undefined;
      let c: number;
      ${[...declared, ...lines].join('\n')}
      if (m !== undefined) {
        ${marks.join('\n')}
      }
    },
  },`),
    answers: `  // ${checklist.id}
  (v: Values) => {
    const o: Record<string, Answer> = {};
    let a: Answer | undefined;
    ${stores.join('\n')}
    return o;
  },`,
  };
}

export function checklistChecksSource() {
  const checks = [];
  const answers = [];
  const constants = [];
  for (const file of readdirSync(source).sort()) {
    if (!file.endsWith('.json')) continue;
    const checklist = JSON.parse(readFileSync(join(source, file), 'utf8'));
    if (checklist?.format !== 'chartguard-checklist/1' || !Array.isArray(checklist.sections)) continue;
    const check = checkSource(checklist);
    constants.push(...check.constants);
    checks.push(check.text);
    answers.push(check.answers);
  }
  return `// Generated by sdk/scripts/checklist-checks.mjs from checklists/*.json; do not edit. Per shipped checklist, its
// whole check as straight-line code (see the script for why); validate and evaluate run it.
import { ATTENDANCE_CODES } from './attendance.js';
import { isLocalDateTime, normalAnswer, type Answer } from './record.js';

type Answers = Record<string, unknown>;
type Values = (Answer | undefined)[];
/**
 * evaluate's marks, by field place: 1 the field is shown, 2 a required rule asks for it; then, at the field count plus
 * a follow-up rule's index, 1 when the rule is triggered. Only follow-up rules' entries are written.
 */
type Marks = number[];

/** validate's callbacks, which build an issue's message from the engine's plans: by field place and rule index. */
export interface Emit {
  invalid(place: number): void;
  range(place: number): void;
  missing(rule: number, place: number, advisory: boolean): void;
  failed(rule: number): void;
}

export interface ChecklistCheck {
  /** The fingerprint of the checklist the check was written from (shipped-check.ts): only that checklist may use it. */
  key: string;
  /** Its rules' ids in the order run, which must be the engine's (rule indexes are positions in it). */
  rules: readonly string[];
  /** Fills v with the answers by place (normal, valid, of shown fields), reports each issue to x, and writes m when given. */
  check: (r: Answers, v: Values, x: Emit, m?: Marks) => void;
}

const ATTENDANCE = new Set<unknown>(ATTENDANCE_CODES);

// The rule engine's comparisons of two answers (conditions.ts), for sameAs, differentFrom, before and after.
function equal(a: Answer, b: Answer): boolean {
  if (Array.isArray(a) || Array.isArray(b))
    return [a].flat().map(String).sort().join('\\u0000') === [b].flat().map(String).sort().join('\\u0000');
  return a === b;
}

function pair(op: string, a: Answer | undefined, b: Answer | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (op === 'sameAs') return equal(a, b);
  if (op === 'differentFrom') return !equal(a, b);
  let order: number;
  if (typeof a === 'number' && typeof b === 'number') order = a - b;
  else {
    const left = String(a);
    const right = String(b);
    order = left < right ? -1 : left > right ? 1 : 0;
  }
  return op === 'before' ? order < 0 : order > 0;
}

/** A list answer holds the value (as text); any other answer is it. */
function same(a: Answer | undefined, value: string | number | boolean): boolean {
  return Array.isArray(a) ? a.includes(String(value)) : a === value;
}

${constants.join('\n')}

export const CHECKLIST_CHECKS: readonly ChecklistCheck[] = [
${checks.join('\n')}
];

/**
 * Per check, at its index in CHECKLIST_CHECKS, evaluate's answers object from the answers by place (answersOf's result,
 * keys in reading order), built by name; a list of its own, so a bundle that only validates leaves it out.
 */
export const CHECKLIST_ANSWERS: readonly ((v: Values) => Record<string, Answer>)[] = [
${answers.join('\n')}
];
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  writeGenerated(sdkDir, target, checklistChecksSource(), fileURLToPath(import.meta.url));
