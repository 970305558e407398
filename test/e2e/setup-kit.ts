// What the end-to-end tests of the point-and-click setup share (issue 20):
// opening the portal builder from the toolbar popup as a user would, and
// axe's serious and critical findings on a builder or editor page, so each
// test counts the same clicks and holds the same accessibility bar.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ExtensionBrowser } from './harness';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Clicks and typed characters a setup took, for the report. */
export interface SetupCounts {
  clicks: number;
  keys: number;
}

/** axe-core's serious and critical findings (injected through the debugger, which an extension page's CSP does not govern). */
export async function seriousViolations(target: Page | Frame): Promise<string[]> {
  if (!(await target.evaluate(() => 'axe' in window))) await target.evaluate(AXE_SOURCE);
  return target.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact?: string; nodes: { html: string }[] }[] }> } }).axe;
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.html.slice(0, 160)}`));
  });
}

/** The toolbar popup's "Set up a portal", on the portal's tab (the popup acts on the active tab): the builder frame, once it shows. */
export async function openBuilder(browser: ExtensionBrowser, page: Page, counts: SetupCounts): Promise<Frame> {
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await popup.getByRole('button', { name: 'Set up a portal' }).waitFor();
  await page.bringToFront();
  counts.clicks += 2; // the toolbar button, then the popup's
  await popup.getByRole('button', { name: 'Set up a portal' }).click();
  await popup.waitForEvent('close', { timeout: 5_000 }).catch(() => popup.close());
  await expect.poll(() => page.frames().some((frame) => frame.url().includes('/portal-builder.html')), { timeout: 10_000 }).toBe(true);
  const frame = page.frames().find((candidate) => candidate.url().includes('/portal-builder.html'))!;
  await frame.getByRole('heading', { name: 'Set up this portal' }).waitFor();
  return frame;
}

/** A user's actions, each counted as the clicks and keys it takes. */
export function countedActions(counts: SetupCounts) {
  return {
    async click(target: Locator) {
      counts.clicks++;
      await target.click();
    },
    /** A native select: open it, pick the option. */
    async choose(target: Locator, value: string | { label: string }) {
      counts.clicks += 2;
      await target.selectOption(value);
    },
    async type(target: Locator, text: string) {
      counts.clicks++;
      counts.keys += text.length;
      await target.fill(text);
    },
  };
}
