// The side panel: pick a checklist, answer it, see what policy still needs,
// preview the note, apply it to the portal, and handle a held Save. It knows
// nothing about browsers: the panel page wires it to the content script.
import {
  compileChecklist,
  evaluate,
  formatLocalDateTime,
  noteChecklistId,
  parseNote,
  localize,
  LOCALES,
  type Answer,
  type Checklist,
  type Locale,
} from '@chartguard/sdk';
import { useStore } from '@tanstack/react-form';
import {
  memo,
  startTransition,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type ReactNode,
} from 'react';
import type { PageSnapshot } from '../lib/protocol';
import {
  activeChecklistId,
  answersToApply,
  choiceFromDraft,
  composeDeclineEntry,
  composeRecordEntry,
  entryAuthor as authorOfEntry,
  pageAnswersToShow,
  type ChecklistChoice,
} from '../lib/record-model';
import { ChecklistForm } from './ChecklistForm';
import { HandoverSummary } from './HandoverSummary';
import { inputId } from './field-props';
import { usePanelForm, type PanelForm } from './form';
import { FollowUpList } from './FollowUpList';
import { IssueList } from './IssueList';
import { useIssueView } from './issue-view';
import { FIRST_VISIT, readLastTime, type LastTime, type PromptLine } from './last-consultation';
import { LastConsultation } from './LastConsultation';
import { emptyStart, LastTimePrompt } from './LastTimePrompt';
import { NoChecklistReason } from './NoChecklistReason';
import { NotePreview } from './NotePreview';
import { ProgressLine } from './ProgressLine';
import { SaveHeldBanner, type HeldSave } from './SaveHeldBanner';
import { ui } from '../i18n/panel';

export type SaveStatus = { kind: 'allowed'; checklistId?: string } | { kind: 'overridden' } | { kind: 'unchecked'; reason: string };
export interface ApplyResult {
  at: Date;
  written: string[];
  problems: { field: string; reason: string }[];
}

export interface PanelProps {
  snapshot: PageSnapshot;
  checklists: Map<string, Checklist>;
  initialAnswers: Record<string, unknown>;
  /** The checklist of the draft the panel opens with: the user's earlier choice unless the record would pick it anyway (lib/record-model.ts). */
  initialChecklistId?: string | null;
  restoredAt?: Date;
  connected: boolean;
  held: HeldSave | null;
  saveStatus: SaveStatus | null;
  applyResult: ApplyResult | null;
  defaultLocale?: Locale;
  /** When the unsaved draft will be deleted if the record is not saved. */
  purgeAt?: Date;
  /** Another tab changed this record's draft after this panel loaded it. */
  conflict?: { theirsAt: Date } | null;
  onResolveConflict?(choice: 'mine' | 'theirs'): void;
  /** The panel is covered or made invisible by the page: actions that change the record are disabled. */
  obscured?: boolean;
  now?: () => Date;
  /** Who writes entries: the remembered name (entered once in the panel). */
  author?: string;
  onAuthor?(name: string): void;
  onSelect(checklistId: string | null): void;
  onApply(note: string, answers: Record<string, unknown>): void;
  /** `entry`: the note to write before Save is released, carrying the override's rule ids and reason (G-04); absent when the held checklist is not open here or no author is known. */
  onOverride(reason: string, ruleIds: string[], entry?: { note: string; answers: Record<string, unknown> }): void;
  /**
   * The user chose no checklist where the record suggested one, with a reason (#15 part 7): log it, write
   * `note` (the portal's note with the "no checklist used" entry added) and only then drop the checklist.
   * Rejects when it could not be logged; the suggested checklist then stays.
   */
  onDeclineChecklist?(input: { suggested: string; reason: string; note: string }): Promise<void>;
  onCollapse(collapsed: boolean): void;
  onLocale?(locale: Locale): void;
  onAnswersChange(checklistId: string | null, answers: Record<string, unknown>): void;
}

export function Panel(props: PanelProps) {
  const { snapshot, checklists } = props;
  const now = props.now ?? (() => new Date());
  const [locale, setLocale] = useState<Locale>(props.defaultLocale ?? 'en');
  // The user's choice; the checklist shown follows from it and the record, as the Save guard's does (lib/record-model.ts).
  const [choice, setChoice] = useState<ChecklistChoice>(() => choiceFromDraft(snapshot, props.initialChecklistId));
  const checklistId = activeChecklistId(snapshot, choice);
  const [collapsed, setCollapsed] = useState(false);
  const [showAll, setShowAll] = useState(false);
  const [appliedNote, setAppliedNote] = useState<string | null>(null);
  const [author, setAuthor] = useState(props.author ?? '');
  // G-01: the portal's signed-in user where the adapter says the page shows it; else the name typed here once.
  const writer = authorOfEntry(snapshot, author);
  const signedIn = writer.from === 'portal' ? writer.name : undefined;
  const entryAuthor = writer.name;
  // "No checklist" on a page that suggested one waits for its reason (#15 part 7).
  const [declining, setDeclining] = useState(false);
  const [declined, setDeclined] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new portal author fills the name; with `author` a name the user cleared would refill.
  useEffect(() => {
    if (props.author && !author) setAuthor(props.author);
  }, [props.author]);
  // A record that already holds a Chartguard note opens as a read-only handover, unless the user has a draft in progress.
  const [reading, setReading] = useState(
    () => !props.restoredAt && Boolean(noteChecklistId(snapshot.note) && checklists.has(noteChecklistId(snapshot.note)!)),
  );
  const handover = useMemo(() => {
    const id = noteChecklistId(snapshot.note);
    const noteChecklist = id ? checklists.get(id) : undefined;
    return noteChecklist ? { checklist: noteChecklist, parsed: parseNote(noteChecklist, snapshot.note) } : null;
  }, [snapshot.note, checklists]);
  const checklist = checklistId ? checklists.get(checklistId) : undefined;
  // A restored draft's choice is the content script's too, so the Save guard holds the record to the checklist shown.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, for the choice the panel opened with; later choices are sent where they are made.
  useEffect(() => {
    if (choice !== undefined) props.onSelect(choice);
    // Once, for the choice the panel opened with; later choices are sent where they are made.
  }, []);

  const form = usePanelForm(props.initialAnswers);
  // What is judged follows every keystroke in `JudgedAnswers`, which reads the form itself; what is composed from the
  // whole record (the note, the draft) follows it here in a transition, so a keystroke's own commit leaves the rest of
  // the panel alone (docs/performance.md, "Keystrokes in the panel").
  const recordValues = useFollowedValues(form);

  // The portal's own fields flow in when they change there; unchanged ones never clobber what the user typed here.
  // The checklist's fields by id, prepared once per checklist by the SDK (shared with evaluate).
  const fieldsById = checklist ? compileChecklist(checklist).fieldsById : undefined;
  const lastPage = useRef<Record<string, unknown>>(snapshot.answers);
  useEffect(() => {
    const current = form.state.values as Record<string, unknown>;
    const updates = pageAnswersToShow({
      before: lastPage.current,
      now: snapshot.answers,
      current,
      readOnly: (id) => Boolean(fieldsById?.get(id)?.readOnly),
    });
    for (const [id, value] of Object.entries(updates)) form.setFieldValue(id as never, value as never, { dontUpdateMeta: true });
    lastPage.current = snapshot.answers;
  }, [snapshot, fieldsById, form]);

  // Drafts are written for what the user changes, not for what the panel opened with.
  const opened = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a draft is written when the answers or the checklist change, not when the parent passes a new callback.
  useEffect(() => {
    if (opened.current) {
      opened.current = false;
      return;
    }
    props.onAnswersChange(checklistId, recordValues);
  }, [recordValues, checklistId]);

  // The panel page flushes the draft when it is hidden or unloaded; a keystroke's transition may not have reached the
  // draft by then, so the form's own answers are handed over first and the last key typed is in the draft.
  const followed = useRef({ recordValues, checklistId });
  followed.current = { recordValues, checklistId };
  const { onAnswersChange } = props;
  useEffect(() => {
    const handOver = () => {
      const current = form.state.values as Record<string, unknown>;
      if (current !== followed.current.recordValues) onAnswersChange(followed.current.checklistId, current);
    };
    document.addEventListener('visibilitychange', handOver);
    window.addEventListener('pagehide', handOver);
    return () => {
      document.removeEventListener('visibilitychange', handOver);
      window.removeEventListener('pagehide', handOver);
    };
  }, [form, onAnswersChange]);

  useEffect(() => {
    if (props.held) setShowAll(true);
  }, [props.held]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the parent hears of a change of language, not of each new callback it passes.
  useEffect(() => {
    props.onLocale?.(locale);
  }, [locale]);

  const applyAnswers = useMemo(
    () => (checklist ? answersToApply(checklist, recordValues, snapshot.mirrors, now()) : {}),
    [recordValues, snapshot.mirrors, checklist],
  );

  // Apply adds an entry after the portal's note as it is now; it never rewrites what the note holds (G-02).
  const composed = useMemo(
    () =>
      checklist
        ? composeRecordEntry({ checklist, answers: applyAnswers, existing: snapshot.note, author: entryAuthor, now: now(), locale })
        : null,
    [checklist, applyAnswers, locale, snapshot.note, entryAuthor],
  );
  // The record as Apply writes it: the one previewed, unless the preview has not yet caught up with the last keystroke.
  const currentRecord = () => {
    const values = form.state.values as Record<string, unknown>;
    if (!checklist || values === recordValues) return { answers: applyAnswers, composed };
    const answers = answersToApply(checklist, values, snapshot.mirrors, now());
    return {
      answers,
      composed: composeRecordEntry({ checklist, answers, existing: snapshot.note, author: entryAuthor, now: now(), locale }),
    };
  };

  const dirty =
    Boolean(checklist) &&
    (!composed || composed.kind !== 'unchanged') &&
    !(appliedNote && snapshot.note === appliedNote && props.applyResult);

  const jumpTo = useCallback((fieldId: string) => {
    setShowAll(true);
    setTimeout(() => {
      const target = document.getElementById(inputId(fieldId));
      const focusable = target?.matches('input, select, textarea, output')
        ? target
        : (target?.querySelector<HTMLElement>('input, select, textarea') ?? target);
      focusable?.focus();
      focusable?.scrollIntoView({ block: 'center' });
    }, 0);
  }, []);
  const choose = (id: string | null) => {
    // Leaving the record's suggested checklist for none is asked about, never done silently (#15 part 7).
    if (id === null && checklistId !== null && snapshot.suggested && checklists.has(snapshot.suggested)) {
      setDeclining(true);
      return;
    }
    setDeclining(false);
    setChoice(id);
    props.onSelect(id);
  };

  const apply = () => {
    if (!checklist) return;
    const record = currentRecord();
    if (!record.composed) {
      document.getElementById('cg-author')?.focus();
      return;
    }
    const values = form.state.values as Record<string, unknown>;
    for (const [id, value] of Object.entries(record.answers)) {
      if (values[id] !== value) form.setFieldValue(id as never, value as never, { dontUpdateMeta: true });
    }
    setAppliedNote(record.composed.note);
    props.onApply(record.composed.note, record.answers);
  };

  const suggestedTitle =
    snapshot.suggested && checklists.has(snapshot.suggested)
      ? `${localize(checklists.get(snapshot.suggested)!.title, locale)} (${snapshot.suggested})`
      : '';

  const decline = (reason: string) => {
    const note = composeDeclineEntry({ existing: snapshot.note, author: entryAuthor, now: now(), suggestedTitle, reason, locale });
    if (note === null) {
      document.getElementById('cg-author')?.focus();
      return;
    }
    const done = props.onDeclineChecklist?.({ suggested: snapshot.suggested!, reason, note }) ?? Promise.resolve();
    void done.then(
      () => {
        setDeclining(false);
        setDeclined(true);
        // The content script is told once the line is in the portal's note (the panel page sends it then).
        setChoice(null);
      },
      () => undefined,
    );
  };

  // The last consultation's goal, plan and risk as prompts on a follow-up (#15 part 6); not on a first visit.
  const lastTime = useMemo(
    () => (checklist ? readLastTime(checklist, snapshot.previous, locale) : null),
    [checklist, snapshot.previous, locale],
  );
  // The form's `onSubmit` in `JudgedAnswers` stays the same function, and calls the Apply of the latest render.
  const latestApply = useRef(apply);
  useLayoutEffect(() => {
    latestApply.current = apply;
  });
  const submit = useCallback(() => latestApply.current(), []);

  // The entry's author: the portal's signed-in user (read-only), or the name typed here; either way the panel says which.
  const authorControl = signedIn ? (
    <p className="cg-author-source" data-testid="author-source" data-source="portal">
      {ui(locale, 'authorSignedIn', { name: signedIn })}
    </p>
  ) : (
    <>
      <label className="cg-author">
        {ui(locale, 'author')}
        <input
          id="cg-author"
          type="text"
          autoComplete="off"
          value={author}
          aria-invalid={author.trim() ? undefined : true}
          onChange={(event) => setAuthor(event.target.value)}
          onBlur={() => author.trim() && props.onAuthor?.(author.trim())}
        />
      </label>
      <p className="cg-author-source" data-testid="author-source" data-source="typed">
        {ui(locale, 'authorTyped')}
      </p>
    </>
  );

  const override = (reason: string) => {
    const ruleIds = [...new Set(props.held!.issues.map((issue) => issue.ruleId))];
    const { answers } = currentRecord();
    const entry =
      checklist && checklist.id === props.held!.checklistId
        ? composeRecordEntry({
            checklist,
            answers,
            existing: snapshot.note,
            author: entryAuthor,
            now: now(),
            locale,
            override: { ruleIds, reason },
          })
        : null;
    props.onOverride(reason, ruleIds, entry ? { note: entry.note, answers } : undefined);
  };

  const collapse = (next: boolean) => {
    setCollapsed(next);
    props.onCollapse(next);
  };
  if (collapsed) {
    return (
      <div className="cg-collapsed">
        <button type="button" aria-label={ui(locale, 'expand')} onClick={() => collapse(false)}>
          ◀
        </button>
      </div>
    );
  }

  return (
    // One main landmark holds the whole panel, so screen-reader users can jump straight to it.
    <main className="cg-panel" lang={locale}>
      <header className="cg-header">
        <h1>{ui(locale, 'appName')}</h1>
        <label className="cg-lang">
          <span className="cg-visually-hidden">{ui(locale, 'language')}</span>
          <select value={locale} onChange={(event) => setLocale(event.target.value as Locale)} aria-label={ui(locale, 'language')}>
            {LOCALES.map((code) => (
              <option key={code} value={code}>
                {code === 'en' ? 'English' : '简体中文'}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="cg-icon" aria-label={ui(locale, 'collapse')} onClick={() => collapse(true)}>
          ▶
        </button>
      </header>
      <p className="cg-record">{ui(locale, 'record', { id: snapshot.recordId ?? '—', portal: snapshot.adapterName })}</p>
      {!props.connected ? (
        <p className="cg-warning-box" role="alert">
          {ui(locale, 'notConnected')}
        </p>
      ) : null}
      {props.restoredAt ? (
        <p className="cg-info">{ui(locale, 'draftRestored', { time: formatLocalDateTime(props.restoredAt).replace('T', ' ') })}</p>
      ) : null}
      {props.purgeAt ? (
        <p className="cg-info">{ui(locale, 'draftPurge', { date: formatLocalDateTime(props.purgeAt).replace('T', ' ') })}</p>
      ) : null}
      {props.obscured ? (
        <p className="cg-warning-box" role="alert">
          {ui(locale, 'obscured')}
        </p>
      ) : null}
      {props.conflict ? (
        <section className="cg-held" role="alert" data-testid="draft-conflict">
          <h2>{ui(locale, 'conflictTitle')}</h2>
          <p>{ui(locale, 'conflictIntro', { time: formatLocalDateTime(props.conflict.theirsAt).replace('T', ' ') })}</p>
          <button type="button" onClick={() => props.onResolveConflict?.('mine')}>
            {ui(locale, 'conflictKeepMine')}
          </button>{' '}
          <button type="button" onClick={() => props.onResolveConflict?.('theirs')}>
            {ui(locale, 'conflictUseTheirs')}
          </button>
        </section>
      ) : null}
      {snapshot.missingFields.length ? (
        <p className="cg-warning-box" role="status">
          {ui(locale, 'missingPortalFields', { fields: snapshot.missingFields.join(', ') })}
        </p>
      ) : null}
      {snapshot.notStarted?.length ? (
        <p className="cg-warning-box cg-not-started" role="status">
          {ui(locale, 'widgetsNotStarted', { fields: snapshot.notStarted.join(', ') })}
        </p>
      ) : null}
      {props.held ? (
        <SaveHeldBanner held={props.held} locale={locale} disabled={Boolean(props.obscured)} onOverride={(reason) => override(reason)} />
      ) : null}
      {props.saveStatus ? <SaveStatusLine status={props.saveStatus} locale={locale} checklists={checklists} /> : null}

      {reading && handover ? (
        <HandoverSummary checklist={handover.checklist} parsed={handover.parsed} locale={locale} onEdit={() => setReading(false)} />
      ) : null}

      {reading && handover ? null : (
        <>
          <label className="cg-choose">
            {ui(locale, 'chooseChecklist')}
            <select value={checklistId ?? ''} autoComplete="off" onChange={(event) => choose(event.target.value || null)}>
              <option value="">{ui(locale, 'chooseChecklistNone')}</option>
              {snapshot.checklists.map((id) => {
                const item = checklists.get(id);
                return item ? (
                  <option key={id} value={id}>
                    {localize(item.title, locale)} {id === snapshot.suggested ? ui(locale, 'suggested') : ''}
                  </option>
                ) : null;
              })}
            </select>
          </label>

          {declining && checklist ? (
            <>
              <NoChecklistReason
                suggested={suggestedTitle}
                locale={locale}
                disabled={Boolean(props.obscured)}
                onConfirm={decline}
                onCancel={() => setDeclining(false)}
              />
              {entryAuthor.trim() ? null : authorControl}
            </>
          ) : null}
          {declined && !checklist ? (
            <p className="cg-info" role="status" data-testid="no-checklist-done">
              {ui(locale, 'noChecklistDone')}
            </p>
          ) : null}

          {checklist ? (
            <>
              <JudgedAnswers
                form={form}
                checklist={checklist}
                locale={locale}
                showAll={showAll}
                pageOwned={snapshot.pageOwned}
                portalValues={snapshot.portalValues}
                lastTime={lastTime}
                now={props.now}
                onJump={jumpTo}
                onSubmit={submit}
              />
              {authorControl}
              {composed ? (
                <NotePreview note={composed.note} locale={locale} />
              ) : (
                <p className="cg-warning-box" role="status">
                  {ui(locale, 'authorNeeded')}
                </p>
              )}
              <footer className="cg-footer">
                {dirty ? <p className="cg-info">{ui(locale, 'notApplied')}</p> : null}
                {props.applyResult ? (
                  <p className="cg-info" role="status">
                    {ui(locale, 'applied', {
                      time: formatLocalDateTime(props.applyResult.at).slice(11),
                      fields: props.applyResult.written.join(', '),
                    })}
                    {props.applyResult.problems.length
                      ? ` ${ui(locale, 'applyProblems', { problems: props.applyResult.problems.map((problem) => `${problem.field} (${problem.reason})`).join('; ') })}`
                      : ''}
                  </p>
                ) : null}
                <button type="button" className="cg-primary" onClick={apply} disabled={Boolean(props.obscured)}>
                  {ui(locale, 'apply')}
                </button>
              </footer>
            </>
          ) : null}
        </>
      )}
    </main>
  );
}

/**
 * The answers in a variable that follows the form in a transition: a keystroke commits the field and what it
 * judges first, and this copy (the note, the draft, Apply's preview) in a second, interruptible commit.
 */
function useFollowedValues(form: PanelForm): Record<string, unknown> {
  const [followed, setFollowed] = useState(() => form.state.values as Record<string, unknown>);
  useEffect(() => {
    // The store also changes for a field's meta (touched, blurred): only new answers are followed.
    let last: unknown;
    const follow = () => {
      const values = form.state.values as Record<string, unknown>;
      if (values === last) return;
      last = values;
      startTransition(() => setFollowed(values));
    };
    // Answers the portal filled in before this subscription are caught up with once.
    follow();
    const subscription = form.store.subscribe(follow);
    return () => subscription.unsubscribe();
  }, [form]);
  return followed;
}

interface JudgedAnswersProps {
  form: PanelForm;
  checklist: Checklist;
  locale: Locale;
  showAll: boolean;
  pageOwned?: readonly string[];
  portalValues?: Readonly<Record<string, readonly string[]>>;
  lastTime: LastTime | null;
  now?: () => Date;
  onJump(fieldId: string): void;
  onSubmit(): void;
}

const systemNow = () => new Date();

/**
 * What the answers are judged to need, following every keystroke: the progress, the questions with their issues,
 * the issue list. It reads the form on its own, so a keystroke re-renders it and not the panel around it.
 */
const JudgedAnswers = memo(function JudgedAnswers({
  form,
  checklist,
  locale,
  showAll,
  pageOwned,
  portalValues,
  lastTime,
  now = systemNow,
  onJump,
  onSubmit,
}: JudgedAnswersProps) {
  const values = useStore(form.store, (state) => state.values) as Record<string, unknown>;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the clock is read when the answers, checklist or language change, not when a caller passes a new `now`.
  const evaluation = useMemo(
    () => evaluate(checklist, values, { now: now(), locale, unknownFields: 'ignore' }),
    [checklist, values, locale],
  );
  const issueView = useIssueView(evaluation);
  const blocking = issueView.blocking;
  const toFirstProblem = useCallback(() => {
    const first = blocking[0]?.path[0];
    if (first) onJump(first);
  }, [blocking, onJump]);
  const startFrom = useCallback(
    (line: PromptLine) => {
      // Read at the click, not at the last render: an answer typed since is never replaced.
      const answers = emptyStart(line, form.state.values as Record<string, unknown>);
      for (const [id, value] of Object.entries(answers)) form.setFieldValue(id as never, value as never);
    },
    [form],
  );

  const submit = useCallback(
    (event: FormEvent) => {
      event.preventDefault();
      onSubmit();
    },
    [onSubmit],
  );

  const showLast = lastTime !== null && values[FIRST_VISIT.field] !== FIRST_VISIT.value;
  const structured = showLast && lastTime.state === 'structured' ? lastTime : null;
  // Whether each copy button is offered changes only when its target answers fill or empty, so the sections
  // holding the prompts are not drawn again on every key.
  const canStartGoal = Boolean(structured?.goal && Object.keys(emptyStart(structured.goal, values)).length);
  const canStartPlan = Boolean(structured?.plan && Object.keys(emptyStart(structured.plan, values)).length);
  const sectionPrompts = useMemo(() => {
    const prompts: Record<string, ReactNode> = {};
    if (!structured) return prompts;
    const { goal, plan, risk, sections } = structured;
    if (goal && sections.goal)
      prompts[sections.goal] = (
        <LastTimePrompt kind="goal" line={goal} locale={locale} canStart={canStartGoal} onStart={() => startFrom(goal)} />
      );
    if (plan && sections.plan)
      prompts[sections.plan] = (
        <LastTimePrompt kind="plan" line={plan} locale={locale} canStart={canStartPlan} onStart={() => startFrom(plan)} />
      );
    if (sections.risk) prompts[sections.risk] = <LastTimePrompt kind="risk" line={risk} locale={locale} risk={risk.rules.length > 0} />;
    return prompts;
  }, [structured, locale, canStartGoal, canStartPlan, startFrom]);

  return (
    <>
      {showLast ? <LastConsultation last={lastTime} locale={locale} /> : null}
      <ProgressLine
        done={evaluation.progress.done}
        total={evaluation.progress.total}
        locale={locale}
        hasProblems={issueView.blocking.length > 0}
        onFirstProblem={toFirstProblem}
      />
      <form className="cg-checklist" autoComplete="off" onSubmit={submit} noValidate>
        <ChecklistForm {...{ form, checklist, evaluation, locale, showAll, pageOwned, portalValues, sectionPrompts }} issues={issueView} />
      </form>
      <IssueList issues={issueView.listed} blocking={issueView.blocking} locale={locale} onJump={onJump} />
      <FollowUpList followUps={issueView.followUps} locale={locale} />
    </>
  );
});

function SaveStatusLine({ status, locale, checklists }: { status: SaveStatus; locale: Locale; checklists: Map<string, Checklist> }) {
  const text =
    status.kind === 'overridden'
      ? ui(locale, 'saveOverridden')
      : status.kind === 'unchecked'
        ? ui(locale, 'saveUnchecked', { reason: status.reason })
        : ui(locale, 'saveAllowed', {
            checklist: status.checklistId
              ? localize(checklists.get(status.checklistId)?.title ?? { en: status.checklistId, 'zh-CN': status.checklistId }, locale)
              : '',
          });
  return (
    <p className={status.kind === 'unchecked' ? 'cg-warning-box' : 'cg-info'} role="status">
      {text}
    </p>
  );
}
