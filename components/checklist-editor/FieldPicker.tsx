// A set of questions chosen by ticking them (what a rule requires, what a
// due time runs from): ids are picked from the checklist, never typed.
import { localize, type ChecklistField, type Locale } from '@chartguard/sdk';

export interface FieldPickerProps {
  legend: string;
  fields: readonly ChecklistField[];
  selected: readonly string[];
  onChange(next: string[]): void;
  locale: Locale;
}

export const fieldName = (field: ChecklistField, locale: Locale) => `${localize(field.label, locale).trim() || field.id} (${field.id})`;

export function FieldPicker({ legend, fields, selected, onChange, locale }: FieldPickerProps) {
  const toggle = (id: string, on: boolean) =>
    onChange(
      on
        ? fields.map((field) => field.id).filter((fieldId) => fieldId === id || selected.includes(fieldId))
        : selected.filter((item) => item !== id),
    );
  // Picked ids no question has any more (renamed elsewhere, removed) stay visible so validation's complaint can be traced.
  const dangling = selected.filter((id) => !fields.some((field) => field.id === id));
  return (
    <fieldset className="cg-ed-picker">
      <legend>{legend}</legend>
      {fields.map((field) => (
        <label key={field.id} className="cg-ed-check">
          <input type="checkbox" checked={selected.includes(field.id)} onChange={(event) => toggle(field.id, event.target.checked)} />
          {fieldName(field, locale)}
        </label>
      ))}
      {dangling.map((id) => (
        <label key={id} className="cg-ed-check cg-ed-dangling">
          <input type="checkbox" checked onChange={() => onChange(selected.filter((item) => item !== id))} />
          {id}
        </label>
      ))}
    </fieldset>
  );
}
