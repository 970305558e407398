// A yes/no question that must be answered explicitly: no answer is not "no".
import { FieldShell, describedBy } from './FieldShell';
import { inputId, labelId, type ChecklistFieldProps } from './field-props';
import { typed, useFieldContext } from './form-context';
import { ui } from '../i18n/panel';

export function BooleanField(props: ChecklistFieldProps) {
  const field = useFieldContext<boolean | undefined>();
  const choices = [
    { value: true, label: ui(props.locale, 'yes') },
    { value: false, label: ui(props.locale, 'no') },
  ];
  return (
    <FieldShell {...props} group>
      <div
        role="radiogroup"
        id={inputId(props.def.id)}
        tabIndex={-1}
        aria-labelledby={labelId(props.def.id)}
        aria-describedby={describedBy(props)}
        aria-required={props.required}
        aria-invalid={props.holding.length > 0}
        className="cg-inline"
      >
        {choices.map((choice) => (
          <label key={String(choice.value)} className="cg-option">
            <input
              type="radio"
              name={props.def.id}
              value={String(choice.value)}
              checked={field.state.value === choice.value}
              onChange={() => field.setValue(choice.value, typed(field.state.meta))}
              onBlur={field.handleBlur}
            />
            {choice.label}
          </label>
        ))}
      </div>
    </FieldShell>
  );
}
