// Asks for a new drafts PIN when the organisation requires PIN mode and this
// user has none yet (settings.draftProtection "pin"). Drafts kept before the
// policy arrived are not lost: they stay readable and are sealed again under
// the PIN the moment it is set. Going on without a PIN is possible (the
// portal and the panel work); only new drafts are not kept, and the panel says so.
import { storeClient } from '../../lib/store-client';
import { NewPinFields, useNewPin } from '../../components/NewPinFields';
import type { Locale } from '../../i18n';
import { pinText } from '../../i18n/pin';
import { PinForm } from './pin-form';

export function PinRequired({ drafts, onDone, locale }: { drafts: number; onDone(choice: 'set' | 'later'): void; locale: Locale }) {
  const newPin = useNewPin();
  return (
    <PinForm
      testId="pin-required"
      locale={locale}
      submitLabel={pinText(locale, 'setAndContinue')}
      canSubmit={newPin.ready}
      check={() => (newPin.matches ? null : pinText(locale, 'differ'))}
      submit={() => storeClient.setUpPin(newPin.value.pin)}
      onSubmitted={() => onDone('set')}
      other={{ testId: 'pin-later', label: pinText(locale, 'notNow'), onClick: () => onDone('later') }}
      help={pinText(locale, 'withoutPin')}
    >
      <p>{pinText(locale, 'requiredIntro')}</p>
      {drafts ? (
        <p data-testid="pin-required-drafts">
          {drafts === 1 ? pinText(locale, 'requiredOneDraft') : pinText(locale, 'requiredManyDrafts', { count: drafts })}
        </p>
      ) : null}
      <NewPinFields idPrefix="cg-set-pin" value={newPin.value} onChange={newPin.setValue} locale={locale} />
    </PinForm>
  );
}
