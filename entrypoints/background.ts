// The background owns the extension's IndexedDB (drafts and the audit log)
// and answers the extension's own pages; from our content scripts it takes only
// frame docking, the ids of saves that reload the page and list rows to grade.
// What it keeps in memory is a cache (list grades), so being stopped and
// restarted loses nothing.
import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { z } from 'zod';
import {
  dockReplySchema,
  FRAME_PORT,
  frameToBackgroundSchema,
  saveTrailSchema,
  toBackgroundSchema,
  type SaveTrail,
  type ToBackground,
  type ToDock,
} from '../lib/protocol';
import { isBridgeStart, startPageBridge } from '../lib/bridge-inject';
import { noteSavedUnchecked, tellSavedUncheckedOwed } from '../lib/saved-unchecked';
import { featureLoadRequest, featureUnreadable, FEATURES_UNREADABLE_MESSAGE, injectFeatures } from '../lib/feature-inject';
import { COMPACT_ADAPTERS_KEY, readCompactAdapters, storedCompactAdapters } from '../lib/catalog/compact';
import { relayPanelPorts } from '../lib/panel-relay';
import { builtInChecklistData } from '../lib/catalog/built-in';
import { ADAPTERS_KEY, BUILTIN_CHECKLISTS_KEY } from '../lib/catalog/runtime';
import { CONFIG_KEY, loadCatalog, type Catalog } from '../lib/catalog/config';
import { loadEffectiveSettings, MANAGED_KEY } from '../lib/managed';
import { syncManagedPolicy } from '../lib/managed-sync';
import { listGradeRequest, ListGrading } from '../lib/list-grading';
import { DAY_MS, SETTINGS_KEY } from '../lib/settings';
import {
  auditLog,
  deleteDraft,
  draftProtection,
  draftVersion,
  enterPin,
  loadDraft,
  logEvent,
  PinLockedError,
  purgeDrafts,
  retireDraft,
  saveDraft,
  setUpPin,
} from '../lib/store';

async function settings() {
  return (await loadEffectiveSettings(browser.storage.local, SETTINGS_KEY)).settings;
}

/** Unsaved drafts older than the organisation's retention period are deleted (and the deletion logged). */
async function purgeExpired() {
  const { draftRetentionDays } = await settings();
  return purgeDrafts(Date.now() - draftRetentionDays * DAY_MS);
}

async function handle(message: ToBackground, tabId: number | undefined): Promise<unknown> {
  switch (message.type) {
    case 'whoami':
      return { tabId };
    case 'draft.save': {
      const version = await draftVersion(message.key);
      const current = version && !version.retired ? version : undefined;
      const newerElsewhere =
        current && current.writer !== message.writer && (message.baseUpdatedAt === null || current.updatedAt > message.baseUpdatedAt);
      if (newerElsewhere && !message.force) {
        // In PIN mode before the PIN is entered, the other tab's answers cannot be shown: the conflict is still reported.
        const theirs = await loadDraft(message.key).catch((error: unknown) => {
          if (error instanceof PinLockedError) return { ...message.key, answers: {}, updatedAt: current.updatedAt, writer: current.writer };
          throw error;
        });
        return { conflict: true, theirs };
      }
      // Logged once stored: a draft refused (storage full, a PIN the organisation requires not set) was never created.
      await saveDraft({ ...message.key, answers: message.answers, updatedAt: message.updatedAt, writer: message.writer });
      if (!current) await logEvent({ type: 'create', ...message.key });
      return { conflict: false };
    }
    case 'draft.load': {
      await purgeExpired();
      let draft;
      try {
        draft = await loadDraft(message.key);
      } catch (error) {
        // A draft sealed with a PIN not entered in this browser session: the panel asks for the PIN.
        if (error instanceof PinLockedError) return { locked: true, updatedAt: (await draftVersion(message.key))?.updatedAt ?? 0 };
        throw error;
      }
      const { draftRetentionDays } = await settings();
      return draft ? { draft, purgeAt: draft.updatedAt + draftRetentionDays * DAY_MS } : undefined;
    }
    case 'draft.delete':
      return deleteDraft(message.key);
    case 'draft.retire':
      return retireDraft(message.key);
    case 'audit.log':
      return logEvent(message.event);
    case 'audit.list':
      return auditLog();
    case 'settings.get':
      return settings();
    case 'pin.status':
      return draftProtection();
    case 'pin.setup':
      return setUpPin(message.pin);
    case 'pin.unlock':
      return enterPin(message.pin);
  }
}

/** A Save let through is matched with the page load that confirms it only within this time. */
const PENDING_SAVE_MS = 2 * 60_000;
const pendingKey = (tabId: number) => `chartguard.pendingSave.${tabId}`;

/**
 * Saves that reload the page (#14 part 5): the guard's allowed Save is remembered per tab in session storage
 * (ids only, gone when the browser closes); the next load showing the saved confirmation of that same record
 * retires that draft (a confirmation that names no record retires nothing).
 */
async function saveTrail(message: Exclude<SaveTrail, { type: 'save.unchecked' }>, tabId: number): Promise<unknown> {
  const session = browser.storage.session;
  if (message.type === 'save.pending') {
    await session.set({ [pendingKey(tabId)]: { ...message.key, overridden: message.overridden, at: Date.now() } });
    return null;
  }
  const stored = (await session.get(pendingKey(tabId)))[pendingKey(tabId)] as
    | { portal: string; record: string; checklist: string; overridden: boolean; at: number }
    | undefined;
  if (!stored || stored.portal !== message.portal || stored.record !== message.record || Date.now() - stored.at > PENDING_SAVE_MS)
    return null;
  await session.remove(pendingKey(tabId));
  const key = { portal: stored.portal, record: stored.record, checklist: stored.checklist };
  await retireDraft(key);
  await logEvent({ type: 'save', ...key });
  return { checklistId: stored.checklist, overridden: stored.overridden };
}

/**
 * A record page in a child frame (a portal's work frame) docks its panel in the tab's top document, beside the
 * frame: this relays between that frame's content script and the top one. The port closing (the frame navigated
 * or the record left) undocks the panel.
 */
function relayFramePanel(port: Browser.runtime.Port) {
  const tabId = port.sender?.tab?.id;
  const frameId = port.sender?.frameId;
  if (tabId === undefined || frameId === undefined || frameId === 0) {
    port.disconnect();
    return;
  }
  let token: string | undefined;
  const toTop = (message: ToDock) => browser.tabs.sendMessage(tabId, message, { frameId: 0 });
  port.onMessage.addListener((raw: unknown) => {
    const parsed = frameToBackgroundSchema.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'dock') {
      token = message.token;
      // The top document serves frame panels from the record page's feature script, loaded only now that a frame needs it.
      void injectFeatures(tabId, 0, 'record', adaptersReady)
        .then(() => toTop({ type: 'dock.mount', frameId, token: message.token }))
        .then((reply: unknown) => dockReplySchema.safeParse(reply).data?.docked === true)
        .catch(() => false)
        .then((docked) => {
          try {
            port.postMessage({ type: 'docked', docked, frameId });
          } catch {
            // The frame is already gone.
          }
        });
      return;
    }
    if (!token) return;
    const sent =
      message.type === 'collapse'
        ? toTop({ type: 'dock.collapse', frameId, token, collapsed: message.collapsed })
        : message.type === 'notice'
          ? toTop({ type: 'dock.notice', frameId, token, text: message.text })
          : message.type === 'load'
            ? toTop({ type: 'dock.load', frameId, token })
            : toTop({ type: 'dock.orphan', frameId, token, text: message.text });
    void sent.catch(() => undefined);
  });
  port.onDisconnect.addListener(() => {
    if (token) void toTop({ type: 'dock.unmount', frameId, token }).catch(() => undefined);
  });
}

const IMPORTED_SCRIPT_ID = 'chartguard-imported-portals';

let publishing: Promise<unknown> = Promise.resolve();
/**
 * Writes every adapter in effect for the content scripts (issue 18): compacted for the always-on script, which
 * recognises pages without the SDK, and compiled for the feature scripts, which then carry neither the built-in
 * adapters' data nor the adapter compiler. One write at a time, so an older catalog never lands after a newer one.
 */
function publishAdapters(catalog?: Catalog): Promise<void> {
  const run = publishing.then(async () => {
    const { adapters } = catalog ?? (await loadCatalog());
    await browser.storage.local.set({ [COMPACT_ADAPTERS_KEY]: storedCompactAdapters(adapters), [ADAPTERS_KEY]: adapters });
  });
  publishing = run.catch(() => undefined);
  return run;
}

let adaptersStored: Promise<void> | undefined;
/**
 * The adapters the content scripts read are in storage, and the compact ones in the form this build's always-on
 * script reads: a first install may not have written them yet, and an update whose republish failed leaves the
 * previous form, which the always-on script ignores (it would then know only the built-in portals). Checked at each
 * start of the background and before a feature script goes in.
 */
function adaptersReady(): Promise<void> {
  adaptersStored ??= browser.storage.local
    .get([ADAPTERS_KEY, COMPACT_ADAPTERS_KEY])
    .then((stored) =>
      Array.isArray(stored[ADAPTERS_KEY]) && readCompactAdapters(stored[COMPACT_ADAPTERS_KEY]) ? undefined : publishAdapters(),
    )
    .catch((error: unknown) => {
      adaptersStored = undefined;
      throw error;
    });
  return adaptersStored;
}

/**
 * The list badges send the rows a list shows; they are graded here (lib/list-grading.ts) against the checklists
 * in effect, read once and again only when the imported or organisation's configuration changes.
 */
function answerListGrading() {
  let catalog: Promise<Catalog> | undefined;
  const checklists = async () => {
    catalog ??= loadCatalog().catch((error: unknown) => {
      catalog = undefined;
      throw error;
    });
    return (await catalog).checklists;
  };
  const grading = new ListGrading(
    checklists,
    Date.now,
    () => {
      catalog = undefined;
    },
    (tabId) =>
      browser.tabs.get(tabId).then(
        () => true,
        () => false,
      ),
  );
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && (CONFIG_KEY in changes || MANAGED_KEY in changes)) catalog = undefined;
  });
  // A list page asked for its feature script: the checklists are read and the grading code run while it loads.
  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    if (featureLoadRequest(raw, sender, browser.runtime.id) === 'list') void grading.prepare().catch(() => undefined);
    return undefined;
  });
  // The notes a list sent are not kept past its tab (docs/security.md). Listened for only once a list has asked,
  // not from the worker's start, so closing a tab anywhere does not wake the service worker for nothing; a tab
  // that closed before that is found by asking for it (ListGrading's tabExists).
  const tabClosed = (tabId: number) => grading.tabClosed(tabId);
  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    const request = listGradeRequest(raw, sender, browser.runtime.id);
    if (!request) return undefined;
    if (!browser.tabs.onRemoved.hasListener(tabClosed)) browser.tabs.onRemoved.addListener(tabClosed);
    // A grading that fails is answered with nothing: the list shows no badge, never a guessed one, and asks again.
    return grading.grade(request, sender.tab?.id).catch(() => null);
  });
}

/** Imported portals on other hosts get the same content script, registered at run time once their host permission is granted. */
async function registerImportedPortals() {
  const catalog = await loadCatalog();
  await publishAdapters(catalog);
  if (!browser.scripting?.registerContentScripts) return;
  const staticMatches = new Set(browser.runtime.getManifest().content_scripts?.flatMap((script) => script.matches ?? []) ?? []);
  const matches = [
    ...new Set(
      catalog.adapters
        .filter((adapter) => catalog.importedAdapterIds.has(adapter.id) || catalog.managedAdapterIds.has(adapter.id))
        .flatMap((adapter) => adapter.matches),
    ),
  ].filter((match) => !staticMatches.has(match));
  const granted: string[] = [];
  for (const match of matches) if (await browser.permissions.contains({ origins: [match] })) granted.push(match);
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [IMPORTED_SCRIPT_ID] });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [IMPORTED_SCRIPT_ID] });
  if (!granted.length) return;
  const file = browser.runtime.getManifest().content_scripts?.[0]?.js?.[0];
  if (!file) return;
  // Every frame, as the static declaration: a record page may live in a portal's work frame (#14 part 1).
  await browser.scripting.registerContentScripts([
    {
      id: IMPORTED_SCRIPT_ID,
      matches: granted,
      js: [file],
      runAt: 'document_start',
      allFrames: true,
      ...matchOriginAsFallback(),
      persistAcrossSessions: true,
    },
  ]);
}

/** Frames without an address of their own (about:blank, srcdoc) as their parent's origin, where the browser supports it. */
function matchOriginAsFallback(): { matchOriginAsFallback?: boolean } {
  return import.meta.env.BROWSER === 'chrome' ? { matchOriginAsFallback: true } : {};
}

export default defineBackground(() => {
  z.config({ jitless: true });
  const sync = () =>
    void registerImportedPortals().catch((error: unknown) => console.warn('Chartguard: imported portals not registered', error));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && (CONFIG_KEY in changes || MANAGED_KEY in changes)) sync();
    if (area === 'managed')
      void syncManagedPolicy().catch((error: unknown) => console.warn('Chartguard: organisation policy not read', error));
  });
  // The organisation's policy, mirrored for the content script and the pages (lib/managed-sync.ts).
  void syncManagedPolicy().catch((error: unknown) => console.warn('Chartguard: organisation policy not read', error));
  browser.permissions.onAdded?.addListener(sync);
  browser.permissions.onRemoved?.addListener(sync);
  browser.runtime.onStartup.addListener(sync);
  // Content scripts read the built-in checklists from storage rather than carrying them into every portal page.
  const publishChecklists = () => void browser.storage.local.set({ [BUILTIN_CHECKLISTS_KEY]: builtInChecklistData });
  browser.runtime.onStartup.addListener(publishChecklists);
  browser.runtime.onInstalled.addListener(publishChecklists);
  void browser.storage.local.get(BUILTIN_CHECKLISTS_KEY).then((stored) => {
    if (!Array.isArray(stored[BUILTIN_CHECKLISTS_KEY])) publishChecklists();
  });
  void adaptersReady().catch((error: unknown) => console.warn('Chartguard: portal adapters not stored', error));
  const extensionOrigin = browser.runtime.getURL('/');
  // Firefox's framed panel has no tabs API: its port to the content script goes through here.
  relayPanelPorts();
  browser.runtime.onStartup.addListener(() => void purgeExpired());
  browser.runtime.onInstalled.addListener(() => {
    void purgeExpired();
    sync();
  });
  browser.runtime.onConnect.addListener((port) => {
    if (port.name === FRAME_PORT && port.sender?.id === browser.runtime.id && port.sender.tab) relayFramePanel(port);
  });
  // The page-world bridge starts only when our content script on a recognised record page asks (lib/bridge-inject.ts).
  browser.runtime.onMessage.addListener((raw: unknown, sender) =>
    isBridgeStart(raw, sender, browser.runtime.id) ? startPageBridge(sender) : undefined,
  );
  answerListGrading();
  // A feature script goes only into the frame whose always-on content script asked for it (lib/feature-inject.ts).
  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    const script = featureLoadRequest(raw, sender, browser.runtime.id);
    if (!script) return undefined;
    // A Save let through unchecked on the page this frame just left is told on this one.
    void tellSavedUncheckedOwed(sender.tab!.id!, sender.frameId!);
    return injectFeatures(sender.tab!.id!, sender.frameId!, script, adaptersReady);
  });
  // A feature script that loaded but cannot read the adapters: the page is told, as when it could not be loaded.
  browser.runtime.onMessage.addListener((raw: unknown, sender) =>
    (raw as { type?: unknown } | null)?.type === FEATURES_UNREADABLE_MESSAGE
      ? featureUnreadable(raw, sender, browser.runtime.id)
      : undefined,
  );
  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    // Our content scripts may say only this: a Save was let through (checked or not), or a page load shows a save confirmed.
    if (sender.id === browser.runtime.id && sender.tab?.id !== undefined && !sender.url?.startsWith(extensionOrigin)) {
      const trail = saveTrailSchema.safeParse(raw);
      if (!trail.success) return undefined;
      if (trail.data.type === 'save.unchecked') return noteSavedUnchecked(sender.tab.id, sender.frameId ?? 0).catch(() => null);
      return saveTrail(trail.data, sender.tab.id).catch(() => null);
    }
    // Only our own extension pages may ask; content scripts and anything malformed are ignored.
    if (sender.id !== browser.runtime.id || !sender.url?.startsWith(extensionOrigin)) return undefined;
    const parsed = toBackgroundSchema.safeParse(raw);
    if (!parsed.success) return undefined;
    return handle(parsed.data, sender.tab?.id).then(
      (value) => (parsed.data.type === 'whoami' ? value : { ok: true, value }),
      (error: unknown) => ({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
});
