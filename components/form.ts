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

/**
 * Gives every question in `fieldIds` that the form has no meta for yet TanStack's default meta, in one store update.
 * A field mounting without meta writes its own, and each write re-derives the form's meta over every field, so a
 * checklist's first mount cost a derivation per question, over all of them (docs/performance.md, "first form mount").
 */
export function seedFieldMeta(form: PanelForm, fieldIds: readonly string[]) {
  const known = form.state.fieldMeta as Record<string, unknown>;
  const missing = fieldIds.filter((id) => known[id] === undefined);
  if (!missing.length) return;
  const defaults = form.resetFieldMeta(Object.fromEntries(missing.map((id) => [id, undefined])) as never);
  form.baseStore.setState((state) => ({ ...state, fieldMetaBase: { ...defaults, ...state.fieldMetaBase } }));
}
