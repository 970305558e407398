// Duties done after the first save (catalogue v2 "follow-up"): they never hold
// Save, so the panel lists them apart from what does, as a short "still to do"
// list with due times, and a risk's follow-ups first.
import type { FollowUp, Locale } from '@chartguard/sdk';
import { memo } from 'react';
import { ui } from '../i18n/panel';

/** `YYYY-MM-DDTHH:mm` as the panel shows times elsewhere: date and time, no seconds. */
const dueText = (dueAt: string) => dueAt.replace('T', ' ');

export const FollowUpList = memo(function FollowUpList({ followUps, locale }: { followUps: readonly FollowUp[]; locale: Locale }) {
  const open = followUps.filter((item) => item.state === 'open');
  if (open.length === 0) return null;
  const ordered = [...open].sort((a, b) => Number(b.attention) - Number(a.attention) || (a.dueAt ?? '~').localeCompare(b.dueAt ?? '~'));
  return (
    <section className="cg-followups" aria-labelledby="cg-followups-heading">
      <h3 id="cg-followups-heading">{ui(locale, 'followUpsHeading')}</h3>
      <p className="cg-note">{ui(locale, 'followUpsNeverHold')}</p>
      <ul>
        {ordered.map((item) => (
          <li key={item.ruleId} data-rule={item.ruleId} className={item.overdue ? 'cg-error' : item.attention ? 'cg-warning' : undefined}>
            <span className="cg-rule">{item.ruleId}</span> {item.summary}
            {item.dueAt ? <> — {ui(locale, item.overdue ? 'followUpOverdue' : 'followUpDue', { at: dueText(item.dueAt) })}</> : null}
          </li>
        ))}
      </ul>
    </section>
  );
});
