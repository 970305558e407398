// What the FHIR tests share: the shipped checklists, and which rule keys the
// SDK's verdict breaks, named as the exported targetConstraints name them.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CHECKLIST_FORMAT,
  FHIR_TARGET_CONSTRAINT,
  compileChecklist,
  evaluate,
  parseChecklist,
  type Checklist,
  type FhirExtension,
} from '../../sdk/src/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export const shippedChecklists: Checklist[] = readdirSync(join(root, 'checklists'))
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => JSON.parse(readFileSync(join(root, 'checklists', file), 'utf8')) as { format?: unknown })
  .filter((data) => data?.format === CHECKLIST_FORMAT)
  .map((data) => parseChecklist(data));

export const FHIR_TEST_NOW = '2026-06-10T09:30';

export interface Constraint {
  key: string;
  severity: string;
  expression: string;
}
export function constraintsOf(extensions: FhirExtension[] | undefined): Constraint[] {
  return (extensions ?? [])
    .filter((extension) => extension.url === FHIR_TARGET_CONSTRAINT)
    .map((extension) => {
      const parts = extension.extension as {
        url: string;
        valueId?: string;
        valueCode?: string;
        valueExpression?: { expression: string };
      }[];
      const part = (url: string) => parts.find((candidate) => candidate.url === url)!;
      return {
        key: part('key').valueId!,
        severity: part('severity').valueCode!,
        expression: part('expression').valueExpression!.expression,
      };
    });
}

/** The same keys from the SDK's verdict: a rule's missing or failed answers, its suggestions apart. */
export function brokenBySdk(checklist: Checklist, record: Record<string, unknown>, keys: Set<string>): string[] {
  const rules = compileChecklist(checklist).rules;
  const keyOf = (rule: (typeof rules)[number]) => (rule.severity === 'follow-up' ? `${rule.id}.follow-up` : rule.id);
  const broken = new Set<string>();
  for (const issue of evaluate(checklist, record, { now: FHIR_TEST_NOW }).issues) {
    if (issue.code !== 'missing' && issue.code !== 'failed') continue;
    const field = issue.path[0]!;
    const suggesting =
      issue.code === 'missing' && issue.severity === 'advisory'
        ? rules.find((rule) => rule.id === issue.ruleId && rule.suggests?.includes(field) && !rule.requires?.includes(field))
        : undefined;
    const owner = rules.find(
      (rule) =>
        rule.id === issue.ruleId && (rule.severity === issue.severity || (rule.severity !== 'follow-up' && issue.severity !== 'follow-up')),
    );
    const key = suggesting ? `${keyOf(suggesting)}.suggested` : owner ? keyOf(owner) : issue.ruleId;
    if (keys.has(key)) broken.add(key);
  }
  return [...broken].sort();
}
