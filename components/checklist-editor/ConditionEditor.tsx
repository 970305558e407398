// A condition built from menus: pick an answer from the questions allowed
// here, a test that suits its type, and a value from its own options; or
// group tests with all / any / not. Nothing is typed as an expression.
import { ATTENDANCE_LABELS, localize, type ChecklistField, type Condition, type Locale } from '@chartguard/sdk';
import { leafCondition, operatorsFor, unwrapCondition, valuesFor, wrapCondition, type LeafOp } from '../../lib/checklist-draft';
import type { EditorText } from '../../i18n/editor';
import { fieldName } from './FieldPicker';
import { changeThenFocus } from './focus-after';

export interface ConditionEditorProps {
  /** Names every control, e.g. "Show question 3 only when…: Answer". */
  label: string;
  condition: Condition;
  onChange(next: Condition): void;
  /** The questions this condition may test. */
  fields: readonly ChecklistField[];
  locale: Locale;
  t: EditorText;
  onRemove?(): void;
}

type Kind = 'leaf' | 'all' | 'any' | 'not';
const kindOf = (condition: Condition): Kind =>
  'all' in condition ? 'all' : 'any' in condition ? 'any' : 'not' in condition ? 'not' : 'leaf';

/** A value as a menu holds it (a string), and back. */
const encode = (value: string | number | boolean) => JSON.stringify(value);
const decode = (text: string) => JSON.parse(text) as string | number | boolean;

function valueLabel(field: ChecklistField, value: string | boolean, locale: Locale, t: EditorText): string {
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (field.type === 'attendance')
    return localize(ATTENDANCE_LABELS[value as keyof typeof ATTENDANCE_LABELS] ?? { en: value, 'zh-CN': value }, locale);
  const option = field.options?.find((item) => item.value === value);
  return option ? `${localize(option.label, locale).trim() || value} (${value})` : value;
}

export function ConditionEditor(props: ConditionEditorProps) {
  const { label, condition, onChange, fields, locale, t } = props;
  const kind = kindOf(condition);
  const setKind = (next: Kind) => {
    if (next === kind) return;
    const single = kind === 'leaf' ? condition : unwrapCondition(condition);
    onChange(next === 'leaf' ? (kindOf(single) === 'leaf' ? single : unwrapCondition(single)) : wrapCondition(single, next));
  };
  return (
    <div className="cg-ed-condition" role="group" aria-label={label}>
      <label>
        {t('conditionKind')}{' '}
        <select aria-label={`${label}: ${t('conditionKind')}`} value={kind} onChange={(event) => setKind(event.target.value as Kind)}>
          {(['leaf', 'all', 'any', 'not'] as const).map((item) => (
            <option key={item} value={item}>
              {t(`kind_${item}`)}
            </option>
          ))}
        </select>
      </label>
      {props.onRemove ? (
        <button type="button" onClick={props.onRemove} aria-label={`${label}: ${t('removeTest')}`}>
          {t('removeTest')}
        </button>
      ) : null}
      {'all' in condition || 'any' in condition ? (
        <GroupParts
          {...props}
          parts={'all' in condition ? condition.all : condition.any}
          setParts={(parts) => onChange('all' in condition ? { all: parts } : { any: parts })}
        />
      ) : 'not' in condition ? (
        <ConditionEditor
          label={`${label} › 1`}
          condition={condition.not}
          onChange={(next) => onChange({ not: next })}
          fields={fields}
          locale={locale}
          t={t}
        />
      ) : (
        <LeafEditor {...props} condition={condition} />
      )}
    </div>
  );
}

function GroupParts({
  label,
  parts,
  setParts,
  fields,
  locale,
  t,
}: ConditionEditorProps & { parts: Condition[]; setParts(parts: Condition[]): void }) {
  const first = fields[0];
  return (
    <ol className="cg-ed-parts">
      {parts.map((part, i) => (
        <li key={i}>
          <ConditionEditor
            label={`${label} › ${i + 1}`}
            condition={part}
            onChange={(next) => setParts(parts.map((item, j) => (j === i ? next : item)))}
            onRemove={parts.length > 1 ? () => setParts(parts.filter((_, j) => j !== i)) : undefined}
            fields={fields}
            locale={locale}
            t={t}
          />
        </li>
      ))}
      {first ? (
        <li>
          <button
            type="button"
            onClick={(event) =>
              changeThenFocus(
                () => setParts([...parts, leafCondition(first, operatorsFor(first.type)[0]!, fields)]),
                event.currentTarget.closest('ol'),
                [':scope > li:nth-last-child(2) select'],
              )
            }
            aria-label={`${label}: ${t('addTest')}`}
          >
            {t('addTest')}
          </button>
        </li>
      ) : null}
    </ol>
  );
}

type Leaf = Extract<Condition, { field: string }>;

function LeafEditor({ label, condition, onChange, fields, locale, t }: ConditionEditorProps & { condition: Leaf }) {
  const field = fields.find((item) => item.id === condition.field);
  const ops = field ? operatorsFor(field.type) : [];
  const values = field ? valuesFor(field) : undefined;
  const name = (what: string) => `${label}: ${what}`;
  const pickField = (id: string) => {
    const next = fields.find((item) => item.id === id);
    if (next)
      onChange(leafCondition(next, operatorsFor(next.type).includes(condition.op) ? condition.op : operatorsFor(next.type)[0]!, fields));
  };
  return (
    <span className="cg-ed-leaf">
      <select
        aria-label={name(t('conditionField'))}
        value={field ? condition.field : ''}
        onChange={(event) => pickField(event.target.value)}
      >
        {field ? null : <option value="">{condition.field ? `${condition.field} ?` : t('choose')}</option>}
        {fields.map((item) => (
          <option key={item.id} value={item.id}>
            {fieldName(item, locale)}
          </option>
        ))}
      </select>{' '}
      {field ? (
        <select
          aria-label={name(t('conditionOp'))}
          value={condition.op}
          onChange={(event) => onChange(leafCondition(field, event.target.value as LeafOp, fields))}
        >
          {ops.map((op) => (
            <option key={op} value={op}>
              {t(`op_${op}`)}
            </option>
          ))}
        </select>
      ) : null}{' '}
      {field && 'value' in condition ? (
        values ? (
          <select
            aria-label={name(t('conditionValue'))}
            value={encode(condition.value)}
            onChange={(event) => onChange({ ...condition, value: decode(event.target.value) })}
          >
            {values.includes(condition.value as string) ? null : (
              <option value={encode(condition.value)}>{String(condition.value)} ?</option>
            )}
            {values.map((value) => (
              <option key={encode(value)} value={encode(value)}>
                {valueLabel(field, value, locale, t)}
              </option>
            ))}
          </select>
        ) : field.type === 'number' ? (
          <input
            type="number"
            aria-label={name(t('conditionValue'))}
            value={Number(condition.value)}
            onChange={(event) => onChange({ ...condition, value: event.target.valueAsNumber || 0 })}
          />
        ) : (
          <input
            type="text"
            aria-label={name(t('conditionValue'))}
            value={String(condition.value)}
            onChange={(event) => onChange({ ...condition, value: event.target.value })}
          />
        )
      ) : null}
      {field && 'values' in condition ? (
        <span role="group" aria-label={name(t('conditionValues'))}>
          {(values ?? []).map((value) => (
            <label key={encode(value)} className="cg-ed-check">
              <input
                type="checkbox"
                checked={condition.values.includes(value)}
                onChange={(event) =>
                  onChange({
                    ...condition,
                    values: event.target.checked
                      ? (values ?? []).filter((item) => item === value || condition.values.includes(item))
                      : condition.values.filter((item) => item !== value),
                  })
                }
              />
              {valueLabel(field, value, locale, t)}
            </label>
          ))}
        </span>
      ) : null}
      {field && condition.op === 'between' ? (
        <>
          <input
            type="number"
            aria-label={name(t('conditionMin'))}
            value={condition.min}
            onChange={(event) => onChange({ ...condition, min: event.target.valueAsNumber || 0 })}
          />{' '}
          <input
            type="number"
            aria-label={name(t('conditionMax'))}
            value={condition.max}
            onChange={(event) => onChange({ ...condition, max: event.target.valueAsNumber || 0 })}
          />
        </>
      ) : null}
      {field && 'otherField' in condition ? (
        <select
          aria-label={name(t('conditionOther'))}
          value={condition.otherField}
          onChange={(event) => onChange({ ...condition, otherField: event.target.value })}
        >
          <option value="">{t('choose')}</option>
          {fields
            .filter((item) => item.id !== field.id && (item.type === 'date' || item.type === 'datetime'))
            .map((item) => (
              <option key={item.id} value={item.id}>
                {fieldName(item, locale)}
              </option>
            ))}
        </select>
      ) : null}
    </span>
  );
}
