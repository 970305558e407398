// A number such as an outcome-measure score; range errors come from the checklist.
import { FieldShell, describedBy } from './FieldShell';
import { inputId, type ChecklistFieldProps } from './field-props';
import { typed, useFieldContext } from './form-context';

export function NumberField(props: ChecklistFieldProps) {
  const field = useFieldContext<number | undefined>();
  return (
    <FieldShell {...props}>
      <input
        id={inputId(props.def.id)}
        name={props.def.id}
        type="number"
        inputMode="decimal"
        min={props.def.min}
        max={props.def.max}
        value={field.state.value ?? ''}
        onChange={(event) => field.setValue(event.target.value === '' ? undefined : Number(event.target.value), typed(field.state.meta))}
        onBlur={field.handleBlur}
        aria-describedby={describedBy(props)}
        aria-required={props.required}
        aria-invalid={props.holding.length > 0}
      />
    </FieldShell>
  );
}
