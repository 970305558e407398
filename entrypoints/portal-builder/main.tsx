// The portal builder page, framed in the portal by the picker (issue 20 part
// 1): the composition root that connects the builder to its tab. Picks come
// from the picker in the tab's frames (validated, and only from this tab);
// orders go to them with tabs.sendMessage; the page-world widget probe is run
// with scripting.executeScript; a tried adapter is stored exactly where the
// options page stores an imported one, so the content script runs it at once.
import { ChecklistError, type AdapterV2, type Checklist } from '@chartguard/sdk';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { PortalBuilder, type BuilderHost, type PickEvent } from '../../components/portal-builder/PortalBuilder';
import { emptyDraft, originPattern, type AdapterDraft } from '../../lib/adapter-draft';
import {
  BUILDER_DRAFT_KEY,
  countReplySchema,
  cursorReplySchema,
  fromPickerSchema,
  PICKER_FILE,
  PROBE_FILE,
  whereReplySchema,
  type CursorReply,
  type ToPicker,
} from '../../lib/builder-protocol';
import { storedCompactAdapters } from '../../lib/catalog/compact';
import { loadCatalog, loadStoredConfig, readImport, saveStoredConfig } from '../../lib/catalog/config';
import { downloadJson } from '../../lib/download';
import { compactedForPortals } from './compacted-for-portals';
import './style.css';

function validate(adapter: AdapterV2): void {
  const read = readImport(adapter);
  if (read.kind !== 'adapter') throw new ChecklistError([{ path: 'format', message: 'not an adapter' }], 'portal adapter');
}

function createHost(tabId: number): BuilderHost {
  const send = (message: ToPicker, frameId?: number) =>
    browser.tabs.sendMessage(tabId, message, frameId === undefined ? undefined : { frameId }).catch(() => undefined);
  // The keyboard cursor across the tab's frames. The top frame lists its own elements and those of same-origin
  // frames; a cross-origin frame lists its own. The builder walks their lists in turn (the top frame's first).
  let walk: { query: string; parts: { frameId: number; total: number }[]; index: number; frameId?: number } | undefined;
  let cursorQueue: Promise<unknown> = Promise.resolve();
  // The frames the picker was armed in: only they can answer, so a search typed key by key asks them without
  // walking the tab's frames again. Arming again (which reaches frames loaded since) renews the list.
  let armedFrames: number[] | undefined;
  const framesOf = (results: { frameId: number }[]) => [...new Set([0, ...results.map((result) => result.frameId)])].sort((a, b) => a - b);
  const frameIds = async () =>
    armedFrames ??
    framesOf(await browser.scripting.executeScript({ target: { tabId, allFrames: true }, func: () => true }).catch(() => []));
  const ask = async (frameId: number, query: string, at: number) => {
    const reply = cursorReplySchema.safeParse(await send({ type: 'builder.cursor', move: 'first', query, at }, frameId));
    return reply.success ? reply.data : undefined;
  };
  const moveCursor = async (move: 'first' | 'next' | 'previous', query: string): Promise<CursorReply | undefined> => {
    if (!walk || walk.query !== query || move === 'first') {
      const counts = await Promise.all((await frameIds()).map(async (frameId) => ({ frameId, reply: await ask(frameId, query, -1) })));
      const parts = counts.flatMap(({ frameId, reply }) => (reply?.total ? [{ frameId, total: reply.total }] : []));
      // No frame answering at all (the picker not armed anywhere) is no answer, as before.
      if (!counts.some(({ reply }) => reply)) return undefined;
      walk = { query, parts, index: 0 };
    } else {
      const total = walk.parts.reduce((sum, part) => sum + part.total, 0);
      if (total) walk.index = (walk.index + (move === 'next' ? 1 : -1) + total) % total;
    }
    const total = walk.parts.reduce((sum, part) => sum + part.total, 0);
    // The cursor's place among all frames' candidates, as a frame and a place within that frame's own list.
    let local = walk.index;
    let part: { frameId: number; total: number } | undefined;
    for (const item of walk.parts) {
      if (local < item.total) {
        part = item;
        break;
      }
      local -= item.total;
    }
    if (!part) {
      walk.frameId = undefined;
      return { position: 0, total: 0, label: '', kind: '' };
    }
    // The frame that had the cursor stops outlining when it moves to another frame.
    if (walk.frameId !== undefined && walk.frameId !== part.frameId) await ask(walk.frameId, query, -1);
    walk.frameId = part.frameId;
    const reply = await ask(part.frameId, query, local);
    return reply ? { ...reply, position: walk.index + 1, total } : undefined;
  };
  return {
    async arm(mode, row) {
      // Frames loaded since the builder opened get the picker too; a frame that has it keeps the one it has.
      const injected = await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: [PICKER_FILE] }).catch(() => []);
      armedFrames = injected.length ? framesOf(injected) : undefined;
      await send({ type: 'builder.arm', mode, ...(row ? { row } : {}) });
    },
    async disarm() {
      armedFrames = undefined;
      await send({ type: 'builder.disarm' });
    },
    cursor(move, query) {
      // One move at a time: a later search's answers must not be overtaken by an earlier one's.
      const next = cursorQueue.then(() => moveCursor(move, query));
      cursorQueue = next.catch(() => undefined);
      return next;
    },
    take() {
      // Behind the moves already asked for: Enter right after typing picks what the last search put the cursor on.
      const next = cursorQueue.then(async () => {
        if (walk?.frameId !== undefined) await send({ type: 'builder.take' }, walk.frameId);
      });
      cursorQueue = next.catch(() => undefined);
      return next;
    },
    async highlight(selector, page, within) {
      const reply = countReplySchema.safeParse(
        await send({ type: 'builder.highlight', selector, ...(within ? { within } : {}), ...(page ? { page } : {}) }),
      );
      return reply.success ? (reply.data.counts[0] ?? 0) : 0;
    },
    async count(probes, page) {
      const reply = countReplySchema.safeParse(await send({ type: 'builder.count', probes, ...(page ? { page } : {}) }));
      return reply.success ? reply.data.counts : undefined;
    },
    async probe(frameId) {
      try {
        const [result] = await browser.scripting.executeScript({
          target: { tabId, frameIds: [frameId] },
          world: 'MAIN',
          files: [PROBE_FILE],
        });
        const widgets = z.array(z.string()).safeParse(result?.result);
        return widgets.success ? widgets.data : [];
      } finally {
        await send({ type: 'builder.unmark' }, frameId);
      }
    },
    async validate(adapter) {
      validate(adapter);
    },
    async tryIt(adapter) {
      validate(adapter);
      const stored = await loadStoredConfig();
      const others = stored.adapters.filter((item) => (item as { id?: unknown }).id !== adapter.id);
      await saveStoredConfig({ ...stored, adapters: [adapter, ...others] });
      // "Now runs with the draft" is said once the portal's always-on script can read it: the background compacts
      // the configuration for that script on the change, a storage round trip after this write.
      await compactedForPortals(storedCompactAdapters((await loadCatalog()).adapters));
    },
    exportFile: downloadJson,
    saveDraft(draft) {
      void browser.storage.local.set({ [BUILDER_DRAFT_KEY]: draft });
    },
    close() {
      void send({ type: 'builder.close' });
    },
  };
}

function BuilderPage() {
  const [state, setState] = useState<{ host: BuilderHost; tabId: number; url: string; draft: AdapterDraft; catalogue: Checklist[] } | null>(
    null,
  );
  const [pickEvent, setPickEvent] = useState<PickEvent | undefined>(undefined);
  const [cancelled, setCancelled] = useState(0);

  useEffect(() => {
    void (async () => {
      const who = (await browser.runtime.sendMessage({ type: 'whoami' })) as { tabId?: number } | undefined;
      const tabId = who?.tabId;
      if (tabId === undefined) return;
      const host = createHost(tabId);
      const where = whereReplySchema.safeParse(
        await browser.tabs.sendMessage(tabId, { type: 'builder.where' }, { frameId: 0 }).catch(() => undefined),
      );
      if (!where.success) return;
      const url = where.data.url;
      const [catalog, stored] = await Promise.all([loadCatalog(), browser.storage.local.get(BUILDER_DRAFT_KEY)]);
      const saved = stored[BUILDER_DRAFT_KEY] as AdapterDraft | undefined;
      // The draft in progress continues on the same portal; another portal starts afresh.
      const draft = saved && Array.isArray(saved.pages) && saved.matches?.includes(originPattern(url)) ? saved : emptyDraft(url);
      setState({ host, tabId, url, draft, catalogue: [...catalog.checklists.values()] });
    })();
  }, []);

  useEffect(() => {
    if (!state) return;
    let seq = 0;
    const listener = (raw: unknown, sender: { id?: string; tab?: { id?: number }; frameId?: number }) => {
      if (sender.id !== browser.runtime.id || sender.tab?.id !== state.tabId || sender.frameId === undefined) return undefined;
      const parsed = fromPickerSchema.safeParse(raw);
      if (!parsed.success) return undefined;
      if (parsed.data.type === 'builder.cancelled') setCancelled((n) => n + 1);
      else setPickEvent({ pick: parsed.data.pick, frameId: sender.frameId, seq: ++seq });
      return undefined;
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [state]);

  if (!state) return null;
  return (
    <PortalBuilder
      host={state.host}
      catalogue={state.catalogue}
      draft={state.draft}
      url={state.url}
      pickEvent={pickEvent}
      cancelled={cancelled}
    />
  );
}

z.config({ jitless: true });
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BuilderPage />
  </StrictMode>,
);
