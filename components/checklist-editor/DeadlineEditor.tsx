// The record's deadline (e.g. "written within 24 hours of the session"):
// its rule id, hours, and the date questions it runs from.
import type { Locale } from '@chartguard/sdk';
import { fieldsOf, newDeadline, setDeadline, type Draft } from '../../lib/checklist-draft';
import type { EditorText } from '../../i18n/editor';
import { CheckInput, NumberInput, TextInput } from './EditorInputs';
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
      <CheckInput
        label={t('hasDeadline')}
        checked={deadline !== undefined}
        onChange={(has) => onDraft(setDeadline(draft, has ? newDeadline() : undefined))}
      />
      {deadline ? (
        <>
          <div className="cg-ed-row">
            <TextInput
              label={t('deadlineRule')}
              value={deadline.rule}
              placeholder="ABC-08"
              code
              onChange={(rule) => set({ rule: rule.toUpperCase() })}
            />
            <NumberInput label={t('deadlineHours')} min={1} value={deadline.hours} onChange={(hours) => set({ hours: hours ?? 0 })} />
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
