// Part 5: what the extension costs in a real Chromium on the demo portal: panel
// readiness, keystroke-to-error latency, page load and tasks with and without us, heap.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDemoServer } from '../demo/server.mjs';
import { findChromium } from '../scripts/find-chromium.mjs';
import { EXTENSION_DIR } from './bundles.mjs';
import { launchChromium, traceLoad } from './launch.mjs';
import { figure } from './results.mjs';
import { median, summarize } from './stats.mjs';

// Jordan Blake's unrecorded session (the one the e2e tests use), coded as a
// therapist cancellation before the run so the panel opens straight on the SNC form.
const SESSION = 's-2003';
const CANCELLED_LABEL = 'Appointment Cancelled by Therapist/VHG';
const TYPING_FIELD = '#cg-field-agreed';
const SETTLE_MS = 1000;

/**
 * Runs in every frame before its scripts. Portal pages: collect long tasks.
 * The panel: note when its chooser and first form input appear, and receive
 * React's commit notifications through the DevTools hook, which production
 * React calls on every commit (there is no Profiler in a production build).
 */
function initScript() {
  if (location.protocol === 'chrome-extension:') {
    if (!location.pathname.endsWith('/panel.html')) return;
    const state = (window.__cgBench = { origin: performance.timeOrigin, marks: {}, commits: [] });
    const want = { panelRendered: '.cg-panel', chooser: '.cg-choose select', formReady: '#cg-field-informedAt' };
    const observer = new MutationObserver(() => {
      for (const [name, selector] of Object.entries(want)) {
        const element = name in state.marks ? null : document.querySelector(selector);
        if (element && !element.disabled) state.marks[name] = performance.now();
      }
      if (Object.keys(state.marks).length === Object.keys(want).length) observer.disconnect();
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true });
    window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      supportsFiber: true,
      renderers: new Map(),
      inject: () => 1,
      checkDCE() {},
      onScheduleFiberRoot() {},
      onCommitFiberRoot() {
        state.commits.push(performance.now());
      },
      onCommitFiberUnmount() {},
      onPostCommitFiberRoot() {},
      setStrictMode() {},
    };
    return;
  }
  const state = (window.__cgBench = { origin: performance.timeOrigin, longTasks: [] });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) state.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    state.longTasks = null;
  }
}

const launch = (executablePath, extension, extensionDir = EXTENSION_DIR) =>
  launchChromium(executablePath, { extensionDir: extension ? extensionDir : undefined, initScript });

function panelFrameOf(page) {
  return page.frames().find((frame) => frame.url().startsWith('chrome-extension://') && frame.url().includes('/panel.html'));
}

async function waitFor(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function pageTimings(page) {
  await waitFor(() => page.evaluate(() => performance.getEntriesByType('navigation')[0]?.loadEventEnd > 0), 10_000, 'the load event');
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      origin: performance.timeOrigin,
      load: nav.loadEventEnd,
      domContentLoaded: nav.domContentLoadedEventEnd,
      longTasks: window.__cgBench?.longTasks ?? null,
    };
  });
}

/** One page load in the extension's browser: the portal's timings and when the panel became usable, from navigation start. */
async function loadWithPanel(context, url) {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    const frame = await waitFor(() => panelFrameOf(page), 10_000, 'the panel frame');
    const panel = await waitFor(
      () => frame.evaluate(() => (window.__cgBench?.marks.formReady !== undefined ? window.__cgBench : null)).catch(() => null),
      10_000,
      'the panel form',
    );
    await page.waitForTimeout(SETTLE_MS);
    const timings = await pageTimings(page);
    const since = (mark) => panel.origin + mark - timings.origin;
    return {
      ...timings,
      panelFrameStart: panel.origin - timings.origin,
      panelRendered: since(panel.marks.panelRendered),
      formReady: since(panel.marks.formReady),
    };
  } finally {
    await page.close();
  }
}

async function loadPlain(context, url) {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(SETTLE_MS);
    return await pageTimings(page);
  } finally {
    await page.close();
  }
}

const longest = (run) => (run.longTasks ? Math.max(0, ...run.longTasks.map((task) => task.duration)) : Number.NaN);

/** JS heap in use after a forced GC, read through the DevTools protocol for a page or an out-of-process frame. */
async function heapUsed(context, target) {
  const session = await context.newCDPSession(target);
  try {
    await session.send('HeapProfiler.collectGarbage');
    await session.send('Performance.enable');
    const { metrics } = await session.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
  } finally {
    await session.detach().catch(() => {});
  }
}

/**
 * Loads the page under a trace and reads, on the portal's renderer main thread,
 * the content script's own evaluation (EvaluateScript: compile + top-level run),
 * all main-thread time spent in its code, and the longest task that ran any of it.
 */
async function tracedLoad(context, url) {
  return analyseTrace(
    await traceLoad(context, url, async (page) => {
      await waitFor(() => panelFrameOf(page), 10_000, 'the panel frame');
      await page.waitForTimeout(SETTLE_MS);
    }),
  );
}

const urlOf = (event) => event.args?.data?.url ?? event.args?.fileName ?? event.args?.data?.stackTrace?.[0]?.url ?? '';

/** Main-thread figures of our content script from Chrome trace events (durations in µs, returned in ms). */
export function analyseTrace(events, scriptPattern = /^chrome-extension:\/\/[a-p]{32}\/content-scripts\//) {
  const ours = events.filter((e) => e.ph === 'X' && typeof e.dur === 'number' && scriptPattern.test(urlOf(e)));
  const evaluation = ours.find((e) => e.name === 'EvaluateScript');
  if (!evaluation) return null;
  const { pid, tid } = evaluation;
  const onThread = ours.filter(
    (e) =>
      e.pid === pid &&
      e.tid === tid &&
      ['EvaluateScript', 'FunctionCall', 'v8.run', 'EventDispatch', 'TimerFire', 'FireAnimationFrame'].includes(e.name),
  );
  // Union of intervals, so nested events are not counted twice.
  const spans = onThread.map((e) => [e.ts, e.ts + e.dur]).sort((a, b) => a[0] - b[0]);
  let busy = 0;
  let end = -Infinity;
  for (const [from, to] of spans) {
    if (to <= end) continue;
    busy += to - Math.max(from, end);
    end = to;
  }
  const tasks = events.filter(
    (e) => e.ph === 'X' && e.pid === pid && e.tid === tid && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'),
  );
  const ourTasks = tasks.filter((task) => spans.some(([from, to]) => from >= task.ts && to <= task.ts + task.dur));
  const compile = ours.find((e) => e.name === 'v8.compile' && e.pid === pid);
  return {
    evaluateMs: evaluation.dur / 1000,
    compileMs: compile ? compile.dur / 1000 : Number.NaN,
    mainThreadMs: busy / 1000,
    longestTaskMs: ourTasks.length ? Math.max(...ourTasks.map((task) => task.dur)) / 1000 : evaluation.dur / 1000,
    longestAnyTaskMs: tasks.length ? Math.max(...tasks.map((task) => task.dur)) / 1000 : Number.NaN,
  };
}

/** Instruments the panel frame for one keystroke at a time; see measureKeystrokes. */
function armKeystrokeProbe() {
  const bench = window.__cgBench;
  if (!window.__cgKeys) {
    const keys = (window.__cgKeys = { current: null, done: null });
    addEventListener(
      'keydown',
      (event) => {
        keys.current = { key: event.key, eventTs: event.timeStamp, keydownAt: performance.now(), commitsBefore: bench.commits.length };
      },
      true,
    );
    addEventListener(
      'input',
      () => {
        if (keys.current && keys.current.inputAt === undefined) keys.current.inputAt = performance.now();
      },
      true,
    );
    const inIssues = (node) => (node.nodeType === 1 ? node : node.parentElement)?.closest('.cg-issues');
    new MutationObserver((records) => {
      const current = keys.current;
      if (!current || current.domAt !== undefined || !records.some((record) => inIssues(record.target))) return;
      current.domAt = performance.now();
      // The frame that shows the change: a task posted from its rAF callback runs after that frame's paint.
      requestAnimationFrame(() => {
        current.rafAt = performance.now();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          current.paintedAt = performance.now();
          current.commits = bench.commits.slice(current.commitsBefore);
          keys.done?.(current);
        };
        channel.port2.postMessage(0);
      });
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  }
  window.__cgKeys.current = null;
  window.__cgKeys.done = null;
}

function awaitKeystroke() {
  return new Promise((resolve) => {
    const keys = window.__cgKeys;
    if (keys.current?.paintedAt !== undefined) return resolve(keys.current);
    keys.done = resolve;
    setTimeout(() => resolve(keys.current), 2000);
  });
}

/**
 * Types into a required text field, alternating a letter and Backspace so the
 * issue list changes on every key (the SNC-06 "what was agreed" issue goes and
 * comes back). Times inside the panel frame: the key event's timestamp, the
 * input event reaching the frame, React's commit (DevTools hook), the issue
 * list changing in the DOM (MutationObserver), and the next painted frame.
 */
async function measureKeystrokes(context, url, count, gapMs) {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    const frame = await waitFor(() => panelFrameOf(page), 10_000, 'the panel frame');
    await waitFor(() => frame.evaluate(() => window.__cgBench?.marks.formReady !== undefined).catch(() => false), 10_000, 'the panel form');
    const field = (await frame.$(TYPING_FIELD)) ? TYPING_FIELD : '.cg-checklist textarea';
    await frame.fill(field, '');
    await page.waitForTimeout(300);
    const samples = [];
    let missed = 0;
    for (let i = 0; i < count; i++) {
      await frame.evaluate(armKeystrokeProbe);
      await frame.press(field, i % 2 === 0 ? 'x' : 'Backspace');
      const result = await frame.evaluate(awaitKeystroke);
      if (result?.paintedAt === undefined || result.inputAt === undefined) missed++;
      else samples.push(result);
      await page.waitForTimeout(gapMs);
    }
    return { samples, missed };
  } finally {
    await page.close();
  }
}

async function preparePortal(portal) {
  const res = await fetch(`${portal.url}/mpb/api/sessions/${SESSION}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ attendance: CANCELLED_LABEL, clinicalNote: '', nextSession: '' }),
  });
  if (!res.ok) throw new Error(`could not code ${SESSION} as a therapist cancellation in the demo portal (HTTP ${res.status})`);
}

export async function run({
  extensionDir = EXTENSION_DIR,
  runs = 15,
  traceRuns = 5,
  keystrokes = 100,
  keyGapMs = 60,
  log = () => {},
} = {}) {
  if (!fs.existsSync(path.join(extensionDir, 'manifest.json'))) throw new Error(`no built extension at ${extensionDir}: run npm run build`);
  const executablePath = await findChromium({ install: false });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartguard-bench-portal-'));
  const portal = await startDemoServer({ port: 0, host: '127.0.0.1', dataDir });
  const url = `${portal.url}/mpb/sessions/${SESSION}`;
  let withExt;
  let without;
  const results = [];
  try {
    await preparePortal(portal);
    withExt = await launch(executablePath, true, extensionDir);
    without = await launch(executablePath, false);
    log(`Chromium ${withExt.version} (${executablePath}), ${url}`);

    // One unmeasured load each: first compile, cold HTTP cache, extension start-up.
    await loadWithPanel(withExt.context, url);
    await loadPlain(without.context, url);
    const ext = [];
    const plain = [];
    for (let i = 0; i < runs; i++) {
      // Alternate which browser goes first, so drift and warm caches favour neither.
      if (i % 2 === 0) {
        ext.push(await loadWithPanel(withExt.context, url));
        plain.push(await loadPlain(without.context, url));
      } else {
        plain.push(await loadPlain(without.context, url));
        ext.push(await loadWithPanel(withExt.context, url));
      }
    }
    const loadExt = median(ext.map((r) => r.load));
    const loadPlainMs = median(plain.map((r) => r.load));
    const longExt = ext.map(longest);
    const longPlain = plain.map(longest);
    const panelRendered = ext.map((r) => r.panelRendered);
    const formReady = ext.map((r) => r.formReady);
    log(
      `page load: ${loadExt.toFixed(1)} ms with, ${loadPlainMs.toFixed(1)} ms without (median of ${runs}); panel form ready at ${median(formReady).toFixed(0)} ms`,
    );
    results.push(
      figure('browser.panel.rendered', median(panelRendered), 'ms', {
        note: `navigation start → the panel (.cg-panel) in the DOM; median of ${runs}, max ${Math.max(...panelRendered).toFixed(0)} ms`,
      }),
      figure('browser.panel.form-ready', median(formReady), 'ms', {
        budget: { max: 300 },
        note: `navigation start → first SNC input (#cg-field-informedAt) in the DOM and enabled; median of ${runs}, max ${Math.max(...formReady).toFixed(0)} ms`,
      }),
      figure('browser.panel.form-ready-after-load', median(ext.map((r) => r.formReady - r.load)), 'ms', {
        note: "the portal's loadEventEnd → the panel form ready (negative: ready before the load event)",
      }),
      figure('browser.panel.frame-start', median(ext.map((r) => r.panelFrameStart)), 'ms', {
        note: 'navigation start → the panel iframe begins navigating (the content script docked it)',
      }),
      figure('browser.page.load', loadExt, 'ms', {
        peer: 'without extension',
        peerValue: loadPlainMs,
        budget: { maxRatio: 1.05 },
        note: `loadEventEnd, median of ${runs} alternating loads each`,
      }),
      figure('browser.page.dom-content-loaded', median(ext.map((r) => r.domContentLoaded)), 'ms', {
        peer: 'without extension',
        peerValue: median(plain.map((r) => r.domContentLoaded)),
      }),
      figure('browser.page.longest-task', median(longExt), 'ms', {
        peer: 'without extension',
        peerValue: median(longPlain),
        note: `longest 'longtask' entry (≥ 50 ms, 0 = none) per load, median; worst load: ${Math.max(...longExt).toFixed(0)} ms with, ${Math.max(...longPlain).toFixed(0)} ms without`,
      }),
      figure('browser.page.longest-task.worst', Math.max(...longExt), 'ms', {
        peer: 'without extension',
        peerValue: Math.max(...longPlain),
      }),
    );

    const traces = [];
    for (let i = 0; i < traceRuns; i++) {
      const trace = await tracedLoad(withExt.context, url);
      if (trace) traces.push(trace);
    }
    if (traces.length) {
      const pick = (key) => traces.map((t) => t[key]);
      results.push(
        figure('browser.content-script.evaluate', median(pick('evaluateMs')), 'ms', {
          budget: { max: 20 },
          note: `trace EvaluateScript of content-scripts/portal.js (compile ${median(pick('compileMs')).toFixed(1)} ms + top-level run), median of ${traces.length} traced loads, max ${Math.max(...pick('evaluateMs')).toFixed(1)} ms`,
        }),
        figure('browser.content-script.main-thread', median(pick('mainThreadMs')), 'ms', {
          note: 'all portal main-thread time in content-script code during load + 1 s (evaluation, callbacks, observers)',
        }),
        figure('browser.content-script.longest-task', Math.max(...pick('longestTaskMs')), 'ms', {
          budget: { max: 50 },
          note: `longest main-thread task that ran content-script code, worst of ${traces.length} traced loads (median ${median(pick('longestTaskMs')).toFixed(1)} ms)`,
        }),
      );
    } else log('warning: no content-script evaluation found in the traces');

    const { samples, missed } = await measureKeystrokes(withExt.context, url, keystrokes, keyGapMs);
    if (samples.length) {
      const toErrors = summarize(samples.map((s) => s.domAt - s.eventTs));
      const toPaint = summarize(samples.map((s) => s.paintedAt - s.eventTs));
      const withCommit = samples.filter((s) => s.commits.length);
      const commit = summarize(withCommit.map((s) => s.commits[0] - s.inputAt));
      const handler = summarize(samples.map((s) => s.domAt - s.inputAt));
      const perKey = samples.reduce((sum, s) => sum + s.commits.length, 0) / samples.length;
      const n = `${samples.length} keystrokes${missed ? `, ${missed} without an issue-list change` : ''}`;
      results.push(
        figure('browser.keystroke.react-commit.median', commit.median, 'ms', {
          budget: { max: 1 },
          note: `input event → React's first commit done (DevTools hook), ${withCommit.length} of ${n}; performance.now() is coarsened to 0.1 ms in the panel`,
        }),
        figure('browser.keystroke.react-commit.p95', commit.p95, 'ms', { budget: { max: 3 } }),
        figure('browser.keystroke.react-commit.max', commit.max, 'ms', { budget: { max: 16 } }),
        figure('browser.keystroke.commits-per-key', perKey, 'commits', {
          note: 'the commit the key needs (its field, its issues, the issue list) and, after it, the deferred one for the note preview and the draft',
        }),
        figure('browser.keystroke.input-to-errors.median', handler.median, 'ms', { note: 'input event → issue list changed in the DOM' }),
        figure('browser.keystroke.to-errors.median', toErrors.median, 'ms', {
          note: `keystroke → issue list updated: key event timestamp → issue list changed in the DOM (MutationObserver), ${n}`,
        }),
        figure('browser.keystroke.to-errors.p95', toErrors.p95, 'ms'),
        figure('browser.keystroke.to-errors.max', toErrors.max, 'ms', { budget: { max: 8 } }),
        figure('browser.keystroke.to-next-paint.median', toPaint.median, 'ms', {
          note: 'key event → task after the next rendered frame (rAF + MessageChannel): an upper bound that includes waiting for the frame',
        }),
        figure('browser.keystroke.to-next-paint.p95', toPaint.p95, 'ms'),
      );
      log(
        `keystroke → errors: median ${toErrors.median.toFixed(2)} ms, p95 ${toErrors.p95.toFixed(2)} ms, max ${toErrors.max.toFixed(2)} ms; React commit median ${commit.median.toFixed(2)} ms`,
      );
    } else log(`warning: no keystroke produced an issue-list change (${missed} tried)`);

    // Heap after a forced GC, on a settled page: the page's isolate holds our isolated world too.
    const heapPage = await withExt.context.newPage();
    await heapPage.goto(url, { waitUntil: 'load' });
    const frame = await waitFor(() => panelFrameOf(heapPage), 10_000, 'the panel frame');
    await waitFor(() => frame.evaluate(() => window.__cgBench?.marks.formReady !== undefined).catch(() => false), 10_000, 'the panel form');
    await heapPage.waitForTimeout(SETTLE_MS);
    const plainPage = await without.context.newPage();
    await plainPage.goto(url, { waitUntil: 'load' });
    await plainPage.waitForTimeout(SETTLE_MS);
    const pageHeap = await heapUsed(withExt.context, heapPage);
    const plainHeap = await heapUsed(without.context, plainPage);
    const panelHeap = await heapUsed(withExt.context, frame);
    await heapPage.close();
    await plainPage.close();
    results.push(
      figure('browser.memory.page-heap', pageHeap / 2 ** 20, 'MiB', {
        peer: 'without extension',
        peerValue: plainHeap / 2 ** 20,
        note: `JSHeapUsedSize of the portal page after GC; ours ≈ ${((pageHeap - plainHeap) / 1024).toFixed(0)} KiB`,
      }),
      figure('browser.memory.panel-heap', panelHeap / 2 ** 20, 'MiB', {
        note: 'JSHeapUsedSize of the panel frame (its own extension process) after GC',
      }),
    );
    results.version = withExt.version;
  } finally {
    await withExt?.close().catch(() => {});
    await without?.close().catch(() => {});
    await portal.close().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}

/**
 * Keystroke figures only, for A/B comparisons of two builds in one session
 * (`node bench/keystroke-ab.mjs`): one browser with the given build, the SNC
 * form, `keystrokes` keys; returns the raw per-key figures, and the thread CPU
 * time of each `input` event's dispatch in the panel (a Chrome trace's
 * EventDispatch `tdur`), which holds the key's commit and, unlike wall time,
 * is not stretched by waiting for a core on a loaded machine.
 */
export async function measureKeystrokesOf({ extensionDir, keystrokes = 150, keyGapMs = 60 }) {
  const executablePath = await findChromium({ install: false });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartguard-bench-portal-'));
  const portal = await startDemoServer({ port: 0, host: '127.0.0.1', dataDir });
  const url = `${portal.url}/mpb/sessions/${SESSION}`;
  let withExt;
  try {
    await preparePortal(portal);
    withExt = await launch(executablePath, true, extensionDir);
    await loadWithPanel(withExt.context, url);
    // Tracing is browser-wide: a blank page carries the session, the panel frame's events come with it.
    const tracer = await withExt.context.newPage();
    const session = await withExt.context.newCDPSession(tracer);
    const events = [];
    session.on('Tracing.dataCollected', (message) => events.push(...message.value));
    const traced = new Promise((resolve) => session.once('Tracing.tracingComplete', resolve));
    await session.send('Tracing.start', { categories: 'devtools.timeline', transferMode: 'ReportEvents' });
    const { samples, missed } = await measureKeystrokes(withExt.context, url, keystrokes, keyGapMs);
    await session.send('Tracing.end');
    await traced;
    await tracer.close();
    return {
      missed,
      commit: samples.filter((s) => s.commits.length).map((s) => s.commits[0] - s.inputAt),
      toErrors: samples.map((s) => s.domAt - s.eventTs),
      inputCpu: events
        .filter((e) => e.name === 'EventDispatch' && e.ph === 'X' && e.args?.data?.type === 'input' && e.tdur !== undefined)
        .map((e) => e.tdur / 1000),
    };
  } finally {
    await withExt?.close().catch(() => {});
    await portal.close().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
