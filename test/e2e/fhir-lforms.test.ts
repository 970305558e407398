// The exported Questionnaires in a real FHIR forms renderer: NLM's LHC-Forms
// (npm `lforms`) in Chromium renders every checklist, a record is filled in
// through the renderer's own controls, and the QuestionnaireResponse it
// produces is read back by the SDK, which must agree with what was typed and
// with which questions the renderer says still need an answer.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
import { FHIR_TEST_NOW, shippedChecklists } from '../sdk/fhir-support.js';
import { COMPLETE_SNC_RECORD as COMPLETE } from '../fixtures/snc-record';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LFORMS = path.join(ROOT, 'node_modules', 'lforms', 'dist', 'lforms');
const TIME_ZONE = 'Europe/London';
const NOW = FHIR_TEST_NOW;

const checklists = shippedChecklists;
const snc = checklists.find((checklist) => checklist.id === 'snc')!;

// The files LHC-Forms' README lists, in its order; the page declares UTF-8 because the FHIRPath parser inside is not ASCII.
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>LHC-Forms</title>
<link rel="stylesheet" href="/lforms/webcomponent/styles.css"></head><body><div id="form"></div>
<script src="/lforms/webcomponent/assets/lib/zone.min.js"></script>
<script src="/lforms/webcomponent/runtime.js" type="module"></script>
<script src="/lforms/webcomponent/polyfills.js" type="module"></script>
<script src="/lforms/webcomponent/main.js" type="module"></script>
<script src="/lforms/fhir/R4/lformsFHIR.min.js" defer></script></body></html>`;

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

let server: http.Server;
let base: string;
let browser: Browser;
let context: BrowserContext;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(LFORMS, 'webcomponent', 'main.js'))) throw new Error(`LHC-Forms is missing at ${LFORMS}: run npm install.`);
  server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/') {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(PAGE);
      return;
    }
    const file = path.join(LFORMS, decodeURIComponent(url.pathname.replace(/^\/lforms\//, '')));
    if (!url.pathname.startsWith('/lforms/') || !file.startsWith(LFORMS + path.sep) || !fs.existsSync(file)) {
      response.statusCode = 404;
      response.end();
      return;
    }
    response.setHeader('content-type', TYPES[path.extname(file)] ?? 'application/octet-stream');
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await chromium.launch({ executablePath: inject('chromiumPath'), headless: true });
  context = await browser.newContext({ timezoneId: TIME_ZONE });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function render(questionnaire: FhirQuestionnaire): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(base);
  await page.waitForFunction(() => (window as unknown as { LForms?: { FHIR?: { R4?: unknown } } }).LForms?.FHIR?.R4 !== undefined);
  await page.evaluate(async (q) => {
    const { LForms } = window as unknown as {
      LForms: { Util: { addFormToPage(q: unknown, id: string, options: unknown): Promise<void> } };
    };
    await LForms.Util.addFormToPage(q, 'form', { fhirVersion: 'R4' });
  }, questionnaire);
  await page.locator('lhc-item').first().waitFor();
  return page;
}

const response = (page: Page) =>
  page.evaluate(() => {
    const { LForms } = window as unknown as {
      LForms: { Util: { getFormFHIRData(type: string, version: string, element: Element): unknown } };
    };
    return LForms.Util.getFormFHIRData('QuestionnaireResponse', 'R4', document.getElementById('form')!);
  }) as Promise<FhirQuestionnaireResponse>;

/** The renderer's own verdict: "<question> requires a value" for each question it holds to be required and empty. */
const rendererErrors = (page: Page) =>
  page.evaluate(() => {
    const { LForms } = window as unknown as { LForms: { Util: { checkValidity(element: Element): string[] | null } } };
    return LForms.Util.checkValidity(document.getElementById('form')!) ?? [];
  });

const portalTime = (local: string) => `${local.slice(5, 7)}/${local.slice(8, 10)}/${local.slice(0, 4)} ${local.slice(11, 16)}:00`;

/** Answers a record through LHC-Forms' own controls, field by field in reading order, as a user would. */
async function fillIn(page: Page, checklist: Checklist, record: Record<string, unknown>): Promise<void> {
  for (const field of allFields(checklist)) {
    const value = record[field.id];
    if (value === undefined) continue;
    const id = `${field.id}/1/1`;
    switch (field.type) {
      case 'attendance':
      case 'choice': {
        const label =
          field.type === 'attendance'
            ? ATTENDANCE_LABELS[value as keyof typeof ATTENDANCE_LABELS].en
            : field.options!.find((option) => option.value === value)!.label.en;
        const input = page.locator(`[id="${id}"]`);
        await input.click();
        await input.fill(label.slice(0, 8));
        await page.locator('#completionOptions li', { hasText: label }).first().click();
        await expect.poll(() => input.inputValue()).toBe(label);
        break;
      }
      case 'boolean':
        await page.locator(`[id="${id}|${String(value)}"]`).click();
        break;
      case 'datetime': {
        const input = page.getByRole('textbox', { name: field.label.en, exact: true });
        await input.click();
        await input.fill(portalTime(value as string));
        await input.press('Enter');
        break;
      }
      default:
        await page.locator(`[id="${id}"]`).fill(String(value));
        await page.locator(`[id="${id}"]`).press('Tab');
    }
  }
}

describe('LHC-Forms renders what toQuestionnaire exports', { timeout: 120_000 }, () => {
  it.each(checklists.flatMap((checklist) => (['en', 'zh-CN'] as const).map((locale) => [checklist.id, locale, checklist] as const)))(
    'the %s Questionnaire (%s) renders with every section and no page error',
    async (_id, locale, checklist) => {
      const errorsBefore = pageErrors.length;
      const page = await render(toQuestionnaire(checklist, { locale }));
      for (const section of checklist.sections)
        await page.getByText(section.title[locale], { exact: true }).first().waitFor({ state: 'visible' });
      // Every question without a condition is drawn, labelled in the export's language.
      for (const field of allFields(checklist).filter((candidate) => !candidate.enableWhen)) {
        expect(await page.locator(`[id="label-${field.id}/1/1"]`).innerText(), field.id).toContain(field.label[locale]);
      }
      expect(pageErrors.slice(errorsBefore)).toEqual([]);
      await page.close();
    },
  );

  it('a complete record filled in through the renderer reads back as the same record, complete, with nothing the renderer asks for', async () => {
    const page = await render(toQuestionnaire(snc));
    await fillIn(page, snc, COMPLETE);
    const filled = await response(page);
    const record = fromQuestionnaireResponse(snc, filled, { timeZone: TIME_ZONE });
    const expected = evaluate(snc, COMPLETE, { now: NOW });
    const verdict = evaluate(snc, record, { now: NOW });
    expect(verdict.answers).toEqual(expected.answers);
    expect(verdict.status).toBe('complete');
    // Questions the renderer hides (by enableWhenExpression) it may still list; only what it shows counts.
    const shown = await visibleErrors(page);
    expect(shown).toEqual([]);
    await page.close();
  });

  it('an incomplete record: the renderer and the SDK name the same unanswered questions, and through them the same rules', async () => {
    const q = toQuestionnaire(snc);
    const page = await render(q);
    const { agreed: _agreed, informedAt: _informedAt, ...incomplete } = COMPLETE;
    await fillIn(page, snc, incomplete);
    const record = fromQuestionnaireResponse(snc, await response(page), { timeZone: TIME_ZONE });
    const verdict = evaluate(snc, record, { now: NOW });
    const items = new Map(q.item.flatMap((group) => group.item ?? []).map((item) => [item.linkId, item]));
    // The SDK's required answers still missing, among the questions FHIR marks required.
    const sdkFields = [
      ...new Set(
        verdict.issues
          .filter((issue) => issue.severity === 'required' && issue.code === 'missing' && items.get(issue.path[0]!)?.required)
          .map((issue) => issue.path[0]!),
      ),
    ].sort();
    const rendererFields = (await visibleErrors(page)).sort();
    expect(sdkFields).toEqual(['agreed', 'informedAt']);
    expect(rendererFields).toEqual(sdkFields);
    const rulesOf = (fields: string[]) =>
      [
        ...new Set(
          fields.flatMap((field) =>
            (items.get(field)!.extension ?? [])
              .filter((extension) => extension.url.endsWith('/StructureDefinition/rule'))
              .map((extension) => (extension.valueCoding as { code: string }).code),
          ),
        ),
      ].sort();
    const sdkRules = [
      ...new Set(
        verdict.issues
          .filter((issue) => issue.severity === 'required' && issue.code === 'missing' && sdkFields.includes(issue.path[0]!))
          .map((issue) => issue.ruleId),
      ),
    ].sort();
    expect(rulesOf(rendererFields)).toEqual(expect.arrayContaining(sdkRules));
    expect(sdkRules).toEqual(['SNC-02', 'SNC-06']);
    await page.close();
  });
});

/** The linkIds of questions the renderer both shows and reports as needing a value. */
async function visibleErrors(page: Page): Promise<string[]> {
  const errors = await rendererErrors(page);
  const fields = allFields(snc);
  const out: string[] = [];
  for (const error of errors) {
    const field = fields.find((candidate) => error === `${candidate.label.en} requires a value`);
    expect(field, `an error the test cannot place: ${error}`).toBeDefined();
    if (await page.locator(`[id="item-${field!.id}/1/1"]`).isVisible()) out.push(field!.id);
  }
  return out;
}
