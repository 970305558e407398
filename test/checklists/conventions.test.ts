// Every shipped checklist keeps the conventions that let a supervisor trace a
// verdict back to policy: valid data, one file per id, rule ids and severities
// exactly as in the rule catalogue, and nothing in the catalogue left unowned.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, allFields, localize, parseChecklist, type Checklist, type Severity } from '../../sdk/src/index.js';
import { repoRoot } from './support.js';

const checklistsDir = join(repoRoot, 'checklists');
const catalogueFile = join(repoRoot, '..', 'shared', 'POLICIES.md');
const NOT_YET = 'not-yet.json';

const files = readdirSync(checklistsDir).filter((file) => file.endsWith('.json') && file !== NOT_YET).sort();
const loaded = files.map((file) => ({ file, data: JSON.parse(readFileSync(join(checklistsDir, file), 'utf8')) as unknown }));
const checklists = (): Checklist[] => loaded.map(({ data }) => parseChecklist(data));

interface CatalogueRule {
  id: string;
  severity: Severity;
  line: number;
}

/** Reads the rule tables of POLICIES.md: `| ID | rule | severity |`. */
function loadCatalogue(): Map<string, CatalogueRule> {
  if (!existsSync(catalogueFile)) {
    throw new Error(`The rule catalogue is missing: expected it at ${catalogueFile}. Rule ids cannot be checked without it.`);
  }
  const rules = new Map<string, CatalogueRule>();
  readFileSync(catalogueFile, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      const row = /^\|\s*([A-Z]{2,5}-\d{2})\s*\|.*\|\s*([^|]+?)\s*\|\s*$/.exec(text);
      if (!row) return;
      const [, id, written] = row as unknown as [string, string, string];
      const words = written.toLowerCase();
      // "required when a measure is entered", "required (decisional balance advisory)": required.
      const severity: Severity | undefined = words.startsWith('required') ? 'required' : words === 'advisory' ? 'advisory' : undefined;
      if (!severity) throw new Error(`POLICIES.md line ${i + 1}: ${id} has a severity that is neither required nor advisory: “${written}”`);
      if (rules.has(id)) throw new Error(`POLICIES.md line ${i + 1}: ${id} is listed twice`);
      rules.set(id, { id, severity, line: i + 1 });
    });
  if (rules.size === 0) throw new Error(`No rule rows found in ${catalogueFile}: the table format changed?`);
  return rules;
}

interface Pending {
  id: string;
  reason: string;
}

function loadNotYet(): Pending[] {
  const file = join(checklistsDir, NOT_YET);
  expect(existsSync(file), `${NOT_YET} lists the rules no checklist implements yet; create it (\`[]\` when there are none)`).toBe(true);
  const list = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  expect(Array.isArray(list), `${NOT_YET} is an array`).toBe(true);
  for (const entry of list as Pending[]) {
    expect(Object.keys(entry).sort()).toEqual(['id', 'reason']);
    expect(typeof entry.reason === 'string' && entry.reason.trim().length > 0, `${entry.id} needs a reason`).toBe(true);
  }
  return list as Pending[];
}

/** Rule id → severity as implemented; the deadline's rule is always required. */
function implementedRules(checklist: Checklist): Map<string, Severity | undefined> {
  const out = new Map<string, Severity | undefined>();
  for (const rule of checklist.rules) out.set(rule.id, rule.severity);
  if (checklist.deadline) out.set(checklist.deadline.rule, 'required');
  // An attention item only names a rule; it adds no severity of its own.
  for (const item of checklist.attention ?? []) if (!out.has(item.rule)) out.set(item.rule, undefined);
  return out;
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
      const own = [...checklist.rules.map((rule) => rule.id), ...(checklist.deadline ? [checklist.deadline.rule] : [])];
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

describe('the rule catalogue (../shared/POLICIES.md)', () => {
  it('exists and lists rules', () => {
    expect(existsSync(catalogueFile), `the rule catalogue must exist at ${catalogueFile}`).toBe(true);
    expect(loadCatalogue().size).toBeGreaterThan(0);
  });

  it('every catalogue rule is implemented by a checklist or listed in not-yet.json with a reason', () => {
    const catalogue = loadCatalogue();
    const implemented = new Set(checklists().flatMap((c) => [...implementedRules(c).keys()]));
    const pending = new Set(loadNotYet().map((entry) => entry.id));
    const unowned = [...catalogue.keys()].filter((id) => !implemented.has(id) && !pending.has(id));
    expect(unowned, 'rules in POLICIES.md that no checklist implements and not-yet.json does not list').toEqual([]);
  });

  it('every implemented rule exists in the catalogue', () => {
    const catalogue = loadCatalogue();
    for (const checklist of checklists()) {
      const unknown = [...implementedRules(checklist).keys()].filter((id) => !catalogue.has(id));
      expect(unknown, `${checklist.id}.json implements rules POLICIES.md does not have`).toEqual([]);
    }
  });

  it('severities agree with the catalogue', () => {
    const catalogue = loadCatalogue();
    const wrong: string[] = [];
    for (const checklist of checklists()) {
      for (const [id, severity] of implementedRules(checklist)) {
        const listed = catalogue.get(id);
        if (listed && severity && listed.severity !== severity) wrong.push(`${id}: ${severity} in ${checklist.id}.json, ${listed.severity} in POLICIES.md line ${listed.line}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('not-yet.json lists only catalogue rules that are really not implemented', () => {
    const catalogue = loadCatalogue();
    const implemented = new Set(checklists().flatMap((c) => [...implementedRules(c).keys()]));
    for (const entry of loadNotYet()) {
      expect(catalogue.has(entry.id), `${entry.id} in not-yet.json is not in POLICIES.md`).toBe(true);
      expect(implemented.has(entry.id), `${entry.id} is implemented: remove it from not-yet.json`).toBe(false);
    }
  });
});
