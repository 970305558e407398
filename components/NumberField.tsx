// A number such as an outcome-measure score; range errors come from the checklist.
import { FieldShell, useFieldControl } from './FieldShell';
import type { ChecklistFieldProps } from './field-props';

const numberOrNothing = (text: string) => (text === '' ? undefined : Number(text));

export function NumberField(props: ChecklistFieldProps) {
  const { control } = useFieldControl(props, numberOrNothing);
  return (
    <FieldShell {...props}>
      <input {...control} type="number" inputMode="decimal" min={props.def.min} max={props.def.max} />
    </FieldShell>
  );
}
