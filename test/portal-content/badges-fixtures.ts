// Generated MPB caseloads for the happy-dom badge tests. The generator and the
// portal's renderer resolve files through `new URL(…, import.meta.url)`, which
// happy-dom's URL cannot do, so they run in a plain Node child process.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Checklist } from '@chartguard/sdk';
import type { GeneratedKind, GeneratedRow } from '../../demo/mpb/generated.mjs';
import type { ListGradeRequest } from '../../lib/list-grade-protocol';
import { listGradeRequest, ListGrading } from '../../lib/list-grading';

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

/** The most JSON Chrome's runtime messaging carries in one message, in bytes. */
export const CHROME_MESSAGE_LIMIT = 64 * 1024 * 1024;

/**
 * The background's grading as the list badges reach it: each request and answer goes through JSON, as Chrome's
 * messaging carries them, the request is validated by the background's own check and graded by its own code
 * (lib/list-grading.ts), and the answer arrives in a later task. `down` makes it fail as a restarting worker does.
 */
export function backgroundStandIn(checklists: ReadonlyMap<string, Checklist>) {
  // Read on each request, so a test that moves Date.now moves the background's clock too.
  const grading = new ListGrading(
    async () => checklists,
    () => Date.now(),
  );
  const sender = { id: 'chartguard', tab: { id: 1 }, url: 'https://portal.example/caseload' };
  const stand = {
    down: false,
    requests: 0,
    /** The largest request so far, in bytes of its JSON: what Chrome's 64 MiB message limit counts. */
    largestRequest: 0,
    /** Requests answered (or refused): a test waits on it before asserting what an answer did. */
    answered: 0,
    /** While set, answers wait for it: a test changes the page while a request is out. */
    gate: undefined as Promise<void> | undefined,
    send: async (request: ListGradeRequest): Promise<unknown> => {
      stand.requests++;
      try {
        // Chrome refuses to send a message over 64 MiB of JSON, as this does.
        const json = JSON.stringify(request);
        const bytes = Buffer.byteLength(json);
        stand.largestRequest = Math.max(stand.largestRequest, bytes);
        if (bytes > CHROME_MESSAGE_LIMIT) throw new Error('Message length exceeded maximum allowed length.');
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (stand.gate) await stand.gate;
        if (stand.down) throw new Error('Could not establish connection. Receiving end does not exist.');
        const valid = listGradeRequest(JSON.parse(json), sender, 'chartguard');
        if (!valid) return undefined;
        return JSON.parse(JSON.stringify(await grading.grade(valid)));
      } finally {
        stand.answered++;
      }
    },
  };
  return stand;
}
