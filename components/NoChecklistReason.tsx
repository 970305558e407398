// Choosing "no checklist" where the record suggested one (#15 part 7) is never
// a silent bypass: like an override, it asks for a reason, which is logged and
// written into the record with the author. Until confirmed, the suggested
// checklist stays in force (the Save guard still judges by it).
import type { Locale } from '@chartguard/sdk';
import { useId, useState } from 'react';
import { ui } from '../i18n/panel';

const MIN_REASON = 10;

export interface NoChecklistReasonProps {
  /** The suggested checklist's title, as the user saw it. */
  suggested: string;
  locale: Locale;
  disabled?: boolean;
  onConfirm(reason: string): void;
  onCancel(): void;
}

export function NoChecklistReason({ suggested, locale, disabled = false, onConfirm, onCancel }: NoChecklistReasonProps) {
  const [reason, setReason] = useState('');
  const id = useId();
  const ready = reason.trim().length >= MIN_REASON && !disabled;
  return (
    <section className="cg-held cg-decline" aria-labelledby={`${id}-title`} data-testid="no-checklist">
      <h2 id={`${id}-title`}>{ui(locale, 'noChecklistTitle')}</h2>
      <p>{ui(locale, 'noChecklistIntro', { checklist: suggested })}</p>
      <label htmlFor={id}>{ui(locale, 'noChecklistReason')}</label>
      <textarea
        id={id}
        value={reason}
        rows={2}
        autoComplete="off"
        onChange={(event) => setReason(event.target.value)}
        aria-describedby={`${id}-hint`}
      />
      <p id={`${id}-hint`} className="cg-help">
        {ui(locale, 'overrideHint')}
      </p>
      <button type="button" className="cg-danger" disabled={!ready} onClick={() => ready && onConfirm(reason.trim())}>
        {ui(locale, 'noChecklistConfirm')}
      </button>{' '}
      <button type="button" onClick={onCancel}>
        {ui(locale, 'noChecklistCancel')}
      </button>
    </section>
  );
}
