// The record's deadline (e.g. "written within 24 hours of the session"):
// its rule id, hours, and the date questions it runs from.
import type { Locale } from '@chartguard/sdk';
import { fieldsOf, newDeadline, setDeadline, type Draft } from '../../lib/checklist-draft';
import type { EditorText } from '../../i18n/editor';
import { FieldPicker, fieldName } from './FieldPicker';
import { LocalizedTextInput } from './LocalizedTextInput';

export interface DeadlineEditorProps {
  draft: Draft;
  onDraft(next: Draft): void;
  locale: Locale;
  t: EditorText;
}

export function DeadlineEditor({ draft, onDraft, locale, t }: DeadlineEditorProps) {
  const deadline = draft.deadline;
  const fields = fieldsOf(draft);
  const timed = fields.filter((field) => field.type === 'date' || field.type === 'datetime');
  const set = (patch: Partial<NonNullable<Draft['deadline']>>) => {
    if (!deadline) return;
    const next = { ...deadline, ...patch };
    for (const key of Object.keys(patch) as (keyof typeof next)[]) if (patch[key] === undefined) delete next[key];
    onDraft(setDeadline(draft, next));
  };
  return (
    <section aria-labelledby="cg-ed-deadline-heading">
      <h2 id="cg-ed-deadline-heading">{t('deadlineHeading')}</h2>
      <label className="cg-ed-check">
        <input
          type="checkbox"
          checked={deadline !== undefined}
          onChange={(event) => onDraft(setDeadline(draft, event.target.checked ? newDeadline() : undefined))}
        />
        {t('hasDeadline')}
      </label>
      {deadline ? (
        <>
          <div className="cg-ed-row">
            <label>
              {t('deadlineRule')}{' '}
              <input
                type="text"
                value={deadline.rule}
                placeholder="ABC-08"
                spellCheck={false}
                onChange={(event) => set({ rule: event.target.value.toUpperCase() })}
              />
            </label>
            <label>
              {t('deadlineHours')}{' '}
              <input
                type="number"
                min={1}
                value={deadline.hours}
                onChange={(event) => set({ hours: Number.isNaN(event.target.valueAsNumber) ? 0 : event.target.valueAsNumber })}
              />
            </label>
          </div>
          <LocalizedTextInput
            label={t('deadlineSummary')}
            value={deadline.summary}
            onChange={(summary) => set({ summary })}
            t={t}
            multiline
          />
          <FieldPicker
            legend={`${t('deadlineFrom')} ${t('firstAnswered')}`}
            fields={timed}
            selected={deadline.from}
            onChange={(from) => set({ from })}
            locale={locale}
          />
          <label>
            {t('deadlineRecordedAt')}{' '}
            <select value={deadline.recordedAt ?? ''} onChange={(event) => set({ recordedAt: event.target.value || undefined })}>
              <option value="">{t('none')}</option>
              {fields
                .filter((field) => field.type === 'datetime')
                .map((field) => (
                  <option key={field.id} value={field.id}>
                    {fieldName(field, locale)}
                  </option>
                ))}
            </select>
          </label>
          <FieldPicker
            legend={t('deadlineRequires')}
            fields={fields}
            selected={deadline.requires ?? []}
            onChange={(requires) => set({ requires })}
            locale={locale}
          />
        </>
      ) : null}
    </section>
  );
}
