// Tools for the tests that try to break Chartguard: stop its service worker,
// kill the browser like a crash, count what a restored draft lost, read drafts
// back, scan a profile for plaintext. The iteration counts come from the
// environment so scripts/soak.mjs can run the same tests for much longer.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, CDPSession, Frame, Page } from 'playwright-core';
import { expect, vi } from 'vitest';
import type { PortalServer } from './harness';
import { panelCanHold, panelFrame } from './panel-helpers';

export const SESSION = 's-2003';
export const CANCELLED_LABEL = 'Appointment Cancelled by Therapist/VHG';
export const SNC_KEY = { portal: 'mpb-demo', record: SESSION, checklist: 'snc' } as const;

// ---------------------------------------------------------------- soak settings and report

function count(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** `npm test` runs the defaults; scripts/soak.mjs raises them through the environment. */
export const iterations = {
  serviceWorkerStops: count('CHARTGUARD_SOAK_SW_STOPS', 8),
  reloads: count('CHARTGUARD_SOAK_RELOADS', 3),
  reopens: count('CHARTGUARD_SOAK_REOPENS', 3),
  kills: count('CHARTGUARD_SOAK_KILLS', 1),
  messages: count('CHARTGUARD_SOAK_MESSAGES', 400),
};

/**
 * Milliseconds for a test doing `units` iterations of about `perUnit` ms each, on top of the e2e project's own
 * limit for any test (vitest.config.ts): a busy machine slows every test, not only the long soak runs.
 */
export function budget(units: number, perUnit: number, base = 120_000): number {
  return base + units * perUnit;
}

export interface ReportRow {
  scenario: string;
  /** Filled in by report(): the test that measured it, so the soak script can show its result. */
  test?: string;
  iterations: number;
  /** Characters typed (canary characters) across all iterations. */
  typed?: number;
  lost?: number;
  leaks?: number;
  messages?: number;
  acted?: number;
  note?: string;
  /** A measurement of one of issue 16's faults (test/e2e/fail-safe.test.ts), merged into that fault's row. */
  fault?: boolean;
}

/** Prints a row, and appends it to $CHARTGUARD_SOAK_REPORT (JSON lines) for the soak script's table. */
export function report(row: ReportRow) {
  row = { ...row, test: expect.getState().currentTestName ?? undefined };
  console.info(`[resilience] ${JSON.stringify(row)}`);
  const file = process.env.CHARTGUARD_SOAK_REPORT;
  if (file) fs.appendFileSync(file, `${JSON.stringify(row)}\n`);
}

// ---------------------------------------------------------------- canaries

/** A string no profile, page or log could contain by chance; letters and digits only, so every keyboard types it as is. */
export function canary(prefix = 'CANARY', length = 24): string {
  let random = '';
  while (random.length < Math.max(10, length - prefix.length - 1))
    random += crypto.randomBytes(16).toString('base64url').replace(/[-_]/g, '');
  return `${prefix}-${random.slice(0, Math.max(10, length - prefix.length - 1))}`;
}

/** Characters of `typed` missing from `restored`: its length minus the longest prefix of it found there. */
export function charactersLost(typed: string, restored: string | null | undefined): number {
  if (!restored) return typed.length;
  let low = 0;
  let high = typed.length;
  // A prefix found implies every shorter prefix is found: binary search.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (restored.includes(typed.slice(0, mid))) low = mid;
    else high = mid - 1;
  }
  return typed.length - low;
}

// ---------------------------------------------------------------- portal and panel

/** Marks the session as cancelled by the therapist on the portal's server, so the page suggests the SNC checklist itself. */
export async function markCancelled(portal: Pick<PortalServer, 'url'>, session = SESSION): Promise<void> {
  const res = await fetch(`${portal.url}/mpb/api/sessions/${session}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ attendance: CANCELLED_LABEL }),
  });
  if (!res.ok) throw new Error(`Marking ${session} cancelled answered ${res.status}`);
}

/**
 * Opens the record in a new tab and waits for the SNC panel to be ready. With `edit`, a record that already
 * holds a Chartguard entry is opened for editing ("Edit this record"), as a clinician adding to it would.
 */
export async function openRecord(
  context: BrowserContext,
  portal: Pick<PortalServer, 'url'>,
  session = SESSION,
  options: { edit?: boolean } = {},
): Promise<{ page: Page; frame: Frame }> {
  const page = await context.newPage();
  await page.goto(`${portal.url}/mpb/sessions/${session}`);
  const frame = await panelFrame(page, 20_000);
  if (options.edit) {
    const edit = frame.getByRole('button', { name: 'Edit this record' });
    await frame.waitForSelector('#cg-field-agreed, button:has-text("Edit this record")', { timeout: 20_000 });
    if (await edit.count()) await edit.click();
  }
  await frame.waitForSelector('#cg-field-agreed', { timeout: 20_000 });
  await panelCanHold(frame);
  return { page, frame };
}

/** After a navigation of `page`: the new panel, ready. */
export async function panelReady(page: Page): Promise<Frame> {
  const frame = await panelFrame(page, 20_000);
  await frame.waitForSelector('#cg-field-agreed', { timeout: 20_000 });
  return frame;
}

/** Replaces a panel text field's content by typing, key by key, into the focused field. */
export async function retype(page: Page, frame: Frame, selector: string, text: string, delay = 25): Promise<void> {
  await frame.focus(selector);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text, { delay });
}

/**
 * `promise`, or an error naming `what` once `ms` have passed: a browser that never answers fails the test with
 * that name instead of running out the test's whole budget and leaving the next tests a wedged browser.
 */
export function answeredWithin<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** The draft as the background stores it, read through the product's own message from the panel page. */
export async function storedDraft(
  frame: Frame,
  key: { portal: string; record: string; checklist: string } = SNC_KEY,
): Promise<Record<string, unknown> | undefined> {
  const reply = await answeredWithin(
    frame.evaluate(
      (draftKey) =>
        (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
          type: 'draft.load',
          key: draftKey,
        }),
      key,
    ),
    10_000,
    'The background, asked for the stored draft',
  );
  const value = (reply as { ok?: boolean; value?: { draft?: { answers?: Record<string, unknown> } } } | undefined)?.value;
  return value?.draft?.answers;
}

/**
 * Milliseconds until the stored draft holds every answer in `expected` (undefined if not within `limit`). This is
 * the draft store's own readiness: after it, what a reload, a reopened tab or a scan finds missing was lost, not
 * still on its way. The time it took is measured from the call, which the tests make right after the last key.
 */
export async function draftLatency(frame: Frame, expected: Record<string, unknown>, limit: number): Promise<number | undefined> {
  const started = performance.now();
  const holds = (answers: Record<string, unknown> | undefined) =>
    Object.entries(expected).every(([field, value]) => answers?.[field] === value);
  // Asked again every 10 ms (Vitest's own polling wait): the latency is reported, so the step stays fine.
  const held = await vi
    .waitUntil(async () => holds(await storedDraft(frame).catch(() => undefined)), { timeout: limit, interval: 10 })
    .catch(() => false);
  return held ? Math.round(performance.now() - started) : undefined;
}

// ---------------------------------------------------------------- breaking things

const cdpSessions = new WeakMap<Page, Promise<CDPSession>>();

/**
 * Stops every service worker of the profile, the extension's included, as Chromium does when one is idle
 * (CDP ServiceWorker.stopAllWorkers through a page session). Returns once the worker's target is gone.
 */
export async function stopServiceWorkers(page: Page, extensionId: string): Promise<void> {
  let session = cdpSessions.get(page);
  if (!session) {
    session = page
      .context()
      .newCDPSession(page)
      .then(async (cdp) => {
        await cdp.send('ServiceWorker.enable');
        return cdp;
      });
    cdpSessions.set(page, session);
  }
  const cdp = await session;
  const running = async () =>
    (await cdp.send('Target.getTargets')).targetInfos.some(
      (target) => target.type === 'service_worker' && target.url.startsWith(`chrome-extension://${extensionId}/`),
    );
  // A worker caught while it is starting up may ignore the stop: ask again until it is really gone.
  for (let attempt = 0; attempt < 10; attempt++) {
    await answeredWithin(cdp.send('ServiceWorker.stopAllWorkers'), 10_000, 'CDP ServiceWorker.stopAllWorkers');
    const stopped = await vi.waitUntil(async () => !(await running()), { timeout: 1_000, interval: 10 }).catch(() => false);
    if (stopped) return;
  }
  throw new Error('The extension service worker was still running after 10 ServiceWorker.stopAllWorkers');
}

/** Counts the extension's service worker starting again after a stop, as the browser reports it (CDP ServiceWorker domain). */
export async function watchWorkerStarts(page: Page, extensionId: string): Promise<{ starts(): number; stop(): Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  let starts = 0;
  const last = new Map<string, string>();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const version of versions) {
      if (!version.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) continue;
      const previous = last.get(version.versionId);
      if (version.runningStatus === 'running' && previous !== undefined && previous !== 'running') starts++;
      last.set(version.versionId, version.runningStatus);
    }
  });
  await cdp.send('ServiceWorker.enable');
  return { starts: () => starts, stop: () => cdp.detach().catch(() => undefined) };
}

/** Chromium processes started for this profile (the browser and its children). */
export function browserProcesses(userDataDir: string): { pid: number; main: boolean }[] {
  const listing = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const flag = `--user-data-dir=${userDataDir}`;
  return listing
    .split('\n')
    .filter((line) => line.includes(flag) && /chrom/i.test(line))
    .map((line) => {
      const [pid, ...args] = line.trim().split(/\s+/);
      return { pid: Number(pid), main: !args.some((arg) => arg.startsWith('--type=')) };
    })
    .filter((proc) => Number.isInteger(proc.pid) && proc.pid !== process.pid);
}

/** SIGKILLs the given processes at once, main browser process first. */
export function killProcesses(processes: { pid: number; main: boolean }[]): void {
  for (const proc of [...processes].sort((a, b) => Number(b.main) - Number(a.main))) {
    try {
      process.kill(proc.pid, 'SIGKILL');
    } catch {
      // Already gone with its parent.
    }
  }
}

/**
 * SIGKILLs the browser for this profile, like a crash or a power cut of the app: `known` (listed beforehand,
 * so the kill follows the last key without waiting for `ps`) first, then anything else still running.
 */
export async function killBrowser(userDataDir: string, known: { pid: number; main: boolean }[] = []): Promise<number> {
  killProcesses(known);
  const rest = browserProcesses(userDataDir);
  if (!known.some((proc) => proc.main) && !rest.some((proc) => proc.main))
    throw new Error(`No Chromium browser process found for ${userDataDir}`);
  killProcesses(rest);
  // The processes are not this process's children (Playwright's browser is, its renderers are not), so there
  // is no 'exit' to wait on for all of them: the process table is asked again with Vitest's polling wait.
  await vi
    .waitUntil(() => browserProcesses(userDataDir).length === 0, { timeout: 10_000, interval: 50 })
    .catch((cause) => {
      throw new Error(`Chromium processes for ${userDataDir} were still running 10 s after SIGKILL`, { cause });
    });
  return new Set([...known, ...rest].map((proc) => proc.pid)).size;
}

// ---------------------------------------------------------------- profile scan

export interface ScanHit {
  file: string;
  encoding: 'utf8' | 'utf16le';
  offset: number;
}

/** Every file under `dir`, read as bytes, searched for `needle` in UTF-8 and UTF-16LE. */
export function scanForText(dir: string, needle: string): { files: number; bytes: number; hits: ScanHit[] } {
  const patterns = [
    { encoding: 'utf8' as const, bytes: Buffer.from(needle, 'utf8') },
    { encoding: 'utf16le' as const, bytes: Buffer.from(needle, 'utf16le') },
  ];
  const hits: ScanHit[] = [];
  let files = 0;
  let bytes = 0;
  const walk = (current: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        let content: Buffer;
        try {
          content = fs.readFileSync(full);
        } catch {
          continue;
        }
        files++;
        bytes += content.length;
        for (const pattern of patterns) {
          const offset = content.indexOf(pattern.bytes);
          if (offset >= 0) hits.push({ file: path.relative(dir, full), encoding: pattern.encoding, offset });
        }
      }
    }
  };
  walk(dir);
  return { files, bytes, hits };
}
