// The panel is usable by everyone (issue 6, part 5), checked in the real
// browser with the built extension: axe-core finds no serious or critical
// violation in either language, the keyboard reaches everything with a
// visible focus, and text scales without anything being cut off sideways.
//
// Injecting axe: the panel is an extension page whose CSP is `script-src
// 'self'`, so `frame.addScriptTag({ content })` (an inline <script>) is
// refused. `frame.evaluate(source)` runs the source through the DevTools
// protocol (Runtime.evaluate in the frame's main world), which page CSP does
// not govern; axe then runs in the page's own world beside React's DOM.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';
import type { AxeResults, ImpactValue } from 'axe-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchWithExtension, portalSaves, resetPortal, startPortal, type ExtensionBrowser, type PortalServer } from './harness';
import { panelFrame } from './panel-helpers';
import { snapshotExtension, type ExtensionSnapshot } from './stable-extension';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const CANCELLED_LABEL = 'Appointment Cancelled by Therapist/VHG';
const SESSION = 's-2003';
const BLOCKING_IMPACTS: ImpactValue[] = ['serious', 'critical'];

let portal: PortalServer;
let browser: ExtensionBrowser;
let page: Page;
let extension: ExtensionSnapshot;

beforeAll(async () => {
  // A private copy: other builds rewrite .output in place while these tests run.
  extension = await snapshotExtension();
  portal = await startPortal();
});

afterAll(async () => {
  await portal?.close();
  extension?.remove();
});

// A fresh profile per test: the panel restores drafts, and one test's answers must not shape the next one's panel.
beforeEach(async () => {
  await resetPortal(portal);
  browser = await launchWithExtension({ extensionPath: extension.path });
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
});

afterEach(async () => {
  await browser?.close();
});

/** The session page with the SNC checklist open (suggested by the attendance code) and the portal's Save held. */
async function heldSession(): Promise<Frame> {
  await page.goto(`${portal.url}/mpb/sessions/${SESSION}`);
  const frame = await panelFrame(page);
  await page.selectOption('#attendance', { label: CANCELLED_LABEL });
  await frame.waitForSelector('#cg-field-informedAt');
  await expect(frame.locator('.cg-choose select').inputValue()).resolves.toBe('snc');
  await page.click('#save-session');
  await frame.waitForSelector('.cg-held li[data-rule]');
  return frame;
}

/** Opens every conditional question of SNC, so all the panel's field kinds and messages are on screen. */
async function openEverything(frame: Frame) {
  await frame.selectOption('#cg-field-contactMethod', 'voicemail');
  await frame.check('input[name="rebookOutcome"][value="rebooked"]');
  await frame.check('input[name="riskConcern"][value="true"]');
  await frame.check('input[name="clientUnhappy"][value="true"]');
  await frame.check('input[name="absenceLonger"][value="true"]');
  await frame.waitForSelector('#cg-field-absenceUpdate');
  await frame.locator('.cg-preview summary').click();
}

async function setLanguage(frame: Frame, locale: 'en' | 'zh-CN') {
  await frame.selectOption('.cg-lang select', locale);
  await frame.waitForSelector(`.cg-panel[lang="${locale}"]`);
}

interface Violation {
  id: string;
  impact: ImpactValue | undefined;
  help: string;
  nodes: { target: string; html: string; summary: string }[];
}

async function axeViolations(frame: Frame): Promise<Violation[]> {
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(AXE_SOURCE);
  return frame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({
        target: node.target.join(' '),
        html: node.html.slice(0, 200),
        summary: node.failureSummary ?? '',
      })),
    }));
  });
}

function describeViolations(label: string, violations: Violation[]): string {
  if (!violations.length) return `axe ${label}: no violations`;
  return [
    `axe ${label}: ${violations.length} violation(s)`,
    ...violations.flatMap((v) => [
      `  [${v.impact}] ${v.id}: ${v.help}`,
      ...v.nodes.map((node) => `      ${node.target}  ${node.html}\n        ${node.summary.replace(/\n/g, '\n        ')}`),
    ]),
  ].join('\n');
}

describe('panel accessibility in Chromium', () => {
  it('axe-core finds no serious or critical violation, in English and in Chinese, with SNC open and a held Save', async () => {
    const frame = await heldSession();
    const runs: [string, Violation[]][] = [];
    runs.push(['en, held Save', await axeViolations(frame)]);
    await openEverything(frame);
    runs.push(['en, held Save, every question open', await axeViolations(frame)]);
    await setLanguage(frame, 'zh-CN');
    await expect(frame.locator('.cg-held h2').textContent()).resolves.toBe('已暂停保存：记录尚不符合政策');
    runs.push(['zh-CN, held Save, every question open', await axeViolations(frame)]);
    console.log(`held banner in zh-CN: ${(await frame.locator('.cg-held li').allTextContents()).join(' | ')}`);

    const report = runs.map(([label, violations]) => describeViolations(label, violations)).join('\n');
    console.log(report);
    const blocking = runs.flatMap(([label, violations]) =>
      violations.filter((v) => BLOCKING_IMPACTS.includes(v.impact ?? null)).map((v) => `${label}: ${v.id}`),
    );
    expect(blocking, report).toEqual([]);
  });

  it('the keyboard reaches the checklist picker, the questions and “Apply to record”, always with a visible focus', async () => {
    const frame = await heldSession();
    await openEverything(frame);
    // Start in the portal, on its last control: the panel comes next in the tab order.
    await page.focus('#save-close');
    const stops: { id: string; visible: boolean; inView: boolean; partlyCovered: boolean; outline: string; geometry: string }[] = [];
    let enteredPanel = false;
    for (let step = 0; step < 250; step++) {
      await page.keyboard.press('Tab');
      const stop = await frame.evaluate(() => {
        if (!document.hasFocus() || !document.activeElement || document.activeElement === document.body) return null;
        const element = document.activeElement as HTMLElement;
        const style = getComputedStyle(element);
        const id =
          element instanceof HTMLInputElement && element.type === 'radio'
            ? `${element.name}=${element.value}`
            : element.id
              ? `#${element.id}`
              : element.closest('.cg-choose')
                ? 'checklist picker'
                : element.closest('.cg-lang')
                  ? 'language'
                  : `${element.tagName.toLowerCase()}.${element.className}: ${(element.textContent ?? '').trim().slice(0, 40)}`;
        // Scrolled into view and not entirely hidden behind the sticky footer (WCAG 2.4.11); a partial overlap is only reported.
        const box = element.getBoundingClientRect();
        const inFooter = element.closest('.cg-footer') !== null;
        const footer = document.querySelector('.cg-footer')?.getBoundingClientRect();
        const footerTop = inFooter || !footer ? innerHeight : footer.top;
        return {
          id,
          visible: element.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          inView: box.bottom > 0 && box.top < footerTop,
          partlyCovered: box.top < 0 || box.bottom > footerTop + 0.5,
          outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
          geometry: `box ${Math.round(box.top)}–${Math.round(box.bottom)}, footer from ${Math.round(footer?.top ?? NaN)}, view ${innerHeight}`,
        };
      });
      if (!stop) {
        if (enteredPanel) break; // Tabbed out of the panel again.
        continue;
      }
      enteredPanel = true;
      if (stops.at(-1)?.id !== stop.id) stops.push(stop);
      if (stop.id.startsWith('button.cg-primary')) break;
    }
    const ids = stops.map((stop) => stop.id);
    console.log(
      `keyboard: ${stops.length} stops in the panel\n  ${stops.map((stop) => `${stop.id}  (${stop.outline}${stop.inView ? (stop.partlyCovered ? `, partly under the footer: ${stop.geometry}` : '') : `, NOT IN VIEW: ${stop.geometry}`})`).join('\n  ')}`,
    );
    expect(enteredPanel, 'Tab from the portal never reached the panel').toBe(true);
    const heldReason = `#${await frame.getAttribute('.cg-held textarea', 'id')}`;
    expect(ids).toEqual(
      expect.arrayContaining([
        'language',
        'checklist picker',
        heldReason,
        '#cg-field-attendance',
        '#cg-field-informedAt',
        '#cg-field-contactMethod',
        '#cg-field-methodDifferenceReason',
        'supportRoute=ticket',
        'rebookOutcome=rebooked',
        '#cg-field-rebookedAt',
        '#cg-field-agreed',
        'riskConcern=true',
        '#cg-field-riskDetail',
      ]),
    );
    // The open note preview scrolls, so it is a tab stop of its own.
    expect(ids.some((id) => id.startsWith('pre.'))).toBe(true);
    expect(ids.at(-1)).toMatch(/^button\.cg-primary/);
    expect(
      stops.filter((stop) => !stop.visible),
      'focused without a visible outline',
    ).toEqual([]);
    expect(
      stops.filter((stop) => !stop.inView),
      'focused but scrolled away or entirely hidden behind the footer',
    ).toEqual([]);
    // Picker before the questions, questions before Apply: the order a user reads them in.
    expect(ids.indexOf('checklist picker')).toBeLessThan(ids.indexOf('#cg-field-informedAt'));
    expect(ids.indexOf('#cg-field-informedAt')).toBeLessThan(ids.indexOf('#cg-field-agreed'));
  });

  it('answers by keyboard alone: "Go to first problem", a radio group, and the override', async () => {
    const frame = await heldSession();
    await frame.locator('.cg-progress button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => frame.evaluate(() => document.activeElement?.id)).toBe('cg-field-informedAt');
    // The first radio of a group takes the focus; arrows move through it and choose.
    await frame.locator('input[name="rebookOutcome"]').first().focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await expect(frame.locator('input[name="rebookOutcome"]:checked').getAttribute('value')).resolves.toBe('client-declined');
    await frame.locator('.cg-held textarea').focus();
    await page.keyboard.type('Client asked to stop; saving as is.');
    await page.keyboard.press('Tab');
    await expect.poll(() => frame.evaluate(() => document.activeElement?.className)).toBe('cg-danger');
    await page.keyboard.press('Enter');
    await expect.poll(() => frame.locator('.cg-held').count()).toBe(0);
    await expect.poll(() => portalSaves(portal).then((saves) => saves.length)).toBe(1);
  });

  for (const locale of ['en', 'zh-CN'] as const) {
    it(`text scales with the browser's font size and nothing is cut off sideways (${locale})`, async () => {
      const frame = await heldSession();
      await openEverything(frame);
      await setLanguage(frame, locale);
      const measure = () =>
        frame.evaluate(() => {
          const size = (selector: string) => parseFloat(getComputedStyle(document.querySelector(selector)!).fontSize);
          const root = document.querySelector<HTMLElement>('.cg-panel')!;
          const width = document.documentElement.clientWidth;
          // Anything visible whose box reaches past the panel's right edge is clipped: the panel cannot grow.
          const overflowing = [...root.querySelectorAll<HTMLElement>('*')]
            .filter((element) => {
              const box = element.getBoundingClientRect();
              return box.width > 0 && box.height > 0 && box.right > width + 0.5 && !element.closest('.cg-visually-hidden');
            })
            .map(
              (element) =>
                `${element.tagName.toLowerCase()}.${element.className} ${Math.round(element.getBoundingClientRect().right)}px > ${width}px: ${element.textContent?.slice(0, 60)}`,
            );
          return {
            label: size('[data-field="informedAt"] > label'),
            legend: size('[data-field="rebookOutcome"] > legend'),
            help: size('.cg-help'),
            heading: size('.cg-panel h1'),
            rootScroll: root.scrollWidth,
            rootClient: root.clientWidth,
            pageScroll: document.documentElement.scrollWidth,
            pageClient: width,
            overflowing,
          };
        });
      const before = await measure();
      await frame.evaluate(() => {
        document.documentElement.style.fontSize = '200%';
      });
      const after = await measure();
      console.log(
        `zoom ${locale}: before ${JSON.stringify({ ...before, overflowing: before.overflowing.length })}\n  after ${JSON.stringify(after, null, 1)}`,
      );
      for (const key of ['label', 'legend', 'help', 'heading'] as const) expect(after[key] / before[key], key).toBeCloseTo(2, 1);
      expect(after.overflowing).toEqual([]);
      expect(after.rootScroll).toBeLessThanOrEqual(after.rootClient);
      expect(after.pageScroll).toBeLessThanOrEqual(after.pageClient);
    });
  }
});
