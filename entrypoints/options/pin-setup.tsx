// Draft protection on the options page: device (the default) or a PIN, as a
// choice the organisation may make for everyone (settings.draftProtection
// "pin"), in which case the choice is shown locked with its reason. The
// consequences are said before the PIN is set: what it protects, and that a
// forgotten PIN loses only drafts not yet saved to the portal.
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { MANAGED_KEY } from '../../lib/managed';
import type { DraftProtection } from '../../lib/store';
import { storeClient } from '../../lib/store-client';
import { NewPinFields, useNewPin } from '../../components/NewPinFields';

export function PinSetup() {
  const [status, setStatus] = useState<DraftProtection | null>(null);
  const [chosen, setChosen] = useState<'device' | 'pin'>('device');
  const newPin = useNewPin();
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    const load = () => void storeClient.pinStatus().then(setStatus, () => setStatus(null));
    load();
    // A policy that arrives while the page is open changes the choice at once.
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && MANAGED_KEY in changes) load();
    };
    browser.storage.onChanged.addListener(onChanged);
    controller.signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChanged));
    return () => controller.abort();
  }, []);
  if (!status) return null;
  const deviceExplained = (
    <p>
      Drafts are encrypted with a key this browser keeps for you (device protection). That stops someone reading the profile’s files, but
      not someone who copies the whole browser profile and opens it. With a PIN, a copied profile cannot open drafts or override reasons
      without the PIN.
    </p>
  );
  const mode = status.mode === 'pin' || status.required ? 'pin' : chosen;
  const lockedNote = status.required ? (
    <span className="cg-managed" data-locked="draftProtection">
      {' '}
      (set by your organisation; locked)
    </span>
  ) : null;
  return (
    <section aria-labelledby="pin-heading" data-testid="pin-setup">
      <h2 id="pin-heading">Draft protection</h2>
      <fieldset>
        <legend>Protect drafts and override reasons with{lockedNote}</legend>
        <label className="cg-row">
          <input
            type="radio"
            name="cg-protection"
            value="device"
            checked={mode === 'device'}
            disabled={status.required || status.mode === 'pin'}
            onChange={() => setChosen('device')}
          />{' '}
          a key this browser keeps (device)
        </label>
        <label className="cg-row">
          <input
            type="radio"
            name="cg-protection"
            value="pin"
            checked={mode === 'pin'}
            disabled={status.required || status.mode === 'pin'}
            onChange={() => setChosen('pin')}
          />{' '}
          a PIN
        </label>
      </fieldset>
      {status.required ? (
        <p className="cg-info" data-testid="pin-required">
          Your organisation requires a PIN for drafts: device protection cannot be chosen.
          {status.mode === 'device'
            ? ` Until you set the PIN, Chartguard keeps no new drafts. ${status.drafts ? `The ${status.drafts} draft${status.drafts === 1 ? '' : 's'} already kept on this computer will be protected by the PIN as soon as you set it; none is deleted.` : ''}`
            : ''}
        </p>
      ) : null}
      {status.mode === 'pin' ? (
        <p role="status">
          Drafts and override reasons are protected by a PIN. After the browser restarts, Chartguard asks for it before it opens a draft.
        </p>
      ) : mode === 'device' ? (
        deviceExplained
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!newPin.matches) return setMessage('The two PINs differ.');
            storeClient.setUpPin(newPin.value.pin).then(
              () => {
                setMessage('PIN set. Drafts and override reasons are now protected by it.');
                setStatus({ mode: 'pin', unlocked: true, required: status.required });
              },
              (error: unknown) => setMessage(error instanceof Error ? error.message : String(error)),
            );
          }}
        >
          {deviceExplained}
          <NewPinFields idPrefix="cg-new-pin" value={newPin.value} onChange={newPin.setValue} />
          <button type="submit" disabled={!newPin.ready}>
            Protect drafts with this PIN
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
