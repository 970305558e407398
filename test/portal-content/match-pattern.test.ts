// The content scripts' own match-pattern test (issue 18: it replaces WXT's
// MatchPattern in the scripts a portal page runs) answers as WXT's MatchPattern does,
// for every built-in adapter's patterns and the patterns an import may hold;
// and the compact adapters' form of them (one regular expression per adapter,
// worked out where the compact adapters are written) answers as it does.
import { MatchPattern } from 'wxt/utils/match-patterns';
import { describe, expect, it } from 'vitest';
import { compileMatchPattern } from '../../entrypoints/portal.content/match-pattern';
import { builtInAdapterData } from '../../lib/catalog/built-in-adapters-data';
import { addressOf, matchPatternsSource } from '../../lib/catalog/compact';

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
  'https://evil.test/a.example.org/portal/x',
  'https://example.org.evil.test/portal/x',
  'http://127.0.0.1.evil.test/mpb/sessions/s-2003',
  'https://example.org/portal',
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

describe("the compact adapters' match patterns", () => {
  const compact = (patterns: string[], url: string) => new RegExp(matchPatternsSource(patterns)).test(addressOf(new URL(url)));
  /** The old form throws for a pattern that is not one, and for ftp:// and urn:// when tested: both cover nothing. */
  const old = (patterns: string[], url: string) => patterns.some((pattern) => outcome(() => compileMatchPattern(pattern)(url)) === true);

  it.each(PATTERNS)('cover what compileMatchPattern covers for %s', (pattern) => {
    for (const url of URLS) expect(compact([pattern], url), url).toBe(old([pattern], url));
  });

  it("cover what any of an adapter's patterns covers, for every built-in adapter and a mixed list", () => {
    const lists = [
      ...(builtInAdapterData as { matches: string[] }[]).map((adapter) => adapter.matches),
      ['https://*.example.org/*', 'http://host/records/*.php', 'nonsense', 'file:///home/*'],
    ];
    for (const patterns of lists) for (const url of URLS) expect(compact(patterns, url), `${patterns} ${url}`).toBe(old(patterns, url));
  });

  it("answer for the built-in portals' addresses as the old form did", () => {
    const builtIn = (builtInAdapterData as { matches: string[] }[])[0]!.matches;
    expect(compact(builtIn, 'http://127.0.0.1:4173/mpb/sessions/s-2003?x=1')).toBe(true);
    expect(compact(builtIn, 'http://127.0.0.1.evil.test/mpb/sessions/s-2003')).toBe(false);
  });
});
