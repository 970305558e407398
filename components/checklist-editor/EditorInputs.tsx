// The labelled controls the editor is built from (a line of text, a number, a
// choice from a list, a tick box), so every part of a checklist is edited with
// the same markup: the label wraps its control, and the control reports a value, not an event.
import type { ReactNode } from 'react';

export function TextInput({
  label,
  value,
  onChange,
  code = false,
  placeholder,
}: {
  label: string;
  value: string;
  onChange(next: string): void;
  /** An id or code rather than words: no spelling check. */
  code?: boolean;
  placeholder?: string;
}) {
  return (
    <label>
      {label}{' '}
      <input
        type="text"
        value={value}
        placeholder={placeholder}
        spellCheck={code ? false : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}

/** A number; an emptied box reports undefined. */
export function NumberInput({
  label,
  value,
  onChange,
  min,
}: {
  label: string;
  value: number | undefined;
  onChange(next: number | undefined): void;
  min?: number;
}) {
  return (
    <label>
      {label}{' '}
      <input
        type="number"
        min={min}
        value={value ?? ''}
        onChange={(event) => onChange(Number.isNaN(event.target.valueAsNumber) ? undefined : event.target.valueAsNumber)}
      />
    </label>
  );
}

/** One of a fixed list, each shown by `name`. */
export function ChoiceInput<T extends string>({
  label,
  value,
  choices,
  name,
  onChange,
}: {
  label: string;
  value: T;
  choices: readonly T[];
  name(choice: T): string;
  onChange(next: T): void;
}) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(event) => onChange(event.target.value as T)}>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {name(choice)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function CheckInput({ label, checked, onChange }: { label: ReactNode; checked: boolean; onChange(next: boolean): void }) {
  return (
    <label className="cg-ed-check">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      {label}
    </label>
  );
}
