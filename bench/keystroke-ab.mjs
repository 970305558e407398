#!/usr/bin/env node
// Keystroke A/B: the panel's per-key figures for two builds, runs alternating in one session, so machine load favours neither.
//
//   node bench/keystroke-ab.mjs <build A dir> <build B dir> [rounds=3] [keys=150]
import os from 'node:os';
import path from 'node:path';
import { measureKeystrokesOf } from './browser.mjs';
import { summarize } from './stats.mjs';

const [dirA, dirB, rounds = '3', keys = '150'] = process.argv.slice(2);
if (!dirA || !dirB) {
  process.stderr.write('usage: node bench/keystroke-ab.mjs <build A dir> <build B dir> [rounds] [keys]\n');
  process.exit(2);
}
const load = () => os.loadavg()[0].toFixed(1);
const ms = (value) => value.toFixed(1);
for (let round = 0; round < Number(rounds); round++) {
  for (const [name, dir] of [
    ['A', dirA],
    ['B', dirB],
  ]) {
    const loadBefore = load();
    const { commit, toErrors, inputCpu, missed } = await measureKeystrokesOf({ extensionDir: path.resolve(dir), keystrokes: Number(keys) });
    const c = summarize(commit);
    const e = summarize(toErrors);
    const cpu = summarize(inputCpu);
    process.stdout.write(
      `round ${round + 1} ${name}: load ${loadBefore}–${load()}; commit median ${ms(c.median)} p95 ${ms(c.p95)} max ${ms(c.max)} ms; ` +
        `to-errors median ${ms(e.median)} p95 ${ms(e.p95)} max ${ms(e.max)} ms; ` +
        `input event CPU median ${cpu.median.toFixed(2)} p95 ${cpu.p95.toFixed(2)} ms (${commit.length} keys, ${missed} missed)\n`,
    );
  }
}
