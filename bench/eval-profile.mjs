// Where the always-on content script's evaluation goes (issue 18): loads a demo
// page with the built extension under a Chrome trace with V8's sampling CPU
// profiler, keeps the samples that fall inside our script's EvaluateScript, and
// sums them by function (self time) and by the position in the minified
// script, over many loads. The split bench says how long evaluation takes;
// this says what in it. Usage: node bench/eval-profile.mjs [path ...] [--runs N] [--extension dir]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDemoServer } from '../demo/server.mjs';
import { findChromium } from '../scripts/find-chromium.mjs';
import { EXTENSION_DIR } from './bundles.mjs';
import { LOAD_TRACE_CATEGORIES, launchChromium, traceLoad } from './launch.mjs';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 15;
const extAt = args.indexOf('--extension');
const extensionDir = extAt >= 0 ? path.resolve(args[extAt + 1]) : EXTENSION_DIR;
const pages = args.filter((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--runs' && args[i - 1] !== '--extension');
const SCRIPT = /^chrome-extension:\/\/[a-p]{32}\/content-scripts\//;
const scriptText = fs.readFileSync(path.join(extensionDir, 'content-scripts/portal.js'), 'utf8');

/** A load traced with V8's sampling profiler on top of the load benches' categories, so samples can be summed by function. */
const profiledLoad = (context, url) =>
  traceLoad(
    context,
    url,
    undefined,
    `${LOAD_TRACE_CATEGORIES},disabled-by-default-v8.cpu_profiler,disabled-by-default-v8.cpu_profiler.hires`,
  );

/** Self time (µs) inside our EvaluateScript, by function and by script position; plus the evaluation's length. */
function analyse(events, byFunction, byPosition) {
  const evaluation = events.find((e) => e.name === 'EvaluateScript' && e.ph === 'X' && SCRIPT.test(e.args?.data?.url ?? ''));
  if (!evaluation) return null;
  const from = evaluation.ts;
  const to = evaluation.ts + evaluation.dur;
  const profiles = new Map();
  for (const e of events) {
    if (e.name === 'Profile' && e.pid === evaluation.pid)
      profiles.set(e.id, { start: e.args.data.startTime, nodes: new Map(), samples: [], deltas: [] });
  }
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !profiles.has(e.id)) continue;
    const profile = profiles.get(e.id);
    const cpu = e.args.data.cpuProfile ?? {};
    for (const node of cpu.nodes ?? []) profile.nodes.set(node.id, node);
    profile.samples.push(...(cpu.samples ?? []));
    profile.deltas.push(...(e.args.data.timeDeltas ?? []));
  }
  let sampled = 0;
  for (const profile of profiles.values()) {
    let t = profile.start;
    const times = profile.deltas.map((d) => (t += d));
    for (let i = 0; i < profile.samples.length; i++) {
      if (times[i] < from || times[i] > to) continue;
      const next = i + 1 < times.length ? Math.min(times[i + 1], to) : to;
      const weight = Math.max(0, next - times[i]);
      sampled += weight;
      const node = profile.nodes.get(profile.samples[i]);
      const frame = node?.callFrame ?? {};
      const ours = SCRIPT.test(frame.url ?? '');
      // A native frame (a getter of the extension API, the parser) is named by its nearest caller in our script.
      let caller = node;
      while (caller && !SCRIPT.test(caller.callFrame?.url ?? '')) caller = profile.nodes.get(caller.parent);
      const at = caller ? `${caller.callFrame.functionName || '(anon)'}@${caller.callFrame.columnNumber}` : '-';
      const name = ours
        ? `${frame.functionName || '(anon)'}@${frame.columnNumber}`
        : `${frame.functionName || frame.url || '?'} [native, under ${at}]`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + weight);
      if (caller) byPosition.set(caller.callFrame.columnNumber, (byPosition.get(caller.callFrame.columnNumber) ?? 0) + weight);
    }
  }
  return { evaluateUs: evaluation.dur, sampledUs: sampled };
}

const executablePath = await findChromium({ install: false });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartguard-eval-profile-'));
const portal = await startDemoServer({ port: 0, host: '127.0.0.1', dataDir });
const browser = await launchChromium(executablePath, { extensionDir });
try {
  for (const address of pages.length ? pages : ['/', '/mpb/sessions/s-2003']) {
    const url = `${portal.url}${address}`;
    await profiledLoad(browser.context, url);
    const byFunction = new Map();
    const byPosition = new Map();
    const evaluations = [];
    let sampledTotal = 0;
    for (let i = 0; i < runs; i++) {
      const result = analyse(await profiledLoad(browser.context, url), byFunction, byPosition);
      if (result) {
        evaluations.push(result.evaluateUs);
        sampledTotal += result.sampledUs;
      }
    }
    evaluations.sort((a, b) => a - b);
    const n = evaluations.length;
    console.log(
      `\n${address}: EvaluateScript median ${(evaluations[n >> 1] / 1000).toFixed(2)} ms over ${n} loads; sampled ${(sampledTotal / n / 1000).toFixed(2)} ms/load`,
    );
    const rows = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25);
    for (const [name, us] of rows) console.log(`  ${(us / n / 1000).toFixed(3)} ms  ${name}`);
    console.log('  by position in portal.js (inclusive of natives under it):');
    for (const [column, us] of [...byPosition].sort((a, b) => b[1] - a[1]).slice(0, 12))
      console.log(`  ${(us / n / 1000).toFixed(3)} ms  @${column}: ${scriptText.slice(column, column + 90)}`);
  }
} finally {
  await browser.close();
  await portal.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
