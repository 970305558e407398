// Tells the user why the portal's Save did not go through, and lets them save
// anyway with a reason that is logged: policy guides, it does not imprison.
import type { Locale } from '@chartguard/sdk';
import { useId } from 'react';
import { ui } from '../i18n/panel';
import { ReasonField, useReason } from './ReasonField';

export interface HeldSave {
  checklistId: string;
  control: string;
  issues: { ruleId: string; message: string; path: string[] }[];
}

export function SaveHeldBanner({
  held,
  locale,
  onOverride,
  disabled = false,
}: {
  held: HeldSave;
  locale: Locale;
  onOverride(reason: string): void;
  disabled?: boolean;
}) {
  const { reason, setReason, ready } = useReason(disabled);
  const reasonId = useId();
  return (
    <section className="cg-held" role="alert" aria-labelledby={`${reasonId}-title`}>
      <h2 id={`${reasonId}-title`}>{ui(locale, 'saveHeldTitle')}</h2>
      <p>{ui(locale, 'saveHeldIntro', { control: held.control })}</p>
      <ul>
        {held.issues.map((issue, index) => (
          <li key={`${issue.ruleId}-${index}`} data-rule={issue.ruleId}>
            <span className="cg-rule">{issue.ruleId}</span> {issue.message}
          </li>
        ))}
      </ul>
      <ReasonField id={reasonId} label={ui(locale, 'overrideReason')} value={reason} onChange={setReason} locale={locale} />
      <button type="button" className="cg-danger" disabled={!ready} onClick={() => ready && onOverride(reason.trim())}>
        {ui(locale, 'overrideSave')}
      </button>
    </section>
  );
}
