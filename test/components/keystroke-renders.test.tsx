// @vitest-environment happy-dom
// What a keystroke re-renders in the panel (issue 18, "React commit per keystroke"): its own question and what
// judges the answers in the key's commit, the panel around them in the transition after it, and never another
// question. Counted per commit through React's DevTools hook (./render-trace.ts).
import { recordCommits, type Rendered } from './render-trace';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup, render, screen, waitFor } from './testing-library';
import { parseChecklist, type Checklist } from '@chartguard/sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Panel } from '../../components/Panel';
import type { PageSnapshot } from '../../lib/protocol';
import { outsideAct } from './outside-act';

const CHECKLIST_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../checklists');
const snc = parseChecklist(JSON.parse(fs.readFileSync(path.join(CHECKLIST_DIR, 'snc.json'), 'utf8')));
const checklists = new Map<string, Checklist>([['snc', snc]]);
const NOW = new Date(2026, 10, 23, 15, 0);
const PAGE_ANSWERS = { sessionAt: '2026-11-23T14:00', preferredMethod: 'phone', attendance: 'cancelled-by-provider' };
const FIELD_COMPONENTS = new Set([
  'FieldRow',
  'TextField',
  'ChoiceField',
  'MultiChoiceField',
  'BooleanField',
  'DateTimeField',
  'NumberField',
  'AttendanceField',
  'ReadOnlyField',
  'FieldShell',
]);

function renderPanel() {
  const snapshot: PageSnapshot = {
    adapterId: 'mpb-demo',
    adapterName: 'MPB demo portal',
    pageKind: 'session',
    recordId: 's-1',
    answers: { ...PAGE_ANSWERS },
    note: '',
    checklists: ['snc'],
    suggested: 'snc',
    missingFields: [],
    mirrors: {},
    pageOwned: [],
    portalValues: {},
  };
  render(
    <Panel
      snapshot={snapshot}
      checklists={checklists}
      initialAnswers={{ ...PAGE_ANSWERS }}
      initialChecklistId={null}
      connected
      held={null}
      saveStatus={null}
      applyResult={null}
      now={() => NOW}
      author="Liz Smith"
      onSelect={vi.fn()}
      onApply={vi.fn()}
      onOverride={vi.fn()}
      onCollapse={vi.fn()}
      onAnswersChange={vi.fn()}
    />,
  );
}

afterEach(cleanup);

/** A control's new value and its input event, as one keystroke (or one pick in a date picker) delivers them. */
function edit(control: HTMLInputElement | HTMLTextAreaElement, value: string) {
  const prototype = control instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(prototype, 'value')!.set!.call(control, value);
  control.dispatchEvent(new Event('input', { bubbles: true }));
}

const control = (fieldId: string) => document.getElementById(`cg-field-${fieldId}`) as HTMLInputElement | HTMLTextAreaElement;
const preview = () => screen.getByTestId('note-preview').textContent ?? '';
const listedRules = () => [...document.querySelectorAll('.cg-issues li[data-rule]')].map((node) => node.getAttribute('data-rule'));
const progressText = () => document.querySelector('.cg-progress [role="status"]')?.textContent;
const names = (commit: Rendered[]) => commit.map((each) => each.name);
/** The questions whose components rendered, by field id. */
const questions = (commits: Rendered[][]) => [
  ...new Set(commits.flat().flatMap((each) => (FIELD_COMPONENTS.has(each.name) && each.field ? [each.field] : []))),
];

describe('a keystroke in the panel', () => {
  it('commits its own question, the progress and the issue list, and re-renders no other question', async () => {
    renderPanel();
    // Touched, so the question shows its own "missing" issue (SNC-06) as the bench's typing does.
    const agreed = control('agreed');
    await outsideAct(async () => {
      edit(agreed, 'Ring');
      await waitFor(() => expect(preview()).toContain('Ring'));
      edit(agreed, '');
      await waitFor(() => expect(preview()).not.toContain('Ring'));
      expect(listedRules()).toContain('SNC-06');
    });
    const commits = recordCommits();
    await outsideAct(async () => {
      edit(agreed, 'Ring back');
      // The key's own commit, synchronous in its input event.
      expect(commits).toHaveLength(1);
      const keyCommit = names(commits[0]!);
      expect(keyCommit).toEqual(expect.arrayContaining(['FieldRow', 'TextField', 'ProgressLine', 'IssueList']));
      expect(keyCommit, 'the panel around the form follows in the transition').not.toContain('Panel');
      expect(keyCommit).not.toContain('NotePreview');
      expect(questions(commits)).toEqual(['agreed']);
      expect(listedRules()).not.toContain('SNC-06');
      // The note preview follows in a transition, and only the panel around the form renders for it.
      await waitFor(() => expect(preview()).toContain('Ring back'));
    });
    expect(commits.length).toBeGreaterThan(1);
    expect(names(commits.flat())).toContain('NotePreview');
    expect(questions(commits)).toEqual(['agreed']);
  });

  it('in a section of nine questions, re-renders the one answered', async () => {
    renderPanel();
    const before = progressText();
    const commits = recordCommits();
    await outsideAct(async () => {
      edit(control('informedAt'), '2026-11-23T12:30');
      // One more required item done, in the key's own commit.
      expect(progressText()).not.toBe(before);
      await waitFor(() => expect(preview()).toContain('12:30'));
    });
    expect(questions(commits)).toEqual(['informedAt']);
    // Typing on: the answer changes, what the rules say of it does not, and still only its own question renders.
    recordCommits();
    await outsideAct(async () => {
      edit(control('informedAt'), '2026-11-23T12:45');
      await waitFor(() => expect(preview()).toContain('12:45'));
    });
    expect(questions(commits)).toEqual(['informedAt']);
  });
});
