// Free text, one line or many (`text` / `longtext`).
import { FieldShell, useFieldControl } from './FieldShell';
import type { ChecklistFieldProps } from './field-props';

const asTyped = (text: string) => text;

export function TextField(props: ChecklistFieldProps) {
  const { control } = useFieldControl(props, asTyped);
  return (
    <FieldShell {...props}>
      {props.def.type === 'longtext' ? <textarea {...control} rows={4} /> : <input {...control} type="text" />}
    </FieldShell>
  );
}
