// Attention triggers: answers that put a record at attention (a recorded
// risk), each with the catalogue rule id it belongs to.
import type { Locale } from '@chartguard/sdk';
import { addAttention, fieldsOf, removeAttention, updateAttention, type Draft } from '../../lib/checklist-draft';
import { ConditionEditor } from './ConditionEditor';
import { TextInput } from './EditorInputs';
import type { EditorText } from '../../i18n/editor';
import { LocalizedTextInput } from './LocalizedTextInput';

export interface AttentionEditorProps {
  draft: Draft;
  onDraft(next: Draft): void;
  locale: Locale;
  t: EditorText;
}

export function AttentionEditor({ draft, onDraft, locale, t }: AttentionEditorProps) {
  const fields = fieldsOf(draft);
  const first = fields[0];
  return (
    <section aria-labelledby="cg-ed-attention-heading">
      <h2 id="cg-ed-attention-heading">{t('attentionHeading')}</h2>
      <p className="cg-ed-hint">{t('attentionHelp')}</p>
      <ol>
        {(draft.attention ?? []).map((item, a) => {
          const n = a + 1;
          return (
            <li key={a}>
              <fieldset>
                <legend>{t('attention', { n })}</legend>
                <TextInput
                  label={t('attentionRule', { n })}
                  value={item.rule}
                  placeholder="ABC-05"
                  code
                  onChange={(rule) => onDraft(updateAttention(draft, a, { rule: rule.toUpperCase() }))}
                />
                <ConditionEditor
                  label={t('attentionWhen', { n })}
                  condition={item.when}
                  onChange={(when) => onDraft(updateAttention(draft, a, { when }))}
                  fields={fields}
                  locale={locale}
                  t={t}
                />
                <LocalizedTextInput
                  label={t('attentionSummary', { n })}
                  value={item.summary}
                  onChange={(summary) => onDraft(updateAttention(draft, a, { summary }))}
                  t={t}
                  multiline
                />
                <button type="button" onClick={() => onDraft(removeAttention(draft, a))}>
                  {t('removeAttention', { n })}
                </button>
              </fieldset>
            </li>
          );
        })}
      </ol>
      {first ? (
        <button type="button" onClick={() => onDraft(addAttention(draft, first))}>
          {t('addAttention')}
        </button>
      ) : (
        <p className="cg-ed-hint">{t('needsField')}</p>
      )}
    </section>
  );
}
