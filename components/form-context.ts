// Field components read their field from context (TanStack Form's
// composition pattern), so the checklist form is generated, not hand-written.
import { createFormHookContexts } from '@tanstack/react-form';

export const { fieldContext, formContext, useFieldContext, useFormContext } = createFormHookContexts();

/**
 * How a control sets its answer: as TanStack's handleChange, minus its validation pass. The panel
 * declares no TanStack validators (the SDK judges the record), so that pass found nothing on every key.
 */
export const typed = { dontValidate: true } as const;
