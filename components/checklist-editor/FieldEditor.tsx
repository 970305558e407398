// One question: its id, type, label and help in both languages, its options,
// its range, and the condition (over questions above it) that shows it.
import { FIELD_TYPES, type Locale } from '@chartguard/sdk';
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
import { CheckInput, ChoiceInput, NumberInput, TextInput } from './EditorInputs';
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
          <TextInput label={q('fieldId')} value={field.id} onChange={setId} code />
          <ChoiceInput
            label={q('fieldType')}
            value={field.type}
            choices={FIELD_TYPES}
            name={(type) => t(`type_${type}`)}
            onChange={(type) => onDraft(setFieldType(draft, s, f, type))}
          />
          <CheckInput
            label={q('fieldReadOnly')}
            checked={field.readOnly === true}
            onChange={(readOnly) => onDraft(updateField(draft, s, f, { readOnly: readOnly || undefined }))}
          />
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
            <NumberInput label={q('fieldMin')} value={field.min} onChange={(min) => onDraft(updateField(draft, s, f, { min }))} />
            <NumberInput label={q('fieldMax')} value={field.max} onChange={(max) => onDraft(updateField(draft, s, f, { max }))} />
          </div>
        ) : null}
        {field.options ? (
          <ol className="cg-ed-options">
            {field.options.map((option, o) => {
              const optionWhat = `${what}, ${t('option', { n: o + 1 })}`;
              return (
                <li key={o}>
                  <TextInput
                    label={`${what}, ${t('optionValue', { n: o + 1 })}`}
                    value={option.value}
                    onChange={(value) => onDraft(updateOption(draft, s, f, o, { value }))}
                    code
                  />
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
