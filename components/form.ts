// The panel's form hook: one field component per answer type.
import { createFormHook } from '@tanstack/react-form';
import { AttendanceField } from './AttendanceField';
import { BooleanField } from './BooleanField';
import { ChoiceField } from './ChoiceField';
import { DateTimeField } from './DateTimeField';
import { fieldContext, formContext } from './form-context';
import { MultiChoiceField } from './MultiChoiceField';
import { NumberField } from './NumberField';
import { ReadOnlyField } from './ReadOnlyField';
import { TextField } from './TextField';

export const { useAppForm } = createFormHook({
  fieldContext,
  formContext,
  fieldComponents: { TextField, ChoiceField, MultiChoiceField, BooleanField, DateTimeField, NumberField, AttendanceField, ReadOnlyField },
  formComponents: {},
});

/** The panel's form: answers keyed by checklist field id, shared across checklists so switching keeps them. */
export function usePanelForm(defaultValues: Record<string, unknown>) {
  return useAppForm({ defaultValues });
}
export type PanelForm = ReturnType<typeof usePanelForm>;
