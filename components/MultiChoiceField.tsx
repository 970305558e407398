// Several options from a list, as checkboxes.
import { localize } from '@chartguard/sdk';
import { FieldShell, describedBy } from './FieldShell';
import { inputId, labelId, type ChecklistFieldProps } from './field-props';
import { typed, useFieldContext } from './form-context';

export function MultiChoiceField(props: ChecklistFieldProps) {
  const field = useFieldContext<string[] | undefined>();
  const selected = field.state.value ?? [];
  const toggle = (value: string, on: boolean) => {
    const next = on ? [...selected, value] : selected.filter((item) => item !== value);
    field.setValue(next.length ? next : undefined, typed(field.state.meta));
  };
  return (
    <FieldShell {...props} group>
      <div
        role="group"
        id={inputId(props.def.id)}
        aria-labelledby={labelId(props.def.id)}
        aria-describedby={describedBy(props)}
        tabIndex={-1}
      >
        {(props.def.options ?? []).map((option) => (
          <label key={option.value} className="cg-option">
            <input
              type="checkbox"
              name={props.def.id}
              value={option.value}
              checked={selected.includes(option.value)}
              onChange={(event) => toggle(option.value, event.target.checked)}
              onBlur={field.handleBlur}
            />
            {localize(option.label, props.locale)}
          </label>
        ))}
      </div>
    </FieldShell>
  );
}
