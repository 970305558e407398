// Chooses the checklist answers an element carries: from the page's
// checklists by menu, or by name for a fact the portal shows that no
// checklist asks (an appointment type a suggestion reads).
import { useId, useState } from 'react';
import type { AnswerChoice } from './answers';
import { builderText as t } from '../../i18n/builder';

export interface AnswerPickerProps {
  legend: string;
  choices: readonly AnswerChoice[];
  value: string[];
  onChange(next: string[]): void;
}

const OTHER = '__other__';

export function AnswerPicker({ legend, choices, value, onChange }: AnswerPickerProps) {
  const id = useId();
  const [selected, setSelected] = useState('');
  const [other, setOther] = useState('');
  const add = () => {
    const answer = selected === OTHER ? other.trim() : selected;
    if (!answer || value.includes(answer)) return;
    onChange([...value, answer]);
    setSelected('');
    setOther('');
  };
  const byChecklist = [...new Set(choices.map((choice) => choice.checklist))];
  return (
    <fieldset className="cg-pb-answers">
      <legend>{legend}</legend>
      <ul className="cg-pb-chips">
        {value.map((answer) => (
          <li key={answer}>
            <code>{answer}</code>{' '}
            <button type="button" onClick={() => onChange(value.filter((item) => item !== answer))}>
              {t('removeAnswer', { answer })}
            </button>
          </li>
        ))}
      </ul>
      <div className="cg-pb-row">
        <label htmlFor={`${id}-answer`}>{t('answerChoice')}</label>
        <select id={`${id}-answer`} value={selected} onChange={(event) => setSelected(event.target.value)}>
          <option value="">—</option>
          {byChecklist.map((checklist) => (
            <optgroup key={checklist} label={checklist}>
              {choices
                .filter((choice) => choice.checklist === checklist)
                .map((choice) => (
                  <option key={choice.id} value={choice.id}>
                    {choice.label} ({choice.id})
                  </option>
                ))}
            </optgroup>
          ))}
          <option value={OTHER}>{t('otherAnswer')}</option>
        </select>
        {selected === OTHER ? (
          <>
            <label htmlFor={`${id}-other`}>{t('otherAnswerName')}</label>
            <input id={`${id}-other`} value={other} pattern="[A-Za-z][A-Za-z0-9]*" onChange={(event) => setOther(event.target.value)} />
          </>
        ) : null}
        <button type="button" onClick={add} disabled={!selected || (selected === OTHER && !/^[A-Za-z][A-Za-z0-9]*$/.test(other.trim()))}>
          {t('addAnswer')}
        </button>
      </div>
    </fieldset>
  );
}
