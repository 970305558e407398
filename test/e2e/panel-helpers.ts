// Finds and drives the Chartguard panel from a test: the panel lives in an
// iframe inside a closed shadow root, so it is reached as a frame, not by CSS.
import type { Frame, Page } from 'playwright-core';
import { expect, vi } from 'vitest';
import { TAB_STATUS_KEY } from '../../entrypoints/portal.content/tab-status';

export async function panelFrame(page: Page, timeout = 20_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  const isPanel = (candidate: Frame) => candidate.url().startsWith('chrome-extension://') && candidate.url().includes('/panel.html');
  for (;;) {
    // Listen before looking, so a panel that navigates in between is not missed.
    const navigated = page.waitForEvent('framenavigated', { predicate: isPanel, timeout: Math.max(1, deadline - Date.now()) });
    const frame = page.frames().find(isPanel);
    if (frame) {
      navigated.catch(() => undefined);
      try {
        await frame.waitForSelector('.cg-panel', { timeout: Math.max(1, deadline - Date.now()) });
        return frame;
      } catch (error) {
        // A panel replaced while it loaded (the content script remounts it when the active configuration changes)
        // detaches its frame; look again for the one that took its place.
        if (!frame.isDetached() || Date.now() >= deadline) throw error;
        continue;
      }
    }
    try {
      await navigated;
    } catch {
      throw new Error(
        `The Chartguard panel did not appear on ${page.url()} (frames: ${page
          .frames()
          .map((f) => f.url())
          .join(', ')})`,
      );
    }
  }
}

// ---------------------------------------------------------------- readiness

/** What the panel has rendered (entrypoints/panel/readiness.ts): snapshots, holds, Apply results. */
export type RenderedKind = 'page' | 'held' | 'applied';

/** How many times the panel has rendered `kind` since it loaded. */
export function renderedCount(frame: Frame, kind: RenderedKind): Promise<number> {
  return frame.evaluate((attribute) => Number(document.documentElement.getAttribute(attribute) ?? '0'), `data-cg-${kind}`);
}

/**
 * Runs `action` and waits until the panel has rendered `kind` once more than before it. For a held Save this is
 * the readiness to assert that nothing was saved: the guard stops the click in the same dispatch, so once the
 * hold is shown the portal's own handler has not run and no request of it can be in flight.
 */
export async function afterRender<T>(frame: Frame, kind: RenderedKind, action: () => Promise<T>, timeout = 10_000): Promise<T> {
  const before = await renderedCount(frame, kind);
  const result = await action();
  await frame.waitForFunction(
    ([attribute, count]) => Number(document.documentElement.getAttribute(attribute) ?? '0') > count,
    [`data-cg-${kind}`, before] as const,
    { timeout },
  );
  return result;
}

/**
 * Waits until the panel has told the content script it is up: it sets `data-cg-ready` as it sends that word
 * (entrypoints/panel/main.tsx). A panel that shows the record has not always said so yet, and until it has, a Save
 * the record does not allow is let through with the in-page notice rather than held; so a test that presses Save
 * to see it held waits for this first.
 */
export async function panelCanHold(frame: Frame): Promise<void> {
  await frame.waitForSelector('html[data-cg-ready="true"]', { state: 'attached' });
}

/**
 * Waits until everything the panel sent before now has reached the content script and its answer is back: the
 * page changes (an input event, which the content script hears on the document), and the panel renders the
 * snapshot that follows. Port messages keep their order, so a click that had reached Apply would have its
 * result rendered by then.
 */
export async function panelCaughtUp(page: Page, frame: Frame): Promise<void> {
  await afterRender(frame, 'page', () =>
    page.evaluate(() => void document.documentElement.dispatchEvent(new Event('input', { bubbles: true }))),
  );
}

/** The content script's own answer for a tab (lib/tab-status.ts), as the toolbar popup gets it. */
export interface ContentStatus {
  /** Sent only where a panel is docked (lib/tab-status.ts leaves unset fields out). */
  panel?: boolean;
  pageKind: string | null;
  settled?: boolean;
  address?: string;
  list?: { total: number; graded: number } | null;
}

/**
 * Waits until the content script in every tab showing this page's address has settled (configuration and
 * settings read, no page change waiting) and returns what it says. The question goes through the extension's
 * service worker, so nothing is added to the portal's page for it. After this, what the page does not show
 * (no panel, no badges) is the content script's answer, not a moment caught too early.
 */
export async function contentScriptSettled(page: Page, timeout = 20_000): Promise<ContentStatus[]> {
  const worker =
    page
      .context()
      .serviceWorkers()
      .find((candidate) => candidate.url().startsWith('chrome-extension://')) ??
    (await page
      .context()
      .waitForEvent('serviceworker', { predicate: (candidate) => candidate.url().startsWith('chrome-extension://'), timeout }));
  const ask = () =>
    worker.evaluate(
      async ({ url, key }) => {
        const api = (
          globalThis as unknown as {
            chrome: {
              tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
              scripting: { executeScript(o: object): Promise<{ result?: unknown }[]> };
            };
          }
        ).chrome;
        const tabs = (await api.tabs.query({})).filter((tab) => tab.id !== undefined);
        // As the popup asks (lib/tab-frames.ts through entrypoints/popup): a function run in the frame's isolated world.
        // Tabs without our content script do not answer; the others say their address.
        const answers = await Promise.all(
          tabs.map((tab) =>
            api.scripting
              .executeScript({
                target: { tabId: tab.id, frameIds: [0] },
                func: (name: string) => {
                  const answer = (globalThis as Record<string, unknown>)[name];
                  return typeof answer === 'function' ? answer('tab.status') : null;
                },
                args: [key],
              })
              .then(
                ([result]) => result?.result ?? null,
                () => null,
              ),
          ),
        );
        return answers.filter((answer) => (answer as { address?: string } | null)?.address === url);
      },
      { url: page.url(), key: TAB_STATUS_KEY },
    );
  // vi.waitFor polls and, on timeout, throws the last answer's error: what the content script last said.
  return vi.waitFor(
    async () => {
      const answers = await ask().catch((error: unknown) => [{ error: String(error) }]);
      if (!answers.length || !answers.every((answer) => (answer as ContentStatus | null)?.settled === true)) {
        throw new Error(`the content script on ${page.url()} has not settled: ${JSON.stringify(answers)}`);
      }
      return answers as ContentStatus[];
    },
    { timeout, interval: 50 },
  );
}

/** Asserts, once the content script has settled on this page, that it docked no panel there. */
export async function expectNoPanel(page: Page): Promise<void> {
  const statuses = await contentScriptSettled(page);
  expect(statuses.map((status) => status.panel)).not.toContain(true);
  expect(await hasPanel(page)).toBe(false);
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

/**
 * Answers the short-notice cancellation checklist in full in the panel (told half an hour ago, so within the recording
 * deadline, SNC-08, whenever the test runs; rebooked; every yes/no the record shows answered no) and presses Apply.
 * Returns when the client was told, as the panel's local date-time.
 */
export async function answerCancellationInFull(panel: Frame): Promise<string> {
  await panel.selectOption('.cg-choose select', 'snc');
  await panel.selectOption('#cg-field-attendance', 'cancelled-by-provider');
  const informedAt = localDateTime(-30);
  await panel.fill('#cg-field-informedAt', informedAt);
  await panel.selectOption('#cg-field-contactMethod', 'phone');
  await panel.check('input[name="rebookOutcome"][value="rebooked"]');
  await panel.fill('#cg-field-rebookedAt', '2026-12-03T14:00');
  await panel.fill('#cg-field-agreed', 'Morgan agreed to meet on 3 December at 14:00.');
  for (const name of ['riskConcern', 'clientUnhappy', 'absenceSignificant', 'absenceLonger']) {
    if (await panel.locator(`input[name="${name}"][value="false"]`).count()) await panel.check(`input[name="${name}"][value="false"]`);
  }
  await panel.click('button.cg-primary');
  return informedAt;
}
