// Field components read their field from context (TanStack Form's
// composition pattern), so the checklist form is generated, not hand-written.
import { createFormHookContexts } from '@tanstack/react-form';

export const { fieldContext, formContext, useFieldContext, useFormContext } = createFormHookContexts();

/**
 * How a control sets its answer: as TanStack's handleChange, minus its validation pass (the panel declares no
 * TanStack validators; the SDK judges the record), and minus the write of the field's meta once it is touched
 * and changed, which would set the same flags again on every key.
 */
export const typed = (meta: { isTouched: boolean; isDirty: boolean }) =>
  ({ dontValidate: true, dontUpdateMeta: meta.isTouched && meta.isDirty }) as const;
