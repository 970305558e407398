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
    const axe = (
      window as unknown as {
        axe: {
          run(context: Document, options: object): Promise<{ violations: { id: string; impact?: string; nodes: { html: string }[] }[] }>;
        };
      }
    ).axe;
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

/**
 * A keyboard-only user (issue 20: both tools work by keyboard alone): every
 * move is a key press, counted; a control is reached by Tab or Shift+Tab,
 * never clicked or focused by script, and each stop it lands on must show a
 * visible focus ring.
 */
export function keyboardActions(keyboard: Page['keyboard'], counts: SetupCounts) {
  const press = async (key: string) => {
    counts.keys++;
    await keyboard.press(key);
  };
  const focused = (target: Locator) =>
    target.evaluate((element) => element === element.ownerDocument.activeElement && element.ownerDocument.hasFocus());
  return {
    press,
    focused,
    /** Tabs (forwards, or backwards when the target is above the focus) until `target` has the focus; fails if it is not reached. */
    async tabTo(target: Locator, { limit = 80, ring = true }: { limit?: number; ring?: boolean } = {}) {
      await target.waitFor();
      const backwards = await target.evaluate((element) => {
        const active = element.ownerDocument.activeElement;
        if (!active || active === element.ownerDocument.body) return false;
        return Boolean(active.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_PRECEDING);
      });
      for (let step = 0; step < limit; step++) {
        if (await focused(target)) break;
        await press(backwards ? 'Shift+Tab' : 'Tab');
      }
      expect(await focused(target), `reached by ${backwards ? 'Shift+Tab' : 'Tab'}`).toBe(true);
      if (!ring) return;
      const visible = await target.evaluate((element) => {
        const style = getComputedStyle(element);
        return element.matches(':focus-visible') && style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2;
      });
      expect(visible, 'a visible focus ring').toBe(true);
    },
    /** Types text into the focused control, one key a character. */
    async type(text: string) {
      counts.keys += text.length;
      await keyboard.type(text);
    },
    /** Chooses an option of the focused native select with the arrow keys (as a closed select takes them). */
    async choose(select: Locator, value: string) {
      expect(await focused(select)).toBe(true);
      const { from, to } = await select.evaluate((element, wanted) => {
        const options = [...(element as HTMLSelectElement).options].filter((option) => !option.disabled);
        return { from: options.findIndex((option) => option.selected), to: options.findIndex((option) => option.value === wanted) };
      }, value);
      expect(to, `option ${value}`).toBeGreaterThanOrEqual(0);
      for (let step = 0; step < Math.abs(to - from); step++) await press(to > from ? 'ArrowDown' : 'ArrowUp');
      expect(await select.inputValue()).toBe(value);
    },
  };
}
