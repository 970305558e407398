// The panel page: connects to the tab's content script, keeps drafts through
// the background, and hands everything to the Panel component. No business
// rules live here.
import { noteChecklistId, parseNote, type Locale } from '@chartguard/sdk';
import { StrictMode, useCallback, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { browserLocale } from '../../i18n';
import { ui } from '../../i18n/panel';
import { Panel, type ApplyResult, type SaveStatus } from '../../components/Panel';
import type { HeldSave } from '../../components/SaveHeldBanner';
import { builtInChecklists } from '../../lib/catalog/built-in';
import { loadCatalog } from '../../lib/catalog/config';
import { CONFIG_KEY, MANAGED_KEY } from '../../lib/catalog/runtime';
import { NOTE_LIMIT, type PageSnapshot, type ToPanel } from '../../lib/protocol';
import { automaticChecklist, pageOverNote, recordOnPage } from '../../lib/record-model';
import { storeClient } from '../../lib/store-client';
import { connectToPage, type Connection } from './connection';
import { SaveJudge } from './save-judge';
import { DraftWriter } from './draft-writer';
import { PinPrompt } from './pin-prompt';
import { PinRequired } from './pin-required';
import type { DraftKey } from '../../lib/store';
import { watchObscured } from './visibility';
import { markReady, markRendered } from './readiness';
import './style.css';

/** Where the panel remembers the name written with each entry. */
const AUTHOR_KEY = 'chartguard.entryAuthor';
/** How long the panel waits for the page's rich-text editor to start before reading the record without it. */
const WIDGET_START_WAIT_MS = 4_000;

interface Ready {
  snapshot: PageSnapshot;
  initialAnswers: Record<string, unknown>;
  /** The restored draft's checklist, or null when the record opens without a draft. */
  initialChecklistId: string | null;
  restoredAt?: Date;
  purgeAt?: Date;
  generation: number;
}

function PanelPage() {
  const [checklists, setChecklists] = useState(builtInChecklists);
  // The record page's Save is judged here, on each snapshot it sends (./save-judge.ts).
  const [judge] = useState(() => new SaveJudge());
  useEffect(() => {
    const read = () =>
      loadCatalog()
        .then((catalog) => {
          setChecklists(catalog.checklists);
          judge.catalog(catalog.checklists);
        })
        .catch(() => judge.catalog(builtInChecklists()));
    void read();
    // An import or a policy change that leaves the portal's adapter as it was does not restart the record page:
    // the panel reads the checklists again, so Save is judged by the rules now in effect.
    const onChange = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && (CONFIG_KEY in changes || MANAGED_KEY in changes)) void read();
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, [judge]);
  const [ready, setReady] = useState<Ready | null>(null);
  const [snapshot, setSnapshot] = useState<PageSnapshot | null>(null);
  const [connected, setConnected] = useState(true);
  const [held, setHeld] = useState<HeldSave | null>(null);
  // Set while the override's entry (G-04) is being written, so its Apply does not clear the held banner.
  const writingOverrideEntry = useRef(false);
  /** "No checklist" waits for its line to reach the portal's note before the suggested checklist is dropped. */
  const decliningChecklist = useRef(false);
  const [saveStatus, setSaveStatus] = useState<SaveStatus | null>(null);
  const [applyResult, setApplyResult] = useState<ApplyResult | null>(null);
  const [conflict, setConflict] = useState<{ theirsAt: Date; theirs: Record<string, unknown> } | null>(null);
  const [obscured, setObscured] = useState(false);
  const [locale, setLocale] = useState<Locale | undefined>(undefined);
  // The entry author is entered once and remembered in the extension's storage, never the page's (G-01).
  const [author, setAuthor] = useState<string | undefined>(undefined);
  // The panel waits for the remembered name, so Apply never finds it missing only because storage was slow.
  const [authorRead, setAuthorRead] = useState(false);
  useEffect(() => {
    void browser.storage.local
      .get(AUTHOR_KEY)
      .then((stored) => {
        const name = stored[AUTHOR_KEY];
        if (typeof name === 'string' && name) setAuthor(name);
      })
      .catch(() => undefined)
      .finally(() => setAuthorRead(true));
  }, []);
  /** Problems the user must know about and act on, shown above the panel (Chartguard's own failures). */
  const [warnings, setWarnings] = useState<Partial<Record<'draft' | 'override' | 'unconfirmed' | 'message', string>>>({});
  const warn = useCallback((kind: 'draft' | 'override' | 'unconfirmed' | 'message', text: string | null) => {
    setWarnings((previous) => {
      if ((previous[kind] ?? null) === text) return previous;
      const next = { ...previous };
      if (text === null) delete next[kind];
      else next[kind] = text;
      return next;
    });
  }, []);
  /** Set while a PIN-sealed draft waits for the user: the PIN, or going on without it. */
  const [pinPrompt, setPinPrompt] = useState<((choice: 'unlocked' | 'skipped') => void) | null>(null);
  /** Set while the organisation requires a drafts PIN this user has not set: set it now, or later. */
  const [pinRequired, setPinRequired] = useState<{ drafts: number; done(choice: 'set' | 'later'): void } | null>(null);
  /** True once the record is on screen, so a held Save can be shown with its override. */
  const rendered = useRef(false);
  const connection = useRef<Connection | null>(null);
  const latest = useRef<{ checklistId: string | null; answers: Record<string, unknown> }>({ checklistId: null, answers: {} });
  const snapshotRef = useRef<PageSnapshot | null>(null);
  const writer = useRef<DraftWriter | null>(null);

  const draftKey = (checklistId: string | null) => {
    const page = snapshotRef.current;
    return page?.recordId && checklistId ? { portal: page.adapterId, record: page.recordId, checklist: checklistId } : null;
  };

  const onMessage = useCallback(
    (message: ToPanel) => {
      switch (message.type) {
        case 'page':
          snapshotRef.current = message.snapshot;
          setSnapshot(message.snapshot);
          judge.received(message);
          break;
        case 'saveHeld':
          setHeld({ checklistId: message.checklistId, control: message.control, issues: message.issues });
          setSaveStatus(null);
          // The content script lets the hold go unless the panel says it is showing it.
          if (rendered.current) connection.current?.send({ type: 'heldShown' });
          break;
        case 'saveAllowed':
          // Nothing is called saved until the portal confirms it; an override's banner stays until then.
          if (!message.overridden) setHeld(null);
          setSaveStatus(null);
          warn('unconfirmed', null);
          break;
        case 'saveConfirmed': {
          setHeld(null);
          setSaveStatus(message.overridden ? { kind: 'overridden' } : { kind: 'allowed', checklistId: message.checklistId });
          // The portal confirmed the save: the draft has done its job. It is retired, not deleted, so a wrong
          // confirmation loses nothing; the retention purge deletes it.
          const key = draftKey(message.checklistId ?? latest.current.checklistId);
          // A save that reloaded the page: the background has retired the draft and logged the save already.
          if (message.recorded) break;
          if (key) {
            // Retired only after a draft write already on its way has landed, or that write would bring it back.
            void (writer.current?.stop() ?? Promise.resolve()).then(() => storeClient.retireDraft(key)).catch(() => undefined);
            void storeClient.log({ type: 'save', ...key });
          }
          break;
        }
        case 'saveNotConfirmed': {
          if (!message.overridden) break;
          const key = draftKey(message.checklistId ?? latest.current.checklistId);
          if (key) void storeClient.log({ type: 'unconfirmed', ...key }).catch(() => undefined);
          warn(
            'unconfirmed',
            `Override attempted, not confirmed: ${message.reason}. The record may not be saved; your answers are kept as a draft.`,
          );
          break;
        }
        case 'saveUnchecked':
          setSaveStatus({ kind: 'unchecked', reason: message.reason });
          break;
        case 'saveDropped':
          // The page says the press was not sent; a hold still on screen would offer to override a Save that is gone.
          setHeld(null);
          break;
        case 'applied':
          // The held verdict was about the record before this Apply; the next Save is judged afresh. Not so for
          // the override's own entry: that Save is going ahead, and its banner stays until the portal confirms it.
          if (writingOverrideEntry.current) writingOverrideEntry.current = false;
          else setHeld(null);
          if (decliningChecklist.current) {
            decliningChecklist.current = false;
            // Only the note was written: without its line in the portal, the suggested checklist stays in force.
            if (message.written.length > 0) {
              latest.current = { checklistId: null, answers: latest.current.answers };
              connection.current?.send({ type: 'select', checklistId: null });
            } else
              warn(
                'override',
                `“No checklist” was logged, but its line could not be written into the portal’s note (${message.problems.map((problem) => `${problem.field}: ${problem.reason}`).join('; ') || 'nothing written'}), so the suggested checklist stays. Try again.`,
              );
          }
          setApplyResult({ at: new Date(), written: message.written, problems: message.problems });
          break;
      }
    },
    [warn, judge],
  );

  useEffect(() => {
    let cancelled = false;
    connectToPage(
      onMessage,
      () => setConnected(false),
      (type) =>
        warn(
          'message',
          `The page sent a “${type}” message Chartguard could not read, so the panel may be out of date. Reload the page; your answers are kept as a draft.`,
        ),
    )
      .then((opened) => {
        if (cancelled) {
          opened.close();
          return;
        }
        // What the panel tells the page (its checklist, its language) is what the judge judges by.
        connection.current = {
          send(message) {
            opened.send(message);
            judge.told(message);
          },
          close: () => opened.close(),
        };
        judge.connect((verdict) => {
          try {
            opened.send(verdict);
          } catch {
            // The page is gone: it needs no verdict.
          }
        });
      })
      .catch(() => setConnected(false));
    const stopWatching = watchObscured(document.getElementById('root')!, setObscured);
    void storeClient
      .settings()
      .then((settings) => setLocale(settings.locale))
      .catch(() => undefined);
    return () => {
      cancelled = true;
      stopWatching();
      connection.current?.close();
    };
  }, [onMessage, judge]);

  // The first snapshot decides the record; the newest draft for it wins over the portal's note. A rich-text
  // editor still starting (the note's own widget) is waited for, a few seconds at most, so a saved entry is read.
  const restoring = useRef(false);
  const [widgetWaitOver, setWidgetWaitOver] = useState(false);
  const hasSnapshot = snapshot !== null;
  useEffect(() => {
    if (!hasSnapshot) return;
    const timer = setTimeout(() => setWidgetWaitOver(true), WIDGET_START_WAIT_MS);
    return () => clearTimeout(timer);
  }, [hasSnapshot]);
  useEffect(() => {
    if (!snapshot || ready || restoring.current) return;
    if (snapshot.notStarted?.length && !widgetWaitOver) return;
    restoring.current = true;
    const checklistId = automaticChecklist(snapshot);
    const noteChecklist = checklistId ? checklists.get(checklistId) : undefined;
    const fromPage = async (): Promise<Ready> => {
      writer.current = new DraftWriter({
        save: (key, answers, version) => storeClient.saveDraft(key, answers, version),
        onConflict: (theirs) => setConflict({ theirsAt: new Date(theirs.updatedAt), theirs: theirs.answers }),
        onWriteFailed: (error) =>
          warn(
            'draft',
            error?.includes('requires a drafts PIN')
              ? 'Your organisation requires a drafts PIN, and none is set: what you type here is not kept as a draft. Apply it to the record before closing this tab, or set the PIN on Chartguard’s options page (or reload this page to set it here).'
              : error
                ? `Your answers could not be saved as a draft (${error}). Keep this tab open and apply them to the record before closing it; if this persists, free disk space or ask IT to check the browser's storage.`
                : null,
          ),
      });
      if (snapshot.recordId) {
        // The organisation requires a PIN this user has not set: ask for it before any draft is written.
        const protection = await storeClient.pinStatus().catch(() => undefined);
        if (protection?.mode === 'device' && protection.required) {
          await new Promise<'set' | 'later'>((resolve) => setPinRequired({ drafts: protection.drafts, done: resolve }));
          setPinRequired(null);
        }
        let newest: { id: string; draft: { answers: Record<string, unknown>; updatedAt: number }; purgeAt: number } | undefined;
        // In PIN mode, drafts sealed before this browser session need the PIN; the user may also go on without them.
        // A load that is the portal's confirmation of a save (`?saved=1`) shows the saved record: no draft is offered over it.
        for (let attempt = 0; attempt < 2 && !snapshot.savedOnLoad; attempt++) {
          const locked: { key: DraftKey; updatedAt: number }[] = [];
          for (const id of new Set(snapshot.checklists)) {
            const key = { portal: snapshot.adapterId, record: snapshot.recordId, checklist: id };
            const found = await storeClient.loadDraft(key).catch(() => undefined);
            if (!found) continue;
            if ('locked' in found) {
              locked.push({ key, updatedAt: found.updatedAt });
              continue;
            }
            writer.current.seen(key, found.draft.updatedAt);
            if (!newest || found.draft.updatedAt > newest.draft.updatedAt) newest = { id, ...found };
          }
          if (!locked.length) break;
          const choice = await new Promise<'unlocked' | 'skipped'>((resolve) => setPinPrompt(() => resolve));
          setPinPrompt(null);
          if (choice === 'unlocked') continue;
          // Going on without them: this panel's writes replace them, with no conflict asked about.
          for (const { key, updatedAt } of locked) writer.current.seen(key, updatedAt);
          break;
        }
        if (newest) {
          void storeClient.log({ type: 'restore', portal: snapshot.adapterId, record: snapshot.recordId, checklist: newest.id });
          const initialAnswers = recordOnPage(noteChecklist, snapshot, newest.draft.answers);
          return {
            snapshot,
            initialAnswers,
            initialChecklistId: newest.id,
            restoredAt: new Date(newest.draft.updatedAt),
            purgeAt: new Date(newest.purgeAt),
            generation: 0,
          };
        }
      }
      return { snapshot, initialAnswers: recordOnPage(noteChecklist, snapshot), initialChecklistId: null, generation: 0 };
    };
    void fromPage().then((next) => {
      answersChanged.current = false;
      setReady(next);
    });
  }, [snapshot, ready, checklists, widgetWaitOver]);

  // A rich-text editor still starting when the record was first read shows the note a moment later. While
  // nothing has changed in the panel since, the record is read again with it, so a saved entry is not missed.
  const answersChanged = useRef(false);
  useEffect(() => {
    if (!ready || !snapshot || ready.generation !== 0 || ready.restoredAt || answersChanged.current) return;
    if (snapshot.note === ready.snapshot.note) return;
    const entryAnswers = (note: string) => {
      const id = noteChecklistId(note);
      const checklist = id ? checklists.get(id) : undefined;
      return checklist ? Object.keys(parseNote(checklist, note).answers).length : 0;
    };
    if (entryAnswers(ready.snapshot.note) > 0 || entryAnswers(snapshot.note) === 0) return;
    restoring.current = false;
    setReady(null);
  }, [snapshot, ready, checklists]);

  // Drafts are flushed when the panel is hidden or unloaded, not only on a timer.
  useEffect(() => {
    const flush = () => writer.current?.flush();
    document.addEventListener('visibilitychange', flush);
    window.addEventListener('pagehide', flush);
    return () => {
      document.removeEventListener('visibilitychange', flush);
      window.removeEventListener('pagehide', flush);
    };
  }, []);

  const onAnswersChange = useCallback((checklistId: string | null, answers: Record<string, unknown>) => {
    answersChanged.current = true;
    latest.current = { checklistId, answers };
    const key = draftKey(checklistId);
    if (key) writer.current?.change(key, answers);
  }, []);

  useEffect(() => {
    if (!ready || !snapshot || snapshot.noteLength !== undefined) return;
    rendered.current = true;
    connection.current?.send({ type: 'ready' });
    markReady();
  }, [ready, snapshot, connected]);

  // Readiness for tests (./readiness.ts): counted after each render of a snapshot, a hold, an Apply's result.
  useEffect(() => void (snapshot && markRendered('page')), [snapshot]);
  useEffect(() => void (held && markRendered('held')), [held]);
  useEffect(() => void (applyResult && markRendered('applied')), [applyResult]);

  const defaultLocale: Locale = browserLocale(locale, browser.i18n.getUILanguage());

  if (snapshot?.noteLength !== undefined)
    return (
      <p className="cg-warning-box" role="alert">
        {ui(defaultLocale, 'noteTooLong', {
          length: snapshot.noteLength.toLocaleString(defaultLocale),
          limit: NOTE_LIMIT.toLocaleString(defaultLocale),
        })}
      </p>
    );

  if (pinPrompt) return <PinPrompt onDone={pinPrompt} locale={defaultLocale} />;
  if (pinRequired) return <PinRequired drafts={pinRequired.drafts} onDone={pinRequired.done} locale={defaultLocale} />;

  if (!ready || !snapshot || !authorRead)
    return <p className="cg-connecting">{ui(defaultLocale, connected ? 'connecting' : 'unreachable')}</p>;

  const warningList = Object.entries(warnings);
  return (
    <>
      {warningList.map(([kind, text]) => (
        <p key={kind} className="cg-warning-box" role="alert" data-testid={`panel-warning-${kind}`}>
          {text}
        </p>
      ))}
      <Panel
        key={ready.generation}
        {...{ snapshot, checklists, connected, held, saveStatus, applyResult, defaultLocale, obscured, conflict, author, onAnswersChange }}
        initialAnswers={ready.initialAnswers}
        initialChecklistId={ready.initialChecklistId}
        restoredAt={ready.restoredAt}
        purgeAt={ready.purgeAt}
        onResolveConflict={(choice) => {
          const theirs = conflict;
          setConflict(null);
          if (!theirs) return;
          if (choice === 'mine') writer.current?.overwrite();
          else {
            const key = draftKey(latest.current.checklistId);
            if (key) writer.current?.takeTheirs(key, theirs.theirsAt.getTime());
            const initialAnswers = pageOverNote({ draft: theirs.theirs, page: snapshot.answers });
            setReady({ ...ready, initialAnswers, initialChecklistId: latest.current.checklistId, generation: ready.generation + 1 });
          }
        }}
        onSelect={(checklistId) => connection.current?.send({ type: 'select', checklistId })}
        onCollapse={(collapsed) => connection.current?.send({ type: 'layout', collapsed })}
        onLocale={(next) => connection.current?.send({ type: 'locale', locale: next })}
        onAuthor={(name) => {
          setAuthor(name);
          void browser.storage.local.set({ [AUTHOR_KEY]: name.slice(0, 200) }).catch(() => undefined);
        }}
        onApply={(note, answers) => {
          const key = draftKey(latest.current.checklistId);
          connection.current?.send({ type: 'apply', note, answers: answers as never });
          if (key) void storeClient.log({ type: 'apply', ...key });
        }}
        onDeclineChecklist={async ({ suggested, reason, note }) => {
          const page = snapshotRef.current;
          // Like an override: logged first, and only once it is logged is the entry written and the checklist dropped.
          try {
            await storeClient.log({
              type: 'no-checklist',
              portal: page?.adapterId ?? '-',
              record: page?.recordId ?? '-',
              checklist: suggested,
              reason,
            });
          } catch (error) {
            warn(
              'override',
              `Choosing no checklist could not be logged (${error instanceof Error ? error.message : String(error)}), so the suggested checklist stays. Try again; if it keeps failing, reload the page (your answers are kept as a draft).`,
            );
            throw error;
          }
          warn('override', null);
          decliningChecklist.current = true;
          connection.current?.send({ type: 'apply', note, answers: {} });
        }}
        onOverride={(reason, ruleIds, entry) => {
          const key = draftKey(held?.checklistId ?? latest.current.checklistId) ?? { portal: '-', record: '-', checklist: '-' };
          // Save is released only once the override is in the log; a log that cannot be written keeps it held.
          storeClient.log({ type: 'override', ...key, ruleIds, reason }).then(
            () => {
              warn('override', null);
              // The override is written into the entry (G-04) before the held Save goes on; messages arrive in order.
              if (entry) {
                writingOverrideEntry.current = true;
                connection.current?.send({ type: 'apply', note: entry.note, answers: entry.answers as never });
              }
              connection.current?.send({ type: 'overrideSave', reason });
            },
            (error: unknown) =>
              warn(
                'override',
                `The override could not be logged (${error instanceof Error ? error.message : String(error)}), so Save is still held. Press “Save anyway” again; if it keeps failing, reload the page (your answers are kept as a draft).`,
              ),
          );
        }}
      />
    </>
  );
}

z.config({ jitless: true });
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PanelPage />
  </StrictMode>,
);
