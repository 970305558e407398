// A condition that may be absent (a question always shown, a rule that
// always applies): a tick adds one built from the first allowed question.
import { operatorsFor, leafCondition } from '../../lib/checklist-draft';
import type { ChecklistField, Condition, Locale } from '@chartguard/sdk';
import { ConditionEditor } from './ConditionEditor';
import type { EditorText } from '../../i18n/editor';

export interface OptionalConditionProps {
  label: string;
  condition: Condition | undefined;
  onChange(next: Condition | undefined): void;
  fields: readonly ChecklistField[];
  locale: Locale;
  t: EditorText;
  /** Shown instead of the tick when there is no question to test. */
  emptyHint: string;
}

export function OptionalCondition({ label, condition, onChange, fields, locale, t, emptyHint }: OptionalConditionProps) {
  const first = fields[0];
  if (!first && !condition) return <p className="cg-ed-hint">{emptyHint}</p>;
  return (
    <div className="cg-ed-optional">
      <label className="cg-ed-check">
        <input
          type="checkbox"
          checked={condition !== undefined}
          onChange={(event) =>
            onChange(event.target.checked && first ? leafCondition(first, operatorsFor(first.type)[0]!, fields) : undefined)
          }
        />
        {label}
      </label>
      {condition ? <ConditionEditor label={label} condition={condition} onChange={onChange} fields={fields} locale={locale} t={t} /> : null}
    </div>
  );
}
