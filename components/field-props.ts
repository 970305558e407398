// What every checklist field component is told besides its form field.
import type { ChecklistField, Issue, Locale } from '@chartguard/sdk';

export interface ChecklistFieldProps {
  def: ChecklistField;
  locale: Locale;
  /** Issues about this field, shown inline with their rule ids. */
  issues: Issue[];
  /** Those of `issues` that hold Save (the evaluation's `blocking`): the field is marked invalid by these alone. */
  holding: readonly Issue[];
  required: boolean;
  /** The values the portal can hold for this answer, when it limits them (e.g. its attendance options). */
  allowed?: readonly string[];
}

export const inputId = (fieldId: string) => `cg-field-${fieldId}`;
export const issuesId = (fieldId: string) => `cg-issues-${fieldId}`;
/** The question's label (a legend for groups), so a radio group can be named by it. */
export const labelId = (fieldId: string) => `cg-label-${fieldId}`;
