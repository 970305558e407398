// Everything the policy still needs, each line naming its rule; a click takes
// the user to the question.
import type { Issue, Locale } from '@chartguard/sdk';
import { memo } from 'react';
import { ui } from '../i18n/panel';

/** `blocking`: the evaluation's issues that hold Save, shown as errors; the rest (a passed deadline among them) as warnings. */
export const IssueList = memo(function IssueList({
  issues,
  blocking,
  locale,
  onJump,
}: {
  issues: Issue[];
  blocking: readonly Issue[];
  locale: Locale;
  onJump(fieldId: string): void;
}) {
  return (
    <section className="cg-issues" aria-labelledby="cg-issues-heading">
      <h3 id="cg-issues-heading">{ui(locale, 'issuesHeading')}</h3>
      {issues.length === 0 ? (
        <p className="cg-ok">{ui(locale, 'noIssues')}</p>
      ) : (
        <ul>
          {issues.map((issue, index) => (
            <li
              key={`${issue.ruleId}-${issue.path.join('.')}-${index}`}
              className={blocking.includes(issue) ? 'cg-error' : 'cg-warning'}
              data-rule={issue.ruleId}
            >
              <span className="cg-rule">{issue.ruleId}</span>{' '}
              {issue.severity === 'advisory' ? <span className="cg-tag">{ui(locale, 'advisory')}</span> : null}{' '}
              {issue.path[0] ? (
                <button type="button" className="cg-link" onClick={() => onJump(issue.path[0]!)}>
                  {issue.message}
                </button>
              ) : (
                issue.message
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
