// Asks for a new drafts PIN when the organisation requires PIN mode and this
// user has none yet (settings.draftProtection "pin"). Drafts kept before the
// policy arrived are not lost: they stay readable and are sealed again under
// the PIN the moment it is set. Going on without a PIN is possible (the
// portal and the panel work); only new drafts are not kept, and the panel says so.
import { useState } from 'react';
import { storeClient } from '../../lib/store-client';
import { NewPinFields, pinProblemText, useNewPin } from '../../components/NewPinFields';
import type { Locale } from '../../i18n';
import { pinText } from '../../i18n/pin';

export function PinRequired({ drafts, onDone, locale }: { drafts: number; onDone(choice: 'set' | 'later'): void; locale: Locale }) {
  const newPin = useNewPin();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="cg-panel cg-pin"
      data-testid="pin-required"
      onSubmit={(event) => {
        event.preventDefault();
        if (!newPin.matches) return setError(pinText(locale, 'differ'));
        setBusy(true);
        storeClient.setUpPin(newPin.value.pin).then(
          () => onDone('set'),
          (reason: unknown) => {
            setBusy(false);
            setError(pinProblemText(locale, reason));
          },
        );
      }}
    >
      <h1>Chartguard</h1>
      <p>{pinText(locale, 'requiredIntro')}</p>
      {drafts ? (
        <p data-testid="pin-required-drafts">
          {drafts === 1 ? pinText(locale, 'requiredOneDraft') : pinText(locale, 'requiredManyDrafts', { count: drafts })}
        </p>
      ) : null}
      <NewPinFields idPrefix="cg-set-pin" value={newPin.value} onChange={newPin.setValue} locale={locale} />
      {error ? (
        <p className="cg-warning-box" role="alert">
          {error}
        </p>
      ) : null}
      <p>
        <button type="submit" className="cg-primary" disabled={busy || !newPin.ready}>
          {pinText(locale, 'setAndContinue')}
        </button>{' '}
        <button type="button" data-testid="pin-later" onClick={() => onDone('later')}>
          {pinText(locale, 'notNow')}
        </button>
      </p>
      <p className="cg-help">{pinText(locale, 'withoutPin')}</p>
    </form>
  );
}
