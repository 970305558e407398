// The answer codes and rule ids a Questionnaire refers to, published as FHIR
// CodeSystems and ValueSets in one Bundle, so a terminology server or another
// forms engine knows the codes without knowing the SDK.
import { ATTENDANCE_CODES, ATTENDANCE_LABELS } from './attendance.js';
import { compileChecklist } from './rules.js';
import { fhirCanonicals, type FhirCanonicals } from './export-fhir.js';
import { readLocale, type LocaleTag } from './inputs.js';
import type { Checklist, ChecklistField } from './model.js';
import { allFields } from './model-utils.js';
import { LOCALES, localize, type Locale, type LocalizedText } from './text.js';

export interface FhirConcept {
  code: string;
  display: string;
  designation?: { language: string; value: string }[];
}
/** What a CodeSystem and a ValueSet both carry: the canonical resource's identity and its language. */
interface FhirCanonicalResource {
  id: string;
  url: string;
  version: string;
  name: string;
  title: string;
  status: 'active';
  language: string;
}
export interface FhirCodeSystem extends FhirCanonicalResource {
  resourceType: 'CodeSystem';
  caseSensitive: true;
  content: 'complete';
  count: number;
  concept: FhirConcept[];
}
export interface FhirValueSet extends FhirCanonicalResource {
  resourceType: 'ValueSet';
  compose: { include: { system: string; version: string }[] };
}
export interface FhirBundle {
  resourceType: 'Bundle';
  type: 'collection';
  entry: { fullUrl: string; resource: FhirCodeSystem | FhirValueSet }[];
}
export interface TerminologyOptions {
  locale?: LocaleTag;
  canonicalBase?: string;
}

const pascal = (id: string) => id.replace(/(^|[-.])([a-zA-Z0-9])/g, (_, __, c: string) => c.toUpperCase());

function concept(code: string, label: LocalizedText, locale: Locale): FhirConcept {
  const designation = LOCALES.filter((other) => other !== locale && label[other] !== label[locale]).map((other) => ({
    language: other,
    value: label[other],
  }));
  return { code, display: localize(label, locale), ...(designation.length && { designation }) };
}

/**
 * Every code system and value set the checklists' Questionnaires use: the
 * shared attendance codes, each choice field's options, and the rule ids.
 * Checklists given twice, or a field's options that disagree between two
 * checklists of one id, are a clear error.
 */
export function toTerminologyBundle(checklists: readonly Checklist[], options: TerminologyOptions = {}): FhirBundle {
  const locale = readLocale(options.locale);
  const canonicals: FhirCanonicals = fhirCanonicals(options.canonicalBase);
  const resources: (FhirCodeSystem | FhirValueSet)[] = [];
  const seen = new Set<string>();
  const versionOf = (list: readonly Checklist[]) => String(Math.max(...list.map((checklist) => checklist.version)));
  const canonical = (url: string, version: string, title: string): FhirCanonicalResource => {
    const id = url.slice(url.lastIndexOf('/') + 1);
    return { id, url, version, name: pascal(id), title, status: 'active', language: locale };
  };
  const codeSystem = (url: string, version: string, title: string, concepts: FhirConcept[]): void => {
    const resource = canonical(url, version, title);
    if (seen.has(url)) throw new Error(`toTerminologyBundle: “${resource.id}” is given twice (two checklists with the same id?).`);
    seen.add(url);
    resources.push({
      resourceType: 'CodeSystem',
      ...resource,
      caseSensitive: true,
      content: 'complete',
      count: concepts.length,
      concept: concepts,
    });
  };
  const valueSet = (url: string, system: string, version: string, title: string): void => {
    resources.push({
      resourceType: 'ValueSet',
      ...canonical(url, version, title),
      compose: { include: [{ system, version }] },
    });
  };

  const allVersions = versionOf(checklists);
  const attendance = ATTENDANCE_CODES.map((code) => concept(code, ATTENDANCE_LABELS[code], locale));
  codeSystem(canonicals.attendance, allVersions, locale === 'zh-CN' ? '出勤代码' : 'Attendance codes', attendance);
  valueSet(canonicals.attendanceValueSet, canonicals.attendance, allVersions, locale === 'zh-CN' ? '出勤代码' : 'Attendance codes');

  const rules = new Map<string, FhirConcept>();
  for (const checklist of checklists) {
    for (const rule of compileChecklist(checklist).rules) rules.set(rule.id, concept(rule.id, rule.summary, locale));
    if (checklist.deadline) rules.set(checklist.deadline.rule, concept(checklist.deadline.rule, checklist.deadline.summary, locale));
    for (const attention of checklist.attention ?? []) rules.set(attention.rule, concept(attention.rule, attention.summary, locale));
    const version = String(checklist.version);
    for (const field of allFields(checklist) as ChecklistField[]) {
      if (field.type !== 'choice' && field.type !== 'multichoice') continue;
      const title = `${localize(checklist.title, locale)}: ${localize(field.label, locale)}`;
      const system = canonicals.options(checklist, field);
      codeSystem(
        system,
        version,
        title,
        field.options!.map((option) => concept(option.value, option.label, locale)),
      );
      valueSet(canonicals.optionsValueSet(checklist, field), system, version, title);
    }
  }
  codeSystem(canonicals.rules, allVersions, locale === 'zh-CN' ? 'Chartguard 规则' : 'Chartguard rules', [...rules.values()]);

  return { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ fullUrl: resource.url, resource })) };
}
