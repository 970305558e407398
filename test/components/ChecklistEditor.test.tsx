// @vitest-environment happy-dom
// The checklist editor as a clinical lead meets it: a checklist built through
// its buttons and menus, the live preview following the draft, the SDK's
// problems named by path, and save, export and import handing over real data.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup, fireEvent, render, screen, waitFor, within } from './testing-library';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { parseChecklist, type Checklist } from '@chartguard/sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChecklistEditor, type ChecklistEditorProps } from '../../components/checklist-editor/ChecklistEditor';
import { editorTexts } from '../../i18n/editor';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const snc = parseChecklist(JSON.parse(fs.readFileSync(path.join(ROOT, 'checklists/snc.json'), 'utf8')));
const en = editorTexts.en;
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key]));

// Small, but with every kind of part: options, a condition group, a follow-up with a due time, a deadline, a trigger.
const sample: Checklist = {
  format: 'chartguard-checklist/1',
  id: 'axe-sample',
  version: 1,
  title: { en: 'Sample', 'zh-CN': '示例' },
  policy: { source: 'p.md', title: 'P' },
  sections: [
    {
      id: 'one',
      title: { en: 'One', 'zh-CN': '一' },
      fields: [
        { id: 'when', type: 'datetime', label: { en: 'When', 'zh-CN': '时间' } },
        {
          id: 'risk',
          type: 'choice',
          label: { en: 'Risk', 'zh-CN': '风险' },
          options: [
            { value: 'low', label: { en: 'Low', 'zh-CN': '低' } },
            { value: 'high', label: { en: 'High', 'zh-CN': '高' } },
          ],
        },
        {
          id: 'count',
          type: 'number',
          label: { en: 'Count', 'zh-CN': '次数' },
          min: 0,
          max: 9,
          enableWhen: { all: [{ field: 'risk', op: 'oneOf', values: ['high'] }, { not: { field: 'when', op: 'notExists' } }] },
        },
      ],
    },
  ],
  rules: [
    { id: 'AX-01', severity: 'required', summary: { en: 'Risk', 'zh-CN': '风险' }, requires: ['when', 'risk'] },
    {
      id: 'AX-02',
      severity: 'follow-up',
      summary: { en: 'Call', 'zh-CN': '致电' },
      when: { field: 'risk', op: 'equals', value: 'high' },
      requires: ['count'],
      due: { from: ['when'], workingDays: 1 },
    },
  ],
  deadline: { rule: 'AX-03', summary: { en: 'Soon', 'zh-CN': '尽快' }, hours: 24, from: ['when'] },
  attention: [{ rule: 'AX-02', when: { field: 'risk', op: 'equals', value: 'high' }, summary: { en: 'High risk', 'zh-CN': '高风险' } }],
};

afterEach(cleanup);

function setup(overrides: Partial<ChecklistEditorProps> = {}) {
  const user = userEvent.setup();
  const props: ChecklistEditorProps = {
    locale: 'en',
    catalogue: [snc],
    onSave: vi.fn(async () => undefined),
    onExport: vi.fn(),
    now: () => new Date(2026, 10, 23, 15, 0),
    ...overrides,
  };
  render(<ChecklistEditor {...props} />);
  return { user, props };
}

const box = (label: string, language: 'English' | 'Simplified Chinese') => screen.getByRole('textbox', { name: `${label} · ${language}` });

/** Enters a whole text at once (as a paste would): typing key by key re-renders the whole editor per key, which is the e2e test's job. */
const enter = (element: HTMLElement, text: string) => fireEvent.change(element, { target: { value: text } });

async function both(_user: ReturnType<typeof userEvent.setup>, label: string, english: string, chinese: string) {
  enter(box(label, 'English'), english);
  enter(box(label, 'Simplified Chinese'), chinese);
}

/** Builds the small phone-contact checklist through the editor's controls. */
async function buildSmallChecklist(user: ReturnType<typeof userEvent.setup>) {
  enter(screen.getByRole('textbox', { name: en.checklistId }), 'phone-contact');
  await both(user, en.checklistTitle, 'Phone contact', '电话联系');
  enter(screen.getByRole('textbox', { name: en.policyTitle }), 'Contact policy');
  enter(screen.getByRole('textbox', { name: en.policySource }), 'contact-policy.md');
  await user.click(screen.getByRole('button', { name: en.addSection }));
  await both(user, fill(en.sectionTitle, { n: 1 }), 'Contact', '联系');
  await user.selectOptions(screen.getByRole('combobox', { name: fill(en.newFieldType, { n: 1 }) }), 'choice');
  await user.click(screen.getByRole('button', { name: fill(en.addField, { n: 1 }) }));
  await both(user, `Section 1 · ${fill(en.fieldLabel, { n: 1 })}`, 'Outcome', '结果');
  await both(user, `Section 1 · Question 1, ${fill(en.optionLabel, { n: 1 })}`, 'Reached', '已联系上');
  await user.click(screen.getByRole('button', { name: `Section 1 · ${fill(en.addOption, { n: 1 })}` }));
  await both(user, `Section 1 · Question 1, ${fill(en.optionLabel, { n: 2 })}`, 'No answer', '无人接听');
  await user.selectOptions(screen.getByRole('combobox', { name: fill(en.newFieldType, { n: 1 }) }), 'text');
  await user.click(screen.getByRole('button', { name: fill(en.addField, { n: 1 }) }));
  await both(user, `Section 1 · ${fill(en.fieldLabel, { n: 2 })}`, 'Voicemail left', '留言内容');
  const showWhen = `Section 1 · ${fill(en.showWhen, { n: 2 })}`;
  await user.click(screen.getByRole('checkbox', { name: showWhen }));
  await user.selectOptions(
    screen.getByRole('combobox', { name: `${showWhen}: ${en.conditionValue}` }),
    screen.getByRole('option', { name: 'No answer (option-2)' }),
  );
  await user.click(screen.getByRole('button', { name: en.addRule }));
  enter(screen.getByRole('textbox', { name: fill(en.ruleId, { n: 1 }) }), 'pc-01');
  await both(user, fill(en.ruleSummary, { n: 1 }), 'Record the outcome of the call', '记录通话结果');
  const requires = screen.getByRole('group', { name: fill(en.ruleRequires, { n: 1 }) });
  await user.click(within(requires).getByRole('checkbox', { name: 'Outcome (field1)' }));
  await user.click(within(requires).getByRole('checkbox', { name: 'Voicemail left (field2)' }));
}

// Rendering the whole of SNC in the editor takes a few seconds on a busy machine.
describe('ChecklistEditor', { timeout: 60_000 }, () => {
  it('builds a checklist by its controls, previews it live, names problems by path, and saves what the SDK accepts', async () => {
    const { user, props } = setup();
    await buildSmallChecklist(user);
    await waitFor(() => expect(screen.getByTestId('editor-problems').dataset.valid).toBe('true'));

    // The panel's own form: the conditional question appears only for "No answer".
    const preview = screen.getByTestId('editor-preview-form');
    expect(within(preview).queryByText('Voicemail left')).toBeNull();
    await user.click(within(preview).getByRole('radio', { name: 'No answer' }));
    expect(within(preview).getByText('Voicemail left')).toBeTruthy();
    const evaluation = screen.getByTestId('editor-evaluate');
    expect(evaluation.querySelector('[data-rule="PC-01"][data-severity="required"]')).not.toBeNull();
    // The note as "Apply to record" writes it: the SDK's entry composer, with the sample author and the clock.
    const note = screen.getByTestId('editor-preview-note').textContent!;
    expect(note).toContain('No answer');
    expect(note).toContain(en.sampleAuthor);
    expect(note).toContain('[Chartguard phone-contact/1]');
    await user.click(within(preview).getByRole('radio', { name: 'Reached' }));
    expect(within(preview).queryByText('Voicemail left')).toBeNull();
    expect(evaluation.querySelector('[data-rule]')).toBeNull();

    // The preview speaks Chinese when asked.
    await user.selectOptions(screen.getByRole('combobox', { name: en.previewLanguage }), 'zh-CN');
    expect(within(screen.getByTestId('editor-preview-form')).getByText('结果')).toBeTruthy();

    // A missing Chinese label is named by its path; Save refuses until it is fixed.
    enter(box(`Section 1 · ${fill(en.fieldLabel, { n: 2 })}`, 'Simplified Chinese'), '');
    const problem = screen.getByTestId('editor-problems').querySelector('[data-path="sections › 1 › fields › 2 › label › zh-CN"]');
    expect(problem?.textContent).toContain('Simplified Chinese text is missing');
    expect(screen.getByTestId('editor-preview-stale')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: en.save }));
    expect(screen.getByRole('alert').textContent).toBe(en.fixFirst);
    expect(props.onSave).not.toHaveBeenCalled();

    enter(box(`Section 1 · ${fill(en.fieldLabel, { n: 2 })}`, 'Simplified Chinese'), '留言内容');
    await user.click(screen.getByRole('button', { name: en.save }));
    await waitFor(() => expect(props.onSave).toHaveBeenCalledTimes(1));
    const saved = vi.mocked(props.onSave).mock.calls[0]![0] as Checklist;
    expect(parseChecklist(saved)).toEqual(saved);
    expect(saved.sections[0]!.fields[1]!.enableWhen).toEqual({ field: 'field1', op: 'equals', value: 'option-2' });
    expect(saved.rules).toEqual([
      {
        id: 'PC-01',
        severity: 'required',
        summary: { en: 'Record the outcome of the call', 'zh-CN': '记录通话结果' },
        requires: ['field1', 'field2'],
      },
    ]);
    expect(screen.getByTestId('editor-notice').textContent).toBe(
      fill(en.saved, { title: 'Phone contact', id: 'phone-contact', version: 1 }),
    );

    await user.click(screen.getByRole('button', { name: en.exportFile }));
    expect(props.onExport).toHaveBeenCalledWith(
      'phone-contact.json',
      expect.objectContaining({ format: 'chartguard-checklist/1', rules: saved.rules }),
    );
  });

  it('opens a catalogue checklist as it is: valid, its follow-up and deadline shown', async () => {
    const { user } = setup();
    await user.selectOptions(screen.getByRole('combobox', { name: en.startFrom }), 'snc');
    await user.click(screen.getByRole('button', { name: en.open }));
    await waitFor(() => expect(screen.getByTestId('editor-problems').dataset.valid).toBe('true'));
    // SNC as loaded: its follow-up keeps its due time, and its deadline is shown.
    const followUp = snc.rules.findIndex((rule) => rule.severity === 'follow-up');
    expect((screen.getByRole('combobox', { name: fill(en.ruleSeverity, { n: followUp + 1 }) }) as HTMLSelectElement).value).toBe(
      'follow-up',
    );
    expect((screen.getByRole('checkbox', { name: en.hasDeadline }) as HTMLInputElement).checked).toBe(Boolean(snc.deadline));
  });

  it('gives a new follow-up rule a due time from a date question; the SDK asks for its trigger', async () => {
    const { user } = setup({ initial: parseChecklist(sample) });
    await user.click(screen.getByRole('button', { name: en.addRule }));
    const n = sample.rules.length + 1;
    await user.selectOptions(screen.getByRole('combobox', { name: fill(en.ruleSeverity, { n }) }), 'follow-up');
    await user.selectOptions(screen.getByRole('combobox', { name: fill(en.ruleDueKind, { n }) }), 'workingDays');
    expect(
      within(screen.getByRole('group', { name: `${fill(en.ruleDueFrom, { n })} ${en.firstAnswered}` })).getByRole('checkbox', {
        name: 'When (when)',
      }),
    ).toHaveProperty('checked', true);
    const problems = () => [...screen.getByTestId('editor-problems').querySelectorAll('li')].map((item) => item.textContent);
    // Validation (the SDK's) asks for what the new rule still lacks: its id and a trigger.
    expect(problems()).toContain(`rules › ${n} › when: a follow-up rule needs \`when\`: the answer that makes it a duty`);
    expect(problems().some((line) => line?.startsWith(`rules › ${n} › id:`))).toBe(true);
    await user.click(screen.getByRole('checkbox', { name: fill(en.ruleWhen, { n }) }));
    expect(problems().some((line) => line?.startsWith(`rules › ${n} › when`))).toBe(false);
  });

  it('imports a file into the draft and refuses what is not a checklist', async () => {
    const { user } = setup();
    const input = screen.getByLabelText(en.importFile) as HTMLInputElement;
    await user.upload(input, new File([JSON.stringify(snc)], 'snc.json', { type: 'application/json' }));
    await waitFor(() => expect(screen.getByTestId('editor-notice').textContent).toBe(fill(en.imported, { name: 'snc.json' })));
    expect((screen.getByRole('textbox', { name: en.checklistId }) as HTMLInputElement).value).toBe('snc');
    fireEvent.change(input, { target: { files: [new File(['{"format":"x"}'], 'bad.json')] } });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('not a checklist'));
    // The draft is kept when an import is refused.
    expect((screen.getByRole('textbox', { name: en.checklistId }) as HTMLInputElement).value).toBe('snc');
  });

  it('evaluates the sample: the rules that fire, the open follow-up with its due time, the attention and the deadline', async () => {
    const { user } = setup({ initial: parseChecklist(sample) });
    const preview = screen.getByTestId('editor-preview-form');
    const pane = screen.getByTestId('editor-evaluate');
    expect(pane.querySelector('[data-rule="AX-01"]')).not.toBeNull();
    fireEvent.change(within(preview).getByLabelText(/When/), { target: { value: '2026-11-20T10:00' } });
    await user.click(within(preview).getByRole('radio', { name: 'High' }));
    await waitFor(() => expect(pane.querySelector('[data-follow-up="AX-02"]')).not.toBeNull());
    // One working day after Friday 20 November is Monday 23 November.
    expect(pane.querySelector('[data-follow-up="AX-02"]')!.textContent).toContain('due 2026-11-23');
    expect(pane.querySelector('[data-attention="AX-02"]')).not.toBeNull();
    expect(pane.querySelector('[data-deadline="AX-03"]')!.textContent).toContain('2026-11-21 10:00');
    expect(pane.querySelector('[data-rule="AX-01"]')).toBeNull();
    expect(screen.getByTestId('editor-preview-note').textContent).toContain('High');
  });

  it('names every control and group (axe naming rules), in both languages', async () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      cleanup();
      setup({ locale, initial: parseChecklist(sample) });
      expect(screen.getByTestId('editor-problems').dataset.valid).toBe('true');
      const results = await axe.run(document.body, {
        runOnly: [
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
        ],
      });
      expect(
        results.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.html.slice(0, 120)}`)),
      ).toEqual([]);
    }
  });
});
