// What the user just clicked in the portal, for them to confirm: the kind and
// widget recognised, the selectors proposed with how many elements each
// matches (and a button to outline them), and what the element holds: a
// checklist answer with its value map, the note, a read-only fact, a Save
// control, the saved confirmation, a list's rows or one of their cells.
import type { ElementKind, Widget } from '@chartguard/sdk';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ChoiceMap, DraftCell, DraftField } from '../../lib/adapter-draft';
import type { Pick } from '../../lib/builder-protocol';
import { suggestValue, suggestValueMap } from '../../lib/value-suggest';
import { AnswerPicker } from './AnswerPicker';
import { optionsFor, type AnswerChoice } from './answers';
import { builderText as t, type BuilderKey } from '../../i18n/builder';
import { ValueMapEditor } from './ValueMapEditor';

export type PickTarget = 'field' | 'save' | 'saved' | 'row' | 'cell';

export type PickResult =
  | { target: 'field'; field: DraftField }
  | { target: 'save'; selector: string }
  | { target: 'saved'; selector: string; text?: string }
  | { target: 'row'; rows: string; recordIdAttribute?: string }
  | { target: 'cell'; cell: DraftCell };

export interface PickReviewProps {
  pick: Pick;
  target: PickTarget;
  /** Widgets the page itself reports running on the control (the page-world probe). */
  confirmedWidgets: readonly string[];
  choices: readonly AnswerChoice[];
  /** Value maps already made on this adapter, to reuse for the same answer. */
  knownMaps: readonly { name: string; answers: string[]; choices: ChoiceMap }[];
  onHighlight(selector: string): Promise<number>;
  onDone(result: PickResult): void;
  onCancel(): void;
}

export const DATE_FORMATS = [
  'DD/MM/YYYY HH:mm',
  'DD/MM/YYYY',
  'YYYY-MM-DD HH:mm',
  'YYYY-MM-DD HH:mm:ss',
  'YYYY-MM-DD',
  'MM/DD/YYYY HH:mm',
  'MM/DD/YYYY',
  'DD.MM.YYYY HH:mm',
  'DD.MM.YYYY',
];

/** The portal's date format, guessed from what the element shows; day first where both readings fit. */
export function guessFormat(text: string): string | undefined {
  const value = text.trim();
  let match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(:\d{2})?)?$/.exec(value);
  if (match) return `YYYY-MM-DD${match[4] ? (match[6] ? ' HH:mm:ss' : ' HH:mm') : ''}`;
  match = /^(\d{2})([/.])(\d{2})\2(\d{4})(?: (\d{2}):(\d{2}))?$/.exec(value);
  if (match) {
    const monthFirst = Number(match[3]) > 12 && Number(match[1]) <= 12;
    const date = match[2] === '.' ? 'DD.MM.YYYY' : monthFirst ? 'MM/DD/YYYY' : 'DD/MM/YYYY';
    return `${date}${match[5] ? ' HH:mm' : ''}`;
  }
  return undefined;
}

/**
 * The word of a confirmation that says it saved ("Notes saved at 10:42" → "saved"): the same word shows
 * after a reload ("Saved") and after a save in place, where the whole text, with its time, would not.
 */
export function suggestSavedText(text: string): string {
  const word = /\b(saved|stored|updated|success\w*|recorded|submitted)\b/i.exec(text)?.[1];
  return word
    ? word.toLowerCase()
    : text
        .replace(/\d{1,2}:\d{2}(:\d{2})?/g, '')
        .replace(/\s+/g, ' ')
        .trim();
}

type Role = 'answer' | 'note' | 'fact';

function defaultRole(pick: Pick, target: PickTarget): Role {
  if (target === 'cell') return /note/i.test(pick.label) || pick.candidates[0]?.hidden ? 'note' : 'answer';
  if (pick.kind === 'static') return 'fact';
  if (['textarea', 'richtext', 'contenteditable'].includes(pick.kind)) return 'note';
  return 'answer';
}

function defaultAttribute(pick: Pick, selector: string): string {
  if (pick.kind !== 'static' && pick.mode !== 'cell') return '';
  // A list cell's attribute may be empty on the row clicked (an outcome not yet recorded) and set on others.
  const unused = pick.attributes.filter(
    (attribute) => !selector.includes(`[${attribute.name}`) && (attribute.value || pick.mode === 'cell'),
  );
  return (
    (unused.find((attribute) => attribute.name === 'datetime') ?? unused.find((attribute) => attribute.name.startsWith('data-')))?.name ??
    ''
  );
}

export function PickReview({ pick, target, confirmedWidgets, choices, knownMaps, onHighlight, onDone, onCancel }: PickReviewProps) {
  const id = useId();
  const [chosen, setChosen] = useState(0);
  const [highlighted, setHighlighted] = useState<number | null>(null);
  const [role, setRole] = useState<Role>(() => defaultRole(pick, target));
  const [name, setName] = useState(pick.label || pick.text.slice(0, 40));
  const [answers, setAnswers] = useState<string[]>([]);
  const [writeDifferent, setWriteDifferent] = useState(false);
  const [write, setWrite] = useState<string[]>([]);
  const selector = pick.candidates[chosen]?.selector ?? '';
  const [attribute, setAttribute] = useState(() => defaultAttribute(pick, pick.candidates[0]?.selector ?? ''));
  const [format, setFormat] = useState(() => (['date', 'datetime', 'static'].includes(pick.kind) ? (guessFormat(pick.text) ?? '') : ''));
  const [choicesMap, setChoicesMap] = useState<ChoiceMap | null>(null);
  const [checked, setChecked] = useState(false);
  const [savedText, setSavedText] = useState(() => suggestSavedText(pick.text));
  const [idAttribute, setIdAttribute] = useState(pick.row?.idAttributes[0]?.name ?? '');
  const heading = useRef<HTMLHeadingElement>(null);
  // A pick made from the builder (by keyboard) lands the focus on what was picked; a click in the portal leaves it there.
  useEffect(() => {
    if (document.hasFocus()) heading.current?.focus();
  }, []);

  const widget = (pick.widget ?? confirmedWidgets[0]) as Widget | undefined;
  const kind = pick.kind as ElementKind;
  // A checkbox read as a choice (urgent risks identified / none) has two portal values, ticked and not: offered as options, not typed.
  const portalOptions = useMemo(
    () =>
      pick.options.length || kind !== 'checkbox'
        ? pick.options
        : [
            { value: 'true', label: t('checkboxTicked') },
            { value: 'false', label: t('checkboxUnticked') },
          ],
    [pick.options, kind],
  );
  const checklistOptions = role === 'note' ? undefined : optionsFor(choices, answers);
  // A map made for the same answer, or for an answer with the very same checklist values (a preferred contact
  // method read as the contact method's codes), is offered again rather than typed a second time.
  const sameValues = (known: { answers: string[] }) => {
    const theirs = optionsFor(choices, known.answers)?.map((option) => option.value);
    const ours = checklistOptions?.map((option) => option.value);
    return Boolean(theirs && ours && theirs.length === ours.length && theirs.every((value) => ours.includes(value)));
  };
  const reused =
    knownMaps.find((known) => known.answers.some((answer) => answers.includes(answer))) ??
    (answers.length ? knownMaps.find(sameValues) : undefined);
  const suggested = useMemo<ChoiceMap>(() => {
    if (!checklistOptions) return {};
    if (reused) return reused.choices;
    if (portalOptions.length) {
      const byLabel = suggestValueMap(
        portalOptions.map((option) => option.label),
        checklistOptions,
      );
      return Object.fromEntries(portalOptions.flatMap((option) => (byLabel[option.label] ? [[option.value, byLabel[option.label]!]] : [])));
    }
    const shown = attribute ? (pick.attributes.find((item) => item.name === attribute)?.value ?? '') : pick.text;
    const value = shown ? suggestValue(shown, checklistOptions) : undefined;
    return value ? { [shown]: value } : {};
  }, [checklistOptions, reused, pick, portalOptions, attribute]);
  const map = choicesMap ?? suggested;
  const needsMap = Boolean(checklistOptions && role !== 'note');

  const kindText = t(`kind_${pick.kind}` as BuilderKey);
  const widgetText = widget ? ` (${widget})` : '';
  const show = async (candidate: string) => setHighlighted(await onHighlight(candidate));

  const sample = attribute ? (pick.attributes.find((item) => item.name === attribute)?.value ?? '') : pick.text;
  const finish = () => {
    if (target === 'save') return onDone({ target, selector });
    if (target === 'saved') return onDone({ target, selector, ...(savedText ? { text: savedText } : {}) });
    if (target === 'row') return onDone({ target, rows: selector, ...(idAttribute ? { recordIdAttribute: idAttribute } : {}) });
    const values = needsMap && Object.keys(map).length ? map : undefined;
    if (target === 'cell') {
      return onDone({
        target,
        cell: {
          name,
          selector,
          ...(attribute ? { attribute } : {}),
          ...(role === 'note' ? { note: true } : {}),
          answers: role === 'note' ? [] : answers,
          ...(values ? { choices: values } : {}),
        },
      });
    }
    const rich = kind === 'richtext' || kind === 'contenteditable';
    const field: DraftField = {
      name,
      selector,
      kind,
      ...(widget ? { widget } : {}),
      ...(attribute ? { attribute } : {}),
      ...(format && (kind !== 'static' || !attribute) ? { format } : {}),
      ...(role === 'note' ? { note: true, ...(rich ? { html: true } : {}) } : {}),
      answers: role === 'note' ? [] : answers,
      ...(role === 'fact' && kind !== 'static' ? { write: [] } : writeDifferent && role === 'answer' ? { write } : {}),
      ...(values ? { choices: values } : {}),
      ...(sample ? { sample: sample.slice(0, 80) } : {}),
    };
    onDone({ target, field });
  };
  const ready =
    Boolean(selector) &&
    (target === 'save' ||
      target === 'saved' ||
      target === 'row' ||
      ((role === 'note' || answers.length > 0) && Boolean(name.trim()) && (!needsMap || checked)));

  return (
    <section className="cg-pb-pick" aria-labelledby={`${id}-heading`} data-testid="pick-review">
      <h3 id={`${id}-heading`} ref={heading} tabIndex={-1}>
        {t('pickedHeading', { label: pick.label || selector })}
      </h3>
      {pick.shadowHost ? <p className="cg-pb-hint">{t('inShadowRoot', { host: pick.shadowHost })}</p> : null}
      {target === 'field' ? (
        <p data-testid="recognised">
          {t('recognisedAs', { kind: kindText, widget: widgetText })}
          {confirmedWidgets.length ? t('widgetConfirmed', { widget: confirmedWidgets.join(', ') }) : ''}
        </p>
      ) : null}
      <fieldset>
        <legend>{t('selectorsLegend')}</legend>
        {pick.candidates.map((candidate, index) => (
          <div className="cg-pb-candidate" key={candidate.selector}>
            <input
              type="radio"
              id={`${id}-c${index}`}
              name={`${id}-candidate`}
              checked={index === chosen}
              onChange={() => setChosen(index)}
            />
            <label htmlFor={`${id}-c${index}`}>
              <code>{candidate.selector}</code>{' '}
              <span className="cg-pb-count">
                {target === 'cell' ? t('matches', { count: candidate.count }) : t('matches', { count: candidate.count })}
              </span>
              {candidate.hidden ? <em> · {t('hiddenCandidate')}</em> : null}
            </label>{' '}
            <button type="button" aria-label={`${t('show')} ${candidate.selector}`} onClick={() => void show(candidate.selector)}>
              {t('show')}
            </button>
          </div>
        ))}
        {highlighted !== null ? <p role="status">{t('highlighted', { count: highlighted })}</p> : null}
      </fieldset>
      {target === 'row' && pick.row ? (
        <div className="cg-pb-row">
          <label htmlFor={`${id}-idattr`}>{t('idAttribute')}</label>
          <select id={`${id}-idattr`} value={idAttribute} onChange={(event) => setIdAttribute(event.target.value)}>
            <option value="">—</option>
            {pick.row.idAttributes.map((item) => (
              <option key={item.name} value={item.name}>
                {item.name} (“{item.sample}”)
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {target === 'saved' ? (
        <div className="cg-pb-row">
          <label htmlFor={`${id}-savedtext`}>{t('savedText')}</label>
          <input id={`${id}-savedtext`} value={savedText} onChange={(event) => setSavedText(event.target.value)} />
        </div>
      ) : null}
      {target === 'field' || target === 'cell' ? (
        <>
          <div className="cg-pb-row">
            <label htmlFor={`${id}-name`}>{t('fieldName')}</label>
            <input id={`${id}-name`} value={name} onChange={(event) => setName(event.target.value)} />
          </div>
          <fieldset>
            <legend>{t('roleLegend')}</legend>
            {(target === 'cell' ? (['answer', 'note'] as const) : (['answer', 'note', 'fact'] as const)).map((option) => (
              <label key={option} className="cg-pb-choice">
                <input type="radio" name={`${id}-role`} value={option} checked={role === option} onChange={() => setRole(option)} />{' '}
                {t(option === 'answer' ? 'roleAnswer' : option === 'note' ? 'roleNote' : 'roleFact')}
              </label>
            ))}
          </fieldset>
          {role !== 'note' ? <AnswerPicker legend={t('answersLegend')} choices={choices} value={answers} onChange={setAnswers} /> : null}
          {role === 'answer' && target === 'field' ? (
            <>
              <label className="cg-pb-choice">
                <input type="checkbox" checked={writeDifferent} onChange={(event) => setWriteDifferent(event.target.checked)} />{' '}
                {t('writeDifferent')}
              </label>
              {writeDifferent ? <AnswerPicker legend={t('writeLegend')} choices={choices} value={write} onChange={setWrite} /> : null}
            </>
          ) : null}
          {(pick.kind === 'static' || target === 'cell') && pick.attributes.length ? (
            <div className="cg-pb-row">
              <label htmlFor={`${id}-attr`}>{t('readFrom')}</label>
              <select id={`${id}-attr`} value={attribute} onChange={(event) => setAttribute(event.target.value)}>
                <option value="">{t('itsText')}</option>
                {pick.attributes.map((item) => (
                  <option key={item.name} value={item.name}>
                    {t('attribute', { name: item.name, value: item.value })}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {target === 'field' &&
          (['date', 'datetime'].includes(pick.kind) || (pick.kind === 'static' && !attribute && guessFormat(pick.text))) ? (
            <div className="cg-pb-row">
              <label htmlFor={`${id}-format`}>{t('format')}</label>
              <select id={`${id}-format`} value={format} onChange={(event) => setFormat(event.target.value)}>
                <option value="">{t('formatNative')}</option>
                {DATE_FORMATS.map((item) => (
                  <option key={item} value={item}>
                    {item}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {needsMap && checklistOptions ? (
            <>
              {reused ? <p className="cg-pb-hint">{t('sameValues', { name: reused.name })}</p> : null}
              <ValueMapEditor portalOptions={portalOptions} checklistOptions={checklistOptions} choices={map} onChange={setChoicesMap} />
              <label className="cg-pb-choice">
                <input type="checkbox" checked={checked} onChange={(event) => setChecked(event.target.checked)} /> {t('valuesChecked')}
              </label>
            </>
          ) : null}
        </>
      ) : null}
      <div className="cg-pb-row">
        <button type="button" className="cg-pb-primary" disabled={!ready} onClick={finish}>
          {t(
            target === 'field'
              ? 'addField'
              : target === 'save'
                ? 'addSave'
                : target === 'saved'
                  ? 'useSaved'
                  : target === 'row'
                    ? 'useRows'
                    : 'addCell',
          )}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </section>
  );
}
