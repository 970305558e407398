// The panel judges Save for the record page (issue 18): the record page's
// feature script carries no rule engine, so each snapshot it sends is judged
// here, with the record model's judgeSave and the checklist choice and
// language the panel tells the page, and the verdict goes back under the
// snapshot's number. The guard holds a Save whose record has no verdict yet
// until this answers.
import type { Checklist, Issue, Locale } from '@chartguard/sdk';
import { NOTE_LIMIT, type PageSnapshot, type ToContent, type ToPanel } from '../../lib/protocol';
import { activeChecklistId, judgeSave, type ChecklistChoice, type JudgedField } from '../../lib/record-model';

type Verdict = Extract<ToContent, { type: 'verdict' }>;
type PageMessage = Extract<ToPanel, { type: 'page' }>;

/** Within the lengths the content script reads (lib/protocol.ts), so a verdict is never dropped for its size. */
const toWire = (issue: Issue) => ({
  ruleId: issue.ruleId.slice(0, 32),
  message: issue.message.slice(0, 2000),
  path: issue.path.slice(0, 4).map((part) => String(part).slice(0, 64)),
});

export class SaveJudge {
  private page: { seq: number; snapshot: PageSnapshot; fields: readonly JudgedField[] } | undefined;
  private choice: ChecklistChoice;
  private locale: Locale = 'en';
  private checklists: ReadonlyMap<string, Checklist> | undefined;
  private send: ((message: ToContent) => void) | undefined;

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** The line to the record page; a snapshot already waiting is judged at once. */
  connect(send: (message: ToContent) => void) {
    this.send = send;
    this.judge();
  }

  /** The checklists as the panel read them: nothing is judged before, so a checklist not yet read never lets a Save through. */
  catalog(checklists: ReadonlyMap<string, Checklist>) {
    this.checklists = checklists;
    this.judge();
  }

  /** A snapshot from the record page; one without a number asks for no verdict. */
  received(message: PageMessage) {
    // The same number is the same snapshot, repeated because the portal changed elsewhere: its verdict stands.
    if (message.seq === undefined || message.seq === this.page?.seq) return;
    this.page = { seq: message.seq, snapshot: message.snapshot, fields: message.fields ?? [] };
    this.judge();
  }

  /** What the panel tells the record page: its choice of checklist and its language change the verdict too. */
  told(message: ToContent) {
    if (message.type === 'select') this.choice = message.checklistId;
    else if (message.type === 'locale') this.locale = message.locale;
    else return;
    this.judge();
  }

  private judge() {
    if (!this.page || !this.checklists || !this.send) return;
    const { seq, snapshot, fields } = this.page;
    const id = activeChecklistId(snapshot, this.choice);
    const checklist = id ? this.checklists.get(id) : undefined;
    // No checklist applies: nothing to hold. One applies that this panel does not know (a policy or an import it has
    // not read yet): it cannot be checked, and the user is told so rather than the Save passing as if it met it.
    const judged = checklist
      ? judgeSave({ checklist, page: snapshot, fields, noteLimit: NOTE_LIMIT, now: this.now(), locale: this.locale })
      : id
        ? ({ kind: 'unchecked', reason: `the checklist "${id.slice(0, 64)}" is not in the configuration this panel read` } as const)
        : ({ kind: 'allow' } as const);
    const verdict: Verdict['verdict'] =
      judged.kind === 'hold'
        ? { kind: 'hold', blocking: judged.blocking.slice(0, 200).map(toWire) }
        : judged.kind === 'unchecked'
          ? { kind: 'unchecked', reason: judged.reason.slice(0, 2000) }
          : { kind: 'allow' };
    const title = checklist && { en: checklist.title.en.slice(0, 400), 'zh-CN': checklist.title['zh-CN'].slice(0, 400) };
    this.send({ type: 'verdict', seq, checklist: checklist && title ? { id: checklist.id, title } : null, verdict });
  }
}
