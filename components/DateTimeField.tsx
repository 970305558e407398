// A date, or a date and time, in the browser's own picker; values are local
// wall-clock strings like the portal's.
import { FieldShell, describedBy } from './FieldShell';
import { inputId, type ChecklistFieldProps } from './field-props';
import { typed, useFieldContext } from './form-context';

export function DateTimeField(props: ChecklistFieldProps) {
  const field = useFieldContext<string | undefined>();
  return (
    <FieldShell {...props}>
      <input
        id={inputId(props.def.id)}
        name={props.def.id}
        type={props.def.type === 'date' ? 'date' : 'datetime-local'}
        value={field.state.value ?? ''}
        onChange={(event) => field.setValue(event.target.value || undefined, typed(field.state.meta))}
        onBlur={field.handleBlur}
        aria-describedby={describedBy(props)}
        aria-required={props.required}
        aria-invalid={props.holding.length > 0}
      />
    </FieldShell>
  );
}
