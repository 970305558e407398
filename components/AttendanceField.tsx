// The shared attendance vocabulary; Apply maps the code to the portal's own label.
import { ATTENDANCE_CODES, ATTENDANCE_LABELS, localize } from '@chartguard/sdk';
import { FieldShell, describedBy } from './FieldShell';
import { inputId, type ChecklistFieldProps } from './field-props';
import { typed, useFieldContext } from './form-context';
import { ui } from '../i18n/panel';

export function AttendanceField(props: ChecklistFieldProps) {
  const field = useFieldContext<string | undefined>();
  return (
    <FieldShell {...props}>
      <select
        id={inputId(props.def.id)}
        name={props.def.id}
        value={field.state.value ?? ''}
        onChange={(event) => field.setValue(event.target.value || undefined, typed(field.state.meta))}
        onBlur={field.handleBlur}
        aria-describedby={describedBy(props)}
        aria-required={props.required}
        aria-invalid={props.holding.length > 0}
      >
        <option value="">{ui(props.locale, 'choose')}</option>
        {ATTENDANCE_CODES.filter((code) => !props.allowed || props.allowed.includes(code) || code === field.state.value).map((code) => (
          <option key={code} value={code}>
            {localize(ATTENDANCE_LABELS[code], props.locale)}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
