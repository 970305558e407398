// The toolbar popup: what Chartguard is doing on the active tab, and the way
// to the panel, the options page and portal setup.
import { localize, type Locale } from '@chartguard/sdk';
import type { TabStatus } from '../lib/tab-status';
import { popupText, type PopupKey } from '../i18n/popup';

export interface PopupStatusProps {
  locale: Locale;
  /** undefined while asking; null when no Chartguard content script answers in this tab. */
  status: TabStatus | null | undefined;
  onShowPanel(): void;
  onOptions(): void;
  onSetup(): void;
}

export function PopupStatus({ locale, status, onShowPanel, onOptions, onSetup }: PopupStatusProps) {
  const t = (key: PopupKey, values: Record<string, string | number> = {}) => popupText(locale, key, values);
  const counts = status?.list?.counts;
  return (
    <main className="cg-popup" lang={locale}>
      <h1>{t('title')}</h1>
      <div data-testid="tab-status" role="status">
        {status === undefined ? <p>{t('loading')}</p> : null}
        {status === null || (status && !status.portal) ? <p data-state="inactive">{t('notActive')}</p> : null}
        {status?.portal ? (
          <ul>
            <li data-state="portal">{t('recognised', { name: status.portal.name ?? status.portal.id })}</li>
            <li data-state="page">{status.pageKind ? t('pageKind', { kind: status.pageKind }) : t('noPage')}</li>
            {status.recordId ? <li>{t('record', { id: status.recordId })}</li> : null}
            {status.panel ? (
              <li data-state="checklist">
                {status.checklist ? t('checklist', { title: localize(status.checklist.title, locale) }) : t('noChecklist')}
              </li>
            ) : null}
            {status.panel ? <li data-state="save">{status.saveHeld ? <strong>{t('saveHeld')}</strong> : t('saveNotHeld')}</li> : null}
            {status.unchecked ? (
              <li data-state="unchecked">
                <strong>{t('unchecked')}</strong>
              </li>
            ) : null}
            {counts && status.list ? (
              <li data-state="follow-ups">
                {t('followUps', {
                  open: counts.overdue + counts.incomplete + counts.attention,
                  overdue: counts.overdue,
                  incomplete: counts.incomplete,
                  attention: counts.attention,
                  graded: status.list.graded,
                })}
              </li>
            ) : null}
          </ul>
        ) : null}
      </div>
      <nav>
        {status?.panel ? (
          <button type="button" onClick={onShowPanel}>
            {t('showPanel')}
          </button>
        ) : null}
        <button type="button" onClick={onOptions}>
          {t('options')}
        </button>
        <button type="button" onClick={onSetup}>
          {t('setup')}
        </button>
      </nav>
    </main>
  );
}
