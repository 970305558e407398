// The panel's issue view built on the previous one (components/issue-view.ts) says exactly what one built
// afresh says, over answering and clearing every field of every built-in checklist, and keeps the previous
// view's objects for the issues that stayed, so memoised rows and lines skip what a keystroke did not change.
import { evaluate, type Checklist, type ChecklistField, type Issue } from '@chartguard/sdk';
import { describe, expect, it } from 'vitest';
import { viewIssues, type IssueView } from '../../components/issue-view';
import { builtInChecklists } from '../../lib/catalog/built-in';

const NOW = new Date('2026-12-07T12:00:00');

/** An answer of the field's type; for a text field, what typing a first letter gives. */
function answerFor(field: ChecklistField): unknown {
  if (field.options?.length) return field.type === 'multichoice' ? [field.options[0]!.value] : field.options[0]!.value;
  switch (field.type) {
    case 'boolean':
      return true;
    case 'number':
      return 1;
    case 'date':
      return '2026-12-01';
    case 'datetime':
      return '2026-12-01T10:00';
    case 'attendance':
      return 'attended';
    default:
      return 'x';
  }
}

/** What a view says, without the objects it says it with. */
const said = (view: IssueView) => ({
  listed: view.listed.map((issue) => ({ ...issue })),
  blocking: view.blocking.map((issue) => ({ ...issue })),
  byField: [...view.byField].map(([id, issues]) => [
    id,
    Object.fromEntries(Object.entries(issues).map(([kind, list]) => [kind, (list as Issue[]).map((issue) => ({ ...issue }))])),
  ]),
  followUps: view.followUps,
});

const fields = (checklist: Checklist) => checklist.sections.flatMap((section) => section.fields);

describe('viewIssues on the previous view', () => {
  for (const checklist of builtInChecklists().values()) {
    it(`says what a fresh view says, keystroke by keystroke, on every field of ${checklist.id}`, () => {
      const record: Record<string, unknown> = {};
      let previous: IssueView | null = null;
      let steps = 0;
      // Each field answered in turn (the earlier ones kept), then each cleared again: issues come and go everywhere.
      const edits = [
        ...fields(checklist).map((field) => [field.id, answerFor(field)] as const),
        ...fields(checklist).map((field) => [field.id, undefined] as const),
      ];
      for (const [id, value] of edits) {
        if (value === undefined) delete record[id];
        else record[id] = value;
        const evaluation = evaluate(checklist, { ...record }, { now: NOW, unknownFields: 'ignore' });
        const built = viewIssues(evaluation, previous);
        const fresh = viewIssues(evaluation, null);
        expect(said(built)).toEqual(said(fresh));
        if (previous) {
          // An issue the previous view listed, saying the same and holding Save alike, is the previous object.
          for (const issue of built.listed) {
            const before = previous.listed.find(
              (old) => JSON.stringify(old) === JSON.stringify(issue) && previous!.blocking.includes(old) === built.blocking.includes(issue),
            );
            if (before) expect(issue).toBe(before);
          }
        }
        previous = built;
        steps++;
      }
      expect(steps).toBe(fields(checklist).length * 2);
    });
  }

  it('keeps the whole list when a keystroke changes no issue, and every line but the one that went when one goes', () => {
    const checklist = builtInChecklists().get('snc')!;
    const first = viewIssues(evaluate(checklist, {}, { now: NOW }), null);
    const again = viewIssues(evaluate(checklist, {}, { now: NOW }), first);
    expect(again.listed).toBe(first.listed);
    expect(again.blocking).toBe(first.blocking);
    const agreed = viewIssues(evaluate(checklist, { agreed: 'x' }, { now: NOW }), again);
    const gone = first.listed.filter((issue) => issue.path[0] === 'agreed');
    expect(gone.length).toBeGreaterThan(0);
    expect(agreed.listed).toEqual(first.listed.filter((issue) => !gone.includes(issue)));
    for (const issue of agreed.listed) expect(first.listed).toContain(issue);
  });
});
