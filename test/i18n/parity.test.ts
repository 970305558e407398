// The extension's words: a key missing or blank in one language, or a
// placeholder spelled differently, would show a user raw text or a hole; and a
// component keeping its own translation table would slip past these checks, so
// the source folders are walked for one (as refined-github checks conventions).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCALES } from '@chartguard/sdk';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { browserLocale } from '../../i18n';
import { badgeText } from '../../i18n/badges';
import { builderText } from '../../i18n/builder';
import { editorText } from '../../i18n/editor';
import { ui } from '../../i18n/panel';

const root = fileURLToPath(new URL('../..', import.meta.url));
const i18n = path.join(root, 'i18n');

type Table = Record<string, string>;

/** Every locale folder's surface files, each read as its one exported table. */
async function localeFiles(): Promise<Record<string, Record<string, Table>>> {
  const out: Record<string, Record<string, Table>> = {};
  for (const locale of fs.readdirSync(i18n, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    out[locale.name] = {};
    for (const file of fs.readdirSync(path.join(i18n, locale.name)).filter((name) => name.endsWith('.ts'))) {
      const surface = file.replace(/\.ts$/, '');
      const module = (await import(path.join(i18n, locale.name, file))) as Record<string, Table>;
      expect(Object.keys(module), `${locale.name}/${file} exports one table named after its file`).toEqual([surface]);
      out[locale.name]![surface] = module[surface]!;
    }
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('i18n locale files', async () => {
  const files = await localeFiles();

  it('has a folder for every SDK locale, each with the same surfaces', () => {
    expect(Object.keys(files).sort()).toEqual([...LOCALES].sort());
    expect(Object.keys(files.en!).sort()).toEqual(['badges', 'builder', 'editor', 'guard', 'options', 'panel', 'pin', 'popup']);
    for (const locale of LOCALES) expect(Object.keys(files[locale]!).sort(), locale).toEqual(Object.keys(files.en!).sort());
  });

  for (const [from, to] of [
    ['en', 'zh-CN'],
    ['zh-CN', 'en'],
  ] as const) {
    it(`every ${from} key exists, non-empty, in ${to} with the same placeholders`, () => {
      for (const [surface, table] of Object.entries(files[from]!)) {
        for (const [key, text] of Object.entries(table)) {
          const other = files[to]![surface]![key];
          expect(typeof other, `${to}/${surface} lacks ${key}`).toBe('string');
          expect(other!.trim(), `${to}/${surface}.${key} is blank`).not.toBe('');
          expect(text.trim(), `${from}/${surface}.${key} is blank`).not.toBe('');
          expect(placeholders(other!), `${to}/${surface}.${key} placeholders`).toEqual(placeholders(text));
        }
      }
    });
  }

  it('the Chinese files are really translated, not copies of the English ones', () => {
    const same = Object.entries(files.en!).flatMap(([surface, table]) =>
      Object.keys(table)
        .filter((key) => table[key] === files['zh-CN']![surface]![key])
        .map((key) => `${surface}.${key}`),
    );
    // The product name, and a placeholder standing alone, read the same in both languages.
    expect(same.sort()).toEqual(['badges.badgeForNoId', 'badges.brand', 'panel.appName']);
  });
});

describe('t, through each surface', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(ui('en', 'progress', { done: 3, total: 7 })).toBe('3 of 7 required items');
    expect(ui('zh-CN', 'progress', { done: 3, total: 7 })).toBe('必填项已完成 3 / 7');
    expect(ui('en', 'progress', { done: 3 })).toBe('3 of {total} required items');
    expect(editorText('zh-CN')('fieldLabel', { n: 3 })).toBe('问题 3 标签');
    expect(badgeText('zh-CN').t('record', { id: 'A-1' })).toBe('记录 A-1');
    expect(builderText('pageTab', { kind: 'record' })).toBe('Page: record');
  });
});

describe('browserLocale', () => {
  it('keeps a chosen language, else reads any Chinese as Simplified Chinese and everything else as English', () => {
    expect(browserLocale('en', 'zh-TW')).toBe('en');
    expect(browserLocale('zh-CN', 'en-GB')).toBe('zh-CN');
    expect(browserLocale(undefined, 'zh-TW')).toBe('zh-CN');
    expect(browserLocale(undefined, 'ZH')).toBe('zh-CN');
    expect(browserLocale(undefined, 'fr-FR')).toBe('en');
    expect(browserLocale(undefined, '')).toBe('en');
  });
});

// --- No translation table outside i18n/ -------------------------------------------------------

const SOURCE_DIRS = ['components', 'entrypoints', 'lib'];

function walk(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(rel);
    return /\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [rel] : [];
  });
}

const unwrap = (node: ts.Expression): ts.Expression =>
  ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node) ? unwrap(node.expression) : node;

/**
 * Where a module keeps words per language: an object with a `'zh-CN'` entry
 * that is a table (an object literal, or a name bound to one in the module),
 * or a variable named for Chinese holding an object literal. A single text in
 * both languages (`{ en: label, 'zh-CN': label }`) is data, not a table.
 */
function translationTables(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const objectVariables = new Set<string>();
  const found: string[] = [];
  const line = (node: ts.Node) => `${fileName}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const collect = (node: ts.Node) => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      ts.isObjectLiteralExpression(unwrap(node.initializer))
    ) {
      objectVariables.add(node.name.text);
      if (/^zh(_?cn)?$/i.test(node.name.text)) found.push(line(node));
    }
    ts.forEachChild(node, collect);
  };
  collect(source);
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAssignment(node) && (ts.isStringLiteral(node.name) || ts.isIdentifier(node.name)) && node.name.text === 'zh-CN') {
      const value = unwrap(node.initializer);
      if (ts.isObjectLiteralExpression(value) || (ts.isIdentifier(value) && objectVariables.has(value.text))) found.push(line(node));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...new Set(found)];
}

describe('translation tables live in i18n/ only', () => {
  it('finds a table written the way the surfaces used to keep theirs', () => {
    const old =
      "const en = { title: 'Options' } as const;\nconst zhCN: Record<'title', string> = { title: '选项' };\nexport const texts = { en, 'zh-CN': zhCN };\n";
    expect(translationTables('old.ts', old)).toEqual(['old.ts:2', 'old.ts:3']);
    expect(translationTables('inline.ts', "export const t = { en: { a: 'A' }, 'zh-CN': { a: '甲' } };")).toEqual(['inline.ts:1']);
  });

  it('passes a single text given in both languages', () => {
    expect(
      translationTables('ok.ts', "const label = (item: string) => ({ en: item, 'zh-CN': item });\nconst empty = { en: '', 'zh-CN': '' };"),
    ).toEqual([]);
  });

  it('no component, entrypoint or lib module declares its own', () => {
    // Only a module that mentions Chinese at all can hold a table of it; the rest are not parsed.
    const tables = SOURCE_DIRS.flatMap(walk).flatMap((file) => {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      return /zh/i.test(text) ? translationTables(file, text) : [];
    });
    expect(tables).toEqual([]);
  });
});
