// The last consultation for this client, above the checklist on a follow-up
// (#15 part 6): its goal, plan and risk in one glance, or plainly that there
// was none or that Chartguard cannot see it. A recorded risk is always shown.
import type { Locale } from '@chartguard/sdk';
import { memo } from 'react';
import type { LastTime } from './last-consultation';
import { ui } from '../i18n/panel';

export const LastConsultation = memo(function LastConsultation({ last, locale }: { last: LastTime; locale: Locale }) {
  if (last.state === 'none' || last.state === 'unseen') {
    return (
      <p
        className={last.state === 'unseen' ? 'cg-warning-box' : 'cg-info'}
        role="status"
        data-testid="last-consultation"
        data-state={last.state}
      >
        {ui(locale, last.state === 'none' ? 'lastNone' : 'lastUnseen')}
      </p>
    );
  }
  const when = last.when || ui(locale, 'lastUnknownWhen');
  if (last.state === 'empty') {
    return (
      <p className="cg-info" role="status" data-testid="last-consultation" data-state="empty">
        {ui(locale, 'lastEmpty', { when })}
      </p>
    );
  }
  return (
    <section className="cg-last" aria-labelledby="cg-last-title" data-testid="last-consultation" data-state={last.state}>
      <h2 id="cg-last-title">{ui(locale, 'lastTitle', { when })}</h2>
      {last.state === 'unstructured' ? (
        <>
          <p className="cg-help">{ui(locale, 'lastUnstructured')}</p>
          <pre className="cg-last-text" tabIndex={0}>
            {last.text}
          </pre>
        </>
      ) : (
        <>
          <dl>
            {last.goal ? <Row term={ui(locale, 'lastGoal')} text={last.goal.text || ui(locale, 'lastNotRecorded')} id="goal" /> : null}
            {last.plan ? <Row term={ui(locale, 'lastPlan')} text={last.plan.text || ui(locale, 'lastNotRecorded')} id="plan" /> : null}
            <Row term={ui(locale, 'lastRisk')} text={last.risk.text || ui(locale, 'lastNotRecorded')} id="risk" />
          </dl>
          {last.risk.rules.length ? (
            <p className="cg-warning-box" role="alert" data-testid="last-risk">
              {ui(locale, 'lastRiskFlag', { rules: last.risk.rules.join(', ') })}
            </p>
          ) : null}
          {last.unread.length ? (
            <div className="cg-warning-box">
              <p>{ui(locale, 'lastUnread', { count: last.unread.length })}</p>
              <ul>
                {last.unread.map((line) => (
                  <li key={line.line}>{line.text}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
});

function Row({ term, text, id }: { term: string; text: string; id: string }) {
  return (
    <div className="cg-summary-row" data-last={id}>
      <dt>{term}</dt>
      <dd>{text}</dd>
    </div>
  );
}
