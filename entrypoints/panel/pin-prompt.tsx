// Asks for the drafts PIN when a draft for this record was sealed with it in
// an earlier browser session (PIN mode). Going on without it is always
// possible: the portal and the panel work; only the sealed draft stays shut.
import { useState } from 'react';
import { pinProblemText } from '../../components/NewPinFields';
import type { Locale } from '../../i18n';
import { pinText } from '../../i18n/pin';
import { storeClient } from '../../lib/store-client';

export function PinPrompt({ onDone, locale }: { onDone(choice: 'unlocked' | 'skipped'): void; locale: Locale }) {
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="cg-panel cg-pin"
      data-testid="pin-prompt"
      onSubmit={(event) => {
        event.preventDefault();
        setBusy(true);
        storeClient.enterPin(pin).then(
          () => onDone('unlocked'),
          (reason: unknown) => {
            setBusy(false);
            setError(pinProblemText(locale, reason));
          },
        );
      }}
    >
      <h1>Chartguard</h1>
      <p>{pinText(locale, 'promptIntro')}</p>
      <label>
        {pinText(locale, 'promptPin')}{' '}
        <input id="cg-pin" type="password" autoComplete="off" value={pin} onChange={(event) => setPin(event.target.value)} />
      </label>
      {error ? (
        <p className="cg-warning-box" role="alert">
          {error}
        </p>
      ) : null}
      <p>
        <button type="submit" className="cg-primary" disabled={busy || !pin}>
          {pinText(locale, 'openDraft')}
        </button>{' '}
        <button type="button" data-testid="pin-skip" onClick={() => onDone('skipped')}>
          {pinText(locale, 'continueWithout')}
        </button>
      </p>
      <p className="cg-help">{pinText(locale, 'forgotten')}</p>
    </form>
  );
}
