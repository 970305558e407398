// Every user-facing string exists in every supported language: the SDK's own
// messages (same keys, same placeholders) and every text in every checklist.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { en } from '../../sdk/src/locales/en.js';
import { zhCN } from '../../sdk/src/locales/zh-CN.js';
import { LOCALES, format, message, messages } from '../../sdk/src/index.js';
import { compareRuleIds } from '../../sdk/src/rules.js';

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]))].sort();

describe('SDK messages', () => {
  it('both languages have exactly the same keys', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(messages).sort()).toEqual([...LOCALES].sort());
  });

  it.each(Object.keys(en) as (keyof typeof en)[])('%s is non-empty in both languages with the same placeholders', (key) => {
    for (const locale of LOCALES) expect(messages[locale][key]?.trim()).toBeTruthy();
    expect(placeholders(zhCN[key])).toEqual(placeholders(en[key]));
  });

  it('fills placeholders, and leaves unknown ones visible', () => {
    expect(message('en', 'issue.missing', { field: 'Attendance' })).toBe('“Attendance” is missing.');
    expect(message('zh-CN', 'issue.missing', { field: '出勤情况' })).toBe('缺少“出勤情况”。');
    expect(message('en', 'issue.missing')).toContain('{field}');
  });
});

// ---- Checklists ----

const checklistDir = fileURLToPath(new URL('../../checklists', import.meta.url));
/** Checklist files, recognised by their format tag (other JSON may sit alongside while being written). */
const checklistFiles = readdirSync(checklistDir)
  .filter((name) => name.endsWith('.json'))
  .filter((name) => {
    try {
      return (JSON.parse(readFileSync(join(checklistDir, name), 'utf8')) as { format?: unknown }).format === 'chartguard-checklist/1';
    } catch {
      return false;
    }
  });

/** Every object with an `en` or `zh-CN` key is a LocalizedText; yields it with its JSON path. */
function* localizedTexts(value: unknown, path: string): Generator<[string, Record<string, unknown>]> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* localizedTexts(item, `${path}[${i}]`);
  } else if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if ('en' in object || 'zh-CN' in object) yield [path, object];
    else for (const [key, item] of Object.entries(object)) yield* localizedTexts(item, `${path}.${key}`);
  }
}

describe('checklists', () => {
  it('there is at least the SNC checklist', () => {
    expect(checklistFiles).toContain('snc.json');
  });

  describe.each(checklistFiles)('%s', (file) => {
    const data: unknown = JSON.parse(readFileSync(join(checklistDir, file), 'utf8'));
    const texts = [...localizedTexts(data, '$')];

    it('has its texts (title, labels, options, rules…)', () => {
      expect(texts.length).toBeGreaterThan(5);
      expect(texts.map(([path]) => path)).toContain('$.title');
    });

    it('every text is non-empty in every language, and in no other', () => {
      const problems = texts.flatMap(([path, text]) => [
        ...LOCALES.filter((locale) => typeof text[locale] !== 'string' || (text[locale] as string).trim() === '').map(
          (locale) => `${path}.${locale} is missing`,
        ),
        ...Object.keys(text)
          .filter((key) => !(LOCALES as readonly string[]).includes(key))
          .map((key) => `${path}.${key} is not a supported language`),
      ]);
      expect(problems).toEqual([]);
    });

    it('keeps the same placeholders and e-mail addresses and phone numbers in every language', () => {
      const facts = (text: string) => [...text.matchAll(/\{\w+\}|[\w.+-]+@[\w.-]+\w|\d[\d ]{6,}\d/g)].map((match) => match[0]).sort();
      const problems = texts
        .filter(([, text]) => typeof text.en === 'string' && typeof text['zh-CN'] === 'string')
        .filter(([, text]) => JSON.stringify(facts(text.en as string)) !== JSON.stringify(facts(text['zh-CN'] as string)))
        .map(([path]) => path);
      expect(problems).toEqual([]);
    });
  });
});

describe('format', () => {
  it('fills every placeholder, each time it appears, and leaves unknown ones visible', () => {
    expect(format('{a} and {b}, then {a} again', { a: 'x', b: 2 })).toBe('x and 2, then x again');
    expect(format('{missing} stays', {})).toBe('{missing} stays');
    expect(format('no placeholders', { a: 1 })).toBe('no placeholders');
    expect(format('{a}{b}', { a: '', b: 0 })).toBe('0');
  });

  it('reads only the values given, not what every object inherits', () => {
    expect(format('{toString} {constructor}', {})).toBe('{toString} {constructor}');
  });

  it('gives the same result the second time a template is used', () => {
    const template = 'Record {id} is {state}';
    expect(format(template, { id: 1, state: 'open' })).toBe('Record 1 is open');
    expect(format(template, { id: 2, state: 'closed' })).toBe('Record 2 is closed');
  });
});

describe('compareRuleIds', () => {
  it('orders rule ids as the policy numbers them', () => {
    const ids = ['SNC-10', 'SNC-9', 'FUS-04', 'SNC-08', 'SNC-1', 'FUS-10', 'MV'];
    expect([...ids].sort(compareRuleIds)).toEqual(['FUS-04', 'FUS-10', 'MV', 'SNC-1', 'SNC-08', 'SNC-9', 'SNC-10']);
    expect(compareRuleIds('SNC-08', 'SNC-8')).toBe(0);
  });
});
