// The shared attendance vocabulary; Apply maps the code to the portal's own label.
import { ATTENDANCE_CODES, ATTENDANCE_LABELS, localize } from '@chartguard/sdk';
import { FieldShell, textOrNothing, useFieldControl } from './FieldShell';
import type { ChecklistFieldProps } from './field-props';
import { ui } from '../i18n/panel';

export function AttendanceField(props: ChecklistFieldProps) {
  const { field, control } = useFieldControl(props, textOrNothing);
  return (
    <FieldShell {...props}>
      <select {...control}>
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
