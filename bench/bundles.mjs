// Part 4: bytes we ask a browser to load — the content script (on every portal
// page), the panel page, the background worker and the SDK's public entry — raw and gzip.
import { cpSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { ROOT } from './records.mjs';
import { figure } from './results.mjs';

export const EXTENSION_DIR = join(ROOT, '.output', 'chrome-mv3');
export const SNAPSHOT_DIR = join(ROOT, 'bench', 'out', 'chrome-mv3');
const KB = 1024;

/** Files a built extension cannot work without, read from its manifest; empty when the build is incomplete. */
function builtFiles(dir) {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const files = [
      'manifest.json',
      manifest.background?.service_worker,
      ...(manifest.content_scripts ?? []).flatMap((entry) => entry.js ?? []),
    ].filter(Boolean);
    if (existsSync(join(dir, 'panel.html'))) {
      const { scripts, styles } = pageAssets(readFileSync(join(dir, 'panel.html'), 'utf8'));
      files.push('panel.html', ...[...scripts, ...styles].map((url) => url.replace(/^\//, '')));
    }
    return files.every((file) => existsSync(join(dir, file))) ? files : [];
  } catch {
    return [];
  }
}

/**
 * Copies the built extension to bench/out/chrome-mv3 once it is complete and
 * unchanged for a moment, so a rebuild during the run (`wxt build` empties
 * .output first) cannot pull files from under the measurements.
 */
export async function snapshotExtension({ from = EXTENSION_DIR, to = SNAPSHOT_DIR, timeoutMs = 120_000, log = () => {} } = {}) {
  const deadline = Date.now() + timeoutMs;
  let warned = false;
  for (;;) {
    const files = builtFiles(from);
    if (files.length) {
      const stamp = () => files.map((file) => statSync(join(from, file)).mtimeMs).join();
      const before = stamp();
      await new Promise((resolve) => setTimeout(resolve, 500));
      try {
        if (stamp() === before) {
          rmSync(to, { recursive: true, force: true });
          cpSync(from, to, { recursive: true });
          if (stamp() === before && builtFiles(to).length) return to;
        }
      } catch {
        // Files vanished mid-copy: a build started; wait for it.
      }
    }
    if (Date.now() > deadline) throw new Error(`no complete extension build at ${from} within ${timeoutMs / 1000} s: run npm run build`);
    if (!warned) log(`waiting for a complete extension build in ${from} (a build may be running)`);
    warned = true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Raw and gzip (level 6, gzip's default) byte counts of a buffer. */
export function sizes(buffer) {
  return { raw: buffer.length, gzip: gzipSync(buffer, { level: 6 }).length };
}

/** Script and stylesheet URLs an HTML page loads, in document order. */
export function pageAssets(html) {
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["']/gi)].map((m) => m[1]);
  const styles = [...html.matchAll(/<link\b[^>]*\brel=["']stylesheet["'][^>]*>/gi)]
    .map((m) => /\bhref=["']([^"']+)["']/i.exec(m[0])?.[1])
    .filter(Boolean);
  return { scripts, styles };
}

/** Specifiers of a module's static imports (`import … from "x"`, `import "x"`, `export … from "x"`); dynamic ones load later and are not counted. */
export function staticImports(code) {
  const found = new Set();
  for (const m of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+)["']/g)) found.add(m[1]);
  return [...found];
}

/** The files a page's module scripts pull in, following relative and root-relative static imports. */
function moduleGraph(entries, baseDir) {
  const seen = new Set();
  const visit = (url, from) => {
    const path = url.startsWith('/') ? join(baseDir, url) : join(dirname(from), url);
    if (seen.has(path) || !existsSync(path)) return;
    seen.add(path);
    for (const spec of staticImports(readFileSync(path, 'utf8'))) if (spec.startsWith('.') || spec.startsWith('/')) visit(spec, path);
  };
  for (const url of entries) visit(url, join(baseDir, 'index.html'));
  return [...seen];
}

function total(files) {
  return files.reduce(
    (sum, file) => {
      const s = sizes(readFileSync(file));
      return { raw: sum.raw + s.raw, gzip: sum.gzip + s.gzip };
    },
    { raw: 0, gzip: 0 },
  );
}

async function sdkBundle(externalZod) {
  const result = await build({
    entryPoints: [join(ROOT, 'sdk', 'dist', 'index.js')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    ...(externalZod && { external: ['zod', 'zod/*'] }),
  });
  return sizes(Buffer.from(result.outputFiles[0].contents));
}

function pair(name, { raw, gzip }, budgetGzipKB, note) {
  return [
    figure(`${name}.raw`, raw / KB, 'KB', note ? { note } : {}),
    figure(`${name}.gzip`, gzip / KB, 'KB', budgetGzipKB ? { budget: { max: budgetGzipKB } } : {}),
  ];
}

export async function run({ extensionDir: dir = EXTENSION_DIR, log = () => {} } = {}) {
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`no built extension at ${dir}: run npm run build`);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const results = [];

  const contentFiles = [...new Set((manifest.content_scripts ?? []).flatMap((entry) => entry.js ?? []))].map((file) => join(dir, file));
  results.push(...pair('bundle.content-script', total(contentFiles), 40, contentFiles.map((f) => posix.relative(dir, f)).join(', ')));

  const html = readFileSync(join(dir, 'panel.html'), 'utf8');
  const { scripts, styles } = pageAssets(html);
  const panelJs = moduleGraph(scripts, dir);
  const panelCss = styles.map((url) => join(dir, url.replace(/^\//, '')));
  const js = total(panelJs);
  const css = total(panelCss);
  results.push(
    ...pair(
      'bundle.panel',
      { raw: js.raw + css.raw, gzip: js.gzip + css.gzip },
      undefined,
      `${panelJs.length} JS file(s) ${(js.gzip / KB).toFixed(1)} KB gzip + ${panelCss.length} CSS ${(css.gzip / KB).toFixed(1)} KB gzip`,
    ),
  );

  const worker = manifest.background?.service_worker;
  if (worker) results.push(...pair('bundle.background', total([join(dir, worker)])));

  results.push(
    ...pair('bundle.sdk.zod-external', await sdkBundle(true), undefined, 'esbuild --bundle --minify of sdk/dist/index.js, zod left out'),
  );
  results.push(
    ...pair('bundle.sdk.with-zod', await sdkBundle(false), undefined, 'esbuild --bundle --minify of sdk/dist/index.js, zod included'),
  );
  for (const r of results) if (r.unit === 'KB' && r.name.endsWith('.gzip')) log(`${r.name.replace(/\.gzip$/, '')}: ${r.value} KB gzip`);
  return results;
}
