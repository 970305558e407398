// The fields that set a new drafts PIN, the same wherever one is set (the
// options page's draft protection, the panel when the organisation requires a
// PIN): the warning of what a forgotten PIN loses, the PIN twice, and the
// acknowledgement. The form around them says what happens on submit.
import { useState } from 'react';
import type { Locale } from '../i18n';
import { pinText } from '../i18n/pin';
import { MIN_PIN_LENGTH, PIN_PROBLEMS } from '../lib/store-pin';

export interface NewPin {
  pin: string;
  again: string;
  understood: boolean;
}

/** A PIN problem the store reported, in the user's language; anything else as the store said it. */
export function pinProblemText(locale: Locale, reason: unknown): string {
  const said = reason instanceof Error ? reason.message : String(reason);
  const known = (Object.keys(PIN_PROBLEMS) as (keyof typeof PIN_PROBLEMS)[]).find((key) => PIN_PROBLEMS[key] === said);
  return known ? pinText(locale, known, { min: MIN_PIN_LENGTH }) : said;
}

/** The new PIN as typed, and whether it may be submitted (long enough, the consequence acknowledged). */
export function useNewPin() {
  const [value, setValue] = useState<NewPin>({ pin: '', again: '', understood: false });
  return { value, setValue, ready: value.understood && value.pin.length >= MIN_PIN_LENGTH, matches: value.pin === value.again };
}

export function NewPinFields({
  idPrefix,
  value,
  onChange,
  locale,
}: {
  idPrefix: string;
  value: NewPin;
  onChange(next: NewPin): void;
  locale: Locale;
}) {
  return (
    <>
      <p className="cg-warning-box" role="note">
        {pinText(locale, 'forgetWarning')}
      </p>
      <label>
        {pinText(locale, 'newPin', { min: MIN_PIN_LENGTH })}{' '}
        <input
          id={idPrefix}
          type="password"
          autoComplete="new-password"
          value={value.pin}
          onChange={(event) => onChange({ ...value, pin: event.target.value })}
        />
      </label>
      <label>
        {pinText(locale, 'newPinAgain')}{' '}
        <input
          id={`${idPrefix}-again`}
          type="password"
          autoComplete="new-password"
          value={value.again}
          onChange={(event) => onChange({ ...value, again: event.target.value })}
        />
      </label>
      <label>
        <input
          id={`${idPrefix}-understood`}
          type="checkbox"
          checked={value.understood}
          onChange={(event) => onChange({ ...value, understood: event.target.checked })}
        />{' '}
        {pinText(locale, 'understood')}
      </label>
    </>
  );
}
