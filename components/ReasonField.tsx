// The reason that is logged when the user goes past the policy (saving anyway,
// or choosing no checklist where one was suggested): asked for and judged the
// same way in both places, so neither can be passed with a shorter one.
import type { Locale } from '@chartguard/sdk';
import { useState } from 'react';
import { ui } from '../i18n/panel';

const MIN_REASON = 10;

/** The reason as typed, and whether it is long enough to go on with. */
export function useReason(disabled: boolean) {
  const [reason, setReason] = useState('');
  return { reason, setReason, ready: reason.trim().length >= MIN_REASON && !disabled };
}

export function ReasonField({
  id,
  label,
  value,
  onChange,
  locale,
}: {
  id: string;
  label: string;
  value: string;
  onChange(next: string): void;
  locale: Locale;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        value={value}
        rows={2}
        autoComplete="off"
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={`${id}-hint`}
      />
      <p id={`${id}-hint`} className="cg-help">
        {ui(locale, 'overrideHint')}
      </p>
    </>
  );
}
