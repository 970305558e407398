// One question: its id, type, label and help in both languages, its options,
// its range, and the condition (over questions above it) that shows it.
import { FIELD_TYPES, type FieldType, type Locale } from '@chartguard/sdk';
import {
  addOption,
  fieldsBefore,
  fieldsOf,
  moveField,
  moveOption,
  removeField,
  removeOption,
  renameField,
  setFieldType,
  updateField,
  updateOption,
  type Draft,
} from '../../lib/checklist-draft';
import type { EditorText } from '../../i18n/editor';
import { changeThenFocus } from './focus-after';
import { LocalizedTextInput } from './LocalizedTextInput';
import { MoveButtons } from './MoveButtons';
import { OptionalCondition } from './OptionalCondition';

export interface FieldEditorProps {
  draft: Draft;
  s: number;
  f: number;
  onDraft(next: Draft): void;
  locale: Locale;
  t: EditorText;
}

export function FieldEditor({ draft, s, f, onDraft, locale, t }: FieldEditorProps) {
  // Controls are named by section and question, counted from 1 as the Checks pane counts them in a path.
  const n = f + 1;
  const q = (key: Parameters<EditorText>[0]) => `${t('section', { n: s + 1 })} · ${t(key, { n })}`;
  const field = draft.sections[s]!.fields[f]!;
  const count = draft.sections[s]!.fields.length;
  const setId = (id: string) => {
    // A rename carries the references with it, unless the new id is another question's (validation then names the clash).
    const taken = fieldsOf(draft).some((other) => other !== field && other.id === id);
    onDraft(taken ? updateField(draft, s, f, { id }) : renameField(draft, field.id, id));
  };
  const what = q('field');
  return (
    <li className="cg-ed-field" data-editor-field={field.id}>
      <fieldset>
        <legend>
          {what}: {field.label[locale] || field.id}
        </legend>
        <MoveButtons
          what={what}
          index={f}
          count={count}
          onMove={(delta) => onDraft(moveField(draft, s, f, delta))}
          onRemove={() => onDraft(removeField(draft, s, f))}
          removeLabel={q('removeField')}
          t={t}
        />
        <div className="cg-ed-row">
          <label>
            {q('fieldId')} <input type="text" value={field.id} onChange={(event) => setId(event.target.value)} spellCheck={false} />
          </label>
          <label>
            {q('fieldType')}{' '}
            <select value={field.type} onChange={(event) => onDraft(setFieldType(draft, s, f, event.target.value as FieldType))}>
              {FIELD_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`type_${type}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="cg-ed-check">
            <input
              type="checkbox"
              checked={field.readOnly === true}
              onChange={(event) => onDraft(updateField(draft, s, f, { readOnly: event.target.checked || undefined }))}
            />
            {q('fieldReadOnly')}
          </label>
        </div>
        <LocalizedTextInput
          label={q('fieldLabel')}
          value={field.label}
          onChange={(label) => onDraft(updateField(draft, s, f, { label }))}
          t={t}
        />
        <LocalizedTextInput
          label={q('fieldHelp')}
          value={field.help}
          onChange={(help) => onDraft(updateField(draft, s, f, { help }))}
          t={t}
          multiline
        />
        {field.type === 'number' ? (
          <div className="cg-ed-row">
            <label>
              {q('fieldMin')}{' '}
              <input
                type="number"
                value={field.min ?? ''}
                onChange={(event) =>
                  onDraft(
                    updateField(draft, s, f, { min: Number.isNaN(event.target.valueAsNumber) ? undefined : event.target.valueAsNumber }),
                  )
                }
              />
            </label>
            <label>
              {q('fieldMax')}{' '}
              <input
                type="number"
                value={field.max ?? ''}
                onChange={(event) =>
                  onDraft(
                    updateField(draft, s, f, { max: Number.isNaN(event.target.valueAsNumber) ? undefined : event.target.valueAsNumber }),
                  )
                }
              />
            </label>
          </div>
        ) : null}
        {field.options ? (
          <ol className="cg-ed-options">
            {field.options.map((option, o) => {
              const optionWhat = `${what}, ${t('option', { n: o + 1 })}`;
              return (
                <li key={o}>
                  <label>
                    {`${what}, ${t('optionValue', { n: o + 1 })}`}{' '}
                    <input
                      type="text"
                      value={option.value}
                      spellCheck={false}
                      onChange={(event) => onDraft(updateOption(draft, s, f, o, { value: event.target.value }))}
                    />
                  </label>
                  <LocalizedTextInput
                    label={`${what}, ${t('optionLabel', { n: o + 1 })}`}
                    value={option.label}
                    onChange={(label) => onDraft(updateOption(draft, s, f, o, { label }))}
                    t={t}
                  />
                  <MoveButtons
                    what={optionWhat}
                    index={o}
                    count={field.options!.length}
                    onMove={(delta) => onDraft(moveOption(draft, s, f, o, delta))}
                    onRemove={() => onDraft(removeOption(draft, s, f, o))}
                    removeLabel={`${what}: ${t('removeOption', { n: o + 1 })}`}
                    t={t}
                  />
                </li>
              );
            })}
            <li>
              <button
                type="button"
                onClick={(event) =>
                  changeThenFocus(() => onDraft(addOption(draft, s, f)), event.currentTarget.closest('ol'), [
                    ':scope > li:nth-last-child(2) input',
                  ])
                }
              >
                {q('addOption')}
              </button>
            </li>
          </ol>
        ) : null}
        <OptionalCondition
          label={q('showWhen')}
          condition={field.enableWhen}
          onChange={(enableWhen) => onDraft(updateField(draft, s, f, { enableWhen }))}
          fields={fieldsBefore(draft, s, f)}
          locale={locale}
          t={t}
          emptyHint={t('noEarlierFields')}
        />
      </fieldset>
    </li>
  );
}
