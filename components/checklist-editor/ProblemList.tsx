// What the SDK's meta-schema says about the draft: every problem by its path
// ("sections › 2 › fields › 1 › label › zh-CN"), or that it is valid.
import type { DraftProblem } from '../../lib/checklist-draft';
import type { EditorText } from '../../i18n/editor';

export interface ProblemListProps {
  problems: readonly DraftProblem[];
  /** Counts for the "valid" line, when there are no problems. */
  rules: number;
  fields: number;
  t: EditorText;
}

export function ProblemList({ problems, rules, fields, t }: ProblemListProps) {
  return (
    <div role="status" data-testid="editor-problems" data-valid={problems.length === 0}>
      {problems.length ? (
        <>
          <p>{t('problems', { count: problems.length })}</p>
          <ul className="cg-ed-problems">
            {problems.map((problem, i) => (
              <li key={i} data-path={problem.where}>
                <code>{problem.where || '(checklist)'}</code>: {problem.message}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="cg-ed-valid">{t('valid', { rules, fields })}</p>
      )}
    </div>
  );
}
