// The checklist editor's words: a key missing or blank in one language, or a
// placeholder spelled differently, would show a clinical lead raw text or a hole.
import { LOCALES } from '@chartguard/sdk';
import { describe, expect, it } from 'vitest';
import { editorText, editorTexts } from '../../components/checklist-editor/editor-text';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('editor-text', () => {
  it('has a table for every SDK locale', () => {
    expect(Object.keys(editorTexts).sort()).toEqual([...LOCALES].sort());
  });

  for (const [from, to] of [
    ['en', 'zh-CN'],
    ['zh-CN', 'en'],
  ] as const) {
    it(`every ${from} key exists, non-empty, in ${to} with the same placeholders`, () => {
      for (const [key, text] of Object.entries(editorTexts[from])) {
        const other = (editorTexts[to] as Record<string, string>)[key];
        expect(typeof other, `${to} lacks ${key}`).toBe('string');
        expect(other!.trim(), `${to}.${key} is blank`).not.toBe('');
        expect(text.trim(), `${from}.${key} is blank`).not.toBe('');
        expect(placeholders(other!), `${to}.${key} placeholders`).toEqual(placeholders(text));
      }
    });
  }

  it('the Chinese table is really translated, not a copy of the English one', () => {
    const same = Object.keys(editorTexts.en).filter((key) => editorTexts.en[key as keyof typeof editorTexts.en] === editorTexts['zh-CN'][key as keyof typeof editorTexts.en]);
    expect(same).toEqual([]);
  });

  it('fills placeholders', () => {
    expect(editorText('en')('fieldLabel', { n: 3 })).toBe('Question 3 label');
    expect(editorText('zh-CN')('fieldLabel', { n: 3 })).toBe('问题 3 标签');
  });
});
