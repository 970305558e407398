// What every checklist field component is told besides its form field.
import type { ChecklistField, Issue, Locale } from '@chartguard/sdk';

export interface ChecklistFieldProps {
  def: ChecklistField;
  locale: Locale;
  /** Issues about this field, shown inline with their rule ids. */
  issues: Issue[];
  required: boolean;
}

export const inputId = (fieldId: string) => `cg-field-${fieldId}`;
export const issuesId = (fieldId: string) => `cg-issues-${fieldId}`;
