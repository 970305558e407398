// "Last time: …" above the questions it concerns (#15 part 6): last visit's
// goal above this visit's goal, its plan above the plan, its risk above the
// risk question. Copying is offered, never done for the clinician, and only
// into answers still empty, so nothing typed here is replaced.
import type { Answer, Locale } from '@chartguard/sdk';
import { memo, useState } from 'react';
import type { PromptLine } from './last-consultation';
import { ui } from '../i18n/panel';

export interface LastTimePromptProps {
  line: PromptLine;
  locale: Locale;
  /** Which prompt this is, for the button's words. */
  kind: 'goal' | 'plan' | 'risk';
  /** Offered only while an answer last time's line would fill is still empty. */
  canStart?: boolean;
  onStart?(): void;
  /** A risk recorded last time: shown as a warning. */
  risk?: boolean;
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** What last time's line would fill: only the answers still empty, so nothing typed is replaced. */
export function emptyStart(line: PromptLine, current: Record<string, unknown>): Record<string, Answer> {
  return Object.fromEntries(Object.entries(line.start).filter(([id]) => isEmpty(current[id])));
}

export const LastTimePrompt = memo(function LastTimePrompt({
  line,
  locale,
  kind,
  canStart = false,
  onStart,
  risk = false,
}: LastTimePromptProps) {
  const [used, setUsed] = useState(false);
  return (
    <div className={risk ? 'cg-warning-box cg-last-prompt' : 'cg-info cg-last-prompt'} data-testid={`last-prompt-${kind}`}>
      <p>{ui(locale, 'lastPrompt', { text: line.text || ui(locale, 'lastNotRecorded') })}</p>
      {canStart && onStart ? (
        <button
          type="button"
          onClick={() => {
            onStart();
            setUsed(true);
          }}
        >
          {ui(locale, kind === 'goal' ? 'lastUseGoal' : 'lastUsePlan')}
        </button>
      ) : null}
      {used ? (
        <p className="cg-help" role="status">
          {ui(locale, 'lastUsed')}
        </p>
      ) : null}
    </div>
  );
});
