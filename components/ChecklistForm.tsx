// Renders any checklist from its definition: sections, only the questions
// currently enabled, required markers from the rules, inline rule-named issues.
import { compileChecklist, localize, type Checklist, type ChecklistField, type Evaluation, type Issue, type Locale } from '@chartguard/sdk';
import type { ReactNode } from 'react';
import type { PanelForm } from './form';

export interface ChecklistFormProps {
  form: PanelForm;
  checklist: Checklist;
  evaluation: Evaluation;
  locale: Locale;
  /** Show "missing" issues on untouched fields too (after a held Save or "go to first problem"). */
  showAll: boolean;
  /** Answers the portal owns: shown read-only even if the checklist lets other portals type them. */
  pageOwned?: readonly string[];
  /** Values the portal can hold, by answer id. */
  portalValues?: Readonly<Record<string, readonly string[]>>;
  /** Shown at the top of a section, above its questions, by section id (e.g. last consultation's plan above this one's). */
  sectionPrompts?: Readonly<Record<string, ReactNode>>;
}

export function ChecklistForm({ form, checklist, evaluation, locale, showAll, pageOwned = [], portalValues = {}, sectionPrompts = {} }: ChecklistFormProps) {
  const visible = new Set(evaluation.visible);
  const issuesByField = new Map<string, Issue[]>();
  for (const issue of evaluation.issues) {
    const id = issue.path[0];
    if (id) issuesByField.set(id, [...(issuesByField.get(id) ?? []), issue]);
  }
  const requiredIds = new Set(compileChecklist(checklist).rules.filter((rule) => rule.severity === 'required').flatMap((rule) => (rule.when ? [] : (rule.requires ?? []))));

  return (
    <div className="cg-form">
      {checklist.sections.map((section) => {
        const fields = section.fields.filter((field) => visible.has(field.id));
        if (!fields.length) return null;
        return (
          <section key={section.id} className="cg-section" aria-labelledby={`cg-section-${section.id}`}>
            <h3 id={`cg-section-${section.id}`}>{localize(section.title, locale)}</h3>
            {sectionPrompts[section.id] ?? null}
            {fields.map((def) => (
              <form.AppField key={def.id} name={def.id as never}>
                {(field) => {
                  const all = issuesByField.get(def.id) ?? [];
                  const shown = showAll || field.state.meta.isTouched ? all : all.filter((issue) => issue.code !== 'missing');
                  const owned = pageOwned.includes(def.id) ? { ...def, readOnly: true } : def;
                  const holding = shown.filter((issue) => evaluation.blocking.includes(issue));
                  const props = { def: owned, locale, allowed: portalValues[def.id], issues: shown, holding, required: requiredIds.has(def.id) || all.some((issue) => issue.severity === 'required' && issue.code === 'missing') };
                  return renderField(field as unknown as FieldComponents, owned, props);
                }}
              </form.AppField>
            ))}
          </section>
        );
      })}
    </div>
  );
}

type FieldComponents = Record<'TextField' | 'ChoiceField' | 'MultiChoiceField' | 'BooleanField' | 'DateTimeField' | 'NumberField' | 'AttendanceField' | 'ReadOnlyField', (props: never) => ReactNode>;

function renderField(field: FieldComponents, def: ChecklistField, props: object): ReactNode {
  const pick = (name: keyof FieldComponents) => {
    const Component = field[name] as unknown as (p: object) => ReactNode;
    return <Component {...props} />;
  };
  if (def.readOnly) return pick('ReadOnlyField');
  switch (def.type) {
    case 'text':
    case 'longtext':
      return pick('TextField');
    case 'choice':
      return pick('ChoiceField');
    case 'multichoice':
      return pick('MultiChoiceField');
    case 'boolean':
      return pick('BooleanField');
    case 'number':
      return pick('NumberField');
    case 'attendance':
      return pick('AttendanceField');
    case 'date':
    case 'datetime':
      return pick('DateTimeField');
  }
}
