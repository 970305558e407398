// A value the portal (or the clock) supplies: shown so the user sees what the
// rules are judged on, never typed.
import { displayAnswer } from './display-answer';
import { FieldShell } from './FieldShell';
import { inputId, type ChecklistFieldProps } from './field-props';
import { useFieldContext } from './form-context';
import { ui } from '../i18n/panel';

export function ReadOnlyField(props: ChecklistFieldProps) {
  const field = useFieldContext<unknown>();
  const text = displayAnswer(props.def, field.state.value, props.locale);
  return (
    <FieldShell {...props}>
      <output id={inputId(props.def.id)} className="cg-readonly" tabIndex={0}>
        {text} <span className="cg-source">({ui(props.locale, 'fromPortal')})</span>
      </output>
    </FieldShell>
  );
}
