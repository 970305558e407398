// A date, or a date and time, in the browser's own picker; values are local
// wall-clock strings like the portal's.
import { FieldShell, textOrNothing, useFieldControl } from './FieldShell';
import type { ChecklistFieldProps } from './field-props';

export function DateTimeField(props: ChecklistFieldProps) {
  const { control } = useFieldControl(props, textOrNothing);
  return (
    <FieldShell {...props}>
      <input {...control} type={props.def.type === 'date' ? 'date' : 'datetime-local'} />
    </FieldShell>
  );
}
