// One rule: its catalogue id, severity, plain-words summary, when it applies,
// what it requires or expects, and, for a follow-up, when it is due.
import { SEVERITIES, type Locale, type Severity } from '@chartguard/sdk';
import { dueKind, dueTime, fieldsOf, moveRule, removeRule, updateRule, type Draft, type DueKind } from '../../lib/checklist-draft';
import type { EditorText } from '../../i18n/editor';
import { CheckInput, ChoiceInput, NumberInput, TextInput } from './EditorInputs';
import { FieldPicker, fieldName } from './FieldPicker';
import { LocalizedTextInput } from './LocalizedTextInput';
import { MoveButtons } from './MoveButtons';
import { OptionalCondition } from './OptionalCondition';

export interface RuleEditorProps {
  draft: Draft;
  r: number;
  onDraft(next: Draft): void;
  locale: Locale;
  t: EditorText;
}

const DUE_KINDS: readonly DueKind[] = ['hours', 'endOfDay', 'workingDays'];

export function RuleEditor({ draft, r, onDraft, locale, t }: RuleEditorProps) {
  const rule = draft.rules[r]!;
  const n = r + 1;
  const fields = fieldsOf(draft);
  const timed = fields.filter((field) => field.type === 'date' || field.type === 'datetime');
  const set = (patch: Parameters<typeof updateRule>[2]) => onDraft(updateRule(draft, r, patch));
  const what = t('rule', { n });
  const due = rule.due;
  const setSeverity = (severity: Severity) => {
    const first = timed[0];
    set({ severity, ...(severity === 'follow-up' && !rule.due && first ? { due: dueTime([first.id], 'hours', 24) } : {}) });
  };
  return (
    <li className="cg-ed-rule" data-editor-rule={r}>
      <fieldset>
        <legend>
          {what}: {rule.id || '…'}
        </legend>
        <MoveButtons
          what={what}
          index={r}
          count={draft.rules.length}
          onMove={(delta) => onDraft(moveRule(draft, r, delta))}
          onRemove={() => onDraft(removeRule(draft, r))}
          removeLabel={t('removeRule', { n })}
          t={t}
        />
        <div className="cg-ed-row">
          <TextInput
            label={t('ruleId', { n })}
            value={rule.id}
            placeholder="ABC-01"
            code
            onChange={(id) => set({ id: id.toUpperCase() })}
          />
          <ChoiceInput
            label={t('ruleSeverity', { n })}
            value={rule.severity}
            choices={SEVERITIES}
            name={(severity) => t(`severity_${severity}`)}
            onChange={setSeverity}
          />
        </div>
        <LocalizedTextInput label={t('ruleSummary', { n })} value={rule.summary} onChange={(summary) => set({ summary })} t={t} multiline />
        <OptionalCondition
          label={t('ruleWhen', { n })}
          condition={rule.when}
          onChange={(when) => set({ when })}
          fields={fields}
          locale={locale}
          t={t}
          emptyHint={t('needsField')}
        />
        <FieldPicker
          legend={t('ruleRequires', { n })}
          fields={fields}
          selected={rule.requires ?? []}
          onChange={(requires) => set({ requires })}
          locale={locale}
        />
        <FieldPicker
          legend={t('ruleSuggests', { n })}
          fields={fields}
          selected={rule.suggests ?? []}
          onChange={(suggests) => set({ suggests })}
          locale={locale}
        />
        <OptionalCondition
          label={t('ruleExpect', { n })}
          condition={rule.expect}
          onChange={(expect) =>
            set({ expect, ...(expect ? {} : { expectField: undefined, message: undefined, judgeUnanswered: undefined }) })
          }
          fields={fields}
          locale={locale}
          t={t}
          emptyHint={t('needsField')}
        />
        {rule.expect ? (
          <>
            <label>
              {t('ruleExpectField', { n })}{' '}
              <select value={rule.expectField ?? ''} onChange={(event) => set({ expectField: event.target.value || undefined })}>
                <option value="">{t('none')}</option>
                {fields.map((field) => (
                  <option key={field.id} value={field.id}>
                    {fieldName(field, locale)}
                  </option>
                ))}
              </select>
            </label>
            <CheckInput
              label={t('ruleJudgeUnanswered', { n })}
              checked={rule.judgeUnanswered === true}
              onChange={(judgeUnanswered) => set({ judgeUnanswered: judgeUnanswered || undefined })}
            />
            <LocalizedTextInput
              label={t('ruleMessage', { n })}
              value={rule.message}
              onChange={(message) => set({ message })}
              t={t}
              multiline
            />
          </>
        ) : null}
        {rule.severity === 'follow-up' ? (
          <fieldset className="cg-ed-due">
            <legend>{t('ruleDue', { n })}</legend>
            {due ? (
              <>
                <FieldPicker
                  legend={`${t('ruleDueFrom', { n })} ${t('firstAnswered')}`}
                  fields={timed}
                  selected={due.from}
                  onChange={(from) => set({ due: { ...due, from } })}
                  locale={locale}
                />
                <ChoiceInput
                  label={t('ruleDueKind', { n })}
                  value={dueKind(due)}
                  choices={DUE_KINDS}
                  name={(kind) => t(`due_${kind}`)}
                  onChange={(kind) => set({ due: dueTime(due.from, kind, due.hours ?? due.workingDays ?? 24) })}
                />
                {dueKind(due) === 'endOfDay' ? null : (
                  <NumberInput
                    label={t('ruleDueAmount', { n })}
                    min={dueKind(due) === 'hours' ? 0 : 1}
                    value={due.hours ?? due.workingDays ?? 0}
                    onChange={(amount) => set({ due: dueTime(due.from, dueKind(due), amount ?? 0) })}
                  />
                )}
              </>
            ) : timed.length ? (
              // No due time yet (the rule became a follow-up before any date question existed): ticking one starts it.
              <FieldPicker
                legend={`${t('ruleDueFrom', { n })} ${t('firstAnswered')}`}
                fields={timed}
                selected={[]}
                onChange={(from) => set({ due: dueTime(from, 'hours', 24) })}
                locale={locale}
              />
            ) : (
              <p className="cg-ed-hint">
                {t('type_date')} / {t('type_datetime')}: {t('needsField')}
              </p>
            )}
          </fieldset>
        ) : null}
      </fieldset>
    </li>
  );
}
