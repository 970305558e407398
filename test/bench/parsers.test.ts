// The benchmark reads other tools' output (GNU time, /proc, HTML, Chrome
// traces); these check it reads the right numbers out of them.
import { describe, expect, it } from 'vitest';
import { parseCpuSeconds, parseTimeVerbose, parseVmHWM } from '../../bench/audit.mjs';
import { analyseTrace } from '../../bench/browser.mjs';
import { pageAssets, sizes, staticImports } from '../../bench/bundles.mjs';

describe('peak memory of the audit process', () => {
  it('reads peak RSS and wall time from /usr/bin/time -v', () => {
    const text = [
      '\tCommand being timed: "node sdk/dist/cli.js audit x.ndjson"',
      '\tElapsed (wall clock) time (h:mm:ss or m:ss): 1:02.50',
      '\tMaximum resident set size (kbytes): 117828',
    ].join('\n');
    expect(parseTimeVerbose(text)).toEqual({ maxRssKiB: 117828, wallSeconds: 62.5 });
    expect(parseTimeVerbose('\tElapsed (wall clock) time (h:mm:ss or m:ss): 1:00:03\n').wallSeconds).toBe(3603);
    expect(parseTimeVerbose('nothing here')).toEqual({ maxRssKiB: undefined, wallSeconds: undefined });
  });

  it('reads CPU time as user plus system seconds from /usr/bin/time -v', () => {
    expect(parseCpuSeconds('\tUser time (seconds): 7.64\n\tSystem time (seconds): 0.49\n\tPercent of CPU this job got: 92%\n')).toBeCloseTo(
      8.13,
      6,
    );
    expect(parseCpuSeconds('\tUser time (seconds): 7.64\n')).toBeUndefined();
  });

  it('reads VmHWM, not VmRSS, from /proc/<pid>/status', () => {
    expect(parseVmHWM('Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n')).toBe(204800);
    expect(parseVmHWM('Name:\tnode\n')).toBeUndefined();
  });
});

describe('bundle sizes', () => {
  it('finds the scripts and stylesheets a page loads', () => {
    const html =
      '<script type="module" crossorigin src="/chunks/panel-1.js"></script><link rel="stylesheet" crossorigin href="/assets/panel.css"><link rel="icon" href="/i.png">';
    expect(pageAssets(html)).toEqual({ scripts: ['/chunks/panel-1.js'], styles: ['/assets/panel.css'] });
  });

  it('follows static imports and leaves dynamic ones (loaded later) out', () => {
    const code = 'import{a as b}from"./x.js";import"/chunks/y.js";export*from"./z.js";const q=import("./lazy.js")';
    expect(staticImports(code)).toEqual(['./x.js', '/chunks/y.js', './z.js']);
  });

  it('gzips smaller than raw for repetitive code', () => {
    const { raw, gzip } = sizes(Buffer.from('const a = 1;\n'.repeat(1000)));
    expect(raw).toBe(13_000);
    expect(gzip).toBeLessThan(raw / 10);
  });
});

describe('content-script time from a Chrome trace', () => {
  const script = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/content-scripts/portal.js';
  const at = (name: string, ts: number, dur: number, url?: string, tid = 1) => ({
    name,
    ph: 'X',
    pid: 7,
    tid,
    ts,
    dur,
    args: url ? { data: { url } } : {},
  });

  it('reports evaluation, all our main-thread time without double counting, and the longest task that ran our code', () => {
    const events = [
      at('RunTask', 0, 30_000),
      at('EvaluateScript', 1_000, 25_000, script),
      at('v8.compile', 1_000, 5_000, script),
      at('RunTask', 40_000, 80_000),
      at('FunctionCall', 50_000, 10_000, script),
      at('FunctionCall', 52_000, 2_000, script),
      at('RunTask', 200_000, 90_000),
      at('FunctionCall', 210_000, 5_000, 'http://127.0.0.1/portal.js'),
      at('FunctionCall', 0, 99_000, script, 2),
    ];
    const trace = analyseTrace(events)!;
    expect(trace.evaluateMs).toBe(25);
    expect(trace.compileMs).toBe(5);
    expect(trace.mainThreadMs).toBe(35);
    expect(trace.longestTaskMs).toBe(80);
    expect(trace.longestAnyTaskMs).toBe(90);
  });

  it('finds nothing when the content script never ran', () => {
    expect(analyseTrace([at('RunTask', 0, 10)])).toBeNull();
  });
});
