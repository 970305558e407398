// The integrator README is code too: its checklist example must be a valid
// checklist, its imports must exist, its audit output must be what the CLI
// prints, and its web-form example must work in a real browser.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sdk from '../../sdk/src/index.js';
import { findChromium } from '../../scripts/find-chromium.mjs';
import { cliPath, ensureBuilt, repoRoot } from '../fixtures/audit/ensure-built.js';

const readme = readFileSync(join(repoRoot, 'sdk', 'README.md'), 'utf8');
const blocks = (language: string) =>
  [...readme.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((match) => match[1]!);

describe('sdk/README.md', () => {
  it('has a checklist example that is a valid checklist and works', () => {
    const example = blocks('json').find((block) => block.includes('"chartguard-checklist/1"'))!;
    const data = JSON.parse(example);
    const checklist = sdk.parseChecklist(data);
    const ajv = new Ajv2020({ allowUnionTypes: true });
    expect(ajv.validate(JSON.parse(readFileSync(join(repoRoot, 'sdk', 'schema', 'checklist.schema.json'), 'utf8')), data)).toBe(true);
    const record = { calledAt: '2026-06-10T09:00', reached: false };
    const evaluation = sdk.evaluate(checklist, record, { now: new Date(2026, 5, 10, 12) });
    expect(evaluation.status).toBe('complete');
    expect(evaluation.warnings.map((issue) => issue.ruleId)).toEqual(['CALL-02']);
    expect(sdk.evaluate(checklist, { ...record, reached: true }).blocking.map((issue) => issue.ruleId)).toEqual(['CALL-01']);
  });

  it('imports only what the SDK exports', () => {
    const names = [...readme.matchAll(/import \{([^}]+)\} from '@chartguard\/sdk'/g)].flatMap((match) =>
      match[1]!
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    );
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) expect(sdk, name).toHaveProperty(name);
  });

  it('shows the audit output the CLI really prints', async () => {
    await ensureBuilt();
    const shown = blocks('text').find((block) => block.startsWith('$ chartguard audit records.csv'))!;
    const fixtures = join(repoRoot, 'test', 'fixtures', 'audit');
    const result = spawnSync(
      process.execPath,
      [cliPath, 'audit', join(fixtures, 'records.csv'), '--now', '2026-06-12T12:00', '--checklists', join(fixtures, 'checklists')],
      { encoding: 'utf8' },
    );
    const printed = `${result.stdout}${result.stderr.replace(join(fixtures, 'records.csv'), 'records.csv')}`;
    const tidy = (text: string) =>
      text
        .split('\n')
        .map((line) => line.trimEnd())
        .join('\n')
        .trim();
    expect(tidy(printed)).toBe(tidy(shown.split('\n').slice(1).join('\n')));
  }, 180_000);
});

describe('sdk/README.md web-form example, in Chromium', { timeout: 120_000 }, () => {
  let dir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    await ensureBuilt();
    // A folder laid out as the README says: the page beside node_modules holding the SDK and Zod.
    dir = mkdtempSync(join(tmpdir(), 'chartguard-web-'));
    mkdirSync(join(dir, 'node_modules', '@chartguard'), { recursive: true });
    symlinkSync(join(repoRoot, 'sdk'), join(dir, 'node_modules', '@chartguard', 'sdk'));
    symlinkSync(join(repoRoot, 'node_modules', 'zod'), join(dir, 'node_modules', 'zod'));
    writeFileSync(join(dir, 'index.html'), blocks('html')[0]!);
    const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json' };
    server = createServer((request, response) => {
      const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname));
      try {
        const body = readFileSync(join(dir, path === '/' ? 'index.html' : path));
        response.writeHead(200, { 'content-type': types[extname(path) || '.html'] ?? 'application/octet-stream' }).end(body);
      } catch {
        response.writeHead(path === '/favicon.ico' ? 204 : 404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }, 180_000);

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('checks as the user types, names the rules, holds Save and writes the note', async () => {
    const browser = await chromium.launch({ executablePath: await findChromium({ install: false }), args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      page.on('console', (entry) => entry.type() === 'error' && errors.push(entry.text()));
      await page.goto(base);
      await page.waitForSelector('[data-field="attendance"]');
      const state = () =>
        page.evaluate(() => ({
          badge: document.getElementById('badge')!.textContent,
          saveDisabled: (document.getElementById('save') as HTMLButtonElement).disabled,
          issues: [...document.querySelectorAll('#issues li')].map((item) => item.textContent!),
          hidden: [...document.querySelectorAll<HTMLElement>('[data-field][hidden]')].map((label) => label.dataset.field!),
          note: (document.querySelector('[name=clinicalNote]') as HTMLTextAreaElement).value,
        }));

      let now = await state();
      expect(now.saveDisabled).toBe(true);
      expect(now.issues).toContain('SNC-06: “What was agreed with the client” is missing.');
      expect(now.hidden).toContain('methodDifferenceReason');

      await page.selectOption('[name=attendance]', 'cancelled-by-provider');
      await page.fill('[name=informedAt]', '2026-06-10T08:30');
      await page.selectOption('[name=contactMethod]', 'sms');
      await page.selectOption('[name=preferredMethod]', 'phone');
      now = await state();
      expect(now.hidden).not.toContain('methodDifferenceReason');
      expect(now.issues).toContain('SNC-03: “Why the preferred method was not used” is missing.');

      await page.fill('[name=sessionAt]', '2026-06-10T10:00');
      await page.fill('[name=methodDifferenceReason]', 'Phone line down.');
      await page.selectOption('[name=supportRoute]', 'ticket');
      await page.selectOption('[name=rebookOutcome]', 'client-declined');
      await page.fill('[name=agreed]', 'Client will call back.');
      await page.selectOption('[name=riskConcern]', 'false');
      await page.fill('[name=recordedAt]', '2026-06-10T09:00');
      now = await state();
      expect(now).toMatchObject({ badge: 'Complete', saveDisabled: false, issues: [] });

      const snc = sdk.parseChecklist(JSON.parse(readFileSync(join(repoRoot, 'sdk', 'checklists', 'snc.json'), 'utf8')));
      const parsed = sdk.parseNote(snc, now.note);
      expect(parsed.unread).toEqual([]);
      expect(parsed.answers).toMatchObject({
        contactMethod: 'sms',
        methodDifferenceReason: 'Phone line down.',
        riskConcern: false,
        recordedAt: '2026-06-10T09:00',
      });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
