// @vitest-environment happy-dom
// The background's notice of a record page Chartguard could not start on
// (lib/unchecked-notice.ts): its words go in as text, it shows once per
// document, and it never stacks on the always-on script's own notice of a Save
// let through unchecked (features/save-guard/saved-unchecked.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { showUncheckedNotice } from '../../lib/unchecked-notice';

const TEXT = { lang: 'en', title: 'Not checked', body: 'Save is <b>not</b> checked on this record.', dismiss: 'Dismiss' };
const shown = () => document.querySelectorAll('[data-chartguard-unchecked]');

describe('the background’s unchecked notice', () => {
  afterEach(() => {
    document.body.replaceChildren();
    document.documentElement.querySelector('chartguard-notice')?.remove();
  });

  it('shows its words as text, once, and goes when dismissed', () => {
    showUncheckedNotice(TEXT);
    showUncheckedNotice(TEXT);
    expect(shown()).toHaveLength(1);
    const box = shown()[0]!.shadowRoot!.querySelector('[role="status"]')!;
    expect(box.querySelector('p')!.textContent).toBe(TEXT.body);
    expect(box.querySelector('b')).toBeNull();
    box.querySelector('button')!.click();
    expect(shown()).toHaveLength(0);
  });

  it('does not stack on the always-on script’s notice of a Save let through unchecked', () => {
    document.documentElement.append(document.createElement('chartguard-notice'));
    showUncheckedNotice(TEXT);
    expect(shown()).toHaveLength(0);
  });
});
