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
  // Keys say which issue a line is, not where it stands, so an issue coming or going leaves the other lines in place.
  const seen = new Map<string, number>();
  return (
    <section className="cg-issues" aria-labelledby="cg-issues-heading">
      <h3 id="cg-issues-heading">{ui(locale, 'issuesHeading')}</h3>
      {issues.length === 0 ? (
        <p className="cg-ok">{ui(locale, 'noIssues')}</p>
      ) : (
        <ul>
          {issues.map((issue) => {
            const base = `${issue.ruleId}-${issue.path.join('.')}-${issue.code}`;
            const repeat = seen.get(base) ?? 0;
            seen.set(base, repeat + 1);
            return <IssueLine key={`${base}-${repeat}`} issue={issue} holds={blocking.includes(issue)} locale={locale} onJump={onJump} />;
          })}
        </ul>
      )}
    </section>
  );
});

/** One line; the same issue object (./issue-view.ts) leaves it as it is. */
const IssueLine = memo(function IssueLine({
  issue,
  holds,
  locale,
  onJump,
}: {
  issue: Issue;
  holds: boolean;
  locale: Locale;
  onJump(fieldId: string): void;
}) {
  return (
    <li className={holds ? 'cg-error' : 'cg-warning'} data-rule={issue.ruleId}>
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
  );
});
