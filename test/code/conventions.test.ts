// Conventions of the code base that review alone lets slip, checked by walking
// the source folders (as refined-github does): no import cycles, no extension
// API touched while a module loads, every module saying why it exists, and the
// SDK importing nothing but Zod; component tests reaching Testing Library through
// its one configured entry, and unit tests waiting through test/wait.ts.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE_DIRS = ['sdk/src', 'lib', 'i18n', 'entrypoints', 'components'];
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.mjs'];

function walk(dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(rel);
    return EXTENSIONS.some((ext) => entry.name.endsWith(ext)) && !entry.name.endsWith('.d.ts') ? [rel] : [];
  });
}

const files = SOURCE_DIRS.flatMap(walk).sort();
const parsed = new Map(
  files.map((file) => [
    file,
    ts.createSourceFile(
      file,
      fs.readFileSync(path.join(root, file), 'utf8'),
      ts.ScriptTarget.Latest,
      true,
      file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    ),
  ]),
);

/** Relative imports (static, re-exports and dynamic `import()`) of a module, resolved to repository files. */
function relativeImports(file: string, { typeOnly = false } = {}): string[] {
  const source = parsed.get(file)!;
  const out: string[] = [];
  const add = (specifier: string) => {
    if (!specifier.startsWith('.')) return;
    const base = path.join(path.dirname(file), specifier);
    const candidates = [
      base,
      base.replace(/\.js$/, '.ts'),
      base.replace(/\.js$/, '.tsx'),
      ...EXTENSIONS.map((ext) => base + ext),
      ...EXTENSIONS.map((ext) => path.join(base, `index${ext}`)),
    ];
    const found = candidates.find((candidate) => parsed.has(candidate));
    if (found) out.push(found);
  };
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const isTypeOnly = ts.isImportDeclaration(node) ? Boolean(node.importClause?.isTypeOnly) : node.isTypeOnly;
      if (typeOnly || !isTypeOnly) add(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Every cycle reachable in the import graph, each as the list of modules around it. */
function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

const EXTENSION_GLOBALS = new Set(['browser', 'chrome']);

/**
 * Uses of `browser.*` / `chrome.*` that run while the module is being loaded:
 * anything outside a function body. WXT imports entrypoints in Node at build
 * time, where those globals do not exist, and a test importing the module
 * would need a fake extension to even load it.
 */
function topLevelExtensionCalls(file: string): string[] {
  const source = parsed.get(file)!;
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) || ts.isClassDeclaration(node) || ts.isClassExpression(node)) return;
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && EXTENSION_GLOBALS.has(node.expression.text)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${file}:${line + 1} ${node.getText().slice(0, 60)}`);
      return;
    }
    ts.forEachChild(node, visit);
  };
  for (const statement of source.statements) {
    if (
      ts.isImportDeclaration(statement) ||
      ts.isExportDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) ||
      ts.isInterfaceDeclaration(statement)
    )
      continue;
    visit(statement);
  }
  return found;
}

describe('source modules', () => {
  it('there are modules to check in every source folder', () => {
    for (const dir of SOURCE_DIRS)
      expect(
        files.some((file) => file.startsWith(dir)),
        dir,
      ).toBe(true);
  });

  it('have no import cycles', () => {
    const graph = new Map(files.map((file) => [file, relativeImports(file)]));
    expect(findCycles(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('touch no extension API while loading (browser.* and chrome.* only inside functions)', () => {
    const extensionCode = files.filter((file) => !file.startsWith('sdk/'));
    expect(extensionCode.flatMap(topLevelExtensionCalls)).toEqual([]);
  });

  it('each open with a comment saying why they exist', () => {
    const silent = files.filter((file) => {
      const text = fs.readFileSync(path.join(root, file), 'utf8').replace(/^#!.*\n/, '');
      return !/^\s*(\/\/|\/\*)/.test(text);
    });
    expect(silent).toEqual([]);
  });

  it('in the SDK import only Zod, Node built-ins (the CLI) and each other', () => {
    const outside: string[] = [];
    for (const file of files.filter((name) => name.startsWith('sdk/src/'))) {
      for (const statement of parsed.get(file)!.statements) {
        if (
          !(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) ||
          !statement.moduleSpecifier ||
          !ts.isStringLiteral(statement.moduleSpecifier)
        )
          continue;
        const specifier = statement.moduleSpecifier.text;
        if (specifier.startsWith('.') || specifier === 'zod' || specifier.startsWith('zod/') || specifier.startsWith('node:')) continue;
        outside.push(`${file}: ${specifier}`);
      }
    }
    expect(outside).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('find a cycle, and only a real one', () => {
    expect(
      findCycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c', 'a']]);
    expect(
      findCycles(
        new Map([
          ['a', ['b', 'c']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('tell a load-time extension call from one inside a function', () => {
    const name = 'lib/__probe__.ts';
    parsed.set(
      name,
      ts.createSourceFile(
        name,
        'const id = browser.runtime.id;\nexport function later() { return chrome.runtime.id; }\nexport const lazy = () => browser.storage;\n',
        ts.ScriptTarget.Latest,
        true,
      ),
    );
    try {
      expect(topLevelExtensionCalls(name)).toEqual(['lib/__probe__.ts:1 browser.runtime']);
    } finally {
      parsed.delete(name);
    }
  });
});

it('resolve the imports they check (the graph is not empty by mistake)', () => {
  expect(relativeImports('entrypoints/portal.content/router.ts')).toContain('lib/catalog/compact.ts');
  expect(relativeImports('entrypoints/portal.content/bundle.ts')).toContain('lib/catalog/runtime.ts');
  expect(relativeImports('sdk/src/index.ts').length).toBeGreaterThan(3);
});

// ---------------------------------------------------------------- end-to-end tests wait, never sleep

/**
 * A fixed sleep in an end-to-end test either wastes time or hides a race: the tests wait on a readiness
 * signal instead (the panel's data-cg-* counters, the content script's `settled` status, a hold shown; see
 * test/e2e/panel-helpers.ts). Only where time itself is what a test is about may it wait for time, and
 * each such line is listed here with its reason (none is now: the resilience tests' typing pace and kill gap
 * wait on the panel and the draft store). A listed line that is gone must leave the list too.
 */
const TIMED_WAITS_ALLOWED: { file: string; code: string; reason: string }[] = [];

/**
 * A wait for time: Playwright's waitForTimeout, a promise that setTimeout resolves, Node's promise timers
 * (`timers/promises`, `scheduler.wait`), a `sleep(` or `delay(` helper, or a thread blocked with Atomics.wait.
 */
const TIMED_WAIT =
  /waitForTimeout\(|setTimeout\(\s*(resolve|r|done|res)\b|new Promise\([^)]*\)\s*=>\s*setTimeout|timers\/promises|scheduler\.wait\(|\b(sleep|delay)\(|Atomics\.wait\(/;

/** Every line of an end-to-end folder that waits for time: `waitForTimeout(`, or a promise resolved by setTimeout. */
function timedWaits(dir: string): { file: string; line: number; code: string }[] {
  if (!fs.existsSync(path.join(root, dir))) return [];
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : timedWaits(rel);
    if (!/\.(ts|mts|mjs|js)$/.test(entry.name)) return [];
    return fs
      .readFileSync(path.join(root, rel), 'utf8')
      .split('\n')
      .flatMap((text, index) => (TIMED_WAIT.test(text) ? [{ file: rel, line: index + 1, code: text.trim() }] : []));
  });
}

describe('end-to-end tests', () => {
  // The Chromium suite and the Firefox smoke.
  const waits = ['test/e2e', 'test/firefox'].flatMap((dir) => timedWaits(dir));

  it('wait on readiness, not on time, except where time is the subject (listed with a reason)', () => {
    const unlisted = waits.filter(
      (wait) => !TIMED_WAITS_ALLOWED.some((allowed) => allowed.file === wait.file && wait.code.includes(allowed.code)),
    );
    expect(unlisted.map((wait) => `${wait.file}:${wait.line} ${wait.code}`)).toEqual([]);
  });

  it('list no allowance that is no longer used, and give each a reason', () => {
    const unused = TIMED_WAITS_ALLOWED.filter(
      (allowed) => !waits.some((wait) => allowed.file === wait.file && wait.code.includes(allowed.code)),
    );
    expect(unused.map((allowed) => `${allowed.file}: ${allowed.code}`)).toEqual([]);
    for (const allowed of TIMED_WAITS_ALLOWED) expect(allowed.reason.length, allowed.code).toBeGreaterThan(20);
  });

  it('count every kind of sleep (the check is not blind)', () => {
    const sleeps = [
      'await page.waitForTimeout(800);',
      'await new Promise((resolve) => setTimeout(resolve, 50));',
      "import { setTimeout as wait } from 'node:timers/promises';",
      'await scheduler.wait(100);',
      'await sleep(250);',
      'await delay(250);',
      'Atomics.wait(view, 0, 0, 100);',
    ];
    const readinessWaits = [
      'await frame.waitForSelector(".cg-held");',
      'await page.keyboard.type(text, { delay: 25 });',
      'await expect.poll(() => count()).toBe(2);',
    ];
    expect(sleeps.filter((text) => !TIMED_WAIT.test(text))).toEqual([]);
    expect(readinessWaits.filter((text) => TIMED_WAIT.test(text))).toEqual([]);
    // The walker reads what it is pointed at: this folder's own samples above are found.
    expect(timedWaits('test/code').length).toBeGreaterThan(0);
  });
});

describe('component tests', () => {
  it('reach Testing Library only through test/components/testing-library.ts, which gives its waits their limit', () => {
    const direct = fs
      .readdirSync(path.join(root, 'test/components'))
      .filter((name) => name !== 'testing-library.ts' && /\.(ts|tsx)$/.test(name))
      .filter((name) => /from '@testing-library\/(react|dom)'/.test(fs.readFileSync(path.join(root, 'test/components', name), 'utf8')));
    expect(direct).toEqual([]);
    const entry = fs.readFileSync(path.join(root, 'test/components/testing-library.ts'), 'utf8');
    expect(entry).toMatch(/configure\(\{ asyncUtilTimeout: 10_000 \}\)/);
  });
});

describe('unit tests', () => {
  it('wait on something asynchronous through test/wait.ts (its limit), not vi.waitFor’s or vi.waitUntil’s 1 s default', () => {
    const walkTests = (dir: string): string[] =>
      fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
        const rel = path.join(dir, entry.name);
        // The browser projects' folders wait with their own limits (Playwright's, expect.poll's).
        if (entry.isDirectory()) return [path.join('test', 'e2e'), path.join('test', 'firefox')].includes(rel) ? [] : walkTests(rel);
        return /\.(ts|tsx)$/.test(entry.name) &&
          rel !== path.join('test', 'wait.ts') &&
          rel !== path.join('test', 'code', 'conventions.test.ts')
          ? [rel]
          : [];
      });
    const direct = walkTests('test').filter((file) => /\bvi\.wait(For|Until)\s*\(/.test(fs.readFileSync(path.join(root, file), 'utf8')));
    expect(direct).toEqual([]);
  });
});
