// One shape for every figure the benchmarks produce, the printed table and
// bench/results.json, so runs on different days can be compared line by line.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A figure: `budget` is `{ max }` (value must stay below it) or `{ maxRatio }`
 * (ratio to the peer must stay at or below it); `ok` is derived from it.
 */
export function figure(name, value, unit, { peer, peerValue, budget, note } = {}) {
  const entry = { name, value: round(value), unit };
  if (peer !== undefined) {
    entry.peer = peer;
    entry.peerValue = round(peerValue);
    entry.ratio = peerValue > 0 && Number.isFinite(value) ? round(value / peerValue) : null;
  }
  if (budget) {
    if (budget.max !== undefined) {
      entry.budget = `< ${budget.max} ${unit}`;
      entry.ok = Number.isFinite(value) && value < budget.max;
    } else if (budget.maxRatio !== undefined) {
      entry.budget = `<= ${budget.maxRatio}x ${peer ?? 'peer'}`;
      entry.ok = entry.ratio !== null && entry.ratio !== undefined && entry.ratio <= budget.maxRatio;
    }
  }
  if (note) entry.note = note;
  return entry;
}

/** Four significant digits at most: enough to compare runs, short enough to read. */
export function round(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value ?? null;
  if (value === 0) return 0;
  const digits = Math.max(0, 3 - Math.floor(Math.log10(Math.abs(value))));
  return Number(value.toFixed(Math.min(digits, 6)));
}

function show(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number')
    return Math.abs(value) >= 1e5 ? value.toLocaleString('en-US', { maximumFractionDigits: 0 }) : String(value);
  return String(value);
}

/** A plain-text table: name, value, unit, peer, ratio, budget, ok. */
export function formatTable(results) {
  const header = ['name', 'value', 'unit', 'peer (value)', 'ratio', 'budget', 'ok'];
  const rows = results.map((r) => [
    r.name,
    show(r.value),
    r.unit ?? '',
    r.peer !== undefined ? `${r.peer} (${show(r.peerValue)})` : '',
    r.ratio !== undefined && r.ratio !== null ? `${r.ratio}x` : '',
    r.budget ?? '',
    r.ok === undefined ? '' : r.ok ? 'yes' : 'NO',
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells) =>
    cells
      .map((cell, i) => (i === 1 || i === 4 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * The figures of this run, merged into an earlier file's when only some parts
 * ran (figures of the same name are replaced), written as a JSON array.
 */
export function mergeResults(previous, current) {
  const names = new Set(current.map((r) => r.name));
  return [...previous.filter((r) => !names.has(r.name)), ...current];
}

export function writeResults(file, results) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
