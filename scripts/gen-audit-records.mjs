#!/usr/bin/env node
// Generates a realistic export for `chartguard audit`: notes rendered by the
// SDK for every checklist in checklists/, a mix of complete, incomplete,
// overdue and flagged records, plus hand-written notes with no header. Used to
// measure the audit's speed and memory on large files.
//
//   node scripts/gen-audit-records.mjs N out.ndjson|out.json|out.csv [--seed 1] [--now 2026-03-10T12:00] [--checklists dir]
//
// Badges depend on the clock: audit the file with the same --now (printed on
// stderr with the expected badge counts, so the audit can be checked).
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
// The micro-benchmarks' record helpers: the same checklist loading, seeded generator and condition values.
import { loadChecklists, mentionedValues, plainAnswer, seededRandom } from '../bench/records.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sdk = await import(join(root, 'sdk', 'dist', 'index.js'));

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seed: { type: 'string', default: '1' },
    now: { type: 'string', default: '2026-03-10T12:00' },
    checklists: { type: 'string', default: join(root, 'checklists') },
  },
});
const count = Number(positionals[0]);
const out = positionals[1];
if (!Number.isInteger(count) || count < 0 || !out) {
  process.stderr.write(
    'usage: node scripts/gen-audit-records.mjs N out.ndjson|out.json|out.csv [--seed 1] [--now 2026-03-10T12:00] [--checklists dir]\n',
  );
  process.exit(2);
}
const now = sdk.parseLocalDateTime(values.now);
if (!now) throw new Error(`--now must look like 2026-03-10T12:00, not ${values.now}`);
const format = out.endsWith('.csv') ? 'csv' : out.endsWith('.json') ? 'json' : 'ndjson';

// A seeded generator, so the same arguments give the same file.
const random = seededRandom(Number(values.seed));
const pick = (list) => list[Math.floor(random() * list.length)];
const chance = (p) => random() < p;

const checklists = loadChecklists(values.checklists);

const PHRASES = [
  'Discussed by phone; the client understood and agreed.',
  'Client informed and a new time agreed.',
  'Reviewed goals; client reports better sleep and fewer panic episodes.',
  'Carer updated the family and the office.',
  'Client prefers morning appointments.\nWill confirm by text.',
  'No further action needed.',
];
const local = (date) => sdk.formatLocalDateTime(date);
const day = (date) => local(date).slice(0, 10);

/** A record with every field filled in reading order, times moving forward, a few answers left out. */
function candidate(checklist, mentioned) {
  const start = new Date(now.getTime() - Math.round(random() * 96) * 3_600_000 - Math.round(random() * 12) * 300_000);
  let clock = start;
  let lastDateTime;
  const record = {};
  const deadline = checklist.deadline;
  for (const field of sdk.allFields(checklist)) {
    if (field.id === deadline?.recordedAt) continue;
    if (chance(0.05)) continue;
    const hints = mentioned.get(field.id) ?? [];
    switch (field.type) {
      case 'datetime':
        if (field.readOnly && lastDateTime && chance(0.85)) record[field.id] = lastDateTime;
        else {
          clock = new Date(clock.getTime() + (5 + Math.round(random() * 36) * 5) * 60_000);
          record[field.id] = lastDateTime = local(clock);
        }
        break;
      case 'date':
        record[field.id] = day(new Date(clock.getTime() + Math.round(random() * 14) * 86_400_000));
        break;
      case 'choice':
        record[field.id] = hints.length && chance(0.7) ? String(pick(hints)) : pick(field.options).value;
        break;
      case 'multichoice':
        record[field.id] = [...new Set([pick(field.options).value, pick(field.options).value])];
        break;
      default:
        record[field.id] = plainAnswer(field, hints, random, PHRASES);
    }
  }
  if (deadline?.recordedAt && chance(0.8)) {
    const from = deadline.from.map((id) => record[id]).find(Boolean);
    const base = from ? sdk.parseLocalDateTime(from) : start;
    const late = chance(0.1) ? deadline.hours * 1.5 : deadline.hours * random() * 0.8;
    const written = new Date(Math.min(now.getTime(), base.getTime() + late * 3_600_000));
    record[deadline.recordedAt] = local(written);
  }
  return record;
}

// Candidate records per checklist, sorted by the badge they get at `now`.
const pools = checklists.map((checklist) => {
  const mentioned = mentionedValues(checklist);
  const buckets = { complete: [], incomplete: [], overdue: [], attention: [] };
  for (let i = 0; i < 4000 && Object.values(buckets).some((list) => list.length < 40); i++) {
    const record = candidate(checklist, mentioned);
    const badge = sdk.evaluate(checklist, record, { now }).badge;
    if (buckets[badge].length < 40) buckets[badge].push(record);
  }
  return { checklist, buckets };
});

const MIX = [
  ['complete', 0.5],
  ['incomplete', 0.25],
  ['overdue', 0.1],
  ['attention', 0.07],
  ['unstructured', 0.08],
];
const HAND_WRITTEN = [
  'Rang client at 09:10 to cancel today; rebooked for Thursday.',
  'Session went well.\nClient to continue with homework.',
  'Visit late because of traffic, client OK.',
  'DNA. Will try again tomorrow.',
];

// Fields a records system keeps in its own columns rather than in the note.
const columnFields = (checklist) =>
  sdk.allFields(checklist).filter((field) => field.type === 'attendance' || (field.type === 'datetime' && field.readOnly));
const extraColumns = [
  ...new Set(
    checklists.flatMap((checklist) =>
      columnFields(checklist)
        .filter((field) => field.type !== 'attendance')
        .map((field) => field.id),
    ),
  ),
];

function makeRecord(i) {
  const roll = random();
  let acc = 0;
  let wanted = 'complete';
  for (const [badge, share] of MIX) {
    acc += share;
    if (roll < acc) {
      wanted = badge;
      break;
    }
  }
  const { checklist, buckets } = pick(pools);
  const id = `R${String(i + 1).padStart(7, '0')}`;
  if (wanted === 'unstructured') return { row: { id, checklist: checklist.id, note: pick(HAND_WRITTEN) }, badge: 'unstructured' };
  const options = buckets[wanted].length ? buckets[wanted] : Object.values(buckets).find((list) => list.length);
  const record = pick(options);
  const row = { id, checklist: checklist.id };
  const inColumns = columnFields(checklist);
  const noteAnswers = { ...record };
  for (const field of inColumns) {
    if (record[field.id] === undefined) continue;
    row[field.type === 'attendance' ? 'attendance' : field.id] = record[field.id];
    delete noteAnswers[field.id];
  }
  row.note = sdk.renderNote(checklist, noteAnswers, { locale: chance(0.2) ? 'zh-CN' : 'en' });
  return { row, badge: sdk.evaluate(checklist, record, { now }).badge };
}

const csvCell = (value) => {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const header = ['id', 'checklist', 'attendance', ...extraColumns, 'note'];

const stream = createWriteStream(out);
let buffer = '';
const write = async (text) => {
  buffer += text;
  if (buffer.length > 1 << 20) {
    const ok = stream.write(buffer);
    buffer = '';
    if (!ok) await once(stream, 'drain');
  }
};
const expected = { complete: 0, incomplete: 0, overdue: 0, attention: 0, unstructured: 0 };
if (format === 'csv') await write(`${header.join(',')}\n`);
if (format === 'json') await write('[\n');
for (let i = 0; i < count; i++) {
  const { row, badge } = makeRecord(i);
  expected[badge]++;
  if (format === 'csv') await write(`${header.map((name) => csvCell(row[name])).join(',')}\n`);
  else await write(`${format === 'json' && i ? ',\n' : ''}${JSON.stringify(row)}${format === 'ndjson' ? '\n' : ''}`);
}
if (format === 'json') await write('\n]\n');
stream.end(buffer);
await once(stream, 'finish');
process.stderr.write(
  `${count} records written to ${out} (${format}); audit with --now ${values.now}; expected badges: ${JSON.stringify(expected)}\n`,
);
