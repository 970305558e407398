// Times the audit's phases one by one on one thread (read, decode, split, JSON.parse,
// record, grade, format), to see where the time goes before optimising; see docs/performance.md.
//   node bench/audit-phases.mjs bench/out/audit-100000.ndjson
import { readFileSync, readdirSync, createReadStream } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
const root = fileURLToPath(new URL('..', import.meta.url));
const sdk = await import(join(root, 'sdk/dist/index.js'));
const dir = join(root, 'checklists');
const checklists = new Map(
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
    // The folder also holds files that are not checklists (not-yet.json).
    .filter((data) => data?.format === sdk.CHECKLIST_FORMAT)
    .map((data) => sdk.parseChecklist(data))
    .map((c) => [c.id, c]),
);
const now = sdk.parseLocalDateTime('2026-03-10T12:00');
const file = process.argv[2];
const t = () => performance.now();
let a = t();
const buf = readFileSync(file);
const tRead = t() - a;
a = t();
const text = buf.toString('utf8');
const tDecode = t() - a;
a = t();
const lines = text.split('\n');
if (lines.at(-1) === '') lines.pop();
const tSplit = t() - a;
a = t();
const values = lines.map((l) => JSON.parse(l));
const tParse = t() - a;
a = t();
const items = values.map((v, i) => sdk.toAuditRecord(v, i + 1));
const tRecord = t() - a;
a = t();
let cpu = process.cpuUsage();
const results = items.map((it) => sdk.auditRecord(it.record, { checklists, now, locale: 'en' }));
const tGrade = t() - a;
const cGrade = process.cpuUsage(cpu);
a = t();
cpu = process.cpuUsage();
const results2 = items.map((it) => sdk.auditRecord(it.record, { checklists, now, locale: 'en' }));
const tGrade2 = t() - a;
const cGrade2 = process.cpuUsage(cpu);
a = t();
let out = '';
let n = 0;
for (const r of results) {
  out += JSON.stringify({ type: 'record', ...r }) + '\n';
  if (out.length > 65536) {
    n += out.length;
    out = '';
  }
}
const tFormat = t() - a;
a = t();
// streaming path as CLI does
let c = 0;
for await (const item of sdk.auditRecords(createReadStream(file), { checklists, now, locale: 'en', name: file })) c++;
const tStream = t() - a;
const N = lines.length;
const f = (ms) => `${ms.toFixed(0)} ms (${((ms * 1000) / N).toFixed(2)} µs/rec)`;
const cpuPer = (usage) => `${((usage.user + usage.system) / N).toFixed(2)} µs/rec CPU`;
console.log(
  JSON.stringify(
    {
      N,
      read: f(tRead),
      decode: f(tDecode),
      split: f(tSplit),
      parse: f(tParse),
      toRecord: f(tRecord),
      grade: f(tGrade),
      gradeCpu: cpuPer(cGrade),
      gradeWarm: f(tGrade2),
      gradeWarmCpu: cpuPer(cGrade2),
      format: f(tFormat),
      streamAll: f(tStream),
      streamRate: Math.round((N / tStream) * 1000),
    },
    null,
    1,
  ),
);
