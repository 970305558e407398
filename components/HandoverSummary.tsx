// The next worker's view of a record that already holds a Chartguard note:
// read back through the SDK and shown read-only, section by section, with
// anything the SDK could not read listed rather than guessed.
import { localize, type Checklist, type Locale, type ParsedNote } from '@chartguard/sdk';
import { displayAnswer } from './display-answer';
import { ui } from '../i18n/panel';

export function HandoverSummary({
  checklist,
  parsed,
  locale,
  onEdit,
}: {
  checklist: Checklist;
  parsed: ParsedNote;
  locale: Locale;
  onEdit(): void;
}) {
  return (
    <section className="cg-handover" aria-labelledby="cg-handover-title">
      <h2 id="cg-handover-title">{ui(locale, 'handoverTitle', { checklist: localize(checklist.title, locale) })}</h2>
      <p className="cg-help">{ui(locale, 'handoverIntro')}</p>
      {checklist.sections.map((section) => {
        const answered = section.fields.filter((field) => parsed.answers[field.id] !== undefined);
        if (!answered.length) return null;
        return (
          <section key={section.id} className="cg-section">
            <h3>{localize(section.title, locale)}</h3>
            <dl>
              {answered.map((field) => (
                <div key={field.id} className="cg-summary-row" data-field={field.id}>
                  <dt>{localize(field.label, locale)}</dt>
                  <dd>{displayAnswer(field, parsed.answers[field.id], locale)}</dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
      {parsed.unread.length ? (
        <div className="cg-warning-box">
          <p>{ui(locale, 'handoverUnread', { count: parsed.unread.length })}</p>
          <ul>
            {parsed.unread.map((line) => (
              <li key={line.line}>
                {ui(locale, 'handoverLine', { line: line.line })} {line.text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <button type="button" onClick={onEdit}>
        {ui(locale, 'handoverEdit')}
      </button>
    </section>
  );
}
