// The checklist editor: the checklist's details, sections and questions,
// rules, deadline and attention triggers on one side; the SDK's verdict and a
// live preview of the panel, the note and the rules that fire on the other.
import { LOCALES, type Checklist, type Locale } from '@chartguard/sdk';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import {
  addRule,
  addSection,
  fieldsOf,
  newDraft,
  readDraftFile,
  toChecklistData,
  validateDraft,
  type Draft,
} from '../../lib/checklist-draft';
import { AttentionEditor } from './AttentionEditor';
import { ChecklistPreview } from './ChecklistPreview';
import { DeadlineEditor } from './DeadlineEditor';
import { NumberInput, TextInput } from './EditorInputs';
import { editorText } from '../../i18n/editor';
import { changeThenFocus } from './focus-after';
import { LocalizedTextInput } from './LocalizedTextInput';
import { ProblemList } from './ProblemList';
import { RuleEditor } from './RuleEditor';
import { SectionEditor } from './SectionEditor';

export interface ChecklistEditorProps {
  /** The editor's own language. */
  locale: Locale;
  /** Checklists already in Chartguard, to start from. */
  catalogue?: readonly Checklist[];
  initial?: Draft;
  /** Stores a valid checklist where the panel finds it; rejects with a reason when it could not. */
  onSave(checklist: Checklist): Promise<void>;
  onExport(fileName: string, data: unknown): void;
  now?: () => Date;
}

const systemClock = () => new Date();

export function ChecklistEditor({ locale, catalogue = [], initial, onSave, onExport, now = systemClock }: ChecklistEditorProps) {
  const t = editorText(locale);
  const [draft, setDraft] = useState<Draft>(() => initial ?? newDraft());
  const [previewLocale, setPreviewLocale] = useState<Locale>(locale);
  const [notice, setNotice] = useState<{ text: string; ok: boolean } | null>(null);
  const [startFrom, setStartFrom] = useState('');
  const verdict = useMemo(() => validateDraft(draft), [draft]);
  // The preview keeps showing the last valid version while the draft is mid-edit.
  const lastValid = useRef<Checklist | undefined>(undefined);
  if (verdict.checklist) lastValid.current = verdict.checklist;
  const shown = verdict.checklist ?? lastValid.current;

  const edit = (next: Draft) => {
    setNotice(null);
    setDraft(next);
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const read = readDraftFile(await file.text());
    if ('error' in read) setNotice({ text: t('importFailed', { reason: read.error }), ok: false });
    else {
      setDraft(read.draft);
      setNotice({ text: t('imported', { name: file.name }), ok: true });
    }
  };

  const save = async () => {
    if (!verdict.checklist) {
      setNotice({ text: t('fixFirst'), ok: false });
      return;
    }
    const checklist = verdict.checklist;
    try {
      await onSave(checklist);
      setNotice({ text: t('saved', { title: checklist.title[locale], id: checklist.id, version: checklist.version }), ok: true });
    } catch (error) {
      setNotice({ text: t('saveFailed', { reason: error instanceof Error ? error.message : String(error) }), ok: false });
    }
  };

  return (
    <main className="cg-ed" lang={locale}>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <div className="cg-ed-columns">
        <div className="cg-ed-edit">
          <section aria-labelledby="cg-ed-file-heading">
            <h2 id="cg-ed-file-heading">{t('fileHeading')}</h2>
            <div className="cg-ed-row">
              <label>
                {t('startFrom')}{' '}
                <select value={startFrom} onChange={(event) => setStartFrom(event.target.value)}>
                  <option value="">{t('startBlank')}</option>
                  {catalogue.map((checklist) => (
                    <option key={checklist.id} value={checklist.id}>
                      {checklist.title[locale]} ({checklist.id})
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                onClick={() => edit(structuredClone(catalogue.find((checklist) => checklist.id === startFrom) ?? newDraft()))}
              >
                {t('open')}
              </button>
            </div>
            <div className="cg-ed-row">
              <label>
                {t('importFile')}{' '}
                <input type="file" accept=".json,application/json" onChange={(event) => void importFile(event.target.files?.[0])} />
              </label>
              <button type="button" onClick={() => onExport(`${draft.id || 'checklist'}.json`, toChecklistData(draft))}>
                {t('exportFile')}
              </button>
              <button type="button" className="cg-ed-save" onClick={() => void save()}>
                {t('save')}
              </button>
            </div>
            {notice ? (
              <p role={notice.ok ? 'status' : 'alert'} data-testid="editor-notice" className={notice.ok ? 'cg-ed-ok' : 'cg-ed-error'}>
                {notice.text}
              </p>
            ) : null}
          </section>

          <section aria-labelledby="cg-ed-checklist-heading">
            <h2 id="cg-ed-checklist-heading">{t('checklistHeading')}</h2>
            <div className="cg-ed-row">
              <TextInput label={t('checklistId')} value={draft.id} code onChange={(id) => edit({ ...draft, id })} />
              <NumberInput
                label={t('version')}
                min={1}
                value={draft.version}
                onChange={(version) => edit({ ...draft, version: version ?? 0 })}
              />
            </div>
            <LocalizedTextInput label={t('checklistTitle')} value={draft.title} onChange={(title) => edit({ ...draft, title })} t={t} />
            <LocalizedTextInput
              label={t('description')}
              value={draft.description}
              onChange={(description) => edit({ ...draft, description })}
              t={t}
              multiline
            />
            <div className="cg-ed-row">
              <TextInput
                label={t('policyTitle')}
                value={draft.policy.title}
                onChange={(title) => edit({ ...draft, policy: { ...draft.policy, title } })}
              />
              <TextInput
                label={t('policySource')}
                value={draft.policy.source}
                onChange={(source) => edit({ ...draft, policy: { ...draft.policy, source } })}
              />
            </div>
          </section>

          <ListSection name="sections" heading={t('sectionsHeading')} addLabel={t('addSection')} onAdd={() => edit(addSection(draft))}>
            {draft.sections.map((_section, s) => (
              <SectionEditor key={s} draft={draft} s={s} onDraft={edit} locale={locale} t={t} />
            ))}
          </ListSection>
          <ListSection name="rules" heading={t('rulesHeading')} addLabel={t('addRule')} onAdd={() => edit(addRule(draft))}>
            {draft.rules.map((_rule, r) => (
              <RuleEditor key={r} draft={draft} r={r} onDraft={edit} locale={locale} t={t} />
            ))}
          </ListSection>

          <DeadlineEditor draft={draft} onDraft={edit} locale={locale} t={t} />
          <AttentionEditor draft={draft} onDraft={edit} locale={locale} t={t} />
        </div>

        <aside className="cg-ed-side" aria-label={t('previewHeading')}>
          <section aria-labelledby="cg-ed-checks-heading">
            <h2 id="cg-ed-checks-heading">{t('checksHeading')}</h2>
            <ProblemList problems={verdict.problems} rules={draft.rules.length} fields={fieldsOf(draft).length} t={t} />
          </section>
          <section aria-labelledby="cg-ed-preview-heading">
            <h2 id="cg-ed-preview-heading">{t('previewHeading')}</h2>
            <label>
              {t('previewLanguage')}{' '}
              <select value={previewLocale} onChange={(event) => setPreviewLocale(event.target.value as Locale)}>
                {LOCALES.map((item) => (
                  <option key={item} value={item}>
                    {item === 'en' ? t('english') : t('chinese')}
                  </option>
                ))}
              </select>
            </label>
            {shown ? (
              <>
                {verdict.checklist ? null : (
                  <p className="cg-ed-hint" data-testid="editor-preview-stale">
                    {t('previewStale')}
                  </p>
                )}
                <ChecklistPreview checklist={shown} locale={previewLocale} t={t} now={now} />
              </>
            ) : (
              <p className="cg-ed-hint">{t('previewNone')}</p>
            )}
          </section>
        </aside>
      </div>
    </main>
  );
}

/** A list of the checklist's parts (`cg-ed-<name>`) under its heading, with the button that adds one and focuses it. */
function ListSection({
  name,
  heading,
  addLabel,
  onAdd,
  children,
}: {
  name: string;
  heading: string;
  addLabel: string;
  onAdd(): void;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`cg-ed-${name}-heading`}>
      <h2 id={`cg-ed-${name}-heading`}>{heading}</h2>
      <ol className={`cg-ed-${name}`}>{children}</ol>
      <button
        type="button"
        onClick={(event) => changeThenFocus(onAdd, event.currentTarget.parentElement, [':scope > ol > li:last-child input'])}
      >
        {addLabel}
      </button>
    </section>
  );
}
