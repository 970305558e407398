// Asks for the drafts PIN when a draft for this record was sealed with it in
// an earlier browser session (PIN mode). Going on without it is always
// possible: the portal and the panel work; only the sealed draft stays shut.
import { useState } from 'react';
import type { Locale } from '../../i18n';
import { pinText } from '../../i18n/pin';
import { storeClient } from '../../lib/store-client';
import { PinForm } from './pin-form';

export function PinPrompt({ onDone, locale }: { onDone(choice: 'unlocked' | 'skipped'): void; locale: Locale }) {
  const [pin, setPin] = useState('');
  return (
    <PinForm
      testId="pin-prompt"
      locale={locale}
      submitLabel={pinText(locale, 'openDraft')}
      canSubmit={pin !== ''}
      submit={() => storeClient.enterPin(pin)}
      onSubmitted={() => onDone('unlocked')}
      other={{ testId: 'pin-skip', label: pinText(locale, 'continueWithout'), onClick: () => onDone('skipped') }}
      help={pinText(locale, 'forgotten')}
    >
      <p>{pinText(locale, 'promptIntro')}</p>
      <label>
        {pinText(locale, 'promptPin')}{' '}
        <input id="cg-pin" type="password" autoComplete="off" value={pin} onChange={(event) => setPin(event.target.value)} />
      </label>
    </PinForm>
  );
}
