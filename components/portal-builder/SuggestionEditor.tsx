// The page's suggestions (which checklist to offer when): a checklist from
// the page's own, and a condition over the answers picked on the page, built
// with the checklist editor's condition menus (one answer, all / any of
// several, not), so a suggestion like legacy.json's IA one is made by clicks
// and the builder keeps no second condition editor.
import { allFields, type Checklist, type ChecklistField, type Condition } from '@chartguard/sdk';
import { useId, useMemo, useState } from 'react';
import { suggestionCondition, type DraftField, type DraftSuggestion, type EqualsSuggestion } from '../../lib/adapter-draft';
import { conditionFieldIds, leafCondition, operatorsFor } from '../../lib/checklist-draft';
import { builderText as t } from '../../i18n/builder';
import { editorText } from '../../i18n/editor';
import { ConditionEditor } from '../checklist-editor/ConditionEditor';

// The builder shows English (i18n/builder.ts), so the condition menus do too.
const editorWords = editorText('en');

export interface SuggestionEditorProps {
  catalogue: readonly Checklist[];
  /** The checklists the page offers. */
  checklists: readonly string[];
  fields: readonly DraftField[];
  suggest: readonly (DraftSuggestion | EqualsSuggestion)[];
  onChange(next: DraftSuggestion[]): void;
}

/**
 * The answers picked on the page as checklist questions, for the condition menus: the catalogue's own question
 * where there is one (its type and options give the tests and values), a free-text one for an answer no
 * checklist asks (a session type read only for suggesting).
 */
export function conditionFields(
  catalogue: readonly Checklist[],
  checklists: readonly string[],
  fields: readonly DraftField[],
): ChecklistField[] {
  const known = new Map<string, ChecklistField>();
  const offered = catalogue.filter((checklist) => checklists.includes(checklist.id));
  for (const checklist of [...offered, ...catalogue])
    for (const field of allFields(checklist)) if (!known.has(field.id)) known.set(field.id, field);
  const answers = [...new Set(fields.flatMap((field) => field.answers))];
  return answers.map((answer) => known.get(answer) ?? { id: answer, type: 'text', label: { en: answer, 'zh-CN': answer } });
}

/** Whether every test in the condition has what it compares with (a value typed, one ticked, another answer chosen). */
function complete(condition: Condition): boolean {
  if ('all' in condition) return condition.all.length > 0 && condition.all.every(complete);
  if ('any' in condition) return condition.any.length > 0 && condition.any.every(complete);
  if ('not' in condition) return complete(condition.not);
  if ('value' in condition) return condition.value !== '';
  if ('values' in condition) return condition.values.length > 0;
  if ('otherField' in condition) return Boolean(condition.otherField);
  if (condition.op === 'between') return Number.isFinite(condition.min) && Number.isFinite(condition.max) && condition.min <= condition.max;
  return true;
}

/** The condition in words, for the list of suggestions made. */
export function describeCondition(condition: Condition): string {
  const w = editorWords;
  if ('all' in condition) return `${w('kind_all')} (${condition.all.map(describeCondition).join('; ')})`;
  if ('any' in condition) return `${w('kind_any')} (${condition.any.map(describeCondition).join('; ')})`;
  if ('not' in condition) return `${w('kind_not')} (${describeCondition(condition.not)})`;
  const test = `${condition.field} ${w(`op_${condition.op}`)}`;
  if ('value' in condition) return `${test} ${String(condition.value)}`;
  if ('values' in condition) return `${test} ${condition.values.map(String).join(', ')}`;
  if ('otherField' in condition) return `${test} ${condition.otherField}`;
  if (condition.op === 'between') return `${test} ${condition.min}–${condition.max}`;
  return test;
}

export function SuggestionEditor({ catalogue, checklists, fields, suggest, onChange }: SuggestionEditorProps) {
  const id = useId();
  const questions = useMemo(() => conditionFields(catalogue, checklists, fields), [catalogue, checklists, fields]);
  const first = questions[0];
  const fresh = (): Condition | undefined => (first ? leafCondition(first, operatorsFor(first.type)[0]!, questions) : undefined);
  const [checklist, setChecklist] = useState('');
  const [when, setWhen] = useState<Condition | undefined>(fresh);
  const rules = suggest.map((rule) => ({ checklist: rule.checklist, when: suggestionCondition(rule) }));
  const condition = when ?? fresh();
  // A test on an answer no longer picked (its field removed) stays as it was, shown as "name ?" by the menus,
  // and cannot be added until another answer is chosen for it.
  const known = new Set(questions.map((question) => question.id));
  const answersKnown = condition ? conditionFieldIds(condition).every((field) => known.has(field)) : false;
  // A free-text answer chosen in the menu starts from what the element showed when picked.
  const change = (next: Condition) => {
    if (
      'field' in next &&
      'value' in next &&
      next.value === '' &&
      (!condition || !('field' in condition) || condition.field !== next.field)
    ) {
      const sample = fields.find((field) => field.answers.includes(next.field))?.sample;
      if (sample) return setWhen({ ...next, value: sample });
    }
    setWhen(next);
  };
  return (
    <>
      <ul data-testid="suggestions">
        {rules.map((rule, index) => (
          <li key={index}>
            {t('suggestion', { checklist: rule.checklist, condition: describeCondition(rule.when) })}{' '}
            <button
              type="button"
              aria-label={`${t('remove')}: ${t('suggestion', { checklist: rule.checklist, condition: describeCondition(rule.when) })}`}
              onClick={() => onChange(rules.filter((_, other) => other !== index))}
            >
              {t('remove')}
            </button>
          </li>
        ))}
      </ul>
      <div className="cg-pb-row">
        <label htmlFor={`${id}-checklist`}>{t('suggestChecklist')}</label>
        <select id={`${id}-checklist`} value={checklist} onChange={(event) => setChecklist(event.target.value)}>
          <option value="">—</option>
          {checklists.map((item) => (
            <option key={item} value={item}>
              {item}
            </option>
          ))}
        </select>
      </div>
      {condition ? (
        <ConditionEditor label={t('suggestWhen')} condition={condition} onChange={change} fields={questions} locale="en" t={editorWords} />
      ) : null}
      <div className="cg-pb-row">
        <button
          type="button"
          disabled={!checklist || !condition || !answersKnown || !complete(condition)}
          onClick={() => {
            if (!condition) return;
            onChange([...rules, { checklist, when: condition }]);
            setChecklist('');
            setWhen(fresh());
          }}
        >
          {t('addSuggestion')}
        </button>
      </div>
    </>
  );
}
