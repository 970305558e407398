// The checklist answers an element can be mapped to, from the checklists the
// page offers: each with its label and, for choices, the values a portal's
// options must be mapped to (attendance uses the shared attendance codes).
import { allFields, ATTENDANCE_CODES, ATTENDANCE_LABELS, type Checklist } from '@chartguard/sdk';
import type { ChoiceOption } from '../../lib/value-suggest';

export interface AnswerChoice {
  id: string;
  label: string;
  checklist: string;
  options?: ChoiceOption[];
}

export function answerChoices(catalogue: readonly Checklist[], checklistIds: readonly string[]): AnswerChoice[] {
  const chosen = catalogue.filter((checklist) => checklistIds.includes(checklist.id));
  const seen = new Map<string, AnswerChoice>();
  for (const checklist of chosen) {
    {
      for (const field of allFields(checklist)) {
        if (seen.has(field.id)) continue;
        const options =
          field.type === 'attendance'
            ? ATTENDANCE_CODES.map((code) => ({ value: code, labels: Object.values(ATTENDANCE_LABELS[code]) }))
            : field.options?.map((option) => ({ value: option.value, labels: Object.values(option.label) }));
        seen.set(field.id, { id: field.id, label: field.label.en, checklist: checklist.id, ...(options ? { options } : {}) });
      }
    }
  }
  return [...seen.values()];
}

export function optionsFor(choices: readonly AnswerChoice[], answers: readonly string[]): ChoiceOption[] | undefined {
  for (const answer of answers) {
    const found = choices.find((choice) => choice.id === answer)?.options;
    if (found) return found;
  }
  return undefined;
}
