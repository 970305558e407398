// Asks for a new drafts PIN when the organisation requires PIN mode and this
// user has none yet (settings.draftProtection "pin"). Drafts kept before the
// policy arrived are not lost: they stay readable and are sealed again under
// the PIN the moment it is set. Going on without a PIN is possible (the
// portal and the panel work); only new drafts are not kept, and the panel says so.
import { useState } from 'react';
import { storeClient } from '../../lib/store-client';
import { NewPinFields, useNewPin } from '../../components/NewPinFields';

export function PinRequired({ drafts, onDone }: { drafts: number; onDone(choice: 'set' | 'later'): void }) {
  const newPin = useNewPin();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="cg-panel cg-pin"
      data-testid="pin-required"
      onSubmit={(event) => {
        event.preventDefault();
        if (!newPin.matches) return setError('The two PINs differ.');
        setBusy(true);
        storeClient.setUpPin(newPin.value.pin).then(
          () => onDone('set'),
          (reason: unknown) => {
            setBusy(false);
            setError(reason instanceof Error ? reason.message : String(reason));
          },
        );
      }}
    >
      <h1>Chartguard</h1>
      <p>
        Your organisation requires a PIN to protect your drafts and override reasons. Set it now; Chartguard asks for it after the browser
        restarts.
      </p>
      {drafts ? (
        <p data-testid="pin-required-drafts">
          {drafts === 1 ? 'The draft' : `The ${drafts} drafts`} already kept on this computer {drafts === 1 ? 'is' : 'are'} not lost:{' '}
          {drafts === 1 ? 'it is' : 'they are'} protected by the PIN as soon as you set it.
        </p>
      ) : null}
      <NewPinFields idPrefix="cg-set-pin" value={newPin.value} onChange={newPin.setValue} />
      {error ? (
        <p className="cg-warning-box" role="alert">
          {error}
        </p>
      ) : null}
      <p>
        <button type="submit" className="cg-primary" disabled={busy || !newPin.ready}>
          Set PIN and continue
        </button>{' '}
        <button type="button" data-testid="pin-later" onClick={() => onDone('later')}>
          Not now
        </button>
      </p>
      <p className="cg-help">
        Without a PIN the panel works, but what you type is not kept as a draft: apply it to the record before you close the tab.
      </p>
    </form>
  );
}
