// Draft protection on the options page: device (the default) or a PIN, as a
// choice the organisation may make for everyone (settings.draftProtection
// "pin"), in which case the choice is shown locked with its reason. The
// consequences are said before the PIN is set: what it protects, and that a
// forgotten PIN loses only drafts not yet saved to the portal.
import { useState } from 'react';
import type { DraftProtection } from '../../lib/store';
import { storeClient } from '../../lib/store-client';
import { NewPinFields, pinProblemText, useNewPin } from '../../components/NewPinFields';
import type { Locale } from '../../i18n';
import { pinText } from '../../i18n/pin';
import { usePolicyChange } from './use-policy-change';

const PROTECTIONS = ['device', 'pin'] as const;

export function PinSetup({ locale }: { locale: Locale }) {
  const [status, setStatus] = useState<DraftProtection | null>(null);
  const [chosen, setChosen] = useState<'device' | 'pin'>('device');
  const newPin = useNewPin();
  const [message, setMessage] = useState<string | null>(null);
  // A policy that arrives while the page is open changes the choice at once.
  usePolicyChange(() => void storeClient.pinStatus().then(setStatus, () => setStatus(null)));
  if (!status) return null;
  const deviceExplained = <p>{pinText(locale, 'deviceExplained')}</p>;
  const mode = status.mode === 'pin' || status.required ? 'pin' : chosen;
  const lockedNote = status.required ? (
    <span className="cg-managed" data-locked="draftProtection">
      {' '}
      {pinText(locale, 'locked')}
    </span>
  ) : null;
  return (
    <section aria-labelledby="pin-heading" data-testid="pin-setup">
      <h2 id="pin-heading">{pinText(locale, 'heading')}</h2>
      <fieldset>
        <legend>
          {pinText(locale, 'protectWith')}
          {lockedNote}
        </legend>
        {PROTECTIONS.map((choice) => (
          <label key={choice} className="cg-row">
            <input
              type="radio"
              name="cg-protection"
              value={choice}
              checked={mode === choice}
              disabled={status.required || status.mode === 'pin'}
              onChange={() => setChosen(choice)}
            />{' '}
            {pinText(locale, choice)}
          </label>
        ))}
      </fieldset>
      {status.required ? (
        <p className="cg-info" data-testid="pin-required">
          {pinText(locale, 'required')}
          {status.mode === 'device' ? ` ${pinText(locale, 'requiredNoDrafts')}` : ''}
          {status.mode === 'device' && status.drafts
            ? ` ${status.drafts === 1 ? pinText(locale, 'requiredDraftKept') : pinText(locale, 'requiredDraftsKept', { count: status.drafts })}`
            : ''}
        </p>
      ) : null}
      {status.mode === 'pin' ? (
        <p role="status">{pinText(locale, 'protectedByPin')}</p>
      ) : mode === 'device' ? (
        deviceExplained
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!newPin.matches) return setMessage(pinText(locale, 'differ'));
            storeClient.setUpPin(newPin.value.pin).then(
              () => {
                setMessage(pinText(locale, 'pinSet'));
                setStatus({ mode: 'pin', unlocked: true, required: status.required });
              },
              (error: unknown) => setMessage(pinProblemText(locale, error)),
            );
          }}
        >
          {deviceExplained}
          <NewPinFields idPrefix="cg-new-pin" value={newPin.value} onChange={newPin.setValue} locale={locale} />
          <button type="submit" disabled={!newPin.ready}>
            {pinText(locale, 'protectWithThisPin')}
          </button>
        </form>
      )}
      {message ? (
        <p role="status" data-testid="pin-message">
          {message}
        </p>
      ) : null}
    </section>
  );
}
