// A value the portal (or the clock) supplies: shown so the user sees what the
// rules are judged on, never typed.
import { ATTENDANCE_LABELS, localize, type AttendanceCode } from '@chartguard/sdk';
import { FieldShell } from './FieldShell';
import { inputId, type ChecklistFieldProps } from './field-props';
import { useFieldContext } from './form-context';
import { ui } from './ui-text';

export function ReadOnlyField(props: ChecklistFieldProps) {
  const field = useFieldContext<unknown>();
  const value = field.state.value;
  let text: string;
  if (value === undefined || value === '' || value === null) text = ui(props.locale, 'notSet');
  else if (typeof value === 'boolean') text = ui(props.locale, value ? 'yes' : 'no');
  else if (props.def.type === 'attendance' && typeof value === 'string' && value in ATTENDANCE_LABELS) text = localize(ATTENDANCE_LABELS[value as AttendanceCode], props.locale);
  else if (props.def.options && typeof value === 'string') text = localize(props.def.options.find((option) => option.value === value)?.label ?? { en: value, 'zh-CN': value }, props.locale);
  else text = String(value).replace('T', ' ');
  return (
    <FieldShell {...props}>
      <output id={inputId(props.def.id)} className="cg-readonly" tabIndex={0}>
        {text} <span className="cg-source">({ui(props.locale, 'fromPortal')})</span>
      </output>
    </FieldShell>
  );
}
