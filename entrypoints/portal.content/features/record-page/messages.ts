// What the record page's feature script accepts from the panel and the
// background, read with plain guards instead of lib/protocol.ts's Zod schemas
// (issue 18: Zod's size, docs/performance.md). The same rules, checked against
// those schemas in test/portal-content/record-messages.test.ts: anything that
// does not read is dropped, and only the known keys of what does are kept.
import { NOTE_LIMIT } from '../../../../lib/protocol-names';
import type { ToContent, ToDock } from '../../../../lib/protocol';

type Fields = Record<string, unknown>;

/** An object that is not an array: what a Zod object accepts. */
const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
/** A plain object: what a Zod record accepts. */
const isPlain = (value: unknown): value is Fields => {
  if (!isFields(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};
const isText = (value: unknown, max: number, min = 0): value is string =>
  typeof value === 'string' && value.length >= min && value.length <= max;
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';

type Answers = Extract<ToContent, { type: 'apply' }>['answers'];
type Verdict = Extract<ToContent, { type: 'verdict' }>;
type Issue = Extract<Verdict['verdict'], { kind: 'hold' }>['blocking'][number];

const isTexts = (value: unknown, max: number, each: number): value is string[] =>
  Array.isArray(value) && value.length <= max && value.every((item) => isText(item, each));

function readIssue(value: unknown): Issue | undefined {
  if (!isFields(value) || !isText(value.ruleId, 32) || !isText(value.message, 2000) || !isTexts(value.path, 4, 64)) return undefined;
  return { ruleId: value.ruleId, message: value.message, path: [...value.path] };
}

function readVerdict(raw: Fields): Verdict | undefined {
  const { seq, checklist, verdict } = raw;
  if (!isNumber(seq) || !Number.isSafeInteger(seq) || seq < 0 || !isFields(verdict)) return undefined;
  let held: Verdict['checklist'] = null;
  if (checklist !== null) {
    if (!isFields(checklist) || !isText(checklist.id, 64) || !isFields(checklist.title)) return undefined;
    const { en, 'zh-CN': zh } = checklist.title;
    if (!isText(en, 400) || !isText(zh, 400)) return undefined;
    held = { id: checklist.id, title: { en, 'zh-CN': zh } };
  }
  const read = (judged: Verdict['verdict']): Verdict => ({ type: 'verdict', seq, checklist: held, verdict: judged });
  switch (verdict.kind) {
    case 'allow':
      return read({ kind: 'allow' });
    case 'unchecked':
      return isText(verdict.reason, 2000) ? read({ kind: 'unchecked', reason: verdict.reason }) : undefined;
    case 'hold': {
      if (!Array.isArray(verdict.blocking) || verdict.blocking.length > 200) return undefined;
      const blocking = verdict.blocking.map(readIssue);
      return blocking.every((issue): issue is Issue => issue !== undefined) ? read({ kind: 'hold', blocking }) : undefined;
    }
    default:
      return undefined;
  }
}

function readAnswers(value: unknown): Answers | undefined {
  if (!isPlain(value)) return undefined;
  const answers: Answers = {};
  for (const [key, answer] of Object.entries(value)) {
    if (!isText(key, 64)) return undefined;
    // As Zod's record does: a JSON-decoded "__proto__" key must not become the object's prototype.
    if (key === '__proto__') continue;
    if (isText(answer, NOTE_LIMIT) || isNumber(answer) || isBoolean(answer)) answers[key] = answer;
    else if (Array.isArray(answer) && answer.length <= 100 && answer.every((item) => isText(item, 1000))) answers[key] = [...answer];
    else return undefined;
  }
  return answers;
}

/** A message from the panel over its port, or undefined when it is not one. */
export function readToContent(raw: unknown): ToContent | undefined {
  if (!isFields(raw)) return undefined;
  switch (raw.type) {
    case 'hello':
    case 'ready':
    case 'heldShown':
      return { type: raw.type };
    case 'select':
      return raw.checklistId === null || isText(raw.checklistId, 64) ? { type: 'select', checklistId: raw.checklistId } : undefined;
    case 'apply': {
      const answers = readAnswers(raw.answers);
      return answers && isText(raw.note, NOTE_LIMIT + 200_000) ? { type: 'apply', note: raw.note, answers } : undefined;
    }
    case 'overrideSave':
      return isText(raw.reason, 2000, 1) ? { type: 'overrideSave', reason: raw.reason } : undefined;
    case 'layout':
      return isBoolean(raw.collapsed) ? { type: 'layout', collapsed: raw.collapsed } : undefined;
    case 'locale':
      return raw.locale === 'en' || raw.locale === 'zh-CN' ? { type: 'locale', locale: raw.locale } : undefined;
    case 'verdict':
      return readVerdict(raw);
    default:
      return undefined;
  }
}

/** A dock message from the background to the top document, or undefined when it is not one. */
export function readToDock(raw: unknown): ToDock | undefined {
  if (!isFields(raw) || !isNumber(raw.frameId) || !isText(raw.token, 64, 1)) return undefined;
  const { frameId, token } = raw;
  switch (raw.type) {
    case 'dock.mount':
      return Number.isSafeInteger(frameId) && frameId >= 1 ? { type: 'dock.mount', frameId, token } : undefined;
    case 'dock.collapse':
      return isBoolean(raw.collapsed) ? { type: 'dock.collapse', frameId, token, collapsed: raw.collapsed } : undefined;
    case 'dock.notice':
      return raw.text === null || isText(raw.text, 2000) ? { type: 'dock.notice', frameId, token, text: raw.text } : undefined;
    case 'dock.orphan':
      return isText(raw.text, 2000) ? { type: 'dock.orphan', frameId, token, text: raw.text } : undefined;
    case 'dock.unmount':
    case 'dock.load':
      return { type: raw.type, frameId, token };
    default:
      return undefined;
  }
}

/** The background's answer to a work frame's dock request: docked in the top document, or not (the frame's own id). */
export function readDocked(raw: unknown): { type: 'docked'; docked: boolean; frameId: number } | undefined {
  if (!isFields(raw) || raw.type !== 'docked' || !isBoolean(raw.docked)) return undefined;
  const { frameId } = raw;
  return isNumber(frameId) && Number.isSafeInteger(frameId) && frameId >= 0 ? { type: 'docked', docked: raw.docked, frameId } : undefined;
}
