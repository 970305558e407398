// Finds and drives the Chartguard panel from a test: the panel lives in an
// iframe inside a closed shadow root, so it is reached as a frame, not by CSS.
import type { Frame, Page } from 'playwright-core';

export async function panelFrame(page: Page, timeout = 10_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const frame = page.frames().find((candidate) => candidate.url().startsWith('chrome-extension://') && candidate.url().includes('/panel.html'));
    if (frame) {
      await frame.waitForSelector('.cg-panel', { timeout: Math.max(1, deadline - Date.now()) });
      return frame;
    }
    await page.waitForTimeout(50);
  }
  throw new Error(`The Chartguard panel did not appear on ${page.url()} (frames: ${page.frames().map((frame) => frame.url()).join(', ')})`);
}

export async function hasPanel(page: Page): Promise<boolean> {
  const host = await page.evaluate(() => document.querySelector('chartguard-panel') !== null);
  return host || page.frames().some((frame) => frame.url().includes('/panel.html'));
}

/** Local wall-clock `YYYY-MM-DDTHH:mm`, minutes from now. */
export function localDateTime(minutesFromNow: number): string {
  const date = new Date(Date.now() + minutesFromNow * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
