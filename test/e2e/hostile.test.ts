// A portal page that fights the panel (issue 4, parts 7 and 8): removing, restyling, covering it to
// steal clicks, undoing its margin. The panel must come back, stay visible and refuse unseen clicks.
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchWithExtension, portalSaves, resetPortal, startPortal, type ExtensionBrowser, type PortalServer } from './harness';
import { PANEL_WIDTH } from '../../entrypoints/portal.content/features/record-page/panel-frame';
import { canary, markCancelled, openRecord, panelReady, report, retype, storedDraft } from './resilience-kit';
import { snapshotExtension, type ExtensionSnapshot } from './stable-extension';
import { panelCaughtUp, renderedCount } from './panel-helpers';

let portal: PortalServer;
let extension: ExtensionSnapshot;
let browser: ExtensionBrowser;
let page: Page;
let frame: Frame;

beforeAll(async () => {
  [portal, extension] = await Promise.all([startPortal(), snapshotExtension()]);
  browser = await launchWithExtension({ extensionPath: extension.path });
});

afterAll(async () => {
  await browser?.close();
  await portal?.close();
  extension?.remove();
});

beforeEach(async () => {
  await resetPortal(portal);
  await markCancelled(portal);
  for (const open of browser.context.pages()) await open.close();
  ({ page, frame } = await openRecord(browser.context, portal));
});

interface HostState {
  connected: boolean;
  /** What the page hits at points down the middle of the panel's strip (the host, when the panel is on top). */
  hits: string[];
  display: string;
  visibility: string;
  opacity: string;
  transform: string;
  width: number;
  marginRight: string;
}

function hostState(): Promise<HostState> {
  return page.evaluate((width) => {
    const host = document.querySelector('chartguard-panel');
    const x = window.innerWidth - width / 2;
    const hits = [0.1, 0.5, 0.9].map(
      (fraction) => document.elementFromPoint(x, window.innerHeight * fraction)?.tagName.toLowerCase() ?? 'none',
    );
    const style = host ? getComputedStyle(host) : null;
    return {
      connected: Boolean(host?.isConnected),
      hits,
      display: style?.display ?? 'none',
      visibility: style?.visibility ?? 'hidden',
      opacity: style?.opacity ?? '0',
      transform: style?.transform ?? 'none',
      width: host?.getBoundingClientRect().width ?? 0,
      marginRight: getComputedStyle(document.documentElement).marginRight,
    };
  }, PANEL_WIDTH);
}

const VISIBLE: Partial<HostState> = {
  connected: true,
  hits: ['chartguard-panel', 'chartguard-panel', 'chartguard-panel'],
  display: 'block',
  visibility: 'visible',
  opacity: '1',
  transform: 'none',
  width: PANEL_WIDTH,
};

async function expectPanelVisible(what: string) {
  await expect.poll(hostState, { message: what, timeout: 5_000 }).toMatchObject(VISIBLE);
}

/** The panel's own verdict (IntersectionObserver v2): covered, with its record-changing buttons disabled. */
async function panelObscured(target: Frame): Promise<{ warning: boolean; applyDisabled: boolean }> {
  return {
    warning: (await target.locator('.cg-warning-box', { hasText: 'covering this panel' }).count()) > 0,
    applyDisabled: await target.locator('button.cg-primary').isDisabled(),
  };
}

describe('a page that fights the panel', () => {
  it('(a) cannot get rid of the panel by removing it, and loses nothing typed in it', async () => {
    const text = canary('REMOVED');
    await retype(page, frame, '#cg-field-agreed', text);
    await expect.poll(async () => (await storedDraft(frame))?.agreed).toBe(text);
    const attacks: [string, () => void][] = [
      ['element.remove()', () => document.querySelector('chartguard-panel')!.remove()],
      ['removeChild from <html>', () => document.documentElement.removeChild(document.querySelector('chartguard-panel')!)],
      ['replaceWith a decoy', () => document.querySelector('chartguard-panel')!.replaceWith(document.createElement('div'))],
      [
        'remove() in a loop',
        () => {
          for (let i = 0; i < 10; i++) document.querySelector('chartguard-panel')?.remove();
        },
      ],
      ['moved into <body>', () => document.body.append(document.querySelector('chartguard-panel')!)],
      // Two steps: once out of <html>'s direct children, is it still guarded?
      ['then removed from <body>', () => document.querySelector('chartguard-panel')!.remove()],
    ];
    for (const [name, attack] of attacks) {
      await page.evaluate(attack);
      await expectPanelVisible(`after ${name}`);
      // The panel inside is alive again (a re-inserted iframe loads afresh), with the draft.
      const previous = frame;
      await expect.poll(() => previous.isDetached(), { message: `the panel frame was not replaced after ${name}` }).toBe(true);
      frame = await panelReady(page);
      await expect.poll(() => frame.inputValue('#cg-field-agreed'), { message: `draft after ${name}` }).toBe(text);
    }
    expect(await page.evaluate(() => document.querySelectorAll('chartguard-panel').length)).toBe(1);
    report({
      scenario: 'page removes the panel',
      iterations: attacks.length,
      typed: text.length,
      lost: 0,
      note: attacks.map(([name]) => name).join('; '),
    });
  });

  it('(b) stays visible whatever styles the page puts on it', async () => {
    const attacks: [string, () => void][] = [
      ['inline display:none', () => ((document.querySelector('chartguard-panel') as HTMLElement).style.display = 'none')],
      ['inline opacity:0', () => ((document.querySelector('chartguard-panel') as HTMLElement).style.opacity = '0')],
      [
        'inline transform',
        () => ((document.querySelector('chartguard-panel') as HTMLElement).style.transform = 'translateX(100vw) scale(0.01)'),
      ],
      [
        'style attribute replaced',
        () => document.querySelector('chartguard-panel')!.setAttribute('style', 'display: none !important; visibility: hidden !important'),
      ],
      ['style attribute removed', () => document.querySelector('chartguard-panel')!.removeAttribute('style')],
      [
        'hidden and inert attributes',
        () => {
          const host = document.querySelector('chartguard-panel')!;
          host.setAttribute('hidden', '');
          host.setAttribute('inert', '');
        },
      ],
      ['popover attribute removed', () => document.querySelector('chartguard-panel')!.removeAttribute('popover')],
      [
        'stylesheet with !important',
        () => {
          const style = document.createElement('style');
          style.textContent = `chartguard-panel, html > chartguard-panel, [popover] {
          display: none !important; opacity: 0 !important; visibility: hidden !important;
          transform: translateX(100vw) !important; scale: 0 !important; translate: 100vw !important; rotate: 90deg !important;
          clip-path: inset(50%) !important; filter: opacity(0) !important; width: 0 !important; zoom: 0.01 !important;
          pointer-events: none !important; content-visibility: hidden !important; }`;
          document.head.append(style);
        },
      ],
      ['hidePopover() from the page', () => (document.querySelector('chartguard-panel') as HTMLElement).hidePopover()],
    ];
    for (const [name, attack] of attacks) {
      await page.evaluate(attack);
      await expectPanelVisible(`after ${name}`);
    }
    // Still usable, not merely visible: nothing covers it, so Apply is enabled once the user reaches for it.
    // (Right after a burst of restyling, headless Chromium can leave the panel's visibility verdict at
    // "covered" until the next input or frame; that errs on the safe side, so the test moves the mouse first.)
    await page.mouse.move(page.viewportSize()!.width - PANEL_WIDTH / 2, 300, { steps: 3 });
    await expect.poll(() => panelObscured(frame), { timeout: 5_000 }).toEqual({ warning: false, applyDisabled: false });
    report({ scenario: 'page restyles the panel', iterations: attacks.length, note: attacks.map(([name]) => name).join('; ') });
  });

  it('(c) disables Apply and Override while the page covers the panel, so clicks through the cover do nothing', async () => {
    // Hold Save first, so the override button (the most dangerous click) is on screen too.
    await page.click('#save-session');
    await frame.waitForSelector('.cg-held');
    await frame.fill('.cg-held textarea', 'A reason long enough to enable the override button.');
    await expect.poll(() => frame.locator('.cg-held button.cg-danger').isDisabled()).toBe(false);
    const savesBefore = (await portalSaves(portal)).length;
    const apply = (await frame.locator('button.cg-primary').boundingBox())!;
    const override = (await frame.locator('.cg-held button.cg-danger').boundingBox())!;

    const covers: [string, (kind: string) => void][] = [
      [
        'transparent top-layer popover that takes the clicks',
        () => {
          const cover = document.createElement('div');
          cover.id = 'cover';
          cover.setAttribute('popover', 'manual');
          cover.style.cssText =
            'position: fixed; inset: 0 0 0 auto; width: 420px; height: 100vh; margin: 0; padding: 0; border: 0; background: transparent; opacity: 0';
          document.body.append(cover);
          cover.showPopover();
        },
      ],
      [
        'decoy top-layer popover that lets clicks through (pointer-events: none)',
        () => {
          const cover = document.createElement('div');
          cover.id = 'cover';
          cover.setAttribute('popover', 'manual');
          cover.textContent = 'Click here to continue';
          cover.style.cssText =
            'position: fixed; inset: 0 0 0 auto; width: 420px; height: 100vh; margin: 0; border: 0; background: #fff; pointer-events: none';
          document.body.append(cover);
          cover.showPopover();
        },
      ],
      // In the top layer the page's own opacity does not reach the panel; out of it, a nearly transparent
      // page fades the panel too and must disable it. One hidePopover() is undone by the panel within a
      // task, so the page hides it again before every frame: the panel is never painted in the top layer.
      [
        'panel kept out of the top layer, then the whole page nearly transparent',
        () => {
          const host = document.querySelector('chartguard-panel') as HTMLElement;
          let fading = true;
          const fade = () => {
            if (!fading) return;
            if (host.matches(':popover-open')) host.hidePopover();
            requestAnimationFrame(fade);
          };
          requestAnimationFrame(fade);
          (window as unknown as { stopCover?: () => void }).stopCover = () => (fading = false);
          document.documentElement.style.setProperty('opacity', '0.05');
        },
      ],
    ];
    for (const [name, cover] of covers) {
      await page.evaluate(cover, name);
      await expect.poll(() => panelObscured(frame), { message: name, timeout: 5_000 }).toEqual({ warning: true, applyDisabled: true });
      expect(await frame.locator('.cg-held button.cg-danger').isDisabled(), name).toBe(true);
      // The user clicks where the buttons are; nothing may happen.
      const appliedBefore = await renderedCount(frame, 'applied');
      await page.mouse.click(apply.x + apply.width / 2, apply.y + apply.height / 2);
      await page.mouse.click(override.x + override.width / 2, override.y + override.height / 2);
      // Readiness before absence: anything those clicks started in the panel has reached the content script
      // and come back (port messages keep their order), and the panel rendered no Apply result since.
      await panelCaughtUp(page, frame);
      expect(await renderedCount(frame, 'applied'), `${name}: Apply went through`).toBe(appliedBefore);
      expect(await page.inputValue('#clinical-note'), `${name}: Apply went through`).toBe('');
      expect((await portalSaves(portal)).length, `${name}: Override went through`).toBe(savesBefore);
      await page.evaluate(() => {
        document.getElementById('cover')?.remove();
        (window as unknown as { stopCover?: () => void }).stopCover?.();
        document.documentElement.style.removeProperty('opacity');
      });
      await expect
        .poll(() => panelObscured(frame), { message: `${name} removed`, timeout: 5_000 })
        .toEqual({ warning: false, applyDisabled: false });
    }
    // Uncovered, the same click does apply: the checks above were not vacuous.
    await page.mouse.click(apply.x + apply.width / 2, apply.y + apply.height / 2);
    await expect.poll(() => page.inputValue('#clinical-note')).toContain('[Chartguard snc/1]');
    report({ scenario: 'page covers the panel', iterations: covers.length, note: covers.map(([name]) => name).join('; ') });
  });

  it('(d) keeps the portal narrowed beside the panel when the page resets the margin', async () => {
    const attacks: [string, () => void][] = [
      ['style.marginRight = 0', () => (document.documentElement.style.marginRight = '0')],
      ['negative margin, important', () => document.documentElement.style.setProperty('margin-right', '-380px', 'important')],
      ['style attribute removed', () => document.documentElement.removeAttribute('style')],
      ['style attribute replaced', () => document.documentElement.setAttribute('style', 'margin: 0 !important')],
      [
        'stylesheet with !important',
        () => {
          const style = document.createElement('style');
          style.textContent = 'html { margin-right: 0 !important; margin: 0 !important; }';
          document.head.append(style);
        },
      ],
    ];
    const clear = async (what: string) => {
      await expect.poll(() => hostState().then((state) => state.marginRight), { message: what }).toBe(`${PANEL_WIDTH}px`);
      const right = await page.evaluate((width) => {
        const box = document.getElementById('save-session')!.getBoundingClientRect();
        return { right: box.right, limit: window.innerWidth - width };
      }, PANEL_WIDTH);
      expect(right.right, `${what}: the portal's Save is under the panel`).toBeLessThanOrEqual(right.limit);
    };
    for (const [name, attack] of attacks) {
      await page.evaluate(attack);
      await clear(`after ${name}`);
    }
    await expectPanelVisible('after the margin attacks');
    report({ scenario: 'page resets the margin', iterations: attacks.length, note: attacks.map(([name]) => name).join('; ') });
  });
});
