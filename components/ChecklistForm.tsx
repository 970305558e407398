// Renders any checklist from its definition: sections, only the questions
// currently enabled, required markers from the rules, inline rule-named issues.
import {
  compileChecklist,
  localize,
  type Checklist,
  type ChecklistField,
  type ChecklistSection,
  type Evaluation,
  type Locale,
} from '@chartguard/sdk';
import { memo, useLayoutEffect, useMemo, type ReactNode } from 'react';
import { seedFieldMeta, type PanelForm } from './form';
import { noFieldIssues, shownIssues, useIssueView, type FieldIssues, type IssueView } from './issue-view';

export interface ChecklistFormProps {
  form: PanelForm;
  checklist: Checklist;
  evaluation: Evaluation;
  /** The evaluation's issues as the panel shows them (./issue-view.ts), when the caller derives them too; else derived here. */
  issues?: IssueView;
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

const NO_PAGE_OWNED: readonly string[] = [];
const NO_PORTAL_VALUES: Readonly<Record<string, readonly string[]>> = {};
const NO_PROMPTS: Readonly<Record<string, ReactNode>> = {};

export function ChecklistForm({
  form,
  checklist,
  evaluation,
  issues,
  locale,
  showAll,
  pageOwned = NO_PAGE_OWNED,
  portalValues = NO_PORTAL_VALUES,
  sectionPrompts = NO_PROMPTS,
}: ChecklistFormProps) {
  const derived = useIssueView(issues ? null : evaluation);
  const view = issues ?? derived!;
  const visible = new Set(evaluation.visible);
  const requiredIds = useMemo(
    () =>
      new Set(
        compileChecklist(checklist)
          .rules.filter((rule) => rule.severity === 'required')
          .flatMap((rule) => (rule.when ? [] : (rule.requires ?? []))),
      ),
    [checklist],
  );
  // The questions as shown, read-only where the portal owns the answer; the same objects until the checklist or the portal's answers change.
  const ownedKey = pageOwned.join('\u0000');
  const defs = useMemo(() => {
    const owned = new Set(ownedKey.split('\u0000'));
    return new Map(
      checklist.sections.flatMap((section) =>
        section.fields.map((def) => [def.id, owned.has(def.id) ? { ...def, readOnly: true } : def] as const),
      ),
    );
  }, [checklist, ownedKey]);

  return (
    <div className="cg-form">
      <FieldMetaSeed form={form} checklist={checklist} shown={evaluation.visible} />
      {checklist.sections.map((section) => {
        const rows: Row[] = section.fields
          .filter((field) => visible.has(field.id))
          .map((field) => {
            const issues = view.byField.get(field.id) ?? noFieldIssues;
            const required =
              requiredIds.has(field.id) || issues.all.some((issue) => issue.severity === 'required' && issue.code === 'missing');
            return { def: defs.get(field.id) ?? field, allowed: portalValues[field.id], issues, required };
          });
        if (!rows.length) return null;
        return <Section key={section.id} {...{ form, section, rows, locale, showAll }} prompt={sectionPrompts[section.id] ?? null} />;
      })}
    </div>
  );
}

/**
 * Draws nothing: gives the questions shown when a checklist opens their form meta in one update before their fields
 * mount (a sibling's layout effects run before those of the sections after it), so they do not each write it. It
 * is left alone while the checklist stays: a question shown later mounts by itself, as it did.
 */
const FieldMetaSeed = memo(
  function FieldMetaSeed({ form, checklist, shown }: { form: PanelForm; checklist: Checklist; shown: readonly string[] }) {
    // biome-ignore lint/correctness/useExhaustiveDependencies: once per form and checklist; `shown` is read then.
    useLayoutEffect(() => {
      seedFieldMeta(form, shown);
    }, [form, checklist]);
    return null;
  },
  (before, after) => before.form === after.form && before.checklist === after.checklist,
);

/** A question as its section shows it. */
interface Row {
  def: ChecklistField;
  allowed: readonly string[] | undefined;
  issues: FieldIssues;
  required: boolean;
}

interface SectionProps {
  form: PanelForm;
  section: ChecklistSection;
  rows: Row[];
  locale: Locale;
  showAll: boolean;
  prompt: ReactNode;
}

const sameRow = (a: Row, b: Row) => a.def === b.def && a.allowed === b.allowed && a.issues === b.issues && a.required === b.required;

/** One section; it is left as it is while its questions, and what each shows, stay the same. */
const Section = memo(
  function Section({ form, section, rows, locale, showAll, prompt }: SectionProps) {
    return (
      <section className="cg-section" aria-labelledby={`cg-section-${section.id}`}>
        <h3 id={`cg-section-${section.id}`}>{localize(section.title, locale)}</h3>
        {prompt}
        {rows.map((row) => (
          <FieldRow
            key={row.def.id}
            form={form}
            def={row.def}
            locale={locale}
            allowed={row.allowed}
            issues={row.issues}
            required={row.required}
            showAll={showAll}
          />
        ))}
      </section>
    );
  },
  (before, after) =>
    before.form === after.form &&
    before.section === after.section &&
    before.locale === after.locale &&
    before.showAll === after.showAll &&
    before.prompt === after.prompt &&
    before.rows.length === after.rows.length &&
    before.rows.every((row, index) => sameRow(row, after.rows[index]!)),
);

interface FieldRowProps {
  form: PanelForm;
  def: ChecklistField;
  locale: Locale;
  allowed: readonly string[] | undefined;
  issues: FieldIssues;
  required: boolean;
  showAll: boolean;
}

/** One question. Its props change only when what it shows does; its own value reaches it through its form field. */
const FieldRow = memo(function FieldRow({ form, def, locale, allowed, issues, required, showAll }: FieldRowProps) {
  return (
    <form.AppField name={def.id as never}>
      {(field) => {
        const shown = shownIssues(issues, showAll || field.state.meta.isTouched);
        return renderField(field as unknown as FieldComponents, def, {
          def,
          locale,
          allowed,
          issues: shown.issues,
          holding: shown.holding,
          required,
        });
      }}
    </form.AppField>
  );
});

type FieldComponents = Record<
  'TextField' | 'ChoiceField' | 'MultiChoiceField' | 'BooleanField' | 'DateTimeField' | 'NumberField' | 'AttendanceField' | 'ReadOnlyField',
  (props: never) => ReactNode
>;

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
