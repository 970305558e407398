// Field components read their field from context (TanStack Form's
// composition pattern), so the checklist form is generated, not hand-written.
import { createFormHookContexts } from '@tanstack/react-form';

export const { fieldContext, formContext, useFieldContext, useFormContext } = createFormHookContexts();
