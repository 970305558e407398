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

// The engine's field a failed check is reported on (rules.ts: expectField, else the first field its condition names).
function conditionFields(condition) {
  if ('all' in condition) return condition.all.flatMap(conditionFields);
  if ('any' in condition) return condition.any.flatMap(conditionFields);
  if ('not' in condition) return conditionFields(condition.not);
  return 'otherField' in condition ? [condition.field, condition.otherField] : [condition.field];
}

/** Whether normalAnswer (record.ts) leaves this text as it is: an option value that is, accepted as given, needs no normalising. */
const isNormalText = (value) => typeof value === 'string' && value.length > 0 && value.trim() === value && !value.includes('\r');

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
    // A list's answer, once defined, is always a normal array of text (normalAnswer): a value is among it as text.
    const same = (value) => (list ? `(${a} as string[]).includes(${literal(String(value))})` : `(${a} === ${literal(value)})`);
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
    // An option test as an `===` chain, not a Set: for a handful of options the chain is what a hash lookup costs
    // before it compares (docs/performance.md, evalfast3). Only text options, as only text answers passed the Set's test.
    const isOption = (name) =>
      (field.options ?? [])
        .filter((option) => typeof option.value === 'string')
        .map((option) => `${name} === ${literal(option.value)}`)
        .join(' || ') || 'false';
    const options = () => {
      const name = `O${place}`;
      constants.push(
        field.type === 'multichoice'
          ? `const ${name} = (list: unknown[]): boolean => {\n  for (let i = 0; i < list.length; i++) {\n    const item = list[i];\n    if (!(${isOption('item')})) return false;\n  }\n  return true;\n};`
          : `const ${name} = (item: unknown): boolean => ${isOption('item')};`,
      );
      return name;
    };
    switch (field.type) {
      case 'text':
      case 'longtext':
        return `typeof a === 'string' && a.length > 0`;
      case 'choice':
        return `${options()}(a)`;
      case 'attendance':
        return `typeof a === 'string' && ATTENDANCE.has(a)`;
      case 'multichoice': {
        const set = options();
        return `Array.isArray(a) && a.length > 0 && ${set}(a)`;
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
  // Taken as given when it is already what normalAnswer would make of it and valid: text printable ASCII at both ends
  // without a carriage return, an option among normal option values, a real date, a boolean, a number in range (not
  // -0). Any other answer is normalised, then checked, as before. Null when a field's answers always need normalising.
  function acceptedAsGiven(field, place) {
    const values = (field.options ?? []).map((option) => option.value);
    const normalOptions = values.every(isNormalText);
    switch (field.type) {
      case 'text':
      case 'longtext':
        return `typeof a === 'string' && a.length > 0 && (c = a.charCodeAt(0)) > 32 && c < 127 && (c = a.charCodeAt(a.length - 1)) > 32 && c < 127 && a.indexOf('\\r') < 0`;
      case 'choice':
        return normalOptions ? `O${place}(a)` : null;
      case 'attendance':
        return `typeof a === 'string' && ATTENDANCE.has(a)`;
      case 'multichoice':
        return normalOptions ? `Array.isArray(a) && a.length > 0 && O${place}(a)` : null;
      case 'boolean':
        return `typeof a === 'boolean'`;
      case 'number': {
        const range = [`typeof a === 'number'`, 'Number.isFinite(a)'];
        if (field.min !== undefined) range.push(`a >= ${literal(field.min)}`);
        if (field.max !== undefined) range.push(`a <= ${literal(field.max)}`);
        return `${range.join(' && ')} && (a !== 0 || 1 / a > 0)`;
      }
      case 'date':
        return `typeof a === 'string' && a.length === 10 && isLocalDateTime(a)`;
      case 'datetime':
        return `typeof a === 'string' && a.length === 16 && isLocalDateTime(a)`;
      default:
        return null;
    }
  }
  const lines = [];
  fields.forEach((field, place) => {
    const load = named('r', field.id);
    const checked = [`if ((a = normalAnswer(a)) !== undefined) {`];
    checked.push(`  if (!(${valid(field, place)})) { x.invalid(${place}); b${place} = true; }`);
    const range = [];
    if (field.type === 'number' && field.min !== undefined) range.push(`(a as number) < ${literal(field.min)}`);
    if (field.type === 'number' && field.max !== undefined) range.push(`(a as number) > ${literal(field.max)}`);
    if (range.length) checked.push(`  else if (${range.join(' || ')}) { x.range(${place}); b${place} = true; }`);
    checked.push(`  else v[${place}] = a;`, `}`);
    const given = acceptedAsGiven(field, place);
    // A list is copied, as normalAnswer's is, so the answers evaluate returns never share the record's array.
    const store = field.type === 'multichoice' ? `v[${place}] = (a as string[]).slice();` : `v[${place}] = a;`;
    const body = [`a = ${load} as Answer | undefined;`];
    if (given) body.push(`if (${given}) ${store}`, `else if (a !== undefined) {`, ...checked, `}`);
    else body.push(`if (a !== undefined) {`, ...checked, `}`);
    lines.push(`let s${place} = false, b${place} = false;`);
    if (field.enableWhen) lines.push(`if (${condition(field.enableWhen)}) {`, `s${place} = true;`, ...body, `}`);
    else lines.push(`s${place} = true;`, ...body);
  });
  const rules = rulesToRun(checklist);
  // evaluate's marks (runRules' shownIn and requiredIn, and its follow-ups): which fields a required rule asked for, and
  // which follow-up rules were triggered. Kept in locals, written to `m` once at the end and only when evaluate asks.
  const askedByRequired = new Set();
  const triggered = new Map();
  // Fields a required rule's failed check is reported on: while it fails, the field does not count as done in progress.
  const blockedBy = new Set();
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
      if (rule.when) body.push(`u${r} = true;`);
    }
    asks(rule.requires, false);
    asks(rule.suggests, true);
    if (rule.expect) {
      const compared = comparedFields(rule.expect).map(read);
      const answered = rule.judgeUnanswered || !compared.length ? '' : `${compared.map((a) => `${a} !== undefined`).join(' && ')} && `;
      const at = rule.expectField ?? conditionFields(rule.expect)[0];
      const blocks = rule.severity === 'required' && placeOf.has(at) ? placeOf.get(at) : undefined;
      if (blocks !== undefined) blockedBy.add(blocks);
      body.push(
        `if (${answered}!(${condition(rule.expect)})) ${blocks === undefined ? `x.failed(${r});` : `{ x.failed(${r}); k${blocks} = true; }`}`,
      );
    }
    if (!body.length) return;
    lines.push(`// ${rule.id}`);
    if (rule.when) lines.push(`if (${condition(rule.when)}) {`, ...body, `}`);
    else lines.push(...body);
  });
  // evaluate's part (runRules' enabled, requiredFields and followUps, and evaluationOf's progress), written to m only
  // when evaluate passes it: the fields shown, by name in reading order; the required fields and those answered and not
  // held by a failed check; the follow-up rules triggered, by index.
  const marks = ['const e = m.visible;'];
  fields.forEach((field, p) => marks.push(field.enableWhen ? `if (s${p}) e.push(${literal(field.id)});` : `e.push(${literal(field.id)});`));
  marks.push('let t = 0;', 'let d = 0;');
  for (const p of [...askedByRequired].sort((a, b) => a - b))
    marks.push(`if (q${p}) { t++; if (v[${p}] !== undefined${blockedBy.has(p) ? ` && !k${p}` : ''}) d++; }`);
  marks.push('m.required = t;', 'm.done = d;');
  // The attention items whose condition holds, as bits by item (evaluationOf reads them instead of the items' predicates).
  const attention = checklist.attention ?? [];
  if (attention.length > 30) throw new Error(`${checklist.id}: more than 30 attention items do not fit the marks' bits`);
  marks.push('let w = 0;', ...attention.map((item, i) => `if (${condition(item.when)}) w |= ${2 ** i};`), 'm.risks = w;');
  for (const [r, flag] of triggered) marks.push(flag === '1' ? `m.followUps.push(${r});` : `if (${flag}) m.followUps.push(${r});`);
  const declared = [
    ...[...askedByRequired].map((p) => `let q${p} = false;`),
    ...[...blockedBy].map((p) => `let k${p} = false;`),
    ...[...triggered].filter(([, flag]) => flag !== '1').map(([r]) => `let u${r} = false;`),
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
    check: (r: Answers, v: Values, x: Emit, m?: EvaluateMarks) => {
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
/** What evaluate needs beyond the issues, written by a check when evaluate passes it (validate passes none). */
export interface EvaluateMarks {
  /** Ids of the fields shown, in reading order (runRules' enabled list); a fresh list per run, since it is returned. */
  visible: string[];
  /** Fields a required rule asks for, and of them those answered that no failed required check is reported on (progress). */
  required: number;
  done: number;
  /** Indexes of the follow-up rules triggered, in the order run. */
  followUps: number[];
  /** Bit i set: the condition of the checklist's attention item i holds. */
  risks: number;
}

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
  check: (r: Answers, v: Values, x: Emit, m?: EvaluateMarks) => void;
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
