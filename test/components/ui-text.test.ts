// The panel's own words: a key missing or blank in one language, or a
// placeholder spelled differently, would show a user raw text or a hole.
import { LOCALES } from '@chartguard/sdk';
import { describe, expect, it } from 'vitest';
import { ui, uiText } from '../../components/ui-text';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('ui-text', () => {
  it('has a table for every SDK locale', () => {
    expect(Object.keys(uiText).sort()).toEqual([...LOCALES].sort());
  });

  for (const [from, to] of [
    ['en', 'zh-CN'],
    ['zh-CN', 'en'],
  ] as const) {
    it(`every ${from} key exists, non-empty, in ${to} with the same placeholders`, () => {
      for (const [key, text] of Object.entries(uiText[from])) {
        const other = (uiText[to] as Record<string, string>)[key];
        expect(typeof other, `${to} lacks ${key}`).toBe('string');
        expect(other!.trim(), `${to}.${key} is blank`).not.toBe('');
        expect(text.trim(), `${from}.${key} is blank`).not.toBe('');
        expect(placeholders(other!), `${to}.${key} placeholders`).toEqual(placeholders(text));
      }
    });
  }

  it('the Chinese table is really translated, not a copy of the English one', () => {
    const same = Object.keys(uiText.en).filter((key) => uiText.en[key as keyof typeof uiText.en] === uiText['zh-CN'][key as keyof typeof uiText.en]);
    // Only the product name stays the same in both languages.
    expect(same).toEqual(['appName']);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(ui('en', 'progress', { done: 3, total: 7 })).toBe('3 of 7 required items');
    expect(ui('zh-CN', 'progress', { done: 3, total: 7 })).toBe('必填项已完成 3 / 7');
    expect(ui('en', 'progress', { done: 3 })).toBe('3 of {total} required items');
  });
});
