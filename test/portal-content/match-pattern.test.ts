// The content scripts' own match-pattern test (issue 18: it replaces WXT's
// MatchPattern in the scripts a portal page runs) answers as WXT's MatchPattern does,
// for every built-in adapter's patterns and the patterns an import may hold.
import { MatchPattern } from 'wxt/utils/match-patterns';
import { describe, expect, it } from 'vitest';
import { compileMatchPattern } from '../../entrypoints/portal.content/match-pattern';
import { builtInAdapterData } from '../../lib/catalog/built-in-adapters-data';

const PATTERNS = [
  ...new Set((builtInAdapterData as { matches: string[] }[]).flatMap((adapter) => adapter.matches)),
  '<all_urls>',
  '*://*/*',
  'https://*.example.org/*',
  'https://example.org/portal/*',
  'http://*/records/*.php',
  'https://ex(ample).org/a+b?/*',
  'file:///home/*',
  'ws://example.org/*',
  'ftp://example.org/*',
  'https://example.org:8080/*',
  'https://exa*mple.org/*',
  'https://example.org',
  'gopher://example.org/*',
  'nonsense',
];
const URLS = [
  'http://127.0.0.1/mpb/sessions/s-2003',
  'http://localhost:5173/legacy/encounter.php?eid=309',
  'https://example.org/portal/visit?id=3',
  'https://deep.sub.example.org/x',
  'https://example.org/',
  'https://exaample.org/a',
  'https://ex(ample).org/a+b?/c',
  'http://host/records/a.php',
  'http://host/records/a.php?x=1',
  'file:///home/user/a.html',
  'ws://example.org/socket',
  'about:blank',
  'chrome-extension://abc/panel.html',
];

const outcome = (run: () => boolean) => {
  try {
    return run();
  } catch {
    return 'throws';
  }
};

describe('compileMatchPattern', () => {
  it.each(PATTERNS)('answers as MatchPattern for %s', (pattern) => {
    const theirs = outcome(() => Boolean(new MatchPattern(pattern)));
    const ours = outcome(() => Boolean(compileMatchPattern(pattern)));
    expect(ours).toBe(theirs);
    if (theirs === 'throws') return;
    for (const url of URLS)
      expect(
        outcome(() => compileMatchPattern(pattern)(url)),
        url,
      ).toBe(outcome(() => new MatchPattern(pattern).includes(url)));
  });
});
