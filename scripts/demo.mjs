// `npm run demo`: build the extension, serve the demo portal, and show
// Chartguard on it. With a display it opens Chromium for you to try; without
// one it walks through the short-notice cancellation headless and saves
// screenshots. Either way the portal keeps serving until Ctrl-C.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startDemoServer } from '../demo/server.mjs';
import { chromiumFlags } from './chromium-flags.mjs';
import { findChromium } from './find-chromium.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXTENSION = path.join(ROOT, '.output', 'chrome-mv3');
const SHOTS = path.join(ROOT, 'demo-screenshots');
const args = new Set(process.argv.slice(2));

function step(text) {
  console.log(`[demo] ${text}`);
}

async function serve() {
  const wanted = Number(process.env.PORT ?? 5710);
  try {
    return await startDemoServer({ port: wanted });
  } catch (error) {
    if (error?.code !== 'EADDRINUSE') throw error;
    step(`port ${wanted} is busy; using a free one`);
    return startDemoServer({ port: 0 });
  }
}

function localDateTime(minutesFromNow) {
  const date = new Date(Date.now() + minutesFromNow * 60_000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

async function panelFrame(page) {
  for (let i = 0; i < 200; i++) {
    const frame = page.frames().find((candidate) => candidate.url().includes('/panel.html'));
    if (frame) {
      await frame.waitForSelector('.cg-panel');
      return frame;
    }
    await page.waitForTimeout(50);
  }
  throw new Error('the Chartguard panel did not appear');
}

/** The short-notice cancellation, step by step, without saving anything to the portal. */
async function walkThrough(context, portalUrl) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const page = await context.newPage();
  await page.setViewportSize({ width: 1360, height: 900 });
  const shot = async (name, text, { store = false } = {}) => {
    const file = path.join(SHOTS, name);
    await page.screenshot({ path: file });
    step(`${text}: ${path.relative(ROOT, file)}`);
    if (!store) return;
    // The stores' screenshot size (Chrome Web Store: 1280×800), taken of the same state.
    fs.mkdirSync(path.join(SHOTS, 'store'), { recursive: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    const storeFile = path.join(SHOTS, 'store', name);
    await page.screenshot({ path: storeFile });
    await page.setViewportSize({ width: 1360, height: 900 });
    step(`  store size 1280×800: ${path.relative(ROOT, storeFile)}`);
  };
  await page.goto(`${portalUrl}/mpb/sessions/s-2003`);
  let frame = await panelFrame(page);
  await shot('1-session-with-panel.png', 'the panel docked beside a session');

  await page.selectOption('#attendance', { label: 'Appointment Cancelled by Therapist/VHG' });
  await frame.waitForSelector('#cg-field-informedAt');
  await page.click('#save-session');
  await frame.waitForSelector('.cg-held');
  await shot('2-save-held.png', 'Save held, with the rule ids that are not met', { store: true });

  await frame.fill('#cg-field-informedAt', localDateTime(-20));
  await frame.selectOption('#cg-field-contactMethod', 'phone');
  await frame.check('input[name="rebookOutcome"][value="rebooked"]');
  await frame.fill('#cg-field-rebookedAt', localDateTime(7 * 24 * 60).slice(0, 11) + '14:00');
  await frame.fill('#cg-field-agreed', 'Jordan agreed to the new time next week and will text if it does not suit.');
  await frame.check('input[name="riskConcern"][value="false"]');
  await frame.click('button.cg-primary');
  await page.waitForTimeout(400);
  await shot('3-applied.png', 'answers applied to the portal’s own fields, ready to save', { store: true });

  // The same panel on the other demo portals, driven by their adapters.
  await page.goto(`${portalUrl}/mpb/sessions/s-2006`);
  frame = await panelFrame(page);
  await frame.waitForSelector('.cg-progress');
  await shot('4-mpb-follow-up.png', 'a follow-up session (FUS) in the MPB portal');

  await page.goto(`${portalUrl}/roster/visits/v-5004`);
  frame = await panelFrame(page);
  await page.selectOption('[data-input="status"]', { label: 'Missed' });
  await frame.waitForSelector('.cg-progress');
  await shot('5-roster-missed-visit.png', 'a missed visit (MV) in the care-rostering portal', { store: true });

  await page.goto(`${portalUrl}/casenotes/consultations/cn-7005`);
  frame = await panelFrame(page);
  await frame.selectOption('.cg-lang select', 'zh-CN');
  await frame.waitForSelector('.cg-progress');
  await shot('6-casenotes-chinese.png', 'a chemsex consultation handover (CX) in the case-notes portal, in Chinese', { store: true });

  // Hollybrook EHR: the frame-based portal built from real widget libraries
  // (issue #14); the working screen is the RBody iframe of the shell.
  await page.goto(`${portalUrl}/legacy/main.php?page=${encodeURIComponent('/legacy/encounter.php?eid=302')}`);
  await page.frameLocator('#work-frame').locator('html[data-widgets-ready="1"]').waitFor({ state: 'attached' });
  await shot(
    '7-legacy-frames.png',
    'a session encounter in the frame-based Hollybrook EHR (TinyMCE, select2, Chosen, Tom Select, flatpickr)',
  );
  return page;
}

async function main() {
  if (!args.has('--no-build')) {
    step('building the SDK and the extension (npm run build)…');
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const server = await serve();
  const portalUrl = server.url;
  const executablePath = await findChromium();
  const headless = args.has('--headless') || !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chartguard-demo-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless,
    args: chromiumFlags({ extensionDir: EXTENSION, gpu: true }),
    viewport: headless ? { width: 1360, height: 900 } : null,
  });

  if (headless) {
    step('no display found: walking through a short-notice cancellation headless');
    await walkThrough(context, portalUrl);
  } else {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${portalUrl}/mpb/caseload`);
    step('Chromium is open with Chartguard loaded; open a session to see the panel');
  }
  console.log(`\nDemo portal: ${portalUrl}/mpb/caseload   (a session to try: ${portalUrl}/mpb/sessions/s-2003)`);
  console.log(`Frame-based portal with real widgets: ${portalUrl}/legacy/main.php`);
  console.log('Serving until Ctrl-C.');

  const stop = async () => {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (args.has('--exit')) await stop();
}

main().catch((error) => {
  console.error(`[demo] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
