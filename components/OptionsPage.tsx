// The options page: what is active (portals and checklists), importing a new
// portal's adapter or a checklist pack from a file, exporting the
// configuration and the audit log, and organisation settings.
import { localize, type Checklist, type Locale, type PortalAdapter } from '@chartguard/sdk';
import { useState } from 'react';
import type { Lockable } from '../lib/managed';
import type { Settings } from '../lib/settings';
import { browserLocale } from '../i18n';
import { optionsText, type OptionsKey } from '../i18n/options';

export interface ImportOutcome {
  ok: boolean;
  /** What was read, e.g. "adapter “Acme portal”". */
  summary?: string;
  /** Every problem, named by path. */
  problems?: { path: string; message: string }[];
  /** Origins that need the user's permission before the adapter works. */
  origins?: string[];
}

export interface OptionsPageProps {
  adapters: PortalAdapter[];
  checklists: Checklist[];
  imported: { adapters: Set<string>; checklists: Set<string> };
  settings: Settings;
  deadlineRules: string[];
  onImport(text: string): ImportOutcome;
  onActivate(): Promise<{ granted: boolean }>;
  onRemove(kind: 'adapter' | 'checklist', id: string): void;
  onSettings(settings: Settings): void;
  onExportConfig(): void;
  onExportAudit(): void;
  /** The browser's language (navigator.language unless given): the page's language until one is chosen. */
  browserLanguage?: string;
  /** What the organisation set through browser policy (lib/managed.ts). */
  organisation?: OrganisationPolicy;
}

export interface OrganisationPolicy {
  adapters: Set<string>;
  checklists: Set<string>;
  /** Settings whose value comes from the organisation. */
  settings: Set<keyof Settings>;
  locked: Set<Lockable>;
  /** Policy items that did not validate. */
  problems: string[];
}

const NO_POLICY: OrganisationPolicy = { adapters: new Set(), checklists: new Set(), settings: new Set(), locked: new Set(), problems: [] };

export function OptionsPage(props: OptionsPageProps) {
  const locale: Locale = browserLocale(props.settings.locale, props.browserLanguage);
  const policy = props.organisation ?? NO_POLICY;
  const source = (kind: 'adapters' | 'checklists', id: string) =>
    policy[kind].has(id) ? t('managed') : props.imported[kind].has(id) ? t('imported') : t('builtIn');
  const removable = (kind: 'adapters' | 'checklists', id: string) => props.imported[kind].has(id) && !policy[kind].has(id);
  // A setting's note: locked by the organisation, or the organisation's default the user may change.
  const note = (key: keyof Settings & Lockable) =>
    policy.locked.has(key) ? (
      <span className="cg-managed" data-locked={key}>
        {' '}
        {t('locked')}
      </span>
    ) : policy.settings.has(key) ? (
      <span className="cg-managed" data-managed={key}>
        {' '}
        {t('managedDefault')}
      </span>
    ) : null;
  const t = (key: OptionsKey, values: Record<string, string | number> = {}) => optionsText(locale, key, values);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [activation, setActivation] = useState<string | null>(null);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setActivation(null);
    setOutcome(props.onImport(await file.text()));
  };

  return (
    <main className="cg-options" lang={locale}>
      <h1>{t('title')}</h1>

      <section aria-labelledby="portals-heading">
        <h2 id="portals-heading">{t('portals')}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('addresses')}</th>
              <th scope="col">{t('pages')}</th>
              <th scope="col">{t('source')}</th>
              <th scope="col">
                <span className="cg-visually-hidden">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.adapters.map((adapter) => (
              <tr key={adapter.id} data-adapter={adapter.id}>
                <td>{adapter.name}</td>
                <td>{adapter.matches.join(', ')}</td>
                <td>{adapter.pages.map((page) => page.kind).join(', ')}</td>
                <td>{source('adapters', adapter.id)}</td>
                <td>
                  {removable('adapters', adapter.id) ? (
                    <button type="button" onClick={() => props.onRemove('adapter', adapter.id)}>
                      {t('remove')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="checklists-heading">
        <h2 id="checklists-heading">{t('checklists')}</h2>
        <ul>
          {props.checklists.map((checklist) => (
            <li key={checklist.id} data-checklist={checklist.id}>
              {localize(checklist.title, locale)} ({checklist.id} v{checklist.version}, {t('rules', { count: checklist.rules.length })}) ·{' '}
              {source('checklists', checklist.id)}
              {removable('checklists', checklist.id) ? (
                <button type="button" onClick={() => props.onRemove('checklist', checklist.id)}>
                  {t('remove')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
        <p>
          <a href="/checklist-editor.html" target="_blank" rel="noopener" data-testid="open-checklist-editor">
            {t('openChecklistEditor')}
          </a>
        </p>
      </section>

      <section aria-labelledby="import-heading">
        <h2 id="import-heading">{t('import')}</h2>
        {policy.problems.length ? (
          <div className="cg-warning-box" role="alert" data-testid="policy-problems">
            <p>{t('policyProblems')}</p>
            <ul>
              {policy.problems.map((problem, index) => (
                <li key={index}>{problem}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {policy.locked.has('imports') ? (
          <p className="cg-info" data-locked="imports">
            {t('importsLocked')}
          </p>
        ) : (
          <>
            <p>{t('importHelp')}</p>
            <label>
              {t('chooseFile')}{' '}
              <input
                type="file"
                accept=".json,application/json"
                data-testid="import-file"
                onChange={(event) => void readFile(event.target.files?.[0])}
              />
            </label>
            {outcome ? (
              outcome.ok ? (
                <div className="cg-info" role="status">
                  <p>{t('importValid', { summary: outcome.summary ?? '' })}</p>
                  {outcome.origins?.length ? <p>{t('needsAccess', { origins: outcome.origins.join(', ') })}</p> : null}
                  <button
                    type="button"
                    data-testid="activate"
                    onClick={() => {
                      void props.onActivate().then(
                        ({ granted }) => setActivation(granted ? t('activated') : t('denied')),
                        // Not stored (e.g. storage full): say why, never a silent failure.
                        (error: unknown) => setActivation(error instanceof Error ? error.message : String(error)),
                      );
                    }}
                  >
                    {t('activate')}
                  </button>
                  {activation ? <p role="status">{activation}</p> : null}
                </div>
              ) : (
                <div className="cg-warning-box" role="alert">
                  <p>{t('importInvalid')}</p>
                  <ul data-testid="import-problems">
                    {outcome.problems?.map((problem, index) => (
                      <li key={index}>
                        <code>{problem.path || '(root)'}</code>: {problem.message}
                      </li>
                    ))}
                  </ul>
                </div>
              )
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">{t('settings')}</h2>
        <label className="cg-row">
          {t('language')}{' '}
          <select
            disabled={policy.locked.has('locale')}
            value={props.settings.locale ?? ''}
            onChange={(event) => props.onSettings({ ...props.settings, locale: (event.target.value || undefined) as Settings['locale'] })}
          >
            <option value="">{t('followBrowser')}</option>
            <option value="en">English</option>
            <option value="zh-CN">简体中文</option>
          </select>
          {note('locale')}
        </label>
        <label className="cg-row">
          <input
            type="checkbox"
            disabled={policy.locked.has('badges')}
            checked={props.settings.badges}
            onChange={(event) => props.onSettings({ ...props.settings, badges: event.target.checked })}
          />{' '}
          {t('badges')}
          {note('badges')}
        </label>
        <label className="cg-row">
          {t('retention')}{' '}
          <input
            type="number"
            min={1}
            max={365}
            disabled={policy.locked.has('draftRetentionDays')}
            value={props.settings.draftRetentionDays}
            onChange={(event) =>
              Number(event.target.value) > 0 && props.onSettings({ ...props.settings, draftRetentionDays: Number(event.target.value) })
            }
          />
          {note('draftRetentionDays')}
        </label>
        <fieldset disabled={policy.locked.has('deadlineHours')}>
          <legend>
            {t('deadlines')}
            {note('deadlineHours')}
          </legend>
          {props.deadlineRules.map((rule) => (
            <label key={rule} className="cg-row">
              {rule}{' '}
              <input
                type="number"
                min={1}
                placeholder={t('default')}
                value={props.settings.deadlineHours[rule] ?? ''}
                onChange={(event) => {
                  const deadlineHours = { ...props.settings.deadlineHours };
                  if (Number(event.target.value) > 0) deadlineHours[rule] = Number(event.target.value);
                  else delete deadlineHours[rule];
                  props.onSettings({ ...props.settings, deadlineHours });
                }}
              />{' '}
              {t('hours')}
            </label>
          ))}
        </fieldset>
      </section>

      <section aria-labelledby="export-heading">
        <h2 id="export-heading">{t('export')}</h2>
        <button type="button" onClick={props.onExportConfig}>
          {t('exportConfig')}
        </button>{' '}
        <button type="button" onClick={props.onExportAudit}>
          {t('exportAudit')}
        </button>
      </section>
    </main>
  );
}
