// @vitest-environment happy-dom
// The toolbar popup: what the content script reported, in words, and the three ways onward.
import { cleanup, fireEvent, render, screen } from './testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PopupStatus } from '../../components/PopupStatus';
import { popupText } from '../../i18n/popup';
import { withPortalName, type TabStatus } from '../../lib/tab-status';

afterEach(cleanup);

const heldRecord: TabStatus = {
  portal: { id: 'mpb-demo', name: 'MPB demo portal' },
  pageKind: 'session',
  recordId: 's-2003',
  panel: true,
  checklist: { id: 'snc', title: { en: 'Short-notice cancellation', 'zh-CN': '短时间内取消' } },
  saveHeld: true,
  list: null,
};

function popup(status: TabStatus | null | undefined, locale: 'en' | 'zh-CN' = 'en') {
  const handlers = { onShowPanel: vi.fn(), onOptions: vi.fn(), onSetup: vi.fn() };
  render(<PopupStatus locale={locale} status={status} {...handlers} />);
  return handlers;
}

describe('PopupStatus', () => {
  it('on a record page: portal, page kind, checklist and a held Save, with a way to the panel', () => {
    const handlers = popup(heldRecord);
    const status = screen.getByTestId('tab-status').textContent!;
    expect(status).toContain(popupText('en', 'recognised', { name: 'MPB demo portal' }));
    expect(status).toContain(popupText('en', 'pageKind', { kind: 'session' }));
    expect(status).toContain(popupText('en', 'checklist', { title: 'Short-notice cancellation' }));
    expect(status).toContain(popupText('en', 'saveHeld'));
    fireEvent.click(screen.getByRole('button', { name: popupText('en', 'showPanel') }));
    expect(handlers.onShowPanel).toHaveBeenCalledOnce();
  });

  it('names the portal the page reported by id only, from the adapters in effect', () => {
    const fromPage: TabStatus = { ...heldRecord, portal: { id: 'mpb-demo' } };
    popup(
      withPortalName(fromPage, [
        { id: 'roster-demo', name: 'CareRoster' },
        { id: 'mpb-demo', name: 'MPB demo portal' },
      ]),
    );
    expect(screen.getByTestId('tab-status').textContent).toContain(popupText('en', 'recognised', { name: 'MPB demo portal' }));
    cleanup();
    // An adapter gone from the catalog since the page looked: the popup still says which portal, by its id.
    popup(withPortalName(fromPage, []));
    expect(screen.getByTestId('tab-status').textContent).toContain(popupText('en', 'recognised', { name: 'mpb-demo' }));
  });

  it('on a record page where Chartguard could not start: says Save is not checked, and offers no panel', () => {
    popup({ ...heldRecord, panel: false, checklist: null, saveHeld: false, unchecked: true });
    const line = screen.getByTestId('tab-status').querySelector('[data-state="unchecked"]');
    expect(line?.textContent).toBe(popupText('en', 'unchecked'));
    expect(screen.queryByRole('button', { name: popupText('en', 'showPanel') })).toBeNull();
  });

  it('does not say Save is unchecked where Chartguard runs', () => {
    popup(heldRecord);
    expect(screen.getByTestId('tab-status').querySelector('[data-state="unchecked"]')).toBeNull();
  });

  it('in Chinese, with the checklist’s Chinese title', () => {
    popup(heldRecord, 'zh-CN');
    expect(screen.getByTestId('tab-status').textContent).toContain(popupText('zh-CN', 'checklist', { title: '短时间内取消' }));
  });

  it('on a list: the records needing action', () => {
    popup({
      ...heldRecord,
      pageKind: 'list',
      recordId: undefined,
      panel: false,
      checklist: null,
      saveHeld: false,
      list: { total: 12, graded: 12, counts: { attention: 1, overdue: 2, incomplete: 3, complete: 5, unstructured: 1 } },
    });
    expect(screen.getByTestId('tab-status').textContent).toContain(
      popupText('en', 'followUps', { open: 6, overdue: 2, incomplete: 3, attention: 1, graded: 12 }),
    );
    expect(screen.queryByRole('button', { name: popupText('en', 'showPanel') })).toBeNull();
  });

  it('where Chartguard does not run: says so, and offers portal setup and the options', () => {
    const handlers = popup(null);
    expect(screen.getByTestId('tab-status').textContent).toBe(popupText('en', 'notActive'));
    fireEvent.click(screen.getByRole('button', { name: popupText('en', 'setup') }));
    fireEvent.click(screen.getByRole('button', { name: popupText('en', 'options') }));
    expect(handlers.onSetup).toHaveBeenCalledOnce();
    expect(handlers.onOptions).toHaveBeenCalledOnce();
  });
});
