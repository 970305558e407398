// The panel's view of one evaluation's issues, derived once per evaluation:
// the issue list, what holds Save, and each field's issues. Arrays that say
// the same as the previous evaluation's are that evaluation's arrays, so the
// memoised field rows and lists skip a keystroke that changes nothing they show.
import type { Evaluation, FollowUp, Issue } from '@chartguard/sdk';
import { useEffect, useMemo, useRef } from 'react';

/** One field's issues; `untouched*` leave out "missing", which a field shows only once touched or after a held Save. */
export interface FieldIssues {
  all: Issue[];
  holding: Issue[];
  untouched: Issue[];
  untouchedHolding: Issue[];
}

export interface IssueView {
  /** Everything the issue list shows: every issue but follow-ups. */
  listed: Issue[];
  /** The issues that hold Save, the same objects as in `listed` and `byField`. */
  blocking: Issue[];
  byField: ReadonlyMap<string, FieldIssues>;
  followUps: FollowUp[];
  /** Every issue in the evaluation's order, follow-ups included: what the next evaluation's issues are matched with. */
  all: readonly Issue[];
  /** The issues of `all` that hold Save. */
  holding: ReadonlySet<Issue>;
}

const NONE: Issue[] = [];
const NO_FIELD_ISSUES: FieldIssues = { all: NONE, holding: NONE, untouched: NONE, untouchedHolding: NONE };

const issueKey = (issue: Issue, holds: boolean) =>
  [issue.ruleId, issue.severity, issue.code, issue.path.join('.'), issue.message, issue.rule, holds ? 'holds' : ''].join('\u0000');

/** Whether two issues say the same, holding Save alike: what issueKey compares, without building the keys. */
const sameIssue = (a: Issue, aHolds: boolean, b: Issue, bHolds: boolean) =>
  a.ruleId === b.ruleId &&
  a.code === b.code &&
  a.severity === b.severity &&
  aHolds === bHolds &&
  a.message === b.message &&
  a.rule === b.rule &&
  sameItems(a.path, b.path);

const sameItems = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((item, index) => item === b[index]);
const keep = <T>(next: T[], previous: T[] | undefined): T[] =>
  previous && sameItems(next, previous) ? previous : next.length ? next : (NONE as T[]);

export const noFieldIssues = NO_FIELD_ISSUES;

export function viewIssues(evaluation: Evaluation, previous: IssueView | null): IssueView {
  const holds = new Set(evaluation.blocking);
  const before = previous?.all ?? NONE;
  const heldBefore = previous?.holding;
  // An issue saying what the previous evaluation said is the previous evaluation's object. A keystroke adds or
  // removes an issue or two and leaves the order of the rest, so each is first compared with the previous issue
  // at its place (or the one after, when one went); only an issue found neither way is looked up by its key.
  let next = 0;
  let byKey: Map<string, Issue> | undefined;
  const canonical = new Map<Issue, Issue>();
  const issues = evaluation.issues.map((issue) => {
    const issueHolds = holds.has(issue);
    let same: Issue | undefined;
    for (let ahead = 0; ahead < 2 && !same; ahead++) {
      const candidate = before[next + ahead];
      if (candidate && sameIssue(issue, issueHolds, candidate, heldBefore!.has(candidate))) {
        same = candidate;
        next += ahead + 1;
      }
    }
    if (!same && before.length) {
      byKey ??= new Map(before.map((each) => [issueKey(each, heldBefore!.has(each)), each]));
      same = byKey.get(issueKey(issue, issueHolds));
    }
    canonical.set(issue, same ?? issue);
    return same ?? issue;
  });
  const blockingSet = new Set(evaluation.blocking.map((issue) => canonical.get(issue) ?? issue));
  const grouped = new Map<string, Issue[]>();
  for (const issue of issues) {
    const id = issue.path[0];
    if (!id) continue;
    const list = grouped.get(id);
    if (list) list.push(issue);
    else grouped.set(id, [issue]);
  }
  const byField = new Map<string, FieldIssues>();
  for (const [id, all] of grouped) {
    const before = previous?.byField.get(id);
    if (before && sameItems(all, before.all)) {
      byField.set(id, before);
      continue;
    }
    const untouched = all.filter((issue) => issue.code !== 'missing');
    byField.set(id, {
      all,
      holding: all.filter((issue) => blockingSet.has(issue)),
      untouched,
      untouchedHolding: untouched.filter((issue) => blockingSet.has(issue)),
    });
  }
  return {
    listed: keep(
      issues.filter((issue) => issue.severity !== 'follow-up'),
      previous?.listed,
    ),
    blocking: keep([...blockingSet], previous?.blocking),
    byField,
    followUps:
      previous && JSON.stringify(previous.followUps) === JSON.stringify(evaluation.followUps) ? previous.followUps : evaluation.followUps,
    all: issues,
    holding: blockingSet,
  };
}

/** The field's issues as shown: all of them once touched (or after a held Save), else all but "missing". */
export function shownIssues(issues: FieldIssues, showMissing: boolean): { issues: Issue[]; holding: Issue[] } {
  return showMissing ? { issues: issues.all, holding: issues.holding } : { issues: issues.untouched, holding: issues.untouchedHolding };
}

/** The view of the evaluation shown, built on the one last committed. */
export function useIssueView(evaluation: Evaluation): IssueView;
export function useIssueView(evaluation: Evaluation | null): IssueView | null;
export function useIssueView(evaluation: Evaluation | null): IssueView | null {
  const committed = useRef<IssueView | null>(null);
  const view = useMemo(() => (evaluation ? viewIssues(evaluation, committed.current) : null), [evaluation]);
  useEffect(() => {
    committed.current = view;
  }, [view]);
  return view;
}
