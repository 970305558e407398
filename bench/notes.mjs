// Part 2: how many structured notes per second the SDK writes and reads back,
// per checklist (the panel renders one per keystroke; the audit parses one per record).
import { parseNote, renderNote } from '../sdk/dist/index.js';
import { benchRecords } from './records.mjs';
import { figure } from './results.mjs';

let sink = 0;

/** Calls per second of `fn`, timed over at least `minMs` after a warm-up. */
export function throughput(fn, { minMs = 500, warmupMs = 150 } = {}) {
  const spin = (ms) => {
    let calls = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      for (let i = 0; i < 100; i++) sink += fn();
      calls += 100;
      elapsed = performance.now() - start;
    } while (elapsed < ms);
    return { calls, elapsed };
  };
  spin(warmupMs);
  const { calls, elapsed } = spin(minMs);
  return (calls / elapsed) * 1000;
}

export async function run({ minMs = 500, log = () => {} } = {}) {
  const results = [];
  for (const { checklist, valid } of benchRecords()) {
    const text = renderNote(checklist, valid, { locale: 'en' });
    const parsed = parseNote(checklist, text);
    if (parsed.checklistId !== checklist.id || parsed.unread.length) {
      throw new Error(`${checklist.id}: the rendered note does not read back (${parsed.unread.length} unread lines)`);
    }
    const render = throughput(() => renderNote(checklist, valid, { locale: 'en' }).length, { minMs });
    const parse = throughput(() => parseNote(checklist, text).unread.length, { minMs });
    const detail = `${text.split('\n').length} lines, ${text.length} characters`;
    results.push(
      figure(`notes.${checklist.id}.render`, render, 'notes/s', { note: detail }),
      figure(`notes.${checklist.id}.parse`, parse, 'notes/s', { note: detail }),
    );
    log(`notes.${checklist.id}: render ${Math.round(render)}/s, parse ${Math.round(parse)}/s`);
  }
  if (sink === -1) log('');
  return results;
}
