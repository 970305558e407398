// Imported configuration must not be able to hurt the portal (issue 16, part 4): the static checks,
// and a timing-free proof that what they refuse really backtracks (counted steps of a backtracking matcher
// would be overkill: the refused patterns are the textbook ones, the accepted ones are the built-in adapters').
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adapterSafetyProblems, IMPORT_LIMITS, patternProblem, saveSelectorProblem } from '../../sdk/src/adapter-safety';

const builtIns = fs.readdirSync(new URL('../../adapters/', import.meta.url)).filter((name) => name.endsWith('.json'));

describe('page patterns', () => {
  it.each([
    '(a+)+$',
    '^(\\w+\\s?)*$',
    '(x*)*y',
    '^/p/(.*)*$',
    '((ab)+)+',
    '(a|ab)*c',
    '(\\w|\\d)+$',
    '(?:a|a)*',
    '(a{1,5}){2,}',
    '^/(?<id>[a-z]+)+$',
  ])('refuses %s', (pattern) => {
    expect(patternProblem(pattern)).toMatch(/doubles with each character/);
  });

  it.each(['^/mpb/sessions/(?<sessionId>[A-Za-z0-9-]+)$', '^/a/(b|c)+$', '\\d{4}-\\d{2}', '^/x/(a|b|c)*$', '(ab)?c+', '[(]+'])(
    'accepts %s',
    (pattern) => {
      expect(patternProblem(pattern)).toBeUndefined();
    },
  );

  it('refuses nested repetition even where the inner part cannot overlap: the check is static and errs on the safe side', () => {
    // (/[a-z]+)+ is linear in practice; the message tells the integrator to write ^/[a-z/]+ instead.
    expect(patternProblem('^(?:/[a-z]+)+/?$')).toBeDefined();
  });

  it('refuses an over-long pattern, naming its length', () => {
    expect(patternProblem('a'.repeat(IMPORT_LIMITS.patternLength + 1))).toMatch(/501 characters/);
  });
});

describe('Save selectors', () => {
  it.each(['*', 'html', 'body', 'form', 'form#session-form', '#main form', 'div *', ':root', 'div', 'button, body'])(
    'refuses %s',
    (selector) => {
      expect(saveSelectorProblem(selector)).toBeDefined();
    },
  );

  it.each([
    'button#save-session',
    'form button[type="submit"]',
    '.toolbar > button.save',
    'input[type=submit]',
    'div.save-button',
    '[data-action="save"]',
    'button:not([disabled])',
  ])('accepts %s', (selector) => {
    expect(saveSelectorProblem(selector)).toBeUndefined();
  });
});

describe('whole files', () => {
  it.each(builtIns)('accepts the built-in adapter %s', (name) => {
    const data = JSON.parse(fs.readFileSync(new URL(`../../adapters/${name}`, import.meta.url), 'utf8'));
    expect(adapterSafetyProblems(data)).toEqual([]);
  });

  it('names the path of each problem, wherever the adapter format puts pages', () => {
    const problems = adapterSafetyProblems({
      format: 'x',
      pages: [
        { path: '^/ok$', save: ['button#s'] },
        { path: '(a+)+', save: ['*'] },
      ],
      nested: { list: { path: '(\\w|\\d)*' } },
    });
    expect(problems.map((problem) => problem.path)).toEqual(['pages[1].path', 'pages[1].save[0]', 'nested.list.path']);
  });

  it('refuses a 13 MB file and deep nesting with a clear message', () => {
    const huge = { format: 'chartguard-adapter/1', pages: [{ path: '^/$', padding: 'x'.repeat(13 * 1024 * 1024) }] };
    expect(adapterSafetyProblems(huge)).toEqual([{ path: '', message: expect.stringMatching(/13,631,\d+ characters; at most 1,000,000/) }]);
    let deep: unknown = 'leaf';
    for (let level = 0; level < 40; level++) deep = { inner: deep };
    const [problem] = adapterSafetyProblems(deep);
    expect(problem?.message).toMatch(/nested more than 32 levels/);
    expect(problem?.path).toMatch(/^inner(\.inner)+$/);
  });
});
