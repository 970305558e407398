// One section: its id and title in both languages, and its questions.
import { FIELD_TYPES, type FieldType, type Locale } from '@chartguard/sdk';
import { useState } from 'react';
import { addField, moveSection, removeSection, updateSection, type Draft } from '../../lib/checklist-draft';
import type { EditorText } from '../../i18n/editor';
import { ChoiceInput, TextInput } from './EditorInputs';
import { FieldEditor } from './FieldEditor';
import { changeThenFocus } from './focus-after';
import { LocalizedTextInput } from './LocalizedTextInput';
import { MoveButtons } from './MoveButtons';

export interface SectionEditorProps {
  draft: Draft;
  s: number;
  onDraft(next: Draft): void;
  locale: Locale;
  t: EditorText;
}

export function SectionEditor({ draft, s, onDraft, locale, t }: SectionEditorProps) {
  const section = draft.sections[s]!;
  const n = s + 1;
  const [newType, setNewType] = useState<FieldType>('text');
  const what = t('section', { n });
  return (
    <li className="cg-ed-section" data-editor-section={section.id}>
      <section aria-label={what}>
        <h3>
          {what}: {section.title[locale] || section.id}
        </h3>
        <MoveButtons
          what={what}
          index={s}
          count={draft.sections.length}
          onMove={(delta) => onDraft(moveSection(draft, s, delta))}
          onRemove={() => onDraft(removeSection(draft, s))}
          removeLabel={t('removeSection', { n })}
          t={t}
        />
        <div className="cg-ed-row">
          <TextInput label={t('sectionId', { n })} value={section.id} code onChange={(id) => onDraft(updateSection(draft, s, { id }))} />
        </div>
        <LocalizedTextInput
          label={t('sectionTitle', { n })}
          value={section.title}
          onChange={(title) => onDraft(updateSection(draft, s, { title }))}
          t={t}
        />
        <ol className="cg-ed-fields">
          {section.fields.map((field, f) => (
            <FieldEditor key={f} draft={draft} s={s} f={f} onDraft={onDraft} locale={locale} t={t} />
          ))}
        </ol>
        <div className="cg-ed-row">
          <ChoiceInput
            label={t('newFieldType', { n })}
            value={newType}
            choices={FIELD_TYPES}
            name={(type) => t(`type_${type}`)}
            onChange={(type) => setNewType(type)}
          />
          <button
            type="button"
            onClick={(event) =>
              changeThenFocus(() => onDraft(addField(draft, s, newType)), event.currentTarget.closest('section'), [
                ':scope > ol > li:last-child input',
              ])
            }
          >
            {t('addField', { n })}
          </button>
        </div>
      </section>
    </li>
  );
}
