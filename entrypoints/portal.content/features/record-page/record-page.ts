// One record page while it is on screen: the docked panel, the conversation
// with it, Apply, and the Save guard's verdict on what the portal holds. The
// panel judges (entrypoints/panel/save-judge.ts): every snapshot sent is
// numbered and the panel answers with its verdict on it, so this script
// carries no rule engine (issue 18). A Save of a record the panel has not yet
// judged as it stands is held until it has.
import { CODES_NEEDING_RECORD, checklistForAttendance, type Checklist, holds } from '@chartguard/sdk/runtime';
import type { PageSnapshot, ToContent, ToPanel } from '../../../../lib/protocol';
import { NOTE_LIMIT, PANEL_PORT } from '../../../../lib/protocol-names';
import { readToContent } from './messages';
import { portalFieldFacts, valueForPortalField, type JudgedField } from '../../../../lib/record-model';
import type { PageMatch } from '../../detect';
import { browser, type Browser } from '../../../../lib/lean-browser';
import { mountPanelFrame, type PanelFrame } from './panel-frame';
import { readPrevious, readSignedInUser } from './portal-context';
import { findElement, readPage, syncEditors, writeField } from '../bridge-client/portal-fields';
import type { SaveRequestSeen } from '../../../../lib/bridge-protocol';
import type { GuardDecision } from '../save-guard/save-guard';

type Port = Browser.runtime.Port;
type Verdict = Extract<ToContent, { type: 'verdict' }>;

/** How long a connected panel has to show a held Save before the hold is let go. */
const HELD_ACK_MS = 3_000;
/**
 * How long a Save of a record changed since the panel's last verdict waits for the next one. A panel that answers
 * does so within milliseconds; the limit only matters for one that hangs, and a busy machine must not let a Save
 * that policy holds go through merely because the panel was slow (the same window the guard gives a starting page).
 */
const VERDICT_WAIT_MS = 10_000;
/** How long the portal has to confirm a save before Chartguard says it was not confirmed. */
const CONFIRM_MS = 15_000;
/** Why a hold the panel cannot show went through (the guard's fail-open, failOpenWhenPanelCannotAnswer). */
const NOT_READY = 'the panel is not ready or not responding';
const SAVE_DROPPED =
  'Chartguard held your Save while it checked the record, and the portal replaced its Save button meanwhile, so your Save was not sent. Press the portal’s Save again.';

export interface SaveOutcome {
  checklistId: string;
  overridden: boolean;
}

/**
 * The background's answer to a load that may confirm a save (save-guard/save-landing.ts), checked by hand here, in
 * the record page that shows it, so the always-on script carries neither the check nor Zod (issue 18).
 */
export function readSaveOutcome(reply: unknown): SaveOutcome | undefined {
  if (typeof reply !== 'object' || reply === null) return undefined;
  const { checklistId, overridden } = reply as Record<string, unknown>;
  return typeof checklistId === 'string' && typeof overridden === 'boolean' ? { checklistId, overridden } : undefined;
}

export interface RecordPageDeps {
  /** The panel page, docked in this document unless `mountPanel` docks it elsewhere. */
  panelUrl: string;
  /** Docks the panel elsewhere: for a record in a work frame, in the tab's top document (panel-dock.ts). */
  mountPanel?(): PanelFrame;
  checklists: Map<string, Checklist>;
  release(control: Element): void;
  /** The panel is up and can show a hold (the guard judges a Save pressed while it started). */
  onReady?(): void;
}

export class RecordPage {
  private frame: PanelFrame;
  private port: Port | undefined;
  /** The number of the last snapshot sent to the panel, and the snapshot as sent. */
  private sent: { seq: number; text: string } | undefined;
  private seq = 0;
  /** The panel's last verdict: on the snapshot sent last only while nothing it depends on changed since. */
  private verdict: Verdict | undefined;
  /** Its checklist, kept when a new verdict is awaited: what the popup shows and an override names. */
  private heldTo: Verdict['checklist'] = null;
  /** A Save held until the panel has judged the record as it stands. */
  private awaiting: Element | undefined;
  /** The portal fields as the panel's judgement reads them, sent with every snapshot. */
  private readonly judgedFields: JudgedField[];
  private heldControl: Element | undefined;
  /** Set once this record page is gone: an Apply still driving widgets stops writing. */
  private gone = false;
  private snapshotTimer: ReturnType<typeof setTimeout> | undefined;
  /** The snapshot on its way goes at the next task, for the user's edit, not at the end of the throttle. */
  private snapshotSoon = false;
  /** When an edit last went ahead of the throttle. */
  private soonAt = Number.NEGATIVE_INFINITY;
  private confirmTimer: ReturnType<typeof setInterval> | undefined;
  /**
   * The panel attached last has rendered the record, after telling its choice of checklist and language: while it is
   * connected it can show a held Save with its override; until then the record page is still starting.
   */
  private panelReady = false;
  private heldAckTimer: ReturnType<typeof setTimeout> | undefined;
  private awaitTimer: ReturnType<typeof setTimeout> | undefined;
  /** Run once when the panel's next verdict on the snapshot sent last arrives (an autosave judged late). */
  private afterVerdict: (() => void) | undefined;
  private afterVerdictTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set while a press that waited is judged again on the verdict, so a second wait keeps the first's deadline. */
  private rejudging = false;
  /** A hold was sent to the panel and the panel has not yet said it is showing it. */
  private heldAwaitingAck = false;
  private lastBlocking: string[] = [];
  /** When the guard last let a Save through: the portal's request for it is that Save, not one it made by itself. */
  private letThroughAt = 0;
  private overrideGranted = false;
  /** This load is the portal's confirmation of a save that reloaded the page (adapter `saved.url`). */
  private readonly savedOnLoad: boolean;
  /** The judged Save that this load confirms, once the background has matched it. */
  private landed: SaveOutcome | undefined;

  constructor(
    readonly match: PageMatch,
    private readonly deps: RecordPageDeps,
  ) {
    // Mounted at once; its page loads at the page's load event, or at once when a Save is held (panel-frame.ts).
    this.frame = deps.mountPanel?.() ?? mountPanelFrame(deps.panelUrl);
    this.savedOnLoad = savedUrlMatches(match.page.savedUrl);
    this.judgedFields = match.page.fields.map(({ name, role, answer }) => ({ name, role, ...(answer ? { answer } : {}) }));
  }

  /** The background's answer for this load: when it matched a Save the guard let through before it, the portal confirmed that save. */
  saveLanded(reply: unknown) {
    const outcome = readSaveOutcome(reply);
    if (!outcome) return;
    this.landed = outcome;
    this.send({ type: 'saveConfirmed', checklistId: outcome.checklistId, overridden: outcome.overridden, recorded: true });
  }

  get key(): string {
    return `${this.match.adapter.id}|${this.match.page.kind}|${this.match.recordId ?? ''}`;
  }

  attach(port: Port) {
    this.port?.disconnect();
    this.port = port;
    // A panel that reloaded is starting again: until it has told its choice and language (it says ready after), a
    // Save waits for it rather than going through unchecked or on a verdict by another choice.
    this.panelReady = false;
    // A new panel judges afresh, with its own choice of checklist.
    this.verdict = undefined;
    port.onMessage.addListener((raw) => {
      const message = readToContent(raw);
      if (message) this.onPanelMessage(message);
    });
    port.onDisconnect.addListener(() => {
      if (this.port === port) {
        this.port = undefined;
        // The panel that was to show a hold is gone (closed, crashed, replaced): no need to wait out HELD_ACK_MS.
        this.letUnshownHoldGo('the panel closed before it could show the hold');
        this.stopAwaiting('the panel closed before it could check the record');
        this.runAfterVerdict();
      }
    });
  }

  /** An autosave waiting for the verdict is reported now, with what is known: the panel answered, went, or hung. */
  private runAfterVerdict() {
    clearTimeout(this.afterVerdictTimer);
    const after = this.afterVerdict;
    this.afterVerdict = undefined;
    after?.();
  }

  /**
   * #15 part 7: an attendance code that needs a record (a did-not-attend at an initial assessment, say) is
   * never left without a checklist when the adapter's suggestions say nothing: the page's checklist whose
   * rules name that code is offered.
   */
  private checklistTheCodeNeeds(pageChecklists: readonly string[], attendance: unknown): string | undefined {
    if (typeof attendance !== 'string' || !CODES_NEEDING_RECORD.includes(attendance)) return undefined;
    const offered = pageChecklists.flatMap((id) => {
      const checklist = this.deps.checklists.get(id);
      return checklist ? [checklist] : [];
    });
    return checklistForAttendance(offered, attendance)?.id;
  }

  snapshot(): PageSnapshot {
    const { adapter, page, recordId } = this.match;
    const read = readPage(page);
    const suggested =
      page.suggest.find((suggestion) => holds(suggestion.when, read.answers))?.checklist ??
      this.checklistTheCodeNeeds(page.checklists, read.answers.attendance);
    // A note beyond what the panel takes is never sent half: the panel is told, and Save is not held on it.
    const noteTooLong = read.note.length > NOTE_LIMIT;
    return {
      adapterId: adapter.id,
      adapterName: adapter.name,
      pageKind: page.kind,
      recordId,
      answers: read.answers,
      note: noteTooLong ? '' : read.note,
      noteLength: noteTooLong ? read.note.length : undefined,
      checklists: page.checklists.filter((id) => this.deps.checklists.has(id)),
      suggested,
      missingFields: read.missingFields,
      ...(read.notStarted ? { notStarted: read.notStarted } : {}),
      ...portalFieldFacts(page.fields),
      ...(this.savedOnLoad ? { savedOnLoad: true } : {}),
      signedInUser: readSignedInUser(adapter),
      previous: readPrevious(page),
    };
  }

  /**
   * The portal changed: tell the panel soon. A re-render is throttled, not debounced: a page that changes a node every
   * frame would restart a debounce forever. An edit (`edited`, an input or change event) goes at the next task, ahead
   * of a throttle a busy page keeps running: what the user typed or chose is what the panel must follow. At most one
   * edit in each 100 ms goes ahead, so a page firing such events every frame is throttled all the same.
   */
  pageChanged(edited = false) {
    const soon = edited && Date.now() - this.soonAt >= 100;
    if (this.snapshotTimer !== undefined) {
      if (this.snapshotSoon || !soon) return;
      clearTimeout(this.snapshotTimer);
    }
    if (soon) this.soonAt = Date.now();
    this.snapshotSoon = soon;
    this.snapshotTimer = setTimeout(
      () => {
        this.snapshotTimer = undefined;
        this.sendSnapshot(this.snapshot(), false, true);
      },
      soon ? 0 : 100,
    );
  }

  /** Sends the snapshot to the panel, numbered for its verdict, unless it is the one sent last. */
  private sendSnapshot(snapshot: PageSnapshot, always = false, repeat = false) {
    const text = JSON.stringify(snapshot);
    if (!always && this.sent?.text === text) {
      // The portal changed, but not in what Chartguard reads: the panel still hears of it (each page message it
      // renders is its readiness signal), under the same number, so the verdict it gave stands.
      if (repeat && this.sent) this.send({ type: 'page', snapshot, seq: this.sent.seq, fields: this.judgedFields });
      return;
    }
    this.sent = { seq: ++this.seq, text };
    this.send({ type: 'page', snapshot, seq: this.seq, fields: this.judgedFields });
  }

  /** The panel's verdict on the record exactly as it stands, sending it for one when it has none. */
  private verdictOn(snapshot: PageSnapshot): Verdict | undefined {
    this.sendSnapshot(snapshot);
    const verdict = this.verdict;
    return verdict && verdict.seq === this.sent?.seq ? verdict : undefined;
  }

  /** The panel has not yet been up once (one that reloaded, since it connected): a Save now waits for it rather than going through unchecked. */
  starting(): boolean {
    if (this.panelReady || this.gone) return false;
    // The Save waits on the panel: a panel waiting for the portal's load event loads now.
    this.frame.loadNow();
    return true;
  }

  /**
   * Whether a hold now would be shown to the user with its override, or a Save waits for the panel's verdict
   * (which lets it go, with the notice, if the panel cannot show the hold).
   */
  panelCanAnswer(): boolean {
    return this.canShowHold() || this.awaiting !== undefined;
  }

  private canShowHold(): boolean {
    return this.port !== undefined && this.panelReady && this.frame.attached();
  }

  /** A held Save whose panel has not shown it yet is let through with the in-page notice. */
  private letUnshownHoldGo(reason: string) {
    const held = this.heldControl;
    if (!held || !this.heldAwaitingAck) return;
    this.heldAwaitingAck = false;
    this.letGo(held, reason);
  }

  /** A held press goes through unchecked with the notice; one whose control the portal replaced meanwhile is told dropped. */
  private letGo(control: Element, reason: string) {
    if (!control.isConnected) return this.saveDropped();
    this.failOpen(reason);
    this.deps.release(control);
  }

  /** Nothing was sent for the user's press, and nothing of it is replayed: the page says so, not only the panel. */
  saveDropped() {
    clearTimeout(this.heldAckTimer);
    this.heldAwaitingAck = false;
    this.heldControl = undefined;
    this.send({ type: 'saveDropped' });
    this.frame.setCollapsed(false);
    this.frame.notice(SAVE_DROPPED);
  }

  /** Save goes through unchecked: say so in the page, outside the panel, with the rules that were open. */
  failOpen(reason = NOT_READY) {
    clearTimeout(this.heldAckTimer);
    this.heldAwaitingAck = false;
    this.heldControl = undefined;
    const rules = this.lastBlocking.length ? ` Rules not met: ${this.lastBlocking.join(', ')}.` : '';
    this.frame.setCollapsed(false);
    this.frame.notice(`Chartguard could not show its check (${reason}), so the portal saved this record unchecked.${rules}`);
  }

  /** For the toolbar popup: the checklist the record is held to now (as the panel last judged it), and whether a Save is being held. */
  popupState(): { checklist: Verdict['checklist']; saveHeld: boolean } {
    return { checklist: this.heldTo, saveHeld: this.heldControl !== undefined };
  }

  /** Opens the docked panel (the popup's "Show the panel"). */
  reveal(): boolean {
    this.frame.loadNow();
    this.frame.setCollapsed(false);
    return true;
  }

  /** A Save the panel has not judged as the record stands waits for its verdict, or goes with the notice if none comes. */
  private awaitVerdict(control: Element) {
    this.awaiting = control;
    this.lastBlocking = [];
    // One deadline per press: a record that changed again while the press waited does not extend it.
    if (this.rejudging) return;
    clearTimeout(this.awaitTimer);
    this.awaitTimer = setTimeout(() => this.stopAwaiting('the panel did not answer'), VERDICT_WAIT_MS);
  }

  /** A press still waiting when this record page goes away is dropped, never replayed unchecked later. */
  private dropAwaiting() {
    clearTimeout(this.awaitTimer);
    clearTimeout(this.afterVerdictTimer);
    this.awaiting = undefined;
    this.afterVerdict = undefined;
  }

  private stopAwaiting(reason: string) {
    const control = this.awaiting;
    clearTimeout(this.awaitTimer);
    this.awaiting = undefined;
    if (control) this.letGo(control, reason);
  }

  /** The panel's verdict came for the Save waiting on it: let through, held with its override, or let go with the notice. */
  private judgeAwaited() {
    const control = this.awaiting;
    this.awaiting = undefined;
    // A portal that replaced its Save meanwhile gets nothing replayed: the user is told to press again, and that press is judged.
    if (!control?.isConnected) {
      clearTimeout(this.awaitTimer);
      if (control) this.saveDropped();
      return;
    }
    this.rejudging = true;
    let decision: GuardDecision;
    try {
      decision = this.decide(control);
    } finally {
      this.rejudging = false;
    }
    if (this.awaiting === undefined) clearTimeout(this.awaitTimer);
    if (decision === 'allow') this.deps.release(control);
    else if (this.awaiting === undefined && this.heldControl !== control) {
      // The verdict is to hold, and the panel cannot show it (as failOpenWhenPanelCannotAnswer).
      this.failOpen();
      this.deps.release(control);
    }
  }

  decide(control: Element): GuardDecision {
    // Judge what will be sent: an editor that keeps its content apart from its form control writes it there first.
    syncEditors(this.match.page);
    const snapshot = this.snapshot();
    if (this.overrideGranted) {
      this.overrideGranted = false;
      this.letThroughAt = Date.now();
      this.send({ type: 'saveAllowed', checklistId: this.heldTo?.id, overridden: true });
      this.awaitConfirmation(this.heldTo?.id, true);
      return 'allow';
    }
    // The panel's verdict on what the portal will actually receive (lib/record-model.ts: judgeSave, in the panel).
    const judged = this.verdictOn(snapshot);
    if (!judged) {
      if (this.awaiting !== undefined || this.port !== undefined) {
        this.awaitVerdict(control);
        return 'hold';
      }
      // No panel to judge it: the guard lets Save through and the page says it was not checked.
      this.lastBlocking = [];
      return 'hold';
    }
    const { checklist, verdict } = judged;
    // Cannot check (a note too long, a checklist the panel has not read): through, and the user is told.
    if (verdict.kind === 'unchecked') {
      this.notifyUnchecked(verdict.reason);
      return 'allow';
    }
    if (!checklist) return 'allow';
    if (verdict.kind === 'allow') {
      this.letThroughAt = Date.now();
      this.send({ type: 'saveAllowed', checklistId: checklist.id, overridden: false });
      this.awaitConfirmation(checklist.id, false);
      return 'allow';
    }
    this.lastBlocking = [...new Set(verdict.blocking.map((issue) => issue.ruleId))];
    // The guard lets Save through instead when the panel cannot answer (see failOpenWhenPanelCannotAnswer).
    if (!this.canShowHold()) return 'hold';
    this.heldControl = control;
    this.frame.setCollapsed(false);
    this.send({ type: 'saveHeld', checklistId: checklist.id, issues: verdict.blocking, control: describe(control) });
    // A panel that is connected but hung (or whose renderer died without closing the port) never shows the hold:
    // without its answer soon, the held Save is let through and the user told.
    clearTimeout(this.heldAckTimer);
    this.heldAwaitingAck = true;
    this.heldAckTimer = setTimeout(() => {
      if (this.heldControl === control) this.letUnshownHoldGo('the panel did not answer');
    }, HELD_ACK_MS);
    return 'hold';
  }

  /**
   * The portal saved by itself where nothing could be held (#14 part 4): an autosave request its server
   * answered, or a beacon it sent. The record is judged as it stands (by the panel, as soon as it has); when it
   * breaks a required rule the user is told it went unchecked, naming the rules. “Saved” only once the portal's
   * server answered; a beacon, which gets no answer, was “sent”.
   */
  portalSavedItself(seen: SaveRequestSeen, waited = false) {
    if (seen.outcome === 'failed' || Date.now() - this.letThroughAt < CONFIRM_MS) return;
    const judged = this.verdictOn(this.snapshot());
    if (!judged && this.port && !waited) {
      this.afterVerdict = () => this.portalSavedItself(seen, true);
      clearTimeout(this.afterVerdictTimer);
      this.afterVerdictTimer = setTimeout(() => this.runAfterVerdict(), VERDICT_WAIT_MS);
      return;
    }
    // Without a verdict, what the panel last said of the record: no checklist, nothing to say.
    if (!((judged ?? this.verdict)?.checklist ?? this.heldTo)) return;
    const how = seen.via === 'beacon' ? 'sent this record in the background (a beacon)' : 'saved this record by itself (autosave)';
    const what = seen.via === 'beacon' ? 'sent unchecked; the portal gives no confirmation that it stored it' : 'saved unchecked';
    // The same verdict a Save would get; a record Chartguard cannot check, or could not judge, names no rules.
    const verdict = judged?.verdict;
    if (verdict?.kind === 'allow') return;
    const open = verdict?.kind === 'hold' ? [...new Set(verdict.blocking.map((issue) => issue.ruleId))] : undefined;
    const reason = `the portal ${how} without a Save Chartguard could check: ${what}.${open ? ` Rules not met: ${open.join(', ')}.` : ''}`;
    this.send({ type: 'saveUnchecked', reason });
    if (!this.canShowHold()) this.frame.notice(`Chartguard could not check this record: ${reason}`);
  }

  notifyUnchecked(reason: string) {
    this.send({ type: 'saveUnchecked', reason });
    this.frame.notice(`Chartguard could not check this record (${reason}). The portal saved it unchecked.`);
  }

  /** Drafts are kept until the portal itself says the record was saved. */
  private awaitConfirmation(checklistId: string | undefined, overridden: boolean) {
    const saved = this.match.page.saved;
    if (!saved && this.match.page.savedUrl) {
      this.awaitReload(checklistId, overridden);
      return;
    }
    if (!saved) {
      this.send({ type: 'saveNotConfirmed', checklistId, overridden, reason: 'this portal’s adapter names no save confirmation' });
      return;
    }
    clearInterval(this.confirmTimer);
    const read = () => {
      const element = findElement([saved.selector]);
      const text = element?.textContent ?? null;
      return { text, confirmed: text !== null && (!saved.text || text.toLowerCase().includes(saved.text.toLowerCase())) };
    };
    const before = read().text;
    const deadline = Date.now() + CONFIRM_MS;
    this.confirmTimer = setInterval(() => {
      const now = read();
      if (now.confirmed && now.text !== before) {
        clearInterval(this.confirmTimer);
        this.send({ type: 'saveConfirmed', checklistId, overridden });
      } else if (Date.now() > deadline) {
        clearInterval(this.confirmTimer);
        this.send({
          type: 'saveNotConfirmed',
          checklistId,
          overridden,
          reason: `the portal did not confirm the save within ${CONFIRM_MS / 1000} s`,
        });
      }
    }, 100);
  }

  /**
   * A save that reloads the page (#14 part 5) is confirmed on the next load, not here: the background remembers
   * this Save for the tab, and the page that shows the adapter's saved URL retires the draft. Still here long
   * after, the portal did not take it.
   */
  private awaitReload(checklistId: string | undefined, overridden: boolean) {
    const record = this.match.recordId;
    if (checklistId && record) {
      const key = { portal: this.match.adapter.id, record, checklist: checklistId };
      void browser.runtime.sendMessage({ type: 'save.pending', key, overridden }).catch(() => undefined);
    }
    clearInterval(this.confirmTimer);
    this.confirmTimer = setTimeout(() => {
      this.send({
        type: 'saveNotConfirmed',
        checklistId,
        overridden,
        reason: `the portal did not confirm the save within ${CONFIRM_MS / 1000} s`,
      });
    }, CONFIRM_MS);
  }

  /** The extension was reloaded or updated under this page: say so, keep the page working. */
  orphaned() {
    clearTimeout(this.snapshotTimer);
    clearTimeout(this.heldAckTimer);
    clearInterval(this.confirmTimer);
    // No verdict can come any more: a press still waiting goes through now, as every Save does from here on.
    clearTimeout(this.afterVerdictTimer);
    this.afterVerdict = undefined;
    this.stopAwaiting('Chartguard was updated or restarted');
    this.frame.orphan(
      'Chartguard was updated or restarted. Reload this page to continue; your answers are kept as a draft. Until then, Save is not checked.',
    );
  }

  destroy() {
    this.gone = true;
    this.dropAwaiting();
    clearTimeout(this.snapshotTimer);
    clearTimeout(this.heldAckTimer);
    clearInterval(this.confirmTimer);
    this.port?.disconnect();
    this.frame.remove();
  }

  private send(message: ToPanel) {
    try {
      this.port?.postMessage(message);
    } catch {
      this.port = undefined;
    }
  }

  private onPanelMessage(message: ToContent) {
    switch (message.type) {
      case 'hello':
        this.sendSnapshot(this.snapshot(), true);
        if (this.landed) this.send({ type: 'saveConfirmed', ...this.landed, recorded: true });
        break;
      case 'ready':
        this.panelReady = true;
        this.deps.onReady?.();
        break;
      case 'heldShown':
        clearTimeout(this.heldAckTimer);
        this.heldAwaitingAck = false;
        break;
      case 'select':
      case 'locale':
        // The panel judges again by its new choice or language; until its verdict comes, a Save waits for it.
        this.verdict = undefined;
        break;
      case 'verdict':
        if (message.seq !== this.sent?.seq) break;
        this.verdict = message;
        this.heldTo = message.checklist;
        if (this.awaiting) this.judgeAwaited();
        this.runAfterVerdict();
        break;
      case 'layout':
        this.frame.setCollapsed(message.collapsed);
        break;
      case 'apply':
        void this.apply(message.note, message.answers);
        break;
      case 'overrideSave': {
        const control = this.heldControl;
        this.heldControl = undefined;
        const checklist = this.heldTo;
        if (control?.isConnected) {
          this.letThroughAt = Date.now();
          this.send({ type: 'saveAllowed', checklistId: checklist?.id, overridden: true });
          this.awaitConfirmation(checklist?.id, true);
          this.deps.release(control);
        } else {
          // The portal re-rendered its Save: the override stands for the user's next press, and nothing is claimed saved.
          this.overrideGranted = true;
          this.send({
            type: 'saveNotConfirmed',
            checklistId: checklist?.id,
            overridden: true,
            reason: 'the portal replaced its Save button before the override reached it: press the portal’s Save again',
          });
        }
        break;
      }
    }
  }

  private async apply(note: string, answers: Record<string, unknown>) {
    const written: string[] = [];
    const problems: { field: string; reason: string }[] = [];
    // The note first: widget writes may take seconds, and the note was composed from what the portal held a moment ago.
    const fields = [...this.match.page.fields].sort((a, b) => Number(b.role === 'note') - Number(a.role === 'note'));
    const address = location.href;
    for (const field of fields) {
      const value = valueForPortalField(field, note, answers);
      if (value === undefined) continue;
      // A portal that moved on to another record (or this page that went) while a widget was being driven gets nothing more.
      if (this.gone || location.href !== address) {
        problems.push({
          field: field.name,
          reason: 'not written: the page changed to another record while applying; check the record and apply again',
        });
        continue;
      }
      const element = findElement(field.selectors);
      if (!element) {
        problems.push({ field: field.name, reason: 'not found on this page' });
        continue;
      }
      // A value written where the user cannot see it is not a write they can check: only when the adapter says so.
      // A field driven through a widget library is shown by the widget, so it counts as said.
      const explicitlyHidden = (field as { hidden?: unknown }).hidden === true || (field as { widget?: unknown }).widget !== undefined;
      if (!explicitlyHidden && notShown(element)) {
        problems.push({ field: field.name, reason: 'not written: the field is hidden on the page (the adapter does not mark it hidden)' });
        continue;
      }
      // Widgets are driven as a user would, some over several frames: one field at a time.
      const result = await writeField(field, element, value);
      if (result.ok) written.push(field.name);
      else problems.push({ field: field.name, reason: result.reason });
    }
    if (this.gone) return;
    // Reported in the page's own order, whatever order they were written in.
    const order = (name: string) => this.match.page.fields.findIndex((field) => field.name === name);
    written.sort((a, b) => order(a) - order(b));
    problems.sort((a, b) => order(a.field) - order(b.field));
    this.send({ type: 'applied', written, problems });
    this.sendSnapshot(this.snapshot(), true);
  }
}

/** Whether this document's address (path and query) is the adapter's saved confirmation, e.g. `?saved=1`. */
function savedUrlMatches(pattern: string | undefined): boolean {
  if (!pattern) return false;
  try {
    return new RegExp(pattern).test(location.pathname + location.search);
  } catch {
    return false;
  }
}

function notShown(element: Element): boolean {
  if (element instanceof HTMLInputElement && element.type === 'hidden') return true;
  // Rich editors hide their textarea behind a visible editor: the adapter names the editor, or marks the field hidden.
  return element.getClientRects().length === 0;
}

function describe(control: Element): string {
  return (control.textContent ?? control.getAttribute('value') ?? 'Save').trim().slice(0, 200) || 'Save';
}

/**
 * Only our own panel page may talk to the content script (its URL may use the static or the dynamic extension id),
 * directly or, where the browser gives the framed panel no `tabs` API (Firefox), through our background page
 * (lib/panel-relay.ts), which has no tab. `relayPath` is that page's path, when there is one.
 */
export function isPanelPort(port: Port, extensionId: string, relayPath?: string): boolean {
  if (port.name !== PANEL_PORT || port.sender?.id !== extensionId || !port.sender.url) return false;
  try {
    const url = new URL(port.sender.url);
    if (!/^(chrome|moz)-extension:$/.test(url.protocol)) return false;
    return url.pathname === '/panel.html' || (relayPath !== undefined && url.pathname === relayPath && !port.sender.tab);
  } catch {
    return false;
  }
}

/** The path of the background page that relays the panel's port, or undefined where the background is a worker. */
export function backgroundPagePath(background: { page?: string; scripts?: string[] } | undefined): string | undefined {
  if (background?.page) return `/${background.page.replace(/^\//, '')}`;
  // Firefox wraps `background.scripts` in a page of its own making, under this fixed name.
  return background?.scripts ? '/_generated_background_page.html' : undefined;
}
