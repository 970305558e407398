// @vitest-environment happy-dom
// The options page's language and the organisation's policy, as a user meets
// them: the browser's language until one is chosen, managed items marked, locked
// settings not changeable.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup, fireEvent, render, screen } from './testing-library';
import { parseAdapter, parseChecklist } from '@chartguard/sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsPage, type OptionsPageProps, type OrganisationPolicy } from '../../components/OptionsPage';
import { optionsTexts } from '../../i18n/options';
import { popupTexts } from '../../i18n/popup';
import { readSettings } from '../../lib/settings';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
const adapter = parseAdapter(readJson('adapters/mpb-demo.json'));
const orgAdapter = parseAdapter({ ...readJson('adapters/mpb-demo.json'), id: 'org-portal', name: 'Organisation portal' });
const snc = parseChecklist(readJson('checklists/snc.json'));

afterEach(cleanup);

function page(overrides: Partial<OptionsPageProps> = {}) {
  const onSettings = vi.fn();
  const props: OptionsPageProps = {
    adapters: [orgAdapter, adapter],
    checklists: [snc],
    imported: { adapters: new Set(['org-portal']), checklists: new Set() },
    settings: readSettings({}),
    deadlineRules: ['SNC-08'],
    onImport: () => ({ ok: true }),
    onActivate: async () => ({ granted: true }),
    onRemove: () => undefined,
    onSettings,
    onExportConfig: () => undefined,
    onExportAudit: () => undefined,
    ...overrides,
  };
  render(<OptionsPage {...props} />);
  return { onSettings };
}

describe('OptionsPage language', () => {
  it('follows a Chinese browser when the user chose no language', () => {
    page({ browserLanguage: 'zh-CN' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(optionsTexts['zh-CN'].title);
    expect(screen.getByRole('main').getAttribute('lang')).toBe('zh-CN');
  });

  it('any Chinese UI language reads Simplified Chinese; any other reads English', () => {
    page({ browserLanguage: 'zh-TW' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(optionsTexts['zh-CN'].title);
    cleanup();
    page({ browserLanguage: 'de' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(optionsTexts.en.title);
  });

  it('keeps the user’s choice over the browser’s language', () => {
    page({ browserLanguage: 'zh-CN', settings: readSettings({ locale: 'en' }) });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(optionsTexts.en.title);
  });
});

describe('OptionsPage under an organisation’s policy', () => {
  const organisation: OrganisationPolicy = {
    adapters: new Set(['org-portal']),
    checklists: new Set(),
    settings: new Set(['locale', 'badges']),
    locked: new Set(['badges', 'imports']),
    problems: ['packs[1]: not valid JSON'],
  };

  it('marks the organisation’s portal as managed and offers no Remove for it', () => {
    page({ organisation });
    const row = document.querySelector('[data-adapter="org-portal"]')!;
    expect(row.textContent).toContain(optionsTexts.en.managed);
    expect(row.querySelector('button')).toBeNull();
  });

  it('shows a locked setting as locked and does not let the user change it', () => {
    const { onSettings } = page({ organisation });
    const badges = screen.getByRole('checkbox', { name: new RegExp(optionsTexts.en.badges) }) as HTMLInputElement;
    expect(badges.disabled).toBe(true);
    expect(badges.closest('label')!.textContent).toContain(optionsTexts.en.locked);
    fireEvent.click(badges);
    expect(onSettings).not.toHaveBeenCalled();
  });

  it('shows an unlocked managed setting as the organisation’s default, still changeable', () => {
    const { onSettings } = page({ organisation });
    const language = screen.getByRole('combobox', { name: new RegExp(optionsTexts.en.language) }) as HTMLSelectElement;
    expect(language.disabled).toBe(false);
    expect(language.closest('label')!.textContent).toContain(optionsTexts.en.managedDefault);
    fireEvent.change(language, { target: { value: 'zh-CN' } });
    expect(onSettings).toHaveBeenCalledWith(expect.objectContaining({ locale: 'zh-CN' }));
  });

  it('with imports locked there is no file to choose, and policy problems are shown', () => {
    page({ organisation });
    expect(document.querySelector('[data-testid="import-file"]')).toBeNull();
    expect(screen.getByText(optionsTexts.en.importsLocked)).toBeTruthy();
    expect(screen.getByTestId('policy-problems').textContent).toContain('packs[1]: not valid JSON');
  });

  it('without a policy the user imports and removes their own items as before', () => {
    page();
    expect(document.querySelector('[data-testid="import-file"]')).not.toBeNull();
    expect(document.querySelector('[data-adapter="org-portal"] button')).not.toBeNull();
  });
});

describe('the options and popup texts', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
  it.each([
    ['options', optionsTexts],
    ['popup', popupTexts],
  ] as const)('%s: every key in both languages, translated, with the same placeholders', (_name, texts) => {
    const en = texts.en as Record<string, string>;
    const zh = texts['zh-CN'] as Record<string, string>;
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      expect(zh[key]!.trim(), key).not.toBe('');
      expect(placeholders(zh[key]!), key).toEqual(placeholders(en[key]!));
    }
  });
});
