// The frame around every question: label, required marker, help, and the
// rule-named issues, wired to the control for screen readers.
import { localize } from '@chartguard/sdk';
import type { ReactNode } from 'react';
import { issuesId, inputId, labelId, type ChecklistFieldProps } from './field-props';
import { typed, useFieldContext } from './form-context';
import { ui } from '../i18n/panel';

export function FieldShell({
  def,
  locale,
  issues,
  holding,
  required,
  children,
  group = false,
}: ChecklistFieldProps & { children: ReactNode; group?: boolean }) {
  const label = localize(def.label, locale);
  const marker = required ? (
    <span className="cg-required" aria-label={ui(locale, 'required')} title={ui(locale, 'required')}>
      {' *'}
    </span>
  ) : null;
  const help = def.help ? (
    <p className="cg-help" id={`${inputId(def.id)}-help`}>
      {localize(def.help, locale)}
    </p>
  ) : null;
  const issueList = (
    <ul className="cg-field-issues" id={issuesId(def.id)} aria-live="polite">
      {issues.map((issue) => (
        <li key={`${issue.ruleId}-${issue.code}`} className={holding.includes(issue) ? 'cg-error' : 'cg-warning'}>
          <span className="cg-rule">{issue.ruleId}</span> {issue.message}
        </li>
      ))}
    </ul>
  );
  const className = `cg-field${holding.length > 0 ? ' cg-field-invalid' : ''}`;
  if (group) {
    return (
      <fieldset className={className} data-field={def.id}>
        <legend id={labelId(def.id)}>
          {label}
          {marker}
        </legend>
        {help}
        {children}
        {issueList}
      </fieldset>
    );
  }
  return (
    <div className={className} data-field={def.id}>
      <label htmlFor={inputId(def.id)} id={labelId(def.id)}>
        {label}
        {marker}
      </label>
      {help}
      {children}
      {issueList}
    </div>
  );
}

export function describedBy(props: ChecklistFieldProps): string {
  return [props.def.help ? `${inputId(props.def.id)}-help` : '', issuesId(props.def.id)].filter(Boolean).join(' ');
}

/**
 * The field from context, and what its one control carries wherever it is drawn: its id and name, the answer as
 * shown, a change read into an answer (`read` turns the control's text into it), and the screen-reader wiring.
 */
export function useFieldControl<T extends string | number>(props: ChecklistFieldProps, read: (text: string) => T | undefined) {
  const field = useFieldContext<T | undefined>();
  const control = {
    id: inputId(props.def.id),
    name: props.def.id,
    value: field.state.value ?? '',
    onChange: (event: { target: { value: string } }) => field.setValue(read(event.target.value), typed(field.state.meta)),
    onBlur: field.handleBlur,
    'aria-describedby': describedBy(props),
    'aria-required': props.required,
    'aria-invalid': props.holding.length > 0,
  };
  return { field, control };
}

/** A cleared control leaves the question unanswered. */
export const textOrNothing = (text: string) => text || undefined;
