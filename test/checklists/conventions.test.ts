// Every shipped checklist keeps the conventions that let a supervisor trace a
// verdict back to policy: valid data, one file per id, every rule id in the
// project's own rule list (checklists/catalogue/rules.json) with the severity it gives,
// nothing in that list left unowned, docs/rules.md current, and the list in
// step with the shared catalogue (../shared/POLICIES.md) whenever it is there.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, allFields, localize, parseChecklist, type Checklist } from '../../sdk/src/index.js';
import { checklistOf, foldSpace, parseCatalogue, renderRulesMarkdown, severityKinds } from '../../scripts/rules-catalogue.mjs';
import { repoRoot } from './support.js';

const checklistsDir = join(repoRoot, 'checklists');
const sharedDir = join(repoRoot, '..', 'shared');
const catalogueFile = join(sharedDir, 'POLICIES.md');
const seedsDir = join(sharedDir, 'seeds');
const NOT_YET = 'not-yet.json';
const RULES = 'catalogue/rules.json';

const files = readdirSync(checklistsDir)
  .filter((file) => file.endsWith('.json') && file !== NOT_YET)
  .sort();
const loaded = files.map((file) => ({ file, data: JSON.parse(readFileSync(join(checklistsDir, file), 'utf8')) as unknown }));
const checklists = (): Checklist[] => loaded.map(({ data }) => parseChecklist(data));

interface ProjectRule {
  id: string;
  rule: string;
  stage?: string;
  severity: string;
  seed: string | null;
  quote: string | null;
  departure?: string;
  guaranteedBy?: string;
}

function loadRules(): ProjectRule[] {
  const list = JSON.parse(readFileSync(join(checklistsDir, RULES), 'utf8')) as ProjectRule[];
  expect(Array.isArray(list), `${RULES} is an array`).toBe(true);
  return list;
}

interface Pending {
  id: string;
  reason: string;
}

function loadNotYet(): Pending[] {
  const file = join(checklistsDir, NOT_YET);
  expect(
    existsSync(file),
    `${NOT_YET} lists the rules of rules.json not yet enforced as written; create it (\`[]\` when there are none)`,
  ).toBe(true);
  const list = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  expect(Array.isArray(list), `${NOT_YET} is an array`).toBe(true);
  for (const entry of list as Pending[]) {
    expect(Object.keys(entry).sort()).toEqual(['id', 'reason']);
    expect(typeof entry.reason === 'string' && entry.reason.trim().length > 0, `${entry.id} needs a reason`).toBe(true);
  }
  return list as Pending[];
}

describe('checklist files', () => {
  it('there are checklists to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(loaded)('$file is a valid checklist named after its id', ({ file, data }) => {
    const checklist = parseChecklist(data);
    expect(file).toBe(`${checklist.id}.json`);
  });

  it('checklist ids are unique', () => {
    const ids = checklists().map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('rule ids are unique across all checklists and carry their checklist prefix', () => {
    const owner = new Map<string, string>();
    for (const checklist of checklists()) {
      // A rule may have a follow-up part beside it (FUS-09) under the same id; general rules (G-01) may be carried by several checklists.
      const own = [
        ...new Set([...checklist.rules.map((rule) => rule.id), ...(checklist.deadline ? [checklist.deadline.rule] : [])]),
      ].filter((id) => !id.startsWith('G-'));
      for (const id of own) {
        expect(owner.get(id), `${id} is defined by both ${owner.get(id)} and ${checklist.id}`).toBeUndefined();
        owner.set(id, checklist.id);
      }
      for (const id of [...own, ...(checklist.attention ?? []).map((item) => item.rule)]) {
        expect(id.split('-')[0]!.toLowerCase(), `${id} in ${checklist.id}.json`).toBe(checklist.id);
      }
    }
  });

  it('every attention item names a rule or the deadline of its own checklist', () => {
    for (const checklist of checklists()) {
      const own = new Set([...checklist.rules.map((rule) => rule.id), ...(checklist.deadline ? [checklist.deadline.rule] : [])]);
      for (const item of checklist.attention ?? []) expect(own.has(item.rule), `${checklist.id}: attention ${item.rule}`).toBe(true);
    }
  });

  // Notes are read back by label, so two questions sharing a label would be indistinguishable.
  it('field labels are unique within a checklist in every language', () => {
    for (const checklist of checklists()) {
      const labels = allFields(checklist).flatMap((field) => [...new Set(LOCALES.map((locale) => localize(field.label, locale)))]);
      const seen = new Set<string>();
      for (const label of labels) {
        expect(seen.has(label), `${checklist.id}: label “${label}” is used twice`).toBe(false);
        seen.add(label);
      }
    }
  });
});

/** Rule id → kind of rule as implemented; the deadline's rule is required; an attention item alone names no kind. */
function implementedRules(checklist: Checklist): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  // A rule with a follow-up part beside it (FUS-09: noted now, rescheduling followed up) reports both, as `required+follow-up`.
  for (const rule of checklist.rules) out.set(rule.id, out.has(rule.id) ? `${out.get(rule.id)}+${rule.severity}` : rule.severity);
  if (checklist.deadline) out.set(checklist.deadline.rule, 'required');
  for (const item of checklist.attention ?? []) if (!out.has(item.rule)) out.set(item.rule, undefined);
  return out;
}

function implementedByChecklist(): Map<string, { checklist: string; severity: string | undefined }> {
  const out = new Map<string, { checklist: string; severity: string | undefined }>();
  for (const checklist of checklists())
    for (const [id, severity] of implementedRules(checklist)) out.set(id, { checklist: checklist.id, severity });
  return out;
}

describe('the project rule list (checklists/catalogue/rules.json)', () => {
  it('lists each rule once, with a rule text, a severity and its source', () => {
    const seen = new Set<string>();
    for (const rule of loadRules()) {
      expect(rule.id, 'rule id').toMatch(/^[A-Z]{1,5}-\d{2}$/);
      expect(seen.has(rule.id), `${rule.id} is listed twice`).toBe(false);
      seen.add(rule.id);
      expect(rule.rule.trim().length, `${rule.id}: rule text`).toBeGreaterThan(0);
      expect(severityKinds(rule.severity), `${rule.id}: severity “${rule.severity}” names required, follow-up or advisory`).not.toEqual([]);
      expect(
        rule.quote === null || (typeof rule.seed === 'string' && rule.quote.trim().length > 0),
        `${rule.id}: a quote names its seed`,
      ).toBe(true);
    }
  });

  it('every checklist rule is in the rule list, with a severity the list allows', () => {
    const rules = new Map(loadRules().map((rule) => [rule.id, rule]));
    const pending = new Set(loadNotYet().map((entry) => entry.id));
    const wrong: string[] = [];
    for (const [id, { checklist, severity }] of implementedByChecklist()) {
      const listed = rules.get(id);
      if (!listed) {
        wrong.push(`${id} (${checklist}.json) is not in ${RULES}`);
        continue;
      }
      if (checklistOf(id) !== checklist && !id.startsWith('G-')) wrong.push(`${id} is implemented by ${checklist}.json`);
      if (severity && !severity.split('+').some((part) => severityKinds(listed.severity).includes(part)) && !pending.has(id)) {
        wrong.push(
          `${id}: ${severity} in ${checklist}.json, “${listed.severity}” in ${RULES} (fix one, or list it in ${NOT_YET} with a reason)`,
        );
      }
    }
    expect(wrong).toEqual([]);
  });

  it('every listed rule is implemented by its checklist, guaranteed by a named test, or pending in not-yet.json', () => {
    const implemented = implementedByChecklist();
    const pending = new Set(loadNotYet().map((entry) => entry.id));
    const unowned: string[] = [];
    for (const rule of loadRules()) {
      if (pending.has(rule.id)) continue;
      if (rule.guaranteedBy) {
        expect(existsSync(join(repoRoot, rule.guaranteedBy)), `${rule.id}: guaranteedBy ${rule.guaranteedBy} exists`).toBe(true);
        continue;
      }
      if (!implemented.has(rule.id)) unowned.push(rule.id);
    }
    expect(unowned, `rules no checklist implements, no test guarantees, and ${NOT_YET} does not list`).toEqual([]);
  });

  it('not-yet.json names listed rules, once each', () => {
    const listed = new Set(loadRules().map((rule) => rule.id));
    const seen = new Set<string>();
    for (const entry of loadNotYet()) {
      expect(listed.has(entry.id), `${entry.id} in ${NOT_YET} is not in ${RULES}`).toBe(true);
      expect(seen.has(entry.id), `${entry.id} is in ${NOT_YET} twice`).toBe(false);
      seen.add(entry.id);
    }
  });

  it('docs/rules.md is generated from the list and current (node scripts/gen-rules.mjs)', () => {
    const written = readFileSync(join(repoRoot, 'docs', 'rules.md'), 'utf8');
    expect(written).toBe(renderRulesMarkdown(loadRules(), loadNotYet()));
  });
});

// The cross-check needs the steering repository's shared/ beside this clone; a
// newcomer's clone has none, so it says it was skipped and why instead of failing.
const catalogueMissing = existsSync(catalogueFile)
  ? ''
  : `skipped: ${catalogueFile} is not there (a clone without ../shared); the project's own list, checklists/catalogue/rules.json, was checked above`;

describe('the rule list against the shared catalogue (../shared/POLICIES.md)', () => {
  it('has the same rule ids as the catalogue', (context) => {
    if (catalogueMissing) return context.skip(catalogueMissing);
    const catalogue = parseCatalogue(readFileSync(catalogueFile, 'utf8'));
    const ours = loadRules().map((rule) => rule.id);
    expect(
      ours.filter((id) => !catalogue.some((rule) => rule.id === id)),
      `in ${RULES}, not in POLICIES.md`,
    ).toEqual([]);
    expect(
      catalogue.map((rule) => rule.id).filter((id) => !ours.includes(id)),
      `in POLICIES.md, not in ${RULES}`,
    ).toEqual([]);
  });

  it('gives each rule the catalogue severity, or says why the seed reads otherwise', (context) => {
    if (catalogueMissing) return context.skip(catalogueMissing);
    const catalogue = new Map(parseCatalogue(readFileSync(catalogueFile, 'utf8')).map((rule) => [rule.id, rule]));
    const wrong: string[] = [];
    for (const rule of loadRules()) {
      const theirs = catalogue.get(rule.id);
      if (!theirs) continue;
      const same = rule.severity === theirs.severity && (rule.stage ?? '') === (theirs.stage ?? '');
      if (!same && !rule.departure)
        wrong.push(
          `${rule.id}: “${rule.severity}” here, “${theirs.severity}” in POLICIES.md line ${theirs.line}: align it or give a departure`,
        );
      if (same && rule.departure) wrong.push(`${rule.id}: a departure is given but the severity agrees with POLICIES.md: remove it`);
    }
    expect(wrong).toEqual([]);
  });

  it('quotes each source sentence word for word from its seed', (context) => {
    if (!existsSync(seedsDir)) return context.skip(`skipped: ${seedsDir} is not there (a clone without ../shared)`);
    const seeds = new Map(
      readdirSync(seedsDir)
        .filter((file) => /^\d{3}_/.test(file))
        .map((file) => [file.slice(0, 3), foldSpace(readFileSync(join(seedsDir, file), 'utf8'))]),
    );
    const wrong: string[] = [];
    for (const rule of loadRules()) {
      if (rule.quote === null) continue;
      const seed = seeds.get(rule.seed ?? '');
      if (!seed) wrong.push(`${rule.id}: no seed ${rule.seed}`);
      else if (!seed.includes(foldSpace(rule.quote))) wrong.push(`${rule.id}: the quote is not in seed ${rule.seed}`);
    }
    expect(wrong).toEqual([]);
  });
});
