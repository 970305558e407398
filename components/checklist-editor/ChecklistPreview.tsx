// The live preview: the panel's own form (ChecklistForm) for the checklist
// being edited, the note the SDK writes for the answers given there, and
// which rules fire on that sample record, all from the SDK's evaluate.
import { evaluate, localize, type Checklist, type Locale } from '@chartguard/sdk';
import { useStore } from '@tanstack/react-form';
import { useMemo } from 'react';
import { ChecklistForm } from '../ChecklistForm';
import { composeRecordEntry } from '../../lib/record-model';
import { usePanelForm } from '../form';
import type { EditorText } from '../../i18n/editor';

export interface ChecklistPreviewProps {
  checklist: Checklist;
  /** The language the preview is shown in: the panel's user may work in either. */
  locale: Locale;
  t: EditorText;
  /** The clock deadlines and due times are judged against. */
  now(): Date;
}

export function ChecklistPreview({ checklist, locale, t, now }: ChecklistPreviewProps) {
  const form = usePanelForm({});
  const values = useStore(form.store, (state) => state.values) as Record<string, unknown>;
  const evaluation = useMemo(
    () => evaluate(checklist, values, { now: now(), locale, unknownFields: 'ignore' }),
    [checklist, values, locale, now],
  );
  const author = t('sampleAuthor');
  // Composed as "Apply to record" composes it (the SDK's entry composer, with a sample author), over an empty portal note.
  const note = useMemo(
    () =>
      composeRecordEntry({
        checklist,
        answers: Object.fromEntries(Object.entries(values).filter(([id]) => evaluation.visible.includes(id))),
        existing: '',
        author,
        now: now(),
        locale,
      })?.note ?? '',
    [checklist, values, locale, evaluation, now, author],
  );
  return (
    <div className="cg-ed-preview" lang={locale}>
      <p className="cg-ed-hint">{t('previewHelp')}</p>
      <div className="cg-ed-panel" data-testid="editor-preview-form">
        <h3>{localize(checklist.title, locale)}</h3>
        <ChecklistForm form={form} checklist={checklist} evaluation={evaluation} locale={locale} showAll />
      </div>
      <section aria-labelledby="cg-ed-note-heading">
        <h3 id="cg-ed-note-heading">{t('noteHeading')}</h3>
        <pre tabIndex={0} data-testid="editor-preview-note" className="cg-ed-note">
          {note}
        </pre>
      </section>
      <section aria-labelledby="cg-ed-evaluate-heading" data-testid="editor-evaluate">
        <h3 id="cg-ed-evaluate-heading">{t('evaluateHeading')}</h3>
        <p>{t('status', { status: t(`status_${evaluation.status}`) })}</p>
        <h4>{t('fires')}</h4>
        {evaluation.issues.length ? (
          <ul>
            {evaluation.issues.map((issue, i) => (
              <li key={i} data-rule={issue.ruleId} data-severity={issue.severity}>
                <strong>{issue.ruleId}</strong> ({t(`severity_${issue.severity}`)}): {issue.message}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('noneFire')}</p>
        )}
        {evaluation.followUps.length ? (
          <>
            <h4>{t('followUps')}</h4>
            <ul>
              {evaluation.followUps.map((followUp) => (
                <li key={followUp.ruleId} data-follow-up={followUp.ruleId}>
                  <strong>{followUp.ruleId}</strong> {followUp.summary} · {t(followUp.state === 'open' ? 'followUpOpen' : 'followUpDone')}
                  {followUp.dueAt ? ` · ${t('dueAt', { at: followUp.dueAt.replace('T', ' ') })}` : ''}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {evaluation.attention.length ? (
          <>
            <h4>{t('attentionFires')}</h4>
            <ul>
              {evaluation.attention.map((item) => (
                <li key={item.ruleId} data-attention={item.ruleId}>
                  <strong>{item.ruleId}</strong> {item.message}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {evaluation.deadline ? (
          <p data-deadline={evaluation.deadline.ruleId}>
            {evaluation.deadline.ruleId}: {t('deadlineStatus', { at: evaluation.deadline.dueAt.replace('T', ' ') })}
          </p>
        ) : null}
      </section>
    </div>
  );
}
