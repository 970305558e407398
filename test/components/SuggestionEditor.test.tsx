// @vitest-environment happy-dom
// The builder's suggestion menus when the picked answers change under them:
// a test on an answer that is no longer picked is kept as it was, marked, and
// cannot be added until another answer is chosen.
import { cleanup, fireEvent, render, screen } from './testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SuggestionEditor } from '../../components/portal-builder/SuggestionEditor';
import { builderText } from '../../i18n/builder';
import { editorText } from '../../i18n/editor';
import type { DraftField } from '../../lib/adapter-draft';

afterEach(cleanup);

const field = (name: string, answer: string): DraftField => ({
  name,
  selector: `#${name}`,
  kind: 'text',
  answers: [answer],
});
const sessionType = field('type', 'session_type');
const mood = field('mood', 'mood');
const fieldMenu = () => screen.getByLabelText(`${builderText('suggestWhen')}: ${editorText('en')('conditionField')}`) as HTMLSelectElement;
const addButton = () => screen.getByRole('button', { name: builderText('addSuggestion') }) as HTMLButtonElement;

describe('SuggestionEditor', () => {
  it('keeps a test on an answer no longer picked, marks it, and adds nothing until another answer is chosen', () => {
    const onChange = vi.fn();
    const props = { catalogue: [], checklists: ['snc'], suggest: [], onChange };
    const { rerender } = render(<SuggestionEditor {...props} fields={[sessionType, mood]} />);
    fireEvent.change(screen.getByLabelText(builderText('suggestChecklist')), { target: { value: 'snc' } });
    fireEvent.change(fieldMenu(), { target: { value: 'mood' } });
    expect(fieldMenu().value).toBe('mood');
    expect(addButton().disabled).toBe(false);

    // The mood field is removed from the page's fields.
    rerender(<SuggestionEditor {...props} fields={[sessionType]} />);
    expect(fieldMenu().selectedOptions[0]?.textContent).toBe('mood ?');
    expect(addButton().disabled).toBe(true);
    fireEvent.click(addButton());
    expect(onChange).not.toHaveBeenCalled();

    fireEvent.change(fieldMenu(), { target: { value: 'session_type' } });
    expect(addButton().disabled).toBe(false);
    fireEvent.click(addButton());
    expect(onChange).toHaveBeenCalledTimes(1);
    const [[added]] = onChange.mock.calls as [[{ checklist: string; when: { field: string } }[]]];
    expect(added).toEqual([{ checklist: 'snc', when: expect.objectContaining({ field: 'session_type' }) }]);
  });
});
