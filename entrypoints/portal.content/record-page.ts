// One record page while it is on screen: the docked panel, the conversation
// with it, Apply, and the Save guard's verdict on what the portal holds.
import { evaluate, noteChecklistId, parseNote, type Checklist, holds, type Issue } from '@chartguard/sdk/runtime';
import type { Browser } from 'wxt/browser';
import { PANEL_PORT, toContentSchema, type PageSnapshot, type ToPanel } from '../../lib/protocol';
import type { PageMatch } from './detect';
import { mountPanelFrameAfterLoad, type PanelFrame } from './panel-frame';
import { findElement, readPage, writePortalValue } from './portal-fields';
import type { GuardDecision } from './save-guard';

type Port = Browser.runtime.Port;

export interface RecordPageDeps {
  panelUrl: string;
  checklists: Map<string, Checklist>;
  release(control: Element): void;
}

export class RecordPage {
  private frame: PanelFrame;
  private port: Port | undefined;
  private selected: string | null | undefined;
  private locale: 'en' | 'zh-CN' = 'en';
  private heldControl: Element | undefined;
  private snapshotTimer: ReturnType<typeof setTimeout> | undefined;
  private confirmTimer: ReturnType<typeof setInterval> | undefined;

  constructor(
    readonly match: PageMatch,
    private readonly deps: RecordPageDeps,
  ) {
    this.frame = mountPanelFrameAfterLoad(deps.panelUrl);
  }

  get key(): string {
    return `${this.match.adapter.id}|${this.match.page.kind}|${this.match.recordId ?? ''}`;
  }

  attach(port: Port) {
    this.port?.disconnect();
    this.port = port;
    port.onMessage.addListener((raw) => {
      const parsed = toContentSchema.safeParse(raw);
      if (parsed.success) this.onPanelMessage(parsed.data);
    });
    port.onDisconnect.addListener(() => {
      if (this.port === port) this.port = undefined;
    });
  }

  snapshot(): PageSnapshot {
    const { adapter, page, recordId } = this.match;
    const read = readPage(page);
    const suggested = page.suggest.find((suggestion) => holds(suggestion.when, read.answers))?.checklist;
    const mirrors: Record<string, string> = {};
    const pageOwned: string[] = [];
    const portalValues: Record<string, string[]> = {};
    for (const field of page.fields) {
      if (field.answer && field.writeFrom) mirrors[field.answer] = field.writeFrom;
      if (field.answer && field.direction === 'read' && field.kind === 'static') pageOwned.push(field.answer);
      const written = field.writeFrom ?? field.answer;
      if (written && field.direction !== 'read' && field.valueMap) portalValues[written] = Object.keys(field.valueMap);
    }
    return {
      adapterId: adapter.id,
      adapterName: adapter.name,
      pageKind: page.kind,
      recordId,
      answers: read.answers,
      note: read.note,
      checklists: page.checklists.filter((id) => this.deps.checklists.has(id)),
      suggested,
      missingFields: read.missingFields,
      mirrors,
      pageOwned,
      portalValues,
    };
  }

  /** The portal changed (typing, a re-render): tell the panel soon, not on every keystroke. */
  pageChanged() {
    clearTimeout(this.snapshotTimer);
    this.snapshotTimer = setTimeout(() => this.send({ type: 'page', snapshot: this.snapshot() }), 120);
  }

  /** Which checklist the record is held to: the panel's choice, else the note's header, else the page's suggestion. */
  activeChecklist(snapshot: PageSnapshot): Checklist | undefined {
    const id = this.selected !== undefined ? this.selected : (noteChecklistId(snapshot.note) ?? snapshot.suggested ?? null);
    return id && snapshot.checklists.includes(id) ? this.deps.checklists.get(id) : undefined;
  }

  /** For the toolbar popup: the checklist the record is held to now, and whether a Save is being held. */
  popupState(): { checklist: Checklist | undefined; saveHeld: boolean } {
    return { checklist: this.activeChecklist(this.snapshot()), saveHeld: this.heldControl !== undefined };
  }

  /** Opens the docked panel (the popup's "Show the panel"). */
  reveal(): boolean {
    this.frame.setCollapsed(false);
    return true;
  }

  decide(control: Element): GuardDecision {
    const snapshot = this.snapshot();
    const checklist = this.activeChecklist(snapshot);
    if (!checklist) return 'allow';
    // Chartguard never holds Save because of its own blindness: without the note field
    // there is nothing to judge, and rules about fields it cannot find are not held.
    const noteField = this.match.page.fields.find((field) => field.role === 'note');
    if (noteField && snapshot.missingFields.includes(noteField.name)) {
      this.notifyUnchecked(`the portal field “${noteField.name}” cannot be found on this page`);
      return 'allow';
    }
    const unseen = new Set(this.match.page.fields.filter((field) => field.answer && snapshot.missingFields.includes(field.name)).map((field) => field.answer!));
    // Judge what the portal will actually receive: its note, read back, and its own fields.
    const record = { ...parseNote(checklist, snapshot.note).answers, ...snapshot.answers };
    const evaluation = evaluate(checklist, record, { now: new Date(), locale: this.locale });
    evaluation.blocking = evaluation.blocking.filter((issue) => !unseen.has(issue.path[0] ?? ''));
    if (evaluation.blocking.length === 0) {
      this.send({ type: 'saveAllowed', checklistId: checklist.id, overridden: false });
      this.awaitConfirmation(checklist.id);
      return 'allow';
    }
    this.heldControl = control;
    this.frame.setCollapsed(false);
    this.send({ type: 'saveHeld', checklistId: checklist.id, issues: evaluation.blocking.map(toWire), control: describe(control) });
    if (!this.port) this.frame.notice(`Chartguard held Save: ${evaluation.blocking.map((issue) => issue.ruleId).join(', ')}`);
    return 'hold';
  }

  notifyUnchecked(reason: string) {
    this.send({ type: 'saveUnchecked', reason });
    this.frame.notice(`Chartguard could not check this record (${reason}). The portal saved it unchecked.`);
  }

  /** Drafts are kept until the portal itself says the record was saved. */
  private awaitConfirmation(checklistId: string | undefined) {
    const saved = this.match.page.saved;
    if (!saved) return;
    clearInterval(this.confirmTimer);
    const read = () => {
      const element = findElement([saved.selector]);
      const text = element?.textContent ?? null;
      return { text, confirmed: text !== null && (!saved.text || text.toLowerCase().includes(saved.text.toLowerCase())) };
    };
    const before = read().text;
    const deadline = Date.now() + 15_000;
    this.confirmTimer = setInterval(() => {
      const now = read();
      if (now.confirmed && now.text !== before) {
        clearInterval(this.confirmTimer);
        this.send({ type: 'saveConfirmed', checklistId });
      } else if (Date.now() > deadline) clearInterval(this.confirmTimer);
    }, 100);
  }

  /** The extension was reloaded or updated under this page: say so, keep the page working. */
  orphaned() {
    clearTimeout(this.snapshotTimer);
    clearInterval(this.confirmTimer);
    this.frame.orphan('Chartguard was updated or restarted. Reload this page to continue; your answers are kept as a draft. Until then, Save is not checked.');
  }

  destroy() {
    clearTimeout(this.snapshotTimer);
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

  private onPanelMessage(message: ReturnType<typeof toContentSchema.parse>) {
    switch (message.type) {
      case 'hello':
        this.frame.notice(null);
        this.send({ type: 'page', snapshot: this.snapshot() });
        break;
      case 'select':
        this.selected = message.checklistId;
        break;
      case 'layout':
        this.frame.setCollapsed(message.collapsed);
        break;
      case 'locale':
        this.locale = message.locale;
        break;
      case 'apply':
        this.apply(message.note, message.answers);
        break;
      case 'overrideSave': {
        const control = this.heldControl;
        this.heldControl = undefined;
        if (control?.isConnected) {
          const checklist = this.activeChecklist(this.snapshot());
          this.send({ type: 'saveAllowed', checklistId: checklist?.id, overridden: true });
          this.awaitConfirmation(checklist?.id);
          this.deps.release(control);
        }
        break;
      }
    }
  }

  private apply(note: string, answers: Record<string, unknown>) {
    const written: string[] = [];
    const problems: { field: string; reason: string }[] = [];
    for (const field of this.match.page.fields) {
      if (field.direction === 'read') continue;
      const value = field.role === 'note' ? note : answers[field.writeFrom ?? field.answer ?? ''];
      if (value === undefined || value === null || value === '') continue;
      const element = findElement(field.selectors);
      if (!element) {
        problems.push({ field: field.name, reason: 'not found on this page' });
        continue;
      }
      const result = writePortalValue(field, element, String(value));
      if (result.ok) written.push(field.name);
      else problems.push({ field: field.name, reason: result.reason });
    }
    this.send({ type: 'applied', written, problems });
    this.send({ type: 'page', snapshot: this.snapshot() });
  }
}

function toWire(issue: Issue) {
  return { ruleId: issue.ruleId, message: issue.message, path: issue.path };
}

function describe(control: Element): string {
  return (control.textContent ?? control.getAttribute('value') ?? 'Save').trim().slice(0, 200) || 'Save';
}

/** Only our own panel page may talk to the content script (its URL may use the static or the dynamic extension id). */
export function isPanelPort(port: Port, extensionId: string): boolean {
  if (port.name !== PANEL_PORT || port.sender?.id !== extensionId || !port.sender.url) return false;
  try {
    const url = new URL(port.sender.url);
    return /^(chrome|moz)-extension:$/.test(url.protocol) && url.pathname === '/panel.html';
  } catch {
    return false;
  }
}
