// @vitest-environment happy-dom
// Draft protection as the user meets it when the organisation requires a PIN:
// on the options page the choice is locked with its reason and the drafts kept
// before are said to be kept; in the panel the PIN is asked for before any
// draft is written, and going on without it is possible.
import { cleanup, fireEvent, render, screen, waitFor } from './testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pinTexts } from '../../i18n/pin';
import type { DraftProtection } from '../../lib/store';
import { PIN_PROBLEMS } from '../../lib/store-pin';

const client = vi.hoisted(() => ({ pinStatus: vi.fn(), setUpPin: vi.fn() }));
vi.mock('../../lib/store-client', () => ({ storeClient: client }));
const { PinSetup } = await import('../../entrypoints/options/pin-setup');
const { PinRequired } = await import('../../entrypoints/panel/pin-required');

afterEach(cleanup);
beforeEach(() => {
  client.pinStatus.mockReset();
  client.setUpPin.mockReset();
});

const radio = (value: 'device' | 'pin') => document.querySelector<HTMLInputElement>(`input[name="cg-protection"][value="${value}"]`)!;

describe('the options page', () => {
  it('without a policy: device is chosen, and choosing a PIN shows the setup with its warning', async () => {
    client.pinStatus.mockResolvedValue({ mode: 'device', required: false, drafts: 0 } satisfies DraftProtection);
    render(<PinSetup locale="en" />);
    await screen.findByText('Draft protection');
    expect(radio('device').checked).toBe(true);
    expect(radio('device').disabled).toBe(false);
    expect(document.querySelector('[data-locked="draftProtection"]')).toBeNull();
    expect(document.querySelector('#cg-new-pin')).toBeNull();
    fireEvent.click(radio('pin'));
    expect(document.querySelector('#cg-new-pin')).not.toBeNull();
    expect(screen.getByRole('note').textContent).toContain(
      'If you forget the PIN, drafts not yet saved to the portal cannot be opened and are lost',
    );
  });

  it('with the organisation’s “pin”: device cannot be chosen, the reason is shown, and the kept drafts are said to be kept', async () => {
    client.pinStatus.mockResolvedValue({ mode: 'device', required: true, drafts: 2 } satisfies DraftProtection);
    client.setUpPin.mockResolvedValue(undefined);
    render(<PinSetup locale="en" />);
    await screen.findByText('Draft protection');
    expect(radio('pin').checked).toBe(true);
    expect(radio('device').disabled).toBe(true);
    expect(document.querySelector('[data-locked="draftProtection"]')!.textContent).toContain('set by your organisation');
    const required = document.querySelector('[data-testid="pin-required"]')!.textContent!;
    expect(required).toContain('device protection cannot be chosen');
    expect(required).toContain('Until you set the PIN, Chartguard keeps no new drafts');
    expect(required).toContain(
      'The 2 drafts already kept on this computer will be protected by the PIN as soon as you set it; none is deleted',
    );
    fireEvent.change(document.querySelector('#cg-new-pin')!, { target: { value: '482915' } });
    fireEvent.change(document.querySelector('#cg-new-pin-again')!, { target: { value: '482915' } });
    fireEvent.click(document.querySelector('#cg-new-pin-understood')!);
    fireEvent.submit(document.querySelector('[data-testid="pin-setup"] form')!);
    await waitFor(() => expect(screen.getByTestId('pin-message').textContent).toContain('PIN set'));
    expect(client.setUpPin).toHaveBeenCalledWith('482915');
    expect(radio('device').disabled).toBe(true);
    expect(document.querySelector('[data-locked="draftProtection"]')).not.toBeNull();
  });

  it('with a PIN already set, the device choice stays unavailable', async () => {
    client.pinStatus.mockResolvedValue({ mode: 'pin', unlocked: false, required: false } satisfies DraftProtection);
    render(<PinSetup locale="en" />);
    await screen.findByText('Draft protection');
    expect(radio('device').disabled).toBe(true);
    expect(radio('pin').checked).toBe(true);
    expect(document.querySelector('#cg-new-pin')).toBeNull();
  });
});

describe('the panel', () => {
  it('asks for the PIN the organisation requires, says the drafts kept before are not lost, and sets it', async () => {
    client.setUpPin.mockResolvedValue(undefined);
    const onDone = vi.fn();
    render(<PinRequired drafts={1} onDone={onDone} locale="en" />);
    expect(screen.getByText(/Your organisation requires a PIN/)).toBeTruthy();
    expect(screen.getByTestId('pin-required-drafts').textContent).toContain('The draft already kept on this computer is not lost');
    const submit = screen.getByRole('button', { name: 'Set PIN and continue' }) as HTMLButtonElement;
    fireEvent.change(document.querySelector('#cg-set-pin')!, { target: { value: '482915' } });
    fireEvent.change(document.querySelector('#cg-set-pin-again')!, { target: { value: '482915' } });
    expect(submit.disabled).toBe(true);
    fireEvent.click(document.querySelector('#cg-set-pin-understood')!);
    expect(submit.disabled).toBe(false);
    fireEvent.click(submit);
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('set'));
    expect(client.setUpPin).toHaveBeenCalledWith('482915');
  });

  it('refuses two PINs that differ, shows a PIN it could not set, and can go on without one', async () => {
    client.setUpPin.mockRejectedValue(new Error('The PIN must have at least 6 characters.'));
    const onDone = vi.fn();
    render(<PinRequired drafts={0} onDone={onDone} locale="en" />);
    expect(screen.queryByTestId('pin-required-drafts')).toBeNull();
    fireEvent.change(document.querySelector('#cg-set-pin')!, { target: { value: '482915' } });
    fireEvent.change(document.querySelector('#cg-set-pin-again')!, { target: { value: '482916' } });
    fireEvent.click(document.querySelector('#cg-set-pin-understood')!);
    fireEvent.click(screen.getByRole('button', { name: 'Set PIN and continue' }));
    expect(screen.getByRole('alert').textContent).toBe('The two PINs differ.');
    expect(client.setUpPin).not.toHaveBeenCalled();
    fireEvent.change(document.querySelector('#cg-set-pin-again')!, { target: { value: '482915' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set PIN and continue' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('at least 6 characters'));
    expect(onDone).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('pin-later'));
    expect(onDone).toHaveBeenCalledWith('later');
  });
});

describe('in Chinese', () => {
  it('the options page and the panel ask for the PIN in the user’s language, with the same consequences said', async () => {
    client.pinStatus.mockResolvedValue({ mode: 'device', required: true, drafts: 3 } satisfies DraftProtection);
    render(<PinSetup locale="zh-CN" />);
    await screen.findByText(pinTexts['zh-CN'].heading);
    expect(screen.getByTestId('pin-required').textContent).toContain('此计算机上已保存的 3 份草稿');
    expect(screen.getByText(pinTexts['zh-CN'].forgetWarning)).toBeTruthy();
    expect(screen.getByRole('button', { name: pinTexts['zh-CN'].protectWithThisPin })).toBeTruthy();
    cleanup();

    render(<PinRequired drafts={2} onDone={vi.fn()} locale="zh-CN" />);
    expect(screen.getByTestId('pin-required-drafts').textContent).toBe(
      '此计算机上已保存的 2 份草稿不会丢失：您设置 PIN 码后它们会立即受其保护。',
    );
    expect(screen.getByRole('button', { name: pinTexts['zh-CN'].setAndContinue })).toBeTruthy();
    // A PIN the store refuses is said in Chinese too.
    client.setUpPin.mockRejectedValue(new Error(PIN_PROBLEMS.pinTooShort));
    fireEvent.change(document.querySelector('#cg-set-pin')!, { target: { value: '48291577' } });
    fireEvent.change(document.querySelector('#cg-set-pin-again')!, { target: { value: '48291577' } });
    fireEvent.click(document.querySelector('#cg-set-pin-understood')!);
    fireEvent.click(screen.getByRole('button', { name: pinTexts['zh-CN'].setAndContinue }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('PIN 码至少需要 6 个字符。'));
    // No English left in what a Chinese-speaking user reads.
    expect(document.body.textContent).not.toMatch(/\b(PIN again|drafts|Not now)\b/);
  });
});
