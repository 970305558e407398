// Which checklists a page offers, ticked from the ones Chartguard has: the
// same choice for a record page and for a list page's grading.
import type { Checklist } from '@chartguard/sdk';
import { builderText as t } from '../../i18n/builder';

export function ChecklistChoices({
  catalogue,
  chosen,
  onChange,
}: {
  catalogue: readonly Checklist[];
  chosen: readonly string[];
  onChange(next: string[]): void;
}) {
  return (
    <fieldset>
      <legend>{t('checklistsHeading')}</legend>
      {catalogue.map((checklist) => (
        <label key={checklist.id} className="cg-pb-choice">
          <input
            type="checkbox"
            checked={chosen.includes(checklist.id)}
            onChange={(event) =>
              onChange(event.target.checked ? [...chosen, checklist.id] : chosen.filter((item) => item !== checklist.id))
            }
          />{' '}
          {checklist.title.en} ({checklist.id})
        </label>
      ))}
    </fieldset>
  );
}
