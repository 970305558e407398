// Part 1: whole-record validation without eval timed beside precompiled Ajv on
// the same records (bench/child.mjs sets up the no-eval process): `validate`,
// the verdict-only peer of Ajv's validate, under the budget, and `evaluate`
// (the whole Evaluation a keystroke needs) reported beside it.
import { hrtime } from 'node:process';
import { pathToFileURL } from 'node:url';
import { evaluate, validate } from '../sdk/dist/index.js';
import { validatorFile } from './ajv-standalone.mjs';
import { NOW, benchRecords } from './records.mjs';
import { figure } from './results.mjs';
import { summarize } from './stats.mjs';

const BLOCK = 500;
let sink = 0;

/** Median cost of reading the clock twice, subtracted from every sample so fast calls are not flattered or penalised by it. */
export function timerOverhead(n = 200_000) {
  const samples = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t0 = hrtime.bigint();
    samples[i] = Number(hrtime.bigint() - t0);
  }
  return summarize(samples).median;
}

function timeBlock(fn, out, from, count, overhead) {
  for (let i = from; i < from + count; i++) {
    const t0 = hrtime.bigint();
    sink += fn();
    const elapsed = Number(hrtime.bigint() - t0) - overhead;
    out[i] = elapsed > 0 ? elapsed : 0;
  }
}

/**
 * Times each contender `iterations` times after `warmup` untimed calls,
 * alternating blocks so drift (frequency, GC, other processes) hits them alike.
 * Returns nanosecond summaries by contender name.
 */
export function race(contenders, { iterations, warmup, overhead }) {
  const names = Object.keys(contenders);
  for (const name of names) for (let i = 0; i < warmup; i++) sink += contenders[name]();
  const samples = Object.fromEntries(names.map((name) => [name, new Float64Array(iterations)]));
  for (let done = 0; done < iterations; done += BLOCK) {
    const count = Math.min(BLOCK, iterations - done);
    for (const name of names) timeBlock(contenders[name], samples[name], done, count, overhead);
  }
  return Object.fromEntries(names.map((name) => [name, summarize(samples[name])]));
}

const us = (ns) => ns / 1000;

export async function run({ iterations = 20_000, warmup = 5_000, log = () => {} } = {}) {
  const overhead = timerOverhead();
  const results = [
    figure('validate.timer-overhead', overhead, 'ns', { note: 'median cost of two hrtime.bigint() reads, subtracted from every sample' }),
  ];
  for (const { checklist, valid, invalid } of benchRecords()) {
    const all = (await import(pathToFileURL(validatorFile(checklist.id, 'all')).href)).default;
    const first = (await import(pathToFileURL(validatorFile(checklist.id, 'first')).href)).default;
    for (const [kind, record] of [
      ['valid', valid],
      ['invalid', invalid],
    ]) {
      // Both must agree on the verdict, or the comparison would time different work.
      const evaluation = evaluate(checklist, record, { now: NOW });
      const ajvValid = all(record);
      if ((evaluation.status === 'complete') !== ajvValid || (kind === 'valid') !== ajvValid) {
        throw new Error(`${checklist.id}/${kind}: evaluate says ${evaluation.status}, Ajv says ${ajvValid ? 'valid' : 'invalid'}`);
      }
      if (JSON.stringify(validate(checklist, record, { now: NOW })) !== JSON.stringify(evaluation.issues))
        throw new Error(`${checklist.id}/${kind}: validate and evaluate list different issues`);
      const timings = race(
        {
          validate: () => validate(checklist, record, { now: NOW }).length,
          evaluate: () => evaluate(checklist, record, { now: NOW }).issues.length,
          ajv: () => (all(record) ? 0 : all.errors.length),
          ajvFirst: () => (first(record) ? 0 : 1),
        },
        { iterations, warmup, overhead },
      );
      const { validate: verdict, evaluate: whole, ajv, ajvFirst } = timings;
      const prefix = `validate.${checklist.id}.${kind}`;
      const detail = `validate(); ${Object.keys(record).length} answers, ${evaluation.blocking.length} required issues`;
      results.push(
        figure(`${prefix}.median`, us(verdict.median), 'µs', {
          peer: 'ajv standalone',
          peerValue: us(ajv.median),
          budget: { maxRatio: 1.5 },
          note: detail,
        }),
        figure(`${prefix}.p99`, us(verdict.p99), 'µs', { peer: 'ajv standalone', peerValue: us(ajv.p99), budget: { max: 50 } }),
        figure(`${prefix}.evaluate.median`, us(whole.median), 'µs', {
          peer: 'ajv standalone',
          peerValue: us(ajv.median),
          // The panel runs evaluate on every keystroke: the issue's budget holds for it as for validate.
          budget: { maxRatio: 1.5 },
          note: 'evaluate().issues: the whole Evaluation (answers, visible fields, follow-ups, badge)',
        }),
      );
      if (kind === 'invalid')
        results.push(
          figure(`${prefix}.ajv-first-error.median`, us(ajvFirst.median), 'µs', { note: 'Ajv stopping at the first error (its default)' }),
        );
      log(
        `${prefix}: validate ${us(verdict.median).toFixed(2)}/${us(verdict.p99).toFixed(2)} µs, evaluate ${us(whole.median).toFixed(2)}/${us(whole.p99).toFixed(2)} µs, ajv ${us(ajv.median).toFixed(2)}/${us(ajv.p99).toFixed(2)} µs (median/p99)`,
      );
    }
  }
  if (sink === -1) log('');
  return results;
}
