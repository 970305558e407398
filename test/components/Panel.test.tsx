// @vitest-environment happy-dom
// The panel as a user meets it: generated from the real checklists, driven
// through its labels and buttons, with a fixed clock so deadlines never drift.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup, fireEvent, render, screen, waitFor, within } from './testing-library';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import {
  composeEntry,
  evaluate,
  formatLocalDateTime,
  localize,
  parseChecklist,
  renderNote,
  type Checklist,
  type Locale,
} from '@chartguard/sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Panel, type PanelProps } from '../../components/Panel';
import type { HeldSave } from '../../components/SaveHeldBanner';
import { ui } from '../../i18n/panel';
import type { PageSnapshot } from '../../lib/protocol';
import { outsideAct } from './outside-act';

// A path, not a URL: under happy-dom the global URL is the DOM's, which node:fs does not accept.
const CHECKLIST_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../checklists');

/** Every checklist file in the repository; not-yet.json is the catalogue of unimplemented rules, not a checklist. */
const checklists = new Map<string, Checklist>(
  fs
    .readdirSync(CHECKLIST_DIR)
    .filter((name) => name.endsWith('.json') && name !== 'not-yet.json')
    .map((name) => parseChecklist(JSON.parse(fs.readFileSync(path.join(CHECKLIST_DIR, name), 'utf8'))))
    .map((checklist) => [checklist.id, checklist]),
);
const snc = checklists.get('snc')!;

// An hour after the cancelled session: inside SNC-08's 24 hours, so no deadline issue muddies the counts.
const NOW = new Date(2026, 10, 23, 15, 0);
const PAGE_ANSWERS = { sessionAt: '2026-11-23T14:00', preferredMethod: 'phone', attendance: 'cancelled-by-provider' };

function snapshot(overrides: Partial<PageSnapshot> = {}): PageSnapshot {
  return {
    adapterId: 'mpb-demo',
    adapterName: 'MPB demo portal',
    pageKind: 'session',
    recordId: 's-1',
    answers: { ...PAGE_ANSWERS },
    note: '',
    checklists: ['snc', ...[...checklists.keys()].filter((id) => id !== 'snc')],
    suggested: 'snc',
    missingFields: [],
    mirrors: { nextSessionInPortal: 'rebookedAt' },
    pageOwned: [],
    portalValues: {},
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
    ...overrides,
  };
  const user = userEvent.setup();
  const view = render(<Panel {...props} />);
  return {
    props,
    user,
    view,
    rerender(more: Partial<PanelProps>) {
      Object.assign(props, more);
      view.rerender(<Panel {...props} />);
    },
  };
}

afterEach(cleanup);

const label = (fieldId: string, locale: Locale = 'en') => {
  const field = snc.sections.flatMap((section) => section.fields).find((candidate) => candidate.id === fieldId);
  if (!field) throw new Error(`snc has no field ${fieldId}`);
  return localize(field.label, locale);
};
/** The wrapper of one question (label, control, inline issues), or null when it is hidden. */
const fieldBox = (fieldId: string) => document.querySelector<HTMLElement>(`[data-field="${fieldId}"]`);
const control = <T extends HTMLElement = HTMLInputElement>(fieldId: string) => document.getElementById(`cg-field-${fieldId}`) as T | null;
const inlineRules = (fieldId: string) =>
  [...(fieldBox(fieldId)?.querySelectorAll('.cg-field-issues .cg-rule') ?? [])].map((node) => node.textContent);
const listedRules = () => [...document.querySelectorAll('.cg-issues li[data-rule]')].map((node) => node.getAttribute('data-rule'));
const progressText = () => document.querySelector('.cg-progress [role="status"]')?.textContent;
const radio = (fieldId: string, value: string) => document.querySelector<HTMLInputElement>(`input[name="${fieldId}"][value="${value}"]`)!;
const setValue = (fieldId: string, value: string) => fireEvent.change(control(fieldId)!, { target: { value } });

/** Answers that satisfy every required SNC rule without rebooking (so SNC-07 does not wait for Apply). */
function fillRequiredDeclined() {
  setValue('informedAt', '2026-11-23T12:30');
  setValue('contactMethod', 'phone');
  fireEvent.click(radio('rebookOutcome', 'client-declined'));
  setValue('agreed', 'Client will ring to rebook after the holiday.');
  fireEvent.click(radio('riskConcern', 'false'));
}

/** Sets a text field's value and fires its input event, as one keystroke's worth of typing, without waiting for React. */
function typeWithoutWaiting(field: HTMLTextAreaElement, text: string) {
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(field, text);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('Panel', () => {
  it('opens the checklist the record suggests', () => {
    setup();
    const picker = screen.getByLabelText(ui('en', 'chooseChecklist')) as HTMLSelectElement;
    expect(picker.value).toBe('snc');
    expect(picker.selectedOptions[0]!.textContent).toContain(ui('en', 'suggested'));
    expect(screen.getByRole('heading', { name: localize(snc.sections[0]!.title, 'en') })).toBeTruthy();
    expect(control('informedAt')).not.toBeNull();
  });

  it('opens nothing when the record suggests nothing, and follows a suggestion that arrives later', () => {
    const { rerender } = setup({
      snapshot: snapshot({ suggested: undefined, answers: { sessionAt: '2026-11-23T14:00', preferredMethod: 'phone' } }),
    });
    expect((screen.getByLabelText(ui('en', 'chooseChecklist')) as HTMLSelectElement).value).toBe('');
    expect(control('informedAt')).toBeNull();
    rerender({ snapshot: snapshot() });
    expect((screen.getByLabelText(ui('en', 'chooseChecklist')) as HTMLSelectElement).value).toBe('snc');
  });

  it('follows a changed suggestion when it started on the page’s own suggestion, but never overrides a remembered choice', () => {
    const other = [...checklists.keys()].find((id) => id !== 'snc')!;
    // The page first suggested another checklist (say, a follow-up session), then the attendance became a cancellation.
    const first = setup({ snapshot: snapshot({ suggested: other }), initialChecklistId: other });
    expect((screen.getByLabelText(ui('en', 'chooseChecklist')) as HTMLSelectElement).value).toBe(other);
    first.rerender({ snapshot: snapshot({ suggested: 'snc' }) });
    expect((screen.getByLabelText(ui('en', 'chooseChecklist')) as HTMLSelectElement).value).toBe('snc');
    cleanup();

    // A draft restored for a checklist the page does not suggest is the user's earlier choice: it stays.
    const second = setup({ snapshot: snapshot({ suggested: undefined }), initialChecklistId: other });
    second.rerender({ snapshot: snapshot({ suggested: 'snc' }) });
    expect((screen.getByLabelText(ui('en', 'chooseChecklist')) as HTMLSelectElement).value).toBe(other);
  });

  it('tells the content script the checklist of a restored draft it holds the record to, and nothing when the record picks it anyway', () => {
    const other = [...checklists.keys()].find((id) => id !== 'snc')!;
    const restored = setup({ initialChecklistId: other });
    expect(restored.props.onSelect).toHaveBeenCalledWith(other);
    cleanup();
    const automatic = setup({ initialChecklistId: 'snc' });
    expect(automatic.props.onSelect).not.toHaveBeenCalled();
  });

  it('marks an issue as holding Save exactly when the SDK counts it blocking: an overdue note is a warning', () => {
    // Three days after the session, nothing recorded: SNC-08's deadline has passed, and the required answers are missing.
    setup({ now: () => new Date(2026, 10, 26, 15, 0) });
    const overdue = document.querySelector('.cg-issues li[data-rule="SNC-08"]');
    expect(overdue?.className).toBe('cg-warning');
    expect(document.querySelectorAll('.cg-issues li.cg-error').length).toBeGreaterThan(0);
  });

  it('shows and hides questions as their conditions change', async () => {
    const { user } = setup();
    expect(fieldBox('rebookedAt')).toBeNull();
    expect(fieldBox('nextSessionInPortal')).toBeNull();
    await user.click(screen.getByRole('radio', { name: 'Rebooked' }));
    expect(screen.getByLabelText(new RegExp(`^${label('rebookedAt')}`))).toBe(control('rebookedAt'));
    expect(fieldBox('nextSessionInPortal')).not.toBeNull();
    expect(fieldBox('recontactBy')).toBeNull();

    await user.click(screen.getByRole('radio', { name: localize(snc.sections[2]!.fields[0]!.options![2]!.label, 'en') }));
    expect(fieldBox('rebookedAt')).toBeNull();
    expect(fieldBox('recontactBy')).not.toBeNull();

    expect(fieldBox('riskDetail')).toBeNull();
    await user.click(within(fieldBox('riskConcern')!).getByRole('radio', { name: 'Yes' }));
    expect(fieldBox('riskDetail')).not.toBeNull();
    expect(fieldBox('riskDutyContactedAt')).not.toBeNull();
    await user.click(within(fieldBox('riskConcern')!).getByRole('radio', { name: 'No' }));
    expect(fieldBox('riskDetail')).toBeNull();
  });

  it('voicemail against a phone preference: SNC-04 is listed and the reason question appears', async () => {
    const { user } = setup();
    expect(fieldBox('methodDifferenceReason')).toBeNull();
    expect(listedRules()).not.toContain('SNC-04');
    await user.selectOptions(control<HTMLSelectElement>('contactMethod')!, 'voicemail');
    expect(listedRules()).toContain('SNC-04');
    expect(screen.getByLabelText(new RegExp(`^${label('methodDifferenceReason')}`))).toBe(control('methodDifferenceReason'));
    expect(fieldBox('supportRoute')).not.toBeNull();
    // A wrong answer is shown inline at once, touched or not; it names its rule.
    expect(inlineRules('contactMethod')).toContain('SNC-04');
    // v2: SNC-04 is advisory: shown inline, but an advice is not an invalid answer.
    expect(control('contactMethod')!.getAttribute('aria-invalid')).not.toBe('true');

    await user.selectOptions(control<HTMLSelectElement>('contactMethod')!, 'phone');
    expect(listedRules()).not.toContain('SNC-04');
    expect(fieldBox('methodDifferenceReason')).toBeNull();
  });

  it('marks required questions, and only those', async () => {
    const { user } = setup();
    const marked = (fieldId: string) => fieldBox(fieldId)!.querySelector(`.cg-required[aria-label="${ui('en', 'required')}"]`) !== null;
    for (const id of ['attendance', 'informedAt', 'contactMethod', 'preferredMethod', 'rebookOutcome', 'agreed', 'riskConcern'])
      expect(marked(id), id).toBe(true);
    for (const id of ['clientUnhappy', 'absenceSignificant', 'absenceLonger', 'recordedAt', 'sessionAt'])
      expect(marked(id), id).toBe(false);
    expect(control('informedAt')!.getAttribute('aria-required')).toBe('true');
    expect(control('clientUnhappy')!.getAttribute('aria-required')).not.toBe('true');
    // A conditional requirement is marked once its condition holds.
    await user.click(screen.getByRole('radio', { name: 'Rebooked' }));
    expect(marked('rebookedAt')).toBe(true);
    expect(marked('nextSessionInPortal')).toBe(true);
  });

  it('shows a missing answer inline with its rule id only after the question was touched', async () => {
    const { user } = setup();
    expect(inlineRules('informedAt')).toEqual([]);
    expect(inlineRules('agreed')).toEqual([]);
    await user.click(control('informedAt')!);
    await user.tab();
    expect(inlineRules('informedAt')).toEqual(['SNC-02']);
    expect(fieldBox('informedAt')!.querySelector('.cg-error')!.textContent).toMatch(/SNC-02\s+\S/);
    expect(control('informedAt')!.getAttribute('aria-invalid')).toBe('true');
    expect(control('informedAt')!.getAttribute('aria-describedby')).toContain('cg-issues-informedAt');
    // The issue list is a polite live region, so a screen reader hears it appear.
    expect(fieldBox('informedAt')!.querySelector('.cg-field-issues')!.getAttribute('aria-live')).toBe('polite');
    expect(inlineRules('agreed')).toEqual([]);
  });

  it('"Go to first problem" reveals every inline error and focuses the first problem’s control', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: ui('en', 'firstProblem') }));
    await waitFor(() => expect(document.activeElement).toBe(control('informedAt')));
    expect(inlineRules('agreed')).toEqual(['SNC-06']);
    expect(inlineRules('rebookOutcome')).toEqual(['SNC-05']);

    // Once it is answered, the next problem is the first one.
    setValue('informedAt', '2026-11-23T12:30');
    await user.click(screen.getByRole('button', { name: ui('en', 'firstProblem') }));
    await waitFor(() => expect(document.activeElement).toBe(control('contactMethod')));

    // For a radio group the first radio takes the focus.
    setValue('contactMethod', 'phone');
    await user.click(screen.getByRole('button', { name: ui('en', 'firstProblem') }));
    await waitFor(() => expect(document.activeElement).toBe(radio('rebookOutcome', 'rebooked')));
  });

  it('lists advisory rules as advice that never counts as blocking', async () => {
    const { user } = setup();
    fillRequiredDeclined();
    expect(progressText()).toBe(ui('en', 'allRequiredDone'));
    expect(listedRules()).toEqual([]);

    await user.click(within(fieldBox('clientUnhappy')!).getByRole('radio', { name: 'Yes' }));
    expect(fieldBox('clinicalSupportRequested')).not.toBeNull();
    const advice = document.querySelector('.cg-issues li[data-rule="SNC-10"]')!;
    expect(advice.classList.contains('cg-warning')).toBe(true);
    expect(advice.querySelector('.cg-tag')!.textContent).toBe(ui('en', 'advisory'));
    // Still nothing required is missing: no blocking count, no "go to first problem".
    expect(progressText()).toBe(ui('en', 'allRequiredDone'));
    expect(screen.queryByRole('button', { name: ui('en', 'firstProblem') })).toBeNull();
    expect(document.querySelectorAll('.cg-issues li.cg-error')).toHaveLength(0);

    await user.click(within(fieldBox('clinicalSupportRequested')!).getByRole('radio', { name: 'Yes' }));
    expect(listedRules()).toEqual([]);
    expect(screen.getByText(ui('en', 'noIssues'))).toBeTruthy();
  });

  it('counts required items in the progress line as they are answered', async () => {
    const { user } = setup();
    const start = evaluate(snc, PAGE_ANSWERS, { now: NOW }).progress;
    expect(start.total).toBeGreaterThan(start.done);
    expect(progressText()).toBe(`${start.done} of ${start.total} required items`);
    setValue('informedAt', '2026-11-23T12:30');
    expect(progressText()).toBe(`${start.done + 1} of ${start.total} required items`);
    // Choosing "Rebooked" adds the new session to what is required.
    await user.click(screen.getByRole('radio', { name: 'Rebooked' }));
    const rebooked = evaluate(snc, { ...PAGE_ANSWERS, informedAt: '2026-11-23T12:30', rebookOutcome: 'rebooked' }, { now: NOW }).progress;
    expect(rebooked.total).toBeGreaterThan(start.total);
    expect(progressText()).toBe(`${rebooked.done} of ${rebooked.total} required items`);
  });

  it('previews exactly the note Apply writes, and Apply sends it with the mirrored next session and the time recorded', async () => {
    const { user, props } = setup();
    setValue('informedAt', '2026-11-23T12:30');
    setValue('contactMethod', 'phone');
    await user.click(screen.getByRole('radio', { name: 'Rebooked' }));
    setValue('rebookedAt', '2026-12-03T14:00');
    await user.type(control('agreed')!, 'Meet on 3 December.');
    await user.click(within(fieldBox('riskConcern')!).getByRole('radio', { name: 'No' }));

    const expected = {
      ...PAGE_ANSWERS,
      informedAt: '2026-11-23T12:30',
      contactMethod: 'phone',
      rebookOutcome: 'rebooked',
      rebookedAt: '2026-12-03T14:00',
      agreed: 'Meet on 3 December.',
      riskConcern: false,
      nextSessionInPortal: '2026-12-03T14:00',
      recordedAt: formatLocalDateTime(NOW),
    };
    const preview = screen.getByTestId('note-preview').textContent;
    expect(preview).toBe(
      composeEntry({ checklist: snc, record: expected, existing: '', author: { name: 'Liz Smith' }, at: '2026-11-23T15:00' }).note,
    );
    expect(preview).toContain('Entry by Liz Smith, 2026-11-23 15:00');
    expect(preview).toContain('New session: 2026-12-03 14:00');

    await user.click(screen.getByRole('button', { name: ui('en', 'apply') }));
    expect(props.onApply).toHaveBeenCalledTimes(1);
    const [note, answers] = vi.mocked(props.onApply).mock.calls[0]!;
    expect(note).toBe(preview);
    expect(answers).toMatchObject(expected);
    // After Apply the mirrored answer is the form's too, so SNC-07 is satisfied.
    expect(listedRules()).not.toContain('SNC-07');
  });

  it('hands the answer just typed to the draft when the panel is hidden, before the preview has caught up with it', async () => {
    const { user, props } = setup();
    await user.type(control('agreed')!, 'Ring back.');
    const preview = () => screen.getByTestId('note-preview').textContent;
    await outsideAct(async () => {
      typeWithoutWaiting(control<HTMLTextAreaElement>('agreed')!, 'Ring back on Monday.');
      expect(preview(), 'the preview has not caught up yet').not.toContain('Monday');
      // The tab is closed: the panel page flushes its draft on pagehide, right after this.
      window.dispatchEvent(new Event('pagehide'));
      expect(props.onAnswersChange).toHaveBeenLastCalledWith('snc', expect.objectContaining({ agreed: 'Ring back on Monday.' }));
      await waitFor(() => expect(preview()).toContain('Ring back on Monday.'));
    });
  });

  it('Apply and "Save anyway" write the answer just typed, before the note preview has caught up with it', async () => {
    const held: HeldSave = {
      checklistId: 'snc',
      control: 'Save',
      issues: [{ ruleId: 'SNC-06', message: 'Record what was agreed.', path: ['agreed'] }],
    };
    const { user, props } = setup({ held });
    await user.type(control('agreed')!, 'Ring back.');
    const banner = screen.getByRole('alert');
    await user.type(within(banner).getByLabelText(ui('en', 'overrideReason')), 'Client emergency, note follows');
    const preview = () => screen.getByTestId('note-preview').textContent;
    expect(preview()).toContain('Ring back.');

    // As a browser delivers a keystroke and then a click, outside act: the preview follows in a later task.
    await outsideAct(async () => {
      typeWithoutWaiting(control<HTMLTextAreaElement>('agreed')!, 'Ring back on Monday.');
      expect(preview(), 'the preview has not caught up yet').not.toContain('Monday');
      screen.getByRole<HTMLButtonElement>('button', { name: ui('en', 'apply') }).click();
      within(banner)
        .getByRole<HTMLButtonElement>('button', { name: ui('en', 'overrideSave') })
        .click();

      const [note, answers] = vi.mocked(props.onApply).mock.calls[0]!;
      expect(answers).toMatchObject({ agreed: 'Ring back on Monday.' });
      expect(note).toContain('Ring back on Monday.');
      const entry = vi.mocked(props.onOverride).mock.calls[0]![2]!;
      expect(entry.answers).toMatchObject({ agreed: 'Ring back on Monday.' });
      expect(entry.note).toContain('Ring back on Monday.');
      // The preview and the draft catch up with it.
      await waitFor(() => expect(preview()).toBe(note));
      expect(props.onAnswersChange).toHaveBeenLastCalledWith('snc', expect.objectContaining({ agreed: 'Ring back on Monday.' }));
    });
  });

  it('keeps earlier hand-written portal text byte for byte and adds the entry after it, with author and time', () => {
    const existing = 'Phoned client, left no message.  \n';
    setup({ snapshot: snapshot({ note: existing }) });
    const preview = screen.getByTestId('note-preview').textContent!;
    expect(preview.startsWith(existing)).toBe(true);
    const added = preview.slice(existing.length);
    expect(added).toContain('Entry by Liz Smith, 2026-11-23 15:00');
    expect(added).toContain(renderNote(snc, { ...PAGE_ANSWERS, recordedAt: formatLocalDateTime(NOW) }).split('\n')[0]);
  });

  it('editing a record that holds a Chartguard note and hand-written lines below it: Apply keeps every line and adds a dated amendment', async () => {
    const first = composeEntry({
      checklist: snc,
      record: {
        ...PAGE_ANSWERS,
        informedAt: '2026-11-23T12:30',
        contactMethod: 'phone',
        rebookOutcome: 'not-rebooked',
        agreed: 'Client will call back.',
        riskConcern: false,
      },
      existing: '',
      author: { name: 'Priya Shah' },
      at: '2026-11-23T14:30',
    }).note;
    const existing = `${first}\nContinued: client sounded tired.\nAddendum 16:10 client emailed, low mood worse`;
    const { user, props } = setup({ snapshot: snapshot({ note: existing }) });
    await user.click(screen.getByRole('button', { name: ui('en', 'handoverEdit') }));
    const agreed = control<HTMLTextAreaElement>('agreed')!;
    await user.clear(agreed);
    await user.type(agreed, 'Rebook after the GP review.');
    await user.click(screen.getByRole('button', { name: ui('en', 'apply') }));
    expect(props.onApply).toHaveBeenCalledTimes(1);
    const [note] = vi.mocked(props.onApply).mock.calls[0]!;
    expect(note.startsWith(existing)).toBe(true);
    const added = note.slice(existing.length);
    expect(added).toContain('Amendment to the entry of 2026-11-23 14:30');
    expect(added).toContain('Entry by Liz Smith, 2026-11-23 15:00');
    expect(added).toContain('Rebook after the GP review.');
  });

  it('asks once for the author: Apply writes nothing until a name is given, and the name is handed on to be remembered', async () => {
    const { user, props } = setup({ author: undefined });
    expect(screen.queryByTestId('note-preview')).toBeNull();
    expect(screen.getByText(ui('en', 'authorNeeded'))).toBeTruthy();
    await user.click(screen.getByRole('button', { name: ui('en', 'apply') }));
    expect(props.onApply).not.toHaveBeenCalled();
    const name = screen.getByLabelText(ui('en', 'author'));
    expect(document.activeElement).toBe(name);
    await user.type(name, 'Sam Okoro');
    await user.tab();
    expect(props.onAuthor).toHaveBeenCalledWith('Sam Okoro');
    await user.click(screen.getByRole('button', { name: ui('en', 'apply') }));
    expect(props.onApply).toHaveBeenCalledTimes(1);
    expect(vi.mocked(props.onApply).mock.calls[0]![0]).toContain('Entry by Sam Okoro, 2026-11-23 15:00');
  });

  it('switches to Chinese and back without losing answers', async () => {
    const { user } = setup();
    setValue('informedAt', '2026-11-23T12:30');
    await user.type(control('agreed')!, 'Rebook next week');
    await user.selectOptions(screen.getByLabelText(ui('en', 'language')), 'zh-CN');

    expect(screen.getByLabelText(new RegExp(`^${label('informedAt', 'zh-CN')}`))).toBe(control('informedAt'));
    expect(screen.getByLabelText(ui('zh-CN', 'chooseChecklist'))).toBeTruthy();
    expect(screen.getByRole('button', { name: ui('zh-CN', 'apply') })).toBeTruthy();
    expect(screen.getByRole('radio', { name: localize(snc.sections[2]!.fields[0]!.options![0]!.label, 'zh-CN') })).toBeTruthy();
    expect(document.querySelector('.cg-panel')!.getAttribute('lang')).toBe('zh-CN');
    expect(control('informedAt')!.value).toBe('2026-11-23T12:30');
    expect(control<HTMLTextAreaElement>('agreed')!.value).toBe('Rebook next week');
    expect(progressText()).toMatch(/^必填项已完成/);
    expect(screen.getByTestId('note-preview').textContent).toContain(label('agreed', 'zh-CN'));

    await user.selectOptions(screen.getByLabelText(ui('zh-CN', 'language')), 'en');
    expect(screen.getByLabelText(new RegExp(`^${label('informedAt')}`))).toBe(control('informedAt'));
    expect(control<HTMLTextAreaElement>('agreed')!.value).toBe('Rebook next week');
  });

  it('switches checklist and back without losing answers', async () => {
    const { user, props, rerender } = setup();
    const other = [...checklists.keys()].find((id) => id !== 'snc')!;
    setValue('informedAt', '2026-11-23T12:30');
    await user.type(control('agreed')!, 'Agreed to talk on Friday');
    const picker = screen.getByLabelText(ui('en', 'chooseChecklist'));
    await user.selectOptions(picker, other);
    expect(props.onSelect).toHaveBeenLastCalledWith(other);
    expect(control('informedAt')).toBeNull();
    expect(screen.getByRole('heading', { name: localize(checklists.get(other)!.sections[0]!.title, 'en') })).toBeTruthy();
    // A later page snapshot still suggesting SNC does not override the user's choice.
    rerender({ snapshot: snapshot({ answers: { ...PAGE_ANSWERS, preferredMethod: 'email' } }) });
    expect((picker as HTMLSelectElement).value).toBe(other);
    await user.selectOptions(picker, 'snc');
    expect(control('informedAt')!.value).toBe('2026-11-23T12:30');
    expect(control<HTMLTextAreaElement>('agreed')!.value).toBe('Agreed to talk on Friday');
  });

  it('a held Save lists its issues; the override unlocks at 10 characters and reports reason and rule ids', async () => {
    const held: HeldSave = {
      checklistId: 'snc',
      control: 'Save',
      issues: [
        { ruleId: 'SNC-02', message: 'Record when the client was informed.', path: ['informedAt'] },
        { ruleId: 'SNC-06', message: 'Record what was agreed.', path: ['agreed'] },
      ],
    };
    const { user, props } = setup({ held });
    const banner = screen.getByRole('alert');
    expect(banner.textContent).toContain(ui('en', 'saveHeldTitle'));
    expect([...banner.querySelectorAll('li[data-rule]')].map((item) => item.textContent)).toEqual([
      'SNC-02 Record when the client was informed.',
      'SNC-06 Record what was agreed.',
    ]);
    // A held Save shows every missing answer inline, touched or not.
    expect(inlineRules('agreed')).toEqual(['SNC-06']);

    const reason = within(banner).getByLabelText(ui('en', 'overrideReason'));
    const button = within(banner).getByRole('button', { name: ui('en', 'overrideSave') }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await user.type(reason, '   123456789   ');
    expect(button.disabled, 'nine characters padded with spaces').toBe(true);
    await user.click(button);
    expect(props.onOverride).not.toHaveBeenCalled();
    await user.clear(reason);
    await user.type(reason, 'Client emergency, note follows');
    expect(button.disabled).toBe(false);
    await user.click(button);
    expect(props.onOverride).toHaveBeenCalledWith('Client emergency, note follows', ['SNC-02', 'SNC-06'], expect.anything());
    // The entry written before Save goes on names the pending rules and the reason (G-04), after the note as it was.
    const entry = vi.mocked(props.onOverride).mock.calls[0]![2]!;
    expect(entry.note).toContain('Override (G-04): SNC-02, SNC-06. Reason: Client emergency, note follows');
    expect(entry.note).toContain('Entry by Liz Smith, 2026-11-23 15:00');
  });

  it('while the page covers the panel, Apply and the override are disabled and the user is told why', async () => {
    const held: HeldSave = {
      checklistId: 'snc',
      control: 'Save',
      issues: [{ ruleId: 'SNC-06', message: 'Record what was agreed.', path: ['agreed'] }],
    };
    const { user, props, rerender } = setup({ held, obscured: true });
    expect(screen.getByText(ui('en', 'obscured'))).toBeTruthy();
    const apply = screen.getByRole('button', { name: ui('en', 'apply') }) as HTMLButtonElement;
    const override = screen.getByRole('button', { name: ui('en', 'overrideSave') }) as HTMLButtonElement;
    await user.type(screen.getByLabelText(ui('en', 'overrideReason')), 'A reason long enough');
    expect(apply.disabled).toBe(true);
    expect(override.disabled).toBe(true);
    await user.click(apply);
    expect(props.onApply).not.toHaveBeenCalled();
    rerender({ obscured: false });
    expect(apply.disabled).toBe(false);
    expect(override.disabled).toBe(false);
  });

  it('warns when portal fields are missing', () => {
    setup({ snapshot: snapshot({ missingFields: ['Clinical Note', 'Add next session'] }) });
    expect(screen.getByText(ui('en', 'missingPortalFields', { fields: 'Clinical Note, Add next session' }))).toBeTruthy();
    cleanup();
    setup();
    expect(screen.queryByText(/cannot find these portal fields/)).toBeNull();
  });

  it('takes in answers that changed in the portal, and never clobbers an edit with an unchanged one', async () => {
    const { user, rerender } = setup();
    const preferred = control<HTMLSelectElement>('preferredMethod')!;
    expect(preferred.value).toBe('phone');
    await user.selectOptions(preferred, 'email');

    // The portal re-reads its page: attendance changed there, the preference did not.
    rerender({ snapshot: snapshot({ answers: { ...PAGE_ANSWERS, attendance: 'cancelled-by-client' } }) });
    expect(control<HTMLSelectElement>('attendance')!.value).toBe('cancelled-by-client');
    expect(control<HTMLSelectElement>('preferredMethod')!.value).toBe('email');

    // Now the preference changes in the portal: that wins.
    rerender({ snapshot: snapshot({ answers: { ...PAGE_ANSWERS, attendance: 'cancelled-by-client', preferredMethod: 'sms' } }) });
    expect(control<HTMLSelectElement>('preferredMethod')!.value).toBe('sms');

    // A read-only answer always follows the portal.
    rerender({
      snapshot: snapshot({
        answers: { ...PAGE_ANSWERS, attendance: 'cancelled-by-client', preferredMethod: 'sms', sessionAt: '2026-11-24T09:00' },
      }),
    });
    expect(control('sessionAt')!.textContent).toContain('2026-11-24 09:00');
  });

  it('tells the page about every answer change, with the open checklist', async () => {
    const { user, props } = setup();
    await user.type(control('agreed')!, 'ok');
    expect(props.onAnswersChange).toHaveBeenLastCalledWith(
      'snc',
      expect.objectContaining({ agreed: 'ok', attendance: 'cancelled-by-provider' }),
    );
  });

  it('collapses to a single labelled button and expands again', async () => {
    const { user, props } = setup();
    await user.click(screen.getByRole('button', { name: ui('en', 'collapse') }));
    expect(props.onCollapse).toHaveBeenLastCalledWith(true);
    expect(document.querySelector('.cg-panel')).toBeNull();
    await user.click(screen.getByRole('button', { name: ui('en', 'expand') }));
    expect(props.onCollapse).toHaveBeenLastCalledWith(false);
    expect(control('informedAt')).not.toBeNull();
  });
});

describe('Panel accessibility in the DOM', () => {
  // The naming rules of axe-core work in happy-dom (no layout needed); colour and landmarks are left to the e2e run.
  const NAME_RULES = [
    'label',
    'button-name',
    'select-name',
    'aria-input-field-name',
    'aria-toggle-field-name',
    'aria-valid-attr-value',
    'aria-allowed-attr',
    'aria-prohibited-attr',
    'duplicate-id-aria',
    'form-field-multiple-labels',
    'nested-interactive',
  ];

  async function unnamed(): Promise<string[]> {
    const results = await axe.run(document.body, { runOnly: NAME_RULES });
    const violations = results.violations.flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id}: ${node.html.slice(0, 120)}`),
    );
    // Groups of radios or checkboxes are named by their question, which axe does not require but a screen reader announces.
    axe.setup(document);
    try {
      for (const group of document.querySelectorAll<HTMLElement>('[role="radiogroup"], [role="group"], fieldset')) {
        if (!axe.commons.text.accessibleText(group).trim()) violations.push(`unnamed group: ${group.outerHTML.slice(0, 120)}`);
      }
    } finally {
      axe.teardown();
    }
    return violations;
  }

  it('names every control and every group, in both languages', async () => {
    const held: HeldSave = {
      checklistId: 'snc',
      control: 'Save',
      issues: [{ ruleId: 'SNC-02', message: 'Missing.', path: ['informedAt'] }],
    };
    const { user } = setup({ held });
    // Open every conditional question so all field types are on screen.
    await user.click(screen.getByRole('radio', { name: 'Rebooked' }));
    await user.click(within(fieldBox('riskConcern')!).getByRole('radio', { name: 'Yes' }));
    await user.selectOptions(control<HTMLSelectElement>('contactMethod')!, 'voicemail');
    for (const locale of ['en', 'zh-CN'] as const) {
      await user.selectOptions(document.querySelector<HTMLSelectElement>('.cg-lang select')!, locale);
      expect(await unnamed(), locale).toEqual([]);
    }
  });

  it('names every control of every checklist', async () => {
    const { user } = setup();
    const types = new Set<string>();
    for (const id of checklists.keys()) {
      await user.selectOptions(screen.getByLabelText(ui('en', 'chooseChecklist')), id);
      for (const box of document.querySelectorAll('[data-field]')) {
        const def = checklists
          .get(id)!
          .sections.flatMap((section) => section.fields)
          .find((field) => field.id === box.getAttribute('data-field'))!;
        types.add(def.readOnly ? 'readOnly' : def.type);
      }
      expect(await unnamed(), id).toEqual([]);
    }
    // The checklists between them exercise every field component.
    expect([...types].sort()).toEqual(
      expect.arrayContaining(['attendance', 'boolean', 'choice', 'datetime', 'longtext', 'multichoice', 'readOnly', 'text']),
    );
  });

  it('the unnamed-group check is not vacuous: a radio group without its label is caught', async () => {
    setup();
    document.querySelector('[role="radiogroup"]')!.removeAttribute('aria-labelledby');
    expect((await unnamed()).some((line) => line.startsWith('unnamed group'))).toBe(true);
  });
});

describe('Panel: follow-ups (catalogue v2)', () => {
  const followUpRules = () => [...document.querySelectorAll('.cg-followups li[data-rule]')].map((node) => node.getAttribute('data-rule'));

  it('lists a recorded risk’s follow-up apart from what holds Save, with its due time, until it is done', async () => {
    const { user } = setup();
    fillRequiredDeclined();
    expect(document.querySelector('.cg-followups')).toBeNull();

    await user.click(within(fieldBox('riskConcern')!).getByRole('radio', { name: 'Yes' }));
    setValue('riskDetail', 'Client disclosed thoughts of self-harm on the phone.');
    // The risk duty call is a follow-up: listed as still to do, never among what holds Save.
    expect(followUpRules()).toContain('SNC-09');
    expect(listedRules()).not.toContain('SNC-09');
    const item = document.querySelector('.cg-followups li[data-rule="SNC-09"]')!;
    // Due an hour after the client was informed (12:30); at 15:00 that has passed, and the panel says so.
    expect(item.textContent).toContain('overdue since 2026-11-23 13:30');
    expect(item.className).toBe('cg-error');
    expect(screen.getByRole('heading', { name: ui('en', 'followUpsHeading') })).toBeTruthy();

    setValue('riskDutyContactedAt', '2026-11-23T14:40');
    expect(followUpRules()).not.toContain('SNC-09');
  });
});
