// Shared by the checklist tests: load a shipped checklist through the public
// SDK, vary a complete record one answer at a time, and say precisely which
// rule a verdict came from.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import {
  LOCALES,
  evaluate,
  normalizeRecord,
  parseChecklist,
  parseNote,
  renderNote,
  type Checklist,
  type EvaluateOptions,
  type Evaluation,
  type Issue,
  type IssueCode,
  type Severity,
} from '../../sdk/src/index.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export function loadChecklist(id: string): Checklist {
  return parseChecklist(JSON.parse(readFileSync(join(repoRoot, 'checklists', `${id}.json`), 'utf8')));
}

export type Answers = Record<string, unknown>;

/** The base record with some answers replaced; `undefined` removes an answer. */
export function vary(base: Answers, changes: Answers): Answers {
  const out: Answers = { ...base, ...changes };
  for (const [id, value] of Object.entries(changes)) if (value === undefined) delete out[id];
  return out;
}

const show = (issues: Issue[]) => issues.map((i) => `${i.ruleId}/${i.severity}/${i.code}@${i.path.join('.') || '-'}`).join(', ') || 'none';

/** Evaluates a checklist against records, with the clock fixed for deadline rules. */
export function evaluator(checklist: Checklist, now: Date) {
  return (record: Answers, options: EvaluateOptions = {}) => evaluate(checklist, record, { now, ...options });
}

export function expectComplete(evaluation: Evaluation) {
  expect(evaluation.issues, `unexpected issues: ${show(evaluation.issues)}`).toEqual([]);
  expect(evaluation.status).toBe('complete');
}

/**
 * The evaluation reports `ruleId` with this severity and code (at `field` if
 * given), and nothing from any other rule unless `others` is set, so a test
 * cannot pass because some unrelated rule happened to fail.
 */
export function expectIssue(
  evaluation: Evaluation,
  ruleId: string,
  severity: Severity,
  code: IssueCode,
  field?: string,
  { others = false }: { others?: boolean } = {},
) {
  const found = evaluation.issues.filter((i) => i.ruleId === ruleId && i.code === code && (field === undefined || i.path[0] === field));
  expect(found.length, `expected ${ruleId} ${code}${field ? ` at ${field}` : ''}; got ${show(evaluation.issues)}`).toBeGreaterThan(0);
  for (const issue of found) expect(issue.severity, `${ruleId} severity`).toBe(severity);
  if (!others) {
    const foreign = evaluation.issues.filter((i) => i.ruleId !== ruleId);
    expect(foreign, `issues from other rules: ${show(foreign)}`).toEqual([]);
  }
  // A passed deadline is reported but never makes a record incomplete on its own.
  if (code === 'overdue') {
    expect(evaluation.badge).toBe(evaluation.attention.length ? 'attention' : 'overdue');
  } else if (code === 'late') {
    expect(evaluation.markers.late).toBe(evaluation.status === 'complete');
  } else if (severity === 'follow-up') {
    // A follow-up never holds Save: it is listed as open instead (G-05).
    expect(evaluation.blocking.filter((i) => i.ruleId === ruleId && i.severity === 'follow-up')).toEqual([]);
    expect(evaluation.followUps.find((f) => f.ruleId === ruleId)?.state, `${ruleId} follow-up state`).toBe('open');
  } else if (severity === 'required') {
    expect(evaluation.status).toBe('incomplete');
    expect(evaluation.blocking).toEqual(expect.arrayContaining(found));
  } else {
    expect(evaluation.warnings).toEqual(expect.arrayContaining(found));
  }
}

/** The rule reports nothing (it may still be that other rules do). */
export function expectNoIssue(evaluation: Evaluation, ruleId: string) {
  const found = evaluation.issues.filter((i) => i.ruleId === ruleId);
  expect(found, `expected no ${ruleId} issue; got ${show(found)}`).toEqual([]);
}

/** A record survives being written as a note and read back, in every language. */
export function expectRoundTrip(checklist: Checklist, record: Answers) {
  for (const locale of LOCALES) {
    const text = renderNote(checklist, record, { locale });
    const parsed = parseNote(checklist, text, { locale });
    expect(parsed.unread, `${locale} note:\n${text}`).toEqual([]);
    expect(parsed.structured).toBe(true);
    expect(parsed.checklistId).toBe(checklist.id);
    expect(parsed.answers, locale).toEqual(normalizeRecord(checklist, record));
  }
}

/** The follow-up `ruleId` is listed with this state (and, if given, due time and attention), and holds nothing. */
export function expectFollowUp(
  evaluation: Evaluation,
  ruleId: string,
  state: 'open' | 'done',
  more: { dueAt?: string; attention?: boolean; overdue?: boolean } = {},
) {
  const found = evaluation.followUps.filter((f) => f.ruleId === ruleId);
  expect(found, `follow-ups: ${evaluation.followUps.map((f) => `${f.ruleId}/${f.state}`).join(', ') || 'none'}`).toHaveLength(1);
  expect(found[0]).toMatchObject({ state, ...more });
  expect(evaluation.blocking.filter((i) => i.severity !== 'required')).toEqual([]);
}
