// One option from a list: radio buttons while the list is short enough to
// scan, a select when it is not.
import { localize } from '@chartguard/sdk';
import { FieldShell, describedBy, textOrNothing, useFieldControl } from './FieldShell';
import { inputId, labelId, type ChecklistFieldProps } from './field-props';
import { typed } from './form-context';
import { ui } from '../i18n/panel';

const RADIO_LIMIT = 4;

export function ChoiceField(props: ChecklistFieldProps) {
  const { field, control } = useFieldControl(props, textOrNothing);
  const options = props.def.options ?? [];
  const invalid = props.holding.length > 0;
  if (options.length <= RADIO_LIMIT) {
    return (
      <FieldShell {...props} group>
        <div
          role="radiogroup"
          aria-labelledby={labelId(props.def.id)}
          aria-describedby={describedBy(props)}
          aria-required={props.required}
          aria-invalid={invalid}
          id={inputId(props.def.id)}
          tabIndex={-1}
        >
          {options.map((option) => (
            <label key={option.value} className="cg-option">
              <input
                type="radio"
                name={props.def.id}
                value={option.value}
                checked={field.state.value === option.value}
                onChange={() => field.setValue(option.value, typed(field.state.meta))}
                onBlur={field.handleBlur}
              />
              {localize(option.label, props.locale)}
            </label>
          ))}
        </div>
      </FieldShell>
    );
  }
  return (
    <FieldShell {...props}>
      <select {...control}>
        <option value="">{ui(props.locale, 'choose')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {localize(option.label, props.locale)}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
