// Conventions of the code base that review alone lets slip, checked by walking
// the source folders (as refined-github does): no import cycles, no extension
// API touched while a module loads, every module saying why it exists, and the
// SDK importing nothing but Zod.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE_DIRS = ['sdk/src', 'lib', 'entrypoints', 'components'];
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
  files.map((file) => [file, ts.createSourceFile(file, fs.readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)]),
);

/** Relative imports (static, re-exports and dynamic `import()`) of a module, resolved to repository files. */
function relativeImports(file: string, { typeOnly = false } = {}): string[] {
  const source = parsed.get(file)!;
  const out: string[] = [];
  const add = (specifier: string) => {
    if (!specifier.startsWith('.')) return;
    const base = path.join(path.dirname(file), specifier);
    const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), ...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.map((ext) => path.join(base, `index${ext}`))];
    const found = candidates.find((candidate) => parsed.has(candidate));
    if (found) out.push(found);
  };
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const isTypeOnly = ts.isImportDeclaration(node) ? Boolean(node.importClause?.isTypeOnly) : node.isTypeOnly;
      if (typeOnly || !isTypeOnly) add(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
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
    if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)) continue;
    visit(statement);
  }
  return found;
}

describe('source modules', () => {
  it('there are modules to check in every source folder', () => {
    for (const dir of SOURCE_DIRS) expect(files.some((file) => file.startsWith(dir)), dir).toBe(true);
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
        if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) || !statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
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
    expect(findCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c', 'a']]);
    expect(findCycles(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]))).toEqual([]);
  });

  it('tell a load-time extension call from one inside a function', () => {
    const name = 'lib/__probe__.ts';
    parsed.set(name, ts.createSourceFile(name, 'const id = browser.runtime.id;\nexport function later() { return chrome.runtime.id; }\nexport const lazy = () => browser.storage;\n', ts.ScriptTarget.Latest, true));
    try {
      expect(topLevelExtensionCalls(name)).toEqual(['lib/__probe__.ts:1 browser.runtime']);
    } finally {
      parsed.delete(name);
    }
  });
});

it('resolve the imports they check (the graph is not empty by mistake)', () => {
  expect(relativeImports('entrypoints/portal.content/index.ts')).toContain('lib/adapters.ts');
  expect(relativeImports('sdk/src/index.ts').length).toBeGreaterThan(3);
});
