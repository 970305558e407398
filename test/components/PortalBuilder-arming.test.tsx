// @vitest-environment happy-dom
// The portal builder tells the user to click in the portal only once the
// picker is armed in its frames: before that a click there is the portal's own
// (a Save button saves), and on a busy machine arming every frame takes a
// while. Until then it says the portal is getting ready.
import { act, cleanup, fireEvent, render, screen } from './testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PortalBuilder, type BuilderHost } from '../../components/portal-builder/PortalBuilder';
import { builderText } from '../../i18n/builder';
import { emptyDraft, type AdapterDraft } from '../../lib/adapter-draft';

afterEach(cleanup);

const URL_NOW = 'https://ehr.example/notes/7';

function hostArmedBy(armed: Promise<void>): BuilderHost {
  return {
    arm: vi.fn(() => armed),
    disarm: vi.fn(async () => undefined),
    cursor: vi.fn(async () => undefined),
    take: vi.fn(async () => undefined),
    highlight: vi.fn(async () => 0),
    count: vi.fn(async () => undefined),
    probe: vi.fn(async () => []),
    validate: vi.fn(async () => undefined),
    tryIt: vi.fn(async () => undefined),
    exportFile: vi.fn(),
    saveDraft: vi.fn(),
    close: vi.fn(),
  };
}

const draft: AdapterDraft = {
  ...emptyDraft(URL_NOW),
  pages: [{ kind: 'note', url: URL_NOW, checklists: [], suggest: [], fields: [], save: [] }],
};

describe('PortalBuilder while the picker is armed', () => {
  it('says "click the element" only once the portal’s frames are armed', async () => {
    let armed!: () => void;
    const host = hostArmedBy(new Promise<void>((resolve) => (armed = resolve)));
    render(<PortalBuilder host={host} catalogue={[]} draft={draft} url={URL_NOW} />);

    fireEvent.click(screen.getByRole('button', { name: builderText('pickField') }));
    expect(host.arm).toHaveBeenCalledTimes(1);
    expect(screen.getByText(builderText('pickingPreparing'))).toBeTruthy();
    expect(screen.queryByText(builderText('picking'))).toBeNull();

    await act(async () => armed());
    expect(await screen.findByText(builderText('picking'))).toBeTruthy();
    expect(screen.queryByText(builderText('pickingPreparing'))).toBeNull();
  });

  it('a pick stopped and started again waits for its own frames, not the first pick’s', async () => {
    const arms: (() => void)[] = [];
    const host = hostArmedBy(Promise.resolve());
    vi.mocked(host.arm).mockImplementation(() => new Promise<void>((resolve) => arms.push(resolve)));
    render(<PortalBuilder host={host} catalogue={[]} draft={draft} url={URL_NOW} />);

    fireEvent.click(screen.getByRole('button', { name: builderText('pickField') }));
    fireEvent.click(screen.getByRole('button', { name: builderText('cancelPick') }));
    fireEvent.click(screen.getByRole('button', { name: builderText('pickField') }));
    // The first pick's frames answer late: the second pick is still getting ready.
    await act(async () => arms[0]!());
    expect(screen.getByText(builderText('pickingPreparing'))).toBeTruthy();
    await act(async () => arms[1]!());
    expect(await screen.findByText(builderText('picking'))).toBeTruthy();
  });

  it('asks again, once the frames are armed, for words typed while the portal was getting ready', async () => {
    let armed!: () => void;
    let ready = false;
    const host = hostArmedBy(new Promise<void>((resolve) => (armed = resolve)));
    // No frame answers before the picker is armed in it.
    vi.mocked(host.cursor).mockImplementation(async (_move, query) =>
      ready ? { position: 1, total: 2, label: `${query} field`, kind: 'text' } : undefined,
    );
    render(<PortalBuilder host={host} catalogue={[]} draft={draft} url={URL_NOW} />);
    fireEvent.click(screen.getByRole('button', { name: builderText('pickField') }));
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'notes' } });
    await act(async () => undefined);
    expect(screen.getByTestId('cursor').getAttribute('data-query')).toBeNull();

    ready = true;
    await act(async () => armed());
    expect(await screen.findByText(/^1 of 2: notes field/)).toBeTruthy();
    expect(screen.getByTestId('cursor').getAttribute('data-query')).toBe('notes');
  });
});
