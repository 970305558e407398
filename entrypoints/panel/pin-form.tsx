// The frame of the panel's two PIN forms (the prompt for a sealed draft, and the
// new PIN an organisation requires): both submit to the store, say its problem in
// the user's language, and always offer a way on without the PIN.
import { type ReactNode, useState } from 'react';
import { pinProblemText } from '../../components/NewPinFields';
import type { Locale } from '../../i18n';

export interface PinFormProps {
  testId: string;
  locale: Locale;
  /** The intro and the fields, between the heading and any problem. */
  children: ReactNode;
  submitLabel: string;
  canSubmit: boolean;
  /** A problem found before anything is sent (the PIN typed twice differently), or null. */
  check?: () => string | null;
  submit(): Promise<void>;
  onSubmitted(): void;
  /** The way on without the PIN. */
  other: { testId: string; label: string; onClick(): void };
  help: string;
}

export function PinForm({ testId, locale, children, submitLabel, canSubmit, check, submit, onSubmitted, other, help }: PinFormProps) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="cg-panel cg-pin"
      data-testid={testId}
      onSubmit={(event) => {
        event.preventDefault();
        const problem = check?.() ?? null;
        if (problem) return setError(problem);
        setBusy(true);
        submit().then(onSubmitted, (reason: unknown) => {
          setBusy(false);
          setError(pinProblemText(locale, reason));
        });
      }}
    >
      <h1>Chartguard</h1>
      {children}
      {error ? (
        <p className="cg-warning-box" role="alert">
          {error}
        </p>
      ) : null}
      <p>
        <button type="submit" className="cg-primary" disabled={busy || !canSubmit}>
          {submitLabel}
        </button>{' '}
        <button type="button" data-testid={other.testId} onClick={other.onClick}>
          {other.label}
        </button>
      </p>
      <p className="cg-help">{help}</p>
    </form>
  );
}
