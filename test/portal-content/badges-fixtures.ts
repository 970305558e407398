// Generated MPB caseloads for the happy-dom badge tests. The generator and the
// portal's renderer resolve files through `new URL(…, import.meta.url)`, which
// happy-dom's URL cannot do, so they run in a plain Node child process.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { GeneratedKind, GeneratedRow } from '../../demo/mpb/generated.mjs';

const GENERATOR = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../demo/mpb/generated.mjs')).href;

export const ALL_KINDS: GeneratedKind[] = ['complete', 'incomplete', 'overdue', 'risk', 'handwritten', 'upcoming'];

/** The caseload view (the page's <main> content) and the rows it shows, with the badge each should get. */
export function generatedCaseload(params: Record<string, string>): { html: string; rows: GeneratedRow[] } {
  const script = `
    const { generatedCaseloadView, generateCaseload, caseloadParams } = await import(${JSON.stringify(GENERATOR)});
    const params = new URLSearchParams(${JSON.stringify(params)});
    const html = await generatedCaseloadView(params);
    const { rows, seed, kinds, page, pageSize } = caseloadParams(params);
    const all = await generateCaseload({ rows, seed, kinds });
    process.stdout.write(JSON.stringify({ html, rows: all.slice((page - 1) * pageSize, page * pageSize) }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(out) as { html: string; rows: GeneratedRow[] };
}
