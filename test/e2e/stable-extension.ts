// A private copy of the built extension for tests that run long or relaunch
// the browser: other builds rewrite .output/chrome-mv3 in place, and a browser
// that loads panel.html or a chunk mid-rebuild gets an error page instead.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXTENSION_PATH } from './harness';

interface Manifest {
  background?: { service_worker?: string };
  content_scripts?: { js?: string[] }[];
  web_accessible_resources?: { resources?: string[] }[];
}

/** Every file the manifest and panel.html name, so a half-written build is never copied. */
function referencedFiles(dir: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const files = [
    manifest.background?.service_worker,
    ...(manifest.content_scripts ?? []).flatMap((script) => script.js ?? []),
    ...(manifest.web_accessible_resources ?? []).flatMap((entry) => entry.resources ?? []),
  ].filter((file): file is string => Boolean(file));
  const panel = path.join(dir, 'panel.html');
  if (fs.existsSync(panel)) {
    for (const match of fs.readFileSync(panel, 'utf8').matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)) files.push(match[1]!);
  }
  return files;
}

function complete(dir: string): boolean {
  try {
    return referencedFiles(dir).every((file) => fs.existsSync(path.join(dir, file)));
  } catch {
    return false;
  }
}

function stamp(dir: string): string {
  try {
    return String(fs.statSync(path.join(dir, 'manifest.json')).mtimeMs);
  } catch {
    return 'missing';
  }
}

export interface ExtensionSnapshot {
  path: string;
  remove(): void;
}

/**
 * Watches the folder the build is written into (`.output`, or the first existing folder above it) until
 * `deadline`, so the caller can wait for the build's next write instead of looking again on a timer. Opened
 * before the caller looks at the build, so a write between the look and the wait is not missed; `change`
 * settles at that write, or when the watch ends at the deadline.
 */
function watchBuild(dir: string, deadline: number): { change: Promise<void>; close(): void } {
  let target = path.dirname(dir);
  while (!fs.existsSync(target) && path.dirname(target) !== target) target = path.dirname(target);
  let changed!: () => void;
  const change = new Promise<void>((resolve) => {
    changed = resolve;
  });
  // Recursive only on the build's own folder: a folder above it would watch the whole checkout.
  const recursive = target === path.dirname(dir);
  const watcher = fs
    .watch(target, { recursive, signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) }, () => changed())
    .on('close', () => changed())
    .on('error', () => changed());
  return { change, close: () => watcher.close() };
}

/** Copies a complete build (waiting for one being written to finish) into a temp dir. */
export async function snapshotExtension(source = EXTENSION_PATH, timeoutMs = 120_000): Promise<ExtensionSnapshot> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const build = watchBuild(source, deadline);
    try {
      const before = stamp(source);
      if (before !== 'missing' && complete(source)) {
        const target = fs.mkdtempSync(path.join(os.tmpdir(), 'chartguard-extension-'));
        fs.cpSync(source, target, { recursive: true });
        // A build that started while copying leaves a mix of two builds: try again.
        if (stamp(source) === before && complete(target)) {
          return { path: target, remove: () => fs.rmSync(target, { recursive: true, force: true }) };
        }
        fs.rmSync(target, { recursive: true, force: true });
      }
      // A build is being written: look again at its next write (or give up at the deadline).
      await build.change;
    } finally {
      build.close();
    }
  }
  throw new Error(`No complete extension build appeared at ${source} within ${timeoutMs / 1000} s: run npx wxt build.`);
}
