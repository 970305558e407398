// "7 of 9 required items", and the way to the first thing missing.
import type { Locale } from '@chartguard/sdk';
import { memo } from 'react';
import { ui } from '../i18n/panel';

export const ProgressLine = memo(function ProgressLine({
  done,
  total,
  locale,
  hasProblems,
  onFirstProblem,
}: {
  done: number;
  total: number;
  locale: Locale;
  hasProblems: boolean;
  onFirstProblem(): void;
}) {
  return (
    <div className="cg-progress">
      <progress max={Math.max(total, 1)} value={done} aria-hidden="true" />
      <span role="status">{hasProblems ? ui(locale, 'progress', { done, total }) : ui(locale, 'allRequiredDone')}</span>
      {hasProblems ? (
        <button type="button" onClick={onFirstProblem}>
          {ui(locale, 'firstProblem')}
        </button>
      ) : null}
    </div>
  );
});
