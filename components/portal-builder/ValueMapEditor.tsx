// The value map of a choice element, built from the widget's own options:
// each portal option with the checklist value suggested by its label, for
// the user to check; for a fact the portal shows as text, the portal's text
// for each checklist value.
import { useId } from 'react';
import type { ChoiceMap } from '../../lib/adapter-draft';
import type { ChoiceOption } from '../../lib/value-suggest';
import { builderText as t } from '../../i18n/builder';

export interface ValueMapEditorProps {
  /** The portal's own options (value submitted, label shown); empty for a fact shown as text. */
  portalOptions: readonly { value: string; label: string }[];
  checklistOptions: readonly ChoiceOption[];
  choices: ChoiceMap;
  onChange(next: ChoiceMap): void;
}

export function ValueMapEditor({ portalOptions, checklistOptions, choices, onChange }: ValueMapEditorProps) {
  const id = useId();
  const labelOf = (option: ChoiceOption) => option.labels[0] ?? option.value;
  if (portalOptions.length) {
    return (
      <fieldset className="cg-pb-values">
        <legend>{t('valueMapHeading')}</legend>
        <p className="cg-pb-hint">{t('valueMapHint')}</p>
        {portalOptions.map((option, index) => (
          <div className="cg-pb-row" key={option.value}>
            <label htmlFor={`${id}-${index}`}>{t('portalOption', { label: option.label })}</label>
            <select
              id={`${id}-${index}`}
              data-portal-value={option.value}
              value={choices[option.value] ?? ''}
              onChange={(event) => {
                const next = { ...choices };
                if (event.target.value) next[option.value] = event.target.value;
                else delete next[option.value];
                onChange(next);
              }}
            >
              <option value="">{t('notMapped')}</option>
              {checklistOptions.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {labelOf(choice)} ({choice.value})
                </option>
              ))}
            </select>
          </div>
        ))}
      </fieldset>
    );
  }
  // A fact shown as text: the portal's wording for each checklist value.
  const labelFor = (value: string) => Object.entries(choices).find(([, mapped]) => mapped === value)?.[0] ?? '';
  return (
    <fieldset className="cg-pb-values">
      <legend>{t('valueMapHeading')}</legend>
      <p className="cg-pb-hint">{t('valueMapHint')}</p>
      {checklistOptions.map((choice, index) => (
        <div className="cg-pb-row" key={choice.value}>
          <label htmlFor={`${id}-${index}`}>{t('portalLabelFor', { label: labelOf(choice) })}</label>
          <input
            id={`${id}-${index}`}
            data-checklist-value={choice.value}
            value={labelFor(choice.value)}
            onChange={(event) => {
              const next = Object.fromEntries(Object.entries(choices).filter(([, mapped]) => mapped !== choice.value));
              if (event.target.value) next[event.target.value] = choice.value;
              onChange(next);
            }}
          />
        </div>
      ))}
    </fieldset>
  );
}
