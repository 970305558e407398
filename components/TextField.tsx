// Free text, one line or many (`text` / `longtext`).
import { FieldShell, describedBy } from './FieldShell';
import { inputId, type ChecklistFieldProps } from './field-props';
import { typed, useFieldContext } from './form-context';

export function TextField(props: ChecklistFieldProps) {
  const field = useFieldContext<string | undefined>();
  const common = {
    id: inputId(props.def.id),
    name: props.def.id,
    value: field.state.value ?? '',
    onBlur: field.handleBlur,
    'aria-invalid': props.holding.length > 0,
    'aria-describedby': describedBy(props),
    'aria-required': props.required,
  };
  return (
    <FieldShell {...props}>
      {props.def.type === 'longtext' ? (
        <textarea {...common} rows={4} onChange={(event) => field.setValue(event.target.value, typed(field.state.meta))} />
      ) : (
        <input {...common} type="text" onChange={(event) => field.setValue(event.target.value, typed(field.state.meta))} />
      )}
    </FieldShell>
  );
}
