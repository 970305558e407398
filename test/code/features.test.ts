// The content script is a router plus features (#14 part 9), one folder per
// feature as refined-github keeps one file per feature. Walking the folder
// keeps it so: each feature declares itself with defineFeature, is listed once,
// in the always-on composition root or in one feature script that registers it
// with the router (issue 18), takes the abort signal that owns its room and
// uses it, and reaches another feature only through the router's rooms.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CONTENT = 'entrypoints/portal.content';
const FEATURES_DIR = `${CONTENT}/features`;

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
}

/** Where features are listed, and how each list reaches the router. */
const COMPOSITION: Record<string, RegExp> = {
  [`${CONTENT}/index.ts`]: /startRouter\(FEATURES,/,
  'entrypoints/record-features.ts': /registerFeatures\('record', FEATURES\)/,
  'entrypoints/list-features.ts': /registerFeatures\('list', FEATURES\)/,
};

/** The feature folders a composition file lists in its `FEATURES` array, through its default imports of them. */
function listedFeatures(file: string): string[] {
  const entry = parse(file);
  const imported = new Map<string, string>();
  for (const statement of entry.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const folder = /(?:^|\/)features\/([^/]+)$/.exec(statement.moduleSpecifier.text)?.[1];
    const local = statement.importClause?.name?.text;
    if (folder && local) imported.set(local, folder);
  }
  let listed: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === 'FEATURES' && node.initializer) {
      let list = node.initializer;
      while (ts.isAsExpression(list) || ts.isParenthesizedExpression(list)) list = list.expression;
      if (ts.isArrayLiteralExpression(list))
        listed = list.elements
          .filter(ts.isIdentifier)
          .map((element) => imported.get(element.text) ?? `(not a feature import: ${element.text})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(entry);
  return listed;
}

const featureFolders = fs
  .readdirSync(path.join(root, FEATURES_DIR), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** The object literal a module default-exports through `defineFeature({...})`, or undefined. */
function declaredFeature(source: ts.SourceFile): ts.ObjectLiteralExpression | undefined {
  for (const statement of source.statements) {
    if (!ts.isExportAssignment(statement) || statement.isExportEquals) continue;
    const call = statement.expression;
    if (
      ts.isCallExpression(call) &&
      ts.isIdentifier(call.expression) &&
      call.expression.text === 'defineFeature' &&
      call.arguments[0] &&
      ts.isObjectLiteralExpression(call.arguments[0])
    )
      return call.arguments[0];
  }
  return undefined;
}

function property(object: ts.ObjectLiteralExpression, name: string): ts.ObjectLiteralElementLike | undefined {
  return object.properties.find((prop) => prop.name && ts.isIdentifier(prop.name) && prop.name.text === name);
}

/** The `start` method's parameters and body, written as a method or an arrow/function property. */
function startFunction(object: ts.ObjectLiteralExpression): ts.FunctionLikeDeclaration | undefined {
  const start = property(object, 'start');
  if (!start) return undefined;
  if (ts.isMethodDeclaration(start)) return start;
  if (ts.isPropertyAssignment(start) && (ts.isArrowFunction(start.initializer) || ts.isFunctionExpression(start.initializer)))
    return start.initializer;
  return undefined;
}

function usesIdentifier(node: ts.Node, name: string): boolean {
  let found = false;
  const visit = (child: ts.Node) => {
    if (found) return;
    if (ts.isIdentifier(child) && child.text === name && !ts.isParameter(child.parent)) found = true;
    else ts.forEachChild(child, visit);
  };
  ts.forEachChild(node, visit);
  return found;
}

/** Feature findings for one folder: empty when it follows every rule. */
export function featureProblems(folder: string, source: ts.SourceFile): string[] {
  const problems: string[] = [];
  const feature = declaredFeature(source);
  if (!feature) return [`${folder}: index.ts does not default-export defineFeature({...})`];
  const name = property(feature, 'name');
  if (!name || !ts.isPropertyAssignment(name) || !ts.isStringLiteral(name.initializer) || name.initializer.text !== folder)
    problems.push(`${folder}: its name is not '${folder}' (the folder's)`);
  if (!property(feature, 'key')) problems.push(`${folder}: no key(frame), so the router cannot tell when it is needed`);
  const start = startFunction(feature);
  const signal = start?.parameters[1];
  if (!start || !signal || !ts.isIdentifier(signal.name) || signal.name.text !== 'signal')
    problems.push(`${folder}: start(frame, signal, rooms) does not take the abort signal as its second parameter`);
  else if (!start.body || !usesIdentifier(start.body, 'signal'))
    problems.push(`${folder}: start() never uses its abort signal, so nothing it installs is ever removed`);
  return problems;
}

/** Runtime (not type-only) imports of another feature's folder: features meet only through the router's rooms. */
function crossFeatureImports(folder: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, FEATURES_DIR, folder))) {
    if (!entry.endsWith('.ts')) continue;
    const source = parse(`${FEATURES_DIR}/${folder}/${entry}`);
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || statement.importClause?.isTypeOnly)
        continue;
      const target = path.posix.join(FEATURES_DIR, folder, statement.moduleSpecifier.text);
      const other = /^entrypoints\/portal\.content\/features\/([^/]+)$/.exec(target)?.[1];
      if (other && other !== folder) found.push(`${folder}/${entry} imports the feature ${other} itself`);
    }
  }
  return found;
}

describe('content-script features', () => {
  it('there are features, each in its own folder with an index.ts', () => {
    expect(featureFolders).toEqual(expect.arrayContaining(['bridge-client', 'list-badges', 'record-page', 'save-guard']));
    for (const folder of featureFolders) expect(fs.existsSync(path.join(root, FEATURES_DIR, folder, 'index.ts')), folder).toBe(true);
  });

  it('each declares itself with defineFeature, is keyed, and takes and uses the abort signal', () => {
    expect(featureFolders.flatMap((folder) => featureProblems(folder, parse(`${FEATURES_DIR}/${folder}/index.ts`)))).toEqual([]);
  });

  it('each is registered with the router: the always-on one in the composition root, the others by exactly one feature script', () => {
    const registered = Object.entries(COMPOSITION).flatMap(([file, call]) => {
      const listed = listedFeatures(file);
      // The list is handed to the router: started by it (always-on) or registered with it (a feature script).
      expect(parse(file).getText(), file).toMatch(call);
      return listed;
    });
    expect([...registered].sort()).toEqual(featureFolders);
  });

  it("keeps badge code out of the record page's script and record code out of the list's", () => {
    expect(listedFeatures('entrypoints/record-features.ts')).not.toContain('list-badges');
    expect(listedFeatures('entrypoints/list-features.ts')).toEqual(['list-badges']);
    expect(listedFeatures(`${CONTENT}/index.ts`)).toEqual(['save-guard']);
  });

  it('reach another feature only through the rooms the router hands them (type imports only)', () => {
    expect(featureFolders.flatMap(crossFeatureImports)).toEqual([]);
  });
});

describe('the feature checks themselves', () => {
  const probe = (code: string) => featureProblems('probe', ts.createSourceFile('probe.ts', code, ts.ScriptTarget.Latest, true));

  it('pass a feature that takes and uses its signal', () => {
    expect(
      probe(
        "export default defineFeature({ name: 'probe', key: () => 'x', start(frame, signal) { addEventListener('x', f, { signal }); return {}; } });",
      ),
    ).toEqual([]);
  });

  it('catch a feature that ignores its signal, takes none, or is not declared through defineFeature', () => {
    expect(probe("export default defineFeature({ name: 'probe', key: () => 'x', start(frame, signal) { return {}; } });")).toEqual([
      'probe: start() never uses its abort signal, so nothing it installs is ever removed',
    ]);
    expect(probe("export default defineFeature({ name: 'probe', key: () => 'x', start: (frame) => ({}) });")).toEqual([
      'probe: start(frame, signal, rooms) does not take the abort signal as its second parameter',
    ]);
    expect(probe("export default { name: 'probe', start(frame, signal) { signal; } };")).toEqual([
      'probe: index.ts does not default-export defineFeature({...})',
    ]);
    expect(probe("export default defineFeature({ name: 'other', start(frame, signal) { signal.aborted; } });")).toEqual([
      "probe: its name is not 'probe' (the folder's)",
      'probe: no key(frame), so the router cannot tell when it is needed',
    ]);
  });
});
