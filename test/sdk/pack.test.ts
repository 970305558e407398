// The SDK as an integrator gets it: `npm pack`, install the tarball into an
// empty project (offline, zod taken from this repository), then import it,
// read a bundled checklist and schema through the exports map, type-check
// against the shipped declarations and run the `chartguard` bin.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot } from '../fixtures/audit/ensure-built.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let work: string;
let project: string;
let tarball: string;
let files: string[];

beforeAll(async () => {
  await ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'chartguard-pack-'));
  project = join(work, 'consumer');
  const packed = JSON.parse(
    execFileSync(npm, ['pack', '--json', '--pack-destination', work], {
      cwd: join(repoRoot, 'sdk'),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  ) as {
    filename: string;
    files: { path: string }[];
  }[];
  tarball = join(work, packed[0]!.filename);
  files = packed[0]!.files.map((file) => file.path);
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // Offline: the tarball has no dependencies of its own, and zod (the peer) comes from this checkout.
  execFileSync(
    npm,
    [
      'install',
      '--offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--no-package-lock',
      tarball,
      join(repoRoot, 'node_modules', 'zod'),
    ],
    {
      cwd: project,
      stdio: 'pipe',
    },
  );
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed SDK', { timeout: 120_000 }, () => {
  it('ships the build, the checklists, the schemas and the README, and no sources or tests', () => {
    for (const expected of [
      'package.json',
      'README.md',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/cli.js',
      'checklists/snc.json',
      'schema/checklist.schema.json',
      'schema/adapter.schema.json',
    ]) {
      expect(files).toContain(expected);
    }
    expect(files.filter((file) => file.startsWith('src/') || file.endsWith('.map') || file.includes('test'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules', '@chartguard', 'sdk', 'package.json'), 'utf8'));
    expect(manifest.peerDependencies).toHaveProperty('zod');
    expect(manifest.dependencies).toBeUndefined();
  });

  it('imports, reads a bundled checklist and schema through the exports map, evaluates and renders', () => {
    writeFileSync(
      join(project, 'use.mjs'),
      `import { evaluate, parseChecklist, renderNote, parseNote, toZod, toJSONSchema, toQuestionnaire } from '@chartguard/sdk';
import snc from '@chartguard/sdk/checklists/snc.json' with { type: 'json' };
import checklistSchema from '@chartguard/sdk/schema/checklist.schema.json' with { type: 'json' };
import manifest from '@chartguard/sdk/package.json' with { type: 'json' };
const checklist = parseChecklist(snc);
const record = { attendance: 'cancelled-by-provider', informedAt: '2026-06-10T08:30', contactMethod: 'phone' };
const evaluation = evaluate(checklist, record, { now: new Date(2026, 5, 10, 12) });
const note = renderNote(checklist, record);
const zod = toZod(checklist).safeParse(record);
console.log(JSON.stringify({
  version: manifest.version,
  status: evaluation.status,
  failing: [...new Set(evaluation.blocking.map((issue) => issue.ruleId))],
  header: note.split('\\n')[0],
  roundTrip: parseNote(checklist, note).answers,
  zodRules: [...new Set(zod.error.issues.map((issue) => issue.params.ruleId))],
  schemaDialect: checklistSchema.$schema,
  recordSchemaRules: toJSONSchema(checklist).allOf.length,
  questionnaire: toQuestionnaire(checklist).resourceType,
}));
`,
    );
    const result = spawnSync(process.execPath, ['use.mjs'], { cwd: project, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({
      version: JSON.parse(readFileSync(join(repoRoot, 'sdk', 'package.json'), 'utf8')).version,
      status: 'incomplete',
      header: expect.stringContaining('[Chartguard snc/'),
      roundTrip: { attendance: 'cancelled-by-provider', informedAt: '2026-06-10T08:30', contactMethod: 'phone' },
      schemaDialect: 'https://json-schema.org/draft/2020-12/schema',
      questionnaire: 'Questionnaire',
    });
    expect(out.failing).toContain('SNC-06');
    expect(out.zodRules).toEqual(out.failing);
    expect(out.recordSchemaRules).toBeGreaterThan(0);
  });

  it('refuses deep imports that the exports map does not offer', () => {
    writeFileSync(join(project, 'deep.mjs'), `await import('@chartguard/sdk/dist/model.js');\n`);
    const result = spawnSync(process.execPath, ['deep.mjs'], { cwd: project, encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it('type-checks a TypeScript consumer against the shipped declarations', () => {
    writeFileSync(
      join(project, 'use.ts'),
      `import { evaluate, gradeNote, type Checklist, type Evaluation, type NoteGrade } from '@chartguard/sdk';
declare const checklist: Checklist;
const evaluation: Evaluation = evaluate(checklist, { agreed: 'x' });
const grade: NoteGrade = gradeNote({ checklists: [checklist], text: '' });
const badge: 'complete' | 'incomplete' | 'overdue' | 'attention' | 'missing' | 'check' | 'unstructured' = grade.badge;
export { evaluation, badge };
`,
    );
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const args = [
      '--noEmit',
      '--strict',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2022',
      // Every declaration file is checked, the SDK's and Zod's among them, but not TypeScript's own lib files, which
      // are not ours to check (their cost: docs/performance.md, "The test suite's wall time").
      '--skipLibCheck',
      'false',
      '--skipDefaultLibCheck',
      'use.ts',
    ];
    const result = spawnSync(process.execPath, [tsc, ...args], { cwd: project, encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('installs the chartguard bin, which audits with the bundled checklists', () => {
    writeFileSync(join(project, 'records.ndjson'), `${JSON.stringify({ id: 'X1', note: 'Phoned the client, all fine.' })}\n`);
    const result = spawnSync(join(project, 'node_modules', '.bin', 'chartguard'), ['audit', 'records.ndjson', '--format', 'json'], {
      cwd: project,
      encoding: 'utf8',
    });
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({ type: 'record', id: 'X1', badge: 'unstructured' });
    expect(lines.at(-1)).toMatchObject({ type: 'summary', records: 1 });
    expect(result.status).toBe(1);
  });
});
