// Imported configuration runs inside the portal page, on every DOM change and
// every click: a pattern that backtracks for seconds, a Save selector that
// catches every click, or a file of many megabytes would break the portal the
// clinician depends on. These checks read the raw JSON (any `path` pattern,
// any `save` selector, anywhere in it), so they hold whatever shape the adapter
// format takes, and each problem names its path.

export interface SafetyProblem {
  path: string;
  message: string;
}

/** Limits on an imported file: far above any real adapter or checklist, far below what slows a page. */
export const IMPORT_LIMITS = {
  /** Characters of the file as JSON. */
  size: 1_000_000,
  /** Nesting of objects and arrays. */
  depth: 32,
  /** Characters of one page pattern. */
  patternLength: 500,
} as const;

/** Elements that hold the whole page or a whole form: a Save selector reaching them makes every click a Save. */
const PAGE_WIDE = new Set(['html', 'body', 'head', 'form', 'main']);
/** Containers that, named alone (no id, class or attribute), are never one Save control. */
const BARE_CONTAINERS = new Set([
  'div',
  'span',
  'section',
  'article',
  'table',
  'tbody',
  'tr',
  'td',
  'p',
  'ul',
  'ol',
  'li',
  'nav',
  'header',
  'footer',
  'aside',
  'fieldset',
  'label',
]);

/** Every problem of an imported file, by path; an empty list when it is safe to run in a portal page. */
export function adapterSafetyProblems(data: unknown): SafetyProblem[] {
  const problems: SafetyProblem[] = [];
  let size: number;
  try {
    size = JSON.stringify(data)?.length ?? 0;
  } catch {
    return [{ path: '', message: 'cannot be read as JSON (a cycle or a value JSON cannot hold)' }];
  }
  if (size > IMPORT_LIMITS.size) {
    problems.push({
      path: '',
      message: `the file is ${size.toLocaleString('en')} characters; at most ${IMPORT_LIMITS.size.toLocaleString('en')} are accepted`,
    });
    return problems;
  }
  walk(data, [], problems);
  return problems;
}

function walk(value: unknown, path: (string | number)[], problems: SafetyProblem[]) {
  if (path.length > IMPORT_LIMITS.depth) {
    problems.push({ path: formatPath(path), message: `nested more than ${IMPORT_LIMITS.depth} levels deep` });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, [...path, index], problems));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    const here = [...path, key];
    if (key === 'path' && typeof child === 'string') {
      const problem = patternProblem(child);
      if (problem) problems.push({ path: formatPath(here), message: problem });
    } else if (key === 'save') {
      const selectors = typeof child === 'string' ? [child] : Array.isArray(child) ? child : [];
      selectors.forEach((selector, index) => {
        if (typeof selector !== 'string') return;
        const problem = saveSelectorProblem(selector);
        if (problem) problems.push({ path: formatPath(typeof child === 'string' ? here : [...here, index]), message: problem });
      });
    }
    walk(child, here, problems);
  }
}

function formatPath(path: (string | number)[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
}

// ---------------------------------------------------------------- Save selectors

/** Why a Save selector is unsafe, or undefined. Each comma-separated part is judged by what it selects (its last compound). */
export function saveSelectorProblem(selector: string): string | undefined {
  for (const part of splitTopLevel(selector, ',')) {
    const compound = lastCompound(part.trim());
    if (!compound) return `“${part.trim()}” selects nothing a user could press`;
    const type = /^(\*|[a-zA-Z][\w-]*)/.exec(compound)?.[1]?.toLowerCase();
    const rest = type ? compound.slice(type.length) : compound;
    if (type === '*' && rest === '') return `“${part.trim()}” matches every element: every click on the page would be held as a Save`;
    if (/^:root\b/i.test(compound) || (type === '*' && /^:root\b/i.test(rest)))
      return `“${part.trim()}” matches the whole page: every click would be held as a Save`;
    if (type && PAGE_WIDE.has(type))
      return `“${part.trim()}” matches <${type}>, which holds the whole page or form: every click inside it would be held as a Save; name the Save button itself`;
    if (type && BARE_CONTAINERS.has(type) && rest === '')
      return `“${part.trim()}” matches every <${type}> on the page, not one Save control; add an id, class or attribute`;
  }
  return undefined;
}

/** The positions of the characters `at` accepts that stand outside brackets, parentheses and quotes. */
function topLevelPositions(text: string, at: (char: string) => boolean): number[] {
  const positions: number[] = [];
  let depth = 0;
  let quote: string | null = null;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === '\\') {
      index++;
      continue;
    }
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '(' || char === '[') depth++;
    else if (char === ')' || char === ']') depth--;
    else if (depth === 0 && at(char)) positions.push(index);
  }
  return positions;
}

/** Splits at `separator` outside brackets, parentheses and quotes. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (const index of topLevelPositions(text, (char) => char === separator)) {
    parts.push(text.slice(start, index));
    start = index + 1;
  }
  parts.push(text.slice(start));
  return parts;
}

const COMBINATORS = new Set([' ', '>', '+', '~', '\t', '\n']);

/** The compound selector after the last top-level combinator (what the selector finally selects). */
function lastCompound(selector: string): string {
  const last = topLevelPositions(selector, (char) => COMBINATORS.has(char)).at(-1);
  return selector.slice(last === undefined ? 0 : last + 1).trim();
}

// ---------------------------------------------------------------- page patterns

/** A set of first characters an atom can match: ASCII by bit, everything else as one flag. */
class FirstChars {
  private bits = new Uint32Array(4);
  other = false;
  add(code: number) {
    if (code < 128) this.bits[code >> 5]! |= 1 << (code & 31);
    else this.other = true;
  }
  addRange(from: number, to: number) {
    for (let code = from; code <= Math.min(to, 127); code++) this.add(code);
    if (to >= 128) this.other = true;
  }
  addAll() {
    this.bits.fill(0xffffffff);
    this.other = true;
  }
  invert() {
    for (let index = 0; index < 4; index++) this.bits[index] = ~this.bits[index]! >>> 0;
    this.other = true;
  }
  merge(other: FirstChars) {
    for (let index = 0; index < 4; index++) this.bits[index]! |= other.bits[index]!;
    this.other ||= other.other;
  }
  overlaps(other: FirstChars): boolean {
    if (this.other && other.other) return true;
    for (let index = 0; index < 4; index++) if ((this.bits[index]! & other.bits[index]!) !== 0) return true;
    return false;
  }
  get empty(): boolean {
    return !this.other && this.bits.every((word) => word === 0);
  }
}

function escapeClass(letter: string, into: FirstChars) {
  const lower = letter.toLowerCase();
  const set = new FirstChars();
  if (lower === 'd') set.addRange(48, 57);
  else if (lower === 'w') {
    set.addRange(48, 57);
    set.addRange(65, 90);
    set.addRange(97, 122);
    set.add(95);
  } else if (lower === 's') {
    for (const code of [9, 10, 11, 12, 13, 32]) set.add(code);
    set.other = true;
  } else return false;
  if (letter !== lower) set.invert();
  into.merge(set);
  return true;
}

interface Group {
  /** Something inside can repeat (a quantifier allowing more than one). */
  repeats: boolean;
  /** First characters of each alternative so far. */
  alternatives: FirstChars[];
  /** Whether the current alternative has had its first atom. */
  started: boolean;
}

/**
 * Why a page pattern could backtrack catastrophically, or undefined. Read statically: a repeated group
 * holding a repetition (`(a+)+`, `(\w*)*`), or a repeated group whose alternatives can start with the
 * same character (`(a|ab)*`, `(\w|\d)+`), is refused; such patterns take time that doubles per character.
 */
export function patternProblem(source: string): string | undefined {
  if (source.length > IMPORT_LIMITS.patternLength)
    return `the pattern is ${source.length} characters; at most ${IMPORT_LIMITS.patternLength} are accepted`;
  try {
    new RegExp(source);
  } catch {
    return undefined; // The adapter's own schema reports an invalid pattern.
  }
  const stack: Group[] = [{ repeats: false, alternatives: [new FirstChars()], started: false }];
  /** What the last atom was, so a quantifier after it knows what it repeats. */
  // Held in an object: the atom() closure sets it, which control-flow narrowing would not see.
  const state: { lastAtom: { repeats: boolean; group?: Group } | null } = { lastAtom: null };
  const top = () => stack[stack.length - 1]!;
  const atom = (first: FirstChars, repeats = false, group?: Group) => {
    const current = top();
    if (!current.started) {
      current.alternatives[current.alternatives.length - 1]!.merge(first);
      current.started = true;
    }
    if (repeats) current.repeats = true;
    state.lastAtom = { repeats, group };
  };
  for (let index = 0; index < source.length; index++) {
    const char = source[index]!;
    if (char === '\\') {
      const next = source[++index] ?? '';
      const first = new FirstChars();
      if (!escapeClass(next, first)) {
        if (/[1-9]/.test(next)) first.addAll();
        else if (next === 'b' || next === 'B') {
          state.lastAtom = null;
          continue;
        } else first.add(next.charCodeAt(0));
      }
      atom(first);
    } else if (char === '[') {
      const first = new FirstChars();
      let position = index + 1;
      const negated = source[position] === '^';
      if (negated) position++;
      let previous: number | null = null;
      for (; position < source.length && (source[position] !== ']' || position === index + 1 + Number(negated)); position++) {
        let code = source.charCodeAt(position);
        if (source[position] === '\\') {
          position++;
          if (escapeClass(source[position] ?? '', first)) {
            previous = null;
            continue;
          }
          code = source.charCodeAt(position);
        }
        if (source[position] === '-' && previous !== null && source[position + 1] !== ']') {
          let to = source.charCodeAt(position + 1);
          if (source[position + 1] === '\\') to = source.charCodeAt(position + 2);
          first.addRange(previous, to);
          position += source[position + 1] === '\\' ? 2 : 1;
          previous = null;
          continue;
        }
        first.add(code);
        previous = code;
      }
      if (negated) first.invert();
      index = position;
      atom(first);
    } else if (char === '(') {
      let lookaround = false;
      if (source[index + 1] === '?') {
        if (source[index + 2] === '<' && source[index + 3] !== '=' && source[index + 3] !== '!') index = source.indexOf('>', index);
        else {
          lookaround = source[index + 2] !== ':';
          index += source[index + 2] === '<' ? 3 : 2;
        }
      }
      stack.push({ repeats: false, alternatives: [new FirstChars()], started: lookaround });
    } else if (char === ')') {
      const group = stack.pop()!;
      const first = new FirstChars();
      for (const alternative of group.alternatives) first.merge(alternative);
      if (first.empty) first.addAll();
      atom(first, group.repeats, group);
    } else if (char === '|') {
      top().alternatives.push(new FirstChars());
      top().started = false;
    } else if (char === '*' || char === '+' || char === '?' || char === '{') {
      let repeats = char !== '?';
      if (char === '{') {
        const close = source.indexOf('}', index);
        const body = close > index ? source.slice(index + 1, close) : '';
        const match = /^(\d+)(,(\d*))?$/.exec(body);
        if (!match) {
          atom(charOf(char));
          continue;
        }
        const max = match[2] === undefined ? Number(match[1]) : match[3] === '' ? Infinity : Number(match[3]);
        repeats = max > 1;
        index = close;
      }
      if (source[index + 1] === '?') index++;
      const repeated = state.lastAtom;
      if (repeats && repeated?.group) {
        if (repeated.group.repeats)
          return 'a repeated group holds a repetition (nested quantifiers such as (a+)+): matching can take time that doubles with each character';
        const alternatives = repeated.group.alternatives;
        for (let a = 0; a < alternatives.length; a++)
          for (let b = a + 1; b < alternatives.length; b++)
            if (alternatives[a]!.overlaps(alternatives[b]!) || alternatives[a]!.empty || alternatives[b]!.empty)
              return 'a repeated group has alternatives that can start with the same character (such as (a|ab)*): matching can take time that doubles with each character';
      }
      if (repeats) top().repeats = true;
      state.lastAtom = null;
    } else if (char === '^' || char === '$') {
      state.lastAtom = null;
    } else {
      const first = new FirstChars();
      if (char === '.') first.addAll();
      else first.add(char.charCodeAt(0));
      atom(first);
    }
  }
  return undefined;
}

function charOf(char: string): FirstChars {
  const first = new FirstChars();
  first.add(char.charCodeAt(0));
  return first;
}
