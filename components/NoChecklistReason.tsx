// Choosing "no checklist" where the record suggested one (#15 part 7) is never
// a silent bypass: like an override, it asks for a reason, which is logged and
// written into the record with the author. Until confirmed, the suggested
// checklist stays in force (the Save guard still judges by it).
import type { Locale } from '@chartguard/sdk';
import { useId } from 'react';
import { ui } from '../i18n/panel';
import { ReasonField, useReason } from './ReasonField';

export interface NoChecklistReasonProps {
  /** The suggested checklist's title, as the user saw it. */
  suggested: string;
  locale: Locale;
  disabled?: boolean;
  onConfirm(reason: string): void;
  onCancel(): void;
}

export function NoChecklistReason({ suggested, locale, disabled = false, onConfirm, onCancel }: NoChecklistReasonProps) {
  const { reason, setReason, ready } = useReason(disabled);
  const id = useId();
  return (
    <section className="cg-held cg-decline" aria-labelledby={`${id}-title`} data-testid="no-checklist">
      <h2 id={`${id}-title`}>{ui(locale, 'noChecklistTitle')}</h2>
      <p>{ui(locale, 'noChecklistIntro', { checklist: suggested })}</p>
      <ReasonField id={id} label={ui(locale, 'noChecklistReason')} value={reason} onChange={setReason} locale={locale} />
      <button type="button" className="cg-danger" disabled={!ready} onClick={() => ready && onConfirm(reason.trim())}>
        {ui(locale, 'noChecklistConfirm')}
      </button>{' '}
      <button type="button" onClick={onCancel}>
        {ui(locale, 'noChecklistCancel')}
      </button>
    </section>
  );
}
