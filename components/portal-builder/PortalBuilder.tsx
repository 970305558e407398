// The portal builder ("Set up this portal", issue 20 part 1): the user names
// each page of the portal from its address, clicks the fields, Save controls,
// saved confirmation and list rows in the portal itself, confirms what the
// builder recognised, then tries the draft adapter on the portal, checks the
// selector health and exports the adapter. The extension side (picking,
// highlighting, storing) comes in through `host`, so this stays plain React.
import type { AdapterV2, Checklist } from '@chartguard/sdk';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  draftToAdapter,
  pagePattern,
  queryParams,
  suggestPageKind,
  urlSegments,
  type AdapterDraft,
  type DraftPage,
  type IdPart,
} from '../../lib/adapter-draft';
import type { CursorReply, PageFilter, Pick, PickMode } from '../../lib/builder-protocol';
import { answerChoices } from './answers';
import { builderText as t, type BuilderKey } from '../../i18n/builder';
import { PickReview, type PickResult, type PickTarget } from './PickReview';
import { SuggestionEditor } from './SuggestionEditor';
import { ChecklistChoices } from './ChecklistChoices';

export interface BuilderHost {
  arm(mode: PickMode, row?: string): Promise<void>;
  disarm(): Promise<void>;
  /** Keyboard picking: moves the portal's cursor through the elements whose text holds `query`. */
  cursor(move: 'first' | 'next' | 'previous', query: string): Promise<CursorReply | undefined>;
  /** Keyboard picking: picks the element under the cursor. */
  take(): Promise<void>;
  highlight(selector: string | null, page?: PageFilter, within?: string): Promise<number>;
  count(probes: { selector: string; within?: string }[], page?: PageFilter): Promise<number[] | undefined>;
  /** Widget libraries the page reports running on the control just picked in that frame. */
  probe(frameId: number): Promise<string[]>;
  /** Checks the adapter as an import is checked; rejects with the problems named. */
  validate(adapter: AdapterV2): Promise<void>;
  /** Activates the adapter as an import is activated; rejects with the problems named. */
  tryIt(adapter: AdapterV2): Promise<void>;
  exportFile(name: string, data: unknown): void;
  saveDraft(draft: AdapterDraft): void;
  close(): void;
}

export interface PickEvent {
  pick: Pick;
  frameId: number;
  seq: number;
}

export interface PortalBuilderProps {
  host: BuilderHost;
  catalogue: readonly Checklist[];
  draft: AdapterDraft;
  /** The top frame's address now. */
  url: string;
  pickEvent?: PickEvent;
  cancelled?: number;
}

interface Pending {
  target: PickTarget;
  /** The picker answers clicks in every frame of the portal: until then a click there is the portal's own (its Save saves). */
  armed?: boolean;
  pick?: Pick;
  frameId?: number;
  widgets: string[];
}

function matchesPage(page: DraftPage, url: string): boolean {
  const { path, search } = pagePattern(page.url, page.idPart);
  const address = new URL(url);
  return new RegExp(path).test(address.pathname) && (!search || new RegExp(search).test(address.search));
}

/** Only the frame holding the page answers; the top frame when the page is the top document. */
function filterFor(page: DraftPage): PageFilter | undefined {
  if (!page.frame) return undefined;
  const { path, search } = pagePattern(page.url, page.idPart);
  return { path, ...(search ? { search } : {}) };
}

/** A quick check while typing; the adapter schema decides (its shortcut rule names what is allowed). */
const SHORTCUT_SHAPE = /^(?:(?:Ctrl|Alt|Shift|Meta)\+)*(?:[A-Za-z0-9]|Enter|F\d{1,2})$/;

/** The frame a pick came from, for outlining in that frame. */
function frameOfPick(pick: Pick): PageFilter | undefined {
  if (!pick.frame) return undefined;
  return { path: `^${new URL(pick.url).pathname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` };
}

type Problem = { path: string; message: string };
function problemsOf(error: unknown): Problem[] {
  const problems = (error as { problems?: unknown } | null)?.problems;
  if (Array.isArray(problems)) return problems as Problem[];
  return [{ path: '', message: error instanceof Error ? error.message : String(error) }];
}

export function PortalBuilder({ host, catalogue, draft: initialDraft, url, pickEvent, cancelled }: PortalBuilderProps) {
  const id = useId();
  const [draft, setDraftState] = useState<AdapterDraft>(initialDraft);
  const [current, setCurrent] = useState(() =>
    Math.max(
      0,
      initialDraft.pages.findIndex((page) => matchesPage(page, url)),
    ),
  );
  const [pending, setPending] = useState<Pending | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string; problems?: Problem[] } | null>(null);
  const [health, setHealth] = useState<{ name: string; count: number; rows?: boolean; group?: boolean }[] | null>(null);
  const [shortcut, setShortcut] = useState('');
  // Where the keyboard focus goes back to once a pick is added or cancelled: the button that started it.
  const returnFocus = useRef<HTMLElement | null>(null);
  const pageHeading = useRef<HTMLHeadingElement>(null);
  const [focusPage, setFocusPage] = useState(false);

  const page: DraftPage | undefined = draft.pages[current];
  const onThisPage = page ? matchesPage(page, url) || Boolean(page.frame) : false;
  const setDraft = (next: AdapterDraft) => {
    setDraftState(next);
    setNotice(null);
    host.saveDraft(next);
  };
  const setPage = (next: DraftPage) => setDraft({ ...draft, pages: draft.pages.map((item, index) => (index === current ? next : item)) });
  const choices = useMemo(
    () => answerChoices(catalogue, page?.checklists.length ? page.checklists : catalogue.map((checklist) => checklist.id)),
    [catalogue, page?.checklists],
  );
  const knownMaps = draft.pages
    .flatMap((item) => [...item.fields, ...(item.list?.cells ?? [])])
    .filter((item) => item.choices && Object.keys(item.choices).length)
    .map((item) => ({ name: item.name, answers: item.answers, choices: item.choices! }));

  // A pick from the portal: confirm the widget with the page itself, then review it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: each pick is taken once, by its sequence number; `pending` changes because of it and must not take it again.
  useEffect(() => {
    if (!pickEvent || !pending || pending.pick) return;
    const { pick, frameId } = pickEvent;
    setPending({ ...pending, pick, frameId });
    if (pick.probe) {
      void host
        .probe(frameId)
        .catch(() => [] as string[])
        .then((widgets) => setPending((now) => (now && now.pick === pick ? { ...now, widgets } : now)));
    }
  }, [pickEvent?.seq]);
  useEffect(() => {
    if (cancelled) setPending((now) => (now && !now.pick ? null : now));
  }, [cancelled]);

  // Focus follows the work for keyboard users: back to the button that started a pick, or to a page just added.
  useEffect(() => {
    if (pending || !document.hasFocus()) return;
    if (returnFocus.current?.isConnected) returnFocus.current.focus();
    returnFocus.current = null;
  }, [pending]);
  useEffect(() => {
    if (!focusPage) return;
    pageHeading.current?.focus();
    setFocusPage(false);
  }, [focusPage]);

  const startPick = (target: PickTarget) => {
    if (document.activeElement instanceof HTMLButtonElement) returnFocus.current = document.activeElement;
    const mode: PickMode = target === 'saved' ? 'saved' : target === 'row' ? 'row' : target === 'cell' ? 'cell' : 'element';
    const pending: Pending = { target, widgets: [] };
    setPending(pending);
    // "Click the element" is said only once the frames are armed; a pick stopped or started again meanwhile is left alone.
    void host
      .arm(mode, target === 'cell' ? page?.list?.rows : undefined)
      .then(() => setPending((now) => (now === pending ? { ...pending, armed: true } : now)));
  };
  const stopPick = () => {
    setPending(null);
    void host.disarm();
    void host.highlight(null, page ? filterFor(page) : undefined);
  };

  const addPage = () => {
    const next: DraftPage = { kind: suggestPageKind(url), url, checklists: [], suggest: [], fields: [], save: [] };
    setDraft({ ...draft, pages: [...draft.pages, next] });
    setCurrent(draft.pages.length);
    setFocusPage(true);
  };

  const accept = (result: PickResult) => {
    if (!page || !pending?.pick) return;
    const pick = pending.pick;
    // A page whose first pick is in a child frame lives in that frame: its address is the frame's.
    const framed =
      pick.frame && !page.frame && !page.fields.length && !page.list
        ? { frame: pick.frame, url: pick.url, kind: suggestPageKind(pick.url), idPart: undefined }
        : {};
    const base = { ...page, ...framed };
    const present = base.present?.length ? base.present : pick.ancestor ? [pick.ancestor] : undefined;
    let next: DraftPage = base;
    if (result.target === 'field') next = { ...base, present, fields: [...base.fields, result.field] };
    if (result.target === 'save') next = { ...base, save: [...base.save.filter((item) => item !== result.selector), result.selector] };
    if (result.target === 'saved') next = { ...base, saved: { selector: result.selector, ...(result.text ? { text: result.text } : {}) } };
    if (result.target === 'row')
      next = {
        ...base,
        present: pick.ancestor ? [pick.ancestor] : base.present,
        list: { rows: result.rows, recordIdAttribute: result.recordIdAttribute, cells: base.list?.cells ?? [] },
      };
    if (result.target === 'cell' && base.list) next = { ...base, list: { ...base.list, cells: [...base.list.cells, result.cell] } };
    setPage(next);
    setPending(null);
    void host.highlight(null, filterFor(next));
  };

  const adapter = () => draftToAdapter(draft);
  const tryIt = async () => {
    try {
      await host.tryIt(adapter());
      setNotice({ ok: true, text: t('tried') });
      await checkHealth();
    } catch (error) {
      setNotice({ ok: false, text: t('tryFailed', { reason: '' }), problems: problemsOf(error) });
    }
  };
  const exportAdapter = async () => {
    try {
      const data = adapter();
      await host.validate(data);
      host.exportFile(`${draft.id}.json`, data);
    } catch (error) {
      setNotice({ ok: false, text: t('problems'), problems: problemsOf(error) });
    }
  };
  const checkHealth = async () => {
    if (!page) return;
    // A radio group's selector names every button in it: several matches are the group, not an ambiguity.
    const probes: { name: string; selector: string; within?: string; rows?: boolean; group?: boolean }[] = [
      ...page.fields.map((field) => ({ name: field.name, selector: field.selector, group: field.kind === 'radio' })),
      ...page.save.map((selector) => ({ name: selector, selector })),
      ...(page.list
        ? [
            { name: page.list.rows, selector: page.list.rows, rows: true },
            ...page.list.cells.map((cell) => ({ name: cell.name, selector: cell.selector, within: page.list!.rows, rows: true })),
          ]
        : []),
    ];
    const counts =
      (await host
        .count(
          probes.map(({ selector, within }) => ({ selector, ...(within ? { within } : {}) })),
          filterFor(page),
        )
        .catch(() => undefined)) ?? probes.map(() => 0);
    setHealth(probes.map((probe, index) => ({ name: probe.name, count: counts[index] ?? 0, rows: probe.rows, group: probe.group })));
  };

  const segments = page ? urlSegments(page.url) : [];
  const params = page ? queryParams(page.url) : [];
  const setIdPart = (idPart: IdPart | undefined) =>
    page &&
    setPage({
      ...page,
      idPart,
      kind: page.kind === suggestPageKind(page.url, page.idPart) ? suggestPageKind(page.url, idPart) : page.kind,
    });
  const pattern = page ? pagePattern(page.url, page.idPart) : undefined;
  const answersOnPage = page ? [...new Set(page.fields.flatMap((field) => field.answers))] : [];
  const savedParam = params.find((param) => /saved|success|ok/i.test(param.name));

  return (
    <main className="cg-pb" lang="en">
      <h1>{t('title')}</h1>
      <p className="cg-pb-hint">{t('intro')}</p>

      <section aria-labelledby={`${id}-portal`}>
        <h2 id={`${id}-portal`}>{t('portalHeading')}</h2>
        <div className="cg-pb-row">
          <label htmlFor={`${id}-name`}>{t('portalName')}</label>
          <input id={`${id}-name`} value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
        </div>
        <p className="cg-pb-hint">{t('portalId', { id: draft.id, matches: draft.matches.join(', ') })}</p>
      </section>

      <section aria-labelledby={`${id}-pages`}>
        <h2 id={`${id}-pages`}>{t('pagesHeading')}</h2>
        {draft.pages.length ? (
          <div className="cg-pb-row" role="group" aria-label={t('pagesHeading')}>
            {draft.pages.map((item, index) => (
              <button key={index} type="button" aria-pressed={index === current} onClick={() => setCurrent(index)}>
                {t('pageTab', { kind: item.kind })}
              </button>
            ))}
          </div>
        ) : (
          <p>{t('noPages')}</p>
        )}
        {!draft.pages.some((item) => matchesPage(item, url)) ? (
          <button type="button" className="cg-pb-primary" onClick={addPage}>
            {t('addPage')}
          </button>
        ) : null}
      </section>

      {page ? (
        <section aria-labelledby={`${id}-page`} data-testid="page-editor">
          <h2 id={`${id}-page`} ref={pageHeading} tabIndex={-1}>
            {t('pageTab', { kind: page.kind })}
          </h2>
          {!onThisPage ? <p className="cg-pb-hint">{t('otherPage', { url: page.url })}</p> : null}
          <fieldset>
            <legend>{t('addressHeading')}</legend>
            <p className="cg-pb-hint">{t('addressHint')}</p>
            <div className="cg-pb-row">
              {segments.map((segment, index) => {
                const pressed = page.idPart?.from === 'path' && page.idPart.segment === index;
                return (
                  <button
                    key={`s${index}`}
                    type="button"
                    data-testid="url-part"
                    aria-pressed={pressed}
                    onClick={() => setIdPart(pressed ? undefined : { from: 'path', segment: index })}
                  >
                    {t('pathPart', { part: segment })}
                    {pressed ? ` · ${t('isRecordId')}` : ''}
                  </button>
                );
              })}
              {params.map((param) => {
                const pressed = page.idPart?.from === 'query' && page.idPart.param === param.name;
                return (
                  <button
                    key={`q${param.name}`}
                    type="button"
                    data-testid="url-part"
                    aria-pressed={pressed}
                    onClick={() => setIdPart(pressed ? undefined : { from: 'query', param: param.name })}
                  >
                    {t('queryPart', { name: param.name, value: param.value })}
                    {pressed ? ` · ${t('isRecordId')}` : ''}
                  </button>
                );
              })}
            </div>
            {pattern ? (
              <p className="cg-pb-hint" data-testid="page-pattern">
                {t('pattern', { path: pattern.path, search: pattern.search ? ` ${pattern.search}` : '' })}
              </p>
            ) : null}
            <div className="cg-pb-row">
              <label htmlFor={`${id}-kind`}>{t('pageKind')}</label>
              <input
                id={`${id}-kind`}
                value={page.kind}
                pattern="[a-z][a-z0-9-]*"
                onChange={(event) => setPage({ ...page, kind: event.target.value.toLowerCase() })}
              />
            </div>
          </fieldset>

          {!page.list ? (
            <ChecklistChoices catalogue={catalogue} chosen={page.checklists} onChange={(checklists) => setPage({ ...page, checklists })} />
          ) : null}

          {pending ? (
            pending.pick ? (
              pending.pick.error ? (
                <div role="alert">
                  <p>{t(pending.pick.error === 'not-a-row' ? 'notARow' : 'notInRow')}</p>
                  <button type="button" onClick={() => startPick(pending.target)}>
                    {t(pending.target === 'row' ? 'pickRow' : 'pickCell')}
                  </button>
                </div>
              ) : (
                <PickReview
                  key={pickEvent?.seq}
                  pick={pending.pick}
                  target={pending.target}
                  confirmedWidgets={pending.widgets}
                  choices={choices}
                  knownMaps={knownMaps}
                  onHighlight={(selector) =>
                    host.highlight(selector, frameOfPick(pending.pick!), pending.target === 'cell' ? page.list?.rows : undefined)
                  }
                  onDone={accept}
                  onCancel={stopPick}
                />
              )
            ) : (
              <KeyboardPicker host={host} armed={Boolean(pending.armed)} onStop={stopPick} />
            )
          ) : null}

          {!page.list ? (
            <section aria-labelledby={`${id}-fields`}>
              <h3 id={`${id}-fields`}>{t('fieldsHeading')}</h3>
              {page.fields.length ? (
                <ul data-testid="fields">
                  {page.fields.map((field, index) => (
                    <li key={index}>
                      <strong>{field.name}</strong> <code>{field.selector}</code> · {field.kind}
                      {field.widget ? ` (${field.widget})` : ''} · {field.note ? t('roleNote') : field.answers.join(', ')}{' '}
                      <button
                        type="button"
                        aria-label={`${t('remove')} ${field.name}`}
                        onClick={() => setPage({ ...page, fields: page.fields.filter((_, other) => other !== index) })}
                      >
                        {t('remove')}
                      </button>
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{t('noFields')}</p>
              )}
              <div className="cg-pb-row">
                <button type="button" onClick={() => startPick('field')} disabled={Boolean(pending)}>
                  {t('pickField')}
                </button>
              </div>
            </section>
          ) : null}

          {!page.list ? (
            <section aria-labelledby={`${id}-save`}>
              <h3 id={`${id}-save`}>{t('saveHeading')}</h3>
              <p data-testid="save-controls">{t('saveControls', { list: page.save.join(', ') || t('none') })}</p>
              <p data-testid="saved-confirmation">
                {t('savedConfirmation', {
                  what: page.saved
                    ? 'url' in page.saved
                      ? page.saved.url
                      : `${page.saved.selector}${page.saved.text ? ` “${page.saved.text}”` : ''}`
                    : t('none'),
                })}
              </p>
              <div className="cg-pb-row">
                <button type="button" onClick={() => startPick('save')} disabled={Boolean(pending)}>
                  {t('pickSave')}
                </button>
                <button type="button" onClick={() => startPick('saved')} disabled={Boolean(pending)}>
                  {t('pickSaved')}
                </button>
                {savedParam ? (
                  <button
                    type="button"
                    onClick={() =>
                      setPage({
                        ...page,
                        saved: { url: `[?&]${savedParam.name}=${savedParam.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}` },
                      })
                    }
                  >
                    {t('savedByUrl', { param: `${savedParam.name}=${savedParam.value}` })}
                  </button>
                ) : null}
              </div>
              <div className="cg-pb-row">
                <label htmlFor={`${id}-shortcut`}>{t('shortcut')}</label>
                <input id={`${id}-shortcut`} value={shortcut} placeholder="Alt+S" onChange={(event) => setShortcut(event.target.value)} />
                <button
                  type="button"
                  disabled={!SHORTCUT_SHAPE.test(shortcut)}
                  onClick={() => {
                    setPage({ ...page, shortcuts: [...new Set([...(page.shortcuts ?? []), shortcut])] });
                    setShortcut('');
                  }}
                >
                  {t('addShortcut')}
                </button>
              </div>
              {page.shortcuts?.length ? <p>{t('shortcuts', { list: page.shortcuts.join(', ') })}</p> : null}
              <label className="cg-pb-choice">
                <input
                  type="checkbox"
                  checked={page.formSubmit === true}
                  onChange={(event) => setPage({ ...page, formSubmit: event.target.checked || undefined })}
                />{' '}
                {t('formSubmit')}
              </label>
            </section>
          ) : null}

          {!page.list && page.checklists.length && answersOnPage.length ? (
            <section aria-labelledby={`${id}-suggest`}>
              <h3 id={`${id}-suggest`}>{t('suggestHeading')}</h3>
              <SuggestionEditor
                catalogue={catalogue}
                checklists={page.checklists}
                fields={page.fields}
                suggest={page.suggest}
                onChange={(suggest) => setPage({ ...page, suggest })}
              />
            </section>
          ) : null}

          <section aria-labelledby={`${id}-list`}>
            <h3 id={`${id}-list`}>{t('listHeading')}</h3>
            {page.list ? (
              <>
                <p data-testid="list-rows">
                  {t('rows', {
                    selector: page.list.rows,
                    count: health?.find((item) => item.name === page.list!.rows)?.count ?? '…',
                    id: page.list.recordIdAttribute ?? t('none'),
                  })}
                </p>
                <h4>{t('cellsHeading')}</h4>
                <ul data-testid="cells">
                  {page.list.cells.map((cell, index) => (
                    <li key={index}>
                      <strong>{cell.name}</strong> <code>{cell.selector}</code>
                      {cell.attribute ? ` @${cell.attribute}` : ''} · {cell.note ? t('roleNote') : cell.answers.join(', ')}
                    </li>
                  ))}
                </ul>
                <ChecklistChoices
                  catalogue={catalogue}
                  chosen={page.checklists}
                  onChange={(checklists) => setPage({ ...page, checklists })}
                />
                <button type="button" onClick={() => startPick('cell')} disabled={Boolean(pending)}>
                  {t('pickCell')}
                </button>
              </>
            ) : (
              <button type="button" onClick={() => startPick('row')} disabled={Boolean(pending)}>
                {t('pickRow')}
              </button>
            )}
          </section>
        </section>
      ) : null}

      <section aria-labelledby={`${id}-try`}>
        <h2 id={`${id}-try`}>{t('tryHeading')}</h2>
        <div className="cg-pb-row">
          <button type="button" className="cg-pb-primary" onClick={() => void tryIt()} disabled={!draft.pages.length}>
            {t('tryIt')}
          </button>
          <button type="button" onClick={() => void checkHealth()} disabled={!page}>
            {t('checkHealth')}
          </button>
        </div>
        {notice ? (
          <div role={notice.ok ? 'status' : 'alert'} data-testid="builder-notice" className={notice.ok ? 'cg-pb-ok' : 'cg-pb-error'}>
            <p>{notice.text}</p>
            {notice.problems?.length ? (
              <ul>
                {notice.problems.map((problem, index) => (
                  <li key={index}>
                    <code>{problem.path || '(adapter)'}</code>: {problem.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {health ? (
          <section aria-labelledby={`${id}-health`}>
            <h3 id={`${id}-health`}>{t('healthHeading')}</h3>
            <ul data-testid="health">
              {health.map((item, index) => (
                <li
                  key={index}
                  data-state={
                    item.count < 0
                      ? 'invalid'
                      : item.count === 0
                        ? 'missing'
                        : item.count === 1 || item.rows || item.group
                          ? 'found'
                          : 'many'
                  }
                >
                  {item.name}:{' '}
                  {item.count < 0
                    ? t('healthInvalid')
                    : item.count === 0
                      ? t('healthMissing')
                      : item.rows
                        ? t('healthRows', { count: item.count })
                        : item.group
                          ? t('healthGroup', { count: item.count })
                          : item.count === 1
                            ? t('healthFound')
                            : t('healthMany', { count: item.count })}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </section>

      <section aria-labelledby={`${id}-export`}>
        <h2 id={`${id}-export`}>{t('exportHeading')}</h2>
        <div className="cg-pb-row">
          <button type="button" onClick={() => void exportAdapter()} disabled={!draft.pages.length}>
            {t('export')}
          </button>
          <button type="button" onClick={() => host.close()}>
            {t('close')}
          </button>
        </div>
      </section>
    </main>
  );
}

/**
 * While the picker is armed: the prompt to click in the portal, and the
 * keyboard way to pick. Typing narrows the portal's candidates to those whose
 * label holds the words; the arrow keys move the outline through them and the
 * element under it is announced; Enter picks it; Escape stops picking.
 */
function KeyboardPicker({ host, armed, onStop }: { host: BuilderHost; armed: boolean; onStop(): void }) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [at, setAt] = useState<(CursorReply & { query: string }) | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // The words last asked for: an answer to earlier words, arriving after it (typing is faster than the portal answers), is dropped.
  const asked = useRef('');
  // The button that armed the picker is disabled meanwhile: the search takes the focus.
  useEffect(() => input.current?.focus(), []);
  const move = async (direction: 'first' | 'next' | 'previous', text = query) => {
    asked.current = text;
    const reply = await host.cursor(direction, text);
    if (asked.current === text) setAt(reply ? { ...reply, query: text } : null);
  };
  // Words typed while the portal was getting ready found no armed frame to answer: they are asked again once it is.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the moment the frames are armed asks again.
  useEffect(() => {
    if (armed && query) void move('first', query);
  }, [armed]);
  const describe = (reply: CursorReply) => {
    const kind =
      reply.kind === 'row'
        ? t('cursorRow')
        : reply.kind === 'cell'
          ? t('cursorCell')
          : `${t(`kind_${reply.kind}` as BuilderKey)}${reply.widget ? `, ${reply.widget}` : ''}`;
    return t('cursorAt', { position: reply.position, total: reply.total, label: reply.label, kind });
  };
  return (
    <div className="cg-pb-picking" data-testid="picking">
      <p role="status">{t(armed ? 'picking' : 'pickingPreparing')}</p>
      <label htmlFor={`${id}-find`}>{t('findLabel')}</label>
      <input
        id={`${id}-find`}
        ref={input}
        type="search"
        value={query}
        aria-describedby={`${id}-hint ${id}-at`}
        onChange={(event) => {
          setQuery(event.target.value);
          void move('first', event.target.value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            void move(at ? (event.key === 'ArrowDown' ? 'next' : 'previous') : 'first');
          } else if (event.key === 'Enter') {
            event.preventDefault();
            if (at?.total) void host.take();
            else void move('first');
          } else if (event.key === 'Escape') {
            event.preventDefault();
            onStop();
          }
        }}
      />
      <p id={`${id}-hint`} className="cg-pb-hint">
        {t('findHint')}
      </p>
      <p id={`${id}-at`} role="status" aria-live="polite" data-testid="cursor" data-query={at?.query}>
        {at ? (at.total ? describe(at) : t('cursorNone', { query })) : ''}
      </p>
      <div className="cg-pb-row">
        <button type="button" onClick={() => void move(at ? 'previous' : 'first')}>
          {t('previousElement')}
        </button>
        <button type="button" onClick={() => void move(at ? 'next' : 'first')}>
          {t('nextElement')}
        </button>
        <button type="button" disabled={!at?.total} onClick={() => void host.take()}>
          {t('pickThis')}
        </button>
        <button type="button" onClick={onStop}>
          {t('cancelPick')}
        </button>
      </div>
    </div>
  );
}
