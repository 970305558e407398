// The exported Questionnaires in CSIRO's Smart Forms renderer (npm
// `@aehrc/smart-forms-renderer`, the SDC reference form filler) in Chromium.
// Unlike LHC-Forms it runs the SDC targetConstraints itself, so here the
// renderer's own verdict, rule by rule, is compared with the SDK's on the
// record read back from the response it builds. Records are filled in
// through its controls, as a user would.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  ATTENDANCE_LABELS,
  allFields,
  evaluate,
  fromQuestionnaireResponse,
  toQuestionnaire,
  type Checklist,
  type FhirQuestionnaire,
  type FhirQuestionnaireResponse,
} from '../../sdk/src/index.js';
import { FHIR_TEST_NOW, brokenBySdk, constraintsOf, shippedChecklists } from '../sdk/fhir-support.js';
import { COMPLETE_SNC_RECORD } from '../fixtures/snc-record';

const TIME_ZONE = 'Europe/London';
const snc = shippedChecklists.find((checklist) => checklist.id === 'snc')!;

let server: http.Server;
let base: string;
let browser: Browser;
let context: BrowserContext;
const pageErrors: string[] = [];

beforeAll(async () => {
  // The renderer is a React library: bundled here, once, with the page that hosts it.
  const bundle = await esbuild.build({
    entryPoints: [fileURLToPath(new URL('./smart-forms/page.tsx', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    jsx: 'automatic',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.css': 'empty', '.woff': 'empty', '.woff2': 'empty', '.ttf': 'empty' },
    logLevel: 'error',
  });
  const script = bundle.outputFiles[0]!.text;
  server = http.createServer((request, response) => {
    if (request.url === '/') {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(
        '<!doctype html><html><head><meta charset="utf-8"><title>Smart Forms</title></head><body><div id="form"></div><script src="/page.js"></script></body></html>',
      );
    } else if (request.url === '/page.js') {
      response.setHeader('content-type', 'text/javascript; charset=utf-8');
      response.end(script);
    } else {
      response.statusCode = 404;
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await chromium.launch({ executablePath: inject('chromiumPath'), headless: true });
  context = await browser.newContext({ timezoneId: TIME_ZONE });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

interface RendererConstraint {
  key: string;
  isInvalid: boolean;
  severity: string;
}

async function render(questionnaire: FhirQuestionnaire, firstLabel: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // The renderer must work offline: anything it asks of another origin is a failure.
  const elsewhere: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(base)) elsewhere.push(request.url());
  });
  await page.goto(base);
  await page.evaluate((q) => (window as unknown as { renderQuestionnaire(q: unknown): void }).renderQuestionnaire(q), questionnaire);
  await page.getByText(firstLabel, { exact: true }).first().waitFor({ state: 'visible' });
  expect(elsewhere).toEqual([]);
  return page;
}

const response = (page: Page) =>
  page.evaluate(() => (window as unknown as { readResponse(): unknown }).readResponse()) as Promise<FhirQuestionnaireResponse>;
const rendererBroken = async (page: Page) =>
  ((await page.evaluate(() => (window as unknown as { readConstraints(): unknown }).readConstraints())) as RendererConstraint[])
    .filter((constraint) => constraint.isInvalid)
    .map((constraint) => constraint.key)
    .sort();

/** The answer the response holds for a question, once the renderer has taken it in (it debounces typing). */
const answered = async (page: Page, linkId: string) => {
  const find = (items: FhirQuestionnaireResponse['item']): boolean =>
    (items ?? []).some((item) => (item.linkId === linkId && (item.answer?.length ?? 0) > 0) || find(item.item));
  await expect.poll(async () => find((await response(page)).item), { timeout: 10_000 }).toBe(true);
};

/** Answers a record through Smart Forms' own controls, field by field in reading order. */
async function fillIn(page: Page, checklist: Checklist, record: Record<string, unknown>): Promise<void> {
  for (const field of allFields(checklist)) {
    const value = record[field.id];
    if (value === undefined) continue;
    switch (field.type) {
      case 'attendance':
      case 'choice': {
        const label =
          field.type === 'attendance'
            ? ATTENDANCE_LABELS[value as keyof typeof ATTENDANCE_LABELS].en
            : field.options!.find((option) => option.value === value)!.label.en;
        const input = page.locator(`[id="choice-${field.id}"]`);
        await input.click();
        await input.fill(label.slice(0, 8));
        await page.getByRole('option', { name: label, exact: true }).click();
        break;
      }
      case 'boolean':
        await page.locator(`[id="boolean-${field.id}"] input[value="${String(value)}"]`).check();
        break;
      case 'datetime': {
        const [day, time] = (value as string).split('T') as [string, string];
        const [hours, minutes] = time.split(':').map(Number) as [number, number];
        await page.locator(`[id="dateTime-${field.id}-date"]`).fill(`${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`);
        await page
          .locator(`[id="dateTime-${field.id}-time"]`)
          .fill(`${String(hours % 12 || 12).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`);
        await page.locator(`[id="dateTime-${field.id}-period"]`).click();
        await page.getByRole('option', { name: hours < 12 ? 'AM' : 'PM', exact: true }).click();
        break;
      }
      default:
        await page.locator(`[id="text-${field.id}"], [id="string-${field.id}"]`).first().fill(String(value));
    }
    await answered(page, field.id);
  }
}

const COMPLETE = { ...COMPLETE_SNC_RECORD, rebookedAt: '2026-06-17T14:00', nextSessionInPortal: '2026-06-17T14:00' };

describe('Smart Forms renders what toQuestionnaire exports and judges it as the SDK does', { timeout: 180_000 }, () => {
  it.each(shippedChecklists.flatMap((checklist) => (['en', 'zh-CN'] as const).map((locale) => [checklist.id, locale, checklist] as const)))(
    'the %s Questionnaire (%s) renders, offline, with no page error, and an empty form breaks the rules the SDK says it does',
    async (_id, locale, checklist) => {
      const errorsBefore = pageErrors.length;
      const q = toQuestionnaire(checklist, { locale });
      const page = await render(q, checklist.sections[0]!.title[locale]);
      for (const field of allFields(checklist).filter((candidate) => !candidate.enableWhen)) {
        await page.getByText(field.label[locale], { exact: true }).first().waitFor({ state: 'visible' });
      }
      const keys = new Set(constraintsOf(q.extension).map((constraint) => constraint.key));
      const expected = brokenBySdk(checklist, {}, keys);
      expect(expected.length).toBeGreaterThan(0);
      await expect.poll(() => rendererBroken(page)).toEqual(expected);
      expect(pageErrors.slice(errorsBefore)).toEqual([]);
      await page.close();
    },
  );

  it('a complete record filled in through the renderer reads back as the same record, and both verdicts agree rule by rule', async () => {
    const q = toQuestionnaire(snc);
    const page = await render(q, 'Attendance');
    await fillIn(page, snc, COMPLETE);
    const record = fromQuestionnaireResponse(snc, await response(page), { timeZone: TIME_ZONE });
    const verdict = evaluate(snc, record, { now: FHIR_TEST_NOW });
    expect(verdict.answers).toEqual(evaluate(snc, COMPLETE, { now: FHIR_TEST_NOW }).answers);
    expect(verdict.status).toBe('complete');
    const keys = new Set(constraintsOf(q.extension).map((constraint) => constraint.key));
    await expect.poll(() => rendererBroken(page)).toEqual(brokenBySdk(snc, record, keys));
    await page.close();
  });

  it('an incomplete record: the renderer names the same broken rules as the SDK, among them the two left unanswered', async () => {
    const q = toQuestionnaire(snc);
    const page = await render(q, 'Attendance');
    const { agreed: _agreed, informedAt: _informedAt, ...incomplete } = COMPLETE;
    await fillIn(page, snc, { ...incomplete, riskConcern: true });
    const record = fromQuestionnaireResponse(snc, await response(page), { timeZone: TIME_ZONE });
    const keys = new Set(constraintsOf(q.extension).map((constraint) => constraint.key));
    const sdk = brokenBySdk(snc, record, keys);
    // SNC-02 (when the client was informed), SNC-06 (what was agreed), SNC-09 (the risk not yet described).
    expect(sdk).toEqual(expect.arrayContaining(['SNC-02', 'SNC-06', 'SNC-09']));
    await expect.poll(() => rendererBroken(page)).toEqual(sdk);
    await page.close();
  });
});
