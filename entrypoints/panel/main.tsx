// The panel page: connects to the tab's content script, restores any draft,
// and hands everything to the Panel component. No business rules live here.
import { parseNote, type Locale } from '@chartguard/sdk';
import { StrictMode, useCallback, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { Panel, initialChecklist, type ApplyResult, type SaveStatus } from '../../components/Panel';
import type { HeldSave } from '../../components/SaveHeldBanner';
import { builtInChecklists } from '../../lib/catalog';
import type { PageSnapshot, ToPanel } from '../../lib/protocol';
import { storeClient } from '../../lib/store-client';
import { connectToPage, type Connection } from './connection';

const DRAFT_DELAY_MS = 200;

interface Ready {
  snapshot: PageSnapshot;
  initialAnswers: Record<string, unknown>;
  initialChecklistId: string | null;
  restoredAt?: Date;
}

function PanelPage() {
  const checklists = builtInChecklists();
  const [ready, setReady] = useState<Ready | null>(null);
  const [snapshot, setSnapshot] = useState<PageSnapshot | null>(null);
  const [connected, setConnected] = useState(true);
  const [held, setHeld] = useState<HeldSave | null>(null);
  const [saveStatus, setSaveStatus] = useState<SaveStatus | null>(null);
  const [applyResult, setApplyResult] = useState<ApplyResult | null>(null);
  const connection = useRef<Connection | null>(null);
  const latest = useRef<{ checklistId: string | null; answers: Record<string, unknown> }>({ checklistId: null, answers: {} });
  const draftTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const snapshotRef = useRef<PageSnapshot | null>(null);

  const onMessage = useCallback((message: ToPanel) => {
    switch (message.type) {
      case 'page':
        snapshotRef.current = message.snapshot;
        setSnapshot(message.snapshot);
        break;
      case 'saveHeld':
        setHeld({ checklistId: message.checklistId, control: message.control, issues: message.issues });
        setSaveStatus(null);
        break;
      case 'saveAllowed': {
        setHeld(null);
        setSaveStatus(message.overridden ? { kind: 'overridden' } : { kind: 'allowed', checklistId: message.checklistId });
        const page = snapshotRef.current;
        if (page?.recordId && message.checklistId) void storeClient.log({ type: 'save', portal: page.adapterId, record: page.recordId, checklist: message.checklistId });
        break;
      }
      case 'saveUnchecked':
        setSaveStatus({ kind: 'unchecked', reason: message.reason });
        break;
      case 'applied':
        // The held verdict was about the record before this Apply; the next Save is judged afresh.
        setHeld(null);
        setApplyResult({ at: new Date(), written: message.written, problems: message.problems });
        break;
    }
  }, []);

  useEffect(() => {
    let cancelled = false;
    connectToPage(onMessage, () => setConnected(false))
      .then((opened) => {
        if (cancelled) opened.close();
        else connection.current = opened;
      })
      .catch(() => setConnected(false));
    return () => {
      cancelled = true;
      connection.current?.close();
    };
  }, [onMessage]);

  // The first snapshot decides the record; a draft for it wins over the portal's note.
  useEffect(() => {
    if (!snapshot || ready) return;
    const checklistId = initialChecklist(snapshot);
    const fromPage = async (): Promise<Ready> => {
      const base: Record<string, unknown> = {};
      const noteChecklist = checklistId ? checklists.get(checklistId) : undefined;
      if (noteChecklist) {
        Object.assign(base, parseNote(noteChecklist, snapshot.note).answers);
      }
      Object.assign(base, snapshot.answers);
      if (snapshot.recordId) {
        for (const id of [checklistId, ...snapshot.checklists]) {
          if (!id) continue;
          const draft = await storeClient.loadDraft({ portal: snapshot.adapterId, record: snapshot.recordId, checklist: id }).catch(() => undefined);
          if (draft) {
            void storeClient.log({ type: 'restore', portal: snapshot.adapterId, record: snapshot.recordId, checklist: id });
            return { snapshot, initialAnswers: { ...base, ...draft.answers, ...snapshot.answers }, initialChecklistId: id, restoredAt: new Date(draft.updatedAt) };
          }
        }
      }
      return { snapshot, initialAnswers: base, initialChecklistId: checklistId };
    };
    void fromPage().then(setReady);
  }, [snapshot, ready, checklists]);

  const onAnswersChange = useCallback((checklistId: string | null, answers: Record<string, unknown>) => {
    latest.current = { checklistId, answers };
    clearTimeout(draftTimer.current);
    draftTimer.current = setTimeout(() => {
      const page = snapshotRef.current;
      if (!page?.recordId || !checklistId) return;
      void storeClient.saveDraft({ portal: page.adapterId, record: page.recordId, checklist: checklistId }, answers).catch(() => undefined);
    }, DRAFT_DELAY_MS);
  }, []);

  if (!ready || !snapshot) return <p className="cg-connecting">{connected ? 'Connecting to the page…' : 'The page is not reachable. Reload the page to reconnect.'}</p>;

  const defaultLocale: Locale = browser.i18n.getUILanguage().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';

  return (
    <Panel
      snapshot={snapshot}
      checklists={checklists}
      initialAnswers={ready.initialAnswers}
      initialChecklistId={ready.initialChecklistId}
      restoredAt={ready.restoredAt}
      connected={connected}
      held={held}
      saveStatus={saveStatus}
      applyResult={applyResult}
      defaultLocale={defaultLocale}
      onSelect={(checklistId) => connection.current?.send({ type: 'select', checklistId })}
      onCollapse={(collapsed) => connection.current?.send({ type: 'layout', collapsed })}
      onAnswersChange={onAnswersChange}
      onApply={(note, answers) => {
        const page = snapshotRef.current;
        const checklistId = latest.current.checklistId;
        const defined = Object.fromEntries(Object.entries(answers).filter(([, value]) => value !== undefined && value !== null));
        connection.current?.send({ type: 'apply', note, answers: defined as never });
        if (page?.recordId && checklistId) void storeClient.log({ type: 'apply', portal: page.adapterId, record: page.recordId, checklist: checklistId });
      }}
      onOverride={(reason, ruleIds) => {
        const page = snapshotRef.current;
        const checklistId = held?.checklistId ?? latest.current.checklistId ?? '';
        void storeClient.log({ type: 'override', portal: page?.adapterId ?? '', record: page?.recordId ?? '', checklist: checklistId, ruleIds, reason }).finally(() => {
          connection.current?.send({ type: 'overrideSave', reason });
        });
      }}
    />
  );
}

z.config({ jitless: true });
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PanelPage />
  </StrictMode>,
);

