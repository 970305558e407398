// The last consultation as prompts for this one (#15 part 6, seed 003: begin a
// follow-up "with a summary of goal accomplishment (or otherwise)", and the
// plan must reach "the next worker they see, next visit"). The note is read by
// the SDK (readPreviousHandover); this only groups what it read into the goal,
// plan and risk lines the panel shows, and what a "start from" button offers.
import { readPreviousHandover, type Answer, type Checklist, type Locale, type UnreadLine } from '@chartguard/sdk';
import type { PreviousOnPage } from '../lib/protocol';
import { displayAnswer } from './display-answer';

/**
 * Where each prompt's answers live in a checklist, and which of them a
 * "start from last time" button may copy: the goal and the plan carry over as
 * a starting point; motivation, return date and risk are asked afresh.
 * Only checklists listed here get goal and plan prompts; every checklist gets
 * the risk line, from its own attention rules.
 */
const PROMPTS: Record<string, { goal: { section: string; start: string[] }; plan: { section: string; start: string[] } }> = {
  cx: { goal: { section: 'goal', start: ['goal', 'goalOther', 'goalInOwnWords'] }, plan: { section: 'plan', start: ['plan'] } },
};

/** The answer that says a visit is a first one: a first visit has no "last time" to start from. */
export const FIRST_VISIT = { field: 'visitType', value: 'first' } as const;

export interface PromptLine {
  /** The answers as a person reads them, `; `-separated; '' when last time recorded none. */
  text: string;
  /** What "start from last time" copies into empty answers; empty when nothing can be copied. */
  start: Record<string, Answer>;
}

export type LastTime =
  | { state: 'unseen' }
  | { state: 'none' }
  | { state: 'empty'; when: string }
  | { state: 'unstructured'; when: string; text: string }
  | {
      state: 'structured';
      when: string;
      goal?: PromptLine;
      plan?: PromptLine;
      risk: PromptLine & { rules: string[] };
      unread: UnreadLine[];
      /** Section ids the prompts belong above. */
      sections: { goal?: string; plan?: string; risk?: string };
    };

function fieldsOf(checklist: Checklist, sectionId: string | undefined) {
  return checklist.sections.find((section) => section.id === sectionId)?.fields ?? [];
}

/** The field ids an attention rule's condition reads (its risk answers). */
function conditionFieldIds(condition: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(condition)) condition.forEach((item) => conditionFieldIds(item, into));
  else if (condition && typeof condition === 'object') {
    for (const [key, value] of Object.entries(condition)) {
      if (key === 'field' && typeof value === 'string') into.add(value);
      else conditionFieldIds(value, into);
    }
  }
  return into;
}

/** What the page showed about the previous consultation, as prompts; null when the adapter names no place for it. */
export function readLastTime(checklist: Checklist, previous: PreviousOnPage | undefined, locale: Locale): LastTime | null {
  if (!previous) return null;
  if (previous.state === 'unseen') return { state: 'unseen' };
  if (previous.state === 'none') return { state: 'none' };
  const when = [previous.at?.replace('T', ' '), previous.author].filter(Boolean).join(', ');
  const read = readPreviousHandover(checklist, previous.note, { locale });
  if (read.kind === 'empty') return { state: 'empty', when };
  if (read.kind === 'unstructured') return { state: 'unstructured', when, text: read.text };
  const line = (sectionId: string | undefined, start: readonly string[] = []): PromptLine => {
    const answered = fieldsOf(checklist, sectionId).filter((field) => read.answers[field.id] !== undefined);
    const copy: Record<string, Answer> = {};
    for (const id of start) if (read.answers[id] !== undefined) copy[id] = read.answers[id]!;
    return { text: answered.map((field) => displayAnswer(field, read.answers[field.id], locale)).join('; '), start: copy };
  };
  const prompts = PROMPTS[checklist.id];
  const riskFields = conditionFieldIds((checklist.attention ?? []).map((item) => item.when));
  const riskSection = checklist.sections.find((section) => section.fields.some((field) => riskFields.has(field.id)))?.id;
  return {
    state: 'structured',
    when,
    goal: prompts ? line(prompts.goal.section, prompts.goal.start) : undefined,
    plan: prompts ? line(prompts.plan.section, prompts.plan.start) : undefined,
    risk: { ...line(riskSection), start: {}, rules: read.risks.map((risk) => risk.ruleId) },
    unread: read.unread,
    sections: { goal: prompts?.goal.section, plan: prompts?.plan.section, risk: riskSection },
  };
}
