// @vitest-environment happy-dom
// #15 part 6, part 7 and G-01 in the panel as a user meets it: the last
// consultation's goal, plan and risk as prompts on a follow-up (a recorded
// risk always shown; "none" and "cannot see" said plainly), starting points
// copied only when asked and only into empty answers; "no checklist" asks a
// reason and hands over the entry; the author's source is named.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup, render, screen, waitFor, within } from './testing-library';
import userEvent from '@testing-library/user-event';
import { parseChecklist, renderNote, type Checklist } from '@chartguard/sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Panel, type PanelProps } from '../../components/Panel';
import { readLastTime } from '../../components/last-consultation';
import type { PageSnapshot } from '../../lib/protocol';

const CHECKLIST_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../checklists');
const load = (id: string) => parseChecklist(JSON.parse(fs.readFileSync(path.join(CHECKLIST_DIR, `${id}.json`), 'utf8')));
const cx = load('cx');
const checklists = new Map<string, Checklist>([['cx', cx]]);
const NOW = new Date(2026, 10, 23, 15, 30);

const LAST_VISIT = {
  visitType: 'follow-up',
  goalProgress: 'Used the timer app, no incidents.',
  presentationReason: 'Follow-up after GHB overdose.',
  recentUse: 'Every other weekend.',
  goal: 'weekend-without',
  goalInOwnWords: 'One clean weekend before Christmas.',
  motivation: 'motivated',
  plan: 'Plan a weekend away with friends who do not use.',
  returning: 'booked',
  returnOn: '2026-11-23',
  urgentRisks: 'none',
  followUpEmailSent: false,
  referralMade: false,
  infoSent: false,
};
const RISKY = { ...LAST_VISIT, urgentRisks: 'identified', riskDescription: 'Using alone at home.', riskAction: 'Agreed a buddy plan.' };

function snapshot(overrides: Partial<PageSnapshot> = {}): PageSnapshot {
  return {
    adapterId: 'casenotes-demo',
    adapterName: 'Harbour case notes',
    pageKind: 'consultation',
    recordId: 'cn-7003',
    answers: { visitType: 'follow-up' },
    note: '',
    checklists: ['cx'],
    suggested: 'cx',
    missingFields: [],
    mirrors: {},
    pageOwned: ['visitType'],
    portalValues: {},
    previous: { state: 'found', note: renderNote(cx, LAST_VISIT), at: '2026-11-16T14:00', author: 'Jess Bright' },
    ...overrides,
  };
}

function setup(overrides: Partial<PanelProps> = {}) {
  const page = overrides.snapshot ?? snapshot();
  const props: PanelProps = {
    snapshot: page,
    checklists,
    initialAnswers: { ...page.answers },
    initialChecklistId: null,
    connected: true,
    held: null,
    saveStatus: null,
    applyResult: null,
    defaultLocale: 'en',
    now: () => NOW,
    author: 'Liz Smith',
    onAuthor: vi.fn(),
    onSelect: vi.fn(),
    onApply: vi.fn(),
    onOverride: vi.fn(),
    onCollapse: vi.fn(),
    onAnswersChange: vi.fn(),
    onDeclineChecklist: vi.fn(() => Promise.resolve()),
    ...overrides,
  };
  const user = userEvent.setup();
  render(<Panel {...props} />);
  return { props, user };
}

afterEach(cleanup);

const last = () => screen.getByTestId('last-consultation');
/** A choice's value whether it is drawn as radios or as a select. */
const chosen = (fieldId: string) => {
  const control = document.getElementById(`cg-field-${fieldId}`);
  return control instanceof HTMLSelectElement
    ? control.value
    : document.querySelector<HTMLInputElement>(`input[name="${fieldId}"]:checked`)?.value;
};
const row = (id: string) => last().querySelector(`[data-last="${id}"] dd`)?.textContent;

describe('the last consultation on a follow-up', () => {
  it('shows last time’s goal, plan and risk, with when and by whom', () => {
    setup();
    expect(within(last()).getByRole('heading').textContent).toBe('Last time: 2026-11-16 14:00, Jess Bright');
    expect(row('goal')).toContain('Try a weekend without chems');
    expect(row('goal')).toContain('One clean weekend before Christmas.');
    expect(row('plan')).toContain('Plan a weekend away with friends who do not use.');
    expect(row('risk')).toBe('None identified');
    expect(screen.queryByTestId('last-risk')).toBeNull();
    // The same lines above the questions they concern.
    expect(document.querySelector('[data-testid="last-prompt-plan"]')!.closest('section')!.querySelector('h3')!.textContent).toBe('Plan');
    expect(screen.getByTestId('last-prompt-risk').textContent).toContain('Last time: None identified');
  });

  it('always shows a risk recorded last time, with its rule id, even when a later line contradicts an earlier "none"', () => {
    setup({ snapshot: snapshot({ previous: { state: 'found', note: renderNote(cx, RISKY) } }) });
    expect(screen.getByTestId('last-risk').textContent).toContain('CX-07');
    expect(row('risk')).toContain('Using alone at home.');
    expect(row('risk')).toContain('Agreed a buddy plan.');
    expect(screen.getByTestId('last-prompt-risk').className).toContain('cg-warning-box');
    cleanup();
    setup({ snapshot: snapshot({ previous: { state: 'found', note: `${renderNote(cx, LAST_VISIT)}\nUrgent risks: Identified` } }) });
    expect(screen.getByTestId('last-risk').textContent).toContain('CX-07');
    expect(row('risk')).toBe('Identified');
  });

  it('copies last time’s plan only when asked, and only into an empty answer', async () => {
    const { user, props } = setup();
    const plan = document.getElementById('cg-field-plan') as HTMLTextAreaElement;
    expect(plan.value).toBe('');
    await user.click(screen.getByRole('button', { name: 'Start from last time’s plan' }));
    await waitFor(() => expect(plan.value).toBe(LAST_VISIT.plan));
    expect(screen.getByText(/Copied into the empty answers below as a starting point/)).toBeTruthy();
    // Nothing was written to the portal: the clinician still applies it.
    expect(props.onApply).not.toHaveBeenCalled();
    // With an answer of their own, the goal button leaves it alone.
    await user.type(document.getElementById('cg-field-goalInOwnWords') as HTMLTextAreaElement, 'Stop for good');
    await user.click(screen.getByRole('button', { name: 'Start from last time’s goal' }));
    await waitFor(() => expect(chosen('goal')).toBe('weekend-without'));
    expect((document.getElementById('cg-field-goalInOwnWords') as HTMLTextAreaElement).value).toBe('Stop for good');
  });

  it('says plainly when there was no previous consultation, when Chartguard cannot see it, and when it has no handover', () => {
    setup({ snapshot: snapshot({ previous: { state: 'none' } }) });
    expect(last().textContent).toBe('No previous consultation for this client is on record, so there is no handover to start from.');
    expect(screen.queryByTestId('last-prompt-plan')).toBeNull();
    cleanup();
    setup({ snapshot: snapshot({ previous: { state: 'unseen' } }) });
    expect(last().textContent).toContain('cannot see the previous consultation');
    cleanup();
    setup({ snapshot: snapshot({ previous: { state: 'found', note: '', at: '2026-11-16T14:00' } }) });
    expect(last().textContent).toBe('The last consultation (2026-11-16 14:00) has no handover note.');
  });

  it('shows a hand-written handover as written, so a risk in it is not hidden', () => {
    const note = 'Goal: one weekend without chems.\nRisk: drinks heavily when alone.';
    setup({ snapshot: snapshot({ previous: { state: 'found', note } }) });
    expect(last().getAttribute('data-state')).toBe('unstructured');
    expect(last().querySelector('pre')!.textContent).toBe(note);
  });

  it('is not shown on a first visit, nor where the adapter names no history', () => {
    setup({ snapshot: snapshot({ answers: { visitType: 'first' } }) });
    expect(screen.queryByTestId('last-consultation')).toBeNull();
    cleanup();
    setup({ snapshot: snapshot({ previous: undefined }) });
    expect(screen.queryByTestId('last-consultation')).toBeNull();
  });

  it('reads prompts in Chinese', () => {
    const read = readLastTime(cx, { state: 'found', note: renderNote(cx, RISKY, { locale: 'zh-CN' }) }, 'zh-CN');
    expect(read?.state).toBe('structured');
    if (read?.state !== 'structured') return;
    expect(read.risk.rules).toEqual(['CX-07']);
    expect(read.plan!.text).toContain(RISKY.plan);
  });
});

describe('the entry author', () => {
  it('is the portal’s signed-in user where the page shows one, and the panel says so', () => {
    setup({ snapshot: snapshot({ signedInUser: 'Jess Bright' }) });
    expect(screen.getByTestId('author-source').getAttribute('data-source')).toBe('portal');
    expect(screen.getByTestId('author-source').textContent).toBe('Entries are written as Jess Bright, signed in to the portal.');
    expect(document.getElementById('cg-author')).toBeNull();
    expect(screen.getByTestId('note-preview').textContent).toMatch(/Entry by Jess Bright, 2026-11-23 15:30/);
  });

  it('falls back to the name typed once, and says so', () => {
    setup();
    expect(screen.getByTestId('author-source').getAttribute('data-source')).toBe('typed');
    expect((document.getElementById('cg-author') as HTMLInputElement).value).toBe('Liz Smith');
    expect(screen.getByTestId('note-preview').textContent).toMatch(/Entry by Liz Smith, 2026-11-23 15:30/);
  });
});

describe('choosing no checklist where one was suggested', () => {
  it('asks a reason, then hands over the entry naming the suggested checklist, and only then drops it', async () => {
    const { user, props } = setup({ snapshot: snapshot({ signedInUser: 'Jess Bright', note: 'Hand-written line.' }) });
    await user.selectOptions(screen.getByRole('combobox', { name: /What are you recording/ }), '');
    const box = screen.getByTestId('no-checklist');
    // Still on the suggested checklist until the reason is given.
    expect((screen.getByRole('combobox', { name: /What are you recording/ }) as HTMLSelectElement).value).toBe('cx');
    expect(props.onSelect).not.toHaveBeenCalled();
    const confirm = within(box).getByRole('button', { name: 'Use no checklist' });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    await user.type(within(box).getByRole('textbox'), 'Client left before the consultation began.');
    await user.click(confirm);
    expect(props.onDeclineChecklist).toHaveBeenCalledWith({
      suggested: 'cx',
      reason: 'Client left before the consultation began.',
      note: 'Hand-written line.\n\nEntry by Jess Bright, 2026-11-23 15:30\nNo checklist used; suggested: Brief chemsex consultation and handover note (cx); reason: Client left before the consultation began.',
    });
    await screen.findByTestId('no-checklist-done');
    expect((screen.getByRole('combobox', { name: /What are you recording/ }) as HTMLSelectElement).value).toBe('');
  });

  it('a record whose note says no checklist was used opens without the suggested one', () => {
    const note =
      'Entry by Jess Bright, 2026-11-23 15:30\nNo checklist used; suggested: Brief chemsex consultation and handover note (cx); reason: Client left before the consultation began.';
    setup({ snapshot: snapshot({ note }) });
    expect((screen.getByRole('combobox', { name: /What are you recording/ }) as HTMLSelectElement).value).toBe('');
    expect(screen.queryByTestId('last-consultation')).toBeNull();
  });

  it('keeps the suggested checklist when the choice could not be logged, or is cancelled', async () => {
    const { user } = setup({ onDeclineChecklist: vi.fn(() => Promise.reject(new Error('log failed'))) });
    const select = screen.getByRole('combobox', { name: /What are you recording/ }) as HTMLSelectElement;
    await user.selectOptions(select, '');
    await user.type(within(screen.getByTestId('no-checklist')).getByRole('textbox'), 'Nothing to record today.');
    await user.click(screen.getByRole('button', { name: 'Use no checklist' }));
    await waitFor(() => expect(screen.getByTestId('no-checklist')).toBeTruthy());
    expect(select.value).toBe('cx');
    await user.click(screen.getByRole('button', { name: 'Keep the checklist' }));
    expect(screen.queryByTestId('no-checklist')).toBeNull();
    expect(select.value).toBe('cx');
  });
});
